-- Page furniture the sections share: headings, legends, map frames, notes,
-- footers. report.lua includes it once as the global `kit`; a client
-- folder can override it like any other file (or extend it with
-- include_next("kit.lua")). Coordinates are points from the top-left of an
-- A4 page; text() takes the baseline, textbox() the top of the box.
local S = style
local P, C, T = S.page, S.colour, S.words
local X0, W = P.left, P.width
local X1 = X0 + W
local K = {}

-- "2018 → 2024" for an indicator with a change, its year otherwise.
function K.years(ind)
	if ind == nil then return nil end
	local y = ind.year or (ind.components[1] and ind.components[1].year)
	if ind.base_year and y then
		return ind.base_year .. " → " .. y
	end
	return y and tostring(y) or nil
end

function K.year_of(key)
	local ind = qs.indicators[key]
	if ind == nil then return nil end
	return ind.year or (ind.components[1] and ind.components[1].year)
end

-- "K 2018 → 2024, O 2018 → 2024"
function K.change_years()
	local k, o = K.years(qs.indicators.K), K.years(qs.indicators.O)
	local parts = {}
	if k then parts[#parts + 1] = "K " .. k end
	if o then parts[#parts + 1] = "O " .. o end
	return table.concat(parts, ", ")
end

function K.na_text(v, dec, signed)
	if v == nil then return "n.b." end
	return fmt(v, dec, signed)
end

-- Buurten per class code in a list of buurt records.
function K.class_counts(buurten, field)
	local n = {}
	for _, b in ipairs(buurten) do
		local c = b[field] or "NA"
		n[c] = (n[c] or 0) + 1
	end
	return n
end

-- A buurt name for a narrow column: CBS writes "en omgeving" and "e.o."
-- for the same thing, so the short form loses nothing.
function K.short_name(name)
	return (name:gsub(" en omgeving$", " e.o."))
end

-- A wijk name without CBS's "Wijk 03 " prefix, for a label on a map.
function K.wijk_short(name)
	return (name:gsub("^[Ww]ijk %d+%s+", ""))
end

-- Page furniture -------------------------------------------------------------

-- st, or a copy set smaller so that s fits in width w: a long area name
-- shrinks a title rather than running off the page.
function K.fit(s, st, w)
	local sw = measure(s, st)
	if sw <= w then return st end
	local t = {}
	for k, v in pairs(st) do t[k] = v end
	t.size = (st.size or 10) * w / sw
	return t
end

function K.heading(kicker, title, y)
	text(X0, y, kicker, S.kicker)
	text(X0, y + 21, title, K.fit(title, S.h1, W))
	line(X0, y + 29, X1, y + 29, { stroke = C.accent, width = 0.8 })
	return y + 29
end

function K.source_line(y)
	textbox(X0, y, W, nil, S.source_line, S.small)
end

-- Runs once the page count is known: "client · title · section" and
-- "pagina x van y" (the section: the page's top-level bookmark).
function K.footers(marks)
	local n = page_count()
	marks = marks or bookmarks()
	for p = 2, n do
		page_goto(p)
		local y = P.h - P.bottom + 22
		line(X0, y - 10, X1, y - 10, { stroke = C.rule, width = 0.4 })
		local right = T.page_of(p, n)
		local left = T.footer(qs.report)
		local sec = K.section_of(p, marks)
		if sec and sec ~= left then left = left .. " · " .. sec end
		local room = W - measure(right, S.footer_right) - 16
		text(X0, y, left, K.fit(left, S.footer, room))
		text(X1, y, right, S.footer_right)
	end
end

-- A class's legend swatch paint: its colour, hatched for NA, with the
-- class's line pattern (style.class_pattern) as on the maps.
function K.class_paint(c)
	local paint = { fill = c.colour, stroke = "#808080", width = 0.4 }
	if c.hatched then paint.hatch = C.hatch end
	local pat = S.class_pattern and S.class_pattern[c.code]
	if pat then paint.hatch, paint.pattern = C.pattern, pat end
	return paint
end

-- Legend: swatch, code, label and a count per class, in `cols` columns;
-- the counts of a column line up after its longest label.
function K.legend(x, y, w, count, cols)
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
			rect(lx, ly, 16, 10, K.class_paint(c))
			text(lx + 22, ly + 8.5, c.code, S.legend_code)
			text(lx + 42, ly + 8.5, c.label, S.legend)
			text(lx + 42 + tab + 8, ly + 8.5, count(c), S.legend_count)
		end
	end
	return y + rows * row_h
end

-- One row per class: swatch, code, label, buurten and inhabitants (from
-- classify/summary.csv: the report's area only), and a total; numbers
-- right-aligned in their own columns. With a narrowed area, a last row
-- explains the grey context.
function K.city_legend(x, y, w)
	local row_h = 13
	local cb, ci = x + 300, x + 400
	text(cb, y + 8, T.legend_buurten, S.legend_head)
	text(ci, y + 8, T.legend_inhabitants, S.legend_head)
	y = y + 13
	for _, c in ipairs(qs.classes) do
		rect(x, y, 16, 10, K.class_paint(c))
		text(x + 22, y + 8.5, c.code, S.legend_code)
		text(x + 42, y + 8.5, c.label, S.legend)
		text(cb, y + 8.5, fmt(c.absolute.buurten), S.legend_num)
		text(ci, y + 8.5, fmt(c.absolute.inhabitants), S.legend_num)
		y = y + row_h
	end
	line(x, y, ci, y, { stroke = C.rule, width = 0.4 })
	text(x + 42, y + 10.5, T.legend_total, S.legend_code)
	text(cb, y + 10.5, fmt(qs.totals.absolute.buurten), S.legend_total)
	text(ci, y + 10.5, fmt(qs.totals.absolute.inhabitants), S.legend_total)
	y = y + 14
	if qs.area.partial then
		rect(x, y + 2, 16, 10, { fill = C.context, stroke = "#808080", width = 0.4 })
		text(x + 42, y + 10.5, T.context_label, S.legend)
		y = y + row_h + 2
	end
	return y
end

-- The height city_legend() takes.
function K.city_legend_height()
	return 13 + 13 * #qs.classes + 14 + (qs.area.partial and 15 or 0)
end

local function method_text()
	return T.method({
		kt = qs.param.k_threshold or 1,
		tau = qs.param.tau,
		f = qs.param.o_tau_factor or 0.5,
		minh = qs.param.min_inhabitants or 100,
	})
end

-- How the classes follow from the data, with this run's thresholds.
function K.method_note(x, y, w, bottom)
	text(x, y + 9, T.method_title, S.h2)
	return y + 14 + textbox(x, y + 14, w, bottom - y - 14, method_text(), S.body)
end

-- The height method_note() needs to show its text whole.
function K.method_note_height(w)
	return 14 + #wrap(method_text(), S.body, w) * (S.body.leading or 1.25 * S.body.size)
end

-- Scale bar bottom-left and north arrow top-right inside a map box; the
-- boxes are passed to map() first so no label lands under them.
function K.map_furniture_boxes(x, y, w, h)
	return {
		{ x + 6, y + h - 26, 130, 22 },
		{ x + w - 32, y + 6, 26, 34 },
	}
end

function K.map_furniture(m)
	rect(m.x, m.y, m.w, m.h, { stroke = C.frame, width = 0.5 })
	scalebar(m, m.x + 10, m.y + m.h - 22, { width = 110, style = S.scalebar })
	north_arrow(m.x + m.w - 30, m.y + 8, 26, S.north)
end

function K.omitted_note(m, y)
	if #m.omitted == 0 then return y end
	local h = textbox(X0, y, W, nil, T.omitted(table.concat(m.omitted, ", ")), S.note)
	return y + h
end

-- The city map: every buurt of the area coloured by class, the rest of
-- the gemeente grey (vk-render draws buurten outside area.wijken as
-- context), as tall as the shape needs within max_h.
function K.city_map(y, max_h, export)
	local mh = math.min(W / map_aspect(), max_h)
	local avoid = K.map_furniture_boxes(X0, y, W, mh)
	local M = S.city_map
	local m = map{ x = X0, y = y, w = W, h = mh, fill = "class", labels = "number",
		export = export,
		label_font = S.map_labels.font, label_size = S.map_labels.size,
		label_min = S.map_labels.min, avoid = avoid, hatch = C.hatch,
		context = C.context, wijk_edge = M.wijk_edge, wijk_width = M.wijk_width,
		edge = M.edge, edge_width = M.edge_width, pattern = S.class_pattern,
		pattern_color = C.pattern }
	K.map_furniture(m)
	return m, mh
end

-- Navigation (issue #3): table of contents, running headers, page labels
-- and internal links. Sections only call bookmark(title [, level]); the
-- page API records every bookmark (bookmarks()), so once all sections are
-- drawn K.finish() fills the contents page inhoud.lua reserved, writes the
-- running footer with each page's section, sets the page labels and draws
-- the links that point forward (to pages that did not exist yet).
K.pending = {}      -- functions run by K.finish(), in order
K.wijk_pages = {}   -- wijk code -> page of its wijkschets (wijken.lua)

function K.later(fn) K.pending[#K.pending + 1] = fn end

-- A link from the box to the wijkschets of wijk `code`, drawn at the end
-- (the wijk pages come after the city pages). Nothing when the report has
-- no page for the wijk.
function K.wijk_link(x, y, w, h, code)
	local p = page_number()
	K.later(function()
		local target = K.wijk_pages[code]
		if target then
			page_goto(p)
			link(x, y, w, h, target)
		end
	end)
end

-- The title of the top-level bookmark a page falls under.
function K.section_of(page, marks)
	local t
	for _, m in ipairs(marks) do
		if m.level == 1 and m.page <= page then t = m.title end
	end
	return t
end

-- Reserves the contents page (inhoud.lua); K.toc() fills it at the end.
function K.toc_reserve()
	K.toc_page = page_new()
	bookmark(T.toc_title)
end

-- The contents: every bookmark after the contents page with its page
-- number and a link; level 2 indented. When level 2 would not fit on the
-- page, only level 1 is listed.
function K.toc(marks)
	if not K.toc_page then return end
	page_goto(K.toc_page)
	local y = K.heading(T.toc_kicker, T.toc_title, P.top) + 26
	local list, bottom = {}, P.h - P.bottom - 24
	for _, m in ipairs(marks) do
		if m.page > K.toc_page and m.level <= 2 then list[#list + 1] = m end
	end
	local function height(l)
		local h = 0
		for _, m in ipairs(l) do h = h + S.toc_gap[m.level] end
		return h
	end
	if y + height(list) > bottom then
		local top = {}
		for _, m in ipairs(list) do if m.level == 1 then top[#top + 1] = m end end
		list = top
	end
	for _, m in ipairs(list) do
		local st = m.level == 1 and S.toc1 or S.toc2
		if m.level == 1 then y = y + S.toc_gap[1] - S.toc_gap[2] end
		if y > bottom then break end
		local x = X0 + (m.level - 1) * 16
		local num = tostring(m.page)
		local nw = measure(num, st)
		local title = m.title
		local tw = measure(title, st)
		if tw > X1 - nw - 24 - x then
			st = K.fit(title, st, X1 - nw - 24 - x)
			tw = measure(title, st)
		end
		text(x, y, title, st)
		text(X1, y, num, { font = st.font, size = st.size, color = st.color,
			align = "right" })
		line(x + tw + 6, y - 1, X1 - nw - 6, y - 1,
			{ stroke = C.rule, width = 0.6, dash = 0.8 })
		link(x, y - st.size, X1 - x, st.size + 4, m.page)
		y = y + S.toc_gap[2]
	end
end

-- Everything that needs the whole document: forward links, contents,
-- page labels (cover "i", then the printed page numbers, so a viewer's
-- page box matches the footers and the contents), running footers.
function K.finish()
	for _, fn in ipairs(K.pending) do fn() end
	local marks = bookmarks()
	K.toc(marks)
	page_label(1, { style = "roman" })
	if page_count() > 1 then page_label(2, { style = "decimal", start = 2 }) end
	K.footers(marks)
end

return K
