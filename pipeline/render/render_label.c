#include "render_label.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Bounds on the work per label, so a pathological polygon cannot stall a
 * render: polylabel cells, grid samples and candidates kept. */
#define S_MAX_CELLS 20000
#define S_GRID 14
#define S_MAX_CAND 40

typedef struct S_poly {
	const double *xy;
	const size_t *end;
	size_t nrings;
} S_poly;

/* Even-odd point-in-polygon over all rings. */
static int
S_inside(const S_poly *p, double x, double y)
{
	int in = 0;
	size_t start = 0;

	for (size_t r = 0; r < p->nrings; r++) {
		size_t n = p->end[r] - start;
		const double *v = p->xy + 2 * start;

		for (size_t i = 0, j = n - 1; i < n; j = i++) {
			double xi = v[2 * i], yi = v[2 * i + 1];
			double xj = v[2 * j], yj = v[2 * j + 1];

			if ((yi > y) != (yj > y) &&
			    x < (xj - xi) * (y - yi) / (yj - yi) + xi)
				in = !in;
		}
		start = p->end[r];
	}
	return in;
}

static double
S_seg_dist2(double px, double py, double ax, double ay, double bx,
            double by)
{
	double dx = bx - ax, dy = by - ay, t = 0;

	if (dx != 0 || dy != 0) {
		t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
		if (t > 1)
			t = 1;
		else if (t < 0)
			t = 0;
	}
	dx = ax + t * dx - px;
	dy = ay + t * dy - py;
	return dx * dx + dy * dy;
}

/* Distance to the nearest edge, positive inside, negative outside. */
static double
S_signed_dist(const S_poly *p, double x, double y)
{
	double best = DBL_MAX;
	size_t start = 0;

	for (size_t r = 0; r < p->nrings; r++) {
		size_t n = p->end[r] - start;
		const double *v = p->xy + 2 * start;

		for (size_t i = 0, j = n - 1; i < n; j = i++) {
			double d = S_seg_dist2(x, y, v[2 * i], v[2 * i + 1],
			                       v[2 * j], v[2 * j + 1]);
			if (d < best)
				best = d;
		}
		start = p->end[r];
	}
	return (S_inside(p, x, y) ? 1 : -1) * sqrt(best);
}

typedef struct S_cell {
	double x, y, h, d, max;
} S_cell;

typedef struct S_heap {
	S_cell *v;
	size_t n, cap;
} S_heap;

static int
S_heap_push(S_heap *q, S_cell c)
{
	size_t i;

	if (q->n == q->cap) {
		size_t cap = q->cap ? 2 * q->cap : 64;
		S_cell *v = realloc(q->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		q->v = v;
		q->cap = cap;
	}
	i = q->n++;
	while (i > 0 && q->v[(i - 1) / 2].max < c.max) {
		q->v[i] = q->v[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	q->v[i] = c;
	return 0;
}

static S_cell
S_heap_pop(S_heap *q)
{
	S_cell top = q->v[0], last = q->v[--q->n];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= q->n)
			break;
		if (c + 1 < q->n && q->v[c + 1].max > q->v[c].max)
			c++;
		if (q->v[c].max <= last.max)
			break;
		q->v[i] = q->v[c];
		i = c;
	}
	if (q->n > 0)
		q->v[i] = last;
	return top;
}

static S_cell
S_cell_new(const S_poly *p, double x, double y, double h)
{
	S_cell c;

	c.x = x;
	c.y = y;
	c.h = h;
	c.d = S_signed_dist(p, x, y);
	c.max = c.d + h * M_SQRT2;
	return c;
}

static void
S_bbox(const S_poly *p, double *x0, double *y0, double *x1, double *y1)
{
	size_t n = p->nrings ? p->end[p->nrings - 1] : 0;

	*x0 = *y0 = DBL_MAX;
	*x1 = *y1 = -DBL_MAX;
	for (size_t i = 0; i < n; i++) {
		double x = p->xy[2 * i], y = p->xy[2 * i + 1];

		if (x < *x0) *x0 = x;
		if (x > *x1) *x1 = x;
		if (y < *y0) *y0 = y;
		if (y > *y1) *y1 = y;
	}
}

/* Area centroid of the first ring: a good first guess for polylabel. */
static void
S_centroid(const S_poly *p, double *cx, double *cy)
{
	size_t n = p->end[0];
	double a = 0, x = 0, y = 0;

	for (size_t i = 0, j = n - 1; i < n; j = i++) {
		double xi = p->xy[2 * i], yi = p->xy[2 * i + 1];
		double xj = p->xy[2 * j], yj = p->xy[2 * j + 1];
		double f = xi * yj - xj * yi;

		x += (xi + xj) * f;
		y += (yi + yj) * f;
		a += 3 * f;
	}
	if (a == 0) {
		*cx = p->xy[0];
		*cy = p->xy[1];
	} else {
		*cx = x / a;
		*cy = y / a;
	}
}

int
render_label_pole(const double *xy, const size_t *ring_end, size_t nrings,
                  double precision, double *px, double *py, double *dist)
{
	S_poly p = { xy, ring_end, nrings };
	S_heap q = { NULL, 0, 0 };
	double x0, y0, x1, y1, size, h, cx, cy;
	S_cell best, c;
	size_t cells = 0;

	if (nrings == 0 || ring_end[0] < 3)
		return -1;
	S_bbox(&p, &x0, &y0, &x1, &y1);
	size = fmin(x1 - x0, y1 - y0);
	if (size <= 0) {
		*px = x0;
		*py = y0;
		*dist = 0;
		return 0;
	}
	S_centroid(&p, &cx, &cy);
	best = S_cell_new(&p, cx, cy, 0);
	c = S_cell_new(&p, (x0 + x1) / 2, (y0 + y1) / 2, 0);
	if (c.d > best.d)
		best = c;
	h = size / 2;
	for (double x = x0; x < x1; x += size)
		for (double y = y0; y < y1; y += size)
			if (S_heap_push(&q, S_cell_new(&p, x + h, y + h, h)) < 0)
				goto oom;
	while (q.n > 0 && cells < S_MAX_CELLS) {
		c = S_heap_pop(&q);
		cells++;
		if (c.d > best.d)
			best = c;
		if (c.max - best.d <= precision)
			continue;
		h = c.h / 2;
		if (S_heap_push(&q, S_cell_new(&p, c.x - h, c.y - h, h)) < 0 ||
		    S_heap_push(&q, S_cell_new(&p, c.x + h, c.y - h, h)) < 0 ||
		    S_heap_push(&q, S_cell_new(&p, c.x - h, c.y + h, h)) < 0 ||
		    S_heap_push(&q, S_cell_new(&p, c.x + h, c.y + h, h)) < 0)
			goto oom;
	}
	free(q.v);
	*px = best.x;
	*py = best.y;
	*dist = best.d;
	return 0;
oom:
	free(q.v);
	return -2;
}

/* Does segment a-b touch the open rectangle? (Liang-Barsky clipping.) */
static int
S_seg_hits_rect(double ax, double ay, double bx, double by, const double *r)
{
	double t0 = 0, t1 = 1, dx = bx - ax, dy = by - ay;
	double p[4] = { -dx, dx, -dy, dy };
	double q[4] = { ax - r[0], r[0] + r[2] - ax, ay - r[1],
	                r[1] + r[3] - ay };

	for (int i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] <= 0)
				return 0;
			continue;
		}
		double t = q[i] / p[i];

		if (p[i] < 0) {
			if (t > t1)
				return 0;
			if (t > t0)
				t0 = t;
		} else {
			if (t < t0)
				return 0;
			if (t < t1)
				t1 = t;
		}
	}
	return t0 < t1;
}

/* Is the rectangle wholly inside the polygon: its centre inside and no
 * edge crossing it. */
static int
S_rect_inside(const S_poly *p, const double *r)
{
	size_t start = 0;

	if (!S_inside(p, r[0] + r[2] / 2, r[1] + r[3] / 2))
		return 0;
	for (size_t k = 0; k < p->nrings; k++) {
		size_t n = p->end[k] - start;
		const double *v = p->xy + 2 * start;

		for (size_t i = 0, j = n - 1; i < n; j = i++) {
			double ax = v[2 * i], ay = v[2 * i + 1];
			double bx = v[2 * j], by = v[2 * j + 1];

			/* Quick reject on the bounding boxes first. */
			if (fmax(ax, bx) < r[0] || fmin(ax, bx) > r[0] + r[2] ||
			    fmax(ay, by) < r[1] || fmin(ay, by) > r[1] + r[3])
				continue;
			if (S_seg_hits_rect(ax, ay, bx, by, r))
				return 0;
		}
		start = p->end[k];
	}
	return 1;
}

static int
S_overlap(const double *a, const double *b)
{
	return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] &&
	       a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

static int
S_within(const double *r, const double *box)
{
	return r[0] >= box[0] && r[1] >= box[1] &&
	       r[0] + r[2] <= box[0] + box[2] && r[1] + r[3] <= box[1] + box[3];
}

typedef struct S_cand {
	double x, y, d;
} S_cand;

typedef struct S_work {
	S_poly poly;
	S_cand cand[S_MAX_CAND];
	size_t ncand;
	double pole_d;
	double rect[4];   /* the placed label's box, padded */
} S_work;

static int
S_cand_cmp(const void *a, const void *b)
{
	const S_cand *x = a, *y = b;

	return (x->d < y->d) - (x->d > y->d);   /* farthest inside first */
}

static int
S_candidates(S_work *w, double em_big, double cap_big, vk_err *e)
{
	S_cand grid[S_GRID * S_GRID];
	size_t ng = 0;
	double x0, y0, x1, y1, px, py, pd, sx, sy;
	int rc;

	rc = render_label_pole(w->poly.xy, w->poly.end, w->poly.nrings, 0.25,
	                       &px, &py, &pd);
	if (rc == -2)
		return vk_err_io(e, NULL, "out of memory");
	w->ncand = 0;
	if (rc < 0)
		return 0;
	w->pole_d = pd;
	w->cand[w->ncand++] = (S_cand){ px, py, pd };
	/* Around the pole, half a label away: a label wider than the pole's
	 * circle often fits when shifted along the polygon's long side. */
	{
		double dx = em_big * 0.6, dy = cap_big * 1.2;
		double off[8][2] = { { dx, 0 }, { -dx, 0 }, { 0, dy }, { 0, -dy },
		                     { dx, dy }, { -dx, dy }, { dx, -dy },
		                     { -dx, -dy } };

		for (int i = 0; i < 8; i++) {
			double cx = px + off[i][0], cy = py + off[i][1];
			double d = S_signed_dist(&w->poly, cx, cy);

			if (d > 0)
				w->cand[w->ncand++] = (S_cand){ cx, cy, d };
		}
	}
	/* Other roomy interior points, for polygons shaped like an L or a
	 * dumbbell. */
	S_bbox(&w->poly, &x0, &y0, &x1, &y1);
	sx = (x1 - x0) / S_GRID;
	sy = (y1 - y0) / S_GRID;
	for (int i = 0; i < S_GRID; i++) {
		for (int j = 0; j < S_GRID; j++) {
			double cx = x0 + (i + 0.5) * sx, cy = y0 + (j + 0.5) * sy;
			double d = S_signed_dist(&w->poly, cx, cy);

			if (d > 0)
				grid[ng++] = (S_cand){ cx, cy, d };
		}
	}
	qsort(grid, ng, sizeof(grid[0]), S_cand_cmp);
	for (size_t i = 0; i < ng && w->ncand < S_MAX_CAND; i++)
		w->cand[w->ncand++] = grid[i];
	return 0;
}

/* The padded box of a label of width tw centred on (cx, cy). */
static void
S_rect(double cx, double cy, double tw, double th, double pad, double *r)
{
	r[0] = cx - tw / 2 - pad;
	r[1] = cy - th / 2 - pad;
	r[2] = tw + 2 * pad;
	r[3] = th + 2 * pad;
}

static int
S_free_at(const double *r, const render_label *v, const S_work *w,
          size_t n, const render_label_opts *o)
{
	if (!S_within(r, o->box))
		return 0;
	for (size_t k = 0; k < o->navoid; k++)
		if (S_overlap(r, o->avoid + 4 * k))
			return 0;
	for (size_t k = 0; k < n; k++)
		if (v[k].placed && S_overlap(r, w[k].rect))
			return 0;
	return 1;
}

static const S_work *S_order_work;

static int
S_order_cmp(const void *a, const void *b)
{
	double da = S_order_work[*(const size_t *)a].pole_d;
	double db = S_order_work[*(const size_t *)b].pole_d;

	if (da != db)
		return da < db ? -1 : 1;
	return (*(const size_t *)a > *(const size_t *)b) -
	       (*(const size_t *)a < *(const size_t *)b);
}

int
render_label_place(render_label *v, size_t n, const render_label_opts *o,
                   vk_err *e)
{
	S_work *w = calloc(n ? n : 1, sizeof(*w));
	size_t *order = malloc((n ? n : 1) * sizeof(*order));
	double big = o->nsizes ? o->sizes[0] : 6;
	double small = o->nsizes ? o->sizes[o->nsizes - 1] : 6;

	if (w == NULL || order == NULL) {
		free(w);
		free(order);
		return vk_err_io(e, NULL, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		v[i].placed = 0;
		w[i].poly = (S_poly){ v[i].xy, v[i].ring_end, v[i].nrings };
		if (S_candidates(&w[i], v[i].em_width * big,
		                 o->cap_height * big, e) < 0) {
			free(w);
			free(order);
			return -1;
		}
		order[i] = i;
	}
	/* Most cramped first: they have the fewest good positions. qsort has
	 * no context argument in C11, hence the file-level pointer. */
	S_order_work = w;
	qsort(order, n, sizeof(*order), S_order_cmp);
	S_order_work = NULL;
	for (size_t pass = 0; pass <= o->nsizes; pass++) {
		int strict = pass < o->nsizes;
		double size = strict ? o->sizes[pass] : small;

		for (size_t k = 0; k < n; k++) {
			size_t i = order[k];
			double tw = v[i].em_width * size, th = o->cap_height * size;

			if (v[i].placed)
				continue;
			for (size_t c = 0; c < w[i].ncand; c++) {
				double r[4], inner[4];

				S_rect(w[i].cand[c].x, w[i].cand[c].y, tw, th, o->pad,
				       r);
				/* Inside the polygon: the glyphs themselves, the
				 * halo may touch the edge. */
				S_rect(w[i].cand[c].x, w[i].cand[c].y, tw, th, 0,
				       inner);
				if (strict && !S_rect_inside(&w[i].poly, inner))
					continue;
				if (!S_free_at(r, v, w, n, o))
					continue;
				memcpy(w[i].rect, r, sizeof(r));
				v[i].placed = 1;
				v[i].size = size;
				v[i].x = w[i].cand[c].x - tw / 2;
				v[i].y = w[i].cand[c].y + th / 2;
				break;
			}
		}
	}
	free(w);
	free(order);
	return 0;
}
