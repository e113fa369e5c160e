/* The libharu back end of the drawing interface (vk_draw.h): draws on the
 * current page of a render_pdf document.
 *
 * Paths are collected and written when painted, in a coordinate system
 * scaled by 10 (a "0.1 0 0 0.1 0 0 cm" around each path): coordinates then
 * go out as whole tenths of a point ("3438 5244 l") instead of libharu's
 * five-decimal floats ("343.82999 524.39001 l"), which halves a map's bytes
 * at a precision (0.035 mm) far below what a printer shows. Clip paths are
 * the exception: a clip must outlive the path's own q/Q, so they are
 * written unscaled. */
#include "render_pdf_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { S_MOVE, S_LINE, S_CLOSE };

static void
S_fail(render_pdf *d, const char *msg)
{
	if (d->draw_err[0] == '\0')
		snprintf(d->draw_err, sizeof(d->draw_err), "%s", msg);
}

static HPDF_Page
S_page(render_pdf *d)
{
	if (d->cur < 0) {
		S_fail(d, "no page yet: call page_new() first");
		return NULL;
	}
	return d->pages[d->cur];
}

static void
S_save(void *ctx)
{
	render_pdf *d = ctx;
	HPDF_Page p = S_page(d);

	if (p == NULL)
		return;
	if (d->lw_depth + 1 >= RENDER_PDF_MAX_SAVE) {
		S_fail(d, "graphics states nested too deep");
		return;
	}
	d->lw[d->lw_depth + 1] = d->lw[d->lw_depth];
	d->lw_depth++;
	HPDF_Page_GSave(p);
}

static void
S_restore(void *ctx)
{
	render_pdf *d = ctx;
	HPDF_Page p = S_page(d);

	if (p == NULL)
		return;
	if (d->lw_depth == 0) {
		S_fail(d, "restore without save");
		return;
	}
	d->lw_depth--;
	HPDF_Page_GRestore(p);
}

static void
S_add(render_pdf *d, int op, double x, double y)
{
	if (d->npath + 3 > d->cappath) {
		size_t cap = d->cappath ? 2 * d->cappath : 3 * 1024;
		double *v = realloc(d->path, cap * sizeof(*v));

		if (v == NULL) {
			S_fail(d, "out of memory");
			return;
		}
		d->path = v;
		d->cappath = cap;
	}
	d->path[d->npath++] = op;
	d->path[d->npath++] = x;
	d->path[d->npath++] = y;
}

static void
S_moveto(void *ctx, double x, double y)
{
	S_add(ctx, S_MOVE, x, y);
}

static void
S_lineto(void *ctx, double x, double y)
{
	S_add(ctx, S_LINE, x, y);
}

static void
S_close(void *ctx)
{
	S_add(ctx, S_CLOSE, 0, 0);
}

/* Writes the pending path, coordinates multiplied by k and rounded to 1/r
 * (page y flipped), and empties it. */
static void
S_emit(render_pdf *d, HPDF_Page p, double k, double r)
{
	for (size_t i = 0; i < d->npath; i += 3) {
		double x = round(d->path[i + 1] * k * r) / r;
		double y = round(RENDER_PDF_Y(d->path[i + 2]) * k * r) / r;

		switch ((int)d->path[i]) {
		case S_MOVE: HPDF_Page_MoveTo(p, (HPDF_REAL)x, (HPDF_REAL)y); break;
		case S_LINE: HPDF_Page_LineTo(p, (HPDF_REAL)x, (HPDF_REAL)y); break;
		default: HPDF_Page_ClosePath(p); break;
		}
	}
	d->npath = 0;
}

enum { S_FILL = 1, S_STROKE = 2 };

static void
S_paint(render_pdf *d, int how)
{
	HPDF_Page p = S_page(d);

	if (p == NULL || d->npath == 0) {
		d->npath = 0;
		return;
	}
	HPDF_Page_GSave(p);
	HPDF_Page_Concat(p, 0.1f, 0, 0, 0.1f, 0, 0);
	if (how & S_STROKE)
		HPDF_Page_SetLineWidth(p, (HPDF_REAL)(d->lw[d->lw_depth] * 10));
	S_emit(d, p, 10, 1);
	if (how == S_FILL)
		HPDF_Page_Eofill(p);
	else if (how == S_STROKE)
		HPDF_Page_Stroke(p);
	else
		HPDF_Page_EofillStroke(p);
	HPDF_Page_GRestore(p);
}

static void
S_fill(void *ctx)
{
	S_paint(ctx, S_FILL);
}

static void
S_stroke(void *ctx)
{
	S_paint(ctx, S_STROKE);
}

static void
S_fill_stroke(void *ctx)
{
	S_paint(ctx, S_FILL | S_STROKE);
}

static void
S_clip(void *ctx)
{
	render_pdf *d = ctx;
	HPDF_Page p = S_page(d);

	if (p == NULL || d->npath == 0) {
		d->npath = 0;
		return;
	}
	S_emit(d, p, 1, 100);
	HPDF_Page_Eoclip(p);
	HPDF_Page_EndPath(p);
}

static void
S_fill_colour(void *ctx, vk_rgb c)
{
	HPDF_Page p = S_page(ctx);

	if (p != NULL)
		HPDF_Page_SetRGBFill(p, (HPDF_REAL)c.r, (HPDF_REAL)c.g,
		                     (HPDF_REAL)c.b);
}

static void
S_stroke_colour(void *ctx, vk_rgb c)
{
	HPDF_Page p = S_page(ctx);

	if (p != NULL)
		HPDF_Page_SetRGBStroke(p, (HPDF_REAL)c.r, (HPDF_REAL)c.g,
		                       (HPDF_REAL)c.b);
}

static void
S_line_width(void *ctx, double w)
{
	render_pdf *d = ctx;
	HPDF_Page p = S_page(d);

	if (p == NULL)
		return;
	d->lw[d->lw_depth] = w;
	/* Also the real state, for text outlines (halos). */
	HPDF_Page_SetLineWidth(p, (HPDF_REAL)w);
}

static HPDF_Font
S_font(render_pdf *d, const char *font)
{
	HPDF_Font f = render_pdf_font_get(d, font);
	char msg[128];

	if (f == NULL) {
		snprintf(msg, sizeof(msg), "unknown font '%s' (define it with "
		         "fonts{...} first)", font);
		S_fail(d, msg);
	}
	return f;
}

static void
S_text(void *ctx, const char *font, double size, double x, double y,
       const char *s, int outline)
{
	render_pdf *d = ctx;
	HPDF_Page p = S_page(d);
	HPDF_Font f = S_font(d, font);

	if (p == NULL || f == NULL)
		return;
	HPDF_Page_GSave(p);
	HPDF_Page_BeginText(p);
	HPDF_Page_SetFontAndSize(p, f, (HPDF_REAL)size);
	if (outline)
		HPDF_Page_SetTextRenderingMode(p, HPDF_STROKE);
	HPDF_Page_TextOut(p, (HPDF_REAL)(round(x * 100) / 100),
	                  (HPDF_REAL)(round(RENDER_PDF_Y(y) * 100) / 100), s);
	HPDF_Page_EndText(p);
	HPDF_Page_GRestore(p);
}

static double
S_text_width(void *ctx, const char *font, double size, const char *s)
{
	HPDF_Font f = S_font(ctx, font);

	return f == NULL ? -1 : render_pdf_width(f, s, strlen(s), size);
}

static int
S_failed(void *ctx)
{
	render_pdf *d = ctx;

	return d->draw_err[0] != '\0' || d->hpdf_err != HPDF_OK;
}

static const vk_draw_ops S_ops = {
	S_save, S_restore, S_moveto, S_lineto, S_close, S_fill, S_stroke,
	S_fill_stroke, S_clip, S_fill_colour, S_stroke_colour, S_line_width,
	S_text, S_text_width, S_failed,
};

void
render_pdf_draw(render_pdf *d, vk_draw *out)
{
	out->ops = &S_ops;
	out->ctx = d;
}
