# vk-outlook: the numeric outlook on the Utrecht sample, its invariants,
# impossible plans and bad config with their config line, atomic outputs.
. tests/lib.sh
UT=data/utrecht/quickscan.yaml
W=$VK_TMP/ol

check "vk-outlook --help" "$BIN/vk-outlook" --help
check "vk-outlook --version" "$BIN/vk-outlook" --version
must_fail "vk-outlook without arguments is a usage error" "usage:" \
	"$BIN/vk-outlook"

outlook() { "$BIN/vk-outlook" -w "$W" -o "$W/outlook" "$1"; }

check "utrecht pipeline for the outlook runs" pipeline ol $UT
"$BIN/vk-outlook" -w "$W" -o "$W/outlook" $UT >"$VK_TMP/ol.out" 2>&1
check "vk-outlook runs on the sample and prints nothing" \
	test $? -eq 0 -a ! -s "$VK_TMP/ol.out"
P=$W/outlook/projections.csv
S=$W/outlook/summary.csv
C=$W/outlook/city.csv
I=$W/outlook/inputs.csv

# The outlook starts from the wijk K the wijkschets shows: the wijk's own
# figure in index/trends.csv for K's base year and year (2018, 2024).
check "K of every wijk = index/trends.csv, source 'wijk'" awk -F, '
	NR == FNR { if ($2 == "K" && $3 == "*") t[$1 "," $4] = $5; next }
	FNR > 1 { n++; if ($6 + 0 != t[$1 ",2024"] + 0 || $7 + 0 != t[$1 ",2018"] + 0 || $8 != "wijk") bad++ }
	END { exit !(n == 40 && bad == 0) }' "$W/index/trends.csv" "$I"

# (10 wijken + city) x 2 scenarios x 11 years x 5 segments x 4 variables
check "projections: one row per wijk, scenario, year, segment, variable" \
	test "$(($(wc -l <"$P") - 1))" -eq 4840
check "autonoom: the stock does not change (Overvecht social 2024 = 2034)" \
	awk -F, '$1=="WK034403" && $2=="autonoom" && $4=="sociale_huur" && $5=="stock" {v[$3]=$6}
		END {exit !(v[2024]==v[2034] && v[2024]>9000)}' "$P"
# Overvecht in the plan: -400 demolished, -500 sold, -300 liberalised.
check "met inzet: Overvecht social stock 9212.8 - 1200 = 8012.8 in 2034" \
	grep -q '^WK034403,met inzet,2034,sociale_huur,stock,8012.8$' "$P"
check "met inzet: Overvecht mid rent +300 liberalised +300 built" \
	grep -q '^WK034403,met inzet,2034,middenhuur,stock,1623.6$' "$P"
check "segments add up to totaal (every row of the summary)" \
	awk -F, 'NR>1 {d=$6+$7+$8+$9-$10; if (d>0.2 || d<-0.2) bad=1} END {exit bad}' "$S"
check "shares of the city's social stock add up to 100 per scenario and year" \
	awk -F, 'NR>1 && $1!="GM0344" {s[$4","$5]+=$16} END {for (k in s) if (s[k]<99.9 || s[k]>100.1) bad=1; exit bad}' "$S"
# The closed form on the tool's own output: k(t) = i + (k0 - i)(1 - m)^t,
# with k0, m and i as inputs.csv states them (autonoom, fixed stock).
awk -F, 'NR==FNR { if ($1=="WK034403" && $3=="sociale_huur") {k0=$9; m=$12; i=$13}; next }
	$1=="WK034403" && $2=="autonoom" && $4=="sociale_huur" && $5=="k" {
		t=$3-2024; f=100*i + (k0 - 100*i)*(1-m)^t; d=f-$6
		if (d > 0.0002 || d < -0.0002) bad=1; n++ }
	END {exit !(n==11 && !bad)}' "$I" "$P"
check "autonoom k follows the closed form in the tool's output (Overvecht)" test $? -eq 0
check "inputs: every intake share not given is marked calibrated" \
	test "$(grep -c ',calibrated$' "$I")" -eq 40
check "city: dissimilarity now and at the horizon per scenario" \
	test "$(grep -c '^dissimilarity,' "$C")" -eq 4
check "city: K ranking of the 10 wijken per scenario" \
	test "$(grep -c '^rank,met inzet,' "$C")" -eq 10
check "city: waterbed flags carry their numbers" \
	grep -Eq '^waterbed,met inzet,WK0344[0-9]{2},2034,K_pp,[0-9.]+,".*pp.*"$' "$C"
check "city: a Dutch verdict that says the plan is illustrative" \
	grep -q '^verdict,met inzet,.*ongelijkheidsindex.*Het plan is illustratief' "$C"
check "city: the note from the config" grep -q '^note,.*illustratief' "$C"

# --- a stock source read from buurten when the wijk row is missing -------
copy_sample olb
sed -i '/^  stock:/,/^  segments:/{s/source: series$/source: kwb2023/;/year: 2024$/d}' \
	"$VK_TMP/olb/quickscan.yaml"
grep -v '^WK034401,' data/utrecht/kwb-2023-utrecht.csv >"$VK_TMP/olb/kwb-2023-utrecht.csv"
check "stock from a wide source without the wijk row runs" \
	"$BIN/vk-outlook" -w "$W" -o "$VK_TMP/olb/out" "$VK_TMP/olb/quickscan.yaml"
check "the missing wijk row is rebuilt from its buurten" \
	grep -q '^WK034401,Wijk 01 West,sociale_huur,[0-9.]*,data_buurten,' "$VK_TMP/olb/out/inputs.csv"

# --- impossible plans and bad config: config line and column -------------
copy_sample olbad
cfg=$VK_TMP/olbad/quickscan.yaml
run() { "$BIN/vk-outlook" -w "$W" -o "$VK_TMP/olbad/out" "$cfg"; }
at() { echo "quickscan.yaml:$(grep -n -- "$1" "$cfg" | head -n 1 | cut -d: -f1):[0-9]+: "; }

sed 's/segment: sociale_huur, homes: 400, years/segment: sociale_huur, homes: 40000, years/' $UT >"$cfg"
must_fail "demolition beyond the stock: negative stock, at its line" \
	"$(at 'homes: 40000')scenario \"met inzet\", wijk WK034403: demolition .* negative" run
sed 's/into: koop, homes: 500, years: \[2025, 2029\]/into: koop, homes: 900, years: [2025, 2025]/' $UT >"$cfg"
must_fail "sale beyond the vacancies, at its line" \
	"$(at 'homes: 900')scenario \"met inzet\", wijk WK034403: sale and liberalisation of 900.0 sociale_huur homes in 2025 exceed the [0-9.]+ that fall vacant" run
sed 's/into: middenhuur, homes: 300, years: \[2025, 2030\]/into: middenhuur, homes: 3000, years: [2025, 2027]/' $UT >"$cfg"
must_fail "liberalisation beyond the vacancies, at its line" \
	"$(at 'homes: 3000')scenario .*sale and liberalisation of [0-9.]+ sociale_huur homes in 2025 exceed" run
sed 's/{wijk: WK034410, measure/{wijk: WK034411, measure/' $UT >"$cfg"
must_fail "unknown wijk code in a plan, at its line" \
	"$(at 'WK034411')unknown wijk WK034411 in scenario \"met inzet\"" run
sed 's/{wijk: WK034410, measure/{wijk: GM034410, measure/' $UT >"$cfg"
must_fail "a malformed wijk code, at its line" \
	"$(at 'GM034410')expected a wijk code of GM0344 like WK034401" run
sed 's/^  horizon: 10 .*/  horizon: 0/' $UT >"$cfg"
must_fail "horizon 0 is refused at its line" \
	"$(at '^  horizon: 0')\"horizon\" must be 1 to 50 years, found 0" run
sed 's/^  horizon: 10 .*/  horizon: -5/' $UT >"$cfg"
must_fail "a negative horizon is refused at its line" \
	"$(at '^  horizon: -5')\"horizon\" must be 1 to 50 years, found -5" run
sed 's/^  horizon: 10 .*/  horizon: 3/' $UT >"$cfg"
must_fail "a measure beyond the horizon is refused at its line" \
	"$(at 'years: \[2026, 2029\]')measure years 2026-2029 lie outside the years measures can act, 2024-2026" run
sed 's/measure: liberalisation, segment: sociale_huur/measure: liberalisation, segment: koop/' $UT >"$cfg"
must_fail "liberalisation out of koop is refused" \
	"quickscan.yaml:[0-9]+:[0-9]+: liberalisation moves homes out of sociale_huur; found koop" run
sed 's/^  mobility: 1.0 .*/  mobilty: 1.0/' $UT >"$cfg"
must_fail "unknown key in outlook, with the keys allowed" \
	"$(at '^  mobilty')unknown key \"mobilty\" in outlook; expected one of" run
sed '/^  stock:/,/^  segments:/s/source: series$/source: serie/' $UT >"$cfg"
must_fail "unknown stock source" \
	"$(at 'source: serie$')unknown source \"serie\" in outlook.stock" run
sed 's/^    owner: p_koopw .*/    owner: p_koop/' $UT >"$cfg"
must_fail "a stock variable the source lacks names the config line" \
	"kwb-series-2016-2025-utrecht.csv: no row has \"p_koop\" in column \"indicator\" for 2024 \(.*quickscan.yaml:[0-9]+:[0-9]+ asks for it in outlook.stock\)" run
sed '/^  stock:/,/^  segments:/s/year: 2024$/year: 2031/' $UT >"$cfg"
must_fail "a stock year the source lacks" "no row for 2031" run
sed 's/^    met inzet:$/    autonoom:/' $UT >"$cfg"
must_fail "a plan cannot be called autonoom" \
	"$(at '^    autonoom:')\"autonoom\" is the scenario without a plan" run
sed 's/^    sociale_huur: {turnover: 0.07}/    sociale_huur: {turnover: 0}/' $UT >"$cfg"
must_fail "turnover 0 is refused" \
	"\"turnover\" must be between 0.001 and 1, found 0" run

# --- a failed run leaves the previous outputs ------------------------------
cp "$P" "$VK_TMP/ol-before.csv"
sed 's/into: koop, homes: 500, years: \[2025, 2029\]/into: koop, homes: 900, years: [2025, 2025]/' $UT >"$cfg"
"$BIN/vk-outlook" -w "$W" -o "$W/outlook" "$cfg" 2>/dev/null
same_file "a failed outlook leaves the previous projections" "$VK_TMP/ol-before.csv" "$P"
check "no temporary files left behind" test -z "$(find "$W/outlook" -name '*.tmp.*')"

# --- a config without an outlook section: header-only files ---------------
check "mini pipeline runs" pipeline olmini tests/fixtures/mini/quickscan.yaml
check "without an outlook section vk-outlook writes header-only files" \
	"$BIN/vk-outlook" -w "$VK_TMP/olmini" -o "$VK_TMP/olmini/outlook" tests/fixtures/mini/quickscan.yaml
check "header-only projections" test "$(wc -l <"$VK_TMP/olmini/outlook/projections.csv")" -eq 1

# --- the report: sections 6 and 7 ------------------------------------------
export SOURCE_DATE_EPOCH=1763726400
check "the report renders with the outlook" \
	"$BIN/vk-render" -w "$W" -t templates/quickscan -o "$W/q.pdf" $UT
pdftotext -q "$W/q.pdf" "$VK_TMP/ol.txt"
tr -s ' \n' '  ' <"$VK_TMP/ol.txt" >"$VK_TMP/ol1.txt"   # one line, for phrases
for phrase in "Getalsmatige doorkijk Utrecht" "Illustratief plan" \
	"De wijken nu en over 10 jaar" "K per jaar, 2024–2034" \
	"Impact op de hele stad" "Oordeel over de balans in de stad (met inzet)" \
	"Ongelijkheidsindex sociale huur" "Wijken per klasse" "Buurten per signaalklasse nu" "Rangorde naar K in 2034" \
	"Waterbedsignalen"; do
	check "report: \"$phrase\"" grep -qF "$phrase" "$VK_TMP/ol1.txt"
done
check "report: the plan's measures are listed" \
	grep -qF "sloop van 400 woningen sociale huur (corporatie), 2026–2029" "$VK_TMP/ol1.txt"
check "report: calibrated intake shares are named" \
	grep -qF "40 van de 40 combinaties van wijk en segment gekalibreerd" "$VK_TMP/ol1.txt"
check "report: the verdict's numbers (dissimilarity 0,24 -> 0,21)" \
	grep -qF "is nu 0,24 en wordt 0,21" "$VK_TMP/ol1.txt"
check "report: waterbed flags with their numbers" \
	grep -qE "Binnenstad: K in 2034 [0-9]+,[0-9]% met het plan tegen [0-9]+,[0-9]% autonoom" "$VK_TMP/ol1.txt"
check "report: Overvecht's social stock in 2034 with the plan (8.013)" \
	grep -qF "8.013" "$VK_TMP/ol1.txt"
copy_sample olnone
sed '/^outlook:/,$d' $UT >"$VK_TMP/olnone/quickscan.yaml"
"$BIN/vk-outlook" -w "$W" -o "$W/outlook" "$VK_TMP/olnone/quickscan.yaml" &&
"$BIN/vk-render" -w "$W" -t templates/quickscan -o "$W/q0.pdf" "$VK_TMP/olnone/quickscan.yaml"
check "without an outlook section the report leaves sections 6 and 7 out" \
	sh -c '! pdftotext -q "$0" - | grep -q "Getalsmatige doorkijk"' "$W/q0.pdf"
