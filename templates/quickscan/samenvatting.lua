-- Section 1: Samenvatting. Buurten and inhabitants per class (absolute and
-- relative), the key numbers, the aandachtsbuurten (VD, focusbuurten,
-- corporatiebuurten with VD or OT) and, when vk-outlook ran, one sentence
-- on the balance in the city. Every number comes from qs.
local S, K = style, kit
local P, C, T = S.page, S.colour, S.words
local R3 = T.r3
local X0, W = P.left, P.width
local X1 = X0 + W

page_new()
bookmark(R3.sum_title(qs.report.area))
local y = K.heading(R3.sum_kicker, R3.sum_title(qs.report.area), P.top) + 10

-- Key numbers ------------------------------------------------------------------
local tot = qs.totals.absolute
local corp_inh, wk = 0, {}
for _, b in ipairs(qs.buurten) do
	if b.corporatiebuurt == 1 then corp_inh = corp_inh + (b.inhabitants or 0) end
end
for _, w in ipairs(qs.wijken) do wk[w.code] = K.wijk_short(w.name) end
-- City K and O: inhabitant-weighted means over buurten with both years.
local function city_mean(f0, f1)
	local s0, s1, n = 0, 0, 0
	for _, b in ipairs(qs.buurten) do
		if b[f0] and b[f1] and b.inhabitants then
			s0, s1, n = s0 + b[f0] * b.inhabitants, s1 + b[f1] * b.inhabitants, n + b.inhabitants
		end
	end
	if n == 0 then return nil end
	return s0 / n, s1 / n
end
local k0, k1 = city_mean("K_base", "K")
local o0, o1 = city_mean("O_base", "O")
local keys = {
	{ fmt(tot.inhabitants), "inwoners" },
	{ fmt(tot.buurten), "buurten in " .. fmt(#qs.wijken) .. " wijken" },
	{ fmt(tot.inhabitants > 0 and 100 * corp_inh / tot.inhabitants or nil, 1) .. "%",
		"van de inwoners woont in een corporatiebuurt" },
	{ k0 and fmt(k1 - k0, 1, true) .. " pp" or "n.b.", "verandering K stad (" .. (K.years(qs.indicators.K) or "") ..
		(k0 and ("; " .. fmt(k0, 1) .. "% → " .. fmt(k1, 1) .. "%") or "") .. ")" },
	{ o0 and fmt(o1 - o0, 3, true) or "n.b.", "verandering O stad (" .. (K.years(qs.indicators.O) or "") .. ")" },
}
local kw = W / #keys
for i, k in ipairs(keys) do
	local x = X0 + (i - 1) * kw
	text(x, y + 16, k[1], K.fit(k[1], S.key_num, kw - 8))
	textbox(x, y + 22, kw - 8, nil, k[2], S.key_label)
end
y = y + 22 + 32
textbox(X0, y, W, nil, "K en O voor de stad: gemiddelden van de buurten, gewogen naar het aantal inwoners.", S.note)
y = y + 16

-- Classes --------------------------------------------------------------------
text(X0, y + 9, "Buurten en inwoners per klasse", S.h2)
y = y + 16
local rows = {}
for _, c in ipairs(qs.classes) do
	rows[#rows + 1] = { "", c.code, c.label, fmt(c.absolute.buurten), fmt(c.absolute.inhabitants),
		fmt(tot.inhabitants > 0 and 100 * c.absolute.inhabitants / tot.inhabitants or nil, 1),
		fmt(c.relative.buurten), fmt(c.relative.inhabitants) }
end
rows[#rows + 1] = { "", "", T.legend_total, fmt(tot.buurten), fmt(tot.inhabitants), fmt(100, 1),
	fmt(qs.totals.relative.buurten), fmt(qs.totals.relative.inhabitants), bold = true }
local ty = y
local bottom = table{ x = X0, y = y, w = W, style = S.table, header_style = S.table_head,
	rule = C.rule, pad = 3, columns = {
		{ title = "", width = 22 }, { title = "Code", width = 30 }, { title = "Klasse" },
		{ title = "Buurten abs.", width = 62, align = "right" },
		{ title = "Inwoners abs.", width = 66, align = "right" },
		{ title = "% inw.", width = 40, align = "right" },
		{ title = "Buurten rel.", width = 62, align = "right" },
		{ title = "Inwoners rel.", width = 66, align = "right" } }, rows = rows }
-- Swatches in the first column (rows are equally tall).
local rh = (bottom - ty) / (#rows + 1)
for i, c in ipairs(qs.classes) do
	rect(X0 + 3, ty + i * rh + (rh - 9) / 2, 15, 9, K.class_paint(c))
end
y = bottom + 4
y = y + textbox(X0, y, W, nil, "Absoluut: verandering gemeten tegen vaste drempels. Relatief: " ..
	"verandering vergeleken met de andere buurten van de stad (z-scores). Zie hoofdstuk 2.", S.note) + 12

-- Aandachtsbuurten -----------------------------------------------------------------
local att = {}
for _, b in ipairs(qs.buurten) do
	local why = {}
	if b.class == "VD" then why[#why + 1] = "VD" end
	if b.focus == 1 then why[#why + 1] = "focusbuurt" end
	if b.corporatiebuurt == 1 and (b.class == "VD" or b.class == "OT") then
		why[#why + 1] = "corporatiebuurt " .. b.class
	end
	if b.alarm == 1 then why[#why + 1] = "alle seinen op rood" end
	if #why > 0 then
		att[#att + 1] = { b.nr, b.name, wk[b.wijk] or b.wijk, K.na_text(b.inhabitants),
			K.na_text(b.P), K.na_text(b.K, 1), K.na_text(b.dK, 1, true), K.na_text(b.O, 3),
			K.na_text(b.dO, 3, true), table.concat(why, ", ") }
	end
end
text(X0, y + 9, "Aandachtsbuurten (" .. fmt(#att) .. ")", S.h2)
y = y + 14
y = y + textbox(X0, y, W, nil, "Buurten in de klasse Veerkracht onder druk (VD), focusbuurten " ..
	"(hoge K en zwakke O) en corporatiebuurten met VD of OT.", S.note) + 2
local BOTTOM = P.h - P.bottom - 16
-- Sterke groei (classification.growth; classify writes growth_flag only
-- with it): one sentence naming the flagged buurten, whose ΔK says more
-- about who moved in or out than about change in place. Measured first,
-- so the aandachtsbuurten leave room for it.
local gtext
if qs.param.growth_threshold then
	local names, up, down = {}, 0, 0
	for _, b in ipairs(qs.buurten) do
		if b.growth_flag == 1 then
			names[#names + 1] = b.name
			if (b.growth or 0) > 0 then up = up + 1 else down = down + 1 end
		end
	end
	if #names > 0 then
		local MAXN = 8
		local list = {}
		for k = 1, math.min(#names, MAXN) do list[k] = names[k] end
		local last = #names > MAXN and ("nog " .. fmt(#names - MAXN) .. " andere") or table.remove(list)
		local one = #names == 1
		local verb = down == 0 and (one and "groeide" or "groeiden") or up == 0 and (one and "kromp" or "krompen")
			or "groeiden of krompen"
		local who = down == 0 and "wie er nieuw kwam wonen" or up == 0 and "wie er vertrok" or "wie er kwam wonen of vertrok"
		gtext = "Sterke groei: " .. fmt(#names) .. (one and " buurt " or " buurten ") .. verb .. " tussen " ..
			(qs.param.K_base_year and math.floor(qs.param.K_base_year) or "") .. " en " ..
			(qs.param.K_year and math.floor(qs.param.K_year) or "") .. " met meer dan " ..
			fmt(qs.param.growth_threshold) .. "% in inwoners (G in bijlage A): " ..
			(#list > 0 and (table.concat(list, ", ") .. " en ") or "") .. last .. ". " ..
			"Een ΔK zegt daar vooral iets over " .. who .. "."
	end
end
local GH = gtext and (#wrap(gtext, S.body, W) * S.body.leading + 8) or 0
local cols = { { title = T.col_nr, width = 24 }, { title = T.col_buurt }, { title = "Wijk", width = 70 },
	{ title = "Inw.", width = 36, align = "right" }, { title = "P %", width = 24, align = "right" },
	{ title = "K %", width = 28, align = "right" }, { title = "ΔK", width = 28, align = "right" },
	{ title = "O", width = 34, align = "right" }, { title = "ΔO", width = 36, align = "right" },
	{ title = "Waarom", width = 104 } }
-- Rows of one line each; split over pages when needed.
local RH = S.table_small.leading + 4
local i = 1
while i <= #att do
	local fit = math.max(1, math.floor((BOTTOM - 40 - GH - y - RH) / RH))
	local part = {}
	for k = i, math.min(#att, i + fit - 1) do part[#part + 1] = att[k] end
	y = table{ x = X0, y = y, w = W, columns = cols, rows = part, style = S.table_small,
		header_style = S.table_small_head, zebra = C.zebra, rule = C.rule, pad = 2, max_lines = 1 }
	i = i + #part
	if i <= #att then
		K.source_line(P.h - P.bottom - 10)
		page_new()
		y = K.heading(R3.sum_kicker, R3.sum_title(qs.report.area), P.top) + 10
	end
end
y = y + 10
if gtext then y = y + textbox(X0, y, W, nil, gtext, S.body) + 8 end

-- The balance in the city (vk-outlook) -------------------------------------------------
if qs.outlook and qs.outlook.city then
	local verdict, scen
	for _, r in ipairs(qs.outlook.city) do
		if r.kind == "verdict" and r.text then verdict, scen = r.text, r.scenario; break end
	end
	if verdict then
		-- The sentence on the spread of social housing, else the first one.
		local pick
		for s in (verdict .. " "):gmatch("(.-[%.%?!])%s+%f[%u]") do
			pick = pick or s
			if s:find("ongelijkheidsindex") then pick = s; break end
		end
		text(X0, y + 9, "Balans in de stad", S.h2)
		y = y + 14
		textbox(X0, y, W, BOTTOM - 14 - y, "Doorkijk, scenario '" .. (scen or "") .. "': " ..
			(pick or verdict):gsub("%.$", "") .. " (zie hoofdstuk 7).", S.body)
	end
end
K.source_line(P.h - P.bottom - 10)
