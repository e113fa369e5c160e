-- QuickScan Veerkracht: the report's entry point. vk-render runs the first
-- report.lua on its template search path (-t, a client's folder before
-- templates/quickscan), and every include() resolves the same way, file by
-- file. See templates/README.md for the page API, the data (qs) and how a
-- client's folder overrides this template.
--
-- style.lua: every look and wording constant (global `style`)
-- kit.lua: page furniture the sections share (global `kit`)
-- sections.lua: the list of section files, each drawing its own pages
style = include("style.lua")
colours(style.colour)
fonts(style.fonts)
kit = include("kit.lua")

for _, section in ipairs(include("sections.lua")) do
	include(section)
end
-- Contents, links, page labels and footers, once every page exists.
kit.finish()
