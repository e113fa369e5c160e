/* render_lua_priv: shared between the sandbox (render_lua.c), the page API
 * bindings (render_lua_api.c) and the data tables (render_lua_data.c). */
#ifndef RENDER_LUA_PRIV_H
#define RENDER_LUA_PRIV_H

#include <lua.h>

#include "render_lua.h"

typedef struct render_lua {
	const render_lua_in *in;
	char *dir;          /* tpl_dir without trailing slashes */
	char *dir_real;     /* its realpath, for include() */
	size_t mem_used, mem_cap;
	long instructions;
	int include_depth;
} render_lua;

/* The context every binding gets as upvalue 1. */
#define RENDER_LUA_CTX(L) \
	((render_lua *)lua_touserdata((L), lua_upvalueindex(1)))

/* Registers the page API functions in the table at the top of the stack
 * (the template's environment). */
void render_lua_api_open(lua_State *L, render_lua *ctx);
/* Pushes the `qs` table. Raises a Lua error when out of memory. */
void render_lua_data_push(lua_State *L, render_lua *ctx);

/* Checks that argument arg is a string of valid UTF-8 and returns it. */
const char *render_lua_checkutf8(lua_State *L, int arg, size_t *len);
/* Raises a Lua error (with the template position) carrying e's message,
 * prefixed with the function's name. Never returns. */
int render_lua_raise(lua_State *L, const char *fn, const vk_err *e);

#endif
