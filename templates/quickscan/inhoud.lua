-- Section: the table of contents. Reserves the page right after the cover;
-- kit.finish() fills it once every section has drawn its pages, from the
-- bookmarks they made (titles, levels, pages), with a link per line.
kit.toc_reserve()
