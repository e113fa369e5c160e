-- Section 2: Leeswijzer en methode. The indicators with their source file,
-- column and years, the thresholds of this run (qs.param), absolute against
-- relative, the class rules with their colours, how NA arises and the
-- caveat that the classes are signals, not verdicts.
local S, K = style, kit
local P, C, T = S.page, S.colour, S.words
local R3 = T.r3
local X0, W = P.left, P.width
local prm = qs.param

page_new()
bookmark(R3.method_title)
local y = K.heading(R3.method_kicker, R3.method_title, P.top) + 10

local function h2(s) text(X0, y + 9, s, S.h2); y = y + 15 end
local function para(s) y = y + textbox(X0, y, W, nil, s, S.body) + 8 end
local function tbl(cols, rows)
	y = table{ x = X0, y = y, w = W, columns = cols, rows = rows, style = S.table,
		header_style = S.table_head, zebra = C.zebra, rule = C.rule, pad = 3, max_lines = 3 } + 10
end

h2("Indicatoren en bronnen")
local rows = {}
for _, key in ipairs(T.indicator_order) do
	local ind = qs.indicators[key]
	if ind then
		for _, c in ipairs(ind.components) do
			rows[#rows + 1] = { T.indicator[key], c.source, c.file, c.column,
				K.years(ind) or "–", c.weight and fmt(c.weight, 1) or "" }
		end
	end
end
tbl({ { title = "Indicator", width = 150 }, { title = "Bron", width = 60 }, { title = "Bestand", wrap = true },
	{ title = "Kolom", width = 56 }, { title = "Jaren", width = 66 }, { title = "Gewicht", width = 40, align = "right" } }, rows)

h2("Drempels in deze QuickScan")
local function pv(n, d) return prm[n] ~= nil and fmt(prm[n], d) or "n.b." end
tbl({ { title = "Parameter", width = 130 }, { title = "Waarde", width = 96, align = "right" }, { title = "Betekenis" } }, {
	{ "k_threshold", pv("k_threshold", 1) .. " pp", "ΔK groter dan +drempel: toename; kleiner dan −drempel: afname" },
	{ "tau (τ)", pv("tau", 3), "ΔO-drempel: " .. pv("o_tau_factor", 1) .. " × standaardafwijking van ΔO over de referentiebuurten" },
	{ "z_threshold", pv("z_threshold", 1), "relatief: |z| boven deze waarde telt als verandering" },
	{ "min_inhabitants", pv("min_inhabitants"), "minder inwoners: onvoldoende gegevens (NA)" },
	{ "corporatiebuurt", pv("corporatiebuurt", 1) .. "%", "P boven deze waarde maakt een corporatiebuurt" },
	{ "K-tertielen", pv("K_tercile_low", 1) .. " / " .. pv("K_tercile_high", 1), "grenzen laag/midden/hoog K-niveau (focuskaart)" },
	{ "O-tertielen", pv("O_tercile_low", 3) .. " / " .. pv("O_tercile_high", 3), "grenzen zwak/midden/goed O-niveau (focuskaart, alle seinen op rood)" },
	-- only with classification.growth (classify writes the parameter then)
	prm.growth_threshold and { "growth_threshold", pv("growth_threshold") .. "%",
		"sterke groei (G): inwonertal meer dan dit percentage hoger of lager" } or nil,
})

h2("Absoluut en relatief")
para("Absoluut: een buurt verandert als ΔK of ΔO de vaste drempel hierboven overschrijdt. " ..
	"Relatief: dezelfde regels op z-scores binnen de gemeente (|z| > " .. pv("z_threshold", 1) ..
	"): de buurten waar K en O zich het sterkst of het zwakst ontwikkelden ten opzichte van de rest " ..
	"van de stad, ook als de hele stad absoluut verbetert. τ, de z-scores en de tertielen worden " ..
	"altijd over de hele gemeente berekend (" .. pv("reference_buurten") .. " referentiebuurten).")

h2("De klassen")
local rules = {
	VD = "K neemt toe en O verslechtert",
	OT = "K gelijk of lager en O verslechtert",
	VK = "K neemt toe en O gelijk of beter",
	ST = "K gelijk en O gelijk",
	VB = "K neemt af en O gelijk of beter, of K gelijk en O beter",
	NA = "minder dan " .. pv("min_inhabitants") .. " inwoners of een ontbrekende invoer",
}
rows = {}
for _, c in ipairs(qs.classes) do
	rows[#rows + 1] = { "", c.code, c.colour:upper(), c.label, rules[c.code] or "" }
end
local ty = y
local bottom = table{ x = X0, y = y, w = W, columns = { { title = "", width = 24 }, { title = "Code", width = 32 },
	{ title = "Kleur", width = 54 }, { title = "Klasse", width = 130 }, { title = "Regel" } },
	rows = rows, style = S.table, header_style = S.table_head, rule = C.rule, pad = 3 }
local rh = (bottom - ty) / (#rows + 1)
for i, c in ipairs(qs.classes) do
	rect(X0 + 3, ty + i * rh + (rh - 9) / 2, 16, 9, K.class_paint(c))
end
y = bottom + 4
y = y + textbox(X0, y, W, nil, "In zwart-wit zijn VD en VK en ook OT en VB bijna even grijs: daarom " ..
	"hebben Veerkrachtig (schuine lijnen) en Verbeterend (liggende lijnen) op elke kaart en in elke " ..
	"legenda een lijnpatroon.", S.note) + 10
-- The growth flag is a warning beside the class, never part of its rule.
if prm.growth_threshold then
	local function yr(n) return prm[n] and tostring(math.floor(prm[n])) or "n.b." end
	para("G (sterke groei, bijlage A): het aantal inwoners steeg of daalde tussen " .. yr("K_base_year") .. " en " ..
		yr("K_year") .. " met meer dan " .. pv("growth_threshold") .. "%, zodat K en ΔK vooral tonen wie er kwam " ..
		"wonen of vertrok; een waarschuwing, die de klasse niet verandert.")
end

h2("Hoe NA ontstaat")
para("Een buurt krijgt geen klasse (Onvoldoende gegevens, wit gearceerd) als ze minder dan " ..
	pv("min_inhabitants") .. " inwoners heeft, of als een van de invoerwaarden ontbreekt: het CBS " ..
	"geeft geen cijfer voor kleine of geheimgehouden buurten ('.'), of de Leefbaarometer heeft " ..
	"geen score. Een buurt zonder gegevens is nooit stilzwijgend 'stabiel'. De reden staat per buurt in bijlage A.")

h2("Signalen, geen oordelen")
para(R3.signal_caveat)
K.source_line(P.h - P.bottom - 10)
