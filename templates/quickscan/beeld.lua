-- Section 3: Veerkracht in beeld. One page per map, each with its legend,
-- scale bar, north arrow, source line and a table behind it: P, K and ΔK,
-- O and ΔO, the signaleringskaart absolute (signaleringskaart.lua) and
-- relative, the focuskaart and the Leefbaarometer total L. Numeric maps use
-- ColorBrewer schemes (style.scheme); a buurt without a value is white
-- hatched.
local S, K = style, kit
local P, C, T = S.page, S.colour, S.words
local R3 = T.r3
local X0, W = P.left, P.width
local X1 = X0 + W
local prm = qs.param
local SC = S.scheme

-- The maps nest under one "Veerkracht in beeld" bookmark: the contents page
-- and the footers then show the section, the outline each map.
local opened = false
local function mark(title)
	if not opened then
		bookmark(R3.beeld_section)
		opened = true
	end
	bookmark(title, 2)
end

local function tercile_label(a, b, dec)
	return fmt(a, dec) .. " – " .. fmt(b, dec)
end

-- Classes of a numeric field: breaks b1 < b2 < ... ; class i holds values
-- below breaks[i] (the last class the rest).
local function class_of(v, breaks)
	if v == nil then return nil end
	for i, b in ipairs(breaks) do
		if v < b then return i end
	end
	return #breaks + 1
end

-- klass: a field that already holds each buurt's class number (classify
-- computed it, as for the Leefbaarometer classes); breaks are then unused.
local function fills(field, breaks, colours, pats, klass)
	local f, n, pat = {}, {}, {}
	for _, b in ipairs(qs.buurten) do
		local i
		if klass then i = b[klass] else i = class_of(b[field], breaks) end
		if i then f[b.code] = colours[i]; pat[b.code] = pats and pats[i] end
		local key = i or 0
		n[key] = n[key] or { buurten = 0, inhabitants = 0 }
		n[key].buurten = n[key].buurten + 1
		n[key].inhabitants = n[key].inhabitants + (b.inhabitants or 0)
	end
	return f, n, pat
end

-- Heading, intro, the map; returns the map and the y below it.
local function map_top(title, intro, fill, opts)
	page_new()
	mark(title)
	local y = K.heading(R3.beeld_kicker, title, P.top) + 8
	y = y + textbox(X0, y, W, nil, intro, S.body) + 6
	local mh = math.min(W / map_aspect(), opts.h or 350)
	local M = S.city_map
	-- Buurt numbers, as on the signaleringskaart: the ranking beside the
	-- legend names buurten by number, so the reader can find them.
	local m = map{ x = X0, y = y, w = W, h = mh, fill = fill, labels = "number",
		label_font = S.map_labels.font, label_size = S.map_labels.size,
		label_min = S.map_labels.min,
		avoid = K.map_furniture_boxes(X0, y, W, mh), hatch = C.hatch,
		context = C.context, wijk_edge = M.wijk_edge, wijk_width = M.wijk_width,
		edge = M.edge, edge_width = M.edge_width,
		pattern = opts.pattern or S.class_pattern, pattern_color = opts.pattern_color or C.pattern,
		export = opts.export }
	K.map_furniture(m)
	if #m.omitted > 0 then return m, K.omitted_note(m, y + mh + 3) + 7 end
	return m, y + mh + 10
end

-- Legend rows: { paint, label, buurten, inhabitants }; returns y below.
local function legend_rows(x, y, w, title, rows)
	text(x, y + 8, title, S.h2)
	y = y + 14
	text(x + w - 60, y + 8, T.legend_buurten, S.legend_head)
	text(x + w, y + 8, T.legend_inhabitants, S.legend_head)
	y = y + 12
	for _, r in ipairs(rows) do
		rect(x, y, 16, 10, r[1])
		textbox(x + 22, y + 1, w - 22 - 110, nil, r[2], S.legend)
		text(x + w - 60, y + 8.5, fmt(r[3]), S.legend_num)
		text(x + w, y + 8.5, fmt(r[4]), S.legend_num)
		y = y + math.max(13, #wrap(r[2], S.legend, w - 22 - 110) * 11 + 2)
	end
	return y
end

local function swatch(colour) return { fill = colour, stroke = "#808080", width = 0.4 } end
local NA_PAINT = { fill = "#FFFFFF", stroke = "#808080", width = 0.4, hatch = C.hatch }

-- A numeric legend from breaks, colours and counts (index 0: no value).
local function num_legend(x, y, w, title, labels, colours, n, na_label, pats)
	local rows = {}
	for i, l in ipairs(labels) do
		local c = n[i] or { buurten = 0, inhabitants = 0 }
		local paint = swatch(colours[i])
		if pats and pats[i] then paint.hatch, paint.pattern = C.pattern, pats[i] end
		rows[#rows + 1] = { paint, l, c.buurten, c.inhabitants }
	end
	local c0 = n[0] or { buurten = 0, inhabitants = 0 }
	rows[#rows + 1] = { NA_PAINT, na_label or "geen waarde (n.b.)", c0.buurten, c0.inhabitants }
	return legend_rows(x, y, w, title, rows)
end

-- Top and bottom 10 of a field, side by side at x..x+w.
local function ranking(x, y, w, field, dec, signed, hi_title, lo_title)
	local list = {}
	for _, b in ipairs(qs.buurten) do
		if b[field] ~= nil then list[#list + 1] = b end
	end
	table.sort(list, function(a, b)
		if a[field] ~= b[field] then return a[field] > b[field] end
		return a.code < b.code
	end)
	local function rows(from, to, step)
		local r = {}
		for i = from, to, step do
			local b = list[i]
			if b then r[#r + 1] = { b.nr, b.name, fmt(b[field], dec, signed) } end
		end
		return r
	end
	local cw = (w - 10) / 2
	local cols = { { title = T.col_nr, width = 24 }, { title = T.col_buurt },
		{ title = "", width = 40, align = "right" } }
	local b1, b2 = y, y
	for i, spec in ipairs({ { hi_title, rows(1, 10, 1) }, { lo_title, rows(#list, #list - 9, -1) } }) do
		local tx = x + (i - 1) * (cw + 10)
		text(tx, y + 8, spec[1], S.h3)
		local b = table{ x = tx, y = y + 13, w = cw, columns = cols, rows = spec[2],
			style = S.table_small, header_style = S.table_small_head, zebra = C.zebra,
			rule = C.rule, pad = 2, max_lines = 1 }
		if i == 1 then b1 = b else b2 = b end
	end
	return math.max(b1, b2)
end

-- The bottom part of a numeric page: legend left, ranking right.
local function numeric_page(title, intro, field, breaks, colours, labels, legend_title,
	dec, signed, hi, lo, extra, pats, klass)
	local f, n, pat = fills(field, breaks, colours, pats, klass)
	local m, y = map_top(title, intro, f, { pattern = pat, export = "kaart-" .. field })
	local lw = 210
	local ly = num_legend(X0, y, lw, legend_title, labels, colours, n, nil, pats)
	if extra then ly = ly + 4 + textbox(X0, ly + 4, lw, nil, extra, S.note) end
	ranking(X0 + lw + 20, y, W - lw - 20, field, dec, signed, hi, lo)
	K.source_line(P.h - P.bottom - 10)
	return m
end

local function years(key) return K.years(qs.indicators[key]) or "" end
local kt, tau = prm.k_threshold or 1, prm.tau or 0
local cb = prm.corporatiebuurt or 66.7

-- The level and change maps take their middle classes from classify's own
-- verdicts (k_level, o_level, k_change, o_change), not from comparing the
-- rounded CSV values again: a buurt exactly on a tertile bound or at
-- ΔK = +1,0 then sits in the same class on the map, on the focuskaart and
-- in the signaleringskaart's counts. The outer change classes split the
-- classifier's toename/afname by size ("meer dan").
local LEVEL_K = { laag = 1, midden = 2, hoog = 3 }
local LEVEL_O = { zwak = 1, midden = 2, goed = 3 }
for _, b in ipairs(qs.buurten) do
	b._kl_K, b._kl_O = LEVEL_K[b.k_level or ""], LEVEL_O[b.o_level or ""]
	local kc, oc = b.k_change, b.o_change
	if kc == "stabiel" then b._kl_dK = 3
	elseif kc == "afname" then b._kl_dK = b.dK < -5 * kt and 1 or 2
	elseif kc == "toename" then b._kl_dK = b.dK > 5 * kt and 5 or 4 end
	if oc == "stabiel" then b._kl_dO = 3
	elseif oc == "verslechtering" then b._kl_dO = b.dO < -3 * tau and 1 or 2
	elseif oc == "verbetering" then b._kl_dO = b.dO > 3 * tau and 5 or 4 end
end

-- P: corporation share ------------------------------------------------------
numeric_page("Corporatiebezit (P) " .. years("P"),
	"Aandeel corporatiewoningen per buurt (%). Vanaf " .. fmt(cb, 1) .. "% (meer dan twee derde) " ..
	"is een buurt een corporatiebuurt: de donkerste klasse.",
	"P", { 20, 40, cb + 1e-9 }, SC.P,
	{ "0 – 20%", "20 – 40%", "40 – " .. fmt(cb, 1) .. "%", "meer dan " .. fmt(cb, 1) .. "% (corporatiebuurt)" },
	"Aandeel corporatiewoningen", 0, false, "Hoogste aandeel", "Laagste aandeel")

-- K level and ΔK ---------------------------------------------------------------
local kq1, kq2 = prm.K_tercile_low, prm.K_tercile_high
if kq1 and kq2 then
	numeric_page("Kwetsbare bewoners (K) " .. (K.year_of("K") or ""),
		"Aandeel kwetsbare huishoudens per buurt (%), in drie klassen naar de derdedelen " ..
		"(tertielen) van de stad, zoals op de focuskaart.",
		"K", { kq1, kq2 }, SC.K,
		{ "laag: onder " .. fmt(kq1, 1) .. "%", "midden: " .. tercile_label(kq1, kq2, 1) .. "%",
			"hoog: boven " .. fmt(kq2, 1) .. "%" },
		"K-niveau (tertielen)", 1, false, "Hoogste K", "Laagste K", nil, nil, "_kl_K")
end
numeric_page("Verandering kwetsbare bewoners (ΔK) " .. years("K"),
	"Verandering van K in procentpunten. Het midden van de schaal is de band waarin K " ..
	"stabiel heet (±" .. fmt(kt, 1) .. " pp); oranje is een toename, paars een afname.",
	"dK", { -5 * kt, -kt, kt, 5 * kt }, { SC.change[5], SC.change[4], SC.change[3], SC.change[2], SC.change[1] },
	{ "afname meer dan " .. fmt(5 * kt, 1) .. " pp", "afname " .. fmt(kt, 1) .. " – " .. fmt(5 * kt, 1) .. " pp",
		"stabiel (±" .. fmt(kt, 1) .. " pp)", "toename " .. fmt(kt, 1) .. " – " .. fmt(5 * kt, 1) .. " pp",
		"toename meer dan " .. fmt(5 * kt, 1) .. " pp" },
	"ΔK (procentpunten)", 1, true, "Sterkste toename", "Sterkste afname",
	"Schuine lijnen: een toename (zo ook in zwart-wit te lezen).", { nil, nil, nil, "back", "back" },
	"_kl_dK")

-- O level and ΔO ---------------------------------------------------------------
local oq1, oq2 = prm.O_tercile_low, prm.O_tercile_high
if oq1 and oq2 then
	numeric_page("Overlast en onveiligheid (O) " .. (K.year_of("O") or ""),
		"Leefbaarometer-dimensie overlast en onveiligheid: afwijking van het landelijk " ..
		"gemiddelde, hoger is beter. Drie klassen naar de tertielen van de stad; zwak is het donkerst.",
		"O", { oq1, oq2 }, SC.O,
		{ "zwak: onder " .. fmt(oq1, 3), "midden: " .. tercile_label(oq1, oq2, 3),
			"goed: boven " .. fmt(oq2, 3) },
		"O-niveau (tertielen)", 3, false, "Beste O", "Zwakste O", nil, nil, "_kl_O")
end
numeric_page("Verandering overlast en onveiligheid (ΔO) " .. years("O"),
	"Verandering van O; het midden van de schaal is de band waarin O stabiel heet " ..
	"(±τ = " .. fmt(tau, 3) .. "). Oranje is een verslechtering, paars een verbetering.",
	"dO", { -3 * tau, -tau, tau, 3 * tau }, SC.change,
	{ "verslechtering meer dan 3τ", "verslechtering τ – 3τ", "stabiel (±τ)",
		"verbetering τ – 3τ", "verbetering meer dan 3τ" },
	"ΔO (τ = " .. fmt(tau, 3) .. ")", 3, true, "Sterkste verbetering", "Sterkste verslechtering",
	"Schuine lijnen: een verslechtering (zo ook in zwart-wit te lezen).", { "back", "back" },
	"_kl_dO")

-- Signaleringskaart, absolute (the existing page) and relative -------------------
K.map_mark = mark
include("signaleringskaart.lua")
K.map_mark = nil

do
	local title = "Signaleringskaart relatief " .. qs.report.area
	local m, y = map_top(title,
		"Dezelfde regels, maar getoetst op z-scores binnen de gemeente (|z| > " ..
		fmt(prm.z_threshold or 0.5, 1) .. "): waar K en O zich het sterkst en het zwakst " ..
		"ontwikkelden binnen deze stad, ook als alles absoluut verbetert (" .. K.change_years() .. ").",
		"class_rel", { h = 380, export = "signaleringskaart-relatief" })
	local rows = {}
	for _, c in ipairs(qs.classes) do
		rows[#rows + 1] = { K.class_paint(c), c.code .. "  " .. c.label,
			c.relative.buurten, c.relative.inhabitants }
	end
	y = legend_rows(X0, y, 300, "Klassen (relatief)", rows)
	-- Absolute against relative: how many buurten change class.
	local same = 0
	for _, b in ipairs(qs.buurten) do
		if (b.class or "NA") == (b.class_rel or "NA") then same = same + 1 end
	end
	textbox(X0 + 320, y - 80, W - 320, nil, fmt(same) .. " van de " .. fmt(#qs.buurten) ..
		" buurten hebben absoluut en relatief dezelfde klasse. Totaal: " ..
		fmt(qs.totals.relative.inhabitants) .. " inwoners.", S.note)
	K.source_line(P.h - P.bottom - 10)
end

-- Focuskaart: K level x O level ------------------------------------------------------
do
	local KL = { laag = 1, midden = 2, hoog = 3 }
	local OL = { goed = 1, midden = 2, zwak = 3 }
	local f, pat, cell, nf = {}, {}, {}, 0
	for _, b in ipairs(qs.buurten) do
		local i, j = KL[b.k_level or ""], OL[b.o_level or ""]
		if i and j then
			f[b.code] = SC.focus[j][i]
			local key = j * 10 + i
			cell[key] = cell[key] or { 0, 0 }
			cell[key][1] = cell[key][1] + 1
			cell[key][2] = cell[key][2] + (b.inhabitants or 0)
		end
		if b.focus == 1 then pat[b.code] = "cross"; nf = nf + 1 end
	end
	local title = "Focuskaart " .. qs.report.area
	local m, y = map_top(title,
		"Niveaus, geen veranderingen: K-niveau (tertielen van de stad) tegen O-niveau. " ..
		"Focusbuurten (hoge K en zwakke O, de donkerste cel) zijn extra gemarkeerd met een kruisarcering.",
		f, { h = 350, pattern = pat, pattern_color = "#FFFFFF", export = "focuskaart" })
	-- Bivariate legend: 3 x 3 cells with buurten and inhabitants.
	local cs, lx = 46, X0 + 70
	text(X0, y + 8, "Legenda", S.h2)
	local gy = y + 16
	for j = 1, 3 do
		for i = 1, 3 do
			local paint = swatch(SC.focus[j][i])
			if i == 3 and j == 3 then paint.hatch, paint.pattern = "#FFFFFF", "cross" end
			rect(lx + (i - 1) * cs, gy + (j - 1) * 26, cs, 26, paint)
			local c = cell[j * 10 + i] or { 0, 0 }
			local cx, cy = lx + (i - 0.5) * cs, gy + (j - 1) * 26 + 16
			local colour = (j == 3 and i >= 2) and "#FFFFFF" or "text"
			if i == 3 and j == 3 then
				-- The focus cell's count on a white chip: the cross-hatch
				-- would swallow it.
				rect(cx - 11, cy - 9, 22, 12, { fill = "#FFFFFF" })
				colour = "text"
			end
			text(cx, cy, fmt(c[1]), { font = "bold", size = 8, color = colour, align = "center" })
		end
	end
	for i, l in ipairs({ "laag", "midden", "hoog" }) do
		text(lx + (i - 0.5) * cs, gy + 3 * 26 + 10, l, { size = 7.5, align = "center" })
	end
	text(lx + 1.5 * cs, gy + 3 * 26 + 21, "K-niveau →", { font = "bold", size = 7.5, align = "center" })
	for j, l in ipairs({ "O goed", "O midden", "O zwak" }) do
		text(lx - 6, gy + (j - 1) * 26 + 16, l, { size = 7.5, align = "right" })
	end
	local tx = lx + 3 * cs + 30
	local fb = {}
	for _, b in ipairs(qs.buurten) do
		if b.focus == 1 then fb[#fb + 1] = { b.nr, b.name, fmt(b.K, 1), fmt(b.O, 3) } end
	end
	text(tx, y + 8, "Focusbuurten (" .. fmt(nf) .. ")", S.h2)
	table{ x = tx, y = y + 14, w = X1 - tx, columns = { { title = T.col_nr, width = 24 },
		{ title = T.col_buurt }, { title = "K %", width = 34, align = "right" },
		{ title = "O", width = 40, align = "right" } }, rows = fb, style = S.table_small,
		header_style = S.table_small_head, zebra = C.zebra, rule = C.rule, pad = 2, max_lines = 1 }
	textbox(X0, gy + 3 * 26 + 28, tx - X0 - 20, nil, "Getallen in de cellen: aantal buurten. " ..
		"Buurten zonder niveau (te weinig inwoners of gegevens) zijn wit gearceerd.", S.note)
	K.source_line(P.h - P.bottom - 10)
end

-- Leefbaarometer total score L ----------------------------------------------------
-- The nine official classes when the config gives their bounds
-- (classification.lbm_klassen, in parameters.csv as lbm_klasse_2..9) and
-- classify put each buurt's class in L_klasse; otherwise city quintiles.
-- The bounds are never set here: the Leefbaarometer publishes them per
-- release and a made-up scale would read as the official one.
local LBM_NAMES, LBM_COLOURS = T.lbm_klassen, SC.L9
local lbm_bounds = {}
for k = 2, 9 do lbm_bounds[k - 1] = prm["lbm_klasse_" .. k] end

if #lbm_bounds == 8 then
	-- As few decimals as show every bound exactly (at most 4).
	local dec = 0
	for _, v in ipairs(lbm_bounds) do
		while dec < 4 and math.abs(v * 10 ^ dec - math.floor(v * 10 ^ dec + 0.5)) > 1e-6 do
			dec = dec + 1
		end
	end
	-- Name above range on every row: the legend column is too narrow for
	-- both on one line, and a range broken at its dash reads badly.
	local labels = { LBM_NAMES[1] .. "\nonder " .. fmt(lbm_bounds[1], dec) }
	for k = 2, 8 do
		labels[k] = LBM_NAMES[k] .. "\n" .. fmt(lbm_bounds[k - 1], dec) .. " – " ..
			fmt(lbm_bounds[k], dec)
	end
	labels[9] = LBM_NAMES[9] .. "\nvanaf " .. fmt(lbm_bounds[8], dec)
	numeric_page("Leefbaarometer totaalscore (L) " .. (K.year_of("L") or ""),
		"De totaalscore van de Leefbaarometer 3.0 (lbm), hoger is beter, in de negen " ..
		"Leefbaarometer-klassen van zeer onvoldoende tot uitstekend. Een score op een grens " ..
		"hoort bij de hogere klasse.",
		"L", lbm_bounds, LBM_COLOURS, labels, "Leefbaarometer-klassen", 2, false,
		"Hoogste L", "Laagste L",
		"De klassengrenzen komen uit de configuratie (classification: lbm_klassen) en horen " ..
		"die van de Leefbaarometer zelf te zijn, voor de editie waaruit L komt.",
		nil, "L_klasse")
else
	local list = {}
	for _, b in ipairs(qs.buurten) do if b.L then list[#list + 1] = b.L end end
	table.sort(list)
	if #list >= 5 then
		local br = {}
		for q = 1, 4 do br[q] = list[math.floor(q * #list / 5) + 1] end
		local labels = { "laagste vijfde (onder " .. fmt(br[1], 2) .. ")" }
		for q = 2, 4 do labels[q] = fmt(br[q - 1], 2) .. " – " .. fmt(br[q], 2) end
		labels[5] = "hoogste vijfde (vanaf " .. fmt(br[4], 2) .. ")"
		numeric_page("Leefbaarometer totaalscore (L) " .. (K.year_of("L") or ""),
			"De totaalscore van de Leefbaarometer 3.0 (lbm), hoger is beter, in vijf even grote " ..
			"groepen: de kwintielen van de buurten van de stad.",
			"L", br, SC.L, labels, "L (kwintielen van de stad)", 2, false, "Hoogste L", "Laagste L",
			"Klassen: kwintielen van de stad, niet de negen Leefbaarometer-klassen.")
	end
end
