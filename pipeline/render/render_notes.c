/* The `wijken:` section of a client's config: the consultant's notes for
 * the wijkschets (DOMAIN.md §2.2) and the handelingsperspectieven (§2.3).
 *
 *   wijken:
 *     WK034403:                         # a wijk of index/wijken.csv
 *       probleemanalyse: tekst
 *       definitie_van_succes: tekst
 *       status:
 *         fysieke_kwaliteit: {stoplicht: groen|oranje|rood, tekst: ...}
 *         sociale_leefbaarheid: {...}
 *         sociale_infrastructuur: {...}
 *       sleutelprojecten: [tekst, ...]
 *       dilemma: tekst
 *       foto: foto_overvecht            # an image of template.images
 *       perspectieven:
 *         sociale_aanpak: {intensiteit: 0..3, tekst: ...}
 *         herpositionering: {...}
 *         leefomgeving: {...}
 *         woningprogramma: {...}
 *
 * Every key is optional; every key present is checked: unknown keys,
 * wrong types, a stoplicht other than the three colours, an intensiteit
 * that is not a whole number 0..3, a wijk code that is not a wijk of the
 * gemeente, a foto that is not a configured image or that does not decode.
 * Each error names the config file, line and column. The section is parsed
 * while qs is built (before any page is drawn), so a bad section stops the
 * run before a PDF is written; the earlier PDF stays as it was.
 *
 * The foto names an image of `template: images:` rather than a file, so
 * the folder and symlink checks of render_client.c apply unchanged, and
 * image(x, y, w, h, notes.foto) draws it. It is decoded here once (GDAL,
 * render_image.c) so a corrupt photo is an error at its config line. */
#include "render_notes.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#include "render_client.h"
#include "render_image.h"
#include "vk_num.h"
#include "vk_utf8.h"

#define S_MAX_TEXT 4000   /* bytes per text: a page holds no more */
#define S_MAX_PROJECTS 12

static int S_fail(lua_State *L, const render_lua *ctx, const vk_ynode *n,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Raises "config:LINE:COL: message" at node n. */
static int
S_fail(lua_State *L, const render_lua *ctx, const vk_ynode *n,
       const char *fmt, ...)
{
	char msg[1200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return luaL_error(L, "%s:%d:%d: %s", ctx->in->cfg->path,
	                  (int)(n != NULL ? n->line : 0), (int)(n != NULL ? n->col : 0), msg);
}

static void
S_only(lua_State *L, const render_lua *ctx, const vk_ynode *map,
       const char *const *keys, const char *where)
{
	vk_err e = { 0 };

	if (map->kind != VK_Y_MAP)
		S_fail(L, ctx, map, "expected a mapping for \"%s\", found %s", where,
		       vk_ykind_name(map->kind));
	if (vk_ymap_only(map, keys, where, ctx->in->cfg->path, &e) != 0)
		luaL_error(L, "%s:%d:%d: %s", e.file, (int)e.line, (int)e.col, e.msg);
}

/* A text scalar: valid UTF-8 (checked by libyaml too), no NUL, capped. */
static void
S_text(lua_State *L, const render_lua *ctx, const vk_ynode *v,
       const char *key)
{
	size_t n;

	if (v->kind != VK_Y_SCALAR)
		S_fail(L, ctx, v, "expected a text for \"%s\", found %s", key,
		       vk_ykind_name(v->kind));
	n = strlen(v->str);
	if (n == 0 || n > S_MAX_TEXT ||
	    vk_utf8_check(v->str, n) != (size_t)-1)
		S_fail(L, ctx, v, "\"%s\" must be a text of 1 to %d bytes", key,
		       S_MAX_TEXT);
	lua_pushstring(L, v->str);
}

static void
S_status(lua_State *L, const render_lua *ctx, const vk_ynode *m)
{
	static const char *const keys[] = { "fysieke_kwaliteit",
	                                    "sociale_leefbaarheid",
	                                    "sociale_infrastructuur", NULL };
	static const char *const item[] = { "stoplicht", "tekst", NULL };

	S_only(L, ctx, m, keys, "status");
	lua_newtable(L);
	for (size_t i = 0; i < m->n; i++) {
		const vk_ynode *k = m->items[2 * i], *v = m->items[2 * i + 1];
		const vk_ynode *s;

		S_only(L, ctx, v, item, k->str);
		lua_newtable(L);
		if ((s = vk_ymap_get(v, "stoplicht")) != NULL) {
			if (s->kind != VK_Y_SCALAR ||
			    (strcmp(s->str, "groen") != 0 &&
			     strcmp(s->str, "oranje") != 0 &&
			     strcmp(s->str, "rood") != 0))
				S_fail(L, ctx, s, "stoplicht must be groen, oranje or "
				       "rood, found \"%s\"", s->str ? s->str : "?");
			lua_pushstring(L, s->str);
			lua_setfield(L, -2, "stoplicht");
		}
		if ((s = vk_ymap_get(v, "tekst")) != NULL) {
			S_text(L, ctx, s, "tekst");
			lua_setfield(L, -2, "tekst");
		}
		lua_setfield(L, -2, k->str);
	}
}

static void
S_perspectives(lua_State *L, const render_lua *ctx, const vk_ynode *m)
{
	static const char *const keys[] = { "sociale_aanpak", "herpositionering",
	                                    "leefomgeving", "woningprogramma",
	                                    NULL };
	static const char *const item[] = { "intensiteit", "tekst", NULL };

	S_only(L, ctx, m, keys, "perspectieven");
	lua_newtable(L);
	for (size_t i = 0; i < m->n; i++) {
		const vk_ynode *k = m->items[2 * i], *v = m->items[2 * i + 1];
		const vk_ynode *s;
		double d;

		S_only(L, ctx, v, item, k->str);
		if ((s = vk_ymap_get(v, "intensiteit")) == NULL)
			S_fail(L, ctx, v, "\"%s\" needs an intensiteit (0 to 3)",
			       k->str);
		if (s->kind != VK_Y_SCALAR || !s->plain ||
		    vk_num_parse(s->str, '.', NULL, 0, &d) != 0 || d != floor(d) ||
		    d < 0 || d > 3)
			S_fail(L, ctx, s, "intensiteit must be 0, 1, 2 or 3, found "
			       "\"%s\"", s->str ? s->str : "?");
		lua_newtable(L);
		lua_pushinteger(L, (lua_Integer)d);
		lua_setfield(L, -2, "intensiteit");
		if ((s = vk_ymap_get(v, "tekst")) != NULL) {
			S_text(L, ctx, s, "tekst");
			lua_setfield(L, -2, "tekst");
		}
		lua_setfield(L, -2, k->str);
	}
}

static void
S_foto(lua_State *L, const render_lua *ctx, const vk_ynode *v)
{
	const render_client_image *ci;
	render_image img;
	vk_err e = { 0 };

	if (v->kind != VK_Y_SCALAR || !render_is_ident(v->str))
		S_fail(L, ctx, v, "foto must name an image of template.images "
		       "(e.g. foto_overvecht)");
	if ((ci = render_client_image_get(ctx->in->client, v->str)) == NULL)
		S_fail(L, ctx, v, "foto \"%s\" is not an image of template.images",
		       v->str);
	if (render_image_load(ci->path, ci->file, &img, &e) < 0)
		S_fail(L, ctx, v, "foto \"%s\": %s", v->str, e.msg);
	render_image_free(&img);
	lua_pushstring(L, v->str);
}

/* Whether code is a wijk of index/wijken.csv (the whole gemeente). */
static int
S_is_wijk(const render_lua *ctx, const char *code)
{
	const vk_csv *w = ctx->in->data->wijken;

	for (size_t r = 0; r < vk_csv_nrows(w); r++)
		if (strcmp(vk_csv_get(w, r, 0), code) == 0)
			return 1;
	return 0;
}

void
render_notes_push(lua_State *L, render_lua *ctx)
{
	static const char *const keys[] = { "probleemanalyse",
	                                    "definitie_van_succes", "status",
	                                    "sleutelprojecten", "dilemma",
	                                    "foto", "perspectieven", NULL };
	const vk_ynode *sec = vk_config_section(ctx->in->cfg, "wijken");

	lua_newtable(L);
	if (sec == NULL) {
		lua_setfield(L, -2, "notes");
		return;
	}
	if (sec->kind != VK_Y_MAP)
		S_fail(L, ctx, sec, "expected a mapping of wijk codes for "
		       "\"%s\", found %s", "wijken", vk_ykind_name(sec->kind));
	for (size_t i = 0; i < sec->n; i++) {
		const vk_ynode *k = sec->items[2 * i], *m = sec->items[2 * i + 1];

		if (k->kind != VK_Y_SCALAR || !S_is_wijk(ctx, k->str))
			S_fail(L, ctx, k, "\"%s\" is not a wijk of this gemeente "
			       "(expected a code like WK%s01 from index/wijken.csv)",
			       k->str ? k->str : "?", ctx->in->cfg->gemeente_digits);
		S_only(L, ctx, m, keys, k->str);
		lua_newtable(L);
		for (size_t j = 0; j < m->n; j++) {
			const vk_ynode *kk = m->items[2 * j], *v = m->items[2 * j + 1];
			const char *key = kk->str;

			if (strcmp(key, "status") == 0) {
				S_status(L, ctx, v);
			} else if (strcmp(key, "perspectieven") == 0) {
				S_perspectives(L, ctx, v);
			} else if (strcmp(key, "foto") == 0) {
				S_foto(L, ctx, v);
			} else if (strcmp(key, "sleutelprojecten") == 0) {
				if (v->kind != VK_Y_SEQ || v->n > S_MAX_PROJECTS)
					S_fail(L, ctx, v, "\"%s\" must be a list of at most "
					       "%d texts", key, S_MAX_PROJECTS);
				lua_createtable(L, (int)v->n, 0);
				for (size_t p = 0; p < v->n; p++) {
					S_text(L, ctx, v->items[p], key);
					lua_rawseti(L, -2, (lua_Integer)p + 1);
				}
			} else {
				S_text(L, ctx, v, key);
			}
			lua_setfield(L, -2, key);
		}
		lua_setfield(L, -2, k->str);
	}
	lua_setfield(L, -2, "notes");
}
