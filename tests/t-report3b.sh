# Issue #3 (part b): samenvatting, leeswijzer en methode, veerkracht in beeld
# (a page per map) and the bijlagen, checked in the text of the sample report.
. "$VK_ROOT/tests/lib.sh"

UT=data/utrecht/quickscan.yaml
W=$VK_TMP/r3
PDF=$W/q.pdf
export SOURCE_DATE_EPOCH=1763726400

pipeline r3 "$UT" >/dev/null 2>&1
check "the report renders" "$BIN/vk-render" -w "$W" -t templates/quickscan -o "$PDF" "$UT"
n=$(pdfinfo "$PDF" 2>/dev/null | awk '/^Pages:/ { print $2 }')
i=1
while [ "$i" -le "${n:-0}" ]; do
	pdftotext -q -layout -f "$i" -l "$i" "$PDF" "$VK_TMP/r3-$i.txt"
	i=$((i + 1))
done
# The first page with PATTERN that is not the table of contents.
page_of() {
	for f in $(grep -l -- "$1" "$VK_TMP"/r3-*.txt | sort -t- -k2 -n); do
		grep -q "^ *INHOUD *$" "$f" || { echo "$f"; return; }
	done
}

# Samenvatting: figures checked by hand against classify/summary.csv.
S=$(page_of "^ *Samenvatting Utrecht")
check "samenvatting page" test -n "$S"
check "samenvatting: title and totals" sh -c 'grep -q "Samenvatting Utrecht" "$0" &&
	grep -q "367\.715" "$0" && grep -q "111" "$0"' "$S"
check "samenvatting: VD 7 buurten, 22.435 inwoners (abs), 6 / 16.475 (rel)" \
	grep -Eq "VD +Veerkracht onder druk +7 +22\.435 +[0-9,]+ +6 +16\.475" "$S"
check "samenvatting: VB 45 buurten, 160.790 inwoners" grep -Eq "VB +Verbeterend +45 +160\.790" "$S"
check "samenvatting: 27 aandachtsbuurten" grep -q "Aandachtsbuurten (27)" "$S"

# Methode: thresholds from classify/parameters.csv.
M=$(page_of "Leeswijzer en methode")
check "methode page" test -n "$M"
check "methode: thresholds (1,0 pp; tau 0,016; 100 inwoners; 66,7%)" sh -c '
	grep -q "1,0 pp" "$0" && grep -q "0,016" "$0" && grep -q "66,7%" "$0" &&
	grep -Eq "min_inhabitants +100" "$0"' "$M"
check "methode: class rules and caveat" sh -c '
	grep -q "#D7301F" "$0" && grep -q "Signalen, geen oordelen" "$0" && grep -q "Hoe NA ontstaat" "$0" &&
	grep -q "p_hh_li" "$0"' "$M"

# Veerkracht in beeld: every map page has legend, scale bar, source line.
for t in "Corporatiebezit (P) 2024" "Kwetsbare bewoners (K) 2024" "Verandering kwetsbare bewoners" \
	"Overlast en onveiligheid (O) 2024" "Verandering overlast en onveiligheid" \
	"Signaleringskaart Utrecht" "Signaleringskaart relatief Utrecht" "Focuskaart Utrecht" \
	"Leefbaarometer totaalscore (L) 2024"; do
	f=$(page_of "^ *$t")
	check "map page: $t" test -n "$f"
	[ -n "$f" ] || continue
	check "$t: legend" grep -Eq "buurten +inwoners|Legenda" "$f"
	check "$t: scale bar" grep -Eq "^ *0 +[0-9]+ k?m" "$f"
	check "$t: source line" grep -q "^ *Bron: CBS" "$f"
	# The rankings name buurten by number: the map shows all 111 numbers.
	check "$t: every buurt numbered" sh -c '! grep -q "Niet op de kaart" "$0" &&
		test "$(grep -oE "\b(0[1-9]|10)[0-9]{2}\b" "$0" | sort -u | wc -l)" -eq 111' "$f"
done
f=$(page_of "Signaleringskaart relatief")
check "relative map: VD 6 buurten, 16.475 inwoners" sh -c 'grep -q "Klassen (relatief)" "$0" &&
	grep -Eq "^ +6 +16\.475" "$0"' "$f"
f=$(page_of "^ *Focuskaart")
check "focuskaart: 19 focusbuurten" grep -q "Focusbuurten (19)" "$f"
f=$(page_of "^ *Leefbaarometer totaalscore (L) 2024")
check "L map says it uses city quintiles" grep -q "kwintielen" "$f"

# Bijlagen: all 111 buurt codes, header on every page of the table.
A=$(grep -l "Bijlage A" "$VK_TMP"/r3-*.txt | xargs grep -L "^ *INHOUD *$")
check "appendix table pages" test -n "$A"
check "appendix lists all 111 buurt codes" sh -c '
	csv=$0
	cut -d, -f1 "$csv" | grep "^BU" | sort >"$csv.want"
	cat "$@" | grep -oE "BU[0-9]{8}" | sort -u >"$csv.got"
	[ "$(wc -l <"$csv.want")" -eq 111 ] && cmp -s "$csv.want" "$csv.got"' \
	"$W/classify/buurten.csv" $A
check "appendix table spans pages" test "$(echo $A | wc -w)" -ge 2
bad=
for f in $A; do grep -Eq "^ *Code +Buurt +Wijk +Inw\." "$f" || bad="$bad $f"; done
check "appendix header repeated on every page" test -z "$bad"
check "data dictionary" sh -c 'grep -l "Gegevenswoordenboek" "$@" | xargs grep -q "na_reason"' "$VK_TMP"/r3-*.txt
check "sources and configuration" sh -c 'grep -l "Bijlage C" "$@" | xargs grep -q "kwb-2023-utrecht.csv"' \
	"$VK_TMP"/r3-*.txt

# The maps nest under one "Veerkracht in beeld" bookmark.
check "outline: the maps sit under Veerkracht in beeld" \
	sh -c 'mutool show "$0" outline | grep -A1 "\"Veerkracht in beeld\"" | tail -n 1 | grep -q "^|		\"Corporatiebezit"' "$PDF"

# The level and change maps count buurten exactly as classify classed them
# (k_level, o_level, k_change, o_change), bounds included.
B=$W/classify/buurten.csv
cnt() { csv_cut "$B" "$1" | grep -cx "$2"; }
legend_n() { # page, row label: the buurten count of that legend row
	awk -v l="$2" 'index($0, l) { n = split(substr($0, index($0, l)), t, /  +/)
		for (i = 2; i <= n; i++) if (t[i] ~ /^[0-9]+$/) { print t[i]; exit } }' "$1"
}
f=$(page_of "^ *Kwetsbare bewoners (K) 2024")
check "K map: hoog as k_level ($(cnt k_level hoog))" test "$(legend_n "$f" "hoog: boven")" = "$(cnt k_level hoog)"
check "K map: laag as k_level ($(cnt k_level laag))" test "$(legend_n "$f" "laag: onder")" = "$(cnt k_level laag)"
f=$(page_of "^ *Overlast en onveiligheid (O) 2024")
check "O map: goed as o_level ($(cnt o_level goed))" test "$(legend_n "$f" "goed: boven")" = "$(cnt o_level goed)"
f=$(page_of "^ *Verandering kwetsbare bewoners")
up=$(( $(legend_n "$f" "toename 1,0") + $(legend_n "$f" "toename meer") ))
check "ΔK map: toename rows = k_change toename ($(cnt k_change toename))" test "$up" = "$(cnt k_change toename)"
check "ΔK map: stabiel as k_change ($(cnt k_change stabiel))" \
	test "$(legend_n "$f" "stabiel (±")" = "$(cnt k_change stabiel)"
