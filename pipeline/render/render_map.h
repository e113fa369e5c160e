/* render_map: the vector map, drawn through vk_draw.
 *
 * Areas (buurten) are projected from metres (RD New: x east, y north) into a
 * box on the page, filled, outlined, hatched when they have no data and
 * labelled without collisions (render_label). Extra boundaries (wijken) are
 * stroked on top and may carry a name, placed inside their own polygon
 * before the area labels, which then keep off it. "Context" areas are
 * drawn but do not count for the extent and get no label: that is how a
 * wijk map shows the rest of the city.
 * Projection and vertex thinning happen here, in double precision, so the
 * back end only ever sees page points (libharu clamps at +-32767).
 *
 * Also the scale bar and north arrow that go with a map. */
#ifndef RENDER_MAP_H
#define RENDER_MAP_H

#include <stddef.h>

#include "render_data.h"
#include "vk_draw.h"
#include "vk_err.h"

typedef struct render_map_area {
	const render_shape *shape;
	vk_rgb fill;
	int hatch;           /* hatched over the fill: no data */
	int pattern;         /* VK_PAT_*: a class's line pattern over the fill */
	int context;         /* outside the focus: not in extent, no label */
	const char *label;   /* NULL: none */
} render_map_area;

typedef struct render_map_edge {
	const render_shape *shape;
	double width;
	vk_rgb colour;
	const char *label;   /* NULL: none; in edge_label_font, over all else */
} render_map_edge;

typedef struct render_map_opts {
	double box[4];       /* x, y, w, h on the page */
	double margin;       /* added around the extent, fraction of its size */
	vk_rgb edge_colour;  /* area outlines */
	double edge_width;
	vk_rgb hatch_colour;
	vk_rgb pattern_colour; /* lines of the patterns */
	const char *label_font;
	vk_rgb label_colour, halo_colour;
	double label_size;   /* first size tried */
	double label_min;    /* smallest size tried */
	const char *edge_label_font; /* edge labels (wijk names); only read */
	double edge_label_size;      /* when an edge has a label */
	double edge_label_min;
	const double *avoid; /* navoid rectangles x, y, w, h labels keep off */
	size_t navoid;
} render_map_opts;

typedef struct render_map_result {
	double scale;            /* points per metre */
	double extent[4];        /* metres shown: minx, miny, maxx, maxy */
	unsigned char *omitted;  /* per area: 1 = label left out (malloc'd) */
	size_t nomitted;
	/* Per edge (malloc'd, NULL when no edge has a label): 1 = its label
	 * was placed, at edge_box[4 * i ..] = x, y, w, h, the text's box on
	 * the page (top-left at the cap height, the text's width). An edge
	 * with a label that is not placed was left out: it did not fit. */
	unsigned char *edge_placed;
	double *edge_box;
} render_map_result;

/* Draws the map. The arrays in res are the caller's: free them with
 * render_map_result_free, also on failure. */
int render_map_draw(vk_draw *d, const render_map_area *areas, size_t n,
                    const render_map_edge *edges, size_t nedges,
                    const render_map_opts *o, render_map_result *res,
                    vk_err *e);

/* Frees the arrays render_map_draw left in res (not res itself). */
void render_map_result_free(render_map_result *res);

/* A scale bar for scale (points per metre) no wider than max_w, its top-left
 * at (x, y), labelled "0" and the length ("500 m", "2 km") in font at size.
 * *w and *h get the space used. */
int render_map_scalebar(vk_draw *d, double scale, double x, double y,
                        double max_w, const char *font, double size,
                        vk_rgb colour, double *w, double *h, vk_err *e);

/* A north arrow with an "N" above it in a size x size box at (x, y). Grid
 * north of RD New, within a degree of true north in the Netherlands. */
int render_map_north(vk_draw *d, double x, double y, double size,
                     const char *font, vk_rgb colour, vk_err *e);

#endif
