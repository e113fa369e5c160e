/* vk_draw: the small drawing interface the map code draws through.
 *
 * The map (polygons, hatching, labels, scale bar, north arrow) is drawn only
 * through these operations, so the same code can feed the PDF (libharu back
 * end, render_pdf_draw) and later a raster back end (cairo, for 300 dpi PNG
 * exports) without being written twice.
 *
 * Coordinates are points with the origin at the top-left of the page and y
 * pointing down; each back end converts to its own space. Paths are filled
 * and clipped with the even-odd rule, so the rings of a polygon with holes
 * can simply be drawn one after the other. Fonts are named by the aliases the
 * template registered ("regular", "bold"). Errors are sticky: a back end
 * records the first one and ignores later operations; the caller checks
 * `failed` once after drawing. */
#ifndef VK_DRAW_H
#define VK_DRAW_H

typedef struct vk_rgb {
	double r, g, b;   /* 0..1 */
} vk_rgb;

typedef struct vk_draw_ops {
	void (*save)(void *ctx);
	void (*restore)(void *ctx);
	void (*moveto)(void *ctx, double x, double y);
	void (*lineto)(void *ctx, double x, double y);
	void (*close)(void *ctx);
	/* Each of these consumes the current path. */
	void (*fill)(void *ctx);
	void (*stroke)(void *ctx);
	void (*fill_stroke)(void *ctx);
	void (*clip)(void *ctx);    /* intersects the clip region with the path */
	void (*fill_colour)(void *ctx, vk_rgb c);
	void (*stroke_colour)(void *ctx, vk_rgb c);
	void (*line_width)(void *ctx, double w);
	/* Text with its baseline at y; outline = 1 strokes the glyphs with the
	 * stroke colour and line width (a halo), 0 fills them. */
	void (*text)(void *ctx, const char *font, double size, double x,
	             double y, const char *s, int outline);
	/* Advance width of s in points; s is valid UTF-8. Returns -1 for an
	 * unknown font. */
	double (*text_width)(void *ctx, const char *font, double size,
	                     const char *s);
	/* Non-zero once any operation failed. */
	int (*failed)(void *ctx);
} vk_draw_ops;

typedef struct vk_draw {
	const vk_draw_ops *ops;
	void *ctx;
} vk_draw;

/* Strokes diagonal lines (top-left to bottom-right) spaced `spacing` apart
 * over the box x, y, w, h with the current stroke colour and width: the
 * hatching that marks "no data" (unlike a colour, it survives greyscale
 * printing). The lines lie on one page-wide grid, so hatched shapes next
 * to each other line up. Call it under a clip. */
#define VK_DRAW_HATCH_SPACING 3.0
#define VK_DRAW_HATCH_WIDTH 0.4
void vk_draw_hatch(vk_draw *d, double x, double y, double w, double h,
                   double spacing);

/* Line patterns that tell classes apart in greyscale and for colour-blind
 * readers (map{ pattern = ... }, paint { pattern = ... }): the hatch above,
 * the other diagonal, horizontal rows and both diagonals. Same grid rules
 * as vk_draw_hatch; call it under a clip. */
enum { VK_PAT_NONE, VK_PAT_HATCH, VK_PAT_BACK, VK_PAT_ROWS, VK_PAT_CROSS };
void vk_draw_pattern(vk_draw *d, int kind, double x, double y, double w,
                     double h, double spacing);
/* "hatch", "back", "rows", "cross" -> VK_PAT_*; -1 for anything else. */
int vk_draw_pattern_kind(const char *name);

/* Parses "#RRGGBB" (also "#rrggbb"). Returns 0, or -1 when s is not one. */
int vk_draw_parse_rgb(const char *s, vk_rgb *out);

#endif
