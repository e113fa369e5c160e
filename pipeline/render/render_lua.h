/* render_lua: runs a report template (Lua 5.4) in a sandbox.
 *
 * The template directory holds report.lua (the entry point) and whatever it
 * include()s. Chunks are loaded as text only, into one fresh environment
 * without io, os, package, require, load, loadfile, dofile, debug or
 * collectgarbage; string.dump is gone (also through the string metatable),
 * math.random too (reports must be reproducible), and setmetatable refuses
 * __gc. Memory is capped by the allocator, run time by an instruction-count
 * hook (C functions such as string.find are not counted: main also caps the
 * process's CPU time).
 *
 * The template sees its data as the table `qs` (render_lua_data.c) and draws
 * through the page API (render_lua_api.c). */
#ifndef RENDER_LUA_H
#define RENDER_LUA_H

#include <stddef.h>

#include "render_data.h"
#include "render_pdf.h"
#include "vk_config.h"
#include "vk_err.h"

#define RENDER_LUA_MAX_MEMORY ((size_t)256 << 20)
#define RENDER_LUA_MAX_INSTRUCTIONS 200000000L
#define RENDER_LUA_MAX_SOURCE ((size_t)1 << 20)
#define RENDER_LUA_MAX_INCLUDE_DEPTH 16

typedef struct render_lua_in {
	render_pdf *pdf;
	const render_data *data;
	const vk_config *cfg;
	const char *tpl_dir;     /* as given: chunk names start with it */
	const char *date;        /* report date in Dutch */
	const char *creator;     /* "vk-render (QuickScan Veerkracht) 0.1.0" */
} render_lua_in;

/* Runs tpl_dir/report.lua. On a template error returns -1 with e->msg
 * "tpl_dir/report.lua:LINE: message" and *trace the Lua traceback
 * (malloc'd, caller frees; NULL when there is none). */
int render_lua_run(const render_lua_in *in, vk_err *e, char **trace);

#endif
