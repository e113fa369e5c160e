-- Section 8: Bijlagen. A: every buurt with every value used, split over
-- pages with the header repeated; B: the data dictionary of
-- classify/buurten.csv; C: sources with attribution and the configuration
-- (indicators, thresholds) of this run.
local S, K = style, kit
local P, C, T = S.page, S.colour, S.words
local R3 = T.r3
local X0, W = P.left, P.width
local BOTTOM = P.h - P.bottom - 20
local na = K.na_text

-- A page of an appendix; only its first page gets a bookmark (and so a
-- line in the contents): a continued table is one entry.
local function new_page(title, continued)
	page_new()
	if not continued then bookmark(title) end
	return K.heading(R3.annex_kicker, continued and T.continued(title) or title, P.top) + 10
end

-- A: all buurten ------------------------------------------------------------------------
local wk = {}
for _, w in ipairs(qs.city.wijken or qs.wijken) do wk[w.code] = w.name end
local ky0 = qs.indicators.K and qs.indicators.K.base_year or "t0"
local ky1 = K.year_of("K") or "t1"
local oy0 = qs.indicators.O and qs.indicators.O.base_year or "t0"
local oy1 = K.year_of("O") or "t1"
-- classify writes growth and growth_flag (and the growth_threshold
-- parameter) only when the config gives classification.growth.
local gthr = qs.param.growth_threshold
local cols = {
	{ title = "Code", width = 48 }, { title = "Buurt" }, { title = "Wijk", width = 54 },
	{ title = "Inw.", width = 30, align = "right" }, { title = "P %", width = 22, align = "right" },
	{ title = "K " .. ky0 .. "→" .. ky1, width = 50, align = "right" }, { title = "ΔK", width = 24, align = "right" },
	{ title = "O " .. oy0 .. "→" .. oy1, width = 58, align = "right" }, { title = "ΔO", width = 30, align = "right" },
	{ title = "Kl.", width = 30 }, { title = "F", width = 12, align = "center" }, { title = "NA-reden", width = 62 },
}
-- The G column takes its width from the columns with slack (P, ΔO, Kl.,
-- F), not from the buurt names, so the names wrap no more than without it.
if gthr then
	cols[5].width, cols[9].width, cols[10].width, cols[11].width = 20, 28, 26, 10
	table.insert(cols, #cols, { title = "G", width = 10, align = "center" })
end
local rows = {}
for _, b in ipairs(qs.buurten) do
	local k = (b.K_base == nil and b.K == nil) and "n.b." or (na(b.K_base, 1) .. "→" .. na(b.K, 1))
	local o = (b.O_base == nil and b.O == nil) and "n.b." or (na(b.O_base, 3) .. "→" .. na(b.O, 3))
	local r = { b.code, b.name, ((wk[b.wijk] or b.wijk):gsub("^Wijk (%d+) ", "%1 ")), na(b.inhabitants), na(b.P), k,
		na(b.dK, 1, true), o, na(b.dO, 3, true), (b.class or "NA") .. "/" .. (b.class_rel or "NA"),
		b.focus == 1 and "●" or "", b.na_reason or "" }
	if gthr then table.insert(r, #r, b.growth_flag == 1 and "G" or "") end
	rows[#rows + 1] = r
end
-- The G mark, explained below the table on its last page.
local gnote = gthr and ("G = sterke groei: het aantal inwoners veranderde tussen " .. ky0 .. " en " .. ky1 ..
	" met meer dan " .. fmt(gthr) .. "% (groei of krimp). K en ΔK zeggen dan vooral iets over wie er kwam " ..
	"wonen of vertrok, niet over verandering bij de bewoners die er al woonden. De markering is een " ..
	"waarschuwing naast de klasse en verandert die niet; leeg bij een niet bekend inwonertal.")
-- Rows are measured the way table{} sets them (lines × leading + 1.2 × pad;
-- the name, wijk and NA reason wrap to at most 3 lines), cut into pages
-- that fit, and each page repeats the header row.
local PAD, MAXL = 2, 3
local LEAD = S.table_small.leading
local fixed = 0
for _, c in ipairs(cols) do fixed = fixed + (c.width or 0) end
for _, c in ipairs(cols) do
	if not c.width then c.wrap = true end
end
cols[3].wrap, cols[#cols].wrap = true, true
local function cw(c) return (c.width or (W - fixed)) - 2 * PAD end
local function row_h(r)
	local n = 1
	for j, c in ipairs(cols) do
		if c.wrap and r[j] and r[j] ~= "" then
			n = math.max(n, math.min(MAXL, #wrap(r[j], S.table_small, cw(c))))
		end
	end
	return n * LEAD + 1.2 * PAD
end
local HEAD_H = LEAD + 1.2 * PAD
-- Room for the G note under the last row (measured like textbox sets it).
local NOTE_H = gnote and (#wrap(gnote, S.note, W) * S.note.leading + 8) or 0
local i, first = 1, true
while i <= #rows do
	local y = new_page(R3.annex_table_title, not first)
	if first then
		y = y + textbox(X0, y, W, nil, "Alle " .. fmt(#rows) .. " buurten met de gebruikte waarden. " ..
			"Kl. = klasse absoluut/relatief; F = focusbuurt; " .. (gnote and "G = sterke groei (zie onder de tabel); " or "") ..
			"ΔK in procentpunten; n.b. = niet bekend. " ..
			"Dezelfde waarden, onafgerond, staan in classify/buurten.csv (bijlage B).", S.note) + 4
	end
	local part, h = {}, y + HEAD_H
	while i <= #rows do
		local rh = row_h(rows[i])
		-- the last row also needs room for the note below it
		local need = rh + (i == #rows and NOTE_H or 0)
		if h + need > BOTTOM and #part > 0 then break end
		part[#part + 1] = rows[i]
		h, i = h + rh, i + 1
	end
	local ty = table{ x = X0, y = y, w = W, columns = cols, rows = part, style = S.table_small,
		header_style = S.table_small_head, zebra = C.zebra, rule = C.rule, pad = PAD, max_lines = MAXL }
	if gnote and i > #rows then textbox(X0, ty + 6, W, nil, gnote, S.note) end
	first = false
	K.source_line(P.h - P.bottom - 10)
end

-- B: data dictionary --------------------------------------------------------------------
local y = new_page(R3.annex_dict_title)
local dict = {
	{ "code", "CBS-buurtcode (BUggggwwbb)", "tekst" },
	{ "name", "buurtnaam", "tekst" },
	{ "wijk", "CBS-wijkcode van de buurt", "tekst" },
	{ "in_area", "1 als de buurt in het gebied van de rapportage ligt", "0/1" },
	{ "bron.kolom.jaar", "de ingelezen bronkolommen, per bron, kolom en jaar (bv. series.p_hh_li.2024)", "als de bron" },
	{ "inhabitants", "aantal inwoners", "personen" },
	{ "homes", "aantal woningen", "woningen" },
	{ "P", "aandeel corporatiewoningen", "%" },
	{ "K_base", "K in het basisjaar (" .. ky0 .. ")", "%" },
	{ "K", "K in het laatste jaar (" .. ky1 .. "): aandeel kwetsbare huishoudens", "%" },
	{ "dK", "verandering van K", "procentpunt" },
	{ "O_base", "O in het basisjaar (" .. oy0 .. ")", "afwijking van NL" },
	{ "O", "O in het laatste jaar (" .. oy1 .. "): overlast en onveiligheid, hoger is beter", "afwijking van NL" },
	{ "dO", "verandering van O", "afwijking van NL" },
	{ "L", "Leefbaarometer-totaalscore (lbm)", "score" },
	{ "corporatiebuurt", "1 als P boven " .. fmt(qs.param.corporatiebuurt or 66.7, 1) .. "%", "0/1" },
	{ "k_change", "toename / stabiel / afname (absoluut)", "tekst" },
	{ "o_change", "verslechtering / stabiel / verbetering (absoluut)", "tekst" },
	{ "class", "signaalklasse absoluut (VD, OT, VK, ST, VB, NA)", "code" },
	{ "z_dK", "z-score van ΔK binnen de gemeente", "sd" },
	{ "z_dO", "z-score van ΔO binnen de gemeente", "sd" },
	{ "k_change_rel", "verandering van K, relatief (z-score)", "tekst" },
	{ "o_change_rel", "verandering van O, relatief (z-score)", "tekst" },
	{ "class_rel", "signaalklasse relatief", "code" },
	{ "alarm", "1: alle seinen op rood (VD, corporatiebuurt en zwak O-niveau)", "0/1" },
	{ "k_level", "K-niveau naar de tertielen van de stad: laag / midden / hoog", "tekst" },
	{ "o_level", "O-niveau naar de tertielen van de stad: zwak / midden / goed", "tekst" },
	{ "focus", "1: focusbuurt (K hoog en O zwak)", "0/1" },
	{ "na_reason", "waarom de buurt geen klasse heeft (leeg als ze er een heeft)", "tekst" },
}
-- classify writes L_klasse (after L) only when the config gives lbm_klassen.
if qs.param.lbm_klasse_2 then
	for i, d in ipairs(dict) do
		if d[1] == "L" then
			table.insert(dict, i + 1, { "L_klasse", "Leefbaarometer-klasse van L, 1 (zeer onvoldoende) " ..
				"tot 9 (uitstekend), met de grenzen uit de configuratie (lbm_klassen)", "1–9" })
			break
		end
	end
end
-- growth and growth_flag (after dK) only with classification.growth.
if gthr then
	for i, d in ipairs(dict) do
		if d[1] == "dK" then
			table.insert(dict, i + 1, { "growth", "verandering van het aantal inwoners van " .. ky0 .. " tot " .. ky1 ..
				" (bron en kolom: classification.growth)", "%" })
			table.insert(dict, i + 2, { "growth_flag", "1: sterke groei, inwonertal meer dan " .. fmt(gthr) ..
				"% hoger of lager (G in bijlage A); verandert de klasse niet", "0/1" })
			break
		end
	end
end
y = table{ x = X0, y = y, w = W, columns = { { title = "Kolom", width = 110 }, { title = "Betekenis", wrap = true },
	{ title = "Eenheid", width = 90 } }, rows = dict, style = S.table, header_style = S.table_head,
	zebra = C.zebra, rule = C.rule, pad = 3, max_lines = 2 }
K.source_line(P.h - P.bottom - 10)

-- C: sources and configuration ------------------------------------------------------------
y = new_page(R3.annex_sources_title)
text(X0, y + 9, "Bronnen", S.h2)
y = y + 15
y = y + textbox(X0, y, W, nil, S.source_line .. ".", S.body) + 6
local src = {}
for _, key in ipairs(T.indicator_order) do
	local ind = qs.indicators[key]
	if ind then
		for _, c in ipairs(ind.components) do
			src[#src + 1] = { T.indicator[key], c.source, c.file, c.column,
				(c.base_year and (c.base_year .. ", ") or "") .. (c.year or K.years(ind) or "–") }
		end
	end
end
y = table{ x = X0, y = y, w = W, columns = { { title = "Indicator", width = 150 }, { title = "Bron", width = 62 },
	{ title = "Bestand", wrap = true }, { title = "Kolom", width = 56 }, { title = "Jaar", width = 60 } },
	rows = src, style = S.table, header_style = S.table_head, zebra = C.zebra, rule = C.rule, pad = 3,
	max_lines = 2 } + 14
text(X0, y + 9, "Configuratie en drempels (classify/parameters.csv)", S.h2)
y = y + 15
local prow = {}
for _, p in ipairs(qs.params) do
	local v = p.value
	if type(v) == "number" then
		v = (v == math.floor(v) and math.abs(v) < 1e6) and (p.name:find("year") and tostring(math.floor(v)) or fmt(v))
			or fmt(v, math.abs(v) < 1 and 6 or 4)
	end
	prow[#prow + 1] = { p.name, tostring(v or ""), p.description or "" }
end
table{ x = X0, y = y, w = W, columns = { { title = "Naam", width = 110 }, { title = "Waarde", width = 70, align = "right" },
	{ title = "Omschrijving" } }, rows = prow, style = S.table_small, header_style = S.table_small_head,
	zebra = C.zebra, rule = C.rule, pad = 2, max_lines = 1 }
K.source_line(P.h - P.bottom - 10)
