#include "vk_draw_cairo.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-ft.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "vk_out.h"

#define S_MAX_SAVE 32
#define S_MAX_FONTS 8

typedef struct S_face {
	char alias[32];
	cairo_font_face_t *face;
} S_face;

struct vk_draw_cairo {
	cairo_surface_t *surf;
	cairo_t *cr;
	int w, h;
	/* cairo has one source colour; the interface has a fill and a stroke
	 * colour, saved and restored with the graphics state. */
	vk_rgb fill[S_MAX_SAVE], stroke[S_MAX_SAVE];
	int depth;
	S_face fonts[S_MAX_FONTS];
	int nfonts;
	vk_draw_cairo_font_fn font_file;
	void *font_arg;
	const vk_draw *measure;
	char err[256];
};

/* One FreeType library for the process, never freed: cairo may keep a font
 * face (and so its FT_Face) in its font caches after the image is gone, and
 * the face must not outlive its library. */
static FT_Library S_ft;

static void S_fail(vk_draw_cairo *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The first error sticks (vk_draw.h). */
static void
S_fail(vk_draw_cairo *c, const char *fmt, ...)
{
	va_list ap;

	if (c->err[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(c->err, sizeof(c->err), fmt, ap);
	va_end(ap);
}

static const cairo_user_data_key_t S_face_key;

static void
S_face_done(void *p)
{
	FT_Done_Face((FT_Face)p);
}

static cairo_font_face_t *
S_font(vk_draw_cairo *c, const char *alias)
{
	char path[1024];
	cairo_font_face_t *cf;
	FT_Face face;

	for (int i = 0; i < c->nfonts; i++)
		if (strcmp(c->fonts[i].alias, alias) == 0)
			return c->fonts[i].face;
	if (c->nfonts == S_MAX_FONTS || strlen(alias) >= sizeof(c->fonts[0].alias) ||
	    c->font_file == NULL ||
	    c->font_file(c->font_arg, alias, path, sizeof(path)) < 0) {
		S_fail(c, "unknown font '%s'", alias);
		return NULL;
	}
	if (S_ft == NULL && FT_Init_FreeType(&S_ft) != 0) {
		S_ft = NULL;
		S_fail(c, "%s", "cannot initialise FreeType");
		return NULL;
	}
	if (FT_New_Face(S_ft, path, 0, &face) != 0) {
		S_fail(c, "cannot load font file %s", path);
		return NULL;
	}
	cf = cairo_ft_font_face_create_for_ft_face(face, 0);
	/* cairo frees the FT_Face once the font face's last reference goes. */
	if (cairo_font_face_set_user_data(cf, &S_face_key, face, S_face_done) !=
	    CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(cf);
		FT_Done_Face(face);
		S_fail(c, "%s", "out of memory");
		return NULL;
	}
	snprintf(c->fonts[c->nfonts].alias, sizeof(c->fonts[0].alias), "%s",
	         alias);
	c->fonts[c->nfonts++].face = cf;
	return cf;
}

static int
S_ok(vk_draw_cairo *c)
{
	return c->err[0] == '\0' && cairo_status(c->cr) == CAIRO_STATUS_SUCCESS;
}

static void
S_save(void *ctx)
{
	vk_draw_cairo *c = ctx;

	if (c->depth + 1 >= S_MAX_SAVE) {
		S_fail(c, "%s", "graphics states nested too deep");
		return;
	}
	c->fill[c->depth + 1] = c->fill[c->depth];
	c->stroke[c->depth + 1] = c->stroke[c->depth];
	c->depth++;
	cairo_save(c->cr);
}

static void
S_restore(void *ctx)
{
	vk_draw_cairo *c = ctx;

	if (c->depth == 0) {
		S_fail(c, "%s", "restore without save");
		return;
	}
	c->depth--;
	cairo_restore(c->cr);
}

static void
S_moveto(void *ctx, double x, double y)
{
	cairo_move_to(((vk_draw_cairo *)ctx)->cr, x, y);
}

static void
S_lineto(void *ctx, double x, double y)
{
	cairo_line_to(((vk_draw_cairo *)ctx)->cr, x, y);
}

static void
S_close(void *ctx)
{
	cairo_close_path(((vk_draw_cairo *)ctx)->cr);
}

static void
S_source(vk_draw_cairo *c, vk_rgb v)
{
	cairo_set_source_rgb(c->cr, v.r, v.g, v.b);
}

static void
S_fill(void *ctx)
{
	vk_draw_cairo *c = ctx;

	S_source(c, c->fill[c->depth]);
	cairo_fill(c->cr);
}

static void
S_stroke(void *ctx)
{
	vk_draw_cairo *c = ctx;

	S_source(c, c->stroke[c->depth]);
	cairo_stroke(c->cr);
}

static void
S_fill_stroke(void *ctx)
{
	vk_draw_cairo *c = ctx;

	S_source(c, c->fill[c->depth]);
	cairo_fill_preserve(c->cr);
	S_source(c, c->stroke[c->depth]);
	cairo_stroke(c->cr);
}

static void
S_clip(void *ctx)
{
	cairo_clip(((vk_draw_cairo *)ctx)->cr);
}

static void
S_fill_colour(void *ctx, vk_rgb v)
{
	vk_draw_cairo *c = ctx;

	c->fill[c->depth] = v;
}

static void
S_stroke_colour(void *ctx, vk_rgb v)
{
	vk_draw_cairo *c = ctx;

	c->stroke[c->depth] = v;
}

static void
S_line_width(void *ctx, double w)
{
	cairo_set_line_width(((vk_draw_cairo *)ctx)->cr, w);
}

static int
S_set_font(vk_draw_cairo *c, const char *font, double size)
{
	cairo_font_face_t *f = S_font(c, font);

	if (f == NULL)
		return -1;
	cairo_set_font_face(c->cr, f);
	cairo_set_font_size(c->cr, size);
	return 0;
}

static void
S_text(void *ctx, const char *font, double size, double x, double y,
       const char *s, int outline)
{
	vk_draw_cairo *c = ctx;

	if (S_set_font(c, font, size) < 0)
		return;
	cairo_move_to(c->cr, x, y);
	if (outline) {
		/* The halo: the glyph outlines stroked, as PDF text render mode
		 * 1 does. */
		cairo_text_path(c->cr, s);
		S_source(c, c->stroke[c->depth]);
		cairo_stroke(c->cr);
	} else {
		S_source(c, c->fill[c->depth]);
		cairo_show_text(c->cr, s);
		cairo_new_path(c->cr);
	}
}

static double
S_text_width(void *ctx, const char *font, double size, const char *s)
{
	vk_draw_cairo *c = ctx;
	cairo_text_extents_t te;

	if (c->measure != NULL)
		return c->measure->ops->text_width(c->measure->ctx, font, size, s);
	if (S_set_font(c, font, size) < 0)
		return -1;
	cairo_text_extents(c->cr, s, &te);
	return te.x_advance;
}

static int
S_failed(void *ctx)
{
	vk_draw_cairo *c = ctx;

	return !S_ok(c) ||
	       (c->measure != NULL && c->measure->ops->failed(c->measure->ctx));
}

static const vk_draw_ops S_ops = {
	S_save, S_restore, S_moveto, S_lineto, S_close, S_fill, S_stroke,
	S_fill_stroke, S_clip, S_fill_colour, S_stroke_colour, S_line_width,
	S_text, S_text_width, S_failed,
};

vk_draw_cairo *
vk_draw_cairo_new(double x, double y, double w, double h, double dpi,
                  vk_draw_cairo_font_fn font_file, void *font_arg, vk_err *e)
{
	vk_draw_cairo *c;
	cairo_font_options_t *fo;
	double k = dpi / 72, pw = w * k, ph = h * k;

	if (!(dpi > 0 && w > 0 && h > 0))
		return vk_err_set(e, NULL, 0, 0, "image: the region and the "
		                  "resolution must be positive"), NULL;
	if (!(pw < VK_DRAW_CAIRO_MAX_PX + 0.5 && ph < VK_DRAW_CAIRO_MAX_PX + 0.5))
		return vk_err_set(e, NULL, 0, 0, "image of %.0f x %.0f pixels is "
		                  "too large (at most %d x %d)", pw, ph,
		                  VK_DRAW_CAIRO_MAX_PX, VK_DRAW_CAIRO_MAX_PX), NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return vk_err_io(e, NULL, "out of memory"), NULL;
	/* Rounded, not ceiled: a 493.3 pt box at 300 dpi is 2055 px, and the
	 * part of a pixel left over is below what a screen shows. */
	c->w = (int)lround(pw) > 0 ? (int)lround(pw) : 1;
	c->h = (int)lround(ph) > 0 ? (int)lround(ph) : 1;
	c->font_file = font_file;
	c->font_arg = font_arg;
	c->fill[0] = c->stroke[0] = (vk_rgb){ 0, 0, 0 };
	/* RGB24: opaque, so the PNG has no alpha channel for slides to
	 * mishandle. */
	c->surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, c->w, c->h);
	c->cr = cairo_create(c->surf);
	if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS) {
		vk_err_io(e, NULL, "image of %d x %d pixels: %s", c->w, c->h,
		          cairo_status_to_string(cairo_status(c->cr)));
		vk_draw_cairo_free(c);
		return NULL;
	}
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_paint(c->cr);
	cairo_scale(c->cr, k, k);
	cairo_translate(c->cr, -x, -y);
	/* The interface fills and clips even-odd (rings one after another
	 * make holes), like the libharu back end. */
	cairo_set_fill_rule(c->cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_set_line_join(c->cr, CAIRO_LINE_JOIN_MITER);
	/* No hinting: glyph advances then match libharu's (0.08%), and the
	 * image does not depend on a hinting setting of the machine. */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_set_font_options(c->cr, fo);
	cairo_font_options_destroy(fo);
	return c;
}

void
vk_draw_cairo_free(vk_draw_cairo *c)
{
	if (c == NULL)
		return;
	cairo_destroy(c->cr);
	cairo_surface_destroy(c->surf);
	for (int i = 0; i < c->nfonts; i++)
		cairo_font_face_destroy(c->fonts[i].face);
	free(c);
}

void
vk_draw_cairo_get(vk_draw_cairo *c, vk_draw *out)
{
	out->ops = &S_ops;
	out->ctx = c;
}

void
vk_draw_cairo_measure(vk_draw_cairo *c, const vk_draw *m)
{
	c->measure = m;
}

void
vk_draw_cairo_size(const vk_draw_cairo *c, int *w, int *h)
{
	*w = c->w;
	*h = c->h;
}

const char *
vk_draw_cairo_error(const vk_draw_cairo *c)
{
	if (c->err[0] != '\0')
		return c->err;
	if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS)
		return cairo_status_to_string(cairo_status(c->cr));
	return "";
}

static cairo_status_t
S_write(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS :
	       CAIRO_STATUS_WRITE_ERROR;
}

int
vk_draw_cairo_write_png(vk_draw_cairo *c, const char *path, vk_err *e)
{
	cairo_status_t st;
	vk_out out;
	FILE *fp;

	memset(&out, 0, sizeof(out));
	if (!S_ok(c))
		return vk_err_set(e, path, 0, 0, "drawing the image failed: %s",
		                  vk_draw_cairo_error(c));
	cairo_surface_flush(c->surf);
	if ((fp = vk_out_open(&out, path, e)) == NULL)
		return -1;
	/* cairo's PNG writer adds no time stamp or text chunks: the same
	 * pixels give the same bytes. */
	st = cairo_surface_write_to_png_stream(c->surf, S_write, fp);
	if (st != CAIRO_STATUS_SUCCESS) {
		vk_out_abort(&out);
		return vk_err_io(e, path, "cannot write PNG: %s",
		                 cairo_status_to_string(st));
	}
	return vk_out_commit(&out, e);
}
