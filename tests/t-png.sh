# vk-render --png-dir: the maps the template marks with map{export = name}
# as 300 dpi PNGs drawn by cairo: one per map, the map box's size, opaque
# RGB, deterministic, the right fills, and no effect on the PDF.
. "$VK_ROOT/tests/lib.sh"

R=$BIN/vk-render
UT=data/utrecht/quickscan.yaml
W=$VK_TMP/png
K=$W/kaarten
export SOURCE_DATE_EPOCH=1763726400
PX=$BIN/tests/test_png   # "count FILE RRGGBB" -> pixels of that colour, W, H

# ihdr FILE: "width height bitdepth colourtype" from the PNG header.
ihdr() {
	head -c 26 "$1" | tail -c 10 | od -An -tu1 |
		awk '{ print $1*16777216 + $2*65536 + $3*256 + $4,
		             $5*16777216 + $6*65536 + $7*256 + $8, $9, $10 }'
}
render() { "$R" -w "$W" -t templates/quickscan -o "$@" "$UT"; }

check "pipeline for the PNG tests" sh -c '
	"$0/vk-ingest" -o "$1/ingest" "$2" && "$0/vk-index" -i "$1/ingest" -o "$1/index" "$2" &&
	"$0/vk-classify" -i "$1/index" -o "$1/classify" "$2" &&
	"$0/vk-outlook" -w "$1" -o "$1/outlook" "$2"' "$BIN" "$W" "$UT"
mkdir -p "$K" "$W/k2"
check "renders with --png-dir" render "$W/with.pdf" --png-dir "$K"
check "signaleringskaart.png written" test -s "$K/signaleringskaart.png"
missing=
for code in $(csv_cut "$W/index/wijken.csv" code,in_area | awk -F, 'NR > 1 && $2 == 1 { print $1 }'); do
	test -s "$K/wijk-$code.png" || missing="$missing $code"
done
check "one PNG per wijk of the area" test -z "$missing"
check "nothing but PNGs (no temporary files left)" \
	sh -c '! ls -A "$0" | grep -v "\.png$"' "$K"

read -r _ _ bd ct < <(ihdr "$K/signaleringskaart.png")
check "signaleringskaart: 8-bit opaque RGB (colour type 2)" test "$bd $ct" = "8 2"
# The wijk maps share one box, so one pixel size (the exact size per box is
# checked with a template of our own below).
bad= size=
for f in "$K"/wijk-*.png; do
	read -r w h b c < <(ihdr "$f")
	: "${size:=$w $h}"
	[ "$w $h" = "$size" ] && [ "$b $c" = "8 2" ] || bad="$bad $(basename "$f")"
done
check "wijk PNGs: 8-bit RGB, all of one size ($size)" test -z "$bad" -a -n "$size"

# Fills: VD (#D7301F) pixels where the data has VD buurten, none in the
# PNG of a wijk without one (the rest of the city is grey context there).
read -r nvd _ < <("$PX" count "$K/signaleringskaart.png" D7301F)
check "signaleringskaart has VD-red pixels ($nvd)" test "${nvd:-0}" -gt 1000
vd_wijken=$(csv_cut "$W/classify/buurten.csv" wijk,in_area,class |
	awk -F, '$2 == 1 && $3 == "VD" { print $1 }' | sort -u)
bad=
for f in "$K"/wijk-*.png; do
	code=${f##*/wijk-}; code=${code%.png}
	read -r n _ < <("$PX" count "$f" D7301F)
	n=${n:-0}
	if printf '%s\n' "$vd_wijken" | grep -qx "$code"; then [ "$n" -gt 100 ] || bad="$bad $code:$n"
	else [ "$n" -eq 0 ] || bad="$bad $code:$n"; fi
done
check "VD-red exactly in the wijken with VD buurten ($(echo $vd_wijken))" test -z "$bad"

# Deterministic, and the PNGs do not change the PDF.
check "second run" render "$W/again.pdf" --png-dir "$W/k2"
bad=
for f in "$K"/*.png; do cmp -s "$f" "$W/k2/${f##*/}" || bad="$bad ${f##*/}"; done
check "same inputs, byte-identical PNGs" test -z "$bad"
check "without --png-dir" render "$W/without.pdf"
check "the PDF is the same with and without --png-dir" cmp "$W/with.pdf" "$W/without.pdf"

# Size: a map box of 400 x 300 pt at 300 dpi is 1667 x 1250 pixels.
T=$VK_TMP/png-tpl
mkdir -p "$T" "$W/k3"
tpl() { printf '%s\n' 'fonts{ regular = "LiberationSans-Regular.ttf" }' 'page_new()' "$@" >"$T/report.lua"; }
tpl 'map{ x = 60, y = 100, w = 400, h = 300, export = "box" }'
check "a template's own export" "$R" -w "$W" -t "$T" -o "$W/box.pdf" --png-dir "$W/k3" "$UT"
read -r w h _ < <(ihdr "$W/k3/box.png")
check "400 x 300 pt box -> 1667 x 1250 px (got $w x $h)" \
	awk -v w="$w" -v h="$h" 'BEGIN { exit !((w - 400*300/72)^2 <= 1 && (h - 300*300/72)^2 <= 1) }'

# Bad names and a name used twice are template errors.
rt() { "$R" -w "$W" -t "$T" -o "$W/bad.pdf" "$UT"; }
tpl 'map{ x = 60, y = 100, w = 400, h = 300, export = "../x" }'
must_fail "export name with a slash" "report\.lua:3: map: export must be 1 to 64 letters" rt
tpl "map{ x = 60, y = 100, w = 400, h = 300, export = \"$(printf 'a%.0s' $(seq 65))\" }"
must_fail "export name of 65 characters" "map: export must be 1 to 64" rt
tpl 'map{ x = 60, y = 100, w = 400, h = 300, export = "" }'
must_fail "empty export name" "map: export must be" rt
tpl 'map{ x = 60, y = 100, w = 400, h = 300, export = 3 }'
must_fail "export that is no string" "'export' must be a string" rt
tpl 'map{ x = 60, y = 40, w = 200, h = 200, export = "a" }' \
	'map{ x = 60, y = 300, w = 200, h = 200, export = "a" }'
must_fail "export name used twice" "report\.lua:4: map: export name 'a' used twice" rt
# Too many pixels: 3000 pt at 300 dpi is 12500 px.
tpl 'map{ x = 0, y = 0, w = 3000, h = 300, export = "huge" }'
must_fail "a PNG over the pixel cap is refused" "huge\.png.*too large" \
	"$R" -w "$W" -t "$T" -o "$W/bad.pdf" --png-dir "$W/k3" "$UT"
check "no PDF after a failed export" test ! -e "$W/bad.pdf"

# An unusable --png-dir: clear error, non-zero exit, no PDF.
must_fail "--png-dir that does not exist" "no/such/dir: PNG directory" \
	render "$W/nodir.pdf" --png-dir "$W/no/such/dir"
check "no PDF without a PNG directory" test ! -e "$W/nodir.pdf"
: >"$W/afile"
must_fail "--png-dir that is a file" "PNG directory: not a directory" \
	render "$W/nodir.pdf" --png-dir "$W/afile"
# Root may write anywhere access() asks about; /proc still refuses files.
must_fail "--png-dir where no file can be created" "[A-Za-z0-9-]+\.png: cannot create|PNG directory: cannot write" \
	render "$W/nodir.pdf" --png-dir /proc
check "no PDF when a PNG cannot be written" test ! -e "$W/nodir.pdf"

# Every map page of the default report is exported, the nine of
# "Veerkracht in beeld" included.
PD=$VK_TMP/allmaps
mkdir -p "$PD"
check "the full report exports every map" \
	"$BIN/vk-render" -w "$W" -t templates/quickscan -o "$VK_TMP/allmaps.pdf" --png-dir "$PD" data/utrecht/quickscan.yaml
for m in kaart-P kaart-K kaart-dK kaart-O kaart-dO kaart-L signaleringskaart \
	signaleringskaart-relatief focuskaart wijk-WK034401 wijk-WK034410; do
	check "map exported: $m.png" test -s "$PD/$m.png"
done
