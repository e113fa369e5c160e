/* The cairo back end of the drawing interface (vk_draw.h): draws a region
 * of the page into an opaque image (RGB24, white background) at a given
 * resolution and writes it as PNG. The report's maps go through it for the
 * 300 dpi exports next to the PDF (render_png.c).
 *
 * Text uses the very TrueType files the PDF embeds, loaded through FreeType
 * (never cairo's toy font API, which lets fontconfig pick a font per
 * machine), with hinting off so glyph advances match libharu's. Text
 * widths can be delegated to another back end (vk_draw_cairo_measure): the
 * map code places labels from widths, and taking the PDF's widths makes the
 * image show exactly the labels the PDF shows. */
#ifndef VK_DRAW_CAIRO_H
#define VK_DRAW_CAIRO_H

#include <stddef.h>

#include "vk_draw.h"
#include "vk_err.h"

/* Largest image side in pixels: 12000 px is 1 m at 300 dpi and 412 MB of
 * pixels at the cap, far beyond any map on an A4 page. */
#define VK_DRAW_CAIRO_MAX_PX 12000

typedef struct vk_draw_cairo vk_draw_cairo;

/* Writes the TrueType file behind a font alias into buf; -1 when the alias
 * is unknown (or buf too small). */
typedef int (*vk_draw_cairo_font_fn)(void *arg, const char *alias, char *buf,
                                     size_t size);

/* An image of the page region x, y, w, h (points) at dpi; fonts named by
 * alias are looked up through font_file on first use. NULL with e filled
 * when the size is out of range or cairo fails. */
vk_draw_cairo *vk_draw_cairo_new(double x, double y, double w, double h,
                                 double dpi, vk_draw_cairo_font_fn font_file,
                                 void *font_arg, vk_err *e);
void vk_draw_cairo_free(vk_draw_cairo *c);

/* The drawing interface onto the image. */
void vk_draw_cairo_get(vk_draw_cairo *c, vk_draw *out);
/* Take text widths from m (kept by pointer; NULL: measure with FreeType). */
void vk_draw_cairo_measure(vk_draw_cairo *c, const vk_draw *m);
/* Pixel size of the image. */
void vk_draw_cairo_size(const vk_draw_cairo *c, int *w, int *h);

/* The first drawing error (checked through ops->failed), or "". */
const char *vk_draw_cairo_error(const vk_draw_cairo *c);

/* Writes the image as PNG to path atomically (a temporary file next to it,
 * then rename): a failed write leaves no partial file. e names path. */
int vk_draw_cairo_write_png(vk_draw_cairo *c, const char *path, vk_err *e);

#endif
