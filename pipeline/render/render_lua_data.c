/* The template's data: the `qs` table.
 *
 *   qs.report      client, title, subtitle, area, area_code, date (Dutch),
 *                  creator
 *   qs.indicators  per indicator key (inhabitants, homes, P, K, O, L):
 *                  year, base_year, components = { {source, file, column,
 *                  weight, year, base_year}, ... }; absent ones are nil
 *   qs.area        {code, name, partial, wijken}: the report's area; partial
 *                  is true when the config narrows it to area.wijken (their
 *                  codes in wijken), false for the whole gemeente
 *   qs.buurten     list of records, one per row of classify/buurten.csv
 *                  inside the area, in file order: every column by its
 *                  header name, numbers as numbers, NA and empty fields as
 *                  nil, in_area as a boolean, plus nr (last four digits of
 *                  the code)
 *   qs.buurt       every buurt's record by code, also outside the area
 *   qs.wijken      list of {code, name, in_area, buurten = list of records}
 *                  for the wijken inside the area, in index/wijken.csv order
 *   qs.city        {buurten, wijken}: the same for the whole gemeente, for
 *                  context (the rest of the city on a map, comparisons)
 *   qs.images      name -> file of the images the config gives
 *                  (template.logo, template.images); draw with image()
 *   qs.classes     list in report order of {code, label, colour, hatched,
 *                  absolute = {buurten, inhabitants}, relative = {...}}
 *   qs.class       the same by code
 *   qs.totals      {absolute = {buurten, inhabitants}, relative = {...}}
 *   qs.params      list of {name, value, description}
 *   qs.param       value by name
 *
 * A column counts as numeric when every field in it is a number or missing,
 * so codes and labels stay strings even when one looks like a number. */
#include "render_lua_priv.h"
#include "render_lua_outlook.h"
#include "render_lua_trends.h"
#include "render_notes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>

#include "vk_num.h"

static void
S_setstr(lua_State *L, const char *key, const char *v)
{
	if (v == NULL)
		return;
	lua_pushstring(L, v);
	lua_setfield(L, -2, key);
}

static void
S_setint(lua_State *L, const char *key, long v)
{
	lua_pushinteger(L, v);
	lua_setfield(L, -2, key);
}

#define S_CSV_HOLDER "vk.csv.holder"

typedef struct {
	vk_csv *t;
} S_csv_holder;

static int
S_csv_holder_gc(lua_State *L)
{
	S_csv_holder *h = luaL_checkudata(L, 1, S_CSV_HOLDER);

	vk_csv_free(h->t);
	h->t = NULL;
	return 0;
}

vk_csv *
render_lua_csv_open(lua_State *L, const char *workdir, const char *rel)
{
	S_csv_holder *h = lua_newuserdatauv(L, sizeof(*h), 0);
	char path[4096];
	vk_err e = { 0 };

	h->t = NULL;
	if (luaL_newmetatable(L, S_CSV_HOLDER)) {
		lua_pushcfunction(L, S_csv_holder_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	if (snprintf(path, sizeof(path), "%s/%s", workdir, rel) >=
	    (int)sizeof(path))
		luaL_error(L, "%s: work directory name too long", rel);
	if (access(path, F_OK) != 0)
		return NULL;
	h->t = vk_csv_read(path, NULL, &e);
	if (h->t == NULL)
		luaL_error(L, "%s:%I: %s", e.file[0] ? e.file : path,
		           (lua_Integer)e.line, e.msg);
	return h->t;
}

void
render_lua_csv_close(lua_State *L, int idx)
{
	S_csv_holder *h = luaL_checkudata(L, idx, S_CSV_HOLDER);

	vk_csv_free(h->t);
	h->t = NULL;
}

size_t
render_lua_csv_col(lua_State *L, const vk_csv *t, const char *name)
{
	size_t col;
	vk_err e = { 0 };

	if (vk_csv_need(t, name, &col, &e) != 0)
		luaL_error(L, "%s:%I: %s", e.file[0] ? e.file : vk_csv_path(t),
		           (lua_Integer)e.line, e.msg);
	return col;
}

/* Pushes a CSV field as number (numeric column), string, or nil. */
void
render_lua_push_field(lua_State *L, const char *s, int numeric)
{
	double v;

	if (numeric) {
		if (vk_num_parse(s, '.', NULL, 0, &v) == 0) {
			/* Whole numbers as integers: counts print as "12". */
			if (v == floor(v) && fabs(v) < 9.0e15)
				lua_pushinteger(L, (lua_Integer)v);
			else
				lua_pushnumber(L, v);
		} else {
			lua_pushnil(L);
		}
		return;
	}
	if (s[0] == '\0' || strcmp(s, VK_NA_TEXT) == 0)
		lua_pushnil(L);
	else
		lua_pushstring(L, s);
}

static void
S_report(lua_State *L, render_lua *ctx)
{
	const vk_config *c = ctx->in->cfg;

	lua_newtable(L);
	S_setstr(L, "client", c->report.client);
	S_setstr(L, "title", c->report.title);
	S_setstr(L, "subtitle", c->report.subtitle);
	S_setstr(L, "area", c->area_name);
	S_setstr(L, "area_code", c->area_code);
	S_setstr(L, "date", ctx->in->date);
	S_setstr(L, "creator", ctx->in->creator);
	lua_setfield(L, -2, "report");
}

static void
S_indicators(lua_State *L, render_lua *ctx)
{
	const vk_config *c = ctx->in->cfg;

	lua_newtable(L);
	for (int i = 0; i < VK_IND_COUNT; i++) {
		const vk_indicator *ind = &c->ind[i];

		if (!ind->present)
			continue;
		lua_newtable(L);
		S_setstr(L, "key", ind->key);
		if (ind->year)
			S_setint(L, "year", ind->year);
		if (ind->base_year)
			S_setint(L, "base_year", ind->base_year);
		lua_createtable(L, (int)ind->ncomp, 0);
		for (size_t k = 0; k < ind->ncomp; k++) {
			const vk_component *comp = &ind->comp[k];
			const vk_source *src = &c->sources[comp->source];
			int y = vk_config_comp_year(c, ind, comp, 0);

			lua_newtable(L);
			S_setstr(L, "source", src->id);
			S_setstr(L, "file", src->file);
			S_setstr(L, "column", comp->column);
			lua_pushnumber(L, comp->weight);
			lua_setfield(L, -2, "weight");
			if (y)
				S_setint(L, "year", y);
			if (ind->base_year)
				S_setint(L, "base_year", ind->base_year);
			lua_rawseti(L, -2, (lua_Integer)k + 1);
		}
		lua_setfield(L, -2, "components");
		lua_setfield(L, -2, ind->key);
	}
	lua_setfield(L, -2, "indicators");
}

/* Copies the records of the list at idx for which in_area is true into a
 * new list, pushed. */
static void
S_filter_area(lua_State *L, int idx)
{
	lua_Integer k = 0, n = (lua_Integer)lua_rawlen(L, idx);

	lua_newtable(L);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, idx, i);
		lua_getfield(L, -1, "in_area");
		if (lua_toboolean(L, -1)) {
			lua_pop(L, 1);
			lua_rawseti(L, -2, ++k);
		} else {
			lua_pop(L, 2);
		}
	}
}

/* qs.buurten, qs.buurt, qs.wijken and qs.city. */
static void
S_areas(lua_State *L, render_lua *ctx)
{
	const render_data *d = ctx->in->data;
	const vk_csv *t = d->buurten;
	size_t nc = vk_csv_ncols(t), nr = vk_csv_nrows(t);
	char *numeric = lua_newuserdatauv(L, nc + 1, 0);
	int list, byc, wl, ud = lua_gettop(L);
	size_t cw, cn;

	for (size_t c = 0; c < nc; c++)
		numeric[c] = c != d->col_code && c != d->col_name &&
		             c != d->col_wijk && vk_csv_numeric(t, c);
	lua_createtable(L, nr > 1000000 ? 0 : (int)nr, 0);
	list = lua_gettop(L);
	lua_newtable(L);
	byc = lua_gettop(L);
	for (size_t r = 0; r < nr; r++) {
		const char *code = vk_csv_get(t, r, d->col_code);
		size_t len = strlen(code);

		lua_createtable(L, 0, (int)nc + 1);
		for (size_t c = 0; c < nc; c++) {
			render_lua_push_field(L, vk_csv_get(t, r, c), numeric[c]);
			lua_setfield(L, -2, vk_csv_header(t, c));
		}
		/* A flag, not a number: 0 would be true in Lua. */
		lua_pushboolean(L, render_data_in_area(d, r));
		lua_setfield(L, -2, "in_area");
		S_setstr(L, "nr", code + (len > 4 ? len - 4 : 0));
		lua_pushvalue(L, -1);
		lua_setfield(L, byc, code);
		lua_rawseti(L, list, (lua_Integer)r + 1);
	}

	/* Wijken in the order of wijken.csv, their buurten in file order. */
	t = d->wijken;
	vk_csv_need(t, "code", &cw, NULL);
	vk_csv_need(t, "name", &cn, NULL);
	lua_createtable(L, (int)vk_csv_nrows(t), 0);
	wl = lua_gettop(L);
	for (size_t w = 0; w < vk_csv_nrows(t); w++) {
		const char *wc = vk_csv_get(t, w, cw);
		lua_Integer k = 0;

		lua_newtable(L);
		S_setstr(L, "code", wc);
		S_setstr(L, "name", vk_csv_get(t, w, cn));
		lua_pushboolean(L, render_data_wijk_in_area(d, w));
		lua_setfield(L, -2, "in_area");
		lua_newtable(L);
		for (size_t r = 0; r < nr; r++) {
			if (strcmp(vk_csv_get(d->buurten, r, d->col_wijk), wc) != 0)
				continue;
			lua_rawgeti(L, list, (lua_Integer)r + 1);
			lua_rawseti(L, -2, ++k);
		}
		lua_setfield(L, -2, "buurten");
		lua_rawseti(L, wl, (lua_Integer)w + 1);
	}
	/* stack: numeric, all buurten, by code, all wijken */
	lua_createtable(L, 0, 2);
	lua_pushvalue(L, list);
	lua_setfield(L, -2, "buurten");
	lua_pushvalue(L, wl);
	lua_setfield(L, -2, "wijken");
	lua_setfield(L, ud - 1, "city");
	S_filter_area(L, wl);
	lua_setfield(L, ud - 1, "wijken");
	lua_pop(L, 1);
	lua_setfield(L, ud - 1, "buurt");
	S_filter_area(L, list);
	lua_setfield(L, ud - 1, "buurten");
	lua_pop(L, 2);   /* all buurten, numeric */
}

/* qs.area and qs.images, from the config. */
static void
S_area_images(lua_State *L, render_lua *ctx)
{
	const vk_config *c = ctx->in->cfg;
	const render_client *cl = ctx->in->client;

	lua_newtable(L);
	S_setstr(L, "code", c->area_code);
	S_setstr(L, "name", c->area_name);
	lua_pushboolean(L, c->nwijken > 0);
	lua_setfield(L, -2, "partial");
	lua_createtable(L, (int)c->nwijken, 0);
	for (size_t i = 0; i < c->nwijken; i++) {
		lua_pushstring(L, c->wijken[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "wijken");
	lua_setfield(L, -2, "area");
	lua_newtable(L);
	for (size_t i = 0; i < cl->nimages; i++)
		S_setstr(L, cl->images[i].name, cl->images[i].file);
	lua_setfield(L, -2, "images");
}

/* Pushes {buurten, inhabitants} for one mode and class from summary.csv
 * (zeros when the row is absent), and its label through *label. */
static void
S_summary_row(lua_State *L, const vk_csv *t, const char *mode,
              const char *cls, const char **label)
{
	size_t cm, cc, cl, cb, ci;

	vk_csv_need(t, "mode", &cm, NULL);
	vk_csv_need(t, "class", &cc, NULL);
	vk_csv_need(t, "label", &cl, NULL);
	vk_csv_need(t, "buurten", &cb, NULL);
	vk_csv_need(t, "inhabitants", &ci, NULL);
	lua_createtable(L, 0, 2);
	for (size_t r = 0; r < vk_csv_nrows(t); r++) {
		if (strcmp(vk_csv_get(t, r, cm), mode) != 0 ||
		    strcmp(vk_csv_get(t, r, cc), cls) != 0)
			continue;
		render_lua_push_field(L, vk_csv_get(t, r, cb), 1);
		lua_setfield(L, -2, "buurten");
		render_lua_push_field(L, vk_csv_get(t, r, ci), 1);
		lua_setfield(L, -2, "inhabitants");
		if (label != NULL && vk_csv_get(t, r, cl)[0] != '\0')
			*label = vk_csv_get(t, r, cl);
		return;
	}
	S_setint(L, "buurten", 0);
	S_setint(L, "inhabitants", 0);
}

static void
S_classes(lua_State *L, render_lua *ctx)
{
	const vk_csv *t = ctx->in->data->summary;
	static const char *const modes[2] = { "absolute", "relative" };

	lua_createtable(L, RENDER_NCLASSES, 0);
	lua_createtable(L, 0, RENDER_NCLASSES);
	for (int i = 0; i < RENDER_NCLASSES; i++) {
		const render_class *c = &render_classes[i];
		const char *label = c->label;

		lua_newtable(L);
		S_setstr(L, "code", c->code);
		S_setstr(L, "colour", c->colour);
		lua_pushboolean(L, c->hatched);
		lua_setfield(L, -2, "hatched");
		for (int m = 0; m < 2; m++) {
			S_summary_row(L, t, modes[m], c->code, &label);
			lua_setfield(L, -2, modes[m]);
		}
		S_setstr(L, "label", label);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, c->code);
		lua_rawseti(L, -3, i + 1);
	}
	lua_setfield(L, -3, "class");
	lua_setfield(L, -2, "classes");
	lua_newtable(L);
	for (int m = 0; m < 2; m++) {
		S_summary_row(L, t, modes[m], "TOTAL", NULL);
		lua_setfield(L, -2, modes[m]);
	}
	lua_setfield(L, -2, "totals");
}

static void
S_params(lua_State *L, render_lua *ctx)
{
	const vk_csv *t = ctx->in->data->params;
	size_t cn, cv, cd;

	vk_csv_need(t, "name", &cn, NULL);
	vk_csv_need(t, "value", &cv, NULL);
	vk_csv_need(t, "description", &cd, NULL);
	lua_createtable(L, (int)vk_csv_nrows(t), 0);
	lua_newtable(L);
	for (size_t r = 0; r < vk_csv_nrows(t); r++) {
		const char *v = vk_csv_get(t, r, cv);
		double num;
		int isnum = vk_num_parse(v, '.', NULL, 0, &num) == 0;

		lua_newtable(L);
		S_setstr(L, "name", vk_csv_get(t, r, cn));
		render_lua_push_field(L, v, isnum);
		lua_setfield(L, -2, "value");
		S_setstr(L, "description", vk_csv_get(t, r, cd));
		lua_rawseti(L, -3, (lua_Integer)r + 1);
		render_lua_push_field(L, v, isnum);
		lua_setfield(L, -2, vk_csv_get(t, r, cn));
	}
	lua_setfield(L, -3, "param");
	lua_setfield(L, -2, "params");
}

void
render_lua_data_push(lua_State *L, render_lua *ctx)
{
	lua_newtable(L);
	S_report(L, ctx);
	S_area_images(L, ctx);
	S_indicators(L, ctx);
	S_areas(L, ctx);
	S_classes(L, ctx);
	S_params(L, ctx);
	render_lua_outlook_push(L, ctx);   /* qs.outlook (render_lua_outlook.c) */
	render_lua_trends_push(L, ctx);    /* qs.trends (render_lua_trends.c) */
	render_notes_push(L, ctx);         /* qs.notes (render_notes.c) */
}
