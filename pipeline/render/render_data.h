/* render_data: the inputs of vk-render, read from the work directory.
 *
 *   classify/buurten.csv     one row per buurt, with class and class_rel
 *                            and in_area (1 inside the report's area)
 *   classify/summary.csv     buurten and inhabitants per mode and class
 *   classify/parameters.csv  the classification parameters used
 *   index/wijken.csv         code,name,buurten,in_area
 *   ingest/geometry.csv      boundaries as WKT (RD New, metres)
 *
 * The CSV tables are kept as read (render_lua turns them into Lua tables);
 * the geometry is parsed once into flat coordinate arrays for the map.
 *
 * Ownership: render_data_load returns data the caller frees with
 * render_data_free; everything inside belongs to it. */
#ifndef RENDER_DATA_H
#define RENDER_DATA_H

#include <stddef.h>

#include "vk_csv.h"
#include "vk_err.h"
#include "vk_strmap.h"

/* The signal classes of the method (DOMAIN.md §5), in report order. The
 * colours are mandated; the labels here are defaults that summary.csv
 * overrides. */
typedef struct render_class {
	const char *code;
	const char *label;
	const char *colour;   /* "#RRGGBB" */
	int hatched;          /* drawn white with hatching (no data) */
} render_class;

#define RENDER_NCLASSES 6
extern const render_class render_classes[RENDER_NCLASSES];
/* Index into render_classes, or -1. */
int render_class_index(const char *code);

/* One polygon or multipolygon: all rings one after another (outer rings and
 * holes alike; drawn and tested with the even-odd rule). */
typedef struct render_shape {
	char *code;
	char *name;
	size_t nrings;
	size_t *ring_end;     /* ring i is points [ring_end[i-1], ring_end[i]) */
	double *xy;           /* x0 y0 x1 y1 ... in metres */
	double minx, miny, maxx, maxy;
} render_shape;

typedef struct render_data {
	vk_csv *buurten, *summary, *params, *wijken;
	/* Columns of buurten.csv every page needs. */
	size_t col_code, col_name, col_wijk, col_class, col_class_rel;
	/* in_area columns; (size_t)-1 in files from before area.wijken, where
	 * everything is in the area. */
	size_t col_in_area, wcol_in_area;
	vk_strmap *buurt_row;          /* buurt code -> row of buurten.csv */
	render_shape *bshapes;         /* level "buurt" */
	size_t nbshapes;
	render_shape *wshapes;         /* level "wijk" */
	size_t nwshapes;
} render_data;

render_data *render_data_load(const char *workdir, vk_err *e);
void render_data_free(render_data *d);

/* The class of a buurt row in the absolute (rel = 0) or relative mode, as
 * an index into render_classes; unknown or missing counts as NA. */
int render_data_class(const render_data *d, size_t row, int rel);

/* Whether buurt row `row` (of buurten.csv) or wijk row `w` (of wijken.csv)
 * lies in the report's area (the config's area.wijken). */
int render_data_in_area(const render_data *d, size_t row);
int render_data_wijk_in_area(const render_data *d, size_t w);

#endif
