/* The libharu back end of the drawing interface (vk_draw.h): draws on the
 * current page of a render_pdf document. */
#include "render_pdf_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Map paths have thousands of vertices: two decimals (1/7200 inch) are far
 * below what any printer shows and keep the content streams small. */
static HPDF_REAL
S_r(double v)
{
	return (HPDF_REAL)(round(v * 100.0) / 100.0);
}

static HPDF_Page
S_page(render_pdf *d)
{
	if (d->cur < 0) {
		if (d->draw_err[0] == '\0')
			snprintf(d->draw_err, sizeof(d->draw_err),
			         "no page yet: call page_new() first");
		return NULL;
	}
	return d->pages[d->cur];
}

static void
S_save(void *ctx)
{
	HPDF_Page p = S_page(ctx);

	if (p != NULL)
		HPDF_Page_GSave(p);
}

static void
S_restore(void *ctx)
{
	HPDF_Page p = S_page(ctx);

	if (p != NULL)
		HPDF_Page_GRestore(p);
}

static void
S_moveto(void *ctx, double x, double y)
{
	HPDF_Page p = S_page(ctx);

	if (p != NULL)
		HPDF_Page_MoveTo(p, S_r(x), S_r(RENDER_PDF_Y(y)));
}

static void
S_lineto(void *ctx, double x, double y)
{
	HPDF_Page p = S_page(ctx);

	if (p != NULL)
		HPDF_Page_LineTo(p, S_r(x), S_r(RENDER_PDF_Y(y)));
}

static void
S_close(void *ctx)
{
	HPDF_Page p = S_page(ctx);

	if (p != NULL)
		HPDF_Page_ClosePath(p);
}

static void
S_fill(void *ctx)
{
	HPDF_Page p = S_page(ctx);

	if (p != NULL)
		HPDF_Page_Eofill(p);
}

static void
S_stroke(void *ctx)
{
	HPDF_Page p = S_page(ctx);

	if (p != NULL)
		HPDF_Page_Stroke(p);
}

static void
S_fill_stroke(void *ctx)
{
	HPDF_Page p = S_page(ctx);

	if (p != NULL)
		HPDF_Page_EofillStroke(p);
}

static void
S_clip(void *ctx)
{
	HPDF_Page p = S_page(ctx);

	if (p != NULL) {
		HPDF_Page_Eoclip(p);
		HPDF_Page_EndPath(p);
	}
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
	HPDF_Page p = S_page(ctx);

	if (p != NULL)
		HPDF_Page_SetLineWidth(p, (HPDF_REAL)w);
}

static HPDF_Font
S_font(render_pdf *d, const char *font)
{
	HPDF_Font f = render_pdf_font_get(d, font);

	if (f == NULL && d->draw_err[0] == '\0')
		snprintf(d->draw_err, sizeof(d->draw_err),
		         "unknown font '%s' (define it with fonts{...} first)",
		         font);
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
	HPDF_Page_TextOut(p, S_r(x), S_r(RENDER_PDF_Y(y)), s);
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
