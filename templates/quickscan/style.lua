-- The look and the words of the QuickScan report, defined once: fonts,
-- sizes, colours, margins and every fixed Dutch text. The section files only
-- refer to these names, so a client's folder (templates/clients/<name>/)
-- restyles or rewords the report with a style.lua of its own that starts
-- from this one and changes only what differs:
--
--   local S = include_next("style.lua")
--   S.colour.accent = "#0B6E4F"
--   S.words.wijk_kicker = "WIJK IN BEELD"
--   return S
--
-- Colours in the text styles below are names from S.colour, looked up when
-- something is drawn (report.lua registers S.colour with colours{}), so
-- changing S.colour.accent recolours every heading that uses it.
local S = {}

-- Font files are looked up in the font directory (vk-render --font-dir).
S.fonts = {
	regular = "LiberationSans-Regular.ttf",
	bold = "LiberationSans-Bold.ttf",
}

local W, H = page_size()
S.page = { w = W, h = H, left = 51, right = 51, top = 48, bottom = 46 }
S.page.width = W - S.page.left - S.page.right

S.colour = {
	text = "#1E1E1E",
	muted = "#666666",
	accent = "#1F4E79",    -- headings, cover band
	accent_light = "#DCE6F0",
	cover_text = "#FFFFFF", -- on the cover band
	rule = "#A6A6A6",
	zebra = "#F1F4F8",
	frame = "#8C8C8C",
	context = "#EDEDED",   -- the rest of the city on a wijk map
	hatch = "#707070",
	black = "#000000",
}

S.cover_band = 250      -- height of the coloured band at the top of the cover
-- Where a logo the config gives (template.logo) goes on the cover band:
-- fitted into this box, right-aligned.
S.cover_logo = { w = 120, h = 60, top = 40 }
S.cover_client = { font = "bold", size = 12, color = "cover_text" }
S.cover_title = { font = "bold", size = 34, color = "cover_text", leading = 40 }
S.cover_area = { font = "regular", size = 22, color = "cover_text", leading = 26 }
S.cover_source = { font = "regular", size = 8, color = "muted" }
S.cover_sub = { font = "regular", size = 15, color = "text", leading = 20 }
S.cover_meta = { font = "regular", size = 11, color = "text", leading = 15 }
S.cover_label = { font = "bold", size = 11, color = "text" }
S.kicker = { font = "bold", size = 8.5, color = "accent" }
S.h1 = { font = "bold", size = 18, color = "accent" }
S.h2 = { font = "bold", size = 11, color = "text" }
S.body = { font = "regular", size = 9.5, color = "text", leading = 13 }
S.small = { font = "regular", size = 7.5, color = "muted", leading = 9.5 }
S.note = { font = "regular", size = 7.5, color = "text", leading = 9.5 }
S.footer = { font = "regular", size = 7.5, color = "muted" }
S.footer_right = { font = "regular", size = 7.5, color = "muted", align = "right" }
S.legend = { font = "regular", size = 8.5, color = "text" }
S.legend_code = { font = "bold", size = 8.5, color = "text" }
S.legend_count = { font = "regular", size = 8.5, color = "muted" }
S.legend_head = { font = "bold", size = 8, color = "text", align = "right" }
S.legend_num = { font = "regular", size = 8.5, color = "text", align = "right" }
S.legend_total = { font = "bold", size = 8.5, color = "text", align = "right" }
S.table = { font = "regular", size = 8, color = "text", leading = 9.6 }
S.table_head = { font = "bold", size = 8, color = "text", leading = 9.6 }
S.scalebar = { font = "regular", size = 7, color = "black" }
S.north = { font = "bold", color = "black" }

S.map_labels = { font = "bold", size = 6.5, min = 4.2 }
-- Map line work: the wijk boundaries and the white buurt outlines.
S.city_map = { wijk_edge = "#2B2B2B", wijk_width = 1.3, edge = "#FFFFFF", edge_width = 0.5 }
S.wijk_map = { wijk_edge = "#1E1E1E", wijk_width = 1.3, edge = "#FFFFFF", edge_width = 0.6,
	height = 330 }

-- The attribution belongs to this sample's data, so it lives with the
-- template's look rather than in the config.
S.source_line = "Bron: CBS (Kerncijfers wijken en buurten, CC BY 4.0); " ..
	"Leefbaarometer 3.0 (Ministerie van BZK); buurtgrenzen Gemeente Utrecht (open data)"

-- Every fixed text of the report (Dutch). Texts that include figures are
-- functions of them.
S.words = {
	-- Dutch names of the indicators, for the cover and the table headers,
	-- and the order the cover lists them in.
	indicator = {
		inhabitants = "Inwoners",
		homes = "Woningen",
		P = "Aandeel corporatiewoningen (P)",
		K = "Kwetsbare bewoners (K)",
		O = "Overlast en onveiligheid (O)",
		L = "Leefbaarometer totaalscore (L)",
	},
	indicator_order = { "K", "O", "P", "L", "inhabitants", "homes" },

	-- Cover
	client_label = "Opdrachtgever",
	area_label = "Gebied",
	wijken_label = "Wijken",
	date_label = "Datum",
	buurten_label = "Buurten",
	buurten_count = function(nb, nw)
		return fmt(nb) .. " in " .. fmt(nw) .. " wijken"
	end,
	data_heading = "Gebruikte gegevens",
	cover_box_title = "Een signaal, geen oordeel",
	cover_box = "De kaarten in deze QuickScan laten zien waar de samenstelling van de " ..
		"bewoners en de ervaren overlast en onveiligheid de afgelopen jaren " ..
		"veranderd zijn. Ze wijzen aan waar het gesprek over veerkracht het " ..
		"eerst gevoerd zou moeten worden; ze zeggen niets definitiefs over een " ..
		"buurt of over de mensen die er wonen. Cijfers op buurtniveau zijn soms " ..
		"klein en onzeker: lees een klasse als aanleiding om te kijken en te " ..
		"vragen, en leg haar naast wat bewoners, professionals en corporaties " ..
		"zelf zien.",
	made_with = function(creator) return "Gemaakt met " .. creator .. "." end,

	-- Running footer on every page but the cover
	footer = function(r) return r.client .. " · " .. r.title .. " " .. r.area end,
	page_of = function(p, n) return "pagina " .. p .. " van " .. n end,

	-- Signaleringskaart
	city_kicker = "3  VEERKRACHT IN BEELD",
	city_title = function(area) return "Signaleringskaart " .. area end,
	city_intro = function(years)
		return "Elke buurt is ingedeeld naar de verandering van de concentratie kwetsbare " ..
			"bewoners (K) en van overlast en onveiligheid (O), absoluut gemeten (" ..
			years .. "). De nummers zijn de laatste vier cijfers van de CBS-buurtcode."
	end,
	-- Added to the intro when the config narrows the area to some wijken.
	city_context = "Buurten buiten het gebied zijn grijs en tellen niet mee in de aantallen.",
	context_label = "Buiten het gebied",
	legend_buurten = "buurten",
	legend_inhabitants = "inwoners",
	legend_total = "Totaal",
	omitted = function(list) return "Niet op de kaart genummerd (te klein): " .. list .. "." end,
	method_title = "Zo is ingedeeld",
	method = function(p)
		return "K neemt toe bij een stijging van meer dan " .. fmt(p.kt, 1) ..
			" procentpunt en neemt af bij een daling van meer dan " .. fmt(p.kt, 1) ..
			" procentpunt. O verslechtert bij een daling van meer dan τ" ..
			(p.tau and (" = " .. fmt(p.tau, 3)) or "") .. " (" .. fmt(p.f, 1) ..
			" × de standaardafwijking van ΔO over de buurten) en verbetert bij een " ..
			"even grote stijging. Veerkracht onder druk: K neemt toe en O verslechtert. " ..
			"Overlast neemt toe: K gelijk of lager, O verslechtert. Veerkrachtig: K neemt " ..
			"toe, O gelijk of beter. Verbeterend: K neemt af en O gelijk of beter, of K " ..
			"gelijk en O beter. Stabiel: beide gelijk. Buurten met minder dan " .. fmt(p.minh) ..
			" inwoners of met ontbrekende gegevens krijgen geen klasse (gearceerd)."
	end,

	-- Wijk pages
	wijk_kicker = "WIJKSCHETS",
	col_nr = "Nr",
	col_buurt = "Buurt",
	col_inhabitants = "Inwoners",
	col_inh_short = "Inw.",
	col_P = "P %",
	col_K_short = function(y) return "K " .. y end,
	col_dK = "ΔK pp",
	col_O = function(y) return "O " .. y end,
	col_dO = "ΔO",
	col_class_short = "Kl.",
	wijk_total = function(n) return "Wijk totaal (" .. n .. " buurten)" end,
	na_notes = function(list) return "Onvoldoende gegevens: " .. list .. "." end,
}

-- Issue #3 (samenvatting, methode, veerkracht in beeld, bijlagen) ---------
-- Greyscale and colour blindness: VD/VK and OT/VB have nearly the same
-- grey, so VK and VB carry a line pattern on the maps and in every legend
-- swatch (map{ pattern = ... }, paint{ pattern = ... }).
S.colour.pattern = "#2B2B2B"
S.class_pattern = { VK = "back", VB = "rows" }
S.h3 = { font = "bold", size = 9.5, color = "accent" }
S.key_num = { font = "bold", size = 16, color = "accent" }
S.key_label = { font = "regular", size = 8, color = "muted", leading = 10 }
S.table_small = { font = "regular", size = 7, color = "text", leading = 8.4 }
S.table_small_head = { font = "bold", size = 7, color = "text", leading = 8.4 }
-- Numeric maps: ColorBrewer schemes (lightness runs one way; diverging
-- schemes light in the middle), NA stays white hatched.
S.scheme = {
	P = { "#F2F0F7", "#CBC9E2", "#9E9AC8", "#54278F" },          -- Purples
	K = { "#FFF7BC", "#FEC44F", "#D95F0E" },                     -- YlOrBr
	-- OrRd, zwak dark: warm colours mean "worse" on every map (purple is
	-- an improvement on the change maps).
	O = { "#E34A33", "#FDBB84", "#FEE8C8" },
	change = { "#E66101", "#FDB863", "#F7F7F7", "#B2ABD2", "#5E3C99" }, -- PuOr
	L = { "#FFFFCC", "#C2E699", "#78C679", "#31A354", "#006837" }, -- YlGn
	-- The nine Leefbaarometer classes (classification: lbm_klassen): YlGn-9.
	L9 = { "#FFFFE5", "#F7FCB9", "#D9F0A3", "#ADDD8E", "#78C679", "#41AB5D",
		"#238443", "#006837", "#004529" },
	-- Bivariate 3 x 3 (K level across, O level down: goed, midden, zwak).
	focus = {
		{ "#E8E8E8", "#E4ACAC", "#C85A5A" },
		{ "#B0D5DF", "#AD9EA5", "#985356" },
		{ "#64ACBE", "#627F8C", "#574249" },
	},
}

-- The Leefbaarometer's nine class names (DOMAIN.md §5), lowest first.
S.words.lbm_klassen = { "zeer onvoldoende", "ruim onvoldoende", "onvoldoende", "zwak",
	"voldoende", "ruim voldoende", "goed", "zeer goed", "uitstekend" }

S.words.r3 = {
	sum_kicker = "1  SAMENVATTING",
	sum_title = function(area) return "Samenvatting " .. area end,
	method_kicker = "2  LEESWIJZER EN METHODE",
	method_title = "Leeswijzer en methode",
	beeld_kicker = "3  VEERKRACHT IN BEELD",
	beeld_section = "Veerkracht in beeld",
	annex_kicker = "8  BIJLAGEN",
	annex_table_title = "Bijlage A  Alle buurten",
	annex_dict_title = "Bijlage B  Gegevenswoordenboek",
	annex_sources_title = "Bijlage C  Bronnen en configuratie",
	signal_caveat = "De klassen zijn signalen, geen oordelen: ze wijzen aan waar het " ..
		"gesprek over veerkracht het eerst gevoerd zou moeten worden, niet hoe het met " ..
		"een buurt of haar bewoners gaat. Cijfers van kleine buurten zijn onzeker.",
}

-- Issue #3 navigation, wijkschetsen, handelingsperspectieven -------------
S.toc1 = { font = "bold", size = 10.5, color = "text" }
S.toc2 = { font = "regular", size = 9.5, color = "text" }
S.toc_gap = { 24, 15 }   -- extra space above a level-1 line; line step
S.label = { font = "bold", size = 8.5, color = "accent" }
S.fig_num = { font = "bold", size = 12, color = "text" }
S.fig_label = { font = "regular", size = 7, color = "muted" }
S.auto = { font = "regular", size = 7, color = "muted" }
S.colour.groen = "#1A9850"
S.colour.oranje = "#F28E2B"
S.colour.rood = "#D7301F"
S.colour.highlight = "#1F4E79"   -- the wijk on the city inset
S.colour.auto_fill = "#F4F4F4"   -- behind automatically written text
S.colour.dot_off = "#FFFFFF"
-- The wijkschets sheet: the map box, the right column's figures and
-- class mix (a fixed height at its foot; the inset, and a photo beside
-- it, share the rest), the trend charts beside the buurten table, and how many table
-- rows the sheet holds before the table continues on a page of its own.
S.wijk_sheet = { map_w = 276, map_h = 196, figures_h = 108,
	chart_w = 172, chart_h = 74, max_rows = 16,
	span_K = 10, span_O = 0.2 }   -- least span of the trend charts' value axes
-- The wijken map on the opening page of the wijkschetsen.
S.wijken_map = { max_h = 300, fill = "accent_light", edge = "#FFFFFF", edge_width = 0.4,
	font = "bold", size = 9, min = 6, color = "accent" }
S.sheet_body = { font = "regular", size = 8.5, color = "text", leading = 10.8 }
S.table_small = { font = "regular", size = 7, color = "text", leading = 8.4 }
S.table_small_head = { font = "bold", size = 7, color = "text", leading = 8.4 }

S.words.toc_kicker = "INHOUD"
S.words.toc_title = "Inhoud"
S.words.wijken_kicker = "4  WIJKSCHETSEN"
S.words.wijken_title = "Wijkschetsen"
S.words.wijken_intro = "Per wijk: de kaart met de buurten naar klasse en de ligging in de stad, " ..
	"kerncijfers, de ontwikkeling van K en O door de jaren heen en de duiding van de adviseur. " ..
	"Waar de adviseur (nog) niets heeft ingevuld, staat een tekst die uit de cijfers is " ..
	"afgeleid; die is gemarkeerd als automatisch gegenereerd."
S.words.wijk_kicker = "4  WIJKSCHETS"
S.words.wijk_list_title = "Wijken"
S.words.wijken_map_hint = "Een klik op een wijknaam in de kaart of in de lijst hieronder opent de wijkschets."
S.words.wijk_with_notes = "met duiding van de adviseur"
-- The title of a page that continues the one before (a table, notes).
S.words.continued = function(title) return title .. " (vervolg)" end
S.words.table_continued = "De tabel loopt door op de volgende pagina."
S.words.notes_continued = "De duiding loopt door op de volgende pagina."
S.words.fig = {
	inhabitants = "inwoners", homes = "woningen", P = "corporatiewoningen",
	K = "kwetsbare huishoudens", O = "overlast en onveiligheid",
}
S.words.class_mix = function(n) return "Buurten naar klasse (" .. n .. ")" end
S.words.trend_K = "K: kwetsbare huishoudens (%)"
S.words.trend_O = "O: overlast en onveiligheid (hoger is beter)"
S.words.trend_none = "Geen reeks beschikbaar."
S.words.trend_src = "Wijkwaarde van de bron waar die er is, anders het naar inwoners " ..
	"gewogen gemiddelde van de buurten."
S.words.inset = "Ligging in de stad"
S.words.notes = {
	probleemanalyse = "Probleemanalyse",
	definitie_van_succes = "Definitie van succes",
	status = "Stand van zaken",
	sleutelprojecten = "Sleutelprojecten en lopende trajecten",
	dilemma = "Dilemma",
}
S.words.status_items = {
	{ "fysieke_kwaliteit", "Fysieke kwaliteit" },
	{ "sociale_leefbaarheid", "Sociale leefbaarheid" },
	{ "sociale_infrastructuur", "Sociale infrastructuur" },
}
S.words.stoplicht = { groen = "groen", oranje = "oranje", rood = "rood" }
S.words.auto_mark = "automatisch gegenereerd"
S.words.auto_title = "Wat de cijfers laten zien"
S.words.auto_hint = "Deze tekst is automatisch uit de cijfers afgeleid. De duiding van de " ..
	"adviseur (probleemanalyse, definitie van succes, stand van zaken en dilemma) is voor deze " ..
	"wijk nog niet opgesteld."
-- Data-driven sentences: arguments are numbers and names, already formatted.
S.words.auto = {
	k_up = function(y0, y1, a, b) return "Het aandeel kwetsbare huishoudens steeg van " ..
		a .. "% in " .. y0 .. " naar " .. b .. "% in " .. y1 .. "." end,
	k_down = function(y0, y1, a, b) return "Het aandeel kwetsbare huishoudens daalde van " ..
		a .. "% in " .. y0 .. " naar " .. b .. "% in " .. y1 .. "." end,
	k_same = function(y0, y1, a) return "Het aandeel kwetsbare huishoudens bleef tussen " ..
		y0 .. " en " .. y1 .. " rond " .. a .. "%." end,
	o_better = function(y0, y1) return "Overlast en onveiligheid verbeterden tussen " ..
		y0 .. " en " .. y1 .. "." end,
	o_worse = function(y0, y1) return "Overlast en onveiligheid verslechterden tussen " ..
		y0 .. " en " .. y1 .. "." end,
	o_same = function(y0, y1) return "Overlast en onveiligheid bleven tussen " ..
		y0 .. " en " .. y1 .. " ongeveer gelijk." end,
	top_dk = function(name, v) return "De sterkste toename van K was in " .. name ..
		" (" .. v .. " procentpunt)." end,
	vd = function(list) return "Veerkracht onder druk: " .. list .. "." end,
	no_vd = "Geen buurt van de wijk valt in de klasse veerkracht onder druk.",
	focus = function(list) return "Focusbuurten (hoog aandeel kwetsbare huishoudens en " ..
		"zwakke score op overlast en onveiligheid): " .. list .. "." end,
}

-- Handelingsperspectieven (DOMAIN.md §2.3)
S.words.hp_kicker = "5  HANDELINGSPERSPECTIEVEN"
S.words.hp_title = "Handelingsperspectieven"
S.words.hp_intro = "Per wijk de mix van vier soorten inzet: omgaan met de concentratie van " ..
	"kwetsbare bewoners of die tegengaan, met een aanpak gericht op mensen of op het fysieke " ..
	"domein. De intensiteit loopt van 0 (geen inzet) tot 3 (vol op het orgel). Een klik op " ..
	"een wijknaam opent de wijkschets."
S.words.hp_cols = { "Omgaan met concentratie", "Tegengaan van concentratie" }
S.words.hp_rows = { "Mens", "Fysiek" }
S.words.hp = {
	{ key = "sociale_aanpak", name = "Sociale aanpak", short = "Sociaal" },
	{ key = "herpositionering", name = "Herpositionering bestaande voorraad", short = "Voorraad" },
	{ key = "leefomgeving", name = "Leefomgeving", short = "Leefomgeving" },
	{ key = "woningprogramma", name = "Woningprogramma", short = "Woningprogr." },
}
S.words.hp_levels = { [0] = "geen", "licht", "substantieel", "vol op het orgel" }
S.words.hp_missing = "niet ingevuld"
S.words.hp_missing_list = function(list)
	return "Handelingsperspectieven nog niet opgesteld voor: " .. list .. "."
end
S.words.hp_wijk = function(name) return "Handelingsperspectieven " .. name end
S.words.hp_city = "Overzicht van de stad"
S.words.hp_col_wijk = "Wijk"

return S
