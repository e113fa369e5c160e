# Sterke groei (classification.growth): growth and growth_flag in
# classify/buurten.csv against an awk re-computation from the index values,
# Leeuwesteyn flagged, the samenvatting's count, the G mark in Bijlage A,
# nothing new without the key, and the config checks (file:line:column).
. "$VK_ROOT/tests/lib.sh"

W=$VK_TMP/growth
UT=$VK_ROOT/data/utrecht/quickscan.yaml
PDF=$W/q.pdf
export SOURCE_DATE_EPOCH=1763726400

check "the sample config enables growth" \
	sh -c 'sed -n "/^  growth:/,/^    threshold:/p" "$0" | grep -q "^    column: a_inw$"' "$UT"
check "pipeline with growth" pipeline growth "$UT"
B=$W/classify/buurten.csv
I=$W/index/buurten.csv

check "index collects the growth column in K's two years" \
	sh -c 'head -n 1 "$0" | grep -q ",series.a_inw.2018,series.a_inw.2024$"' "$I"
check "growth and growth_flag follow dK in buurten.csv" \
	sh -c 'head -n 1 "$0" | grep -q ",dK,growth,growth_flag,O_base,"' "$B"
check "parameters.csv has the threshold with a Dutch description" \
	grep -q '^growth_threshold,50.0,"sterke groei: a_inw 2018→2024 .*wijzigt geen klasse"$' \
	"$W/classify/parameters.csv"

# Recompute growth (2 decimals, as classify writes it) and the flag from
# the index values, per buurt, and compare with what classify wrote.
csv_cut "$I" code,series.a_inw.2018,series.a_inw.2024 >"$VK_TMP/g-in.csv"
csv_cut "$B" code,growth,growth_flag >"$VK_TMP/g-out.csv"
awk -F, -v thr=50 '
	FNR == 1 { next }
	NR == FNR { base[$1] = $2; now[$1] = $3; next }
	{
		n++
		if (!($1 in base)) { print "not in the index: " $1; bad++; next }
		b = base[$1]; e = now[$1]
		if (b == "NA" || e == "NA" || b + 0 <= 0) { g = "NA"; f = "NA" }
		else {
			v = 100 * (e - b) / b
			g = sprintf("%.2f", v); if (g == "-0.00") g = "0.00"
			f = (v > thr || v < -thr) ? 1 : 0
		}
		if ($2 != g || $3 != f) { print $1 ": expected " g "," f ", file has " $2 "," $3; bad++ }
		flagged += ($3 == "1")
	}
	END { printf "%d %d %d\n", n, flagged, bad }' "$VK_TMP/g-in.csv" "$VK_TMP/g-out.csv" >"$VK_TMP/g.out"
read -r n flagged bad <<<"$(tail -n 1 "$VK_TMP/g.out")"
check "growth and growth_flag match an awk re-computation (111 buurten)" \
	test "${bad:-x}" = 0 -a "${n:-0}" = 111
[ "${bad:-x}" = 0 ] || sed 's/^/#   /' "$VK_TMP/g.out" | head -n 10
check "Leeuwesteyn (495 -> 2585) is flagged at +422.22%" \
	grep -q '^BU03440934,422.22,1$' "$VK_TMP/g-out.csv"
check "just over the threshold is flagged (Hoge Weide, +50.48%)" \
	grep -q '^BU03440933,50.48,1$' "$VK_TMP/g-out.csv"
check "base 0 gives NA (Bedrijvengebied Strijkviertel)" \
	grep -q '^BU03440952,NA,NA$' "$VK_TMP/g-out.csv"
csv_cut "$B" code,class,class_rel,k_change,o_change >"$VK_TMP/g-cls.a"
csv_cut "$VK_ROOT/tests/expected/utrecht-classify-buurten.csv" \
	code,class,class_rel,k_change,o_change >"$VK_TMP/g-cls.b"
same_file "the flag changes no class (classes equal the golden file's)" \
	"$VK_TMP/g-cls.b" "$VK_TMP/g-cls.a"

# The report: the samenvatting's count, the G mark and its note.
check "outlook" "$BIN/vk-outlook" -w "$W" -o "$W/outlook" "$UT"
check "the report renders" "$BIN/vk-render" -w "$W" -t templates/quickscan -o "$PDF" "$UT"
page_of() {
	mutool show "$PDF" outline 2>/dev/null | grep -F "\"$1" | head -n 1 |
		sed 's/.*#page=\([0-9]*\).*/\1/'
}
ps=$(page_of "Samenvatting")
pa=$(page_of "Bijlage A")
pb=$(page_of "Bijlage B")
pdftotext -q -f "${ps:-1}" -l "${ps:-1}" "$PDF" - | tr '\n' ' ' >"$VK_TMP/g-sum.txt"
pdftotext -q -f "${pa:-1}" -l "$((${pb:-2} - 1))" "$PDF" - | tr '\n' ' ' >"$VK_TMP/g-annex.txt"
N=$(grep -o 'Sterke groei: [0-9]* buurten' "$VK_TMP/g-sum.txt" | grep -o '[0-9][0-9]*')
check "the samenvatting names as many buurten as are flagged ($flagged)" \
	test -n "$N" -a "$N" = "${flagged:-x}"
check "the samenvatting names Leeuwesteyn" grep -q "Leeuwesteyn" "$VK_TMP/g-sum.txt"
check "the samenvatting says ΔK speaks of newcomers" \
	grep -q "ΔK zegt daar vooral iets over wie er nieuw kwam wonen" "$VK_TMP/g-sum.txt"
check "Bijlage A explains the G mark below the table" \
	grep -q "G = sterke groei: het aantal inwoners veranderde tussen 2018 en 2024 met meer dan 50%" \
	"$VK_TMP/g-annex.txt"
pm=$(page_of "Leeswijzer")
check "the methode names the rule" sh -c '
	pdftotext -q -f "$1" -l "$1" "$0" - | tr "\n" " " | grep -q "G (sterke groei, bijlage A): .* verandert"' "$PDF" "${pm:-1}"

# Without the key: no columns, no parameter, and otherwise the same file.
C0=$VK_TMP/growth0
copy_sample growth0
sed -i '/^  # Sterke groei/,/^    threshold:/d' "$C0/quickscan.yaml"
check "the edited config has no growth" sh -c '! grep -q "growth" "$0"' "$C0/quickscan.yaml"
check "pipeline without growth" pipeline growth0 "$C0/quickscan.yaml"
check "no growth columns without the key" \
	sh -c '! head -n 1 "$0" | grep -q "growth\|series.a_inw"' "$VK_TMP/growth0/classify/buurten.csv"
check "no growth parameter without the key" \
	sh -c '! grep -q "^growth" "$0"' "$VK_TMP/growth0/classify/parameters.csv"
csv_cut "$B" "$(head -n 1 "$VK_TMP/growth0/classify/buurten.csv")" >"$VK_TMP/g-without.csv"
same_file "with the key, only the new columns differ" \
	"$VK_TMP/growth0/classify/buurten.csv" "$VK_TMP/g-without.csv"

# Bad growth settings: file:line:column, what was expected and found.
cfg=$VK_TMP/growthbad/quickscan.yaml
copy_sample growthbad
sed -i '/^  # Sterke groei/,/^    threshold:/d' "$cfg"
run_ingest() { "$BIN/vk-ingest" -o "$VK_TMP/growthbad/ingest" "$cfg"; }
# with_growth SOURCE COLUMN THRESHOLD [EXTRA]: the sample config with a
# growth mapping after corporatiebuurt; LN = the line of `growth:`.
with_growth() {
	sed -i '/^  growth:$/,/# end growth$/d' "$cfg"
	sed -i "s/^  corporatiebuurt: 66.7 .*/&\n  growth:\n    source: $1\n    column: $2\n    threshold: $3${4:+\n    $4}  # end growth/" "$cfg"
	LN=$(grep -n '^  growth:$' "$cfg" | cut -d: -f1)
}
with_growth series a_inw 50
check "a valid growth mapping loads" run_ingest
with_growth seriez a_inw 50
must_fail "an unknown source is refused at the source" \
	"quickscan.yaml:$((LN + 1)):13: unknown source \"seriez\" in classification growth: it is not under \"sources\"" run_ingest
with_growth series a_inwx 50
must_fail "a column not in the (long) file is refused, naming the config line" \
	"no row has \"a_inwx\" in column \"indicator\" \\(.*quickscan.yaml:$((LN + 2)):13 asks for it\\)" run_ingest
with_growth leefbaarometer a_inw 50
must_fail "a column not in the (wide) file is refused, naming the config line" \
	"no column \"a_inw\" \\(.*quickscan.yaml:$((LN + 2)):13 asks for it\\)" run_ingest
with_growth kwb2023 a_inw 50
must_fail "a source of one year is refused" \
	"quickscan.yaml:$((LN + 1)):13: classification growth compares 2018 with 2024, but source \"kwb2023\" holds only 2023" run_ingest
with_growth buurten a_inw 50
must_fail "a boundary file is refused" \
	"quickscan.yaml:$((LN + 1)):13: source \"buurten\" in classification growth is a boundary file" run_ingest
with_growth series a_inw 0
must_fail "threshold 0 is refused" \
	"quickscan.yaml:$((LN + 3)):16: expected a percentage above 0 and at most 10000 for \"threshold\" in classification growth, found 0" run_ingest
with_growth series a_inw -5
must_fail "a negative threshold is refused" \
	"quickscan.yaml:$((LN + 3)):16: expected a percentage above 0 .*found -5" run_ingest
with_growth series a_inw veel
must_fail "a threshold that is no number is refused" \
	"quickscan.yaml:$((LN + 3)):16: expected a number for \"threshold\", found \"veel\"" run_ingest
with_growth series a_inw 50 "weight: 2"
must_fail "an unknown key in growth is refused" \
	"quickscan.yaml:$((LN + 4)):5: unknown key \"weight\" in classification growth; expected one of: source, column, threshold" run_ingest
