# vk-ingest on the sample client, other boundary formats, and bad input.
. "$VK_ROOT/tests/lib.sh"

ING=$BIN/vk-ingest

# ingest DIR: runs vk-ingest on the config in DIR, output in DIR/out.
ingest() { "$ING" -o "$1/out" "$1/quickscan.yaml"; }

# Counts geometry.csv rows of one level.
nlevel() { awk -F, -v l="$2" 'NR > 1 && $2 == l' "$1/out/geometry.csv" | wc -l; }

# True when every coordinate of geometry.csv lies in Utrecht's RD box.
rd_box() {
	grep -oE '[0-9.]+ [0-9.]+' "$1/out/geometry.csv" | awk '
		{ n++; if ($1 < 120000 || $1 > 150000 || $2 < 440000 || $2 > 470000) bad++ }
		END { exit !(n > 1000 && bad == 0) }'
}

# True when values.csv has a row for every variable the sample config uses.
all_vars() {
	local sv
	for sv in kwb2023,a_inw kwb2023,a_woning series,p_wcorpw series,p_hh_li \
	          leefbaarometer,onv leefbaarometer,lbm; do
		awk -F, -v s="${sv%,*}" -v v="${sv#*,}" '$1 == s && $3 == v { f = 1 }
			END { exit !f }' "$1/out/values.csv" || return 1
	done
}

check "--version names the tool" sh -c '"$0" --version | grep -qx "vk-ingest (QuickScan Veerkracht) 0.1.0"' "$ING"
check "--help prints the usage" sh -c '"$0" --help | grep -q "^usage: vk-ingest"' "$ING"
must_fail "no -o is a usage error" "usage: vk-ingest" "$ING" "$VK_ROOT/data/utrecht/quickscan.yaml"
"$ING" -x a >/dev/null 2>&1
check "an unknown option exits 2" test $? -eq 2

# The sample.
S=$VK_TMP/ing-sample
copy_sample ing-sample
check "the sample ingests quietly" sh -c '"$0" -o "$1/out" "$1/quickscan.yaml" 2>&1 | awk "END { exit NR != 0 }"' "$ING" "$S"
check "111 buurt geometries" test "$(nlevel "$S" buurt)" -eq 111
check "10 wijk geometries" test "$(nlevel "$S" wijk)" -eq 10
check "geometry is a MULTIPOLYGON with 2 decimals" grep -qE '^buurten,buurt,BU03440111,,"MULTIPOLYGON \(\(\([0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2},' "$S/out/geometry.csv"
check "RD New coordinates within Utrecht" rd_box "$S"
check "values for every variable the config uses" all_vars "$S"
check "values keep every digit" grep -qx 'leefbaarometer,BU03440111,lbm,2002,4.16180252839055' "$S/out/values.csv"
check "missing values are NA" grep -qE '^kwb2023,[A-Z0-9]+,a_woning,2023,NA$|^leefbaarometer,BU[0-9]+,onv,[0-9]+,NA$' "$S/out/values.csv"
check "only referenced variables" sh -c '! grep -q ",p_koopw," "$0"' "$S/out/values.csv"
check "names keep Mariëndaalstraat" grep -q '^kwb2023,BU03440224,"Egelantierstraat, Mariëndaalstraat e.o."$' "$S/out/names.csv"
check "names keep Máximapark" grep -qx 'kwb2023,BU03441014,Máximapark' "$S/out/names.csv"
cp "$S/out/values.csv" "$VK_TMP/values.good"
cp "$S/out/names.csv" "$VK_TMP/names.good"
cp "$S/out/geometry.csv" "$VK_TMP/geometry.good"
ingest "$S" 2>/dev/null
same_file "a second run writes the same values.csv" "$VK_TMP/values.good" "$S/out/values.csv"
same_file "a second run writes the same geometry.csv" "$VK_TMP/geometry.good" "$S/out/geometry.csv"

# Other boundary formats, made from the sample: the same geometry.csv.
if command -v ogr2ogr >/dev/null; then
	G=$VK_TMP/ing-gpkg
	copy_sample ing-gpkg
	ogr2ogr -f GPKG "$G/buurten.gpkg" "$G/buurten-2013.geojson"
	ogr2ogr -f GPKG "$G/wijken.gpkg" "$G/wijken-2013.geojson"
	sed -i 's/buurten-2013\.geojson/buurten.gpkg/; s/wijken-2013\.geojson/wijken.gpkg/' "$G/quickscan.yaml"
	check "GeoPackage boundaries ingest" ingest "$G"
	same_file "GeoPackage gives the same geometry.csv" "$VK_TMP/geometry.good" "$G/out/geometry.csv"
	H=$VK_TMP/ing-shp
	copy_sample ing-shp
	ogr2ogr -f "ESRI Shapefile" "$H/buurten.shp" "$H/buurten-2013.geojson"
	ogr2ogr -f "ESRI Shapefile" "$H/wijken.shp" "$H/wijken-2013.geojson"
	sed -i 's/buurten-2013\.geojson/buurten.shp/; s/wijken-2013\.geojson/wijken.shp/' "$H/quickscan.yaml"
	check "Shapefile boundaries ingest" ingest "$H"
	same_file "Shapefile gives the same geometry.csv" "$VK_TMP/geometry.good" "$H/out/geometry.csv"
else
	ok "# SKIP no ogr2ogr"
fi

# A BOM, ';' and a decimal comma (as Excel writes for Dutch users), and
# CRLF line ends: the same values.
B=$VK_TMP/ing-bom
copy_sample ing-bom
sed -i -e '1s/^/\xEF\xBB\xBF/' -e 's/,/;/g' -e 's/\([0-9]\)\.\([0-9]\)/\1,\2/g' \
	"$B/leefbaarometer-3-utrecht-buurten.csv"
sed -i 's/\r*$/\r/' "$B/kwb-series-2016-2025-utrecht.csv"
sed -i '/missing: \["NA"\]/a\    decimal: ","' "$B/quickscan.yaml"
check "BOM, ';', decimal comma and CRLF ingest" ingest "$B"
same_file "... and give the same values.csv" "$VK_TMP/values.good" "$B/out/values.csv"

# Bad input: each fails with file:line(:col) and writes nothing.
X=$VK_TMP/ing-bad
bad() { # bad DESC PATTERN EDIT-COMMAND
	copy_sample ing-bad
	(cd "$X" && eval "$3")
	must_fail "$1" "$2" ingest "$X"
}
bad "a ragged row names file and line" \
	'kwb-2023-utrecht\.csv:5: expected 121 fields \(as in the header\), found 122' \
	"sed -i '5s/^\(BU[0-9]*\),/\1,x,/' kwb-2023-utrecht.csv"
bad "invalid UTF-8 names line and column" \
	'kwb-2023-utrecht\.csv:5:22: invalid UTF-8' \
	"sed -i '5s/Oog/O\xffg/' kwb-2023-utrecht.csv"
bad "a missing column names it and the config line" \
	'kwb-2023-utrecht\.csv:1: no column "a_inw" \(.*quickscan\.yaml:[0-9]+:[0-9]+ asks for it\); the file has: gwb_code_10' \
	"sed -i '1s/,a_inw,/,a_inw_x,/' kwb-2023-utrecht.csv"
bad "an unterminated quote names where it opens" \
	'leefbaarometer-3-utrecht-buurten\.csv:988:12: unterminated quoted field' \
	"printf 'BU03440111,\"2026,1,2,3,4,5,6,7\n' >> leefbaarometer-3-utrecht-buurten.csv"
bad "a stray quote names line and column" \
	'kwb-2023-utrecht\.csv:4:34: unexpected text after a closing quote' \
	"sed -i '4s/\"Welgelegen, Den Hommel\"/\"Welgelegen\" Den Hommel/' kwb-2023-utrecht.csv"
bad "a non-number names line, column and text" \
	'kwb-2023-utrecht\.csv:5:[0-9]+: expected a number in column "a_inw", found "42x"' \
	"sed -i '5s/,1,4200,/,1,42x,/' kwb-2023-utrecht.csv"
bad "a decimal comma without decimal: \",\" is not a number" \
	'leefbaarometer-3-utrecht-buurten\.csv:2:[0-9]+: expected a number in column "lbm", found "4,16"' \
	"sed -i '2s/,4\.16180252839055,/,\"4,16\",/' leefbaarometer-3-utrecht-buurten.csv"
bad "an unknown code format names line and column" \
	'kwb-series-2016-2025-utrecht\.csv:30:1: unknown code format "XX12"' \
	"sed -i '30s/^[^,]*,/XX12,/' kwb-series-2016-2025-utrecht.csv"
bad "a year that is no number names line and column" \
	'leefbaarometer-3-utrecht-buurten\.csv:2:12: expected a year in column "jaar", found "20x2"' \
	"sed -i '2s/,2002,/,20x2,/' leefbaarometer-3-utrecht-buurten.csv"
bad "a duplicate value names both lines" \
	'kwb-series-2016-2025-utrecht\.csv:5610: duplicate value for GM0344, variable "p_hh_li", year 2017 \(also on line 3\)' \
	"sed -n 3p kwb-series-2016-2025-utrecht.csv >> kwb-series-2016-2025-utrecht.csv"
bad "a duplicate header name" \
	'kwb-2023-utrecht\.csv:1: duplicate column name "gwb_code"' \
	"sed -i '1s/,regio,/,gwb_code,/' kwb-2023-utrecht.csv"
bad "a long-layout variable no row has" \
	'kwb-series-2016-2025-utrecht\.csv: no row has "p_hh_lx" in column "indicator"' \
	"sed -i 's/column: p_hh_li/column: p_hh_lx/' quickscan.yaml"
bad "a boundary code of the wrong level names the feature" \
	'buurten-2013\.geojson: feature 0 \(KODE "0111"\): code "BU0340111" is not a buurt code' \
	"sed -i 's/code_prefix: BU0344/code_prefix: BU034/' quickscan.yaml"
bad "a missing code field names the config line" \
	'buurten-2013\.geojson: no field "KODEX" in layer "buurten-2013" \(.*quickscan\.yaml:[0-9]+:[0-9]+ asks for it\); the layer has: ID, KODE' \
	"sed -i 's/code_field: KODE/code_field: KODEX/' quickscan.yaml"

# A failed run replaces nothing: the earlier good output stays.
copy_sample ing-bad
ingest "$X" 2>/dev/null
cp "$X/out/values.csv" "$VK_TMP/values.before"
sed -i '5s/^\(BU[0-9]*\),/\1,x,/' "$X/kwb-2023-utrecht.csv"
must_fail "a failed run fails" "expected 121 fields" ingest "$X"
same_file "... and leaves values.csv byte-identical" "$VK_TMP/values.before" "$X/out/values.csv"
check "... and leaves no temporary files" sh -c '! ls "$0" | grep -q tmp' "$X/out"
