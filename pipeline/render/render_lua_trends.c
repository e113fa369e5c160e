/* qs.trends: index/trends.csv (vk-index, index_trends.c) as the data of the
 * wijkschets' trend charts:
 *
 *   qs.trends[wijk code].K = { {year = 2016, value = 63.0},
 *                              ... }   (the indicator row, component "*")
 *   qs.trends[wijk code].O = { ... }
 *
 * Years in ascending order; years with NA are left out, so a chart draws
 * only measured points. Component rows stay in the file for checking. The
 * CSV is held by a userdata whose __gc frees it, so a Lua error (the
 * memory cap) while the tables are built cannot leak it. */
#include "render_lua_trends.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>

#include "vk_csv.h"
#include "vk_num.h"

#define S_HOLDER "vk.trends.csv"
#define S_SUFFIX "classify/buurten.csv"

typedef struct {
	vk_csv *t;
} S_holder;

static int
S_holder_gc(lua_State *L)
{
	S_holder *h = luaL_checkudata(L, 1, S_HOLDER);

	vk_csv_free(h->t);
	h->t = NULL;
	return 0;
}

static size_t
S_need(lua_State *L, const vk_csv *t, const char *name)
{
	size_t col;
	vk_err e = { 0 };

	if (vk_csv_need(t, name, &col, &e) != 0)
		luaL_error(L, "%s:%d: %s", e.file[0] ? e.file : vk_csv_path(t),
		           (int)e.line, e.msg);
	return col;
}

void
render_lua_trends_push(lua_State *L, render_lua *ctx)
{
	/* The work directory is the one classify/buurten.csv came from. */
	const char *bp = vk_csv_path(ctx->in->data->buurten);
	size_t len = strlen(bp), slen = strlen(S_SUFFIX), c[5], nr;
	static const char *const cols[5] = { "wijk", "indicator", "component",
	                                     "year", "value" };
	S_holder *h;
	char path[4096];
	vk_err e = { 0 };

	lua_newtable(L);                       /* qs.trends */
	if (len < slen || strcmp(bp + len - slen, S_SUFFIX) != 0 ||
	    len - slen + sizeof("index/trends.csv") > sizeof(path)) {
		lua_setfield(L, -2, "trends");
		return;
	}
	snprintf(path, sizeof(path), "%.*sindex/trends.csv", (int)(len - slen),
	         bp);
	if (access(path, F_OK) != 0) {
		lua_setfield(L, -2, "trends");
		return;
	}
	h = lua_newuserdatauv(L, sizeof(*h), 0);
	h->t = NULL;
	if (luaL_newmetatable(L, S_HOLDER)) {
		lua_pushcfunction(L, S_holder_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	if ((h->t = vk_csv_read(path, NULL, &e)) == NULL)
		luaL_error(L, "%s:%d: %s", e.file[0] ? e.file : path,
		           (int)e.line, e.msg);
	for (int i = 0; i < 5; i++)
		c[i] = S_need(L, h->t, cols[i]);
	nr = vk_csv_nrows(h->t);
	for (size_t r = 0; r < nr; r++) {
		const char *ind = vk_csv_get(h->t, r, c[1]);
		long year = atol(vk_csv_get(h->t, r, c[3]));
		double v;

		/* The file is written sorted by wijk, indicator and year. */
		if (strcmp(vk_csv_get(h->t, r, c[2]), "*") != 0 ||
		    vk_num_parse(vk_csv_get(h->t, r, c[4]), '.', NULL, 0, &v) != 0)
			continue;
		if (year < 1900 || year > 2300)
			luaL_error(L, "%s:%d: expected a year, found \"%s\"", path,
			           (int)vk_csv_line(h->t, r), vk_csv_get(h->t, r, c[3]));
		if (lua_getfield(L, -2, vk_csv_get(h->t, r, c[0])) != LUA_TTABLE) {
			lua_pop(L, 1);
			lua_newtable(L);
			lua_pushvalue(L, -1);
			lua_setfield(L, -4, vk_csv_get(h->t, r, c[0]));
		}
		if (lua_getfield(L, -1, ind) != LUA_TTABLE) {
			lua_pop(L, 1);
			lua_newtable(L);
			lua_pushvalue(L, -1);
			lua_setfield(L, -3, ind);
		}
		lua_createtable(L, 0, 2);
		lua_pushinteger(L, year);
		lua_setfield(L, -2, "year");
		lua_pushnumber(L, v);
		lua_setfield(L, -2, "value");
		lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
		lua_pop(L, 2);
	}
	vk_csv_free(h->t);
	h->t = NULL;
	lua_pop(L, 1);                         /* holder */
	lua_setfield(L, -2, "trends");
}
