-- Woonstichting Voorbeeldhof (fictional): the cover, then its own overview
-- of the working area (werkgebied.lua, in this folder) instead of the
-- default signaleringskaart, then a page per wijk and the outlook for its
-- working area (the plan in data/voorbeeldhof/quickscan.yaml).
return {
	"cover.lua",
	"werkgebied.lua",
	"wijken.lua",
	"outlook.lua",
}
