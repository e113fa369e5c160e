/* render_lua_outlook: qs.outlook, the numeric outlook of vk-outlook. */
#ifndef RENDER_LUA_OUTLOOK_H
#define RENDER_LUA_OUTLOOK_H

#include "render_lua_priv.h"

/* Sets field "outlook" of the table at the top of the stack (qs), or
 * leaves it nil when the work directory has no outlook. Raises a Lua error
 * naming the file when an outlook file is malformed. */
void render_lua_outlook_push(lua_State *L, render_lua *ctx);

#endif
