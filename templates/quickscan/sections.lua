-- The sections of the report, in order: each entry is a template file that
-- draws its own pages when report.lua includes it. A client's folder
-- reorders, drops or adds sections with a sections.lua of its own, e.g.
--   return { "cover.lua", "wijken.lua" }
-- (files it names may live in the client's folder or here).
return {
	"cover.lua",
	"signaleringskaart.lua",
	"wijken.lua",
	"outlook.lua",      -- 6 getalsmatige doorkijk, 7 impact op de hele stad
}
