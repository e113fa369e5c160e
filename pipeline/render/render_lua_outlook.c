/* qs.outlook: vk-outlook's files (WORKDIR/outlook/, pipeline/FORMATS.md) as
 * the template's data. nil when the work directory has no outlook, or its
 * files hold only their header (a config without an `outlook:` section),
 * so a template can leave the sections out.
 *
 *   qs.outlook.summary   list of records of summary.csv, file order
 *   qs.outlook.inputs    list of records of inputs.csv
 *   qs.outlook.city      list of records of city.csv
 *   qs.outlook.years     {first year, ..., last year} of projections.csv
 *   qs.outlook.series    series[wijk][scenario][segment][variable] =
 *                        {value of the first year, ...}: projections.csv
 *                        as arrays (index i = years[i]; NA is nil)
 *
 * Records as in qs.buurten: every column by its header name, numbers as
 * numbers when the whole column is numeric, NA and empty fields nil.
 * Projections become arrays rather than records, so a city with a hundred
 * wijken and several scenarios stays a few megabytes of Lua heap.
 *
 * The work directory is the one vk-render read classify/buurten.csv from
 * (render_data), so this file needs nothing passed in. Each vk_csv is held
 * by a userdata whose __gc frees it, so a Lua error (the memory cap) while
 * the tables are built cannot leak it. */
#include "render_lua_outlook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "vk_csv.h"
#include "vk_num.h"

/* Why the outlook files are optional: a config without `outlook:` gives
 * header-only files, a work directory without the stage none at all. */
/* Pushes the list of records of t. */
static void
S_records(lua_State *L, const vk_csv *t)
{
	size_t nc = vk_csv_ncols(t), nr = vk_csv_nrows(t);
	char *numeric = lua_newuserdatauv(L, nc + 1, 0);

	for (size_t c = 0; c < nc; c++)
		numeric[c] = (char)vk_csv_numeric(t, c);
	lua_createtable(L, nr > 1000000 ? 0 : (int)nr, 0);
	for (size_t r = 0; r < nr; r++) {
		lua_createtable(L, 0, (int)nc);
		for (size_t c = 0; c < nc; c++) {
			render_lua_push_field(L, vk_csv_get(t, r, c), numeric[c]);
			lua_setfield(L, -2, vk_csv_header(t, c));
		}
		lua_rawseti(L, -2, (lua_Integer)r + 1);
	}
	lua_remove(L, -2); /* numeric */
}

/* Pushes t[key] of the table at idx, creating it when absent. */
static void
S_sub(lua_State *L, int idx, const char *key)
{
	idx = lua_absindex(L, idx);
	if (lua_getfield(L, idx, key) == LUA_TTABLE)
		return;
	lua_pop(L, 1);
	lua_newtable(L);
	lua_pushvalue(L, -1);
	lua_setfield(L, idx, key);
}

/* Pushes qs.outlook.years and leaves qs.outlook.series below it. */
static void
S_series(lua_State *L, const vk_csv *t)
{
	const char *cols[6] = { "wijk", "scenario", "year", "segment",
	                        "variable", "value" };
	size_t c[6], nr = vk_csv_nrows(t);
	long first = 0, last = 0;
	int series;

	for (int i = 0; i < 6; i++)
		c[i] = render_lua_csv_col(L, t, cols[i]);
	for (size_t r = 0; r < nr; r++) {
		long y = atol(vk_csv_get(t, r, c[2]));

		if (y < 1900 || y > 2300)
			luaL_error(L, "%s:%I: expected a year, found \"%s\"",
			           vk_csv_path(t), (lua_Integer)vk_csv_line(t, r),
			           vk_csv_get(t, r, c[2]));
		if (r == 0 || y < first)
			first = y;
		if (r == 0 || y > last)
			last = y;
	}
	lua_newtable(L);
	series = lua_gettop(L);
	for (size_t r = 0; r < nr; r++) {
		double v;

		S_sub(L, series, vk_csv_get(t, r, c[0]));
		S_sub(L, -1, vk_csv_get(t, r, c[1]));
		S_sub(L, -1, vk_csv_get(t, r, c[3]));
		S_sub(L, -1, vk_csv_get(t, r, c[4]));
		if (vk_num_parse(vk_csv_get(t, r, c[5]), '.', NULL, 0, &v) == 0) {
			lua_pushnumber(L, v);
			lua_rawseti(L, -2, atol(vk_csv_get(t, r, c[2])) - first + 1);
		}
		lua_pop(L, 4);
	}
	lua_createtable(L, (int)(last - first + 1), 0);
	for (long y = first; y <= last && nr > 0; y++) {
		lua_pushinteger(L, y);
		lua_rawseti(L, -2, y - first + 1);
	}
}

void
render_lua_outlook_push(lua_State *L, render_lua *ctx)
{
	static const char *const files[4] = { "outlook/summary.csv",
	                                      "outlook/inputs.csv",
	                                      "outlook/city.csv",
	                                      "outlook/projections.csv" };
	static const char *const keys[3] = { "summary", "inputs", "city" };
	int qs = lua_gettop(L), base;
	vk_csv *t[4];

	base = lua_gettop(L);
	for (int i = 0; i < 4; i++)
		t[i] = render_lua_csv_open(L, ctx->in->workdir, files[i]);
	for (int i = 0; i < 4; i++)
		if (t[i] == NULL || vk_csv_nrows(t[i]) == 0) {
			lua_settop(L, base); /* the holders' __gc frees what was read */
			return;
		}
	lua_newtable(L);
	for (int i = 0; i < 3; i++) {
		S_records(L, t[i]);
		lua_setfield(L, -2, keys[i]);
	}
	S_series(L, t[3]);
	lua_setfield(L, -3, "years");
	lua_setfield(L, -2, "series");
	lua_setfield(L, qs, "outlook");
	for (int i = 0; i < 4; i++)
		render_lua_csv_close(L, base + 1 + i);
	lua_settop(L, base);
}
