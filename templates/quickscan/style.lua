-- The look of the QuickScan report, defined once: fonts, sizes, colours,
-- margins and fixed texts. report.lua only refers to these names.
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
	rule = "#A6A6A6",
	zebra = "#F1F4F8",
	frame = "#8C8C8C",
	context = "#EDEDED",   -- the rest of the city on a wijk map
	hatch = "#707070",
}

S.cover_band = 250      -- height of the coloured band at the top of the cover
S.cover_client = { font = "bold", size = 12, color = "#FFFFFF" }
S.cover_title = { font = "bold", size = 34, color = "#FFFFFF", leading = 40 }
S.cover_area = { font = "regular", size = 22, color = "#FFFFFF", leading = 26 }
S.cover_source = { font = "regular", size = 8, color = S.colour.muted }
S.cover_sub = { font = "regular", size = 15, color = S.colour.text, leading = 20 }
S.cover_meta = { font = "regular", size = 11, color = S.colour.text, leading = 15 }
S.cover_label = { font = "bold", size = 11, color = S.colour.text }
S.kicker = { font = "bold", size = 8.5, color = S.colour.accent }
S.h1 = { font = "bold", size = 18, color = S.colour.accent }
S.h2 = { font = "bold", size = 11, color = S.colour.text }
S.body = { font = "regular", size = 9.5, color = S.colour.text, leading = 13 }
S.small = { font = "regular", size = 7.5, color = S.colour.muted, leading = 9.5 }
S.note = { font = "regular", size = 7.5, color = S.colour.text, leading = 9.5 }
S.footer = { font = "regular", size = 7.5, color = S.colour.muted }
S.footer_right = { font = "regular", size = 7.5, color = S.colour.muted, align = "right" }
S.legend = { font = "regular", size = 8.5, color = S.colour.text }
S.legend_code = { font = "bold", size = 8.5, color = S.colour.text }
S.legend_count = { font = "regular", size = 8.5, color = S.colour.muted }
S.legend_head = { font = "bold", size = 8, color = S.colour.text, align = "right" }
S.legend_num = { font = "regular", size = 8.5, color = S.colour.text, align = "right" }
S.legend_total = { font = "bold", size = 8.5, color = S.colour.text, align = "right" }
S.table = { font = "regular", size = 8, color = S.colour.text, leading = 9.6 }
S.table_head = { font = "bold", size = 8, color = S.colour.text, leading = 9.6 }
S.scalebar = { font = "regular", size = 7, color = "#000000" }
S.north = { font = "bold", color = "#000000" }

S.map_labels = { font = "bold", size = 6.5, min = 4.2 }

-- The attribution belongs to this sample's data, so it lives with the
-- template's look rather than in the config.
S.source_line = "Bron: CBS (Kerncijfers wijken en buurten, CC BY 4.0); " ..
	"Leefbaarometer 3.0 (Ministerie van BZK); buurtgrenzen Gemeente Utrecht (open data)"

return S
