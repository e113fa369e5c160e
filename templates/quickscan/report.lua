-- QuickScan Veerkracht: the report. Coordinates are points from the top-left
-- of an A4 page; text() takes the baseline, textbox() the top of the box.
-- Data: qs (see vk-render's render_lua_data.c); look: style.lua.
local S = include("style.lua")
fonts(S.fonts)

local P, C = S.page, S.colour
local X0, W = P.left, P.width
local X1 = X0 + W
local R = qs.report

-- Dutch names of the indicators, for the cover and the table headers.
local IND_NAME = {
	inhabitants = "Inwoners",
	homes = "Woningen",
	P = "Aandeel corporatiewoningen (P)",
	K = "Kwetsbare bewoners (K)",
	O = "Overlast en onveiligheid (O)",
	L = "Leefbaarometer totaalscore (L)",
}
local IND_ORDER = { "K", "O", "P", "L", "inhabitants", "homes" }

local function years(ind)
	if ind == nil then return nil end
	local y = ind.year or (ind.components[1] and ind.components[1].year)
	if ind.base_year and y then
		return ind.base_year .. " → " .. y
	end
	return y and tostring(y) or nil
end

local function year_of(key)
	local ind = qs.indicators[key]
	if ind == nil then return nil end
	return ind.year or (ind.components[1] and ind.components[1].year)
end

-- Page furniture -----------------------------------------------------------

local function heading(kicker, title, y)
	text(X0, y, kicker, S.kicker)
	text(X0, y + 21, title, S.h1)
	line(X0, y + 29, X1, y + 29, { stroke = C.accent, width = 0.8 })
	return y + 29
end

local function source_line(y)
	textbox(X0, y, W, nil, S.source_line, S.small)
end

-- Runs once the page count is known: "client · title" and "pagina x van y".
local function footers()
	local n = page_count()
	for p = 2, n do
		page_goto(p)
		local y = P.h - P.bottom + 22
		line(X0, y - 10, X1, y - 10, { stroke = C.rule, width = 0.4 })
		text(X0, y, R.client .. " · " .. R.title .. " " .. R.area, S.footer)
		text(X1, y, "pagina " .. p .. " van " .. n, S.footer_right)
	end
end

-- Legend: swatch, code, label and a count per class, in `cols` columns;
-- the counts of a column line up after its longest label.
local function legend(x, y, w, count, cols)
	local row_h, col_w = 15, w / cols
	local rows = math.ceil(#qs.classes / cols)
	for col = 0, cols - 1 do
		local tab = 0
		for i = col * rows + 1, math.min((col + 1) * rows, #qs.classes) do
			tab = math.max(tab, measure(qs.classes[i].label, S.legend))
		end
		for i = col * rows + 1, math.min((col + 1) * rows, #qs.classes) do
			local c = qs.classes[i]
			local lx, ly = x + col * col_w, y + (i - col * rows - 1) * row_h
			local paint = { fill = c.colour, stroke = "#808080", width = 0.4 }
			if c.hatched then paint.hatch = C.hatch end
			rect(lx, ly, 16, 10, paint)
			text(lx + 22, ly + 8.5, c.code, S.legend_code)
			text(lx + 42, ly + 8.5, c.label, S.legend)
			text(lx + 42 + tab + 8, ly + 8.5, count(c), S.legend_count)
		end
	end
	return y + rows * row_h
end

-- Scale bar bottom-left and north arrow top-right inside a map box; the
-- boxes are passed to map() first so no label lands under them.
local function map_furniture_boxes(x, y, w, h)
	return {
		{ x + 6, y + h - 26, 130, 22 },
		{ x + w - 32, y + 6, 26, 34 },
	}
end

local function map_furniture(m)
	rect(m.x, m.y, m.w, m.h, { stroke = C.frame, width = 0.5 })
	scalebar(m, m.x + 10, m.y + m.h - 22, { width = 110, style = S.scalebar })
	north_arrow(m.x + m.w - 30, m.y + 8, 26, S.north)
end

local function omitted_note(m, y)
	if #m.omitted == 0 then return y end
	local h = textbox(X0, y, W, nil, "Niet op de kaart genummerd (te klein): " ..
		table.concat(m.omitted, ", ") .. ".", S.note)
	return y + h
end

-- Cover ----------------------------------------------------------------------

local function cover()
	page_new()
	bookmark(R.title .. " " .. R.area)
	rect(0, 0, P.w, S.cover_band, { fill = C.accent })
	text(X0, 92, R.client, S.cover_client)
	local h = textbox(X0, 140, W, nil, R.title, S.cover_title)
	textbox(X0, 140 + h + 4, W, nil, R.area, S.cover_area)

	local y = 300
	y = y + textbox(X0, y, W, nil, R.subtitle, S.cover_sub) + 26

	local meta = {
		{ "Opdrachtgever", R.client },
		{ "Gebied", R.area .. " (" .. R.area_code .. ")" },
		{ "Datum", R.date },
		{ "Buurten", fmt(#qs.buurten) .. " in " .. fmt(#qs.wijken) .. " wijken" },
	}
	for _, m in ipairs(meta) do
		text(X0, y, m[1], S.cover_label)
		text(X0 + 120, y, m[2], S.cover_meta)
		y = y + 17
	end

	y = y + 22
	text(X0, y, "Gebruikte gegevens", S.h2)
	y = y + 8
	for _, key in ipairs(IND_ORDER) do
		local ind = qs.indicators[key]
		if ind then
			local src = {}
			for _, c in ipairs(ind.components) do
				src[#src + 1] = c.file .. " (" .. c.column .. ")"
			end
			y = y + 14
			text(X0, y, IND_NAME[key], S.cover_meta)
			text(X0 + 185, y, years(ind) or "–", S.cover_meta)
			text(X0 + 270, y, table.concat(src, ", "), S.cover_source)
		end
	end

	y = y + 40
	rect(X0, y, W, 118, { fill = C.accent_light })
	text(X0 + 14, y + 22, "Een signaal, geen oordeel", S.h2)
	textbox(X0 + 14, y + 32, W - 28, 80,
		"De kaarten in deze QuickScan laten zien waar de samenstelling van de " ..
		"bewoners en de ervaren overlast en onveiligheid de afgelopen jaren " ..
		"veranderd zijn. Ze wijzen aan waar het gesprek over veerkracht het " ..
		"eerst gevoerd zou moeten worden; ze zeggen niets definitiefs over een " ..
		"buurt of over de mensen die er wonen. Cijfers op buurtniveau zijn soms " ..
		"klein en onzeker: lees een klasse als aanleiding om te kijken en te " ..
		"vragen, en leg haar naast wat bewoners, professionals en corporaties " ..
		"zelf zien.", S.body)

	text(X0, P.h - P.bottom - 30, "Gemaakt met " .. R.creator .. ".", S.small)
	textbox(X0, P.h - P.bottom - 24, W, nil, S.source_line, S.small)
end

-- City map -------------------------------------------------------------------

local function class_counts(buurten, field)
	local n = {}
	for _, b in ipairs(buurten) do
		local c = b[field] or "NA"
		n[c] = (n[c] or 0) + 1
	end
	return n
end

local function change_years()
	local k, o = years(qs.indicators.K), years(qs.indicators.O)
	local parts = {}
	if k then parts[#parts + 1] = "K " .. k end
	if o then parts[#parts + 1] = "O " .. o end
	return table.concat(parts, ", ")
end

-- One row per class: swatch, code, label, buurten and inhabitants, and a
-- total; numbers right-aligned in their own columns.
local function city_legend(x, y, w)
	local row_h = 13
	local cb, ci = x + 300, x + 400
	text(cb, y + 8, "buurten", S.legend_head)
	text(ci, y + 8, "inwoners", S.legend_head)
	y = y + 13
	for _, c in ipairs(qs.classes) do
		local paint = { fill = c.colour, stroke = "#808080", width = 0.4 }
		if c.hatched then paint.hatch = C.hatch end
		rect(x, y, 16, 10, paint)
		text(x + 22, y + 8.5, c.code, S.legend_code)
		text(x + 42, y + 8.5, c.label, S.legend)
		text(cb, y + 8.5, fmt(c.absolute.buurten), S.legend_num)
		text(ci, y + 8.5, fmt(c.absolute.inhabitants), S.legend_num)
		y = y + row_h
	end
	line(x, y, ci, y, { stroke = C.rule, width = 0.4 })
	text(x + 42, y + 10.5, "Totaal", S.legend_code)
	text(cb, y + 10.5, fmt(qs.totals.absolute.buurten), S.legend_total)
	text(ci, y + 10.5, fmt(qs.totals.absolute.inhabitants), S.legend_total)
	return y + 14
end

-- How the classes follow from the data, with this run's thresholds.
local function method_note(x, y, w, bottom)
	local kt = qs.param.k_threshold or 1
	local tau = qs.param.tau
	local f = qs.param.o_tau_factor or 0.5
	local minh = qs.param.min_inhabitants or 100
	text(x, y + 9, "Zo is ingedeeld", S.h2)
	local t = "K neemt toe bij een stijging van meer dan " .. fmt(kt, 1) ..
		" procentpunt en neemt af bij een daling van meer dan " .. fmt(kt, 1) ..
		" procentpunt. O verslechtert bij een daling van meer dan τ" ..
		(tau and (" = " .. fmt(tau, 3)) or "") .. " (" .. fmt(f, 1) ..
		" × de standaardafwijking van ΔO over de buurten) en verbetert bij een " ..
		"even grote stijging. Veerkracht onder druk: K neemt toe en O verslechtert. " ..
		"Overlast neemt toe: K gelijk of lager, O verslechtert. Veerkrachtig: K neemt " ..
		"toe, O gelijk of beter. Verbeterend: K neemt af en O gelijk of beter, of K " ..
		"gelijk en O beter. Stabiel: beide gelijk. Buurten met minder dan " .. fmt(minh) ..
		" inwoners of met ontbrekende gegevens krijgen geen klasse (gearceerd)."
	return y + 14 + textbox(x, y + 14, w, bottom - y - 14, t, S.body)
end

local function city_page()
	page_new()
	bookmark("Signaleringskaart " .. R.area)
	local y = heading("VEERKRACHT IN BEELD", "Signaleringskaart " .. R.area, P.top)
	y = y + 8
	y = y + textbox(X0, y, W, nil,
		"Elke buurt is ingedeeld naar de verandering van de concentratie kwetsbare " ..
		"bewoners (K) en van overlast en onveiligheid (O), absoluut gemeten (" ..
		change_years() .. "). De nummers zijn de laatste vier cijfers van de CBS-buurtcode.",
		S.body) + 8

	-- As tall as the city's shape needs, within what the page has.
	local mh = math.min(W / map_aspect(), 450)
	local avoid = map_furniture_boxes(X0, y, W, mh)
	local m = map{ x = X0, y = y, w = W, h = mh, fill = "class", labels = "number",
		label_font = S.map_labels.font, label_size = S.map_labels.size,
		label_min = S.map_labels.min, avoid = avoid, hatch = C.hatch,
		wijk_edge = "#2B2B2B", wijk_width = 1.3, edge = "#FFFFFF", edge_width = 0.5 }
	map_furniture(m)
	y = y + mh + 12

	y = city_legend(X0, y, W) + 12
	y = omitted_note(m, y) + 6
	method_note(X0, y, W, P.h - P.bottom - 14)
	source_line(P.h - P.bottom - 10)
end

-- Wijk pages -----------------------------------------------------------------

local function na_text(v, dec, signed)
	if v == nil then return "n.b." end
	return fmt(v, dec, signed)
end

local function wijk_page(w)
	page_new()
	bookmark(w.name)
	local y = heading("WIJKSCHETS", w.name, P.top)
	y = y + 10

	local mh = 330
	local avoid = map_furniture_boxes(X0, y, W, mh)
	local m = map{ x = X0, y = y, w = W, h = mh, focus = w.code, fill = "class",
		labels = "number", label_font = S.map_labels.font,
		label_size = S.map_labels.size + 1, label_min = S.map_labels.min,
		avoid = avoid, context = C.context, hatch = C.hatch,
		wijk_edge = "#1E1E1E", wijk_width = 1.3, edge = "#FFFFFF", edge_width = 0.6 }
	map_furniture(m)
	y = y + mh + 10

	local counts = class_counts(w.buurten, "class")
	y = legend(X0, y, W, function(c) return fmt(counts[c.code] or 0) end, 3) + 2
	y = omitted_note(m, y) + 8

	local ky0, ky1 = qs.indicators.K and qs.indicators.K.base_year or "t0", year_of("K") or "t1"
	local oy = year_of("O") or ""
	local cols = {
		{ title = "Nr", width = 26 },
		{ title = "Buurt", wrap = true },
		{ title = "Inwoners", width = 42, align = "right" },
		{ title = "P %", width = 28, align = "right" },
		{ title = "K " .. ky0 .. " → " .. ky1, width = 66, align = "right" },
		{ title = "ΔK pp", width = 36, align = "right" },
		{ title = "O " .. oy, width = 36, align = "right" },
		{ title = "ΔO", width = 36, align = "right" },
		{ title = "Klasse", width = 98 },
	}
	local rows, notes, inh = {}, {}, 0
	for _, b in ipairs(w.buurten) do
		local cls = qs.class[b.class or "NA"] or qs.class.NA
		local k = (b.K_base == nil and b.K == nil) and "n.b." or
			(na_text(b.K_base, 1) .. " → " .. na_text(b.K, 1))
		rows[#rows + 1] = { b.nr, b.name, na_text(b.inhabitants), na_text(b.P),
			k, na_text(b.dK, 1, true), na_text(b.O, 3), na_text(b.dO, 3, true),
			cls.label }
		inh = inh + (b.inhabitants or 0)
		if b.na_reason then
			notes[#notes + 1] = b.nr .. " " .. b.name .. ": " .. b.na_reason
		end
	end
	rows[#rows + 1] = { "", "Wijk totaal (" .. #w.buurten .. " buurten)", fmt(inh),
		"", "", "", "", "", "", bold = true }
	y = table{ x = X0, y = y, w = W, columns = cols, rows = rows, style = S.table,
		header_style = S.table_head, zebra = C.zebra, rule = C.rule, pad = 3,
		max_lines = 2 }
	y = y + 6
	local foot = "n.b. = niet bekend: de gegevens ontbreken of de buurt is te klein " ..
		"(minder dan " .. fmt(qs.param.min_inhabitants or 100) .. " inwoners). " ..
		"P = aandeel corporatiewoningen; K = aandeel kwetsbare huishoudens (%); " ..
		"ΔK in procentpunten; O = overlast en onveiligheid (Leefbaarometer, afwijking " ..
		"van het landelijk gemiddelde: hoger is beter)."
	y = y + textbox(X0, y, W, nil, foot, S.note)
	if #notes > 0 then
		y = y + 2 + textbox(X0, y, W, nil, "Onvoldoende gegevens: " ..
			table.concat(notes, "; ") .. ".", S.note)
	end
	source_line(P.h - P.bottom - 10)
end

cover()
city_page()
for _, w in ipairs(qs.wijken) do
	wijk_page(w)
end
footers()
