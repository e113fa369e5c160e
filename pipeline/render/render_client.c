#include "render_client.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_path.h"
#include "vk_num.h"

/* "expected WHAT for "KEY"" at node n. */
static int
S_fail(const vk_config *cfg, const vk_ynode *n, vk_err *e, const char *what,
       const char *key)
{
	return vk_err_set(e, cfg->path, n->line, n->col,
	                  "expected %s for \"%s\"", what, key);
}

/* A whole number in [lo, hi] from a plain (unquoted) scalar. */
static int
S_int(const vk_config *cfg, const vk_ynode *v, const char *key, double lo,
      double hi, double *out, vk_err *e)
{
	double d;

	if (v->kind != VK_Y_SCALAR || !v->plain ||
	    vk_num_parse(v->str, '.', NULL, 0, &d) != 0 || d != floor(d))
		return S_fail(cfg, v, e, "a whole number", key);
	if (d < lo || d > hi)
		return vk_err_set(e, cfg->path, v->line, v->col,
		                  "\"%s\" must be between %.0f and %.0f, found %s",
		                  key, lo, hi, v->str);
	*out = d;
	return 0;
}

/* Image and colour names are identifiers: an image name can never be
 * mistaken for a template file name (which has a dot), a colour name never
 * for "#RRGGBB". */
int
render_is_ident(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return 0;
	for (s++; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int
S_image(const vk_config *cfg, render_client *c, const vk_ynode *k,
        const vk_ynode *v, const char *dir_real, vk_err *e)
{
	render_client_image *im;
	char *path;
	int outside;

	if (!render_is_ident(k->str))
		return vk_err_set(e, cfg->path, k->line, k->col,
		                  "image name \"%s\" must be a name like "
		                  "foto_wijk (letters, digits, _)", k->str);
	if (render_client_image_get(c, k->str) != NULL)
		return vk_err_set(e, cfg->path, k->line, k->col,
		                  "image \"%s\" is given twice (logo is short for "
		                  "images: {logo: ...})", k->str);
	if (v->kind != VK_Y_SCALAR || v->str[0] == '\0')
		return S_fail(cfg, v, e, "a file name", k->str);
	if (!render_path_plain(v->str))
		return vk_err_set(e, cfg->path, v->line, v->col,
		                  "image file \"%s\" must be a relative name inside "
		                  "the config's folder (no \"..\", not absolute)",
		                  v->str);
	if (c->nimages >= RENDER_CLIENT_MAX_IMAGES)
		return vk_err_set(e, cfg->path, k->line, k->col,
		                  "more than %d images", RENDER_CLIENT_MAX_IMAGES);
	if ((path = render_path_join(cfg->dir, v->str)) == NULL)
		return vk_err_io(e, cfg->path, "out of memory");
	im = &c->images[c->nimages];
	memset(im, 0, sizeof(*im));
	im->path = render_path_inside(dir_real, path, &outside);
	free(path);
	if (im->path == NULL)
		return vk_err_set(e, cfg->path, v->line, v->col, outside ?
		                  "image file \"%s\" leads outside the config's "
		                  "folder (a symlink?)" :
		                  "image file \"%s\" does not exist", v->str);
	c->nimages++;
	im->name = strdup(k->str);
	im->file = strdup(v->str);
	im->line = v->line;
	im->col = v->col;
	if (im->name == NULL || im->file == NULL)
		return vk_err_io(e, cfg->path, "out of memory");
	return 0;
}

static int
S_parse(const vk_config *cfg, render_client *c, const vk_ynode *t,
        const char *dir_real, vk_err *e)
{
	static const char *const keys[] = { "memory_mb", "instructions",
	                                    "cpu_seconds", "logo", "images",
	                                    NULL };
	double d;

	if (t->kind != VK_Y_MAP)
		return vk_err_set(e, cfg->path, t->line, t->col,
		                  "expected a mapping for \"template\", found %s",
		                  vk_ykind_name(t->kind));
	if (vk_ymap_only(t, keys, "template", cfg->path, e) != 0)
		return -1;
	c->images = calloc(RENDER_CLIENT_MAX_IMAGES, sizeof(*c->images));
	if (c->images == NULL)
		return vk_err_io(e, cfg->path, "out of memory");
	for (size_t i = 0; i < t->n; i++) {
		const vk_ynode *k = t->items[2 * i], *v = t->items[2 * i + 1];

		if (strcmp(k->str, "memory_mb") == 0) {
			if (S_int(cfg, v, k->str, 8, 4096, &d, e) < 0)
				return -1;
			c->memory = (size_t)d << 20;
		} else if (strcmp(k->str, "instructions") == 0) {
			if (S_int(cfg, v, k->str, 1e6, 1e11, &d, e) < 0)
				return -1;
			c->instructions = (long long)d;
		} else if (strcmp(k->str, "cpu_seconds") == 0) {
			if (S_int(cfg, v, k->str, 1, 3600, &d, e) < 0)
				return -1;
			c->cpu_seconds = (int)d;
		} else if (strcmp(k->str, "logo") == 0) {
			if (S_image(cfg, c, k, v, dir_real, e) < 0)
				return -1;
		} else {   /* images */
			if (v->kind != VK_Y_MAP)
				return S_fail(cfg, v, e, "a mapping name: file",
				              k->str);
			for (size_t j = 0; j < v->n; j++)
				if (S_image(cfg, c, v->items[2 * j],
				            v->items[2 * j + 1], dir_real, e) < 0)
					return -1;
		}
	}
	return 0;
}

int
render_client_load(const vk_config *cfg, render_client *c, vk_err *e)
{
	const vk_ynode *t = vk_config_section(cfg, "template");
	char *dir_real;
	int rc;

	memset(c, 0, sizeof(*c));
	c->memory = (size_t)RENDER_CLIENT_MEMORY_MB << 20;
	c->instructions = RENDER_CLIENT_INSTRUCTIONS;
	c->cpu_seconds = RENDER_CLIENT_CPU_SECONDS;
	if (t == NULL)
		return 0;
	if ((dir_real = realpath(cfg->dir, NULL)) == NULL)
		return vk_err_set(e, cfg->path, 0, 0,
		                  "cannot resolve the config's folder");
	rc = S_parse(cfg, c, t, dir_real, e);
	free(dir_real);
	return rc;
}

void
render_client_free(render_client *c)
{
	for (size_t i = 0; i < c->nimages; i++) {
		free(c->images[i].name);
		free(c->images[i].file);
		free(c->images[i].path);
	}
	free(c->images);
	c->images = NULL;
	c->nimages = 0;
}

const render_client_image *
render_client_image_get(const render_client *c, const char *name)
{
	for (size_t i = 0; i < c->nimages; i++)
		if (strcmp(c->images[i].name, name) == 0)
			return &c->images[i];
	return NULL;
}
