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

#include <lauxlib.h>

#include "vk_csv.h"
#include "vk_num.h"

void
render_lua_trends_push(lua_State *L, render_lua *ctx)
{
	size_t c[5], nr;
	static const char *const cols[5] = { "wijk", "indicator", "component",
	                                     "year", "value" };
	const vk_csv *t;

	lua_newtable(L);                       /* qs.trends */
	t = render_lua_csv_open(L, ctx->in->workdir, "index/trends.csv");
	if (t == NULL) {
		lua_pop(L, 1);                 /* the empty holder */
		lua_setfield(L, -2, "trends");
		return;
	}
	for (int i = 0; i < 5; i++)
		c[i] = render_lua_csv_col(L, t, cols[i]);
	nr = vk_csv_nrows(t);
	for (size_t r = 0; r < nr; r++) {
		const char *ind = vk_csv_get(t, r, c[1]);
		long year = atol(vk_csv_get(t, r, c[3]));
		double v;

		/* The file is written sorted by wijk, indicator and year. */
		if (strcmp(vk_csv_get(t, r, c[2]), "*") != 0 ||
		    vk_num_parse(vk_csv_get(t, r, c[4]), '.', NULL, 0, &v) != 0)
			continue;
		if (year < 1900 || year > 2300)
			luaL_error(L, "%s:%I: expected a year, found \"%s\"",
			           vk_csv_path(t), (lua_Integer)vk_csv_line(t, r),
			           vk_csv_get(t, r, c[3]));
		if (lua_getfield(L, -2, vk_csv_get(t, r, c[0])) != LUA_TTABLE) {
			lua_pop(L, 1);
			lua_newtable(L);
			lua_pushvalue(L, -1);
			lua_setfield(L, -4, vk_csv_get(t, r, c[0]));
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
	render_lua_csv_close(L, -1);
	lua_pop(L, 1);                         /* holder */
	lua_setfield(L, -2, "trends");
}
