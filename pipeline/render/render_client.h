/* render_client: the optional `template:` section of a client's config,
 * parsed from the config's YAML tree (vk_config keeps it for us):
 *
 *   template:
 *     memory_mb: 256            # Lua heap of the template, 8..4096
 *     instructions: 200000000   # Lua VM instructions, 1e6..1e11
 *     cpu_seconds: 60           # CPU time of the whole vk-render run, 1..3600
 *     logo: logo.png            # short for images: {logo: logo.png}
 *     images:                   # name -> PNG or JPEG next to the config
 *       foto_overvecht: overvecht.jpg
 *
 * Every key is checked (unknown keys, wrong types, out-of-range numbers,
 * image files that are missing or lie outside the config's folder) and
 * each error names the config file, line and column. Absent keys keep the
 * safe defaults below.
 *
 * Ownership: render_client_load fills a struct the caller releases with
 * render_client_free (also after a failed load). */
#ifndef RENDER_CLIENT_H
#define RENDER_CLIENT_H

#include <stddef.h>

#include "vk_config.h"
#include "vk_err.h"

#define RENDER_CLIENT_MEMORY_MB 256
#define RENDER_CLIENT_INSTRUCTIONS 200000000LL
#define RENDER_CLIENT_CPU_SECONDS 60
#define RENDER_CLIENT_MAX_IMAGES 64

typedef struct render_client_image {
	char *name;          /* what image() is called with, e.g. "logo" */
	char *file;          /* as written in the config */
	char *path;          /* realpath, checked to lie in the config's folder */
	long line, col;      /* of the file name in the config */
} render_client_image;

typedef struct render_client {
	size_t memory;              /* bytes */
	long long instructions;
	int cpu_seconds;
	render_client_image *images;
	size_t nimages;
} render_client;

/* Sets the defaults, then applies cfg's `template:` section if any. */
int render_client_load(const vk_config *cfg, render_client *c, vk_err *e);
void render_client_free(render_client *c);

/* The configured image with this name, or NULL. */
const render_client_image *render_client_image_get(const render_client *c,
                                                    const char *name);

/* Whether s is an identifier ([A-Za-z_][A-Za-z0-9_]*). */
int render_is_ident(const char *s);

#endif
