/* render_pdf_priv: the document's insides, shared only by render_pdf.c and
 * its drawing back end vk_draw_hpdf.c. */
#ifndef RENDER_PDF_PRIV_H
#define RENDER_PDF_PRIV_H

#include <hpdf.h>

#include "render_pdf.h"

/* libharu's A4 (HPDF_PAGE_SIZE_A4), in points. */
#define RENDER_PDF_A4_W 595.276
#define RENDER_PDF_A4_H 841.89

#define RENDER_PDF_MAX_SAVE 32

/* An image added to the document, drawn as often as the template likes. */
typedef struct render_pdf_img {
	char *key;              /* the file's realpath */
	HPDF_Image img;
	int w, h;               /* pixels */
} render_pdf_img;

typedef struct render_font {
	char alias[32];
	char file[256];
	HPDF_Font font;
} render_font;

struct render_pdf {
	HPDF_Doc pdf;
	char *font_dir;
	render_font fonts[RENDER_PDF_MAX_FONTS];
	int nfonts;
	HPDF_Page pages[RENDER_PDF_MAX_PAGES];
	int npages;
	int cur;                /* 0-based index of the current page, -1 none */
	/* Recorded by the libharu error callback; the first one wins. */
	HPDF_STATUS hpdf_err, hpdf_detail;
	/* First failure seen through the drawing interface. */
	char draw_err[256];
	/* The drawing back end's pending path (vk_draw_hpdf.c): op, x, y
	 * triples, and the line width per saved graphics state. */
	double *path;
	size_t npath, cappath;
	double lw[RENDER_PDF_MAX_SAVE];
	int lw_depth;
	render_pdf_img *imgs;
	size_t nimgs, capimgs;
	size_t img_bytes;       /* raw pixel bytes held by libharu until save */
	/* The last outline entry made at each level (0 = top), so a
	 * bookmark of level n nests under the last one of level n - 1. */
	HPDF_Outline outline_last[RENDER_PDF_MAX_OUTLINE];
	/* Every bookmark made, in order, for a table of contents and running
	 * headers drawn once all sections are done (render_pdf_marks). */
	render_pdf_mark *marks;
	size_t nmarks, capmarks;
};

/* The font loaded under alias, or NULL. */
HPDF_Font render_pdf_font_get(const render_pdf *d, const char *alias);
/* Advance width of s[0..len) (valid UTF-8) at size points. */
double render_pdf_width(HPDF_Font f, const char *s, size_t len, double size);
/* Page y (down from the top) to PDF y (up from the bottom). */
#define RENDER_PDF_Y(y) (RENDER_PDF_A4_H - (y))

#endif
