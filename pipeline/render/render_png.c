#include "render_png.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Only to read which TrueType file stands behind a font alias: the image
 * must use the very file the PDF embeds. */
#include "render_pdf_priv.h"
#include "vk_draw_cairo.h"

int
render_png_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > RENDER_PNG_MAX_NAME)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

static int
S_font_file(void *arg, const char *alias, char *buf, size_t size)
{
	const render_pdf *d = arg;

	for (int i = 0; i < d->nfonts; i++) {
		if (strcmp(d->fonts[i].alias, alias) == 0) {
			int k = snprintf(buf, size, "%s/%s", d->font_dir,
			                 d->fonts[i].file);

			return k >= 0 && (size_t)k < size ? 0 : -1;
		}
	}
	return -1;
}

int
render_png_map(render_pdf *pdf, const char *dir, const char *name,
               const render_map_area *a, size_t n,
               const render_map_edge *edges, size_t nedges,
               const render_map_opts *o, vk_err *e)
{
	vk_draw_cairo *c;
	vk_draw dr, measure;
	render_map_result res;
	char path[sizeof(e->file)];
	int rc;

	if (!render_png_name_ok(name))
		return vk_err_set(e, NULL, 0, 0, "bad export name '%s'", name);
	if ((size_t)snprintf(path, sizeof(path), "%s/%s.png", dir, name) >=
	    sizeof(path))
		return vk_err_set(e, NULL, 0, 0, "PNG directory name too long");
	c = vk_draw_cairo_new(o->box[0], o->box[1], o->box[2], o->box[3],
	                      RENDER_PNG_DPI, S_font_file, pdf, e);
	if (c == NULL) {
		snprintf(e->file, sizeof(e->file), "%s", path);
		return -1;
	}
	render_pdf_draw(pdf, &measure);
	vk_draw_cairo_measure(c, &measure);
	vk_draw_cairo_get(c, &dr);
	rc = render_map_draw(&dr, a, n, edges, nedges, o, &res, e);
	render_map_result_free(&res);
	if (rc == 0 && dr.ops->failed(dr.ctx))
		rc = vk_err_set(e, path, 0, 0, "drawing the map failed: %s",
		                vk_draw_cairo_error(c));
	else if (rc < 0 && e->file[0] == '\0')
		snprintf(e->file, sizeof(e->file), "%s", path);
	if (rc == 0)
		rc = vk_draw_cairo_write_png(c, path, e);
	vk_draw_cairo_free(c);
	return rc;
}
