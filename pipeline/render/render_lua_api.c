/* The page API as the template sees it: Lua bindings over render_pdf,
 * render_table and render_map. Every binding checks its arguments first
 * (luaL_check*, unknown keys in option tables are errors), so a wrong call
 * names the template's file and line; C-side failures come back as vk_err
 * and are raised the same way. Temporary arrays live in Lua userdata, so a
 * Lua error can never leak them.
 *
 * Points, origin top-left of the A4 page, y down. A style is
 * {font = alias, size = pt, color = colour, align = "left"|"center"|
 * "right", leading = pt}; a paint is {fill =, stroke =, width =, dash =,
 * hatch = colour}. A colour is "#RRGGBB" or a name given to colours{}.
 * templates/README.md documents every function with an example.
 *
 *   fonts{alias = "File.ttf", ...}     load TrueType fonts from --font-dir
 *   colours{name = "#RRGGBB", ...}     named colours (added or replaced)
 *   page_new() -> n                    add a page, make it current
 *   page_goto(n), page_count(), page_number(), page_size() -> w, h
 *   bookmark(title [, level])          outline entry for the current page
 *   bookmarks() -> {{title, level, page}}  every bookmark so far
 *   page_label(page, {style, start, prefix})  page labels from page on
 *   link(x, y, w, h, page)             internal link to a page
 *   text(x, y, s, style) -> width      one line, y = baseline
 *   measure(s, style) -> width
 *   textbox(x, y, w, h|nil, s, style) -> height, complete
 *                                      wrapped; cut with an ellipsis at h
 *   wrap(s, style, w) -> {lines}
 *   rect(x, y, w, h, paint), line(x1, y1, x2, y2, paint),
 *   circle(x, y, r, paint)
 *   table{x, y, w, columns = {{title, width, align, wrap}}, rows = {{...}},
 *         style, header_style, zebra, rule, header_fill, pad, max_lines}
 *                                      -> bottom y (cells are strings)
 *   map{x, y, w, h, focus = wijk code, export = name (--png-dir: also
 *       DIR/name.png through cairo, render_png.h), fill = "class"|"class_rel"|
 *       {code = colour}, labels = "number"|"none", avoid = {{x, y, w, h}},
 *       label_font, label_size, label_min, label_color, halo, context,
 *       edge, edge_width, wijk_edge, wijk_width, hatch, margin,
 *       wijk_labels = {code = name}, wijk_label_font, wijk_label_size,
 *       wijk_label_min}
 *                                      -> {scale, x, y, w, h, extent,
 *                                          omitted = {numbers left out},
 *                                          wijk_labels = {code = {x, y,
 *                                          w, h}}, wijk_omitted = {codes}}
 *   map_aspect{focus} -> width / height of what map() would show
 *   scalebar(map, x, y, {width, style}) -> w, h
 *   north_arrow(x, y, size, style)
 *   image(x, y, w|nil, h|nil, name) -> w, h
 *                                      PNG/JPEG fitted in the box, aspect
 *                                      kept; name: an image the config gives
 *                                      (qs.images) or a template file
 *   image_size(name) -> pixel width, height
 *   fmt(v, decimals, signed) -> Dutch number text, "n.b." for nil
 *
 * Maps show buurten outside the report's area (config area.wijken) as
 * context: grey, no number, not counted for the extent. */
#include "render_lua_priv.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "render_client.h"
#include "render_image.h"
#include "render_map.h"
#include "render_path.h"
#include "render_png.h"
#include "render_table.h"
#include "vk_num.h"
#include "vk_utf8.h"

#define S_PDF(L) (RENDER_LUA_CTX(L)->in->pdf)

/* Registry key (its address) of the named colours: name -> "#RRGGBB". */
static const char S_colours_key = 'c';

/* Valid UTF-8 without NUL bytes: what libharu may see. */
static int
S_utf8_ok(const char *s, size_t n)
{
	return vk_utf8_check(s, n) == (size_t)-1 && strlen(s) == n;
}

/* ---- argument helpers ---- */

static double
S_num(lua_State *L, int arg)
{
	double v = luaL_checknumber(L, arg);

	if (!isfinite(v))
		luaL_argerror(L, arg, "number is not finite");
	return v;
}

/* Raises an error for the first key of the table at idx not in allowed. */
static void
S_keys(lua_State *L, int idx, const char *const *allowed, const char *what)
{
	idx = lua_absindex(L, idx);
	lua_pushnil(L);
	while (lua_next(L, idx) != 0) {
		int ok = 0;

		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TSTRING)
			for (size_t i = 0; allowed[i] != NULL && !ok; i++)
				ok = strcmp(lua_tostring(L, -1), allowed[i]) == 0;
		if (!ok) {
			if (lua_type(L, -1) == LUA_TSTRING)
				luaL_error(L, "%s: unknown key '%s'", what,
				           lua_tostring(L, -1));
			luaL_error(L, "%s: unexpected %s key", what,
			           luaL_typename(L, -1));
		}
	}
}

/* Pushes field key of the table at idx; returns its type. */
static int
S_field(lua_State *L, int idx, const char *key)
{
	return lua_getfield(L, idx, key);
}

static double
S_fnum(lua_State *L, int idx, const char *key, const char *what, int need,
       double def)
{
	double v;

	if (S_field(L, idx, key) == LUA_TNIL) {
		lua_pop(L, 1);
		if (need)
			luaL_error(L, "%s: '%s' is required", what, key);
		return def;
	}
	if (!lua_isnumber(L, -1))
		luaL_error(L, "%s: '%s' must be a number, not %s", what, key,
		           luaL_typename(L, -1));
	v = lua_tonumber(L, -1);
	lua_pop(L, 1);
	if (!isfinite(v))
		luaL_error(L, "%s: '%s' is not finite", what, key);
	return v;
}

/* A string field, valid UTF-8, or def when absent. The string stays
 * referenced by the table at idx. */
static const char *
S_fstr(lua_State *L, int idx, const char *key, const char *what,
       const char *def)
{
	const char *s;

	if (S_field(L, idx, key) == LUA_TNIL) {
		lua_pop(L, 1);
		return def;
	}
	if (lua_type(L, -1) != LUA_TSTRING)
		luaL_error(L, "%s: '%s' must be a string, not %s", what, key,
		           luaL_typename(L, -1));
	s = lua_tostring(L, -1);
	if (!S_utf8_ok(s, lua_rawlen(L, -1)))
		luaL_error(L, "%s: '%s' is not valid UTF-8", what, key);
	lua_pop(L, 1);
	return s;
}

static int
S_fbool(lua_State *L, int idx, const char *key)
{
	int v;

	S_field(L, idx, key);
	v = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return v;
}

/* "#RRGGBB" or a name given to colours{}: styles can then say "accent"
 * and a client's style.lua recolours every use by changing one entry. */
static vk_rgb
S_parse_colour(lua_State *L, const char *s, const char *what,
               const char *key)
{
	vk_rgb c;

	if (s[0] != '#') {
		const char *v = NULL;

		lua_rawgetp(L, LUA_REGISTRYINDEX, &S_colours_key);
		if (lua_type(L, -1) == LUA_TTABLE &&
		    lua_getfield(L, -1, s) == LUA_TSTRING)
			v = lua_tostring(L, -1);
		if (v == NULL)
			luaL_error(L, "%s: unknown colour '%s' for '%s' (expected "
			           "\"#RRGGBB\" or a name given to colours{})",
			           what, s, key);
		/* Checked by colours{}. */
		vk_draw_parse_rgb(v, &c);
		lua_pop(L, 2);
		return c;
	}
	if (vk_draw_parse_rgb(s, &c) < 0)
		luaL_error(L, "%s: bad colour '%s' for '%s' (expected \"#RRGGBB\")",
		           what, s, key);
	return c;
}

/* A colour field; returns 0 when absent. */
static int
S_fcolour(lua_State *L, int idx, const char *key, const char *what,
          vk_rgb *out)
{
	const char *s = S_fstr(L, idx, key, what, NULL);

	if (s == NULL)
		return 0;
	*out = S_parse_colour(L, s, what, key);
	return 1;
}

static int
S_align(lua_State *L, const char *s, const char *what)
{
	if (strcmp(s, "left") == 0)
		return RENDER_ALIGN_LEFT;
	if (strcmp(s, "center") == 0 || strcmp(s, "centre") == 0)
		return RENDER_ALIGN_CENTER;
	if (strcmp(s, "right") == 0)
		return RENDER_ALIGN_RIGHT;
	return luaL_error(L, "%s: align must be \"left\", \"center\" or "
	                  "\"right\", not '%s'", what, s);
}

static void
S_style_default(render_style *st)
{
	st->font = "regular";
	st->size = 10;
	st->colour = (vk_rgb){ 0, 0, 0 };
	st->align = RENDER_ALIGN_LEFT;
	st->leading = 0;
}

/* A style table {font, size, color, align, leading}; nil = the default
 * (regular 10 pt black, left). */
static void
S_style(lua_State *L, int arg, render_style *st)
{
	static const char *const keys[] = { "font", "size", "color", "align",
	                                    "leading", NULL };
	const char *what = "style";

	S_style_default(st);
	if (lua_isnoneornil(L, arg))
		return;
	luaL_checktype(L, arg, LUA_TTABLE);
	arg = lua_absindex(L, arg);
	S_keys(L, arg, keys, what);
	st->font = S_fstr(L, arg, "font", what, "regular");
	st->size = S_fnum(L, arg, "size", what, 0, 10);
	S_fcolour(L, arg, "color", what, &st->colour);
	st->align = S_align(L, S_fstr(L, arg, "align", what, "left"), what);
	st->leading = S_fnum(L, arg, "leading", what, 0, 0);
	if (!(st->size > 0 && st->size <= 500))
		luaL_error(L, "style: size %f out of range (0, 500]", st->size);
	if (st->leading < 0 || st->leading > 1000)
		luaL_error(L, "style: leading %f out of range", st->leading);
}

/* A paint table {fill, stroke, width, dash, hatch}; at least one of fill,
 * stroke and hatch. */
static void
S_paint(lua_State *L, int arg, render_paint *p)
{
	static const char *const keys[] = { "fill", "stroke", "width", "dash",
	                                    "hatch", "pattern", NULL };
	const char *what = "paint";

	memset(p, 0, sizeof(*p));
	luaL_checktype(L, arg, LUA_TTABLE);
	arg = lua_absindex(L, arg);
	S_keys(L, arg, keys, what);
	p->fill = S_fcolour(L, arg, "fill", what, &p->fill_colour);
	p->stroke = S_fcolour(L, arg, "stroke", what, &p->stroke_colour);
	p->hatch = S_fcolour(L, arg, "hatch", what, &p->hatch_colour);
	{
		/* pattern: which lines the hatch colour draws (default the
		 * diagonal hatch). */
		const char *pn = S_fstr(L, arg, "pattern", what, NULL);

		p->pattern = pn ? vk_draw_pattern_kind(pn) : VK_PAT_HATCH;
		if (p->pattern < 0)
			luaL_error(L, "paint: pattern must be \"hatch\", \"back\", "
			           "\"rows\" or \"cross\"");
		if (pn != NULL && !p->hatch)
			luaL_error(L, "paint: a pattern needs a hatch colour");
	}
	p->width = S_fnum(L, arg, "width", what, 0, 0.5);
	p->dash = S_fnum(L, arg, "dash", what, 0, 0);
	if (!p->fill && !p->stroke && !p->hatch)
		luaL_error(L, "paint: give fill, stroke or hatch");
	if (p->width < 0 || p->width > 100 || p->dash < 0 || p->dash > 1000)
		luaL_error(L, "paint: width or dash out of range");
}

static void
S_check(lua_State *L, const char *fn, int rc, const vk_err *e)
{
	if (rc < 0)
		render_lua_raise(L, fn, e);
}

/* ---- pages ---- */

static int
S_page_new(lua_State *L)
{
	vk_err e;

	S_check(L, "page_new", render_pdf_page_new(S_PDF(L), &e), &e);
	lua_pushinteger(L, render_pdf_page_count(S_PDF(L)));
	return 1;
}

static int
S_page_goto(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 1);
	vk_err e;

	if (n < 1 || n > RENDER_PDF_MAX_PAGES)
		return luaL_argerror(L, 1, "no such page");
	S_check(L, "page_goto", render_pdf_page_goto(S_PDF(L), (int)n, &e),
	        &e);
	return 0;
}

static int
S_page_count(lua_State *L)
{
	lua_pushinteger(L, render_pdf_page_count(S_PDF(L)));
	return 1;
}

static int
S_page_number(lua_State *L)
{
	lua_pushinteger(L, render_pdf_page_current(S_PDF(L)));
	return 1;
}

static int
S_page_size(lua_State *L)
{
	lua_pushnumber(L, render_pdf_page_width());
	lua_pushnumber(L, render_pdf_page_height());
	return 2;
}

/* bookmark(title [, level]): level 1 (default) is the top; level n nests
 * under the last bookmark of level n - 1. */
static int
S_bookmark(lua_State *L)
{
	const char *title = render_lua_checkutf8(L, 1, NULL);
	lua_Integer level = luaL_optinteger(L, 2, 1);
	vk_err e;

	if (level < 1 || level > RENDER_PDF_MAX_OUTLINE)
		return luaL_argerror(L, 2, "level out of range (1 to 4)");
	if (lua_gettop(L) > 2)
		return luaL_error(L, "bookmark: at most 2 arguments");
	S_check(L, "bookmark", render_pdf_bookmark(S_PDF(L), title, (int)level,
	        &e), &e);
	return 0;
}

/* bookmarks() -> { {title, level, page}, ... }: every bookmark so far, so
 * a table of contents and running headers can be drawn at the end. */
static int
S_bookmarks(lua_State *L)
{
	size_t n;
	const render_pdf_mark *m = render_pdf_marks(S_PDF(L), &n);

	if (lua_gettop(L) != 0)
		return luaL_error(L, "bookmarks: takes no arguments");
	lua_createtable(L, n > 100000 ? 0 : (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		lua_createtable(L, 0, 3);
		lua_pushstring(L, m[i].title);
		lua_setfield(L, -2, "title");
		lua_pushinteger(L, m[i].level);
		lua_setfield(L, -2, "level");
		lua_pushinteger(L, m[i].page);
		lua_setfield(L, -2, "page");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* page_label(page, { style = "decimal"|"roman"|"ROMAN"|"letters"|
 * "LETTERS", start = n, prefix = text }): the labels viewers show from
 * page `page` on. */
static int
S_page_label(lua_State *L)
{
	static const char *const keys[] = { "style", "start", "prefix", NULL };
	static const char *const styles[] = { "decimal", "roman", "ROMAN",
	                                      "letters", "LETTERS", NULL };
	lua_Integer page = luaL_checkinteger(L, 1), start = 1;
	const char *prefix = NULL;
	int style = 0;
	vk_err e;

	luaL_checktype(L, 2, LUA_TTABLE);
	if (lua_gettop(L) > 2)
		return luaL_error(L, "page_label: at most 2 arguments");
	S_keys(L, 2, keys, "page_label");
	if (lua_getfield(L, 2, "style") != LUA_TNIL)
		style = luaL_checkoption(L, -1, NULL, styles);
	lua_pop(L, 1);
	if (lua_getfield(L, 2, "start") != LUA_TNIL) {
		if (!lua_isinteger(L, -1))
			return luaL_error(L, "page_label: start must be a whole "
			                  "number");
		start = lua_tointeger(L, -1);
	}
	lua_pop(L, 1);
	if (lua_getfield(L, 2, "prefix") != LUA_TNIL)
		prefix = render_lua_checkutf8(L, -1, NULL);
	if (page < 1 || page > RENDER_PDF_MAX_PAGES)
		return luaL_argerror(L, 1, "no such page");
	if (start < 1 || start > 100000)
		return luaL_error(L, "page_label: start out of range (1 to "
		                  "100000)");
	S_check(L, "page_label", render_pdf_page_label(S_PDF(L), (int)page,
	        style, (int)start, prefix, &e), &e);
	return 0;
}

/* link(x, y, w, h, page): clicking the box goes to page `page`. */
static int
S_link(lua_State *L)
{
	double x = S_num(L, 1), y = S_num(L, 2), w = S_num(L, 3),
	       h = S_num(L, 4);
	lua_Integer page = luaL_checkinteger(L, 5);
	vk_err e;

	if (lua_gettop(L) > 5)
		return luaL_error(L, "link: at most 5 arguments");
	if (!(w > 0 && h > 0 && w <= 10000 && h <= 10000) || fabs(x) > 10000 ||
	    fabs(y) > 10000)
		return luaL_error(L, "link: box out of range");
	if (page < 1 || page > RENDER_PDF_MAX_PAGES)
		return luaL_argerror(L, 5, "no such page");
	S_check(L, "link", render_pdf_link(S_PDF(L), x, y, w, h, (int)page, &e),
	        &e);
	return 0;
}

/* fonts{ regular = "LiberationSans-Regular.ttf", bold = "..." } */
static int
S_fonts(lua_State *L)
{
	size_t n = 0;
	vk_err e;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	/* Sorted aliases: Lua's table order changes from run to run, the
	 * PDF's object order must not. */
	lua_newtable(L);
	lua_pushnil(L);
	while (lua_next(L, 1) != 0) {
		if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
			return luaL_error(L, "fonts: expected alias = \"file.ttf\" "
			                  "pairs");
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_rawseti(L, 2, (lua_Integer)++n);
	}
	for (size_t i = 1; i < n; i++) {
		for (size_t j = i + 1; j <= n; j++) {
			lua_rawgeti(L, 2, (lua_Integer)i);
			lua_rawgeti(L, 2, (lua_Integer)j);
			if (strcmp(lua_tostring(L, -1), lua_tostring(L, -2)) < 0) {
				lua_rawseti(L, 2, (lua_Integer)i);
				lua_rawseti(L, 2, (lua_Integer)j);
			} else {
				lua_pop(L, 2);
			}
		}
	}
	for (size_t i = 1; i <= n; i++) {
		const char *alias, *file;

		lua_rawgeti(L, 2, (lua_Integer)i);
		alias = lua_tostring(L, -1);
		lua_getfield(L, 1, alias);
		file = lua_tostring(L, -1);
		if (!S_utf8_ok(file, strlen(file)))
			return luaL_error(L, "fonts: file name is not valid UTF-8");
		S_check(L, "fonts", render_pdf_font(S_PDF(L), alias, file, &e),
		        &e);
		lua_pop(L, 2);
	}
	return 0;
}

/* colours{ accent = "#1F4E79", ... }: adds or replaces named colours. */
static int
S_colours(lua_State *L)
{
	vk_rgb c;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &S_colours_key) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &S_colours_key);
	}
	/* Check everything first: a bad entry changes nothing. */
	lua_pushnil(L);
	while (lua_next(L, 1) != 0) {
		if (lua_type(L, -2) != LUA_TSTRING ||
		    !render_is_ident(lua_tostring(L, -2)))
			return luaL_error(L, "colours: names must be identifiers "
			                  "like accent or text_muted");
		if (lua_type(L, -1) != LUA_TSTRING ||
		    vk_draw_parse_rgb(lua_tostring(L, -1), &c) < 0)
			return luaL_error(L, "colours: '%s' must be \"#RRGGBB\"",
			                  lua_tostring(L, -2));
		lua_pop(L, 1);
	}
	lua_pushnil(L);
	while (lua_next(L, 1) != 0) {
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, 2);
	}
	return 0;
}

/* ---- images ---- */

/* Does name end in .png, .jpg or .jpeg (any case)? */
static int
S_image_ext(const char *name)
{
	static const char *const ext[] = { ".png", ".jpg", ".jpeg", NULL };
	size_t n = strlen(name);

	for (size_t i = 0; ext[i] != NULL; i++) {
		size_t k = strlen(ext[i]), j;

		if (n <= k)
			continue;
		for (j = 0; j < k; j++) {
			char c = name[n - k + j];

			if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != ext[i][j])
				break;
		}
		if (j == k)
			return 1;
	}
	return 0;
}

/* Finds the image called name (a config image, else a template file),
 * makes sure it is in the document (decoded and validated first) and
 * returns its key there; *w and *h get its size in pixels. Paths go into
 * the caller's stack buffers so a Lua error cannot leak them. */
static const char *
S_image_load(lua_State *L, const char *fn, const char *name, char *key,
             size_t nkey, int *w, int *h)
{
	render_lua *ctx = RENDER_LUA_CTX(L);
	const render_client_image *ci;
	char label[1024];
	render_image img;
	vk_err e;
	int rc;

	if ((ci = render_client_image_get(ctx->in->client, name)) != NULL) {
		snprintf(key, nkey, "%s", ci->path);
		snprintf(label, sizeof(label), "%s/%s", ctx->in->cfg->dir,
		         ci->file);
	} else {
		char *real, *shown;
		size_t dir;

		if (!S_image_ext(name))
			luaL_error(L, "%s: '%s' is neither an image the config "
			           "gives (qs.images) nor a .png/.jpg file", fn,
			           name);
		if (render_lua_resolve(ctx, name, 0, &dir, &real, &shown, &e) < 0)
			render_lua_raise(L, fn, &e);
		rc = snprintf(key, nkey, "%s", real) >= (int)nkey ||
		     snprintf(label, sizeof(label), "%s", shown) >=
		     (int)sizeof(label);
		free(real);
		free(shown);
		if (rc)
			luaL_error(L, "%s: file name too long", fn);
	}
	if (render_pdf_image_size(ctx->in->pdf, key, w, h))
		return key;
	if (render_image_load(key, label, &img, &e) < 0)
		render_lua_raise(L, fn, &e);
	rc = render_pdf_image_add(ctx->in->pdf, key, &img, &e);
	render_image_free(&img);
	if (rc < 0)
		render_lua_raise(L, fn, &e);
	*w = img.w;
	*h = img.h;
	return key;
}

/* image(x, y, w, h, name) -> w, h: the image fitted into the w x h box at
 * (x, y) top-left, aspect ratio kept; with w or h nil the other follows
 * from the aspect ratio. Returns the size drawn. */
static int
S_image(lua_State *L)
{
	double x = S_num(L, 1), y = S_num(L, 2);
	double bw = lua_isnoneornil(L, 3) ? 0 : S_num(L, 3);
	double bh = lua_isnoneornil(L, 4) ? 0 : S_num(L, 4), sc;
	const char *name = render_lua_checkutf8(L, 5, NULL);
	char key[4096];
	int iw, ih;
	vk_err e;

	if (bw < 0 || bh < 0 || (bw == 0 && bh == 0) || bw > 10000 ||
	    bh > 10000)
		return luaL_error(L, "image: give a positive width, height or "
		                  "both (at most 10000)");
	S_image_load(L, "image", name, key, sizeof(key), &iw, &ih);
	sc = bw > 0 ? bw / iw : bh / ih;
	if (bw > 0 && bh > 0 && bh / ih < sc)
		sc = bh / ih;
	S_check(L, "image", render_pdf_image_draw(S_PDF(L), key, x, y, iw * sc,
	                                          ih * sc, &e), &e);
	lua_pushnumber(L, iw * sc);
	lua_pushnumber(L, ih * sc);
	return 2;
}

/* image_size(name) -> width, height in pixels (loads and checks it). */
static int
S_image_size(lua_State *L)
{
	const char *name = render_lua_checkutf8(L, 1, NULL);
	char key[4096];
	int iw, ih;

	S_image_load(L, "image_size", name, key, sizeof(key), &iw, &ih);
	lua_pushinteger(L, iw);
	lua_pushinteger(L, ih);
	return 2;
}

/* ---- text ---- */

static int
S_text(lua_State *L)
{
	double x = S_num(L, 1), y = S_num(L, 2), w;
	const char *s = render_lua_checkutf8(L, 3, NULL);
	render_style st;
	vk_err e;

	S_style(L, 4, &st);
	S_check(L, "text", render_pdf_text(S_PDF(L), x, y, s, &st, &e), &e);
	S_check(L, "text", render_pdf_measure(S_PDF(L), s, strlen(s), &st, &w,
	                                      &e), &e);
	lua_pushnumber(L, w);
	return 1;
}

static int
S_measure(lua_State *L)
{
	size_t len;
	const char *s = render_lua_checkutf8(L, 1, &len);
	render_style st;
	double w;
	vk_err e;

	S_style(L, 2, &st);
	S_check(L, "measure", render_pdf_measure(S_PDF(L), s, len, &st, &w, &e),
	        &e);
	lua_pushnumber(L, w);
	return 1;
}

static int
S_textbox(lua_State *L)
{
	double x = S_num(L, 1), y = S_num(L, 2), w = S_num(L, 3);
	double h = lua_isnoneornil(L, 4) ? 0 : S_num(L, 4), used;
	const char *s = render_lua_checkutf8(L, 5, NULL);
	render_style st;
	int complete;
	vk_err e;

	S_style(L, 6, &st);
	if (!(w > 0))
		return luaL_argerror(L, 3, "width must be positive");
	S_check(L, "textbox", render_pdf_textbox(S_PDF(L), x, y, w, h, s, &st,
	                                         &used, &complete, &e), &e);
	lua_pushnumber(L, used);
	lua_pushboolean(L, complete);
	return 2;
}

/* wrap(s, style, width) -> list of lines, to lay out before drawing. */
static int
S_wrap(lua_State *L)
{
	const char *s = render_lua_checkutf8(L, 1, NULL);
	double w = S_num(L, 3);
	render_line *lines;
	render_style st;
	size_t n;
	vk_err e;
	int rc;

	S_style(L, 2, &st);
	if (!(w > 0))
		return luaL_argerror(L, 3, "width must be positive");
	rc = render_pdf_wrap(S_PDF(L), s, &st, w, &lines, &n, &e);
	S_check(L, "wrap", rc, &e);
	/* Copy the slices to the stack-owned table before anything can
	 * raise, then free. */
	lua_createtable(L, n > INT_MAX ? 0 : (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		lua_pushlstring(L, lines[i].s, lines[i].len);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	free(lines);
	return 1;
}

/* ---- shapes ---- */

static int
S_rect(lua_State *L)
{
	double x = S_num(L, 1), y = S_num(L, 2), w = S_num(L, 3), h = S_num(L, 4);
	render_paint p;
	vk_err e;

	S_paint(L, 5, &p);
	S_check(L, "rect", render_pdf_rect(S_PDF(L), x, y, w, h, &p, &e), &e);
	return 0;
}

static int
S_line(lua_State *L)
{
	double x1 = S_num(L, 1), y1 = S_num(L, 2), x2 = S_num(L, 3);
	double y2 = S_num(L, 4);
	render_paint p;
	vk_err e;

	S_paint(L, 5, &p);
	if (!p.stroke)
		return luaL_argerror(L, 5, "a line needs a stroke colour");
	S_check(L, "line", render_pdf_line(S_PDF(L), x1, y1, x2, y2, &p, &e),
	        &e);
	return 0;
}

static int
S_circle(lua_State *L)
{
	double x = S_num(L, 1), y = S_num(L, 2), r = S_num(L, 3);
	render_paint p;
	vk_err e;

	S_paint(L, 4, &p);
	S_check(L, "circle", render_pdf_circle(S_PDF(L), x, y, r, &p, &e), &e);
	return 0;
}

/* ---- table ---- */

static void
S_column(lua_State *L, int idx, size_t i, render_table_col *c)
{
	static const char *const keys[] = { "title", "width", "align", "wrap",
	                                    NULL };
	const char *what = "table column";

	if (lua_type(L, idx) != LUA_TTABLE)
		luaL_error(L, "table: column %d must be a table", (int)i);
	S_keys(L, idx, keys, what);
	c->title = S_fstr(L, idx, "title", what, "");
	c->width = S_fnum(L, idx, "width", what, 0, 0);
	c->align = S_align(L, S_fstr(L, idx, "align", what, "left"), what);
	c->wrap = S_fbool(L, idx, "wrap");
	if (c->width < 0)
		luaL_error(L, "table: column %d has a negative width", (int)i);
}

static int
S_table(lua_State *L)
{
	static const char *const keys[] = { "x", "y", "w", "columns", "rows",
	                                    "style", "header_style", "zebra",
	                                    "rule", "header_fill", "pad",
	                                    "max_lines", NULL };
	const char *what = "table";
	render_table_opts o;
	render_table_col *cols;
	const char **cells;
	unsigned char *bold;
	double bottom, max_lines;
	size_t ncols, nrows;
	vk_err e;

	memset(&o, 0, sizeof(o));
	luaL_checktype(L, 1, LUA_TTABLE);
	S_keys(L, 1, keys, what);
	o.x = S_fnum(L, 1, "x", what, 1, 0);
	o.y = S_fnum(L, 1, "y", what, 1, 0);
	o.w = S_fnum(L, 1, "w", what, 1, 0);
	o.pad = S_fnum(L, 1, "pad", what, 0, 3);
	/* Range-checked as a double: casting 1e300 to int is undefined. */
	max_lines = S_fnum(L, 1, "max_lines", what, 0, 2);
	if (!(o.w > 0) || o.pad < 0 || o.pad > 50 || !(max_lines >= 1) ||
	    max_lines > 20)
		return luaL_error(L, "table: w, pad or max_lines out of range");
	o.max_lines = (int)max_lines;
	lua_getfield(L, 1, "style");
	S_style(L, -1, &o.body);
	lua_getfield(L, 1, "header_style");
	if (lua_isnil(L, -1)) {
		o.head = o.body;
		o.head.font = "bold";
	} else {
		S_style(L, -1, &o.head);
	}
	lua_pop(L, 2);
	o.zebra = S_fcolour(L, 1, "zebra", what, &o.zebra_colour);
	o.rule_colour = (vk_rgb){ 0.5, 0.5, 0.5 };
	S_fcolour(L, 1, "rule", what, &o.rule_colour);
	o.head_filled = S_fcolour(L, 1, "header_fill", what, &o.head_fill);

	if (lua_getfield(L, 1, "columns") != LUA_TTABLE)
		return luaL_error(L, "table: 'columns' must be a list");
	ncols = lua_rawlen(L, -1);
	if (ncols == 0 || ncols > 64)
		return luaL_error(L, "table: between 1 and 64 columns");
	cols = lua_newuserdatauv(L, ncols * sizeof(*cols), 0);
	for (size_t i = 0; i < ncols; i++) {
		lua_rawgeti(L, -2, (lua_Integer)i + 1);
		S_column(L, lua_gettop(L), i + 1, &cols[i]);
		lua_pop(L, 1);
	}
	if (lua_getfield(L, 1, "rows") != LUA_TTABLE)
		return luaL_error(L, "table: 'rows' must be a list");
	nrows = lua_rawlen(L, -1);
	if (nrows > 10000)
		return luaL_error(L, "table: more than 10000 rows");
	cells = lua_newuserdatauv(L, (nrows * ncols + 1) * sizeof(*cells), 0);
	bold = lua_newuserdatauv(L, nrows + 1, 0);
	for (size_t r = 0; r < nrows; r++) {
		int row;

		lua_rawgeti(L, -3, (lua_Integer)r + 1);
		row = lua_gettop(L);
		if (lua_type(L, row) != LUA_TTABLE)
			return luaL_error(L, "table: row %d must be a list",
			                  (int)r + 1);
		if (lua_rawlen(L, row) > ncols)
			return luaL_error(L, "table: row %d has %d cells for %d "
			                  "columns", (int)r + 1,
			                  (int)lua_rawlen(L, row), (int)ncols);
		bold[r] = (unsigned char)S_fbool(L, row, "bold");
		for (size_t c = 0; c < ncols; c++) {
			int t = lua_rawgeti(L, row, (lua_Integer)c + 1);
			const char *s = NULL;

			if (t == LUA_TSTRING) {
				s = lua_tostring(L, -1);
				if (!S_utf8_ok(s, lua_rawlen(L, -1)))
					return luaL_error(L, "table: row %d, column "
					                  "%d is not valid UTF-8",
					                  (int)r + 1, (int)c + 1);
			} else if (t != LUA_TNIL) {
				return luaL_error(L, "table: row %d, column %d is "
				                  "a %s (format numbers with fmt())",
				                  (int)r + 1, (int)c + 1,
				                  lua_typename(L, t));
			}
			/* The string stays referenced by the row table. */
			cells[r * ncols + c] = s;
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	o.cols = cols;
	o.ncols = ncols;
	o.cells = cells;
	o.bold = bold;
	o.nrows = nrows;
	S_check(L, "table", render_table(S_PDF(L), &o, &bottom, &e), &e);
	lua_pushnumber(L, bottom);
	return 1;
}

/* Called as table{...}: argument 1 is the table library itself. */
static int
S_table_call(lua_State *L)
{
	lua_remove(L, 1);
	return S_table(L);
}

/* ---- numbers ---- */

/* fmt(v [, decimals [, signed]]): Dutch number text ("1.234,5", "n.b." for
 * nil); signed puts "+" before positive values. */
static int
S_fmt(lua_State *L)
{
	lua_Integer dec = luaL_optinteger(L, 2, 0);
	int sign = lua_toboolean(L, 3);
	char buf[64];
	double v;

	if (dec < 0 || dec > 10)
		return luaL_argerror(L, 2, "decimals must be 0..10");
	if (lua_isnoneornil(L, 1)) {
		v = NAN;
	} else {
		v = luaL_checknumber(L, 1);
	}
	vk_num_nl(buf + 1, sizeof(buf) - 1, v, (int)dec);
	/* A value that rounds to zero gets no sign. */
	if (sign && isfinite(v) && v > 0 && strspn(buf + 1, "0,.") !=
	    strlen(buf + 1)) {
		buf[0] = '+';
		lua_pushstring(L, buf);
	} else {
		lua_pushstring(L, buf + 1);
	}
	return 1;
}

/* ---- maps ---- */

/* The wijk code a buurt belongs to: the wijk column, else from its code
 * (BUggggwwbb -> WKggggww). */
static const char *
S_wijk_of(const render_data *d, const char *code, char *buf, size_t n)
{
	size_t row;

	if (vk_strmap_get(d->buurt_row, code, &row))
		return vk_csv_get(d->buurten, row, d->col_wijk);
	if (strlen(code) == 10 && strncmp(code, "BU", 2) == 0) {
		snprintf(buf, n, "WK%.6s", code + 2);
		return buf;
	}
	return "";
}

/* Whether a buurt or wijk shape lies in the report's area: the in_area
 * columns the index wrote, else (a shape without a data row) the config's
 * own rule. */
static int
S_in_area(const render_lua *ctx, const char *code)
{
	const render_data *d = ctx->in->data;
	size_t row, cw;

	if (vk_strmap_get(d->buurt_row, code, &row))
		return render_data_in_area(d, row);
	if (vk_csv_need(d->wijken, "code", &cw, NULL) == 0)
		for (size_t w = 0; w < vk_csv_nrows(d->wijken); w++)
			if (strcmp(vk_csv_get(d->wijken, w, cw), code) == 0)
				return render_data_wijk_in_area(d, w);
	return vk_config_in_area(ctx->in->cfg, code);
}

/* map{export = name}: *name gets the name, or NULL without one. Returns
 * -1 for a name that is not a plain file-name-safe identifier; raises when
 * an earlier map of the run used the same name (its PNG would be silently
 * replaced). Names are remembered with or without --png-dir, so a template
 * fails the same way either way. */
static const char S_exports_key = 'x';

static int
S_map_export(lua_State *L, const char **name)
{
	const char *s = S_fstr(L, 1, "export", "map", NULL);

	*name = NULL;
	if (s == NULL)
		return 0;
	if (!render_png_name_ok(s))
		return -1;
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &S_exports_key) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &S_exports_key);
	}
	if (lua_getfield(L, -1, s) != LUA_TNIL)
		return luaL_error(L, "map: export name '%s' used twice", s);
	lua_pop(L, 1);
	lua_pushboolean(L, 1);
	lua_setfield(L, -2, s);
	lua_pop(L, 1);
	*name = s;
	return 0;
}

/* Longest wijk name map{wijk_labels} takes: a name, not a paragraph. */
#define S_WIJK_LABEL_MAX 80

/* map{wijk_label_font, wijk_label_size, wijk_label_min}: the wijk names'
 * font and range of sizes. The font must exist only when there are names
 * (used): a template without a "bold" font can still draw maps. */
static void
S_map_wijk_label_opts(lua_State *L, const render_pdf *pdf, int used,
                      render_map_opts *o)
{
	const char *what = "map";

	o->edge_label_font = S_fstr(L, 1, "wijk_label_font", what, "bold");
	o->edge_label_size = S_fnum(L, 1, "wijk_label_size", what, 0, 8);
	o->edge_label_min = S_fnum(L, 1, "wijk_label_min", what, 0, 5.5);
	if (!(o->edge_label_min > 0 &&
	      o->edge_label_size >= o->edge_label_min &&
	      o->edge_label_size <= 72))
		luaL_error(L, "map: need 0 < wijk_label_min <= wijk_label_size "
		           "<= 72");
	if (used && !render_pdf_has_font(pdf, o->edge_label_font))
		luaL_error(L, "map: unknown font '%s'", o->edge_label_font);
}

static int
S_is_wijk(const render_data *d, const char *code)
{
	for (size_t i = 0; i < d->nwshapes; i++)
		if (strcmp(d->wshapes[i].code, code) == 0)
			return 1;
	return 0;
}

/* map{wijk_labels = {code = name}}: pushes the table, or nil without one,
 * after checking every entry, so a typo in a code fails even when that
 * wijk would not be on this map. */
static void
S_map_wijk_labels(lua_State *L, const render_data *d)
{
	int t = S_field(L, 1, "wijk_labels");

	if (t == LUA_TNIL)
		return;
	if (t != LUA_TTABLE)
		luaL_error(L, "map: wijk_labels must be a table of wijk code -> "
		           "name, not %s", lua_typename(L, t));
	lua_pushnil(L);
	while (lua_next(L, -2) != 0) {
		const char *code, *s;
		size_t len;

		if (lua_type(L, -2) != LUA_TSTRING)
			luaL_error(L, "map: wijk_labels: keys must be wijk codes, "
			           "not %s", luaL_typename(L, -2));
		code = lua_tostring(L, -2);
		if (!S_is_wijk(d, code))
			luaL_error(L, "map: wijk_labels: unknown wijk '%s'", code);
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "map: wijk_labels[\"%s\"] must be a string, "
			           "not %s", code, luaL_typename(L, -1));
		s = lua_tolstring(L, -1, &len);
		if (len == 0 || len > S_WIJK_LABEL_MAX)
			luaL_error(L, "map: wijk_labels[\"%s\"] must be 1 to %d "
			           "bytes", code, S_WIJK_LABEL_MAX);
		if (!S_utf8_ok(s, len))
			luaL_error(L, "map: wijk_labels[\"%s\"] is not valid UTF-8",
			           code);
		lua_pop(L, 1);
	}
}

/* The name of wijk code in the wijk_labels table at idx (0: none), or
 * NULL. The string stays referenced by that table. */
static const char *
S_wijk_label(lua_State *L, int idx, const char *code)
{
	const char *s = NULL;

	if (idx == 0)
		return NULL;
	if (lua_getfield(L, idx, code) == LUA_TSTRING)
		s = lua_tostring(L, -1);
	lua_pop(L, 1);
	return s;
}

/* The result's wijk_labels = {code = {x, y, w, h}} (page boxes of the
 * placed names, for links) and wijk_omitted = {codes that did not fit},
 * into the table on top of the stack. */
static void
S_map_push_wijk_labels(lua_State *L, const render_map_edge *edges,
                       size_t ne, const unsigned char *placed,
                       const double *box)
{
	static const char *const key[] = { "x", "y", "w", "h" };
	lua_Integer k = 0;

	lua_newtable(L);
	for (size_t i = 0; i < ne; i++) {
		if (edges[i].label == NULL || !placed[i])
			continue;
		lua_createtable(L, 0, 4);
		for (int j = 0; j < 4; j++) {
			lua_pushnumber(L, box[4 * i + (size_t)j]);
			lua_setfield(L, -2, key[j]);
		}
		lua_setfield(L, -2, edges[i].shape->code);
	}
	lua_setfield(L, -2, "wijk_labels");
	lua_newtable(L);
	for (size_t i = 0; i < ne; i++) {
		if (edges[i].label == NULL || placed[i])
			continue;
		lua_pushstring(L, edges[i].shape->code);
		lua_rawseti(L, -2, ++k);
	}
	lua_setfield(L, -2, "wijk_omitted");
}

static int
S_map(lua_State *L)
{
	static const char *const keys[] = {
		"x", "y", "w", "h", "focus", "fill", "labels", "margin",
		"export",
		"label_font", "label_size", "label_min", "label_color", "halo",
		"avoid", "context", "edge", "edge_width", "wijk_edge",
		"wijk_width", "hatch", "pattern", "pattern_color",
		"wijk_labels", "wijk_label_font", "wijk_label_size",
		"wijk_label_min", NULL
	};
	const char *what = "map";
	render_lua *ctx = RENDER_LUA_CTX(L);
	const render_data *d = ctx->in->data;
	render_map_opts o;
	render_map_area *areas;
	render_map_edge *edges;
	render_map_result res;
	char (*labels)[16];
	unsigned char *omitted, *wplaced = NULL;
	double *avoid = NULL, *wbox = NULL;
	const char *focus, *fill, *labelmode;
	vk_rgb context = { 0.95, 0.95, 0.95 }, wijk_edge = { 0.2, 0.2, 0.2 };
	vk_rgb other_edge = { 0.6, 0.6, 0.6 };
	double wijk_width;
	size_t n = d->nbshapes, nw = d->nwshapes, nfocus = 0, ne = 0, k;
	int fill_table = 0, pattern_table = 0, wl_table = 0, rel = 0, rc;
	const char *export = NULL;
	vk_draw dr;
	vk_err e;

	memset(&o, 0, sizeof(o));
	luaL_checktype(L, 1, LUA_TTABLE);
	S_keys(L, 1, keys, what);
	o.box[0] = S_fnum(L, 1, "x", what, 1, 0);
	o.box[1] = S_fnum(L, 1, "y", what, 1, 0);
	o.box[2] = S_fnum(L, 1, "w", what, 1, 0);
	o.box[3] = S_fnum(L, 1, "h", what, 1, 0);
	if (!(o.box[2] > 0 && o.box[3] > 0) || fabs(o.box[0]) > 10000 ||
	    fabs(o.box[1]) > 10000 || o.box[2] > 10000 || o.box[3] > 10000)
		return luaL_error(L, "map: the box must have a positive size on "
		                  "the page");
	focus = S_fstr(L, 1, "focus", what, NULL);
	o.margin = S_fnum(L, 1, "margin", what, 0, focus ? 0.08 : 0.02);
	if (o.margin < 0 || o.margin > 2)
		return luaL_error(L, "map: margin out of range [0, 2]");
	labelmode = S_fstr(L, 1, "labels", what, "number");
	if (strcmp(labelmode, "number") != 0 && strcmp(labelmode, "none") != 0)
		return luaL_error(L, "map: labels must be \"number\" or "
		                  "\"none\"");
	o.label_font = S_fstr(L, 1, "label_font", what, "regular");
	o.label_size = S_fnum(L, 1, "label_size", what, 0, 7);
	o.label_min = S_fnum(L, 1, "label_min", what, 0, 4.5);
	if (!(o.label_min > 0 && o.label_size >= o.label_min &&
	      o.label_size <= 72))
		return luaL_error(L, "map: need 0 < label_min <= label_size <= 72");
	o.label_colour = (vk_rgb){ 0, 0, 0 };
	S_fcolour(L, 1, "label_color", what, &o.label_colour);
	o.halo_colour = (vk_rgb){ 1, 1, 1 };
	S_fcolour(L, 1, "halo", what, &o.halo_colour);
	S_fcolour(L, 1, "context", what, &context);
	o.edge_colour = (vk_rgb){ 1, 1, 1 };
	S_fcolour(L, 1, "edge", what, &o.edge_colour);
	o.edge_width = S_fnum(L, 1, "edge_width", what, 0, 0.4);
	S_fcolour(L, 1, "wijk_edge", what, &wijk_edge);
	wijk_width = S_fnum(L, 1, "wijk_width", what, 0, 1.2);
	o.hatch_colour = (vk_rgb){ 0.45, 0.45, 0.45 };
	S_fcolour(L, 1, "hatch", what, &o.hatch_colour);
	o.pattern_colour = o.hatch_colour;
	S_fcolour(L, 1, "pattern_color", what, &o.pattern_colour);
	if (S_field(L, 1, "pattern") == LUA_TTABLE)
		pattern_table = lua_gettop(L);
	else if (!lua_isnil(L, -1))
		return luaL_error(L, "map: pattern must be a table of class or "
		                  "buurt code -> \"hatch\" | \"back\" | \"rows\" | "
		                  "\"cross\"");
	if (o.edge_width < 0 || o.edge_width > 20 || wijk_width < 0 ||
	    wijk_width > 20)
		return luaL_error(L, "map: line widths out of range [0, 20]");
	if (!render_pdf_has_font(ctx->in->pdf, o.label_font))
		return luaL_error(L, "map: unknown font '%s'", o.label_font);
	if (S_map_export(L, &export) < 0)
		return luaL_error(L, "map: export must be 1 to %d letters, "
		                  "digits, '-' or '_'", RENDER_PNG_MAX_NAME);
	S_map_wijk_labels(L, d);
	if (lua_istable(L, -1))
		wl_table = lua_gettop(L);
	S_map_wijk_label_opts(L, ctx->in->pdf, wl_table != 0, &o);

	/* fill: "class", "class_rel" or a table code -> "#RRGGBB". */
	if (S_field(L, 1, "fill") == LUA_TTABLE) {
		fill_table = lua_gettop(L);
	} else {
		fill = lua_isnil(L, -1) ? "class" : lua_tostring(L, -1);
		if (lua_type(L, -1) != LUA_TNIL && lua_type(L, -1) != LUA_TSTRING)
			return luaL_error(L, "map: fill must be \"class\", "
			                  "\"class_rel\" or a table");
		if (strcmp(fill, "class_rel") == 0)
			rel = 1;
		else if (strcmp(fill, "class") != 0)
			return luaL_error(L, "map: fill must be \"class\", "
			                  "\"class_rel\" or a table, not '%s'",
			                  fill);
	}

	if (S_field(L, 1, "avoid") == LUA_TTABLE) {
		size_t na = lua_rawlen(L, -1);

		if (na > 100)
			return luaL_error(L, "map: more than 100 avoid boxes");
		avoid = lua_newuserdatauv(L, (4 * na + 1) * sizeof(*avoid), 0);
		for (size_t i = 0; i < na; i++) {
			lua_rawgeti(L, -2, (lua_Integer)i + 1);
			for (int j = 0; j < 4; j++) {
				lua_rawgeti(L, -1, j + 1);
				if (!lua_isnumber(L, -1))
					return luaL_error(L, "map: avoid box %d must "
					                  "be {x, y, w, h}",
					                  (int)i + 1);
				avoid[4 * i + (size_t)j] = lua_tonumber(L, -1);
				lua_pop(L, 1);
			}
			lua_pop(L, 1);
		}
		o.avoid = avoid;
		o.navoid = na;
	} else if (!lua_isnil(L, -1)) {
		return luaL_error(L, "map: avoid must be a list of {x, y, w, h}");
	}

	areas = lua_newuserdatauv(L, (n + 1) * sizeof(*areas), 0);
	labels = lua_newuserdatauv(L, (n + 1) * sizeof(*labels), 0);
	edges = lua_newuserdatauv(L, (nw + 1) * sizeof(*edges), 0);
	omitted = lua_newuserdatauv(L, n + 1, 0);
	for (size_t i = 0; i < n; i++) {
		const render_shape *s = &d->bshapes[i];
		char wb[16];
		size_t row, cl;
		render_map_area *a = &areas[i];

		memset(a, 0, sizeof(*a));
		a->shape = s;
		/* Outside the area (area.wijken) or the focus wijk: context. */
		a->context = !S_in_area(ctx, s->code) ||
		             (focus != NULL &&
		              strcmp(S_wijk_of(d, s->code, wb, sizeof(wb)),
		                     focus) != 0);
		nfocus += !a->context;
		if (a->context) {
			a->fill = context;
			continue;
		}
		if (fill_table) {
			const char *c;

			if (lua_getfield(L, fill_table, s->code) == LUA_TSTRING) {
				c = lua_tostring(L, -1);
				a->fill = S_parse_colour(L, c, what, s->code);
			} else if (lua_isnil(L, -1)) {
				a->fill = (vk_rgb){ 1, 1, 1 };
				a->hatch = 1;
			} else {
				return luaL_error(L, "map: fill[\"%s\"] must be a "
				                  "colour string", s->code);
			}
			lua_pop(L, 1);
		} else {
			cl = vk_strmap_get(d->buurt_row, s->code, &row) ?
			     (size_t)render_data_class(d, row, rel) :
			     RENDER_NCLASSES - 1;
			vk_draw_parse_rgb(render_classes[cl].colour, &a->fill);
			a->hatch = render_classes[cl].hatched;
		}
		if (pattern_table) {
			/* By buurt code, else (class fills) by class code. */
			int t = lua_getfield(L, pattern_table, s->code);

			if (t == LUA_TNIL && !fill_table) {
				lua_pop(L, 1);
				t = lua_getfield(L, pattern_table,
				                 render_classes[cl].code);
			}
			if (t != LUA_TNIL) {
				const char *pn = lua_tostring(L, -1);

				a->pattern = t == LUA_TSTRING ?
				             vk_draw_pattern_kind(pn) : -1;
				if (a->pattern < 0)
					return luaL_error(L, "map: pattern[\"%s\"] "
					                  "must be \"hatch\", \"back\", "
					                  "\"rows\" or \"cross\"",
					                  s->code);
			}
			lua_pop(L, 1);
		}
		if (strcmp(labelmode, "number") == 0) {
			size_t len = strlen(s->code);

			/* The buurt number: the last four digits of the code. */
			snprintf(labels[i], sizeof(labels[i]), "%s",
			         s->code + (len > 4 ? len - 4 : 0));
			a->label = labels[i];
		}
	}
	if (nfocus == 0)
		return focus != NULL ?
		       luaL_error(L, "map: no buurten of the area in wijk '%s'",
		                  focus) :
		       luaL_error(L, "map: no buurten in the area");
	/* Wijk boundaries on top. With a focus the focus wijk last and
	 * heaviest; without, the wijken of the area last, the others light. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < nw; i++) {
			const char *wc = d->wshapes[i].code;
			int is_focus = focus != NULL && strcmp(wc, focus) == 0;
			int top = focus != NULL ? is_focus : S_in_area(ctx, wc);

			if ((pass == 1) != top)
				continue;
			edges[ne].shape = &d->wshapes[i];
			edges[ne].colour = top ? wijk_edge : other_edge;
			edges[ne].width = is_focus ? wijk_width * 1.4 :
			                  top ? wijk_width : wijk_width * 0.5;
			/* Only the wijken the map is about get a name. */
			edges[ne].label = top ? S_wijk_label(L, wl_table, wc) :
			                  NULL;
			ne++;
		}
	}

	render_pdf_draw(ctx->in->pdf, &dr);
	rc = render_map_draw(&dr, areas, n, edges, ne, &o, &res, &e);
	if (res.omitted != NULL)
		memcpy(omitted, res.omitted, n);
	/* Copied into userdata before anything can raise: a Lua error would
	 * leak the result's own arrays. */
	wplaced = lua_newuserdatauv(L, ne + 1, 0);
	wbox = lua_newuserdatauv(L, (4 * ne + 1) * sizeof(*wbox), 0);
	memset(wplaced, 0, ne + 1);
	if (res.edge_placed != NULL) {
		memcpy(wplaced, res.edge_placed, ne);
		memcpy(wbox, res.edge_box, 4 * ne * sizeof(*wbox));
	}
	render_map_result_free(&res);
	S_check(L, "map", rc, &e);
	S_check(L, "map", render_pdf_check(ctx->in->pdf, &e), &e);
	/* The PNG export: the same map again, through the cairo back end. */
	if (export != NULL && ctx->in->png_dir != NULL)
		S_check(L, "map", render_png_map(ctx->in->pdf, ctx->in->png_dir,
		        export, areas, n, edges, ne, &o, &e), &e);

	lua_createtable(L, 0, 10);
	lua_pushnumber(L, res.scale);
	lua_setfield(L, -2, "scale");
	for (int j = 0; j < 4; j++) {
		static const char *const box[] = { "x", "y", "w", "h" };

		lua_pushnumber(L, o.box[j]);
		lua_setfield(L, -2, box[j]);
	}
	lua_createtable(L, 4, 0);
	for (int j = 0; j < 4; j++) {
		lua_pushnumber(L, res.extent[j]);
		lua_rawseti(L, -2, j + 1);
	}
	lua_setfield(L, -2, "extent");
	lua_newtable(L);
	k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!omitted[i])
			continue;
		lua_pushstring(L, labels[i]);
		lua_rawseti(L, -2, (lua_Integer)++k);
	}
	lua_setfield(L, -2, "omitted");
	S_map_push_wijk_labels(L, edges, ne, wplaced, wbox);
	return 1;
}

/* map_aspect{focus = wijk} -> width / height of what map() would show
 * (its margin is proportional on both axes, so it does not matter), so a
 * template can size the box before drawing. */
static int
S_map_aspect(lua_State *L)
{
	static const char *const keys[] = { "focus", NULL };
	const render_lua *ctx = RENDER_LUA_CTX(L);
	const render_data *d = ctx->in->data;
	double ext[4] = { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL };
	const char *focus = NULL;
	char wb[16];

	if (!lua_isnoneornil(L, 1)) {
		luaL_checktype(L, 1, LUA_TTABLE);
		S_keys(L, 1, keys, "map_aspect");
		focus = S_fstr(L, 1, "focus", "map_aspect", NULL);
	}
	for (size_t i = 0; i < d->nbshapes; i++) {
		const render_shape *s = &d->bshapes[i];

		if (!S_in_area(ctx, s->code) || (focus != NULL &&
		    strcmp(S_wijk_of(d, s->code, wb, sizeof(wb)), focus) != 0))
			continue;
		ext[0] = fmin(ext[0], s->minx);
		ext[1] = fmin(ext[1], s->miny);
		ext[2] = fmax(ext[2], s->maxx);
		ext[3] = fmax(ext[3], s->maxy);
	}
	if (!(ext[2] > ext[0] && ext[3] > ext[1]))
		return luaL_error(L, "map_aspect: no buurten%s%s", focus ?
		                  " in wijk " : "", focus ? focus : "");
	lua_pushnumber(L, (ext[2] - ext[0]) / (ext[3] - ext[1]));
	return 1;
}

/* scalebar(map, x, y [, {width = max, style = style}]) -> w, h */
static int
S_scalebar(lua_State *L)
{
	static const char *const keys[] = { "width", "style", NULL };
	double scale, x = S_num(L, 2), y = S_num(L, 3), maxw = 100, w, h;
	render_style st;
	vk_draw dr;
	vk_err e;

	luaL_checktype(L, 1, LUA_TTABLE);
	scale = S_fnum(L, 1, "scale", "scalebar", 1, 0);
	S_style_default(&st);
	st.size = 7;
	if (!lua_isnoneornil(L, 4)) {
		luaL_checktype(L, 4, LUA_TTABLE);
		S_keys(L, 4, keys, "scalebar");
		maxw = S_fnum(L, 4, "width", "scalebar", 0, 100);
		if (lua_getfield(L, 4, "style") != LUA_TNIL)
			S_style(L, -1, &st);
		lua_pop(L, 1);
	}
	if (!(scale > 0) || !(maxw > 0 && maxw < 2000))
		return luaL_error(L, "scalebar: needs a map and a width in "
		                  "(0, 2000)");
	if (!render_pdf_has_font(S_PDF(L), st.font))
		return luaL_error(L, "scalebar: unknown font '%s'", st.font);
	render_pdf_draw(S_PDF(L), &dr);
	S_check(L, "scalebar", render_map_scalebar(&dr, scale, x, y, maxw,
	        st.font, st.size, st.colour, &w, &h, &e), &e);
	S_check(L, "scalebar", render_pdf_check(S_PDF(L), &e), &e);
	lua_pushnumber(L, w);
	lua_pushnumber(L, h);
	return 2;
}

/* north_arrow(x, y, size [, style]) */
static int
S_north(lua_State *L)
{
	double x = S_num(L, 1), y = S_num(L, 2), size = S_num(L, 3);
	render_style st;
	vk_draw dr;
	vk_err e;

	S_style(L, 4, &st);
	if (!(size > 0 && size < 500))
		return luaL_argerror(L, 3, "size out of range (0, 500)");
	if (!render_pdf_has_font(S_PDF(L), st.font))
		return luaL_error(L, "north_arrow: unknown font '%s'", st.font);
	render_pdf_draw(S_PDF(L), &dr);
	S_check(L, "north_arrow", render_map_north(&dr, x, y, size, st.font,
	        st.colour, &e), &e);
	S_check(L, "north_arrow", render_pdf_check(S_PDF(L), &e), &e);
	return 0;
}

void
render_lua_api_open(lua_State *L, render_lua *ctx)
{
	static const luaL_Reg fns[] = {
		{ "page_new", S_page_new },
		{ "page_goto", S_page_goto },
		{ "page_count", S_page_count },
		{ "page_number", S_page_number },
		{ "page_size", S_page_size },
		{ "bookmark", S_bookmark },
		{ "bookmarks", S_bookmarks },
		{ "page_label", S_page_label },
		{ "link", S_link },
		{ "fonts", S_fonts },
		{ "colours", S_colours },
		{ "image", S_image },
		{ "image_size", S_image_size },
		{ "text", S_text },
		{ "measure", S_measure },
		{ "textbox", S_textbox },
		{ "wrap", S_wrap },
		{ "rect", S_rect },
		{ "line", S_line },
		{ "circle", S_circle },
		{ "fmt", S_fmt },
		{ "map", S_map },
		{ "map_aspect", S_map_aspect },
		{ "scalebar", S_scalebar },
		{ "north_arrow", S_north },
		{ NULL, NULL },
	};

	lua_pushlightuserdata(L, ctx);
	luaL_setfuncs(L, fns, 1);
	/* table{...} draws a table while table.concat & co. keep working:
	 * the environment's copy of the table library becomes callable. */
	lua_getfield(L, -1, "table");
	lua_createtable(L, 0, 2);
	lua_pushlightuserdata(L, ctx);
	lua_pushcclosure(L, S_table_call, 1);
	lua_setfield(L, -2, "__call");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_pop(L, 1);
}
