# vk-render: the sample report (pages, fonts, text), deterministic output,
# template errors with their line, the sandbox, and atomic output.
. "$VK_ROOT/tests/lib.sh"

R=$BIN/vk-render
UT=data/utrecht/quickscan.yaml
W=$VK_TMP/w
PDF=$W/q.pdf
export SOURCE_DATE_EPOCH=1763726400   # 21 november 2025, 12:00 UTC

render() { "$R" -w "$W" -t "$1" -o "$2" "$UT"; }

check "ingest" "$BIN/vk-ingest" -o "$W/ingest" "$UT"
check "index" "$BIN/vk-index" -i "$W/ingest" -o "$W/index" "$UT"
check "classify" "$BIN/vk-classify" -i "$W/index" -o "$W/classify" "$UT"
check "--version" sh -c '"$0" --version | grep -qx "vk-render (QuickScan Veerkracht) 0.1.0"' "$R"
check "the sample renders quietly" sh -c '"$0" -w "$1" -t templates/quickscan -o "$2" "$3" 2>&1 | awk "END { exit NR != 0 }"' \
	"$R" "$W" "$PDF" "$UT"
check "qpdf --check passes" qpdf --check "$PDF"
check "32 pages (cover, inhoud, samenvatting, methode, 9 maps, wijkschetsen 1 + 10, handelingsperspectieven 3, 5 bijlagen)" \
	sh -c 'pdfinfo "$0" 2>/dev/null | grep -qE "^Pages: +32$"' "$PDF"
check "every font is embedded" sh -c '
	pdffonts "$0" 2>/dev/null | awk "NR > 2 { n++; if (\$(NF-4) != \"yes\") bad++ }
		END { exit !(n >= 2 && bad == 0) }"' "$PDF"
check "title and author in the document information" \
	sh -c 'pdfinfo "$0" 2>/dev/null | grep -q "^Title: *QuickScan Veerkracht Utrecht" &&
	       pdfinfo "$0" 2>/dev/null | grep -q "^Author: *Gemeente Utrecht"' "$PDF"

pdftotext -q -layout "$PDF" "$VK_TMP/all.txt"
pdftotext -q -f 10 -l 10 "$PDF" "$VK_TMP/p2.txt"   # the signaleringskaart
pdftotext -q -f 15 -l 15 "$PDF" "$VK_TMP/p3.txt"   # the first wijk
missing=
while IFS=, read -r code name _; do
	[ "$code" = code ] && continue
	grep -qF "$name" "$VK_TMP/all.txt" || missing="$missing $name"
done <"$W/index/wijken.csv"
check "every wijk name is in the text" test -z "$missing"
check "Mariëndaalstraat renders" grep -q "Mariëndaalstraat" "$VK_TMP/all.txt"
check "Máximapark renders" grep -q "Máximapark" "$VK_TMP/all.txt"
check "the cover has the date in Dutch" grep -q "21 november 2025" "$VK_TMP/all.txt"
check "Dutch numbers (367.715 inhabitants)" grep -q "367\.715" "$VK_TMP/p2.txt"
for p in p2 p3; do
	check "$p: legend" sh -c 'grep -q "Veerkracht onder druk" "$0" &&
		grep -q "Onvoldoende gegevens" "$0"' "$VK_TMP/$p.txt"
	check "$p: scale bar" grep -qE "^[0-9]+ (k?m)$" "$VK_TMP/$p.txt"
	check "$p: source line" grep -q "^Bron: CBS" "$VK_TMP/$p.txt"
done
check "city map: buurt numbers, none left out" sh -c '
	grep -qx "0111" "$0" && grep -qx "1041" "$0" && ! grep -q "Niet op de kaart" "$0"' \
	"$VK_TMP/p2.txt"
check "footer: page x of y" grep -q "pagina 15 van 32" "$VK_TMP/p3.txt"

# Deterministic: same inputs and date, same bytes; another date differs.
cp "$PDF" "$VK_TMP/good.pdf"
render templates/quickscan "$W/again.pdf"
check "same inputs give a byte-identical PDF" cmp "$VK_TMP/good.pdf" "$W/again.pdf"
SOURCE_DATE_EPOCH=1700000000 render templates/quickscan "$W/other.pdf"
check "another SOURCE_DATE_EPOCH gives another PDF" sh -c '! cmp -s "$0" "$1"' \
	"$VK_TMP/good.pdf" "$W/other.pdf"

# broken DESC PATTERN LUA-LINE-NUMBER LUA: inserts LUA as line N of a copy of
# the template's report.lua; the run must fail with PATTERN and leave the
# earlier PDF byte-identical.
broken() {
	local desc=$1 pat=$2 n=$3 lua=$4 T=$VK_TMP/tpl
	rm -rf "$T"
	cp -r templates/quickscan "$T"
	sed -i "${n}i $lua" "$T/report.lua"
	must_fail "$desc" "$pat" render "$T" "$PDF"
	same_file "$desc: earlier PDF untouched" "$VK_TMP/good.pdf" "$PDF"
	check "$desc: no temporary file left" \
		sh -c '! ls "$0".tmp.* >/dev/null 2>&1' "$PDF"
}
broken "Lua syntax error" 'report\.lua:7: .*near' 7 'local x = = 1'
broken "Lua runtime error" 'report\.lua:7: attempt to perform arithmetic on a nil value' \
	7 'local x = nil + 1'
broken "runtime error names the line and has a traceback" 'stack traceback' \
	7 'local x = nil + 1'
broken "invalid UTF-8 passed to text()" \
	"report\\.lua:7: bad argument #3 to 'text' \\(invalid UTF-8 at byte 5\\)" \
	7 'page_new(); text(10, 10, "bad \\xC3\\x28", { size = 10 })'
broken "a wrong argument type names the line" \
	"report\\.lua:7: bad argument #1 to 'rect' \\(number expected" \
	7 'page_new(); rect("a", 1, 2, 3, { fill = "#000000" })'
broken "a bad colour names the line" "report\\.lua:7: paint: bad colour '#12'" \
	7 'page_new(); rect(1, 1, 2, 3, { fill = "#12" })'
broken "an unknown style key names the line" "report\\.lua:7: style: unknown key 'colour'" \
	7 'page_new(); text(1, 1, "x", { colour = "#000000" })'
broken "include may not leave the template directory" \
	"report\\.lua:7: bad argument #1 to 'include'" 7 'include("../x.lua")'
broken "a runaway loop is stopped" 'report\.lua:7: template ran too long' \
	7 'while true do end'
broken "the memory cap holds" 'memory limit' \
	7 'local s = string.rep("x", 400 * 1024 * 1024)'

# include() through a symlink that points out of the template directory.
T=$VK_TMP/tpl-link
rm -rf "$T"; cp -r templates/quickscan "$T"
echo 'return {}' >"$VK_TMP/outside.lua"
ln -s "$VK_TMP/outside.lua" "$T/evil.lua"
sed -i '7i include("evil.lua")' "$T/report.lua"
must_fail "include refuses a symlink out of the template directory" \
	'outside the template directory' render "$T" "$PDF"

# The sandbox: no io, os, load, require, debug, string.dump (also via the
# string metatable), no __gc; table{} draws and table.concat still works.
T=$VK_TMP/tpl-sandbox
rm -rf "$T"; mkdir -p "$T"
cat >"$T/report.lua" <<'EOF'
for _, name in ipairs({ "io", "os", "package", "require", "load", "loadfile",
	"dofile", "debug", "collectgarbage", "print" }) do
	assert(_ENV[name] == nil, name .. " is reachable")
end
assert(string.dump == nil and ("").dump == nil, "string.dump is reachable")
assert(math.random == nil, "math.random is reachable")
assert(not pcall(setmetatable, {}, { __gc = function() end }), "__gc allowed")
assert(table.concat({ "a", "b" }, ",") == "a,b")
assert(fmt(1234.5, 1) == "1.234,5" and fmt(nil) == "n.b." and fmt(0.04, 1, true) == "0,0")
assert(fmt(2.25, 1, true) == "+2,3" or fmt(2.25, 1, true) == "+2,2")
assert(qs.report.date == "21 november 2025", qs.report.date)
assert(#qs.buurten == 111 and qs.buurt.BU03441014.name == "Máximapark")
assert(#qs.wijken == 10 and #qs.classes == 6 and qs.class.NA.hatched)
fonts({ regular = "LiberationSans-Regular.ttf", bold = "LiberationSans-Bold.ttf" })
page_new()
local y = table{ x = 50, y = 50, w = 300, columns = { { title = "a" }, { title = "b", align = "right" } },
	rows = { { "x", "1" }, { "y", "2", bold = true } } }
assert(y > 50)
local h, complete = textbox(50, 200, 40, 24, string.rep("woord ", 50), { size = 10 })
assert(h <= 24 and complete == false)
assert(#wrap("Eenheelerglangwoordzonderspaties", { size = 10 }, 30) > 1)
EOF
check "the sandbox holds and the API works" render "$T" "$W/sandbox.pdf"
