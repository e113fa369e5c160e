/* render_notes: the consultant's notes per wijk, the optional `wijken:`
 * section of a client's config, checked and handed to the template as
 * qs.notes (schema in render_notes.c and README.md). */
#ifndef RENDER_NOTES_H
#define RENDER_NOTES_H

#include "render_lua_priv.h"

/* Sets field "notes" of the table at the top of the stack (qs): wijk code
 * -> notes table; empty when the config has no `wijken:` section. Raises a
 * Lua error "config:LINE:COL: message" on any schema error. */
void render_notes_push(lua_State *L, render_lua *ctx);

#endif
