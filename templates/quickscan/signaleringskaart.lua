-- Section: the signaleringskaart. One page with every buurt of the area
-- coloured by its class (the rest of the gemeente grey when the config
-- narrows the area to some wijken), the legend with buurten and inhabitants
-- per class, and how the classes follow from the data.
local S, K = style, kit
local P, T = S.page, S.words
local X0, W = P.left, P.width
local R = qs.report

page_new()
-- Inside "Veerkracht in beeld" the section's mark nests it; alone (a
-- client's sections.lua) it is a section of its own.
;(K.map_mark or bookmark)(T.city_title(R.area))
local y = K.heading(T.city_kicker, T.city_title(R.area), P.top)
y = y + 8
local intro = T.city_intro(K.change_years())
if qs.area.partial then intro = intro .. " " .. T.city_context end
y = y + textbox(X0, y, W, nil, intro, S.body) + 8

-- As tall as the area's shape needs, within what the page has once the
-- legend and the method note below it are whole.
local room = P.h - P.bottom - 14 - y - 12 - K.city_legend_height() - 12 - 6 -
	K.method_note_height(W)
local m, mh = K.city_map(y, math.min(450, room), "signaleringskaart")
y = y + mh + 12

y = K.city_legend(X0, y, W) + 12
y = K.omitted_note(m, y) + 6
K.method_note(X0, y, W, P.h - P.bottom - 14)
K.source_line(P.h - P.bottom - 10)
