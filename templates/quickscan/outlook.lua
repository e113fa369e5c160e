-- Sections 6 and 7: the getalsmatige doorkijk (numeric outlook) and the
-- impact on the whole city, from vk-outlook's files (qs.outlook, see
-- pipeline/render/render_lua_outlook.c). Left out when the config has no
-- `outlook:` section. Per wijk: stock by segment now and at the horizon per
-- scenario, and K over the years per scenario as a chart; for the city:
-- an overview, shares, the dissimilarity index, class counts, the K
-- ranking, waterbed flags and the verdict. The words are in W below; a
-- client's style.lua can replace any of them through style.words.outlook.
local O = qs.outlook
if O == nil then return end

local S, K = style, kit
local P, C = S.page, S.colour
local X0, PW = P.left, P.width
local X1 = X0 + PW
local BOTTOM = P.h - P.bottom - 16

local W = {
	kicker6 = "6  GETALSMATIGE DOORKIJK",
	title6 = function(area) return "Getalsmatige doorkijk " .. area end,
	kicker7 = "7  IMPACT OP DE HELE STAD",
	title7 = "Impact op de hele stad",
	intro = function(p)
		return "Per wijk is doorgerekend hoe de woningvoorraad en het aantal kwetsbare " ..
			"huishoudens zich ontwikkelen van " .. p.base .. " tot " .. p.last ..
			", zonder plan (autonoom) en met de inzet uit het plan. Elk jaar verhuist een " ..
			"vast deel van de bewoners (mutatiegraad: sociale huur en middenhuur " ..
			p.m_soc .. ", particuliere huur " .. p.m_pri .. ", koop " .. p.m_own ..
			"); een deel van de nieuwe bewoners is kwetsbaar (de instroom). Sloop haalt " ..
			"woningen en hun bewoners weg, nieuwbouw voegt woningen toe, verkoop en " ..
			"liberalisatie gebeuren bij verhuizing en verplaatsen een lege woning naar een " ..
			"ander segment. Wat het plan aan kwetsbare instroom in de ene wijk niet meer " ..
			"huisvest, komt voor " .. p.disp .. " terecht in sociale huur elders in de stad " ..
			"(het waterbedeffect). K is het aandeel kwetsbare huishoudens."
	end,
	illustrative_title = "Illustratief plan",
	illustrative = "De maatregelen in dit plan zijn een voorbeeld om de methode te laten " ..
		"zien, geen beleid.",
	scenarios_title = "Scenario's",
	overview_title = "De wijken nu en over tien jaar",
	overview_title_n = function(n) return "De wijken nu en over " .. n .. " jaar" end,
	col_wijk = "Wijk",
	col_homes = "Woningen",
	col_soc = "Soc. huur",
	col_K = "K %",
	city_row = function(area) return area .. " (stad)" end,
	plan_title = "Het plan per wijk",
	no_plan = "Het plan bevat geen maatregelen.",
	calibrated = function(n, total, y0, y1, clamped)
		local s = "Instroom: het aandeel kwetsbare huishoudens onder nieuwe bewoners is voor " ..
			n .. " van de " .. total .. " combinaties van wijk en segment gekalibreerd op " ..
			"de ontwikkeling van K tussen " .. y0 .. " en " .. y1 .. "."
		if clamped > 0 then
			s = s .. " Bij " .. clamped .. " daarvan lag de uitkomst buiten 0–1 en is " ..
				"die begrensd."
		end
		return s
	end,
	none_calibrated = "Instroom: alle instroomaandelen zijn in de configuratie gegeven.",
	wijk_kicker = "6  DOORKIJK PER WIJK",
	seg_col = "Segment",
	now_group = "nu",
	total = "Totaal",
	pct_social = "% sociale huur",
	pct_corp = "% corporatie",
	K_row = "K (% kwetsbaar)",
	chart_title = function(y0, y1) return "K per jaar, " .. y0 .. "–" .. y1 end,
	wijk_plan = function(sc) return "Plan " .. sc .. ": " end,
	wijk_no_plan = "geen maatregelen in het plan.",
	intake = "Instroomaandeel kwetsbaar: ",
	cal_mark = " (gekalibreerd)",
	clamp_mark = " (gekalibreerd, begrensd)",
	shares_title = "Aandeel per wijk in de sociale voorraad en de kwetsbare instroom van de stad",
	group_soc = function(y) return "sociale voorraad (%): nu en " .. y end,
	group_in = function(y) return "kwetsbare instroom (%): nu en " .. y end,
	dissim_title = "Ongelijkheidsindex sociale huur",
	dissim_note = "D = ½ Σ |s/S − o/O| over de wijken, met s de sociale huurwoningen en o de " ..
		"overige woningen van een wijk: 0 als de sociale huur over de wijken verdeeld is " ..
		"zoals de overige woningen, 1 als ze volledig gescheiden liggen.",
	col_scenario = "Scenario",
	classes_title = "Wijken per klasse",
	signal_title = "Buurten per signaalklasse nu",
	col_class = "Klasse",
	col_abs = "absoluut",
	col_rel = "relatief",
	col_inh = "inwoners (absoluut)",
	class_note = function(lo, hi)
		return "K laag: tot en met " .. fmt(lo, 1) .. "%, hoog: boven " .. fmt(hi, 1) ..
			"% (de terciles van de wijken nu); corporatiewijk: meer corporatiewoningen " ..
			"dan de drempel van de corporatiebuurt."
	end,
	class_label = { laag = "K laag", midden = "K midden", hoog = "K hoog",
		corporatiewijk = "Corporatiewijk" },
	rank_title = function(y) return "Rangorde naar K in " .. y end,
	col_rank = "Rang",
	waterbed_title = "Waterbedsignalen",
	waterbed_rule = function(k, i)
		local by = fmt(k, 1) == fmt(i, 1) and fmt(k, 1) or
			(fmt(k, 1) .. " respectievelijk " .. fmt(i, 1))
		return "Een wijk krijgt een signaal als K of haar aandeel in de kwetsbare instroom " ..
			"van de stad met het plan meer dan " .. by .. " procentpunt hoger uitkomt dan " ..
			"autonoom, terwijl het plan elders sociale huur vermindert."
	end,
	no_waterbed = "Geen wijk krijgt een waterbedsignaal.",
	verdict_title = function(sc) return "Oordeel over de balans in de stad (" .. sc .. ")" end,
	caveat = "Een doorkijk, geen prognose: de uitkomsten volgen uit de aannames hierboven " ..
		"(mutatiegraad, instroom, de verdeling van K over de segmenten) en uit het plan. " ..
		"Verhuizingen van en naar de regio, groei van het aantal huishoudens en " ..
		"veranderingen in toewijzingsbeleid zitten er niet in.",
	source = "Bron: CBS (Kerncijfers wijken en buurten); berekening vk-outlook.",
}
if S.words.outlook then
	for k, v in pairs(S.words.outlook) do W[k] = v end
end

local SEGMENTS = {
	{ "sociale_huur", "Sociale huur (corporatie)" },
	{ "middenhuur", "Middenhuur (corporatie)" },
	{ "particuliere_huur", "Particuliere huur" },
	{ "koop", "Koop" },
}
local SCEN_COLOUR = { "#8C8C8C", C.accent, "#D95F02", "#1B9E77", "#7570B3", "#E7298A" }

-- The files, indexed -------------------------------------------------------

local par, scen, measures, dissim, counts, ranks = {}, {}, {}, {}, {}, {}
local waterbed, verdict, note = {}, {}, nil
for _, r in ipairs(O.city) do
	local k = r.kind
	if k == "parameter" then par[r.name] = r.value
	elseif k == "note" then note = r.text
	elseif k == "scenario" then scen[#scen + 1] = { name = r.scenario, text = r.text }
	elseif k == "measure" then
		measures[r.scenario] = measures[r.scenario] or {}
		local m = measures[r.scenario]
		m[r.wijk] = m[r.wijk] or {}
		table.insert(m[r.wijk], r.text)
	elseif k == "dissimilarity" then
		dissim[r.scenario] = dissim[r.scenario] or {}
		dissim[r.scenario][r.year] = r.value
	elseif k == "class_count" then
		counts[r.scenario] = counts[r.scenario] or {}
		counts[r.scenario][r.year] = counts[r.scenario][r.year] or {}
		counts[r.scenario][r.year][r.name] = r.value
	elseif k == "rank" then
		ranks[r.scenario] = ranks[r.scenario] or {}
		ranks[r.scenario][r.value] = r.wijk
	elseif k == "waterbed" then waterbed[#waterbed + 1] = r
	elseif k == "verdict" then verdict[r.scenario] = r.text
	end
end
local Y0, H = par.base_year, par.horizon
local Y1 = Y0 + H
local plans = {}
for i = 2, #scen do plans[#plans + 1] = scen[i].name end
local colour = {}
for i, s in ipairs(scen) do colour[s.name] = SCEN_COLOUR[(i - 1) % #SCEN_COLOUR + 1] end

-- summary[code][scenario][year] = record; wijken in file order, city apart.
local sum, wijken, city = {}, {}, nil
for _, r in ipairs(O.summary) do
	if sum[r.wijk] == nil then
		sum[r.wijk] = {}
		local w = { code = r.wijk, name = r.name, in_area = r.in_area == 1 }
		if r.wijk == qs.report.area_code then city = w else wijken[#wijken + 1] = w end
	end
	sum[r.wijk][r.scenario] = sum[r.wijk][r.scenario] or {}
	sum[r.wijk][r.scenario][r.year] = r
end
local names = {}
for _, w in ipairs(wijken) do names[w.code] = w.name end

local inputs, ncal, nclamp, nseg = {}, 0, 0, 0
for _, r in ipairs(O.inputs) do
	inputs[r.wijk] = inputs[r.wijk] or {}
	inputs[r.wijk][r.segment] = r
	nseg = nseg + 1
	if r.intake_source ~= "config" then ncal = ncal + 1 end
	if r.intake_source == "clamped" then nclamp = nclamp + 1 end
end

local function short(name)
	return (name:gsub("^Wijk %d%d ", ""))
end

local na = K.na_text

-- Page helpers -----------------------------------------------------------

local function new_page(kicker, title, mark)
	page_new()
	if mark then bookmark(mark) end
	return K.heading(kicker, title, P.top) + 12
end

-- A new continuation page when fewer than `need` points are left.
local function room(y, need, kicker, title)
	if y + need <= BOTTOM then return y end
	K.source_line(P.h - P.bottom - 10)
	return new_page(kicker, title)
end

local function tbl(y, cols, rows)
	return table{ x = X0, y = y, w = PW, columns = cols, rows = rows, style = S.table,
		header_style = S.table_head, zebra = C.zebra, rule = C.rule, pad = 3,
		max_lines = 2 }
end

local function para(y, s, st, w)
	return y + textbox(X0, y, w or PW, nil, s, st or S.body)
end

-- A box with a bold title and text, on the light accent colour.
local function boxed(y, title, s)
	local lines = wrap(s, S.body, PW - 20)
	local lead = S.body.leading or 13
	local h = 30 + #lines * lead
	rect(X0, y, PW, h, { fill = C.accent_light })
	text(X0 + 10, y + 16, title, S.h2)
	textbox(X0 + 10, y + 24, PW - 20, nil, s, S.body)
	return y + h + 10
end

local function pct(v, d) return na(v, d or 1) end

-- Labels over groups of columns ({first, last, label} by column index),
-- so the column titles themselves can stay short enough for their cells.
-- Widths as table{} computes them: columns without one share the rest.
local function group_heads(x, y0, w, cols, groups)
	local fixed, nflex = 0, 0
	for _, c in ipairs(cols) do
		if c.width then fixed = fixed + c.width else nflex = nflex + 1 end
	end
	local flex = (w - fixed) / math.max(1, nflex)
	local xs, cx = {}, x
	for i, c in ipairs(cols) do xs[i] = cx; cx = cx + (c.width or flex) end
	xs[#cols + 1] = cx
	for _, g in ipairs(groups) do
		local a, b = xs[g[1]], xs[g[2] + 1]
		text((a + b) / 2, y0 + 8, g[3], S.outlook_group or
			{ font = "bold", size = 7.5, color = "accent", align = "center" })
		line(a + 3, y0 + 11, b - 3, y0 + 11, { stroke = C.accent, width = 0.5 })
	end
	return y0 + 13
end

-- Section 6: introduction and city overview ----------------------------------

local y = new_page(W.kicker6, W.title6(qs.report.area), W.title6(qs.report.area))
y = para(y, W.intro({ base = Y0, last = Y1,
	m_soc = fmt(100 * (par.turnover_sociale_huur or 0.07), 0) .. "%",
	m_pri = fmt(100 * (par.turnover_particuliere_huur or 0.12), 0) .. "%",
	m_own = fmt(100 * (par.turnover_koop or 0.05), 0) .. "%",
	disp = fmt(100 * (par.displacement or 1), 0) .. "%" })) + 10
if par.illustrative == 1 then
	y = boxed(y, W.illustrative_title, note or W.illustrative)
elseif note then
	y = para(y, note) + 8
end
text(X0, y + 9, W.scenarios_title, S.h2)
y = y + 14
for _, s in ipairs(scen) do
	rect(X0, y + 3, 10, 3, { fill = colour[s.name] })
	text(X0 + 16, y + 8, s.name, S.legend_code)
	y = y + textbox(X0 + 90, y, PW - 90, nil, s.text or "", S.body) + 3
end
y = y + 8

-- Overview: per wijk the stock, social rent and K now and at the horizon;
-- "autonoom" keeps today's stock, so it only gets a K column.
local function overview(y0)
	local cols = {
		{ title = W.col_wijk, wrap = true },
		{ title = W.col_homes, width = 46, align = "right" },
		{ title = W.col_soc, width = 54, align = "right" },
		{ title = W.col_K, width = 34, align = "right" },
	}
	local groups = { { 2, 4, tostring(Y0) } }
	for i, s in ipairs(scen) do
		if i > 1 then
			cols[#cols + 1] = { title = W.col_soc, width = 54, align = "right" }
		end
		cols[#cols + 1] = { title = W.col_K, width = 34, align = "right" }
		groups[#groups + 1] = { i > 1 and #cols - 1 or #cols, #cols, Y1 .. " " .. s.name }
	end
	local rows = {}
	local function row(w, bold)
		local a = sum[w.code][scen[1].name]
		local r = { w.name, fmt(a[Y0].stock_totaal, 0), fmt(a[Y0].stock_sociale_huur, 0),
			pct(a[Y0].K) }
		for i, s in ipairs(scen) do
			local z = sum[w.code][s.name][Y1]
			if i > 1 then r[#r + 1] = fmt(z.stock_sociale_huur, 0) end
			r[#r + 1] = pct(z.K)
		end
		r.bold = bold
		rows[#rows + 1] = r
	end
	for _, w in ipairs(wijken) do row(w) end
	if city then row({ code = city.code, name = W.city_row(qs.report.area) }, true) end
	return tbl(group_heads(X0, y0, PW, cols, groups), cols, rows)
end
y = room(y, 60 + 12 * (#wijken + 1), W.kicker6, W.title6(qs.report.area))
text(X0, y + 9, W.overview_title_n(H), S.h2)
y = overview(y + 14) + 6
if ncal > 0 then
	y = para(y, W.calibrated(ncal, nseg, par.K_base_year, par.K_year, nclamp), S.note) + 8
else
	y = para(y, W.none_calibrated, S.note) + 8
end

-- The plan, per scenario and wijk.
for _, p in ipairs(plans) do
	local rows = {}
	for _, w in ipairs(wijken) do
		for _, t in ipairs((measures[p] or {})[w.code] or {}) do
			rows[#rows + 1] = { short(w.name), t }
		end
	end
	y = room(y, 40 + 12 * math.max(1, #rows), W.kicker6, W.title6(qs.report.area))
	text(X0, y + 9, W.plan_title .. " (" .. p .. ")", S.h2)
	y = y + 14
	if #rows == 0 then
		y = para(y, W.no_plan) + 8
	else
		y = tbl(y, { { title = W.col_wijk, width = 110 }, { title = "", wrap = true } },
			rows) + 10
	end
end
K.source_line(P.h - P.bottom - 10)

-- Section 6: per wijk, a table and a chart -----------------------------------

-- K over the years per scenario, with gridlines every 5 or 10 percent.
local function k_chart(x, y0, w, h, code)
	local ser = O.series[code]
	local lo, hi = 100, 0
	for _, s in ipairs(scen) do
		for _, v in ipairs(ser[s.name].totaal.k) do
			lo, hi = math.min(lo, v), math.max(hi, v)
		end
	end
	local step = (hi - lo > 30) and 10 or 5
	lo = math.max(0, math.floor((lo - 1) / step) * step)
	hi = math.min(100, math.ceil((hi + 1) / step) * step)
	if hi - lo < 2 * step then hi = math.min(100, lo + 2 * step) end
	local gx, gy, gw, gh = x + 30, y0 + 18, w - 36, h - 50
	local n = #O.years
	local function px(i) return gx + (i - 1) * gw / math.max(1, n - 1) end
	local function py(v) return gy + gh - (v - lo) * gh / (hi - lo) end
	text(x, y0 + 8, W.chart_title(O.years[1], O.years[n]), S.legend_code)
	for v = lo, hi, step do
		line(gx, py(v), gx + gw, py(v), { stroke = C.rule, width = 0.3 })
		text(gx - 4, py(v) + 2.5, fmt(v, 0) .. "%", { font = "regular", size = 6.5,
			color = "muted", align = "right" })
	end
	local every = n > 12 and 5 or 2
	for i = 1, n, every do
		line(px(i), gy + gh, px(i), gy + gh + 3, { stroke = C.frame, width = 0.4 })
		text(px(i), gy + gh + 11, tostring(O.years[i]), { font = "regular", size = 6.5,
			color = "muted", align = "center" })
	end
	line(gx, gy + gh, gx + gw, gy + gh, { stroke = C.frame, width = 0.5 })
	local function paint_of(si)
		local p = { stroke = colour[scen[si].name], width = 1.5 }
		if si == 1 then p.dash = 2.5 end
		return p
	end
	for si = #scen, 1, -1 do
		local v = ser[scen[si].name].totaal.k
		for i = 1, n - 1 do
			if v[i] and v[i + 1] then
				line(px(i), py(v[i]), px(i + 1), py(v[i + 1]), paint_of(si))
			end
		end
	end
	-- Legend under the years.
	local lx, ly = gx, gy + gh + 26
	for si = 1, #scen do
		line(lx, ly - 3, lx + 16, ly - 3, paint_of(si))
		lx = lx + 20 + text(lx + 20, ly, scen[si].name, { font = "regular", size = 7.5,
			color = "text" }) + 12
	end
end

local BLOCK = 300   -- what one wijk needs at most, to decide on a new page
local function wijk_block(w, y0)
	text(X0, y0 + 12, w.name, S.h1)
	local y1 = y0 + 20
	local cols = { { title = W.seg_col, wrap = true },
		{ title = tostring(Y0), width = 52, align = "right" } }
	for _, s in ipairs(scen) do
		cols[#cols + 1] = { title = s.name, width = 52, align = "right" }
	end
	local rows = {}
	local function add(label, field, dec, bold)
		local r = { label, na(sum[w.code][scen[1].name][Y0][field], dec) }
		for _, s in ipairs(scen) do r[#r + 1] = na(sum[w.code][s.name][Y1][field], dec) end
		r.bold = bold
		rows[#rows + 1] = r
	end
	for _, g in ipairs(SEGMENTS) do add(g[2], "stock_" .. g[1], 0) end
	add(W.total, "stock_totaal", 0, true)
	add(W.pct_social, "pct_social", 1)
	add(W.pct_corp, "pct_corporation", 1)
	add(W.K_row, "K", 1, true)
	local tw = 128 + 52 * (1 + #scen)
	local yh = group_heads(X0, y1, tw, cols, { { 2, 2, W.now_group }, { 3, #cols, Y1 .. "" } })
	local yt = table{ x = X0, y = yh, w = tw, columns = cols, rows = rows, style = S.table,
		header_style = S.table_head, zebra = C.zebra, rule = C.rule, pad = 3, max_lines = 2 }
	k_chart(X0 + tw + 14, y1, PW - tw - 14, 175, w.code)
	local yy = math.max(yt, y1 + 175) + 8
	for _, p in ipairs(plans) do
		local list = (measures[p] or {})[w.code]
		local s = list and table.concat(list, "; ") .. "." or W.wijk_no_plan
		yy = yy + textbox(X0, yy, PW, nil, W.wijk_plan(p) .. s, S.note) + 2
	end
	local parts = {}
	for _, g in ipairs(SEGMENTS) do
		local r = (inputs[w.code] or {})[g[1]]
		if r then
			local mark = r.intake_source == "calibrated" and W.cal_mark or
				r.intake_source == "clamped" and W.clamp_mark or ""
			parts[#parts + 1] = g[2]:lower() .. " " .. fmt(r.intake, 2) .. mark
		end
	end
	yy = yy + textbox(X0, yy, PW, nil, W.intake .. table.concat(parts, ", ") .. ".", S.note)
	return yy
end

-- Blocks for the wijken of the report's area; the overview and section 7
-- keep every wijk, since the balance is city-wide.
y = nil
for _, w in ipairs(wijken) do
	if not w.in_area then goto next end
	if y == nil or y + BLOCK > BOTTOM then
		if y ~= nil then K.source_line(P.h - P.bottom - 10) end
		y = new_page(W.wijk_kicker, W.title6(qs.report.area))
	end
	y = wijk_block(w, y) + 22
	::next::
end
if y ~= nil then K.source_line(P.h - P.bottom - 10) end

-- Section 7: impact on the whole city -------------------------------------------

y = new_page(W.kicker7, W.title7, W.title7)
for _, p in ipairs(plans) do
	if verdict[p] then y = boxed(y, W.verdict_title(p), verdict[p]) end
end

-- Shares of the city's social stock and vulnerable intake.
do
	local cols = { { title = W.col_wijk, wrap = true },
		{ title = tostring(Y0), width = 44, align = "right" } }
	for _, s in ipairs(scen) do
		cols[#cols + 1] = { title = s.name, width = 48, align = "right" }
	end
	cols[#cols + 1] = { title = tostring(Y0), width = 44, align = "right" }
	for _, s in ipairs(scen) do
		cols[#cols + 1] = { title = s.name, width = 48, align = "right" }
	end
	local n = #scen
	local groups = { { 2, 2 + n, W.group_soc(Y1) }, { 3 + n, 3 + 2 * n, W.group_in(Y1) } }
	local rows = {}
	for _, w in ipairs(wijken) do
		local a = sum[w.code][scen[1].name][Y0]
		local r = { w.name, pct(a.share_city_social) }
		for _, s in ipairs(scen) do r[#r + 1] = pct(sum[w.code][s.name][Y1].share_city_social) end
		r[#r + 1] = pct(a.share_city_intake)
		for _, s in ipairs(scen) do r[#r + 1] = pct(sum[w.code][s.name][Y1].share_city_intake) end
		rows[#rows + 1] = r
	end
	y = room(y, 60 + 12 * #rows, W.kicker7, W.title7)
	text(X0, y + 9, W.shares_title, S.h2)
	y = tbl(group_heads(X0, y + 14, PW, cols, groups), cols, rows) + 12
end

-- Dissimilarity and class counts side by side, as two small tables.
do
	local rows = {}
	for _, s in ipairs(scen) do
		rows[#rows + 1] = { s.name, na((dissim[s.name] or {})[Y0], 2),
			na((dissim[s.name] or {})[Y1], 2) }
	end
	local crow = {}
	for _, c in ipairs({ "laag", "midden", "hoog", "corporatiewijk" }) do
		local r = { W.class_label[c], na(((counts[scen[1].name] or {})[Y0] or {})[c], 0) }
		for _, s in ipairs(scen) do r[#r + 1] = na(((counts[s.name] or {})[Y1] or {})[c], 0) end
		crow[#crow + 1] = r
	end
	y = room(y, 110, W.kicker7, W.title7)
	local half = (PW - 20) / 2
	text(X0, y + 9, W.dissim_title, S.h2)
	local cx = X0 + half + 20
	text(cx, y + 9, W.classes_title, S.h2)
	local y1 = table{ x = X0, y = y + 14, w = half,
		columns = { { title = W.col_scenario, wrap = true },
			{ title = tostring(Y0), width = 50, align = "right" },
			{ title = tostring(Y1), width = 50, align = "right" } },
		rows = rows, style = S.table, header_style = S.table_head, zebra = C.zebra,
		rule = C.rule, pad = 3 }
	local ccols = { { title = "", wrap = true }, { title = tostring(Y0), width = 36, align = "right" } }
	for _, s in ipairs(scen) do
		ccols[#ccols + 1] = { title = s.name, width = 48, align = "right" }
	end
	local y2 = table{ x = cx, y = group_heads(cx, y + 14, half, ccols,
			{ { 3, #ccols, tostring(Y1) } }), w = half, columns = ccols, rows = crow,
		style = S.table, header_style = S.table_head, zebra = C.zebra, rule = C.rule, pad = 3 }
	y1 = y1 + 4 + textbox(X0, y1 + 4, half, nil, W.dissim_note, S.note)
	y2 = y2 + 4 + textbox(cx, y2 + 4, half, nil,
		W.class_note(par.K_class_low or 0, par.K_class_high or 0), S.note)
	y = math.max(y1, y2) + 12
end

-- The buurten per signal class now: where the balance starts from.
do
	local cols = { { title = W.col_class, wrap = true },
		{ title = W.col_abs, width = 60, align = "right" },
		{ title = W.col_rel, width = 60, align = "right" },
		{ title = W.col_inh, width = 90, align = "right" } }
	local rows = {}
	for _, c in ipairs(qs.classes) do
		rows[#rows + 1] = { c.code .. "  " .. c.label, fmt(c.absolute.buurten),
			fmt(c.relative.buurten), fmt(c.absolute.inhabitants) }
	end
	y = room(y, 40 + 12 * #rows, W.kicker7, W.title7)
	text(X0, y + 9, W.signal_title, S.h2)
	y = tbl(y + 14, cols, rows) + 12
end

-- The K ranking at the horizon, one column pair per scenario.
do
	local cols = { { title = W.col_rank, width = 30, align = "right" } }
	for _, s in ipairs(scen) do
		cols[#cols + 1] = { title = s.name, wrap = true }
		cols[#cols + 1] = { title = "K %", width = 40, align = "right" }
	end
	local rows = {}
	for i = 1, #wijken do
		local r = { tostring(i) }
		for _, s in ipairs(scen) do
			local code = (ranks[s.name] or {})[i]
			r[#r + 1] = code and names[code] or ""
			r[#r + 1] = code and pct(sum[code][s.name][Y1].K) or ""
		end
		rows[#rows + 1] = r
	end
	y = room(y, 40 + 12 * #rows, W.kicker7, W.title7)
	text(X0, y + 9, W.rank_title(Y1), S.h2)
	y = tbl(y + 14, cols, rows) + 12
end

-- Waterbed flags, each with its numbers.
y = room(y, 60, W.kicker7, W.title7)
text(X0, y + 9, W.waterbed_title, S.h2)
y = y + 14
y = para(y, W.waterbed_rule(par.waterbed_k_pp or 0.5, par.waterbed_intake_pp or 0.5), S.note) + 4
if #waterbed == 0 then
	y = para(y, W.no_waterbed) + 6
else
	for _, r in ipairs(waterbed) do
		local s = (#plans > 1 and (r.scenario .. " — ") or "") .. r.text
		local h = #wrap(s, S.body, PW - 16) * (S.body.leading or 13)
		y = room(y, h + 4, W.kicker7, W.title7)
		rect(X0, y + 3, 6, 6, { fill = "#D7301F" })
		y = y + textbox(X0 + 14, y, PW - 14, nil, s, S.body) + 4
	end
end
y = y + 6
local cav = W.caveat
if par.illustrative == 1 then cav = W.illustrative .. " " .. cav end
if ncal > 0 then
	cav = cav .. " " .. W.calibrated(ncal, nseg, par.K_base_year, par.K_year, nclamp)
end
y = room(y, 50, W.kicker7, W.title7)
para(y, cav, S.note)
K.source_line(P.h - P.bottom - 10)
