-- Section 4: the wijkschetsen. An opening page listing the wijken (each
-- name links to its sheet), then one sheet per wijk of the area
-- (qs.wijken, index order): the wijk's map with its buurten by class and
-- an inset of the whole city with the wijk marked, key figures, the class
-- mix as a bar, the table of its buurten beside trend charts of K and O
-- over every year of the sources (qs.trends, from vk-index's
-- index/trends.csv), and the consultant's notes (qs.notes, the config's
-- `wijken:` section). Where the config gives no notes, sentences derived
-- from the data stand in, visibly marked as "automatisch gegenereerd".
-- Notes too long for the sheet continue on a page of their own.
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
-- grey grid with rounded steps, years along the bottom, one line. The
-- value axis spans at least min_span, so that a change of a few tenths
-- does not fill the chart and look dramatic; the year axis runs from
-- years[1] to years[2], the same for both charts of a sheet.
local function trend_chart(x, y0, w, h, title, ser, decimals, colour, min_span, years)
	text(x, y0 + 8, title, S.legend_code)
	if #ser < 2 then
		text(x, y0 + 26, T.trend_none, S.note)
		return
	end
	local lo, hi = math.huge, -math.huge
	for _, p in ipairs(ser) do lo, hi = math.min(lo, p.value), math.max(hi, p.value) end
	local span = math.max(hi - lo, min_span)
	if hi - lo < min_span then
		local mid = (hi + lo) / 2
		lo, hi = mid - min_span / 2, mid + min_span / 2
	end
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
	local y_first, y_last = years[1], years[2]
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
	-- The last value left of its point, above the line when it rose into
	-- the point and below it when it fell, so the line never crosses it.
	local last, prev = ser[#ser], ser[#ser - 1]
	local dy = prev.value > last.value and 9 or -5
	text(px(last.year) - 3, py(last.value) + dy, fmt(last.value, decimals),
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
	-- Only a rise the classification counts as one (more than k_threshold).
	if top and top.dK > (qs.param.k_threshold or 1) then
		parts[#parts + 1] = A.top_dk(top.name, fmt(top.dK, 1, true))
	end
	local vd, focus = {}, {}
	for _, b in ipairs(w.buurten) do
		if b.class == "VD" then vd[#vd + 1] = b end
		if b.focus == 1 or b.focus == true then focus[#focus + 1] = b end
	end
	parts[#parts + 1] = #vd > 0 and A.vd(names(vd, 5)) or A.no_vd
	if #focus > 0 then parts[#parts + 1] = A.focus(names(focus, 5)) end
	return table.concat(parts, " ")
end

-- The notes as blocks in reading order. A block measures itself (draw
-- false) or draws itself (draw true) at y, never below `bottom`, and
-- returns its height; the sheet draws the blocks that fit and moves the
-- rest to a continuation page, so a long note is never cut off.
local LIGHT = { groen = C.groen, oranje = C.oranje, rood = C.rood }
local BODY = S.sheet_body or S.body
local H3 = S.h3 or S.label

-- Text of a style in a box: its height, drawn or only measured.
local function tbox(x, y, w, bottom, s, st, draw)
	if draw then return textbox(x, y, w, bottom and (bottom - y) or nil, s, st) end
	return #wrap(s, st, w) * lead(st)
end

local function para(x, w, title, s)
	return function(y, draw, bottom)
		if draw then text(x, y + 9, title, H3) end
		return 14 + tbox(x, y + 14, w, bottom, s, BODY, draw) + 8
	end
end

local function pair(a, b)
	return function(y, draw, bottom)
		return math.max(a and a(y, draw, bottom) or 0, b and b(y, draw, bottom) or 0)
	end
end

local function status_block(st)
	return function(y, draw, bottom)
		local y0 = y
		if draw then text(X0, y + 9, T.notes.status, H3) end
		y = y + 16
		for _, it in ipairs(T.status_items) do
			local s = st[it[1]]
			if s then
				if draw then
					local col = LIGHT[s.stoplicht] or C.rule
					circle(X0 + 5, y + 5, 4.5, { fill = s.stoplicht and col or "#FFFFFF",
						stroke = "#808080", width = 0.4 })
					text(X0 + 16, y + 8.5, it[2], S.legend_code)
					text(X0 + 130, y + 8.5, s.stoplicht and T.stoplicht[s.stoplicht] or "",
						S.legend_count)
				end
				local h = s.tekst and tbox(X0 + 170, y + 0.5, W - 170, bottom, s.tekst, BODY, draw) or 0
				y = y + math.max(12, h) + 4
			end
		end
		return y - y0 + 4
	end
end

local function projects_block(list)
	return function(y, draw, bottom)
		local y0 = y
		if draw then text(X0, y + 9, T.notes.sleutelprojecten, H3) end
		y = y + 15
		for _, p in ipairs(list) do
			if draw then text(X0 + 2, y + 9, "•", BODY) end
			y = y + tbox(X0 + 12, y, W - 12, bottom, p, BODY, draw) + 2
		end
		return y - y0 + 6
	end
end

local function auto_block(s)
	return function(y, draw)
		local pad = 8
		local h = tbox(X0 + pad, 0, W - 2 * pad, nil, s, BODY, false)
		local hint_h = tbox(X0 + pad, 0, W - 2 * pad, nil, T.auto_hint, S.auto, false)
		local total = h + hint_h + 2 * pad + 22
		if draw then
			rect(X0, y, W, total, { fill = C.auto_fill })
			text(X0 + pad, y + pad + 9, T.auto_title, H3)
			text(X1 - pad, y + pad + 9, T.auto_mark, { font = "regular", size = 7,
				color = "muted", align = "right" })
			textbox(X0 + pad, y + pad + 16, W - 2 * pad, nil, s, BODY)
			textbox(X0 + pad, y + pad + 20 + h, W - 2 * pad, nil, T.auto_hint, S.auto)
		end
		return total + 10
	end
end

-- The blocks of a wijk: generated sentences where the consultant gave no
-- probleemanalyse and definitie van succes, then the notes. `wide` lays
-- the two texts out one below the other (the continuation page) instead
-- of side by side.
local function note_blocks(w, n, wide)
	local B = {}
	local function add(key, f) B[#B + 1] = { key = key, f = f } end
	if not (n.probleemanalyse and n.definitie_van_succes) then
		add("auto", auto_block(auto_text(w)))
	end
	local colw = (W - 20) / 2
	local pa = n.probleemanalyse and T.notes.probleemanalyse
	local ds = n.definitie_van_succes and T.notes.definitie_van_succes
	if wide then
		if pa then add("pair", para(X0, W, pa, n.probleemanalyse)) end
		if ds then add("pair", para(X0, W, ds, n.definitie_van_succes)) end
	elseif pa or ds then
		add("pair", pair(pa and para(X0, colw, pa, n.probleemanalyse),
			ds and para(pa and X0 + colw + 20 or X0, colw, ds, n.definitie_van_succes)))
	end
	if n.status then add("status", status_block(n.status)) end
	if n.sleutelprojecten and #n.sleutelprojecten > 0 then
		add("projects", projects_block(n.sleutelprojecten))
	end
	if n.dilemma then add("dilemma", para(X0, W, T.notes.dilemma, n.dilemma)) end
	return B
end

-- The wijk's buurten as a compact table (rows first .. last); returns the
-- y below it.
local function buurten_table(w, x, y, tw, first, last)
	local oy = K.year_of("O") or ""
	local cols = {
		{ title = T.col_nr, width = 20 },
		{ title = T.col_buurt, wrap = true },
		{ title = T.col_inh_short, width = 30, align = "right" },
		{ title = T.col_P, width = 22, align = "right" },
		{ title = T.col_K_short(K.year_of("K") or ""), width = 28, align = "right" },
		{ title = T.col_dK, width = 28, align = "right" },
		{ title = T.col_O(oy), width = 32, align = "right" },
		{ title = T.col_dO, width = 32, align = "right" },
		{ title = T.col_class_short, width = 18 },
	}
	local rows = {}
	for i = first, last do
		local b = w.buurten[i]
		rows[#rows + 1] = { b.nr, K.short_name(b.name), na(b.inhabitants), na(b.P), na(b.K, 1),
			na(b.dK, 1, true), na(b.O, 3), na(b.dO, 3, true), b.class or "NA" }
	end
	if last == #w.buurten then
		rows[#rows + 1] = { "", T.wijk_total(#w.buurten), na(sum(w.buurten, "inhabitants")),
			"", "", "", "", "", "", bold = true }
	end
	return table{ x = x, y = y, w = tw, columns = cols, rows = rows,
		style = S.table_small or S.table, header_style = S.table_small_head or S.table_head,
		zebra = C.zebra, rule = C.rule, pad = 1.8, max_lines = 2 }
end

local function na_list(w)
	local notes = {}
	for _, b in ipairs(w.buurten) do
		if b.na_reason then notes[#notes + 1] = b.nr .. " " .. b.name .. ": " .. b.na_reason end
	end
	return #notes > 0 and T.na_notes(table.concat(notes, "; ")) or nil
end

-- One sheet ------------------------------------------------------------------

-- Everything about a wijk on one page: map and inset, key figures, class
-- mix, the buurten table beside the K and O charts, then the notes. What
-- does not fit (very long notes, a wijk with many buurten) continues on a
-- page of its own rather than being cut.
local function wijk_page(w)
	page_new()
	K.wijk_pages[w.code] = page_number()
	bookmark(w.name, 2)
	local y = K.heading(T.wijk_kicker, w.name, P.top) + 10
	local G = S.wijk_sheet
	local n = qs.notes[w.code] or {}

	-- Left: the wijk map; right: photo, city inset, figures, class mix.
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

	-- The right column has the map's height: the figures and the class
	-- mix take a fixed part at its foot; above them the city inset, and
	-- with a photo the two side by side.
	local rx, rw = X0 + mw + 14, W - mw - 14
	local room = mh - G.figures_h - 11
	local iw = n.foto and (rw - 8) / 2 or rw
	if n.foto then image(rx + iw + 8, y, iw, room + 11, n.foto) end
	text(rx, y + 7, T.inset, S.fig_label)
	inset(rx, y + 11, iw, room - 6, w.code)

	local inh, homes = sum(w.buurten, "inhabitants"), sum(w.buurten, "homes")
	local p = wmean(w.buurten, "P", "homes")
	local k1, dk = level_change(w, "K")
	local o1, dO = level_change(w, "O")
	local half = rw / 2
	local ry = y + mh - G.figures_h
	figure(rx, ry, na(inh), T.fig.inhabitants)
	figure(rx + half, ry, na(homes), T.fig.homes)
	ry = ry + 27
	figure(rx, ry, p and (fmt(p, 0) .. "%") or "n.b.", "P " .. T.fig.P)
	figure(rx + half, ry, k1 and (fmt(k1, 1) .. "%") or "n.b.", "K " .. T.fig.K)
	ry = ry + 27
	figure(rx, ry, na(dk, 1, true), "ΔK procentpunt")
	figure(rx + half, ry, na(o1, 3) .. "  (" .. na(dO, 3, true) .. ")", "O en ΔO")
	ry = ry + 29
	class_bar(rx, ry, rw, w.buurten)

	y = y + mh + 8
	-- The class legend with the wijk's counts, as on the city map.
	local counts = K.class_counts(w.buurten, "class")
	y = K.legend(X0, y, W, function(c) return fmt(counts[c.code] or 0) end, 3) + 6

	-- The buurten table beside the two trend charts.
	local cw = G.chart_w
	local tw = W - cw - 16
	local nb = #w.buurten
	local shown = math.min(nb, G.max_rows)
	local ty = buurten_table(w, X0, y, tw, 1, shown)
	local na_note = na_list(w)
	if shown < nb then
		ty = ty + 3 + textbox(X0, ty + 3, tw, nil, T.table_continued, S.note)
	elseif na_note then
		ty = ty + 3 + textbox(X0, ty + 3, tw, nil, na_note, S.note)
	end
	local cx = X0 + tw + 16
	local sk, so = series(w.code, "K"), series(w.code, "O")
	local yr = { math.huge, -math.huge }
	for _, ser in ipairs({ sk, so }) do
		if #ser >= 2 then
			yr[1], yr[2] = math.min(yr[1], ser[1].year), math.max(yr[2], ser[#ser].year)
		end
	end
	trend_chart(cx, y, cw, G.chart_h, T.trend_K, sk, 1, C.accent, G.span_K, yr)
	trend_chart(cx, y + G.chart_h + 4, cw, G.chart_h, T.trend_O, so, 3, "#D7301F",
		G.span_O, yr)
	local cy = y + 2 * G.chart_h + 6
	cy = cy + textbox(cx, cy, cw, nil, T.trend_src, S.small)
	y = math.max(ty, cy) + 12

	-- The notes: those that fit here, the rest on a continuation page.
	local placed, more = {}, false
	for _, b in ipairs(note_blocks(w, n, false)) do
		if not more and y + b.f(y, false) <= BOTTOM then
			y = y + b.f(y, true, BOTTOM)
			placed[b.key] = true
		else
			more = true
		end
	end
	if more then text(X0, math.min(y, BOTTOM) + 8, T.notes_continued, S.note) end
	K.source_line(P.h - P.bottom - 10)
	if not more and shown == nb then return end

	-- The continuation: the rest of the table, then the notes one below
	-- the other at full width.
	page_new()
	y = K.heading(T.wijk_kicker, T.continued(w.name), P.top) + 10
	if shown < nb then
		y = buurten_table(w, X0, y, tw, shown + 1, nb) + 3
		if na_note then y = y + textbox(X0, y, tw, nil, na_note, S.note) end
		y = y + 12
	end
	for _, b in ipairs(note_blocks(w, n, true)) do
		if not placed[b.key] and y < BOTTOM - 20 then y = y + b.f(y, true, BOTTOM) end
	end
	K.source_line(P.h - P.bottom - 10)
end

-- The opening page: what a sheet holds, a map of the wijken whose names
-- link to their sheets, and the list of wijken with their pages.
page_new()
bookmark(T.wijken_title)
local y = K.heading(T.wijken_kicker, T.wijken_title, P.top) + 10
y = y + textbox(X0, y, W, nil, T.wijken_intro, S.body) + 10

-- The map: the area's buurten in one light tint (the classes have maps of
-- their own), the wijk boundaries, and the wijk names.
local WM, CM = S.wijken_map, S.city_map
local tint, names = {}, {}
for _, b in ipairs(qs.city.buurten) do tint[b.code] = WM.fill end
for _, w in ipairs(qs.wijken) do names[w.code] = K.wijk_short(w.name) end
local mh = math.min(W / map_aspect(), WM.max_h)
local wm = map{ x = X0, y = y, w = W, h = mh, fill = tint, labels = "none",
	wijk_labels = names, wijk_label_font = WM.font, wijk_label_size = WM.size,
	wijk_label_min = WM.min, label_color = WM.color,
	avoid = K.map_furniture_boxes(X0, y, W, mh), context = C.context,
	wijk_edge = CM.wijk_edge, wijk_width = CM.wijk_width, edge = WM.edge,
	edge_width = WM.edge_width }
K.map_furniture(wm)
y = y + mh + 4
y = y + textbox(X0, y, W, nil, T.wijken_map_hint, S.small) + 14

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
-- In index order, not pairs(): the annotations' order is part of the
-- byte-identical PDF.
for _, w in ipairs(qs.wijken) do
	local b = wm.wijk_labels[w.code]
	if b then link(b.x - 2, b.y - 2, b.w + 4, b.h + 4, K.wijk_pages[w.code]) end
end
page_goto(page_count())
