-- Woonstichting Voorbeeldhof (FICTIONAL corporation, illustrative sample):
-- its house style on top of the default look. Only what differs is set here;
-- everything else comes from templates/quickscan/style.lua.
local S = include_next("style.lua")

-- House colours: every heading, rule and the cover band follow `accent`.
S.colour.accent = "#0B6E4F"
S.colour.accent_light = "#E3F1EA"
S.colour.zebra = "#EFF6F2"
S.colour.highlight = "#E38B2C"   -- the orange of the logo

-- Titles in a serif, as in the corporation's letterhead.
S.fonts.title = "LiberationSerif-Bold.ttf"
S.h1.font = "title"
S.cover_title.font = "title"
S.cover_title.size = 36

-- The logo (template.logo in data/voorbeeldhof/quickscan.yaml) a bit larger.
S.cover_logo = { w = 170, h = 62, top = 34 }

-- Wording: the corporation speaks for itself.
local T = S.words
T.client_label = "Corporatie"
T.area_label = "Werkgebied"
T.cover_box_title = "Wat u met deze QuickScan kunt"
T.cover_box = "Deze QuickScan laat per buurt van ons werkgebied zien waar de " ..
	"samenstelling van de bewoners en de ervaren overlast en onveiligheid de " ..
	"afgelopen jaren veranderd zijn. Gebruik hem als begin van het gesprek met " ..
	"huurders, bewonerscommissies, gemeente en zorgpartners: waar moeten we " ..
	"samen eerst gaan kijken? Een klasse is een signaal, geen oordeel over een " ..
	"buurt of over de mensen die er wonen; cijfers op buurtniveau zijn soms klein " ..
	"en onzeker."
T.wijk_kicker = "WIJK IN ONS WERKGEBIED"
T.footer = function(r) return "Voorbeeldhof · QuickScan Veerkracht · " .. r.area end
T.context_label = "Buiten ons werkgebied"
T.city_context = "Buurten buiten ons werkgebied zijn grijs en tellen niet mee."

-- Words of the extra section werkgebied.lua.
T.area_kicker = "ONS WERKGEBIED"
T.area_title = "Werkgebied in één oogopslag"
T.area_intro = function(years)
	return "De kaart toont de buurten van ons werkgebied naar de verandering van " ..
		"kwetsbare bewoners (K) en overlast en onveiligheid (O), absoluut gemeten (" ..
		years .. "); de rest van de stad is grijs. De tabel telt de buurten per " ..
		"klasse in elke wijk."
end
T.col_wijk = "Wijk"
T.area_total = "Werkgebied"

return S
