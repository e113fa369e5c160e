-- The sections of the report, in order: each entry is a template file that
-- draws its own pages when report.lua includes it. A client's folder
-- reorders, drops or adds sections with a sections.lua of its own, e.g.
--   return { "cover.lua", "wijken.lua" }
-- (files it names may live in the client's folder or here).
return {
	"cover.lua",
	"inhoud.lua",       -- contents, filled in at the end (kit.finish)
	"samenvatting.lua", -- 1
	"methode.lua",      -- 2
	"beeld.lua",        -- 3 veerkracht in beeld (includes signaleringskaart.lua)
	"wijken.lua",       -- 4 wijkschetsen
	"handelingsperspectieven.lua", -- 5
	"outlook.lua",      -- 6 getalsmatige doorkijk, 7 impact op de hele stad
	"bijlagen.lua",     -- 8
}
