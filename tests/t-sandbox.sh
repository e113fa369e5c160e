# vk-render's template sandbox, one test per attack. Each attack must end in
# a clear error naming the template file (and its line where Lua knows it),
# a non-zero exit that is not a signal (must_fail: exit < 64, so also not
# timeout's 124), and no partial output: no PDF and no temporary file. Every
# run is wrapped in `timeout 60`, so a sandbox hole fails the test instead
# of hanging the suite. Also: the `template:` config section and the page
# API's argument checks.
. "$VK_ROOT/tests/lib.sh"

R=$BIN/vk-render
UT=data/utrecht/quickscan.yaml
W=$VK_TMP/sw
export SOURCE_DATE_EPOCH=1763726400

check "pipeline for the sandbox tests" pipeline sw "$UT"

# A config with extra `template:` keys, next to copies of the sample data.
# client_config NAME YAML-LINES...
client_config() {
	local c=$1; shift
	copy_sample "$c"
	{ echo "template:"; for l in "$@"; do echo "  $l"; done; } >>"$VK_TMP/$c/quickscan.yaml"
}

n=0
# new_tpl LUA: a template folder $T ("att-N", so patterns can name the
# file) whose report.lua is LUA, and an empty output folder $O.
new_tpl() {
	n=$((n + 1))
	T=$VK_TMP/att-$n O=$VK_TMP/att-$n-out
	rm -rf "$T" "$O"; mkdir -p "$T" "$O"
	printf '%s\n' "$1" >"$T/report.lua"
}
# run_tpl DESC PATTERN [CONFIG]: renders $T into $O, which must stay empty.
run_tpl() {
	must_fail "$1" "$2" timeout 60 "$R" -w "$W" -t "$T" -o "$O/q.pdf" "${3:-$UT}"
	check "$1: no PDF, no temporary file" sh -c '[ -z "$(ls -A "$0")" ]' "$O"
}
# attack DESC PATTERN LUA [CONFIG]
attack() {
	new_tpl "$3"
	run_tpl "$1" "$2" "${4:-$UT}"
}
# One line of Lua, then the file name and line the error must name.
at1='att-[0-9]+/report\.lua:1: '

# No io, os, require, load, dofile, loadfile, debug, string.dump.
attack "os.execute" "${at1}attempt to index a nil value \\(global 'os'\\)" \
	'os.execute("touch /tmp/vk-sandbox-escaped")'
attack "io.open" "${at1}attempt to index a nil value \\(global 'io'\\)" \
	'local f = io.open("/etc/passwd")'
attack "require" "${at1}attempt to call a nil value \\(global 'require'\\)" \
	'local os = require("os")'
attack "load(string.dump(f))" "${at1}attempt to call a nil value \\(field 'dump'\\)" \
	'local f = load(string.dump(function() return 1 end))'
attack "load of a text chunk" "${at1}attempt to call a nil value \\(global 'load'\\)" \
	'local f = load("return 1")'
attack "dofile" "${at1}attempt to call a nil value \\(global 'dofile'\\)" \
	'dofile("/etc/passwd")'
attack "loadfile" "${at1}attempt to call a nil value \\(global 'loadfile'\\)" \
	'loadfile("/etc/passwd")'
attack "debug" "${at1}attempt to index a nil value \\(global 'debug'\\)" \
	'debug.sethook()'
attack "('').dump through the string metatable" "${at1}attempt to call a nil value \\(field 'dump'\\)" \
	'local b = ("").dump(function() return 1 end)'
attack "the string metatable is protected" "${at1}attempt to index a boolean value" \
	'getmetatable("").__index.rep = nil'

# Run time: the instruction hook, also when the template catches errors.
attack "an endless loop" "${at1}template ran too long" 'while true do end'
attack "an endless loop inside pcall" "${at1}template ran too long" \
	'while true do pcall(function() while true do end end) end'
attack "an endless loop in an xpcall handler" "${at1}template ran too long" \
	'while true do xpcall(error, function() while true do end end) end'
client_config instr 'instructions: 1000000'
attack "a lower instruction limit from the config" \
	"${at1}template ran too long \\(more than 1000000 Lua instructions\\)" \
	'while true do end' "$VK_TMP/instr/quickscan.yaml"

# Memory: the allocator's cap.
attack "string.rep of 2^40" "${at1}resulting string too large" \
	'local s = string.rep("x", 2^40)'
attack "string.rep of 2^30" "att-[0-9]+/report\\.lua(:1)?: template exceeded the memory limit of 256 MB" \
	'local s = string.rep("x", 2^30)'
attack "a table-filling loop" "att-[0-9]+/report\\.lua(:[0-9]+)?: template exceeded the memory limit of 256 MB" \
	'local t, i = {}, 0 while true do i = i + 1 t[i] = { i } end'
client_config mem 'memory_mb: 16'
attack "a lower memory limit from the config" \
	"att-[0-9]+/report\\.lua(:[0-9]+)?: template exceeded the memory limit of 16 MB" \
	'local t = {} for i = 1, 1e7 do t[i] = tostring(i) end' "$VK_TMP/mem/quickscan.yaml"

# Finalisers run with hooks off, so __gc is refused outright.
attack "a looping __gc" "${at1}__gc metamethods are not allowed in templates" \
	'setmetatable({}, { __gc = function() while true do end end })'

# CPU time: C functions are invisible to the hook; the process's CPU limit
# stops them (the SIGXCPU handler exits cleanly), and a Lua loop stops with
# its line when the CPU limit comes before the instruction limit.
client_config cpu 'cpu_seconds: 1' 'instructions: 100000000000'
attack "table.move over 2^40 slots (a C loop)" \
	"att-[0-9]+/report\\.lua: template exceeded the CPU time limit of 1 s" \
	'table.move({}, 1, 2^40, 1, {})' "$VK_TMP/cpu/quickscan.yaml"
attack "a pathological string.find (a C loop)" \
	"att-[0-9]+/report\\.lua: template exceeded the CPU time limit of 1 s" \
	'string.find(string.rep("a", 60), string.rep("a*", 30) .. "b")' "$VK_TMP/cpu/quickscan.yaml"
attack "a Lua loop under the CPU limit" "${at1}template exceeded the CPU time limit of 1 s" \
	'while true do end' "$VK_TMP/cpu/quickscan.yaml"

# Files: includes stay inside the template folders.
attack "include of ../../../etc/passwd" "${at1}bad argument #1 to 'include'" \
	'include("../../../etc/passwd")'
attack "an absolute include" "${at1}bad argument #1 to 'include'" \
	'include("/etc/passwd")'
attack "include_next past the last folder" "${at1}include_next: cannot find" \
	'include_next("report.lua")'
new_tpl 'include("evil.lua")'
echo 'return {}' >"$VK_TMP/outside.lua"
ln -s "$VK_TMP/outside.lua" "$T/evil.lua"
run_tpl "a symlink pointing out" \
	"${at1}include: .*att-[0-9]+/evil\\.lua: template file lies outside the template directory"
new_tpl 'include("etc/passwd")'
ln -s /etc "$T/etc"
run_tpl "a symlinked folder pointing out" \
	"${at1}include: .*att-[0-9]+/etc/passwd: template file lies outside the template directory"
attack "image() of a template file outside" "${at1}image: '/etc/hosts\\.png' is not a relative file name" \
	'image(1, 1, 10, nil, "/etc/hosts.png")'

# Images: decoded and checked before libharu sees them (it abort()s on a
# truncated PNG). The default cover draws the config's logo.
LOGO=data/voorbeeldhof/logo.png
image_attack() { # DESC PATTERN LOGO-NAME CONTENT-FILE
	n=$((n + 1))
	local c=img$n
	client_config "$c" "logo: $3"
	cp "$4" "$VK_TMP/$c/$3"
	O=$VK_TMP/img-$n-out; rm -rf "$O"; mkdir -p "$O"
	must_fail "$1" "$2" timeout 60 "$R" -w "$W" -t templates/quickscan -o "$O/q.pdf" \
		"$VK_TMP/$c/quickscan.yaml"
	check "$1: no PDF, no temporary file" sh -c '[ -z "$(ls -A "$0")" ]' "$O"
}
head -c 3000 "$LOGO" >"$VK_TMP/cut.png"
image_attack "a truncated PNG logo" \
	'cover\.lua:[0-9]+: image_size: .*/logo\.png: corrupt or truncated image' logo.png "$VK_TMP/cut.png"
head -c 60 "$LOGO" >"$VK_TMP/cut60.png"
image_attack "a PNG logo cut inside its header" \
	'cover\.lua:[0-9]+: image_size: .*/logo\.png: (corrupt or truncated image|not a valid PNG)' \
	logo.png "$VK_TMP/cut60.png"
{ printf '\377\330\377\340'; head -c 2000 /dev/zero | tr '\0' 'x'; } >"$VK_TMP/fake.jpg"
image_attack "a fake JPEG logo" \
	'cover\.lua:[0-9]+: image_size: .*/logo\.jpg: not a valid JPEG file' logo.jpg "$VK_TMP/fake.jpg"
echo "not an image" >"$VK_TMP/text.png"
image_attack "a text file called logo.png" \
	'cover\.lua:[0-9]+: image_size: .*/logo\.png: not a PNG or JPEG file' logo.png "$VK_TMP/text.png"
# A real JPEG to cut: the sample's cover, rendered small by poppler.
"$R" -w "$W" -t templates/quickscan -o "$VK_TMP/forjpeg.pdf" "$UT"
pdftoppm -q -r 20 -jpeg -f 1 -l 1 "$VK_TMP/forjpeg.pdf" "$VK_TMP/page"
JPEG=$(ls "$VK_TMP"/page*.jpg | head -n 1)
head -c 1500 "$JPEG" >"$VK_TMP/cut.jpg"
image_attack "a truncated JPEG logo" \
	'cover\.lua:[0-9]+: image_size: .*/logo\.jpg: corrupt or truncated image' logo.jpg "$VK_TMP/cut.jpg"
client_config jpg 'logo: logo.jpg'
cp "$JPEG" "$VK_TMP/jpg/logo.jpg"
check "the whole JPEG as a logo renders" \
	timeout 60 "$R" -w "$W" -t templates/quickscan -o "$VK_TMP/jpg.pdf" "$VK_TMP/jpg/quickscan.yaml"
check "the JPEG logo is in the PDF as raw RGB" sh -c \
	'pdfimages -list "$0" 2>/dev/null | awk "NR > 2 && \$3 == \"image\" && \$6 == \"rgb\" { n++ } END { exit n != 1 }"' \
	"$VK_TMP/jpg.pdf"
new_tpl 'page_new() image(10, 10, 100, nil, "bad.png")'
cp "$VK_TMP/cut.png" "$T/bad.png"
run_tpl "a truncated PNG in the template folder" \
	"${at1}image: .*att-[0-9]+/bad\\.png: corrupt or truncated image"

# The `template:` section is checked like the rest of the config.
cfgfail() { # DESC PATTERN YAML-LINES...
	local desc=$1 pat=$2; shift 2
	client_config tc "$@"
	must_fail "$desc" "$pat" "$R" -w "$W" -t templates/quickscan -o "$VK_TMP/tc.pdf" \
		"$VK_TMP/tc/quickscan.yaml"
}
cfgfail "template: an unknown key names its line and column" \
	'quickscan\.yaml:[0-9]+:3: unknown key "memry_mb" in template' 'memry_mb: 64'
cfgfail "template: a limit out of range" \
	'quickscan\.yaml:[0-9]+:[0-9]+: "cpu_seconds" must be between 1 and 3600' 'cpu_seconds: 0'
cfgfail "template: a limit that is not a number" \
	'quickscan\.yaml:[0-9]+:[0-9]+: expected a whole number for "memory_mb"' 'memory_mb: lots'
cfgfail "template: a logo outside the config's folder" \
	'quickscan\.yaml:[0-9]+:[0-9]+: image file "\.\./logo\.png" must be a relative name' 'logo: ../logo.png'
cfgfail "template: a missing logo" \
	'quickscan\.yaml:[0-9]+:[0-9]+: image file "nologo\.png" does not exist' 'logo: nologo.png'
client_config tl 'logo: link.png'
ln -s "$VK_ROOT/$LOGO" "$VK_TMP/tl/link.png"
must_fail "template: a logo symlinked out of the config's folder" \
	'quickscan\.yaml:[0-9]+:[0-9]+: image file "link\.png" leads outside' \
	"$R" -w "$W" -t templates/quickscan -o "$VK_TMP/tc.pdf" "$VK_TMP/tl/quickscan.yaml"

# Every page API function checks its arguments: a wrong call names the
# template file and line, with a traceback.
api() { # DESC PATTERN LUA
	local T=$VK_TMP/api
	rm -rf "$T"; mkdir -p "$T"
	printf 'fonts({ regular = "LiberationSans-Regular.ttf" })\npage_new()\n%s\n' "$3" >"$T/report.lua"
	must_fail "api: $1" "api/report\\.lua:3: $2" timeout 60 "$R" -w "$W" -t "$T" -o "$VK_TMP/api.pdf" "$UT"
	cp "$VK_TMP/last.err" "$VK_TMP/api.err"
	check "api: $1: with a traceback" grep -q '^stack traceback:' "$VK_TMP/api.err"
}
api "text without a string" "bad argument #3 to 'text' \\(string expected, got no value\\)" 'text(1, 2)'
api "text with a bad style" "style: 'size' must be a number, not string" 'text(1, 2, "x", { size = "big" })'
api "text off the page" "text: coordinate 1e\\+09 is off the page" 'text(1e9, 2, "x")'
api "rect without a paint" "bad argument #5 to 'rect' \\(table expected, got no value\\)" 'rect(1, 2, 3, 4)'
api "line without a stroke" "bad argument #5 to 'line' \\(a line needs a stroke colour\\)" \
	'line(1, 2, 3, 4, { fill = "#123456" })'
api "circle with a string radius" "bad argument #3 to 'circle' \\(number expected, got string\\)" \
	'circle(1, 2, "r", { fill = "#123456" })'
api "measure of nil" "bad argument #1 to 'measure' \\(string expected, got nil\\)" 'measure(nil)'
api "textbox of zero width" "bad argument #3 to 'textbox' \\(width must be positive\\)" 'textbox(1, 2, 0, nil, "x")'
api "wrap of negative width" "bad argument #3 to 'wrap' \\(width must be positive\\)" 'wrap("x", nil, -1)'
api "table with a number cell" "table: row 1, column 1 is a number \\(format numbers with fmt\\(\\)\\)" \
	'table{ x = 1, y = 1, w = 100, columns = { { title = "a" } }, rows = { { 12 } } }'
api "table with a huge max_lines" "table: w, pad or max_lines out of range" \
	'table{ x = 1, y = 1, w = 100, columns = { { title = "a" } }, rows = {}, max_lines = 1e300 }'
api "map without x" "map: 'x' is required" 'map{ y = 1, w = 2, h = 3 }'
api "map with a bad fill" "map: fill must be \"class\", \"class_rel\" or a table, not 'klasse'" \
	'map{ x = 1, y = 1, w = 200, h = 300, fill = "klasse" }'
api "map_aspect with a number focus" "map_aspect: 'focus' must be a string, not number" 'map_aspect{ focus = 3 }'
api "scalebar without a map" "scalebar: 'scale' is required" 'scalebar({}, 1, 2)'
api "north_arrow of negative size" "bad argument #3 to 'north_arrow' \\(size out of range" 'north_arrow(1, 2, -1)'
api "page_goto a missing page" "page_goto: no page 99" 'page_goto(99)'
api "bookmark of nil" "bad argument #1 to 'bookmark' \\(string expected, got nil\\)" 'bookmark(nil)'
api "fonts with a path" "fonts: font file '\\.\\./\\.\\./etc/passwd' must be a plain file name" \
	'fonts{ bold = "../../etc/passwd" }'
api "colours with a bad value" "colours: 'bad' must be \"#RRGGBB\"" 'colours{ bad = "#12" }'
api "an unknown colour name" "style: unknown colour 'nope' for 'color'" 'text(1, 2, "x", { color = "nope" })'
api "fmt of a string" "bad argument #1 to 'fmt' \\(number expected, got string\\)" 'fmt("abc")'
api "image without a size" "image: give a positive width, height or both" 'image(1, 2, nil, nil, "x.png")'
api "image of an unknown name" "image: 'photo' is neither an image the config gives" 'image(1, 2, 50, nil, "photo")'
api "image_size of a missing file" "image_size: cannot find template file 'x\\.png'" 'image_size("x.png")'
api "include of a missing file" "include: cannot find template file 'nope\\.lua'" 'include("nope.lua")'

# What the sandbox replaces still behaves: xpcall (handler after unwinding),
# setmetatable, protected metatables, include_next, named colours, and the
# area tables.
T=$VK_TMP/works D=$VK_TMP/works-base
rm -rf "$T" "$D"; mkdir -p "$T" "$D"
echo 'return { who = "base", n = 1 }' >"$D/part.lua"
cat >"$T/part.lua" <<'LUA'
local base = include_next("part.lua")
base.who = "client"
return base
LUA
cat >"$T/report.lua" <<'LUA'
local ok, a, b = xpcall(function(x, y) return x + y, "z" end, function(e) return "h" end, 1, 2)
assert(ok == true and a == 3 and b == "z", "xpcall success")
local ok2, e2 = xpcall(error, function(e) return "handled: " .. e end, "boom", 0)
assert(ok2 == false and e2 == "handled: boom", tostring(e2))
local ok3, e3 = xpcall(error, function(e) error("again", 0) end, "boom", 0)
assert(ok3 == false and e3 == "again", tostring(e3))
assert(getmetatable("") == false and getmetatable(table) == false)
local t = setmetatable({}, { __index = function(_, k) return k .. "!" end })
assert(t.x == "x!")
assert(not pcall(setmetatable, table, {}))
local p = include("part.lua")
assert(p.who == "client" and p.n == 1)
colours({ house = "#0B6E4F" })
fonts({ regular = "LiberationSans-Regular.ttf" })
page_new()
text(10, 20, "x", { color = "house" })
assert(qs.area.code == "GM0344" and qs.area.partial == false and #qs.area.wijken == 0)
assert(#qs.city.buurten == #qs.buurten and #qs.city.wijken == #qs.wijken)
assert(qs.buurt.BU03440111.in_area == true and next(qs.images) == nil)
LUA
check "the sandbox's own xpcall, setmetatable, include_next and colours work" \
	timeout 60 "$R" -w "$W" -t "$T" -t "$D" -o "$VK_TMP/works.pdf" "$UT"

# And after all that: nothing escaped.
check "no attack left a trace outside the sandbox" test ! -e /tmp/vk-sandbox-escaped
