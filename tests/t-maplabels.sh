# map{wijk_labels}: wijk names placed inside their wijk, never on top of
# each other or outside the map, their page boxes returned, the names in
# the PDF's text and in the PNG export; and the option's argument checks.
. "$VK_ROOT/tests/lib.sh"

R=$BIN/vk-render
UT=data/utrecht/quickscan.yaml
W=$VK_TMP/ml
T=$VK_TMP/ml-tpl
export SOURCE_DATE_EPOCH=1763726400

check "pipeline for the map label tests" pipeline ml "$UT"
mkdir -p "$T" "$W/k"
# tpl LUA...: report.lua with fonts and a page, then the lines LUA.
tpl() {
	printf '%s\n' 'fonts{ regular = "LiberationSans-Regular.ttf", bold = "LiberationSans-Bold.ttf" }' \
		'page_new()' "$@" >"$T/report.lua"
}
rt() { timeout 60 "$R" -w "$W" -t "$T" -o "$W/q.pdf" "$@" "$UT"; }

# The Lua checks: error() on failure, so the render exits non-zero.
NAMES='local names = { WK034401 = "West", WK034402 = "Noordwest",
	WK034403 = "Overvecht", WK034404 = "Noordoost", WK034405 = "Oost",
	WK034406 = "Binnenstad", WK034407 = "Zuid", WK034408 = "Zuidwest",
	WK034409 = "Leidsche Rijn", WK034410 = "Vleuten-De Meern" }'
CHECKS='local function boxes_ok(m, want)
	local list, n = {}, 0
	for code, b in pairs(m.wijk_labels) do
		if not names[code] then error("a box for " .. code) end
		if not (b.w > 0 and b.h > 0 and b.x >= m.x and b.y >= m.y and
		        b.x + b.w <= m.x + m.w and b.y + b.h <= m.y + m.h) then
			error(("%s: box %g %g %g %g outside the map"):format(code,
			      b.x, b.y, b.w, b.h))
		end
		for _, o in ipairs(list) do
			if b.x < o.x + o.w and o.x < b.x + b.w and
			   b.y < o.y + o.h and o.y < b.y + b.h then
				error(code .. " overlaps " .. o.code)
			end
		end
		b.code = code
		list[#list + 1] = b
		n = n + 1
	end
	for _, code in ipairs(m.wijk_omitted) do
		if m.wijk_labels[code] or not names[code] then
			error("bad omitted code " .. code)
		end
	end
	if n + #m.wijk_omitted ~= want then
		error(("%d placed + %d omitted, want %d"):format(n,
		      #m.wijk_omitted, want))
	end
	return n
end'

tpl "$NAMES" "$CHECKS" \
	'local m = map{ x = 40, y = 60, w = 515, h = 700, wijk_labels = names, export = "namen" }' \
	'if boxes_ok(m, 10) < 8 then error("fewer than 8 names placed") end'
check "city map with 10 wijk names: boxes inside the map, no overlaps, placed + omitted = 10" \
	rt --png-dir "$W/k"
pdftotext -q "$W/q.pdf" "$W/q.txt"
check "the names are in the PDF's text" \
	sh -c 'grep -q Overvecht "$0" && grep -q Binnenstad "$0"' "$W/q.txt"
check "the buurt numbers are still there" grep -qx "0111" "$W/q.txt"
check "the PNG export draws the map with the names" test -s "$W/k/namen.png"

tpl "$NAMES" "$CHECKS" \
	'local m = map{ x = 40, y = 60, w = 515, h = 400, focus = "WK034403", wijk_labels = names }' \
	'boxes_ok(m, 1)' \
	'if not (m.wijk_labels.WK034403 or m.wijk_omitted[1] == "WK034403") then error("no Overvecht") end' \
	'm = map{ x = 40, y = 60, w = 80, h = 60, wijk_labels = names, wijk_label_size = 30, wijk_label_min = 20 }' \
	'boxes_ok(m, 10)' \
	'if #m.wijk_omitted == 0 then error("30 pt names all fit a 80 x 60 map") end' \
	'm = map{ x = 40, y = 60, w = 515, h = 400 }' \
	'if next(m.wijk_labels) or #m.wijk_omitted ~= 0 then error("names without the option") end'
check "focus map: only the focus wijk named; too big names are left out; none without the option" rt

tpl 'map{ x = 40, y = 60, w = 515, h = 700, wijk_labels = { WK999999 = "Nergens" } }'
must_fail "wijk_labels with an unknown wijk code" \
	"report\\.lua:3: map: wijk_labels: unknown wijk 'WK999999'" rt
tpl 'map{ x = 40, y = 60, w = 515, h = 700, wijk_labels = { WK034401 = 3 } }'
must_fail "wijk_labels with a number for a name" \
	"report\\.lua:3: map: wijk_labels\\[\"WK034401\"\\] must be a string, not number" rt
tpl "map{ x = 40, y = 60, w = 515, h = 700, wijk_labels = { WK034401 = \"$(printf 'x%.0s' $(seq 81))\" } }"
must_fail "wijk_labels with a name of 81 bytes" \
	"report\\.lua:3: map: wijk_labels\\[\"WK034401\"\\] must be 1 to 80 bytes" rt
tpl 'map{ x = 40, y = 60, w = 515, h = 700, wijk_labels = { WK034401 = "bad \xC3\x28" } }'
must_fail "wijk_labels with invalid UTF-8" \
	"report\\.lua:3: map: wijk_labels\\[\"WK034401\"\\] is not valid UTF-8" rt
tpl 'map{ x = 40, y = 60, w = 515, h = 700, wijk_labels = { WK034401 = "West" }, wijk_label_size = 5, wijk_label_min = 6 }'
must_fail "wijk_label_min above wijk_label_size" \
	"report\\.lua:3: map: need 0 < wijk_label_min <= wijk_label_size <= 72" rt
tpl 'map{ x = 40, y = 60, w = 515, h = 700, wijk_labels = { WK034401 = "West" }, wijk_label_font = "italic" }'
must_fail "wijk_label_font not loaded" "report\\.lua:3: map: unknown font 'italic'" rt
