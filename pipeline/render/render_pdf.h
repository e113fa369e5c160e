/* render_pdf: the page API on libharu 2.3.0.
 *
 * A document of A4 pages with embedded TrueType fonts (UTF-8), text, wrapped
 * text, shapes and tables. Coordinates are points with the origin at the
 * TOP-LEFT of the page and y pointing down; conversion to PDF space happens
 * here. Every string must be valid UTF-8 (checked again here, libharu mangles
 * invalid input silently).
 *
 * libharu's errors are sticky and reported through a callback: the callback
 * only records the error; every function here checks it (and the return
 * values, since some libharu calls fail without calling it), resets libharu
 * and returns -1 with e filled. Nothing here longjmps.
 *
 * Ownership: render_pdf_new returns a document the caller frees with
 * render_pdf_free. Strings passed in are copied or used only during the
 * call. */
#ifndef RENDER_PDF_H
#define RENDER_PDF_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "render_image.h"
#include "vk_draw.h"
#include "vk_err.h"

#define RENDER_PDF_MAX_PAGES 500
#define RENDER_PDF_MAX_FONTS 16
#define RENDER_PDF_MAX_IMAGES 64
#define RENDER_PDF_MAX_OUTLINE 4   /* bookmark nesting depth */
/* libharu keeps every image's raw pixels in memory until the PDF is saved. */
#define RENDER_PDF_MAX_IMAGE_BYTES ((size_t)512 << 20)

typedef struct render_pdf render_pdf;

enum { RENDER_ALIGN_LEFT, RENDER_ALIGN_CENTER, RENDER_ALIGN_RIGHT };

typedef struct render_style {
	const char *font;   /* alias given to render_pdf_font */
	double size;        /* points */
	vk_rgb colour;
	int align;          /* RENDER_ALIGN_* (text: relative to x) */
	double leading;     /* baseline to baseline; 0 = 1.25 x size */
} render_style;

typedef struct render_paint {
	int fill, stroke;   /* which of the two to do */
	vk_rgb fill_colour, stroke_colour;
	double width;       /* stroke width, points */
	double dash;        /* dash length, 0 = solid */
	int hatch;          /* diagonal hatching inside the shape */
	vk_rgb hatch_colour;
	int pattern;        /* VK_PAT_* the hatch draws (0: the hatch) */
} render_paint;

/* One line of wrapped text: a slice of the caller's string. */
typedef struct render_line {
	const char *s;
	size_t len;
	double width;
} render_line;

/* font_dir: where render_pdf_font looks for font files. */
render_pdf *render_pdf_new(const char *font_dir, vk_err *e);
void render_pdf_free(render_pdf *d);

/* Loads font_dir/file (a plain file name: no '/', no "..") as an embedded
 * UTF-8 TrueType font and names it alias. Loading the same file under a
 * second alias reuses it. */
int render_pdf_font(render_pdf *d, const char *alias, const char *file,
                    vk_err *e);
int render_pdf_has_font(const render_pdf *d, const char *alias);

/* Document information; date also becomes CreationDate and ModDate (UTC), so
 * the same inputs give the same bytes. Strings may be NULL. */
int render_pdf_info(render_pdf *d, const char *title, const char *author,
                    const char *subject, const char *creator,
                    const struct tm *date, vk_err *e);

/* Adds an A4 portrait page and makes it current. */
int render_pdf_page_new(render_pdf *d, vk_err *e);
/* Makes page n (1-based) current again, e.g. to draw running footers
 * once the page count is known. */
int render_pdf_page_goto(render_pdf *d, int n, vk_err *e);
int render_pdf_page_count(const render_pdf *d);
int render_pdf_page_current(const render_pdf *d);
double render_pdf_page_width(void);
double render_pdf_page_height(void);

/* Adds a bookmark (outline entry) for the current page; viewers open with
 * the bookmarks shown. level 1 is the top; level n (up to
 * RENDER_PDF_MAX_OUTLINE) nests under the last bookmark of level n - 1,
 * which must exist. Levels below 2 open expanded. */
int render_pdf_bookmark(render_pdf *d, const char *title, int level,
                        vk_err *e);

/* The bookmarks made so far, in order: title (owned by the document),
 * level and 1-based page. */
typedef struct render_pdf_mark {
	char *title;
	int level, page;
} render_pdf_mark;
const render_pdf_mark *render_pdf_marks(const render_pdf *d, size_t *n);

/* Page labels (what a viewer shows as the page "number"): from page
 * `page` (1-based) on, numbers in style (RENDER_LABEL_*) counting from
 * first, after prefix (UTF-8, may be NULL). */
enum { RENDER_LABEL_DECIMAL, RENDER_LABEL_ROMAN, RENDER_LABEL_ROMAN_UPPER,
       RENDER_LABEL_LETTERS, RENDER_LABEL_LETTERS_UPPER };
int render_pdf_page_label(render_pdf *d, int page, int style, int first,
                          const char *prefix, vk_err *e);

/* An internal link on the current page: clicking the box (x, y) top-left,
 * w x h, goes to page `target` (1-based, must exist). No border. */
int render_pdf_link(render_pdf *d, double x, double y, double w, double h,
                    int target, vk_err *e);

/* Width of s in points; -1 with e filled on an unknown font or bad UTF-8. */
int render_pdf_measure(render_pdf *d, const char *s, size_t len,
                       const render_style *st, double *width, vk_err *e);
/* One line at baseline y; x is the left edge, centre or right edge as the
 * style's align says. */
int render_pdf_text(render_pdf *d, double x, double y, const char *s,
                    const render_style *st, vk_err *e);
/* Breaks s into lines no wider than width: at spaces, at '\n' and, for a
 * word longer than a line, between two characters. Leading spaces of a
 * wrapped line are dropped. *lines is malloc'd (caller frees). */
int render_pdf_wrap(render_pdf *d, const char *s, const render_style *st,
                    double width, render_line **lines, size_t *nlines,
                    vk_err *e);
/* s, or when it is wider than width, its longest prefix that fits with an
 * ellipsis after it; *out is malloc'd (caller frees). */
int render_pdf_ellipsize(render_pdf *d, const char *s, size_t len,
                         const render_style *st, double width, char **out,
                         vk_err *e);
/* Wrapped text in the box (x, y) top-left, w wide, at most h high (h <= 0:
 * no limit). Lines that do not fit are left out and the last shown line
 * ends in an ellipsis; *height gets the height used and *complete 0 when
 * something was left out. */
int render_pdf_textbox(render_pdf *d, double x, double y, double w, double h,
                       const char *s, const render_style *st, double *height,
                       int *complete, vk_err *e);

int render_pdf_rect(render_pdf *d, double x, double y, double w, double h,
                    const render_paint *p, vk_err *e);
int render_pdf_line(render_pdf *d, double x1, double y1, double x2,
                    double y2, const render_paint *p, vk_err *e);
int render_pdf_circle(render_pdf *d, double x, double y, double r,
                      const render_paint *p, vk_err *e);

/* Images: img holds pixels already decoded and validated (render_image.h:
 * libharu never parses PNG or JPEG bytes itself). render_pdf_image_add
 * turns them into an image object of the document under key (the file's
 * realpath), once; the caller may free img afterwards. Drawing the same
 * key again reuses the object. */
int render_pdf_image_add(render_pdf *d, const char *key,
                         const render_image *img, vk_err *e);
/* 1 with the pixel size when key was added, 0 otherwise. */
int render_pdf_image_size(const render_pdf *d, const char *key, int *w,
                          int *h);
/* Draws image key with its top-left corner at (x, y), w x h points. */
int render_pdf_image_draw(render_pdf *d, const char *key, double x,
                          double y, double w, double h, vk_err *e);

/* The drawing interface (vk_draw.h) on the current page. It stays valid
 * until the document is freed and follows page changes. */
void render_pdf_draw(render_pdf *d, vk_draw *out);
/* Turns a failure recorded through the drawing interface into e. */
int render_pdf_check(render_pdf *d, vk_err *e);

/* Writes the whole document to fp. */
int render_pdf_save(render_pdf *d, FILE *fp, vk_err *e);

#endif
