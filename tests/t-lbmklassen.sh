# The nine Leefbaarometer classes from classification.lbm_klassen: the
# config checks (file:line:column), L_klasse in classify/buurten.csv against
# an awk re-computation from the L column, the bounds in parameters.csv,
# the L map page with the nine classes, and nothing new without the key.
. "$VK_ROOT/tests/lib.sh"

W=$VK_TMP/lbm
C=$VK_TMP/lbmclient
UT=$C/quickscan.yaml
PDF=$W/q.pdf
export SOURCE_DATE_EPOCH=1763726400

# TEST VALUES, NOT THE OFFICIAL LEEFBAAROMETER BOUNDS: eight ascending
# numbers spread over the sample's lbm 2024 range (3.77 .. 4.43), so that
# every class holds buurten.
BOUNDS="3.80, 3.90, 3.95, 4.00, 4.10, 4.15, 4.25, 4.35"
NAMES="zeer onvoldoende|ruim onvoldoende|onvoldoende|zwak|voldoende|ruim voldoende|goed|zeer goed|uitstekend"

copy_sample lbmclient
sed -i "s/^  corporatiebuurt: 66.7 .*/&\n  lbm_klassen: [$BOUNDS]  # test values/" "$UT"
check "the config has lbm_klassen" grep -q '^  lbm_klassen: \[3.80' "$UT"
check "pipeline with lbm_klassen" pipeline lbm "$UT"
B=$W/classify/buurten.csv

check "L_klasse follows L in buurten.csv" \
	sh -c 'head -n 1 "$0" | grep -q ",L,L_klasse,corporatiebuurt,"' "$B"

# Recompute every class from the L column (6 decimals; no test bound lies
# within 1e-6 of a value) and compare, row by row.
csv_cut "$B" code,L,L_klasse | awk -F, -v bounds="$BOUNDS" '
	BEGIN { nb = split(bounds, b, /, */) }
	NR == 1 { next }
	$2 == "NA" { if ($3 != "NA") { print "no L but class " $3 " in " $1; bad++ }; next }
	{
		k = 1
		for (i = 1; i <= nb; i++) if ($2 + 0 >= b[i] + 0) k = i + 1
		if ($3 != k) { print $1 ": L " $2 " gives class " k ", file has " $3; bad++ }
		withl++; n[$3]++
	}
	END {
		for (k = 1; k <= 9; k++) sum += n[k]
		printf "%d %d %d\n", withl, sum, bad
		for (k = 1; k <= 9; k++) printf "class %d: %d\n", k, n[k] > "/dev/stderr"
	}' >"$VK_TMP/lbm.out" 2>"$VK_TMP/lbm.cnt"
read -r withl sum bad <<<"$(tail -n 1 "$VK_TMP/lbm.out")"
check "L_klasse matches an awk re-computation from L" test "${bad:-x}" = 0
[ "${bad:-x}" = 0 ] || sed 's/^/#   /' "$VK_TMP/lbm.out" | head -n 10
check "every buurt with L has a class (110 of 111)" test "$withl" = 110
check "the classes add up to the buurten with L" test "$sum" = "$withl"
check "every class holds buurten with the test bounds" \
	awk '$3 == 0 { exit 1 }' "$VK_TMP/lbm.cnt"

check "parameters.csv has the eight bounds" sh -c '
	test "$(grep -c "^lbm_klasse_[2-9]," "$0")" = 8 &&
	grep -q "^lbm_klasse_2,3.800000,\"L vanaf deze waarde: Leefbaarometer-klasse 2, ruim onvoldoende" "$0" &&
	grep -q "^lbm_klasse_9,4.350000,.*uitstekend" "$0"' "$W/classify/parameters.csv"

# The L map page: the nine classes, and where the bounds come from.
check "outlook" "$BIN/vk-outlook" -w "$W" -o "$W/outlook" "$UT"
check "the report renders" "$BIN/vk-render" -w "$W" -t templates/quickscan -o "$PDF" "$UT"
p=$(mutool show "$PDF" outline 2>/dev/null | grep -F '"Leefbaarometer totaalscore (L)' |
	sed 's/.*#page=\([0-9]*\).*/\1/')
check "the L page is in the outline" test -n "$p"
pdftotext -q -f "${p:-1}" -l "${p:-1}" "$PDF" - | tr '\n' ' ' >"$VK_TMP/lpage.txt"
missing=
IFS='|' read -ra names <<<"$NAMES"
for nm in "${names[@]}"; do
	grep -qF " $nm " "$VK_TMP/lpage.txt" || missing="$missing [$nm]"
done
check "the L page names the nine classes" test -z "$missing"
[ -n "$missing" ] && echo "#   missing:$missing"
check "the L page says the bounds come from lbm_klassen" grep -q "lbm_klassen" "$VK_TMP/lpage.txt"
check "the L page shows a bound range" grep -qF "4,25 – 4,35" "$VK_TMP/lpage.txt"
check "the L page has no quintiles" sh -c '! grep -q kwintielen "$0"' "$VK_TMP/lpage.txt"

# Without the key: no column, no parameters, the quintile page.
check "pipeline without lbm_klassen" pipeline lbm0 "$VK_ROOT/data/utrecht/quickscan.yaml"
check "no L_klasse column without lbm_klassen" \
	sh -c '! head -n 1 "$0" | grep -q L_klasse' "$VK_TMP/lbm0/classify/buurten.csv"
check "no lbm parameters without lbm_klassen" \
	sh -c '! grep -q "^lbm_" "$0"' "$VK_TMP/lbm0/classify/parameters.csv"

# Bad bounds: file:line:column, what was expected and what was found.
cfg=$VK_TMP/lbmbad/quickscan.yaml
copy_sample lbmbad
run_classify() { "$BIN/vk-classify" -i "$W/index" -o "$VK_TMP/lbmbad/out" "$cfg"; }
# with_bounds TEXT: the sample config with `lbm_klassen: TEXT`; sets LN to
# its line and COL to the column where TEXT starts.
with_bounds() {
	grep -v '^  lbm_klassen:' "$UT" |
		sed "s/^  corporatiebuurt: 66.7 .*/&\n  lbm_klassen: $1/" >"$cfg"
	LN=$(grep -n '^  lbm_klassen: ' "$cfg" | cut -d: -f1)
	COL=16
}
with_bounds "[3.80, 3.90, 3.95, 4.00, 4.10, 4.15, 4.25]"
must_fail "7 bounds are refused at the list" \
	"quickscan.yaml:$LN:$COL: expected 8 numbers for \"lbm_klassen\" .*found 7" run_classify
with_bounds "[3.80, 3.90, 3.95, 4.00, 4.10, 4.15, 4.25, 4.35, 4.40]"
must_fail "9 bounds are refused" "quickscan.yaml:$LN:$COL: expected 8 numbers .*found 9" run_classify
with_bounds "[3.80, 3.90, 3.95, vier, 4.10, 4.15, 4.25, 4.35]"
must_fail "a non-number is refused at the item" \
	"quickscan.yaml:$LN:$((COL + 19)): expected a number as bound 4 of \"lbm_klassen\", found \"vier\"" run_classify
with_bounds "[3.80, 3.90, 3.95, \"4.00\", 4.10, 4.15, 4.25, 4.35]"
must_fail "a quoted number is refused" \
	"quickscan.yaml:$LN:$((COL + 19)): expected a number as bound 4" run_classify
with_bounds "[4.35, 4.25, 4.15, 4.10, 4.00, 3.95, 3.90, 3.80]"
must_fail "descending bounds are refused at the first offender" \
	"quickscan.yaml:$LN:$((COL + 7)): expected strictly ascending bounds in \"lbm_klassen\", found 4.25 after 4.35" run_classify
with_bounds "[3.80, 3.90, 3.90, 4.00, 4.10, 4.15, 4.25, 4.35]"
must_fail "equal bounds are refused" \
	"quickscan.yaml:$LN:$((COL + 13)): expected strictly ascending .*found 3.90 after 3.90" run_classify
with_bounds "4.0"
must_fail "a scalar is refused" \
	"quickscan.yaml:$LN:$COL: expected a list of 8 numbers for \"lbm_klassen\" .*found \"4.0\"" run_classify
with_bounds "{a: 1}"
must_fail "a mapping is refused" \
	"quickscan.yaml:$LN:$COL: expected a list of 8 numbers .*found a mapping" run_classify
with_bounds "[$BOUNDS]"
sed -i '/^  L:$/,/^    year: 2024$/d' "$cfg"
check "the edited config has no indicator L" sh -c '! grep -q "^  L:" "$0"' "$cfg"
must_fail "lbm_klassen without indicator L is refused" \
	"quickscan.yaml:[0-9]+:$COL: \"lbm_klassen\" classes indicator L, but indicators has no \"L\"" run_classify
