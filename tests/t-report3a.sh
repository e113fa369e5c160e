# Issue #3 part A-D: navigation (outline, page labels, contents with page
# numbers, links), the wijkschetsen (notes from the config or generated
# text), the handelingsperspectieven, the `wijken:` config checks and
# index/trends.csv against a hand computation.
. "$VK_ROOT/tests/lib.sh"

R=$BIN/vk-render
W=$VK_TMP/r3
C=$VK_TMP/r3client
PDF=$W/q.pdf
export SOURCE_DATE_EPOCH=1763726400

copy_sample r3client
UT=$C/quickscan.yaml
check "pipeline" pipeline r3 "$UT"
check "outlook" "$BIN/vk-outlook" -w "$W" -o "$W/outlook" "$UT"
render() { "$R" -w "$W" -t templates/quickscan -o "$2" "$1"; }
check "the report renders" render "$UT" "$PDF"
check "qpdf --check passes" qpdf --check "$PDF"

# Outline: sections at the top, the wijken nested under Wijkschetsen.
mutool show "$PDF" outline >"$VK_TMP/outline.txt" 2>/dev/null
for s in Inhoud Wijkschetsen Handelingsperspectieven "Getalsmatige doorkijk"; do
	check "outline has $s" grep -q "^[|+-]	\"$s" "$VK_TMP/outline.txt"
done
missing=
while IFS=, read -r code name _; do
	[ "$code" = code ] && continue
	grep -qF "		\"$name\"" "$VK_TMP/outline.txt" || missing="$missing $name"
done <"$W/index/wijken.csv"
check "every wijk is a nested bookmark" test -z "$missing"

# Page labels: the cover roman, then the printed numbers.
check "page labels present" sh -c 'mutool show "$0" trailer/Root/PageLabels 2>/dev/null |
	grep -q "/S /r" && mutool show "$0" trailer/Root/PageLabels 2>/dev/null | grep -q "/St 2"' "$PDF"

# Contents: every listed title's page number is where pdftotext finds the
# title as a heading (the first page whose text holds it).
pdftotext -q -layout -f 2 -l 2 "$PDF" "$VK_TMP/toc.txt"
check "contents page lists the sections" sh -c 'grep -q "^ *Inhoud" "$0" &&
	grep -q "Wijkschetsen .* [0-9]\{1,3\}$" "$0" &&
	grep -q "Handelingsperspectieven .* [0-9]\{1,3\}$" "$0"' "$VK_TMP/toc.txt"
bad=
n=$(pdfinfo "$PDF" 2>/dev/null | awk '/^Pages:/ { print $2 }')
for title in Wijkschetsen Handelingsperspectieven "Wijk 03 Overvecht" "Wijk 09 Leidsche Rijn"; do
	p=$(grep -E "^ *$title \.* *[0-9]+$|^ *$title .* [0-9]+$" "$VK_TMP/toc.txt" | head -n 1 | awk '{ print $NF }')
	[ -n "$p" ] || { bad="$bad $title(not listed)"; continue; }
	pdftotext -q -f "$p" -l "$p" "$PDF" "$VK_TMP/pg.txt"
	grep -qx "$title" "$VK_TMP/pg.txt" || bad="$bad $title(p$p)"
	grep -q "pagina $p van $n" "$VK_TMP/pg.txt" || bad="$bad $title(footer p$p)"
done
check "contents page numbers match the pages" test -z "$bad"
check "contents: a continued table is one entry" test "$(grep -c "Bijlage A" "$VK_TMP/toc.txt")" -eq 1
[ -n "$bad" ] && echo "#   $bad"

# Links: the contents page carries link annotations to pages.
check "the contents page has link annotations" sh -c '
	mutool show "$0" "pages/2/Annots" 2>/dev/null | grep -o "[0-9]* 0 R" | wc -l | awk "{ exit !(\$1 >= 10) }" &&
	mutool show "$0" "pages/2/Annots/1" 2>/dev/null | grep -q "/Subtype /Link"' "$PDF"
check "links have no border" sh -c '
	mutool show "$0" "pages/2/Annots/1" 2>/dev/null | grep -q "/Border \[ *0 0 0 *\]"' "$PDF"

# Running footer with the section title.
pdftotext -q -layout "$PDF" "$VK_TMP/all.txt"
check "footer names the section" grep -q "Gemeente Utrecht · QuickScan Veerkracht Utrecht · Wijkschetsen" "$VK_TMP/all.txt"

# Wijkschets: Overvecht has notes (probleemanalyse from the config), West
# has none (generated text, marked).
page_of() { grep -F "		\"$1\"" "$VK_TMP/outline.txt" | sed 's/.*#page=\([0-9]*\).*/\1/'; }
p=$(page_of "Wijk 03 Overvecht")
pdftotext -q -f "$p" -l "$p" "$PDF" "$VK_TMP/ov.txt"
check "Overvecht: configured probleemanalyse" sh -c 'tr "\n" " " <"$0" |
	grep -q "Voorbeeldtekst. Overvecht heeft veel corporatiebezit"' "$VK_TMP/ov.txt"
check "Overvecht: stoplichten and dilemma" sh -c 'grep -q "Sociale leefbaarheid" "$0" && grep -q "^Dilemma$" "$0"' "$VK_TMP/ov.txt"
check "Overvecht: Dutch key figures" grep -q "^34\.910$" "$VK_TMP/ov.txt"
p=$(page_of "Wijk 01 West")
pdftotext -q -f "$p" -l "$p" "$PDF" "$VK_TMP/west.txt"
check "West: automatisch gegenereerd" grep -q "automatisch gegenereerd" "$VK_TMP/west.txt"
check "West: trend charts" sh -c 'grep -q "^K: kwetsbare huishoudens" "$0" && grep -q "^2016$" "$0"' "$VK_TMP/west.txt"

# Handelingsperspectieven: every wijk on the overview, "niet ingevuld".
p=$(grep -E '^[|+-]	"Handelingsperspectieven"' "$VK_TMP/outline.txt" | sed 's/.*#page=\([0-9]*\).*/\1/')
pdftotext -q -f "$p" -l "$p" "$PDF" "$VK_TMP/hp.txt"
missing=
while IFS=, read -r code name _; do
	[ "$code" = code ] && continue
	grep -qF "$name" "$VK_TMP/hp.txt" || missing="$missing $name"
done <"$W/index/wijken.csv"
check "every wijk on the perspectives overview" test -z "$missing"
check "wijken without perspectives: niet ingevuld" grep -q "niet ingevuld" "$VK_TMP/hp.txt"
check "the intensity legend" grep -q "vol op het orgel" "$VK_TMP/hp.txt"

# A bad `wijken:` section fails with config line:col; the PDF stays.
cp "$PDF" "$VK_TMP/good.pdf"
badcfg() {
	local desc=$1 pat=$2 from=$3 to=$4
	cp "$UT" "$VK_TMP/orig.yaml"
	sed -i "s/$from/$to/" "$UT"
	must_fail "$desc" "$pat" render "$UT" "$PDF"
	same_file "$desc: earlier PDF untouched" "$VK_TMP/good.pdf" "$PDF"
	cp "$VK_TMP/orig.yaml" "$UT"
}
badcfg "unknown key in a wijk" 'quickscan\.yaml:[0-9]+:[0-9]+: unknown key "probleem"' \
	'^    probleemanalyse: >-$' '    probleem: >-'
badcfg "stoplicht paars" 'quickscan\.yaml:[0-9]+:[0-9]+: stoplicht must be groen, oranje or rood, found "paars"' \
	'stoplicht: rood' 'stoplicht: paars'
badcfg "intensiteit 5" 'quickscan\.yaml:[0-9]+:[0-9]+: intensiteit must be 0, 1, 2 or 3, found "5"' \
	'intensiteit: 3, tekst: "Voorbeeld: wijkteams' 'intensiteit: 5, tekst: "Voorbeeld: wijkteams'
badcfg "unknown wijk code" 'quickscan\.yaml:[0-9]+:[0-9]+: "WK034499" is not a wijk' \
	'^  WK034406:' '  WK034499:'
badcfg "foto not configured" 'quickscan\.yaml:[0-9]+:[0-9]+: foto "nergens" is not an image' \
	'^    dilemma: >-$' '    foto: nergens\n    dilemma: >-'

# trends.csv: O of Overvecht in 2020 is the inhabitant-weighted mean of its
# buurt values in ingest/values.csv (weights: a_inw 2023); K in 2020 is the
# source's own wijk row.
want=$(awk -F, '
	$1 == "kwb2023" && $3 == "a_inw" && $4 == 2023 && $2 ~ /^BU034403/ { w[$2] = $5 }
	$1 == "leefbaarometer" && $3 == "onv" && $4 == 2020 && $2 ~ /^BU034403/ && $5 != "NA" { v[$2] = $5 }
	END { for (b in v) if (b in w) { s += w[b] * v[b]; n += w[b] } printf "%.6f\n", s / n }' "$W/ingest/values.csv")
got=$(grep '^WK034403,O,leefbaarometer.onv,2020,' "$W/index/trends.csv" | cut -d, -f5)
check "trends: O 2020 Overvecht = weighted buurt mean ($want)" test "$got" = "$want"
want=$(awk -F, '$1 == "series" && $2 == "WK034403" && $3 == "p_hh_li" && $4 == 2020 { printf "%.6f\n", $5 }' "$W/ingest/values.csv")
got=$(grep '^WK034403,K,\*,2020,' "$W/index/trends.csv" | cut -d, -f5)
check "trends: K 2020 Overvecht = the wijk row ($want)" test "$got" = "$want"
check "trends: every year of the source" sh -c 'grep -c "^WK034403,O,\*," "$0" | grep -qx 9' "$W/index/trends.csv"

# The new page API functions check their arguments.
T=$VK_TMP/tpl3a
api() {
	rm -rf "$T"; mkdir -p "$T"
	printf 'fonts({ regular = "LiberationSans-Regular.ttf" })\npage_new()\n%s\n' "$1" >"$T/report.lua"
	"$R" -w "$W" -t "$T" -o "$W/api.pdf" "$UT"
}
must_fail "bookmark level 2 needs a level 1" 'report\.lua:3: .*bookmark of level 2 needs a bookmark of level 1' \
	api 'bookmark("x", 2)'
must_fail "bookmark level out of range" "report\\.lua:3: bad argument #2 to 'bookmark'" api 'bookmark("x", 5)'
must_fail "page_label: unknown key" "report\\.lua:3: page_label: unknown key 'stijl'" \
	api 'page_label(1, { stijl = "roman" })'
must_fail "page_label: unknown style" "report\\.lua:3: .*invalid option 'arabic'" \
	api 'page_label(1, { style = "arabic" })'
must_fail "link to a page that does not exist" 'report\.lua:3: link: .*no such page' api 'link(1, 1, 10, 10, 7)'
must_fail "link with an empty box" 'report\.lua:3: link: box out of range' api 'link(1, 1, 0, 10, 1)'
check "bookmarks() records levels and pages" api 'bookmark("a"); page_new(); bookmark("b", 2)
local m = bookmarks(); assert(#m == 2 and m[2].level == 2 and m[2].page == 2 and m[1].title == "a")
link(10, 10, 50, 20, 1); page_label(1, { style = "ROMAN", prefix = "Bijlage " })'

# A photo from the config lands on its wijkschets, decoded and validated
# before libharu sees it. The test image is the sample corporation's logo
# (a real PNG of the repository); the sample itself ships no photos.
cp data/voorbeeldhof/logo.png "$C/foto.png"
cp "$UT" "$VK_TMP/orig.yaml"
printf 'template:\n  images:\n    foto_wijk: foto.png\n' >>"$UT"
sed -i 's/^    dilemma: >-$/    foto: foto_wijk\n    dilemma: >-/' "$UT"
check "a report with a wijk photo renders" render "$UT" "$VK_TMP/foto.pdf"
fpage=$(mutool show "$VK_TMP/foto.pdf" outline | grep '"Wijk 03 Overvecht"' | sed 's/.*#page=\([0-9]*\).*/\1/')
images_on() { pdfimages -list -f "$2" -l "$2" "$1" 2>/dev/null | awk 'NR > 2' | wc -l; }
check "the photo is drawn on the Overvecht wijkschets (page $fpage)" \
	test "$(images_on "$VK_TMP/foto.pdf" "$fpage")" -ge 1
check "without a photo that page has no image" test "$(images_on "$PDF" "$fpage")" -eq 0
cp "$VK_TMP/orig.yaml" "$UT"
check "the photo keeps Overvecht on one sheet" \
	test "$(pdfinfo "$VK_TMP/foto.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')" -eq "$n"

# One sheet per wijk: consecutive wijk bookmarks are one page apart, and
# the sheet holds the map, the figures, the buurten table, both trend
# charts and every note of the config.
prev= bad=
for pg in $(grep -F '		"Wijk ' "$VK_TMP/outline.txt" | sed 's/.*#page=\([0-9]*\).*/\1/') \
	$(grep -F '	"Handelingsperspectieven"' "$VK_TMP/outline.txt" | sed 's/.*#page=\([0-9]*\).*/\1/'); do
	[ -n "$prev" ] && [ $((pg - prev)) -ne 1 ] && bad="$bad $prev"
	prev=$pg
done
check "every wijkschets is one page" test -z "$bad"
check "Overvecht sheet: table, charts, notes" sh -c 'grep -q "^Wijk totaal (10 buurten)$" "$0" &&
	grep -q "^K: kwetsbare huishoudens" "$0" && grep -q "^O: overlast en onveiligheid" "$0" &&
	grep -q "^Probleemanalyse$" "$0" && grep -q "^Sleutelprojecten" "$0" &&
	grep -q "(waterbedeffect)\.$" "$0" && ! grep -q "loopt door" "$0"' "$VK_TMP/ov.txt"

# Notes too long for the sheet continue on the next page, complete.
p=$(page_of "Wijk 03 Overvecht")
long=$(awk 'BEGIN { for (i = 1; i <= 60; i++) printf "Zin %d van een lange toelichting op het dilemma. ", i; printf "Slotwoord." }')
awk -v t="$long" '/^    dilemma: >-$/ { print "    dilemma: \"" t "\""; skip = 1; next }
	skip && /^      / { next } { skip = 0; print }' "$VK_TMP/orig.yaml" >"$UT"
check "a report with a long dilemma renders" render "$UT" "$VK_TMP/long.pdf"
pdftotext -q -f "$p" -l "$((p + 1))" "$VK_TMP/long.pdf" "$VK_TMP/long.txt"
check "the sheet says the notes continue" grep -q "De duiding loopt door op de volgende pagina" "$VK_TMP/long.txt"
check "continuation page with the whole dilemma" sh -c 'grep -q "^Wijk 03 Overvecht (vervolg)$" "$0" &&
	tr "\n" " " <"$0" | grep -q "Zin 60 van een lange toelichting op het dilemma. Slotwoord\."' "$VK_TMP/long.txt"
check "one page more than without" \
	test "$(pdfinfo "$VK_TMP/long.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')" -eq $((n + 1))
cp "$VK_TMP/orig.yaml" "$UT"

# A wijk with more buurten than the sheet holds continues its table
# (header repeated) on the next page; here a client caps the rows at 4.
CT=$VK_TMP/rowcap
mkdir -p "$CT"
printf 'local S = include_next("style.lua")\nS.wijk_sheet.max_rows = 4\nreturn S\n' >"$CT/style.lua"
check "a report with 4 table rows per sheet renders" \
	"$R" -w "$W" -t "$CT" -t templates/quickscan -o "$VK_TMP/rows.pdf" "$UT"
rp=$(mutool show "$VK_TMP/rows.pdf" outline 2>/dev/null | grep -F '"Wijk 03 Overvecht"' |
	sed 's/.*#page=\([0-9]*\).*/\1/')
pdftotext -q -f "$rp" -l "$rp" "$VK_TMP/rows.pdf" "$VK_TMP/rows1.txt"
pdftotext -q -f "$((rp + 1))" -l "$((rp + 1))" "$VK_TMP/rows.pdf" "$VK_TMP/rows2.txt"
check "sheet: first 4 buurten, then a pointer" sh -c 'grep -q "^0322 Neckardreef" "$0" && ! grep -q "^0331 Vechtzoom" "$0" &&
	grep -q "De tabel loopt door op de volgende pagina" "$0"' "$VK_TMP/rows1.txt"
check "continuation: header again, the other 6 buurten and the total" sh -c 'grep -q "^Inw\.$" "$0" &&
	grep -q "^0331 Vechtzoom-zuid" "$0" && grep -q "^0343 Poldergebied" "$0" &&
	grep -q "^Wijk totaal (10 buurten)$" "$0"' "$VK_TMP/rows2.txt"

# The wijken map on the opening page of the wijkschetsen: every wijk name
# on it is a link to that wijk's sheet (tests/wijklinks.js matches the
# name's position in the text to the link rectangles).
open=$(grep -F '	"Wijkschetsen"' "$VK_TMP/outline.txt" | sed 's/.*#page=\([0-9]*\).*/\1/')
set --
while IFS=, read -r code name _; do
	[ "$code" = code ] && continue
	set -- "$@" "$(printf '%s' "$name" | sed 's/^Wijk [0-9]* //')=$(page_of "$name")"
done <"$W/index/wijken.csv"
check "wijken map: $# names, each a link to its sheet" mutool run tests/wijklinks.js "$PDF" "$open" "$@"
check "a wrong target fails the link check" sh -c '! mutool run tests/wijklinks.js "$0" "$1" Overvecht=1 2>/dev/null' "$PDF" "$open"
set --
