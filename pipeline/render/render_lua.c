#include "render_lua_priv.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "render_path.h"
#include "vk_out.h"
#include "vk_utf8.h"

/* The hook runs every this many instructions. */
#define S_HOOK_EVERY 1000

volatile sig_atomic_t render_lua_cpu_exceeded;

/* Registry keys (their addresses): chunk name -> folder index, for
 * include_next. */
static const char S_origin_key = 'o';

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
	/* Written so that a huge nsize cannot wrap around. */
	if (nsize > old && nsize - old > ctx->mem_cap - ctx->mem_used)
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

/* Every S_HOOK_EVERY instructions: count, remember where the template is,
 * and stop it when a limit is hit. After that it runs at every instruction
 * and raises each time: a pcall in the template may catch the error, but
 * the next instruction of its caller raises it again, up to the top. */
static void
S_hook(lua_State *L, lua_Debug *ar)
{
	render_lua *ctx = S_ctx(L);

	if (!ctx->fatal) {
		ctx->instructions += S_HOOK_EVERY;
		if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
			snprintf(ctx->pos, sizeof(ctx->pos), "%s:%d",
			         ar->source[0] == '@' ? ar->source + 1 :
			         ar->short_src, ar->currentline);
		if (render_lua_cpu_exceeded)
			snprintf(ctx->fatal_msg, sizeof(ctx->fatal_msg),
			         "template exceeded the CPU time limit of %d s",
			         ctx->in->client->cpu_seconds);
		else if (ctx->instructions > ctx->max_instructions)
			snprintf(ctx->fatal_msg, sizeof(ctx->fatal_msg),
			         "template ran too long (more than %lld Lua "
			         "instructions)", ctx->max_instructions);
		else
			return;
		ctx->fatal = 1;
		lua_sethook(L, S_hook, LUA_MASKCOUNT, 1);
	}
	/* Level 0: inside a hook that is the Lua function running, whose
	 * line the message should name. */
	luaL_where(L, 0);
	lua_pushstring(L, ctx->fatal_msg);
	lua_concat(L, 2);
	lua_error(L);
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

/* xpcall(f, handler, ...): the handler runs after the error has unwound
 * the stack, not as Lua's message handler. Lua calls a message handler
 * with hooks switched off when the error was raised by a hook, so a
 * handler that loops after the instruction or CPU limit could never be
 * stopped. Templates have no debug library, so a handler could not look
 * at the stack anyway. An error in the handler becomes xpcall's result
 * (false, error), as Lua's "error in error handling" would. */
static int
S_xpcall(lua_State *L)
{
	int n = lua_gettop(L);

	luaL_checkany(L, 1);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, 1);
	for (int i = 3; i <= n; i++)
		lua_pushvalue(L, i);
	if (lua_pcall(L, n - 2, LUA_MULTRET, 0) == LUA_OK)
		return lua_gettop(L) - n;     /* true, results... */
	/* stack: ..., true, error */
	lua_pushvalue(L, 2);
	lua_insert(L, -2);
	lua_pcall(L, 1, 1, 0);
	lua_pushboolean(L, 0);
	lua_insert(L, -2);
	return 2;
}

int
render_lua_find(const char *const *dirs, size_t n, const char *name,
                char *buf, size_t size)
{
	for (size_t i = 0; i < n; i++) {
		char *path = render_path_join(dirs[i], name);
		int outside;
		char *real;

		if (path == NULL)
			return -1;
		real = render_path_inside("/", path, &outside);
		if (real != NULL && (size_t)snprintf(buf, size, "%s", path) <
		                    size) {
			free(real);
			free(path);
			return 0;
		}
		free(real);
		free(path);
	}
	return -1;
}

int
render_lua_resolve(render_lua *ctx, const char *name, size_t from,
                   size_t *dir, char **real, char **shown, vk_err *e)
{
	char list[512] = "";

	if (!render_path_plain(name))
		return vk_err_set(e, NULL, 0, 0, "'%s' is not a relative file name "
		                  "inside the template directory", name);
	for (size_t i = from; i < ctx->ndirs; i++) {
		char *path = render_path_join(ctx->dirs[i].dir, name);
		size_t len = strlen(list);
		int outside;

		if (path == NULL)
			return vk_err_io(e, NULL, "out of memory");
		*real = render_path_inside(ctx->dirs[i].real, path, &outside);
		if (*real != NULL) {
			*shown = path;
			*dir = i;
			return 0;
		}
		if (outside) {
			vk_err_set(e, path, 0, 0, "template file lies outside the "
			           "template directory %s (a symlink?)",
			           ctx->dirs[i].dir);
			free(path);
			return -1;
		}
		free(path);
		snprintf(list + len, sizeof(list) - len, "%s%s",
		         len > 0 ? ", " : "", ctx->dirs[i].dir);
	}
	return vk_err_set(e, NULL, 0, 0, "cannot find template file '%s' in %s",
	                  name, from < ctx->ndirs ? list :
	                  "the folders after this one");
}

/* Reads and compiles a template file as text, found through the search
 * path from folder `from`; pushes the chunk with the table at index env as
 * its _ENV and records the folder it came from. */
static int
S_load(lua_State *L, render_lua *ctx, const char *name, size_t from, int env,
       vk_err *e)
{
	char *real, *shown, *src, chunk[1024];
	size_t len, dir;
	int rc, n;

	env = lua_absindex(L, env);
	if (render_lua_resolve(ctx, name, from, &dir, &real, &shown, e) < 0)
		return -1;
	n = snprintf(chunk, sizeof(chunk), "@%s", shown);
	if (n < 0 || (size_t)n >= sizeof(chunk)) {
		vk_err_set(e, shown, 0, 0, "template file name too long");
		free(real);
		free(shown);
		return -1;
	}
	free(shown);
	src = vk_read_file(real, RENDER_LUA_MAX_SOURCE, &len, e);
	free(real);
	if (src == NULL)
		return -1;
	/* "t": a precompiled chunk could break the VM's safety. lua_load is
	 * protected, so src cannot leak here; the calls below may raise a
	 * memory error, so nothing malloc'd is held across them. */
	rc = luaL_loadbufferx(L, src, len, chunk, "t");
	free(src);
	if (rc != LUA_OK) {
		vk_err_set(e, NULL, 0, 0, "%s", lua_tostring(L, -1));
		lua_pop(L, 1);
		return -1;
	}
	lua_pushvalue(L, env);
	if (lua_setupvalue(L, -2, 1) == NULL)
		lua_pop(L, 1);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &S_origin_key);
	lua_pushstring(L, chunk);
	lua_pushinteger(L, (lua_Integer)dir);
	lua_rawset(L, -3);
	lua_pop(L, 1);
	return 0;
}

/* Runs another template file in the same environment and returns what it
 * returns. */
static int
S_include_from(lua_State *L, size_t from, const char *fn)
{
	render_lua *ctx = RENDER_LUA_CTX(L);
	const char *name = render_lua_checkutf8(L, 1, NULL);
	vk_err e;
	int base;

	if (!render_path_plain(name))
		return luaL_argerror(L, 1, "expected a relative file name "
		                     "inside the template directory");
	if (ctx->include_depth >= RENDER_LUA_MAX_INCLUDE_DEPTH)
		return luaL_error(L, "%s: nested more than %d deep", fn,
		                  RENDER_LUA_MAX_INCLUDE_DEPTH);
	if (++ctx->includes > RENDER_LUA_MAX_INCLUDES)
		return luaL_error(L, "%s: more than %d includes", fn,
		                  RENDER_LUA_MAX_INCLUDES);
	lua_settop(L, 1);
	if (S_load(L, ctx, name, from, lua_upvalueindex(2), &e) < 0)
		return render_lua_raise(L, fn, &e);
	base = lua_gettop(L) - 1;
	ctx->include_depth++;
	/* lua_call, not pcall: an error in the included file unwinds to the
	 * template's message handler with the full traceback. */
	lua_call(L, 0, LUA_MULTRET);
	ctx->include_depth--;
	return lua_gettop(L) - base;
}

/* include("style.lua"): the first file of that name on the search path. */
static int
S_include(lua_State *L)
{
	return S_include_from(L, 0, "include");
}

/* include_next("style.lua"): the same search, but only in the folders
 * after the one holding the calling file, so a client's style.lua can
 * start from the default one and change only what differs. */
static int
S_include_next(lua_State *L)
{
	lua_Debug ar;
	lua_Integer dir;

	if (!lua_getstack(L, 1, &ar) || !lua_getinfo(L, "S", &ar))
		return luaL_error(L, "include_next: no calling template file");
	lua_rawgetp(L, LUA_REGISTRYINDEX, &S_origin_key);
	lua_pushstring(L, ar.source);
	if (lua_rawget(L, -2) != LUA_TNUMBER)
		return luaL_error(L, "include_next: must be called from a "
		                  "template file");
	dir = lua_tointeger(L, -1);
	lua_pop(L, 2);
	return S_include_from(L, (size_t)dir + 1, "include_next");
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
		"tostring", "type", "getmetatable", "_VERSION", NULL
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
	/* And the metatable itself is shared by every string: protect it so a
	 * template cannot reach or rewire it through getmetatable(""). */
	lua_pushliteral(L, "");
	if (lua_getmetatable(L, -1)) {
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	lua_newtable(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &S_origin_key);

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
	lua_pushcfunction(L, S_xpcall);
	lua_setfield(L, env, "xpcall");
	lua_pushvalue(L, env);
	lua_setfield(L, env, "_G");
	lua_pushlightuserdata(L, ctx);
	lua_pushvalue(L, env);
	lua_pushcclosure(L, S_include, 2);
	lua_setfield(L, env, "include");
	lua_pushlightuserdata(L, ctx);
	lua_pushvalue(L, env);
	lua_pushcclosure(L, S_include_next, 2);
	lua_setfield(L, env, "include_next");
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
	if (S_load(L, r->ctx, RENDER_LUA_ENTRY, 0, 1, r->e) < 0)
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

/* Where to say a limit was hit when Lua gives no position: the last one
 * the hook saw, else the entry file. */
static const char *
S_where(const render_lua *ctx, char *buf, size_t n)
{
	if (ctx->pos[0] != '\0')
		return ctx->pos;
	if (render_lua_find(ctx->in->tpl_dirs, ctx->in->ntpl_dirs,
	                    RENDER_LUA_ENTRY, buf, n) == 0)
		return buf;
	return RENDER_LUA_ENTRY;
}

static void
S_free_dirs(render_lua *ctx)
{
	for (size_t i = 0; i < ctx->ndirs; i++) {
		free(ctx->dirs[i].dir);
		free(ctx->dirs[i].real);
	}
}

static int
S_dirs(render_lua *ctx, const render_lua_in *in, vk_err *e)
{
	if (in->ntpl_dirs == 0 || in->ntpl_dirs > RENDER_LUA_MAX_DIRS)
		return vk_err_set(e, NULL, 0, 0, "give between 1 and %d template "
		                  "directories", RENDER_LUA_MAX_DIRS);
	for (size_t i = 0; i < in->ntpl_dirs; i++) {
		render_lua_dir *d = &ctx->dirs[i];
		size_t n;

		if ((d->dir = S_strdup(in->tpl_dirs[i])) == NULL)
			return vk_err_io(e, NULL, "out of memory");
		ctx->ndirs++;
		n = strlen(d->dir);
		while (n > 1 && d->dir[n - 1] == '/')
			d->dir[--n] = '\0';
		if ((d->real = realpath(d->dir, NULL)) == NULL)
			return vk_err_set(e, d->dir, 0, 0,
			                  "cannot open template directory");
	}
	return 0;
}

int
render_lua_run(const render_lua_in *in, vk_err *e, char **trace)
{
	render_lua ctx;
	S_run run;
	lua_State *L;
	char where[600];
	int rc = -1, st;

	*trace = NULL;
	memset(&ctx, 0, sizeof(ctx));
	ctx.in = in;
	ctx.mem_cap = in->client->memory;
	ctx.max_instructions = in->client->instructions;
	if (S_dirs(&ctx, in, e) < 0) {
		S_free_dirs(&ctx);
		return -1;
	}
	if ((L = lua_newstate(S_alloc, &ctx)) == NULL) {
		S_free_dirs(&ctx);
		return vk_err_io(e, NULL, "cannot create a Lua state");
	}
	ctx.L = L;
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
			vk_err_set(e, NULL, 0, 0, "%s: template exceeded the memory "
			           "limit of %zu MB", S_where(&ctx, where,
			           sizeof(where)), ctx.mem_cap >> 20);
		else
			S_report(lua_tostring(L, -1), e, trace);
		goto out;
	}
	if (!run.loaded)
		goto out;   /* e says why */
	/* stack: msgh, chunk */
	lua_sethook(L, S_hook, LUA_MASKCOUNT, S_HOOK_EVERY);
	st = lua_pcall(L, 0, 0, 1);
	lua_sethook(L, NULL, 0, 0);
	if (st == LUA_ERRMEM) {
		vk_err_set(e, NULL, 0, 0, "%s: template exceeded the memory limit "
		           "of %zu MB", S_where(&ctx, where, sizeof(where)),
		           ctx.mem_cap >> 20);
		goto out;
	}
	if (st != LUA_OK) {
		const char *msg = lua_tostring(L, -1);

		/* A limit hit while a message handler or __close ran can end
		 * as "error in error handling": say which limit it was. */
		if (ctx.fatal && (msg == NULL ||
		                  strstr(msg, ctx.fatal_msg) == NULL))
			vk_err_set(e, NULL, 0, 0, "%s: %s", S_where(&ctx, where,
			           sizeof(where)), ctx.fatal_msg);
		else
			S_report(msg != NULL ? msg : "template error", e, trace);
		goto out;
	}
	rc = 0;
out:
	lua_close(L);
	S_free_dirs(&ctx);
	return rc;
}
