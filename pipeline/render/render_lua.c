#include "render_lua_priv.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "vk_out.h"
#include "vk_utf8.h"

/* The memory budget lives in the allocator: every allocation of the state
 * passes here. */
static void *
S_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	render_lua *ctx = ud;
	/* With ptr == NULL, osize is a type tag, not a size. */
	size_t old = ptr != NULL ? osize : 0;
	void *p;

	if (nsize == 0) {
		free(ptr);
		ctx->mem_used -= old;
		return NULL;
	}
	if (nsize > old && ctx->mem_used - old + nsize > ctx->mem_cap)
		return NULL;
	p = realloc(ptr, nsize);
	if (p == NULL) {
		/* Lua assumes a shrink cannot fail: keep the old block. */
		return nsize <= old ? ptr : NULL;
	}
	ctx->mem_used = ctx->mem_used - old + nsize;
	return p;
}

static render_lua *
S_ctx(lua_State *L)
{
	return *(render_lua **)lua_getextraspace(L);
}

/* Every 1000 instructions: stop runaway templates. */
static void
S_hook(lua_State *L, lua_Debug *ar)
{
	render_lua *ctx = S_ctx(L);

	(void)ar;
	ctx->instructions += 1000;
	if (ctx->instructions > RENDER_LUA_MAX_INSTRUCTIONS) {
		/* Level 0: inside a hook that is the Lua function running, whose
		 * line the message should name. */
		luaL_where(L, 0);
		lua_pushfstring(L, "template ran too long (more than %d million "
		                "Lua instructions)",
		                (int)(RENDER_LUA_MAX_INSTRUCTIONS / 1000000));
		lua_concat(L, 2);
		lua_error(L);
	}
}

static int
S_msgh(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);

	if (msg == NULL) {
		if (luaL_callmeta(L, 1, "__tostring") &&
		    lua_type(L, -1) == LUA_TSTRING)
			msg = lua_tostring(L, -1);
		else
			msg = lua_pushfstring(L, "(error object is a %s value)",
			                      luaL_typename(L, 1));
	}
	luaL_traceback(L, L, msg, 1);
	return 1;
}

const char *
render_lua_checkutf8(lua_State *L, int arg, size_t *len)
{
	size_t n, bad;
	const char *s = luaL_checklstring(L, arg, &n);

	if ((bad = vk_utf8_check(s, n)) != (size_t)-1)
		luaL_argerror(L, arg, lua_pushfstring(L, "invalid UTF-8 at byte "
		              "%d", (int)bad + 1));
	if (strlen(s) != n)
		luaL_argerror(L, arg, "string contains a NUL byte");
	if (len != NULL)
		*len = n;
	return s;
}

int
render_lua_raise(lua_State *L, const char *fn, const vk_err *e)
{
	if (e->file[0] != '\0')
		return luaL_error(L, "%s: %s: %s", fn, e->file, e->msg);
	return luaL_error(L, "%s: %s", fn, e->msg);
}

/* setmetatable without __gc: Lua turns the instruction hook off while a
 * finaliser runs, so a looping __gc would hang lua_close. */
static int
S_setmetatable(lua_State *L)
{
	int t = lua_type(L, 2);

	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
	if (t == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L, "__gc metamethods are not allowed "
			                  "in templates");
		lua_pop(L, 1);
	}
	if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
		return luaL_error(L, "cannot change a protected metatable");
	lua_settop(L, 2);
	lua_setmetatable(L, 1);
	return 1;
}

/* Reads and compiles a template file as text; pushes the chunk with the
 * table at index env as its _ENV. name is relative to the template dir. */
static int
S_load(lua_State *L, render_lua *ctx, const char *name, int env, vk_err *e)
{
	size_t n = strlen(ctx->dir) + strlen(name) + 2, len;
	char *path = malloc(n), *real, *src, *chunk;
	size_t dl = strlen(ctx->dir_real);
	int rc;

	if (path == NULL)
		return vk_err_io(e, NULL, "out of memory");
	snprintf(path, n, "%s/%s", ctx->dir, name);
	/* Resolve symlinks: a link may not lead out of the template dir. */
	real = realpath(path, NULL);
	if (real == NULL) {
		vk_err_set(e, path, 0, 0, "cannot open template file");
		free(path);
		return -1;
	}
	if (strncmp(real, ctx->dir_real, dl) != 0 || real[dl] != '/') {
		vk_err_set(e, path, 0, 0, "template file lies outside the "
		           "template directory");
		free(real);
		free(path);
		return -1;
	}
	src = vk_read_file(real, RENDER_LUA_MAX_SOURCE, &len, e);
	free(real);
	if (src == NULL) {
		free(path);
		return -1;
	}
	if ((chunk = malloc(n + 1)) == NULL) {
		free(src);
		free(path);
		return vk_err_io(e, NULL, "out of memory");
	}
	snprintf(chunk, n + 1, "@%s", path);
	free(path);
	/* "t": a precompiled chunk could break the VM's safety. */
	rc = luaL_loadbufferx(L, src, len, chunk, "t");
	free(src);
	free(chunk);
	if (rc != LUA_OK) {
		vk_err_set(e, NULL, 0, 0, "%s", lua_tostring(L, -1));
		lua_pop(L, 1);
		return -1;
	}
	lua_pushvalue(L, env);
	if (lua_setupvalue(L, -2, 1) == NULL)
		lua_pop(L, 1);
	return 0;
}

/* Is name a plain relative path: no "..", no "." segments, not absolute,
 * no backslashes or empty segments? */
static int
S_plain_name(const char *name)
{
	const char *p = name;

	if (*p == '\0' || *p == '/')
		return 0;
	while (*p != '\0') {
		const char *seg = p;
		size_t n;

		while (*p != '\0' && *p != '/')
			p++;
		n = (size_t)(p - seg);
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (*p == '/')
			p++;
		if (*p == '\0' && p[-1] == '/')
			return 0;
	}
	return strchr(name, '\\') == NULL;
}

/* include("style.lua"): runs another file of the template directory in the
 * same environment and returns what it returns. */
static int
S_include(lua_State *L)
{
	render_lua *ctx = RENDER_LUA_CTX(L);
	const char *name = render_lua_checkutf8(L, 1, NULL);
	vk_err e;
	int base, rc;

	if (!S_plain_name(name))
		return luaL_argerror(L, 1, "expected a relative file name "
		                     "inside the template directory");
	if (ctx->include_depth >= RENDER_LUA_MAX_INCLUDE_DEPTH)
		return luaL_error(L, "include: nested more than %d deep",
		                  RENDER_LUA_MAX_INCLUDE_DEPTH);
	if (S_load(L, ctx, name, lua_upvalueindex(2), &e) < 0)
		return render_lua_raise(L, "include", &e);
	base = lua_gettop(L) - 1;
	ctx->include_depth++;
	/* lua_call, not pcall: an error in the included file unwinds to the
	 * template's message handler with the full traceback. */
	lua_call(L, 0, LUA_MULTRET);
	ctx->include_depth--;
	rc = lua_gettop(L) - base;
	return rc;
}

/* Copies the named fields of the table at src into the table at dst. */
static void
S_copy(lua_State *L, int src, int dst, const char *const *names)
{
	for (size_t i = 0; names[i] != NULL; i++) {
		lua_getfield(L, src, names[i]);
		lua_setfield(L, dst, names[i]);
	}
}

/* A copy of a library table without the listed functions. */
static void
S_copy_lib(lua_State *L, const char *lib, const char *const *drop, int env)
{
	lua_getglobal(L, lib);
	lua_newtable(L);
	lua_pushnil(L);
	while (lua_next(L, -3) != 0) {
		int keep = 1;

		if (lua_type(L, -2) == LUA_TSTRING)
			for (size_t i = 0; drop[i] != NULL; i++)
				if (strcmp(lua_tostring(L, -2), drop[i]) == 0)
					keep = 0;
		if (keep) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, -4);
		} else {
			lua_pop(L, 1);
		}
	}
	lua_setfield(L, env, lib);
	lua_pop(L, 1);
}

/* Pushes the template environment. */
static void
S_env(lua_State *L, render_lua *ctx)
{
	static const char *const base[] = {
		"assert", "error", "ipairs", "next", "pairs", "pcall",
		"rawequal", "rawget", "rawlen", "rawset", "select", "tonumber",
		"tostring", "type", "xpcall", "getmetatable", "_VERSION", NULL
	};
	static const char *const none[] = { NULL };
	static const char *const nomath[] = { "random", "randomseed", NULL };
	int env;

	luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
	luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
	luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
	luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
	luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
	lua_pop(L, 5);
	/* The string metatable's __index is this very table: removing dump
	 * here also removes ("").dump. */
	lua_getglobal(L, LUA_STRLIBNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);

	lua_newtable(L);
	env = lua_gettop(L);
	lua_pushglobaltable(L);
	S_copy(L, -1, env, base);
	lua_pop(L, 1);
	S_copy_lib(L, LUA_STRLIBNAME, none, env);
	S_copy_lib(L, LUA_TABLIBNAME, none, env);
	S_copy_lib(L, LUA_MATHLIBNAME, nomath, env);
	S_copy_lib(L, LUA_UTF8LIBNAME, none, env);
	lua_pushcfunction(L, S_setmetatable);
	lua_setfield(L, env, "setmetatable");
	lua_pushvalue(L, env);
	lua_setfield(L, env, "_G");
	lua_pushlightuserdata(L, ctx);
	lua_pushvalue(L, env);
	lua_pushcclosure(L, S_include, 2);
	lua_setfield(L, env, "include");
	render_lua_api_open(L, ctx);
	render_lua_data_push(L, ctx);
	lua_setfield(L, env, "qs");
}

typedef struct S_run {
	render_lua *ctx;
	vk_err *e;
	int loaded;
} S_run;

/* Builds the environment and compiles report.lua, in protected mode since
 * both allocate and may hit the memory cap. Returns the chunk, or nothing
 * with r->e filled. */
static int
S_prepare(lua_State *L)
{
	S_run *r = lua_touserdata(L, 1);

	lua_settop(L, 0);
	S_env(L, r->ctx);
	if (S_load(L, r->ctx, "report.lua", 1, r->e) < 0)
		return 0;
	r->loaded = 1;
	return 1;
}

static char *
S_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

/* Splits Lua's "message\nstack traceback:..." into e->msg and *trace. */
static void
S_report(const char *msg, vk_err *e, char **trace)
{
	const char *nl = strchr(msg, '\n');
	int n = nl != NULL ? (int)(nl - msg) : (int)strlen(msg);

	vk_err_set(e, NULL, 0, 0, "%.*s", n, msg);
	if (nl != NULL && trace != NULL)
		*trace = S_strdup(nl + 1);
}

int
render_lua_run(const render_lua_in *in, vk_err *e, char **trace)
{
	render_lua ctx;
	S_run run;
	lua_State *L;
	size_t n;
	int rc = -1, st;

	*trace = NULL;
	memset(&ctx, 0, sizeof(ctx));
	ctx.in = in;
	ctx.mem_cap = RENDER_LUA_MAX_MEMORY;
	if ((ctx.dir = S_strdup(in->tpl_dir)) == NULL)
		return vk_err_io(e, NULL, "out of memory");
	n = strlen(ctx.dir);
	while (n > 1 && ctx.dir[n - 1] == '/')
		ctx.dir[--n] = '\0';
	if ((ctx.dir_real = realpath(ctx.dir, NULL)) == NULL) {
		vk_err_set(e, ctx.dir, 0, 0, "cannot open template directory");
		free(ctx.dir);
		return -1;
	}
	if ((L = lua_newstate(S_alloc, &ctx)) == NULL) {
		free(ctx.dir_real);
		free(ctx.dir);
		return vk_err_io(e, NULL, "cannot create a Lua state");
	}
	*(render_lua **)lua_getextraspace(L) = &ctx;
	run.ctx = &ctx;
	run.e = e;
	run.loaded = 0;

	/* Environment and report.lua, both in protected mode. */
	lua_pushcfunction(L, S_msgh);
	lua_pushcfunction(L, S_prepare);
	lua_pushlightuserdata(L, &run);
	st = lua_pcall(L, 1, 1, 1);
	if (st != LUA_OK) {
		if (st == LUA_ERRMEM)
			vk_err_set(e, NULL, 0, 0, "template exceeded the memory "
			           "limit of %zu MB", RENDER_LUA_MAX_MEMORY >> 20);
		else
			S_report(lua_tostring(L, -1), e, trace);
		goto out;
	}
	if (!run.loaded)
		goto out;   /* e says why */
	/* stack: msgh, chunk */
	lua_sethook(L, S_hook, LUA_MASKCOUNT, 1000);
	st = lua_pcall(L, 0, 0, 1);
	lua_sethook(L, NULL, 0, 0);
	if (st == LUA_ERRMEM) {
		vk_err_set(e, NULL, 0, 0, "template exceeded the memory limit "
		           "of %zu MB", RENDER_LUA_MAX_MEMORY >> 20);
		goto out;
	}
	if (st != LUA_OK) {
		const char *msg = lua_tostring(L, -1);

		S_report(msg != NULL ? msg : "template error", e, trace);
		goto out;
	}
	rc = 0;
out:
	lua_close(L);
	free(ctx.dir_real);
	free(ctx.dir);
	return rc;
}
