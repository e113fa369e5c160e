-- Section (Voorbeeldhof only): the working area at a glance. The city map
-- with the area's buurten coloured by class and the rest of Utrecht grey,
-- then a table with the buurten per class for each wijk of the area, and
-- the method note shared with the default signaleringskaart.
local S, K = style, kit
local P, C, T = S.page, S.colour, S.words
local X0, W = P.left, P.width

page_new()
bookmark(T.area_title)
local y = K.heading(T.area_kicker, T.area_title, P.top) + 8
y = y + textbox(X0, y, W, nil, T.area_intro(K.change_years()), S.body) + 8

local m, mh = K.city_map(y, 360, "werkgebied")
y = y + mh + 12

-- Per wijk: inhabitants and buurten per class; the last row is the area
-- total from classify/summary.csv.
local cols = { { title = T.col_wijk, wrap = true },
	{ title = T.col_inhabitants, width = 50, align = "right" } }
for _, c in ipairs(qs.classes) do
	cols[#cols + 1] = { title = c.code, width = 30, align = "right" }
end
local rows = {}
for _, w in ipairs(qs.wijken) do
	local n, inh = K.class_counts(w.buurten, "class"), 0
	for _, b in ipairs(w.buurten) do inh = inh + (b.inhabitants or 0) end
	local row = { w.name, fmt(inh) }
	for _, c in ipairs(qs.classes) do row[#row + 1] = fmt(n[c.code] or 0) end
	rows[#rows + 1] = row
end
local total = { T.area_total, fmt(qs.totals.absolute.inhabitants), bold = true }
for _, c in ipairs(qs.classes) do total[#total + 1] = fmt(c.absolute.buurten) end
rows[#rows + 1] = total
y = table{ x = X0, y = y, w = W, columns = cols, rows = rows, style = S.table,
	header_style = S.table_head, zebra = C.zebra, rule = C.rule, pad = 3 } + 6

-- The class codes of the table's header with their colours, in a row
-- that continues on the next line when the column is full.
local keys = {}
for _, c in ipairs(qs.classes) do
	keys[#keys + 1] = { c.code .. " " .. c.label, c.colour, c.hatched }
end
keys[#keys + 1] = { T.context_label, C.context, false }
local lx = X0
for _, k in ipairs(keys) do
	local w = 16 + measure(k[1], S.small) + 12
	if lx + w > X0 + W then lx, y = X0, y + 13 end
	local paint = { fill = k[2], stroke = "#808080", width = 0.4 }
	if k[3] then paint.hatch = C.hatch end
	rect(lx, y, 12, 8, paint)
	text(lx + 16, y + 7, k[1], S.small)
	lx = lx + w
end
y = y + 22

y = K.omitted_note(m, y) + 6
K.method_note(X0, y, W, P.h - P.bottom - 14)
K.source_line(P.h - P.bottom - 10)
