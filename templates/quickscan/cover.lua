-- Section: the cover. Title band with client, title and area (and the
-- client's logo when the config gives one: template.logo), the report's
-- facts, the data used and a word on how to read the maps.
local S, K = style, kit
local P, C, T = S.page, S.colour, S.words
local X0, W = P.left, P.width
local R = qs.report

page_new()
bookmark(R.title .. " " .. R.area)
rect(0, 0, P.w, S.cover_band, { fill = C.accent })
if qs.images.logo then
	-- Fitted into the box, flush right with the text column.
	local L = S.cover_logo
	local iw, ih = image_size("logo")
	local sc = math.min(L.w / iw, L.h / ih)
	image(X0 + W - iw * sc, L.top, iw * sc, ih * sc, "logo")
end
text(X0, 92, R.client, S.cover_client)
local h = textbox(X0, 140, W, nil, R.title, S.cover_title)
textbox(X0, 140 + h + 4, W, nil, R.area, S.cover_area)

local y = 300
y = y + textbox(X0, y, W, nil, R.subtitle, S.cover_sub) + 26

local meta = {
	{ T.client_label, R.client },
	{ T.area_label, R.area .. " (" .. R.area_code .. ")" },
	{ T.date_label, R.date },
	{ T.buurten_label, T.buurten_count(#qs.buurten, #qs.wijken) },
}
if qs.area.partial then
	-- A working area of some wijken: name them.
	local names = {}
	for _, w in ipairs(qs.wijken) do names[#names + 1] = w.name end
	table.insert(meta, 3, { T.wijken_label, table.concat(names, ", ") })
end
for _, m in ipairs(meta) do
	text(X0, y, m[1], S.cover_label)
	for _, l in ipairs(wrap(m[2], S.cover_meta, W - 120)) do
		text(X0 + 120, y, l, S.cover_meta)
		y = y + 17
	end
end

y = y + 22
text(X0, y, T.data_heading, S.h2)
y = y + 8
for _, key in ipairs(T.indicator_order) do
	local ind = qs.indicators[key]
	if ind then
		local src = {}
		for _, c in ipairs(ind.components) do
			src[#src + 1] = c.file .. " (" .. c.column .. ")"
		end
		y = y + 14
		text(X0, y, T.indicator[key], S.cover_meta)
		text(X0 + 185, y, K.years(ind) or "–", S.cover_meta)
		text(X0 + 270, y, table.concat(src, ", "), S.cover_source)
	end
end

y = y + 40
rect(X0, y, W, 118, { fill = C.accent_light })
text(X0 + 14, y + 22, T.cover_box_title, S.h2)
textbox(X0 + 14, y + 32, W - 28, 80, T.cover_box, S.body)

text(X0, P.h - P.bottom - 30, T.made_with(R.creator), S.small)
textbox(X0, P.h - P.bottom - 24, W, nil, S.source_line, S.small)
