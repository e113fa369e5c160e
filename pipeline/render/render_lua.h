/* render_lua: runs a report template (Lua 5.4) in a sandbox.
 *
 * Templates come from a search path of folders (vk-render -t, given
 * several times: a client's folder before the default one). report.lua and
 * every include()d file resolve through it, first match wins, so a client
 * folder overrides the default template file by file; include_next() reaches
 * the file a client file overrides. Every file must lie inside the folder
 * it was found in (no "..", no absolute names, no symlinks leading out).
 *
 * Chunks are loaded as text only, into one fresh environment without io,
 * os, package, require, load, loadfile, dofile, debug, collectgarbage or
 * coroutine; string.dump is gone (also through the string metatable, which
 * is protected), math.random too (reports must be reproducible), and
 * setmetatable refuses __gc (Lua runs finalisers with hooks off, so a
 * looping __gc could never be stopped).
 *
 * Limits (render_client.h, configurable per client): the Lua heap through
 * the allocator; Lua instructions through a count hook; CPU time of the
 * whole process through RLIMIT_CPU, set by main, whose SIGXCPU handler sets
 * render_lua_cpu_exceeded for the hook to see. Once the instruction or CPU
 * limit is hit the hook raises at every instruction, so pcall cannot
 * swallow it. C functions (a pathological string.find, table.move over a
 * huge range) are not counted by the hook: only the CPU limit stops those,
 * and main then exits from the signal handler.
 *
 * The template sees its data as the table `qs` (render_lua_data.c) and draws
 * through the page API (render_lua_api.c). */
#ifndef RENDER_LUA_H
#define RENDER_LUA_H

#include <signal.h>
#include <stddef.h>

#include "render_client.h"
#include "render_data.h"
#include "render_pdf.h"
#include "vk_config.h"
#include "vk_err.h"

#define RENDER_LUA_MAX_SOURCE ((size_t)1 << 20)
#define RENDER_LUA_MAX_INCLUDE_DEPTH 16
#define RENDER_LUA_MAX_INCLUDES 10000
#define RENDER_LUA_MAX_DIRS 8
#define RENDER_LUA_ENTRY "report.lua"

typedef struct render_lua_in {
	render_pdf *pdf;
	const render_data *data;
	const char *workdir;           /* where the earlier stages wrote */
	const vk_config *cfg;
	const render_client *client;   /* limits and the config's images */
	const char *const *tpl_dirs;   /* search path as given; first wins */
	size_t ntpl_dirs;
	const char *date;              /* report date in Dutch */
	const char *creator;           /* "vk-render (QuickScan Veerkracht) 0.1.0" */
	/* NULL, or where map{export = name} writes name.png (render_png.h). */
	const char *png_dir;
} render_lua_in;

/* Set to 1 by the caller's SIGXCPU handler; the hook then stops the
 * template with an error naming its position. */
extern volatile sig_atomic_t render_lua_cpu_exceeded;

/* Runs report.lua from the search path. On a template error returns -1
 * with e->msg "dir/file.lua:LINE: message" and *trace the Lua traceback
 * (malloc'd, caller frees; NULL when there is none). */
int render_lua_run(const render_lua_in *in, vk_err *e, char **trace);

/* Writes "dir/name" for the first folder of the search path holding name
 * into buf; returns -1 when none does (or buf is too small). */
int render_lua_find(const char *const *dirs, size_t n, const char *name,
                    char *buf, size_t size);

#endif
