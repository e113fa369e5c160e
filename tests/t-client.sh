# The second sample client, data/voorbeeldhof (a FICTIONAL housing
# corporation whose working area is three Utrecht wijken): its template
# folder overrides the default file by file, and the report differs from the
# default exactly where the overrides say so. Tools run into $VK_TMP, never
# into out/.
. "$VK_ROOT/tests/lib.sh"

R=$BIN/vk-render
VH=data/voorbeeldhof/quickscan.yaml
W=$VK_TMP/vh
CT=templates/clients/voorbeeldhof
export SOURCE_DATE_EPOCH=1763726400

check "pipeline for the corporation's working area" pipeline vh "$VH"
check "the client report renders quietly" sh -c '"$0" -w "$1" -t "$2" -t templates/quickscan -o "$3" "$4" 2>&1 |
	awk "END { exit NR != 0 }"' "$R" "$W" "$CT" "$VK_TMP/client.pdf" "$VH"
check "the same data with the default template only" \
	"$R" -w "$W" -t templates/quickscan -o "$VK_TMP/default.pdf" "$VH"
check "qpdf --check passes" qpdf --check "$VK_TMP/client.pdf"

# The working area: index marks it, summary.csv counts only it.
area_wijken=$(csv_cut "$W/index/wijken.csv" code,in_area | grep -c ',1$')
check "index marks 3 wijken as the working area" test "$area_wijken" -eq 3
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
# A wijkschets is one page (wijken.lua), after a page
# listing the wijken.
check "client: cover + werkgebied + wijkschetsen ($((3 + area_wijken)) pages)" \
	test "$(pages "$VK_TMP/client.pdf")" -eq $((3 + area_wijken))
check "default template: cover, inhoud, sections 1-3 (11), wijkschetsen, 1 perspectives page, 3 bijlagen" \
	test "$(pages "$VK_TMP/default.pdf")" -eq $((13 + 1 + area_wijken + 1 + 3))

pdftotext -q -layout "$VK_TMP/client.pdf" "$VK_TMP/client.txt"
pdftotext -q -layout "$VK_TMP/default.pdf" "$VK_TMP/default.txt"
pdftotext -q -f 1 -l 1 "$VK_TMP/client.pdf" "$VK_TMP/c1.txt"
pdftotext -q -f 2 -l 2 "$VK_TMP/client.pdf" "$VK_TMP/c2.txt"
has() { grep -qF -- "$2" "$1"; }
hasnt() { ! grep -qF -- "$2" "$1"; }

# Only the area's wijken get pages.
for w in "Wijk 02 Noordwest" "Wijk 03 Overvecht" "Wijk 08 Zuidwest"; do
	check "a page for $w" has "$VK_TMP/client.txt" "$w"
done
check "no page for a wijk outside the area (Binnenstad)" hasnt "$VK_TMP/client.txt" "Binnenstad"
check "no buurt outside the area in the tables (Máximapark)" hasnt "$VK_TMP/client.txt" "Máximapark"

# Counts come from summary.csv (the area only): 30 buurten, 119.530 inhabitants.
tot=$(awk -F, '$1 == "absolute" && $2 == "TOTAL" { print $4 "," $5 }' "$W/classify/summary.csv")
check "summary.csv counts the area only (30 buurten, 119530 inhabitants)" test "$tot" = "30,119530"
check "the cover counts 30 buurten in 3 wijken" has "$VK_TMP/c1.txt" "30 in 3 wijken"
check "the werkgebied page totals the area (119.530)" has "$VK_TMP/c2.txt" "119.530"
check "the default signaleringskaart totals the area too" has "$VK_TMP/default.txt" "119.530"
check "the default signaleringskaart explains the grey context" has "$VK_TMP/default.txt" "Buiten het gebied"

# The overrides: wording, an extra section, a dropped section, the look.
check "client cover text (style.lua words)" has "$VK_TMP/c1.txt" "Wat u met deze QuickScan kunt"
check "client cover labels" sh -c 'grep -q "^Corporatie" "$0" && grep -q "^Werkgebied" "$0"' "$VK_TMP/c1.txt"
check "default cover text is gone" hasnt "$VK_TMP/client.txt" "Een signaal, geen oordeel"
check "default cover text in the default report" has "$VK_TMP/default.txt" "Een signaal, geen oordeel"
check "the extra section (werkgebied.lua) is page 2" has "$VK_TMP/c2.txt" "Werkgebied in één oogopslag"
check "the dropped section (signaleringskaart.lua) is absent" \
	sh -c '! grep -q "Signaleringskaart" "$0" && ! grep -q "VEERKRACHT IN BEELD" "$0"' "$VK_TMP/client.txt"
check "the default report has the signaleringskaart" has "$VK_TMP/default.txt" "VEERKRACHT IN BEELD"
check "client wording on the wijk pages" has "$VK_TMP/client.txt" "WIJK IN ONS WERKGEBIED"
check "client footer" has "$VK_TMP/client.txt" "Voorbeeldhof · QuickScan Veerkracht"
check "the shared sections still come from the default (table header)" has "$VK_TMP/client.txt" "ΔK pp"
check "the house colour #0B6E4F is used, the default blue is not" sh -c '
	qpdf --qdf --object-streams=disable "$0" "$0.qdf" &&
	grep -aq "^0.04314 0.43137 0.3098 rg" "$0.qdf" && ! grep -aq "^0.12157 0.30588 0.47451 rg" "$0.qdf"' \
	"$VK_TMP/client.pdf"
check "the default blue in the default report" sh -c '
	qpdf --qdf --object-streams=disable "$0" "$0.qdf" && grep -aq "^0.12157 0.30588 0.47451 rg" "$0.qdf"' \
	"$VK_TMP/default.pdf"
check "client title font (LiberationSerif-Bold) embedded" \
	sh -c 'pdffonts "$0" 2>/dev/null | grep -q "LiberationSerif-Bold.* yes *yes"' "$VK_TMP/client.pdf"
check "the logo is embedded once as raw RGB with a soft mask (600 x 220)" sh -c '
	pdfimages -list "$0" 2>/dev/null | awk "NR > 2 { t[\$3]++; if (\$4 != 600 || \$5 != 220) bad++ }
		END { exit !(t[\"image\"] == 1 && t[\"smask\"] == 1 && !bad) }"' "$VK_TMP/client.pdf"
check "the client report is reproducible" sh -c '
	"$0" -w "$1" -t "$2" -t templates/quickscan -o "$3.again" "$4" && cmp -s "$3" "$3.again"' \
	"$R" "$W" "$CT" "$VK_TMP/client.pdf" "$VH"

# An error in a client file names that file.
T=$VK_TMP/badclient
rm -rf "$T"; cp -r "$CT" "$T"
printf 'local S = include_next("style.lua")\nS.colour.accent = "#GGGGGG"\nreturn S\n' >"$T/style.lua"
must_fail "a bad colour in the client's style names the failing call" \
	"colours: 'accent' must be \"#RRGGBB\"" \
	"$R" -w "$W" -t "$T" -t templates/quickscan -o "$VK_TMP/bad.pdf" "$VH"
printf 'return { "cover.lua", "missing.lua" }\n' >"$T/sections.lua"
cp "$CT/style.lua" "$T/style.lua"
must_fail "a section missing from every folder names both folders" \
	"report\\.lua:[0-9]+: include: cannot find template file 'missing\\.lua' in .*badclient, templates/quickscan" \
	"$R" -w "$W" -t "$T" -t templates/quickscan -o "$VK_TMP/bad.pdf" "$VH"
check "no PDF after the failures" test ! -e "$VK_TMP/bad.pdf"

# `make report CLIENT=voorbeeldhof`, with the output in $VK_TMP: the
# Makefile passes the client's folder first and depends on its files.
MO=$VK_TMP/mk MPDF=$VK_TMP/mk/quickscan-voorbeeldhof.pdf
mk() { make -s --no-print-directory -C "$VK_ROOT" B="$VK_BUILD" CLIENT=voorbeeldhof OUT="$MO" "$@"; }
check "make builds the client report" mk "$MPDF"
# make also runs the outlook, whose sections the client's sections.lua
# keeps: the same through the tools.
check "the outlook stage for the client" "$BIN/vk-outlook" -w "$W" -o "$W/outlook" "$VH"
check "the client report with its outlook" \
	"$R" -w "$W" -t "$CT" -t templates/quickscan -o "$VK_TMP/client-full.pdf" "$VH"
check "make's report equals the tools' report" cmp "$MPDF" "$VK_TMP/client-full.pdf"
check "the client's report has the outlook for its working area" \
	sh -c 'pdftotext -q "$0" - | grep -q "Getalsmatige doorkijk"' "$MPDF"
check "make passes -t templates/clients/voorbeeldhof before the default" \
	sh -c 'make -n -B --no-print-directory -C "$0" B="$1" CLIENT=voorbeeldhof OUT="$2" "$3" |
	grep -q -- "-t templates/clients/voorbeeldhof -t templates/quickscan"' "$VK_ROOT" "$VK_BUILD" "$MO" "$MPDF"
check "the PDF depends on the client's template files and its logo" \
	sh -c 'make -p -q --no-print-directory -C "$0" B="$1" CLIENT=voorbeeldhof OUT="$2" "$3" 2>/dev/null |
	grep "^$3:" | grep -q "templates/clients/voorbeeldhof/werkgebied.lua.*data/voorbeeldhof/logo.png\|data/voorbeeldhof/logo.png.*templates/clients/voorbeeldhof/werkgebied.lua"' \
	"$VK_ROOT" "$VK_BUILD" "$MO" "$MPDF"
