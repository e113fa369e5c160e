-- Section 4: the wijkschetsen. An opening page listing the wijken (each
-- name links to its sheet), then one sheet per wijk of the area
-- (qs.wijken, index order), printed as the two sides of one sheet. Front:
-- the wijk's map with its buurten by class and
-- an inset of the whole city with the wijk marked, key figures, the class
-- mix as a bar, trend charts of K and O over every year of the sources
-- (qs.trends, from vk-index's index/trends.csv) and the consultant's notes
-- (qs.notes, the config's `wijken:` section). Where the config gives no
-- notes, sentences derived from the data stand in, visibly marked as
-- "automatisch gegenereerd". Back: the table of the wijk's buurten.
local S, K = style, kit
local P, C, T = S.page, S.colour, S.words
local X0, W = P.left, P.width
local X1 = X0 + W
local BOTTOM = P.h - P.bottom - 16
local na = K.na_text

local function lead(st) return st.leading or 1.25 * (st.size or 10) end

-- Wijk figures -------------------------------------------------------------

-- The wijk's series of indicator key ("K" or "O"), or an empty list.
local function series(code, key)
	local t = qs.trends[code]
	return t and t[key] or {}
end

local function value_in(ser, year)
	for _, p in ipairs(ser) do
		if p.year == year then return p.value end
	end
	return nil
end

-- Sum of a field and the weighted mean of another over the buurten.
local function sum(buurten, f)
	local s, any = 0, false
	for _, b in ipairs(buurten) do
		if b[f] then s, any = s + b[f], true end
	end
	return any and s or nil
end

local function wmean(buurten, f, wf)
	local s, n = 0, 0
	for _, b in ipairs(buurten) do
		if b[f] and b[wf] and b[wf] > 0 then s, n = s + b[f] * b[wf], n + b[wf] end
	end
	return n > 0 and s / n or nil
end

-- K or O of the wijk at the level year and the base year: the series
-- (wijk row of the source or weighted buurten, as index/trends.csv says),
-- else the weighted mean of the buurt values.
local function level_change(w, key)
	local ind = qs.indicators[key]
	if ind == nil then return nil end
	local y1, y0 = K.year_of(key), ind.base_year
	local ser = series(w.code, key)
	local v1 = value_in(ser, y1) or wmean(w.buurten, key, "inhabitants")
	local v0 = y0 and (value_in(ser, y0) or wmean(w.buurten, key .. "_base", "inhabitants"))
	return v1, (v1 and v0) and (v1 - v0) or nil, y0, y1
end

-- Drawing helpers ----------------------------------------------------------

local function label(x, y, s) text(x, y, s, S.label) return y + 5 end

-- Figure block: a number over a label.
local function figure(x, y, num, lab)
	text(x, y + 12, num, S.fig_num)
	text(x, y + 22, lab, S.fig_label)
end

-- The class mix: a bar split by the number of buurten per class.
local function class_bar(x, y, w, buurten)
	local counts = K.class_counts(buurten, "class")
	local n = #buurten
	text(x, y + 8, T.class_mix(n), S.label)
	y = y + 13
	local cx = x
	for _, c in ipairs(qs.classes) do
		local k = counts[c.code] or 0
		if k > 0 then
			local cw = w * k / n
			local paint = K.class_paint and K.class_paint(c) or { fill = c.colour }
			paint.stroke, paint.width = "#FFFFFF", 0.6
			rect(cx, y, cw, 11, paint)
			cx = cx + cw
		end
	end
	return y + 15
end

-- A small line chart of a series, in the look of the outlook charts:
-- grey grid with rounded steps, years along the bottom, one line.
local function trend_chart(x, y0, w, h, title, ser, decimals, colour)
	text(x, y0 + 8, title, S.legend_code)
	if #ser < 2 then
		text(x, y0 + 26, T.trend_none, S.note)
		return
	end
	local lo, hi = math.huge, -math.huge
	for _, p in ipairs(ser) do lo, hi = math.min(lo, p.value), math.max(hi, p.value) end
	local span = math.max(hi - lo, decimals == 0 and 4 or 0.2)
	local raw = span / 3
	local mag = 10 ^ math.floor(math.log(raw, 10))
	local step = mag
	for _, m in ipairs({ 1, 2, 2.5, 5, 10 }) do
		if m * mag >= raw then step = m * mag break end
	end
	lo = math.floor(lo / step) * step
	hi = math.ceil(hi / step) * step
	if hi - lo < step then hi = lo + step end
	local gx, gy, gw, gh = x + 30, y0 + 16, w - 38, h - 32
	local y_first, y_last = ser[1].year, ser[#ser].year
	local function px(yr) return gx + (yr - y_first) * gw / math.max(1, y_last - y_first) end
	local function py(v) return gy + gh - (v - lo) * gh / (hi - lo) end
	local tick = { font = "regular", size = 6.5, color = "muted", align = "right" }
	local d = step < 1 and (step < 0.1 and 2 or 1) or 0
	for v = lo, hi + step / 2, step do
		line(gx, py(v), gx + gw, py(v), { stroke = C.rule, width = 0.3 })
		text(gx - 4, py(v) + 2.5, fmt(v, d), tick)
	end
	line(gx, gy + gh, gx + gw, gy + gh, { stroke = C.frame, width = 0.5 })
	local every = (y_last - y_first) > 12 and 4 or 2
	local ctr = { font = "regular", size = 6.5, color = "muted", align = "center" }
	for yr = y_first, y_last do
		if (yr - y_first) % every == 0 or yr == y_last then
			line(px(yr), gy + gh, px(yr), gy + gh + 3, { stroke = C.frame, width = 0.4 })
			if yr == y_last or y_last - yr >= every / 2 + 0.5 then
				text(px(yr), gy + gh + 11, tostring(yr), ctr)
			end
		end
	end
	for i = 1, #ser - 1 do
		line(px(ser[i].year), py(ser[i].value), px(ser[i + 1].year), py(ser[i + 1].value),
			{ stroke = colour, width = 1.5 })
	end
	for _, p in ipairs(ser) do
		circle(px(p.year), py(p.value), 1.8, { fill = colour })
	end
	local last = ser[#ser]
	text(px(last.year) - 3, py(last.value) - 5, fmt(last.value, decimals),
		{ font = "bold", size = 7, color = "text", align = "right" })
end

-- The city inset: every buurt of the gemeente light, the wijk's buurten
-- in the highlight colour.
local function inset(x, y, w, h, code)
	local fill = {}
	for _, b in ipairs(qs.city.buurten) do
		fill[b.code] = b.wijk == code and C.highlight or "#D9D9D9"
	end
	local mh = math.min(h, w / map_aspect())
	local m = map{ x = x, y = y, w = w, h = mh, fill = fill, labels = "none",
		context = "#D9D9D9", edge = "#FFFFFF", edge_width = 0.2,
		wijk_edge = "#8C8C8C", wijk_width = 0.4, margin = 0.03 }
	rect(m.x, m.y, m.w, m.h, { stroke = C.frame, width = 0.4 })
	return mh
end

-- The consultant's notes, or the data's own sentences -----------------------

local function names(list, max)
	local out = {}
	for i, b in ipairs(list) do
		if i > max then
			out[#out + 1] = "en " .. fmt(#list - max) .. " andere"
			break
		end
		out[#out + 1] = b.name
	end
	return table.concat(out, ", ")
end

-- Dutch sentences on how K and O moved and which buurten stand out.
local function auto_text(w)
	local A, parts = T.auto, {}
	local k1, dk, ky0, ky1 = level_change(w, "K")
	if k1 and dk then
		local k0 = k1 - dk
		local kt = qs.param.k_threshold or 1
		if dk > kt then parts[#parts + 1] = A.k_up(ky0, ky1, fmt(k0, 1), fmt(k1, 1))
		elseif dk < -kt then parts[#parts + 1] = A.k_down(ky0, ky1, fmt(k0, 1), fmt(k1, 1))
		else parts[#parts + 1] = A.k_same(ky0, ky1, fmt(k1, 1)) end
	end
	local o1, dO, oy0, oy1 = level_change(w, "O")
	if o1 and dO then
		local tau = qs.param.tau or 0.02
		if dO > tau then parts[#parts + 1] = A.o_better(oy0, oy1)
		elseif dO < -tau then parts[#parts + 1] = A.o_worse(oy0, oy1)
		else parts[#parts + 1] = A.o_same(oy0, oy1) end
	end
	local top
	for _, b in ipairs(w.buurten) do
		if b.dK and b.class ~= "NA" and (top == nil or b.dK > top.dK) then top = b end
	end
	if top and top.dK > 0 then parts[#parts + 1] = A.top_dk(top.name, fmt(top.dK, 1, true)) end
	local vd, focus = {}, {}
	for _, b in ipairs(w.buurten) do
		if b.class == "VD" then vd[#vd + 1] = b end
		if b.focus == 1 or b.focus == true then focus[#focus + 1] = b end
	end
	parts[#parts + 1] = #vd > 0 and A.vd(names(vd, 5)) or A.no_vd
	if #focus > 0 then parts[#parts + 1] = A.focus(names(focus, 5)) end
	return table.concat(parts, " ")
end

-- A titled paragraph; returns the y below it.
local function para(x, y, w, title, s, bottom)
	text(x, y + 9, title, S.h3 or S.label)
	local h = textbox(x, y + 14, w, bottom and (bottom - y - 14) or nil, s, S.body)
	return y + 14 + h + 8
end

local LIGHT = { groen = C.groen, oranje = C.oranje, rood = C.rood }

local function notes_block(w, n, y)
	local colw = (W - 20) / 2
	local yl, yr = y, y
	if n.probleemanalyse then
		yl = para(X0, yl, colw, T.notes.probleemanalyse, n.probleemanalyse, BOTTOM)
	end
	if n.definitie_van_succes then
		yr = para(X0 + colw + 20, yr, colw, T.notes.definitie_van_succes,
			n.definitie_van_succes, BOTTOM)
	end
	y = math.max(yl, yr)
	if n.status then
		text(X0, y + 9, T.notes.status, S.h3 or S.label)
		y = y + 16
		for _, it in ipairs(T.status_items) do
			local st = n.status[it[1]]
			if st then
				local col = LIGHT[st.stoplicht] or C.rule
				circle(X0 + 5, y + 5, 4.5, { fill = st.stoplicht and col or "#FFFFFF",
					stroke = "#808080", width = 0.4 })
				text(X0 + 16, y + 8.5, it[2], S.legend_code)
				local lab = st.stoplicht and T.stoplicht[st.stoplicht] or ""
				text(X0 + 130, y + 8.5, lab, S.legend_count)
				local h = st.tekst and textbox(X0 + 170, y + 0.5, W - 170, nil, st.tekst, S.body) or 0
				y = y + math.max(14, h) + 4
			end
		end
		y = y + 4
	end
	if n.sleutelprojecten and #n.sleutelprojecten > 0 then
		text(X0, y + 9, T.notes.sleutelprojecten, S.h3 or S.label)
		y = y + 15
		for _, p in ipairs(n.sleutelprojecten) do
			if y > BOTTOM - 12 then break end
			text(X0 + 2, y + 9, "•", S.body)
			y = y + textbox(X0 + 12, y, W - 12, BOTTOM - y, p, S.body) + 2
		end
		y = y + 6
	end
	if n.dilemma and y < BOTTOM - 30 then
		y = para(X0, y, W, T.notes.dilemma, n.dilemma, BOTTOM)
	end
	return y
end

local function auto_block(w, y)
	local s = auto_text(w)
	local pad = 8
	local hint_h = #wrap(T.auto_hint, S.auto, W - 2 * pad) * lead(S.auto)
	local h = #wrap(s, S.body, W - 2 * pad) * lead(S.body)
	rect(X0, y, W, h + hint_h + 2 * pad + 22, { fill = C.auto_fill })
	text(X0 + pad, y + pad + 9, T.auto_title, S.h3 or S.label)
	text(X1 - pad, y + pad + 9, T.auto_mark, { font = "regular", size = 7,
		color = "muted", align = "right" })
	textbox(X0 + pad, y + pad + 16, W - 2 * pad, nil, s, S.body)
	textbox(X0 + pad, y + pad + 20 + h, W - 2 * pad, nil, T.auto_hint, S.auto)
	return y + h + hint_h + 2 * pad + 22 + 10
end

-- The back of the sheet: the wijk's buurten with their figures and class.
local function buurten_page(w)
	page_new()
	local y = K.heading(T.wijk_kicker, T.wijk_buurten_title(w.name), P.top) + 10
	local ky0 = qs.indicators.K and qs.indicators.K.base_year or "t0"
	local ky1 = K.year_of("K") or "t1"
	local oy = K.year_of("O") or ""
	local cols = {
		{ title = T.col_nr, width = 26 },
		{ title = T.col_buurt, wrap = true },
		{ title = T.col_inhabitants, width = 42, align = "right" },
		{ title = T.col_P, width = 28, align = "right" },
		{ title = T.col_K(ky0, ky1), width = 66, align = "right" },
		{ title = T.col_dK, width = 36, align = "right" },
		{ title = T.col_O(oy), width = 36, align = "right" },
		{ title = T.col_dO, width = 36, align = "right" },
		{ title = T.col_class, width = 98 },
	}
	local rows, notes, inh = {}, {}, 0
	for _, b in ipairs(w.buurten) do
		local cls = qs.class[b.class or "NA"] or qs.class.NA
		local k = (b.K_base == nil and b.K == nil) and "n.b." or
			(na(b.K_base, 1) .. " → " .. na(b.K, 1))
		rows[#rows + 1] = { b.nr, b.name, na(b.inhabitants), na(b.P),
			k, na(b.dK, 1, true), na(b.O, 3), na(b.dO, 3, true), cls.label }
		inh = inh + (b.inhabitants or 0)
		if b.na_reason then
			notes[#notes + 1] = b.nr .. " " .. b.name .. ": " .. b.na_reason
		end
	end
	rows[#rows + 1] = { "", T.wijk_total(#w.buurten), fmt(inh),
		"", "", "", "", "", "", bold = true }
	y = table{ x = X0, y = y, w = W, columns = cols, rows = rows, style = S.table,
		header_style = S.table_head, zebra = C.zebra, rule = C.rule, pad = 3,
		max_lines = 2 }
	y = y + 6
	y = y + textbox(X0, y, W, nil, T.wijk_note(qs.param.min_inhabitants or 100), S.note)
	if #notes > 0 then
		textbox(X0, y + 2, W, nil, T.na_notes(table.concat(notes, "; ")), S.note)
	end
	K.source_line(P.h - P.bottom - 10)
end

-- One sheet ------------------------------------------------------------------

local function wijk_page(w)
	page_new()
	K.wijk_pages[w.code] = page_number()
	bookmark(w.name, 2)
	local y = K.heading(T.wijk_kicker, w.name, P.top) + 10
	local G = S.wijk_sheet
	local n = qs.notes[w.code] or {}

	-- Left: the wijk map; right: photo or city inset, figures, class mix.
	local M = S.wijk_map
	local mw, mh = G.map_w, G.map_h
	local avoid = K.map_furniture_boxes(X0, y, mw, mh)
	local m = map{ x = X0, y = y, w = mw, h = mh, focus = w.code, fill = "class",
		labels = "number", export = "wijk-" .. w.code, label_font = S.map_labels.font,
		label_size = S.map_labels.size, label_min = S.map_labels.min,
		avoid = avoid, context = C.context, hatch = C.hatch,
		wijk_edge = M.wijk_edge, wijk_width = M.wijk_width, edge = M.edge,
		edge_width = M.edge_width, pattern = S.class_pattern,
		pattern_color = C.pattern }
	K.map_furniture(m)

	-- The right column has the map's height: figures and class mix take
	-- about 140 pt, leaving 92 for the inset alone or 52 + 40 for a photo
	-- and a smaller inset.
	local rx, rw = X0 + mw + 16, W - mw - 16
	local ry = y
	if n.foto then
		local _, ph = image(rx, ry, rw, 52, n.foto)
		ry = ry + ph + 6
	end
	text(rx, ry + 7, T.inset, S.fig_label)
	ry = ry + 11 + inset(rx, ry + 11, rw, n.foto and 40 or 92, w.code) + 8

	local inh, homes = sum(w.buurten, "inhabitants"), sum(w.buurten, "homes")
	local p = wmean(w.buurten, "P", "homes")
	local k1, dk = level_change(w, "K")
	local o1, dO = level_change(w, "O")
	local half = rw / 2
	figure(rx, ry, na(inh), T.fig.inhabitants)
	figure(rx + half, ry, na(homes), T.fig.homes)
	ry = ry + 30
	figure(rx, ry, p and (fmt(p, 0) .. "%") or "n.b.", "P " .. T.fig.P)
	figure(rx + half, ry, k1 and (fmt(k1, 1) .. "%") or "n.b.", "K " .. T.fig.K)
	ry = ry + 30
	figure(rx, ry, na(dk, 1, true), "ΔK procentpunt")
	figure(rx + half, ry, na(o1, 3) .. "  (" .. na(dO, 3, true) .. ")", "O en ΔO")
	ry = ry + 32
	class_bar(rx, ry, rw, w.buurten)

	y = y + mh + 8
	-- The class legend with the wijk's counts, as on the city map.
	local counts = K.class_counts(w.buurten, "class")
	y = K.legend(X0, y, W, function(c) return fmt(counts[c.code] or 0) end, 3) + 8
	-- Trend charts, side by side.
	local cw = (W - 20) / 2
	trend_chart(X0, y, cw, G.chart_h, T.trend_K, series(w.code, "K"), 1, C.accent)
	trend_chart(X0 + cw + 20, y, cw, G.chart_h, T.trend_O, series(w.code, "O"), 3, "#D7301F")
	y = y + G.chart_h + 2
	textbox(X0, y, W, nil, T.trend_src, S.small)
	y = y + 16

	local has = n.probleemanalyse or n.definitie_van_succes or n.status or
		n.sleutelprojecten or n.dilemma
	if not (n.probleemanalyse and n.definitie_van_succes) then
		y = auto_block(w, y)
	end
	if has then notes_block(w, n, y) end
	K.source_line(P.h - P.bottom - 10)
	buurten_page(w)
end

-- The opening page: what a sheet holds and the wijken with their pages.
page_new()
bookmark(T.wijken_title)
local y = K.heading(T.wijken_kicker, T.wijken_title, P.top) + 10
y = y + textbox(X0, y, W, nil, T.wijken_intro, S.body) + 14
text(X0, y + 9, T.wijk_list_title, S.h2)
y = y + 22
local list_page, rows = page_number(), {}
for _, w in ipairs(qs.wijken) do
	rows[#rows + 1] = { w = w, y = y }
	local n = qs.notes[w.code]
	text(X0, y, w.name, S.body)
	text(X0 + 260, y, fmt(#w.buurten) .. " buurten", S.legend_count)
	text(X0 + 340, y, (n and n.probleemanalyse) and T.wijk_with_notes or T.auto_mark, S.legend_count)
	y = y + 16
end
for _, w in ipairs(qs.wijken) do
	wijk_page(w)
end
-- The page numbers and links, now that the sheets exist.
page_goto(list_page)
for _, r in ipairs(rows) do
	local pg = K.wijk_pages[r.w.code]
	text(X1, r.y, tostring(pg), S.legend_num)
	link(X0, r.y - 10, W, 14, pg)
end
page_goto(page_count())
