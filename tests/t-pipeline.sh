# ingest → index → classify on a hand-worked case and on the Utrecht sample;
# config errors with positions; atomic outputs.
. tests/lib.sh
MINI=tests/fixtures/mini

for tool in ingest index classify render; do
	check "vk-$tool --help" "$BIN/vk-$tool" --help
	check "vk-$tool --version" "$BIN/vk-$tool" --version
	must_fail "vk-$tool without arguments is a usage error" "usage:" \
		"$BIN/vk-$tool"
done

# --- the hand-worked case (numbers in tests/unit/test_classify.c) -------
check "mini pipeline runs" pipeline mini $MINI/quickscan.yaml
csv_cut "$VK_TMP/mini/classify/buurten.csv" \
	code,dK,dO,k_change,o_change,class,class_rel,corporatiebuurt,alarm,na_reason \
	>"$VK_TMP/mini-classes.csv"
same_file "mini: classes equal the hand-worked ones" \
	$MINI/expected-classes.csv "$VK_TMP/mini-classes.csv"
same_file "mini: buurten and inhabitants per class add up" \
	$MINI/expected-summary.csv "$VK_TMP/mini/classify/summary.csv"
check "mini: tau = 0.5 x sd(dO) = 0.081803" \
	grep -q '^tau,0.081803,' "$VK_TMP/mini/classify/parameters.csv"
check "mini: BOM, ';' and decimal comma read (4.450 inhabitants)" \
	grep -q '^kwb,GM9999,a_inw,2023,4450$' "$VK_TMP/mini/ingest/values.csv"
check "mini: names keep their accents" \
	grep -q 'Mariëndaalstraat e.o.' "$VK_TMP/mini/index/buurten.csv"

# --- the Utrecht sample ---------------------------------------------------
UT=data/utrecht/quickscan.yaml
check "utrecht pipeline runs" pipeline ut $UT
same_file "utrecht: per-buurt CSV equals the checked-in expected file" \
	tests/expected/utrecht-classify-buurten.csv "$VK_TMP/ut/classify/buurten.csv"
check "utrecht: 111 buurten" \
	test "$(($(wc -l <"$VK_TMP/ut/classify/buurten.csv") - 1))" -eq 111
check "utrecht: 10 wijken" \
	test "$(($(wc -l <"$VK_TMP/ut/index/wijken.csv") - 1))" -eq 10
check "utrecht: the missing Leefbaarometer buurt is reported" \
	grep -q 'source leefbaarometer.*1 of 111 buurten missing: BU03440952' \
	"$VK_TMP/ut/index/report.txt"
check "utrecht: the buurt without Leefbaarometer data is NA" \
	grep -q '^BU03440952,.*,minder dan 100 inwoners; K 2018 ontbreekt; K 2024 ontbreekt; O 2018 ontbreekt; O 2024 ontbreekt$' \
	"$VK_TMP/ut/classify/buurten.csv"
check "utrecht: inhabitants per class add up to the buurten total" \
	awk -F, '$1=="absolute" && $2!="TOTAL" {s+=$5} $1=="absolute" && $2=="TOTAL" {t=$5}
		END {exit !(s==t && t>300000)}' "$VK_TMP/ut/classify/summary.csv"

# --- bad config: file:line:column and what was expected ------------------
copy_sample bad
cfg=$VK_TMP/bad/quickscan.yaml
run_index() { "$BIN/vk-index" -i "$VK_TMP/ut/ingest" -o "$VK_TMP/bad/index" "$cfg"; }

sed 's/^  code: GM0344.*/  code: [GM0344/' $UT >"$cfg"
must_fail "yaml syntax error names line and column" \
	'quickscan.yaml:[0-9]+:[0-9]+: .*(flow|expected)' run_index
sed 's/^  k_threshold: 1.0 .*/  k_threshold: veel/' $UT >"$cfg"
must_fail "yaml type error names the key and what was found" \
	'quickscan.yaml:[0-9]+:[0-9]+: expected a number for "k_threshold", found "veel"' run_index
sed 's/^  min_inhabitants: 100 .*/  min_inhabitant: 100/' $UT >"$cfg"
must_fail "unknown key is refused with the keys allowed" \
	'quickscan.yaml:[0-9]+:[0-9]+: unknown key "min_inhabitant" in classification; expected one of' run_index
sed 's/^  name: Utrecht$/  name: Utrecht\n  name: Utreg/' $UT >"$cfg"
must_fail "duplicate key is refused" \
	'quickscan.yaml:9:3: duplicate key "name" \(first at line 8\)' run_index
sed 's/file: kwb-2023-utrecht.csv/file: kwb-2022-utrecht.csv/' $UT >"$cfg"
must_fail "missing data file named with the config line" \
	'quickscan.yaml:[0-9]+:[0-9]+: source "kwb2023": cannot open .*kwb-2022-utrecht.csv' run_index
sed 's/^    source: series$/    source: serie/' $UT >"$cfg"
must_fail "unknown source id" 'unknown source "serie"' run_index
printf 'a: &x [1]\nb: *x\n' >"$cfg"
must_fail "anchors and aliases are refused" 'anchors \(&x\) are not supported' run_index
sed 's/^    year: 2024$/    year: 2031/' $UT >"$cfg"
must_fail "a year the data does not have is an error, not all-NA" \
	'indicator P: p_wcorpw has no value for 2031 in any buurt' run_index

# --- a failed run leaves earlier outputs untouched -----------------------
cp "$VK_TMP/ut/classify/buurten.csv" "$VK_TMP/before.csv"
printf 'not,a,table\n' >"$VK_TMP/ut/index/buurten.csv"
must_fail "classify on a broken index fails" 'buurten.csv' \
	"$BIN/vk-classify" -i "$VK_TMP/ut/index" -o "$VK_TMP/ut/classify" $UT
same_file "a failed classify leaves the previous output" \
	"$VK_TMP/before.csv" "$VK_TMP/ut/classify/buurten.csv"
check "no temporary files left behind" \
	test -z "$(find "$VK_TMP/ut" -name '*.tmp.*')"

# --- a working area of a few wijken (a corporation's area) ----------------
# The summary covers the area; tau and the z-scores stay city-wide.
copy_sample mini-area
cp $MINI/* "$VK_TMP/mini-area/"
sed -i 's/^  name: Proefstad$/  name: Proefstad\n  wijken: [WK999901]/' "$VK_TMP/mini-area/quickscan.yaml"
check "mini with area.wijken runs" pipeline mini-area-out "$VK_TMP/mini-area/quickscan.yaml"
check "area.wijken: the summary counts the area's 3 buurten" \
	grep -q '^absolute,TOTAL,Totaal,3,2300$' "$VK_TMP/mini-area-out/classify/summary.csv"
check "area.wijken: tau is still computed over the whole gemeente" \
	grep -q '^tau,0.081803,' "$VK_TMP/mini-area-out/classify/parameters.csv"
sed -i 's/  wijken: \[WK999901\]/  wijken: [WK034401]/' "$VK_TMP/mini-area/quickscan.yaml"
must_fail "area.wijken outside the gemeente is refused" \
	'quickscan.yaml:[0-9]+:[0-9]+: expected a wijk code of GM9999 like WK999901, found "WK034401"' \
	"$BIN/vk-index" -i "$VK_TMP/mini-area-out/ingest" -o "$VK_TMP/x" "$VK_TMP/mini-area/quickscan.yaml"
