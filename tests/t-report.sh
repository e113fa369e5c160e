# The whole chain through make, on a copy of the sample: a good report, then
# bad inputs that must each fail with a clear message and a non-zero exit,
# leaving the earlier good PDF byte-identical.
. tests/lib.sh

C=$VK_TMP/client O=$VK_TMP/out PDF=$VK_TMP/out/quickscan-client.pdf
copy_sample client
build() { make -s --no-print-directory -C "$VK_ROOT" B="$VK_BUILD" CLIENT=client \
	DATA="$C" OUT="$O" "$PDF"; }

check "a good report is built through make" build
cp "$PDF" "$VK_TMP/good.pdf"
check "a rerun with nothing changed runs no stage" \
	test -z "$(make -s --no-print-directory -C "$VK_ROOT" B="$VK_BUILD" CLIENT=client DATA="$C" OUT="$O" "$PDF")"

# bad DESC PATTERN SED-SCRIPT FILE: breaks FILE of the copy, expects failure.
bad() {
	local desc=$1 pat=$2 script=$3 file=$C/$4
	cp "$file" "$VK_TMP/orig"
	sed -i "$script" "$file"
	must_fail "$desc" "$pat" build
	same_file "$desc: earlier PDF untouched" "$VK_TMP/good.pdf" "$PDF"
	cp "$VK_TMP/orig" "$file"
}
bad "yaml syntax error" 'quickscan.yaml:[0-9]+:[0-9]+: ' \
	's/^  name: Utrecht$/  name: "Utrecht/' quickscan.yaml
bad "yaml type error" 'quickscan.yaml:[0-9]+:[0-9]+: expected a number for "min_inhabitants"' \
	's/^  min_inhabitants: 100 .*/  min_inhabitants: [100]/' quickscan.yaml
bad "ragged csv row" 'kwb-2023-utrecht.csv:5: expected [0-9]+ fields' \
	'5s/,[^,]*$//' kwb-2023-utrecht.csv
bad "missing column" 'no column "onv"' \
	'1s/,onv,/,onw,/' leefbaarometer-3-utrecht-buurten.csv
bad "invalid UTF-8" 'kwb-2023-utrecht.csv:8:[0-9]+: .*UTF-8' \
	'8s/Lombok/Lomb\xc3\x28k/' kwb-2023-utrecht.csv
check "the good report still passes qpdf --check" qpdf --check "$PDF"

# The exports next to the PDF: the classification as GeoPackage and CSV.
G=$O/veerkracht-client.gpkg
check "make builds the GeoPackage and CSV exports" \
	make -s --no-print-directory -C "$VK_ROOT" B="$VK_BUILD" CLIENT=client DATA="$C" OUT="$O" \
	"$G" "$O/veerkracht-client-buurten.csv"
check "the GeoPackage layer has 111 buurten in RD New" \
	sh -c "ogrinfo -so '$G' buurten | grep -q 'Feature Count: 111' && ogrinfo -so '$G' buurten | grep -q 'RD New'"
check "the GeoPackage keeps names and classes" \
	sh -c "ogrinfo -q '$G' -sql \"select name, class from buurten where code = 'BU03440611'\" | grep -q 'class (String) = VD'"
same_file "the CSV export is the per-buurt classification" \
	"$O/classify/buurten.csv" "$O/veerkracht-client-buurten.csv"
cp "$G" "$VK_TMP/g1.gpkg"; rm -f "$G"
make -s --no-print-directory -C "$VK_ROOT" B="$VK_BUILD" CLIENT=client DATA="$C" OUT="$O" "$G"
same_file "the GeoPackage is byte-identical on a rerun" "$VK_TMP/g1.gpkg" "$G"
check "make puts the outlook projections next to the PDF" \
	make -s --no-print-directory -C "$VK_ROOT" B="$VK_BUILD" CLIENT=client DATA="$C" OUT="$O" \
	"$O/doorkijk-client-projecties.csv"
check "the projections CSV has wijk, scenario, year, segment and value" \
	sh -c "head -n 1 '$O/doorkijk-client-projecties.csv' | grep -q '^wijk,scenario,year,segment,variable,value$' &&
	grep -q '^WK034403,met inzet,2034,' '$O/doorkijk-client-projecties.csv'"
