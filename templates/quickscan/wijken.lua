-- Section: one page per wijk of the area (qs.wijken), in index order: a
-- map of the wijk with the rest of the city as context, the class legend
-- with counts for the wijk, and a table of its buurten.
local S, K = style, kit
local P, C, T = S.page, S.colour, S.words
local X0, W = P.left, P.width

local function wijk_page(w)
	page_new()
	bookmark(w.name)
	local y = K.heading(T.wijk_kicker, w.name, P.top)
	y = y + 10

	local M = S.wijk_map
	local mh = M.height
	local avoid = K.map_furniture_boxes(X0, y, W, mh)
	local m = map{ x = X0, y = y, w = W, h = mh, focus = w.code, fill = "class",
		labels = "number", label_font = S.map_labels.font,
		label_size = S.map_labels.size + 1, label_min = S.map_labels.min,
		avoid = avoid, context = C.context, hatch = C.hatch,
		wijk_edge = M.wijk_edge, wijk_width = M.wijk_width, edge = M.edge,
		edge_width = M.edge_width }
	K.map_furniture(m)
	y = y + mh + 10

	local counts = K.class_counts(w.buurten, "class")
	y = K.legend(X0, y, W, function(c) return fmt(counts[c.code] or 0) end, 3) + 2
	y = K.omitted_note(m, y) + 8

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
	local na = K.na_text
	local rows, notes, inh = {}, {}, 0
	for _, b in ipairs(w.buurten) do
		local cls = qs.class[b.class or "NA"] or qs.class.NA
		local k = (b.K_base == nil and b.K == nil) and "n.b." or
			(na(b.K_base, 1) .. " → " .. na(b.K, 1))
		rows[#rows + 1] = { b.nr, b.name, na(b.inhabitants), na(b.P),
			k, na(b.dK, 1, true), na(b.O, 3), na(b.dO, 3, true),
			cls.label }
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
		y = y + 2 + textbox(X0, y, W, nil, T.na_notes(table.concat(notes, "; ")), S.note)
	end
	K.source_line(P.h - P.bottom - 10)
end

for _, w in ipairs(qs.wijken) do
	wijk_page(w)
end
