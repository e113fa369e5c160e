/* render_lua_trends: qs.trends, K and O per wijk and year (index/trends.csv). */
#ifndef RENDER_LUA_TRENDS_H
#define RENDER_LUA_TRENDS_H

#include "render_lua_priv.h"

/* Sets field "trends" of the table at the top of the stack (qs): an empty
 * table when the work directory has no index/trends.csv (an older run).
 * Raises a Lua error naming the file when it is malformed. */
void render_lua_trends_push(lua_State *L, render_lua *ctx);

#endif
