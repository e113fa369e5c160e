/* render_label: places area labels (buurt numbers) on a map so that they do
 * not collide.
 *
 * Each label gets candidate positions inside its polygon: the pole of
 * inaccessibility (the interior point farthest from the boundary, found with
 * the polylabel algorithm) first, then other well-inside points. Labels are
 * placed greedily, the most cramped polygons first:
 *   1. at each size from large to small, a label must lie wholly inside its
 *      own polygon (so two such labels can never overlap);
 *   2. then, at the smallest size, it may overlap the polygon's boundary but
 *      no other label and nothing in the avoid list.
 * What still does not fit is left out and reported, never drawn on top of
 * another label.
 *
 * Everything is in page points (y down). Pure computation: no drawing. */
#ifndef RENDER_LABEL_H
#define RENDER_LABEL_H

#include <stddef.h>

#include "vk_err.h"

typedef struct render_label {
	/* in: the polygon (all rings, even-odd) in page points */
	const double *xy;
	const size_t *ring_end;
	size_t nrings;
	double em_width;    /* text advance width at size 1 */
	/* out */
	int placed;
	double x, y;        /* left end of the baseline */
	double size;
} render_label;

typedef struct render_label_opts {
	const double *sizes;    /* font sizes to try, largest first */
	size_t nsizes;
	double cap_height;      /* glyph height at size 1 (digits: ~0.7) */
	double pad;             /* clearance around each label, points */
	double box[4];          /* x, y, w, h: labels stay inside */
	const double *avoid;    /* navoid rectangles x, y, w, h */
	size_t navoid;
} render_label_opts;

int render_label_place(render_label *v, size_t n, const render_label_opts *o,
                       vk_err *e);

/* The pole of inaccessibility of a polygon within precision points: the
 * interior point farthest from every edge; *dist gets that distance. */
int render_label_pole(const double *xy, const size_t *ring_end,
                      size_t nrings, double precision, double *x, double *y,
                      double *dist);

#endif
