-- Section 5: handelingsperspectieven (DOMAIN.md §2.3). A city overview
-- (wijken × the four perspectives, intensities as dots; each wijk name
-- links to its wijkschets), then per wijk the 2×2 matrix (rows mens /
-- fysiek, columns omgaan met / tegengaan van) with the intensity 0–3 and
-- the consultant's text from the config (wijken: CODE: perspectieven:).
-- Wijken without perspectives in the config say "niet ingevuld": the
-- report never invents an effort.
local S, K = style, kit
local P, C, T = S.page, S.colour, S.words
local X0, W = P.left, P.width
local X1 = X0 + W
local BOTTOM = P.h - P.bottom - 16

-- Intensity as four dots, the first `n` filled; nil: four empty grey
-- rings and "niet ingevuld" is written next to them by the caller.
local function dots(x, y, n, r)
	r = r or 3.6
	for i = 1, 3 do
		local filled = n ~= nil and i <= n
		circle(x + (i - 1) * (2 * r + 4) + r, y, r, {
			fill = filled and C.accent or C.dot_off,
			stroke = n ~= nil and C.accent or C.rule, width = 0.6 })
	end
	return 3 * (2 * r + 4)
end

local function persp(code)
	local n = qs.notes[code]
	return n and n.perspectieven or nil
end

local function legend(y)
	local x = X0
	for lvl = 0, 3 do
		local w = dots(x, y - 3, lvl, 3)
		local s = lvl .. " " .. T.hp_levels[lvl]
		text(x + w + 2, y, s, S.legend)
		x = x + w + measure(s, S.legend) + 22
	end
	return y + 8
end

-- City overview --------------------------------------------------------------

page_new()
bookmark(T.hp_title)
local y = K.heading(T.hp_kicker, T.hp_title, P.top) + 10
y = y + textbox(X0, y, W, nil, T.hp_intro, S.body) + 10
y = legend(y + 8) + 14
text(X0, y + 9, T.hp_city, S.h2)
y = y + 22
local cx0, colw = X0 + 170, (W - 170) / 4
-- Column heads: the perspective names, wrapped to their column.
local head_h = 0
for i, p in ipairs(T.hp) do
	local h = textbox(cx0 + (i - 1) * colw, y, colw - 6, nil, p.name, S.table_head)
	head_h = math.max(head_h, h)
end
text(X0, y + 8, T.hp_col_wijk, S.table_head)
y = y + head_h + 4
line(X0, y, X1, y, { stroke = C.rule, width = 0.5 })
y = y + 4
for i, w in ipairs(qs.wijken) do
	if y > BOTTOM - 20 then
		K.source_line(P.h - P.bottom - 10)
		page_new()
		y = K.heading(T.hp_kicker, T.continued(T.hp_title), P.top) + 14
	end
	if i % 2 == 0 then rect(X0, y, W, 18, { fill = C.zebra }) end
	text(X0 + 4, y + 12, w.name, S.body)
	K.wijk_link(X0, y, 166, 18, w.code)
	local pp = persp(w.code)
	if pp == nil then
		text(cx0, y + 12, T.hp_missing, S.legend_count)
	else
		for j, p in ipairs(T.hp) do
			local v = pp[p.key]
			if v then dots(cx0 + (j - 1) * colw, y + 9, v.intensiteit)
			else text(cx0 + (j - 1) * colw, y + 12, T.hp_missing, S.fig_label) end
		end
	end
	y = y + 18
end
line(X0, y, X1, y, { stroke = C.rule, width = 0.5 })

-- One matrix per wijk, two wijken to a page -----------------------------------

local CELL_H = 118

local function matrix(w, y)
	text(X0, y + 12, T.hp_wijk(w.name), S.h2)
	K.wijk_link(X0, y, measure(T.hp_wijk(w.name), S.h2), 14, w.code)
	y = y + 22
	local pp = persp(w.code)
	local lw = 56
	local cw = (W - lw) / 2
	-- Column heads.
	for c = 1, 2 do
		text(X0 + lw + (c - 1) * cw + cw / 2, y + 8, T.hp_cols[c],
			{ font = "bold", size = 8.5, color = "text", align = "center" })
	end
	y = y + 14
	for r = 1, 2 do
		text(X0, y + CELL_H / 2 + 3, T.hp_rows[r], { font = "bold", size = 8.5, color = "text" })
		for c = 1, 2 do
			local p = T.hp[(r - 1) * 2 + c]
			local x = X0 + lw + (c - 1) * cw
			local v = pp and pp[p.key]
			local lvl = v and v.intensiteit
			-- Shading follows the intensity, so the matrix reads at a glance.
			local shade = ({ [0] = "#FFFFFF", "#EEF3F8", "#DCE6F0", "#C3D4E6" })[lvl or 0]
			rect(x, y, cw, CELL_H, { fill = shade, stroke = C.rule, width = 0.5 })
			text(x + 8, y + 16, p.name, S.h3)
			local dw = dots(x + 8, y + 28, lvl)
			local status = lvl ~= nil and (lvl .. " " .. T.hp_levels[lvl]) or T.hp_missing
			text(x + 8 + dw + 4, y + 31, status, S.legend_count)
			if v and v.tekst then
				textbox(x + 8, y + 42, cw - 16, CELL_H - 48, v.tekst, S.body)
			end
		end
		y = y + CELL_H
	end
	return y + 20
end

-- Matrices only for wijken the config gives perspectives for; the others
-- are named once ("niet ingevuld") rather than drawn as empty matrices.
local filled, missing = {}, {}
for _, w in ipairs(qs.wijken) do
	if persp(w.code) then filled[#filled + 1] = w else missing[#missing + 1] = w.name end
end
y = y + 12
if #missing > 0 then
	y = y + textbox(X0, y, W, nil, T.hp_missing_list(table.concat(missing, ", ")), S.note) + 6
end
K.source_line(P.h - P.bottom - 10)
for i, w in ipairs(filled) do
	if (i - 1) % 2 == 0 then
		if i > 1 then K.source_line(P.h - P.bottom - 10) end
		page_new()
		y = K.heading(T.hp_kicker, T.continued(T.hp_title), P.top) + 14
	end
	y = matrix(w, y)
end
if #filled > 0 then K.source_line(P.h - P.bottom - 10) end
