/* render_lua_priv: shared between the sandbox (render_lua.c), the page API
 * bindings (render_lua_api.c) and the data tables (render_lua_data.c). */
#ifndef RENDER_LUA_PRIV_H
#define RENDER_LUA_PRIV_H

#include <lua.h>

#include "render_lua.h"

typedef struct render_lua_dir {
	char *dir;          /* as given, without trailing slashes */
	char *real;         /* its realpath: files must stay inside */
} render_lua_dir;

typedef struct render_lua {
	const render_lua_in *in;
	lua_State *L;
	render_lua_dir dirs[RENDER_LUA_MAX_DIRS];
	size_t ndirs;
	size_t mem_used, mem_cap;
	long long instructions, max_instructions;
	int include_depth;
	long includes;
	/* A limit was hit: the hook raises fatal_msg at every instruction. */
	int fatal;
	char fatal_msg[160];
	/* Where the hook last saw the template ("dir/file.lua:12"), for the
	 * memory error, which Lua raises without a message handler. */
	char pos[600];
} render_lua;

/* The context every binding gets as upvalue 1. */
#define RENDER_LUA_CTX(L) \
	((render_lua *)lua_touserdata((L), lua_upvalueindex(1)))

/* Registers the page API functions in the table at the top of the stack
 * (the template's environment). */
void render_lua_api_open(lua_State *L, render_lua *ctx);
/* Pushes the `qs` table. Raises a Lua error when out of memory. */
void render_lua_data_push(lua_State *L, render_lua *ctx);

/* Finds a template file through the search path, starting at folder
 * `from`: *real gets its realpath, *shown "dir/name" for messages (both
 * malloc'd) and *dir the folder's index. -1 with e filled when no folder
 * has it or the file found lies outside its folder. */
int render_lua_resolve(render_lua *ctx, const char *name, size_t from,
                       size_t *dir, char **real, char **shown, vk_err *e);

/* Checks that argument arg is a string of valid UTF-8 and returns it. */
const char *render_lua_checkutf8(lua_State *L, int arg, size_t *len);
/* Raises a Lua error (with the template position) carrying e's message,
 * prefixed with the function's name. Never returns. */
int render_lua_raise(lua_State *L, const char *fn, const vk_err *e);

/* Pushes a CSV field as a number (numeric column; whole numbers as
 * integers), a string, or nil for an empty or NA field. */
void render_lua_push_field(lua_State *L, const char *s, int numeric);

/* Reads the optional CSV WORKDIR/rel into a holder userdata pushed on the
 * stack (freed by Lua's GC, so a later Lua error cannot leak it). Returns
 * the table, or NULL (holder empty) when the file does not exist; raises a
 * Lua error with file:line on a malformed file. render_lua_csv_close frees
 * the table of the holder at idx early. */
vk_csv *render_lua_csv_open(lua_State *L, const char *workdir,
                            const char *rel);
void render_lua_csv_close(lua_State *L, int idx);
/* A required column of t, or a Lua error naming the file. */
size_t render_lua_csv_col(lua_State *L, const vk_csv *t, const char *name);

#endif
