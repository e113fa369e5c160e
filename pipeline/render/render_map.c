#include "render_map.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_label.h"

/* Douglas-Peucker tolerance, points: detail below this is invisible on
 * paper, and dropping it makes up most of a map's bytes. */
#define S_SIMPLIFY 0.12
/* Context areas are clipped to the map box plus this margin: a zoomed wijk
 * map would otherwise carry the whole city's vertices. */
#define S_CLIP_MARGIN 4.0
#define S_CAP 0.70

typedef struct S_proj {
	double cx, cy, s;       /* centre of the extent, points per metre */
	double px, py;          /* centre of the box */
} S_proj;

/* One area in page points. */
typedef struct S_pshape {
	double *xy;
	size_t *end;
	size_t nrings;
	double bbox[4];         /* x, y, w, h */
} S_pshape;

static void
S_pt(const S_proj *p, double X, double Y, double *x, double *y)
{
	*x = p->px + (X - p->cx) * p->s;
	*y = p->py - (Y - p->cy) * p->s;   /* north is up: page y runs down */
}

/* A growable list of points. */
typedef struct S_pts {
	double *v;
	size_t n, cap;
} S_pts;

static int
S_pts_add(S_pts *p, double x, double y)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 256;
		double *v = realloc(p->v, 2 * cap * sizeof(*v));

		if (v == NULL)
			return -1;
		p->v = v;
		p->cap = cap;
	}
	p->v[2 * p->n] = x;
	p->v[2 * p->n + 1] = y;
	p->n++;
	return 0;
}

/* One Sutherland-Hodgman step: keeps the part of ring in on the inner side
 * of the line axis (0 = x, 1 = y) = at (side +1: >=, -1: <=). */
static int
S_clip_edge(const S_pts *in, S_pts *out, int axis, double at, int side)
{
	out->n = 0;
	for (size_t i = 0; i < in->n; i++) {
		const double *a = in->v + 2 * (i ? i - 1 : in->n - 1);
		const double *b = in->v + 2 * i;
		int ain = side * (a[axis] - at) >= 0;
		int bin = side * (b[axis] - at) >= 0;

		if (ain != bin) {
			double t = (at - a[axis]) / (b[axis] - a[axis]);
			double x = a[0] + t * (b[0] - a[0]);
			double y = a[1] + t * (b[1] - a[1]);

			if (axis == 0)
				x = at;
			else
				y = at;
			if (S_pts_add(out, x, y) < 0)
				return -1;
		}
		if (bin && S_pts_add(out, b[0], b[1]) < 0)
			return -1;
	}
	return 0;
}

/* Clips the ring in a (b is scratch) to the rectangle r (x0 y0 x1 y1);
 * the result ends up in a. */
static int
S_clip_ring(S_pts *a, S_pts *b, const double *r)
{
	static const int axis[4] = { 0, 0, 1, 1 }, side[4] = { 1, -1, 1, -1 };
	const double at[4] = { r[0], r[2], r[1], r[3] };

	for (int k = 0; k < 4 && a->n > 0; k++) {
		S_pts t;

		if (S_clip_edge(a, b, axis[k], at[k], side[k]) < 0)
			return -1;
		t = *a;
		*a = *b;
		*b = t;
	}
	return 0;
}

static double
S_dist2_seg(const double *p, const double *a, const double *b)
{
	double dx = b[0] - a[0], dy = b[1] - a[1], t = 0;

	if (dx != 0 || dy != 0) {
		t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy);
		t = t < 0 ? 0 : t > 1 ? 1 : t;
	}
	dx = a[0] + t * dx - p[0];
	dy = a[1] + t * dy - p[1];
	return dx * dx + dy * dy;
}

/* Douglas-Peucker on v[0..n): marks the points to keep. stack has room
 * for 2n indices. */
static void
S_simplify(const double *v, size_t n, unsigned char *keep, size_t *stack)
{
	size_t sp = 0;

	memset(keep, 0, n);
	keep[0] = keep[n - 1] = 1;
	stack[sp++] = 0;
	stack[sp++] = n - 1;
	while (sp > 0) {
		size_t j = stack[--sp], i = stack[--sp], far = 0;
		double dmax = S_SIMPLIFY * S_SIMPLIFY;

		for (size_t k = i + 1; k < j; k++) {
			double d = S_dist2_seg(v + 2 * k, v + 2 * i, v + 2 * j);

			if (d > dmax) {
				dmax = d;
				far = k;
			}
		}
		if (far != 0) {
			keep[far] = 1;
			stack[sp++] = i;
			stack[sp++] = far;
			stack[sp++] = far;
			stack[sp++] = j;
		}
	}
}

/* Projects a shape to page points, clipped to clip (x0 y0 x1 y1) and
 * simplified. */
static int
S_project(const S_proj *p, const render_shape *s, const double *clip,
          S_pshape *out)
{
	S_pts a = { NULL, 0, 0 }, b = { NULL, 0, 0 }, o = { NULL, 0, 0 };
	unsigned char *keep = NULL;
	size_t *stack = NULL, start = 0, cap = 0;
	double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if ((out->end = malloc((s->nrings + 1) * sizeof(*out->end))) == NULL)
		goto out;
	for (size_t r = 0; r < s->nrings; r++) {
		size_t n = s->ring_end[r] - start, first = o.n;
		int inside = 1;

		a.n = 0;
		for (size_t i = 0; i < n; i++) {
			double x, y;

			S_pt(p, s->xy[2 * (start + i)], s->xy[2 * (start + i) + 1],
			     &x, &y);
			inside &= x >= clip[0] && x <= clip[2] && y >= clip[1] &&
			          y <= clip[3];
			if (S_pts_add(&a, x, y) < 0)
				goto out;
		}
		start = s->ring_end[r];
		if (!inside && S_clip_ring(&a, &b, clip) < 0)
			goto out;
		if (a.n < 3)
			continue;
		/* Close the ring explicitly so simplification keeps the seam. */
		if ((a.v[0] != a.v[2 * a.n - 2] || a.v[1] != a.v[2 * a.n - 1]) &&
		    S_pts_add(&a, a.v[0], a.v[1]) < 0)
			goto out;
		if (a.n > cap) {
			free(keep);
			free(stack);
			cap = a.n;
			keep = malloc(cap);
			stack = malloc(4 * cap * sizeof(*stack));
			if (keep == NULL || stack == NULL)
				goto out;
		}
		S_simplify(a.v, a.n, keep, stack);
		for (size_t i = 0; i < a.n; i++) {
			if (!keep[i])
				continue;
			if (S_pts_add(&o, a.v[2 * i], a.v[2 * i + 1]) < 0)
				goto out;
			x0 = fmin(x0, a.v[2 * i]);
			y0 = fmin(y0, a.v[2 * i + 1]);
			x1 = fmax(x1, a.v[2 * i]);
			y1 = fmax(y1, a.v[2 * i + 1]);
		}
		/* A ring simplified below a triangle is too small to see. */
		if (o.n - first < 4) {
			o.n = first;
			continue;
		}
		out->end[out->nrings++] = o.n;
	}
	out->xy = o.v;
	o.v = NULL;
	out->bbox[0] = x0;
	out->bbox[1] = y0;
	out->bbox[2] = x1 - x0;
	out->bbox[3] = y1 - y0;
	rc = 0;
out:
	free(a.v);
	free(b.v);
	free(o.v);
	free(keep);
	free(stack);
	return rc;
}

static void
S_path(vk_draw *d, const S_pshape *p)
{
	size_t start = 0;

	for (size_t r = 0; r < p->nrings; r++) {
		d->ops->moveto(d->ctx, p->xy[2 * start], p->xy[2 * start + 1]);
		for (size_t i = start + 1; i < p->end[r]; i++)
			d->ops->lineto(d->ctx, p->xy[2 * i], p->xy[2 * i + 1]);
		d->ops->close(d->ctx);
		start = p->end[r];
	}
}

static int
S_visible(const S_pshape *p, const double *box)
{
	return p->nrings > 0 && p->bbox[0] <= box[0] + box[2] &&
	       p->bbox[0] + p->bbox[2] >= box[0] &&
	       p->bbox[1] <= box[1] + box[3] && p->bbox[1] + p->bbox[3] >= box[1];
}

static void
S_pshape_free(S_pshape *p)
{
	free(p->xy);
	free(p->end);
}

/* The extent (metres) of the focus areas, or of all when none is. */
static int
S_extent(const render_map_area *a, size_t n, double margin, double *ext)
{
	int any_focus = 0;

	for (size_t i = 0; i < n; i++)
		any_focus |= !a[i].context;
	ext[0] = ext[1] = HUGE_VAL;
	ext[2] = ext[3] = -HUGE_VAL;
	for (size_t i = 0; i < n; i++) {
		const render_shape *s = a[i].shape;

		if (any_focus && a[i].context)
			continue;
		ext[0] = fmin(ext[0], s->minx);
		ext[1] = fmin(ext[1], s->miny);
		ext[2] = fmax(ext[2], s->maxx);
		ext[3] = fmax(ext[3], s->maxy);
	}
	if (!(ext[2] > ext[0] && ext[3] > ext[1]))
		return -1;
	{
		double mx = (ext[2] - ext[0]) * margin;
		double my = (ext[3] - ext[1]) * margin;

		ext[0] -= mx;
		ext[2] += mx;
		ext[1] -= my;
		ext[3] += my;
	}
	return 0;
}

static void
S_draw_areas(vk_draw *d, const render_map_area *a, const S_pshape *ps,
             size_t n, const render_map_opts *o)
{
	for (size_t i = 0; i < n; i++) {
		if (!S_visible(&ps[i], o->box))
			continue;
		d->ops->fill_colour(d->ctx, a[i].fill);
		S_path(d, &ps[i]);
		d->ops->fill(d->ctx);
		if (a[i].hatch) {
			d->ops->save(d->ctx);
			S_path(d, &ps[i]);
			d->ops->clip(d->ctx);
			d->ops->stroke_colour(d->ctx, o->hatch_colour);
			d->ops->line_width(d->ctx, VK_DRAW_HATCH_WIDTH);
			vk_draw_hatch(d, ps[i].bbox[0], ps[i].bbox[1], ps[i].bbox[2],
			              ps[i].bbox[3], VK_DRAW_HATCH_SPACING);
			d->ops->restore(d->ctx);
		}
		if (a[i].pattern > VK_PAT_NONE) {
			d->ops->save(d->ctx);
			S_path(d, &ps[i]);
			d->ops->clip(d->ctx);
			d->ops->stroke_colour(d->ctx, o->pattern_colour);
			d->ops->line_width(d->ctx, VK_DRAW_HATCH_WIDTH);
			vk_draw_pattern(d, a[i].pattern, ps[i].bbox[0],
			                ps[i].bbox[1], ps[i].bbox[2],
			                ps[i].bbox[3], VK_DRAW_HATCH_SPACING);
			d->ops->restore(d->ctx);
		}
	}
	/* Outlines after all fills, so a neighbour's fill never covers half
	 * of a shared edge. */
	d->ops->stroke_colour(d->ctx, o->edge_colour);
	d->ops->line_width(d->ctx, o->edge_width);
	for (size_t i = 0; i < n; i++) {
		if (!S_visible(&ps[i], o->box))
			continue;
		S_path(d, &ps[i]);
		d->ops->stroke(d->ctx);
	}
}

/* Labels of one kind (buurt numbers, wijk names): one font, one range of
 * sizes, one halo. lab[k] labels shape idx[k] with text[k]. */
typedef struct S_labels {
	const char *font;
	double size, min;       /* sizes tried: size down to min */
	double pad;             /* clearance from other labels, points */
	double halo;            /* halo width per point of size */
	render_label *lab;
	size_t *idx;
	const char **text;
	size_t n;
} S_labels;

static int
S_labels_init(S_labels *ls, size_t cap)
{
	cap = cap ? cap : 1;
	ls->lab = calloc(cap, sizeof(*ls->lab));
	ls->idx = malloc(cap * sizeof(*ls->idx));
	ls->text = malloc(cap * sizeof(*ls->text));
	ls->n = 0;
	return ls->lab && ls->idx && ls->text ? 0 : -1;
}

static void
S_labels_free(S_labels *ls)
{
	free(ls->lab);
	free(ls->idx);
	free(ls->text);
}

/* Adds text as the label of shape i (ps, in page points). -1 for an
 * unknown font: the back end recorded it, the map ends with what it has. */
static int
S_labels_add(vk_draw *d, S_labels *ls, const S_pshape *ps, size_t i,
             const char *text)
{
	double w = d->ops->text_width(d->ctx, ls->font, 1.0, text);
	render_label *l = &ls->lab[ls->n];

	if (w < 0)
		return -1;
	l->xy = ps->xy;
	l->ring_end = ps->end;
	l->nrings = ps->nrings;
	l->em_width = w;
	ls->idx[ls->n] = i;
	ls->text[ls->n++] = text;
	return 0;
}

static int
S_labels_place(S_labels *ls, const double *box, const double *avoid,
               size_t navoid, vk_err *e)
{
	double sizes[8];
	size_t nsizes = 0;
	render_label_opts lo;

	/* Sizes from size down to min in steps of about 12%. */
	for (double s = ls->size; nsizes < 8; s *= 0.88) {
		if (s < ls->min || nsizes == 7) {
			sizes[nsizes++] = ls->min;
			break;
		}
		sizes[nsizes++] = s;
	}
	memset(&lo, 0, sizeof(lo));
	lo.sizes = sizes;
	lo.nsizes = nsizes;
	lo.cap_height = S_CAP;
	lo.pad = ls->pad;
	memcpy(lo.box, box, sizeof(lo.box));
	lo.avoid = avoid;
	lo.navoid = navoid;
	return render_label_place(ls->lab, ls->n, &lo, e);
}

/* The box of placed label k: top-left at the cap height, the text's
 * width. */
static void
S_labels_box(const S_labels *ls, size_t k, double *r)
{
	const render_label *l = &ls->lab[k];

	r[0] = l->x;
	r[1] = l->y - S_CAP * l->size;
	r[2] = l->em_width * l->size;
	r[3] = S_CAP * l->size;
}

static void
S_labels_draw(vk_draw *d, const S_labels *ls, const render_map_opts *o)
{
	/* Halos first, then all glyphs, so no halo covers a neighbour's
	 * text. */
	d->ops->stroke_colour(d->ctx, o->halo_colour);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			d->ops->fill_colour(d->ctx, o->label_colour);
		for (size_t k = 0; k < ls->n; k++) {
			const render_label *l = &ls->lab[k];

			if (!l->placed)
				continue;
			if (pass == 0)
				d->ops->line_width(d->ctx, l->size * ls->halo);
			d->ops->text(d->ctx, ls->font, l->size, l->x, l->y,
			             ls->text[k], pass == 0);
		}
	}
}

/* o->avoid plus the placed edge labels, each grown by clear: the area
 * labels keep off both. A new array in *out (n boxes), the caller's. */
static int
S_avoid_edge_labels(const render_map_opts *o, const S_labels *el,
                    double clear, double **out, size_t *n)
{
	double *v = malloc((4 * (o->navoid + el->n) + 1) * sizeof(*v));

	if (v == NULL)
		return -1;
	if (o->navoid > 0)
		memcpy(v, o->avoid, 4 * o->navoid * sizeof(*v));
	*n = o->navoid;
	for (size_t k = 0; k < el->n; k++) {
		double *r = v + 4 * *n;

		if (!el->lab[k].placed)
			continue;
		S_labels_box(el, k, r);
		r[0] -= clear;
		r[1] -= clear;
		r[2] += 2 * clear;
		r[3] += 2 * clear;
		(*n)++;
	}
	*out = v;
	return 0;
}

/* Edge labels (wijk names) are placed first and area labels (buurt
 * numbers) keep off them; they are drawn last, so a name is never under
 * a number's halo. Without edge labels this draws exactly what it did
 * before edges had labels. */
static int
S_draw_labels(vk_draw *d, const render_map_area *a, const S_pshape *ps,
              size_t n, const render_map_edge *edges, const S_pshape *pe,
              size_t nedges, const render_map_opts *o,
              render_map_result *res, vk_err *e)
{
	S_labels al = { o->label_font, o->label_size, o->label_min, 0.8, 0.28,
	                NULL, NULL, NULL, 0 };
	S_labels el = { o->edge_label_font, o->edge_label_size,
	                o->edge_label_min, 1.5, 0.35, NULL, NULL, NULL, 0 };
	double *avoid = NULL;
	size_t nlab = 0, navoid = o->navoid;
	int rc = -1;

	for (size_t i = 0; i < nedges; i++)
		nlab += edges[i].label != NULL;
	if (S_labels_init(&al, n) < 0 || S_labels_init(&el, nlab) < 0 ||
	    (nlab > 0 && ((res->edge_placed = calloc(nedges, 1)) == NULL ||
	     (res->edge_box = calloc(4 * nedges, sizeof(double))) == NULL))) {
		rc = vk_err_io(e, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < nedges; i++) {
		if (edges[i].label == NULL || pe[i].nrings == 0)
			continue;
		if (S_labels_add(d, &el, &pe[i], i, edges[i].label) < 0)
			break;
	}
	if (S_labels_place(&el, o->box, o->avoid, o->navoid, e) < 0)
		goto out;
	if (el.n > 0 && S_avoid_edge_labels(o, &el, 1.0, &avoid, &navoid) < 0) {
		rc = vk_err_io(e, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (a[i].label == NULL || a[i].context || ps[i].nrings == 0)
			continue;
		if (S_labels_add(d, &al, &ps[i], i, a[i].label) < 0)
			break;
	}
	if (S_labels_place(&al, o->box, avoid ? avoid : o->avoid, navoid,
	                   e) < 0)
		goto out;
	S_labels_draw(d, &al, o);
	if (el.n > 0)
		S_labels_draw(d, &el, o);
	for (size_t k = 0; k < al.n; k++) {
		if (!al.lab[k].placed) {
			res->omitted[al.idx[k]] = 1;
			res->nomitted++;
		}
	}
	for (size_t k = 0; k < el.n; k++) {
		if (!el.lab[k].placed)
			continue;
		res->edge_placed[el.idx[k]] = 1;
		S_labels_box(&el, k, res->edge_box + 4 * el.idx[k]);
	}
	rc = 0;
out:
	S_labels_free(&al);
	S_labels_free(&el);
	free(avoid);
	return rc;
}

int
render_map_draw(vk_draw *d, const render_map_area *a, size_t n,
                const render_map_edge *edges, size_t nedges,
                const render_map_opts *o, render_map_result *res, vk_err *e)
{
	S_pshape *ps = NULL, *pe = NULL;
	S_proj p;
	double *ext = res->extent, ew, eh, clip[4];
	int rc = 0;

	memset(res, 0, sizeof(*res));
	if (n == 0)
		return vk_err_set(e, NULL, 0, 0, "the map has no areas");
	if (!(o->box[2] > 0 && o->box[3] > 0))
		return vk_err_set(e, NULL, 0, 0, "the map box is empty");
	if (S_extent(a, n, o->margin, ext) < 0)
		return vk_err_set(e, NULL, 0, 0, "the map's areas have no extent");
	ew = ext[2] - ext[0];
	eh = ext[3] - ext[1];
	p.s = fmin(o->box[2] / ew, o->box[3] / eh);
	p.cx = (ext[0] + ext[2]) / 2;
	p.cy = (ext[1] + ext[3]) / 2;
	p.px = o->box[0] + o->box[2] / 2;
	p.py = o->box[1] + o->box[3] / 2;
	res->scale = p.s;
	res->omitted = calloc(n, 1);
	ps = calloc(n, sizeof(*ps));
	pe = calloc(nedges ? nedges : 1, sizeof(*pe));
	if (res->omitted == NULL || ps == NULL || pe == NULL) {
		rc = vk_err_io(e, NULL, "out of memory");
		goto out;
	}
	clip[0] = o->box[0] - S_CLIP_MARGIN;
	clip[1] = o->box[1] - S_CLIP_MARGIN;
	clip[2] = o->box[0] + o->box[2] + S_CLIP_MARGIN;
	clip[3] = o->box[1] + o->box[3] + S_CLIP_MARGIN;
	for (size_t i = 0; i < n && rc == 0; i++)
		if (S_project(&p, a[i].shape, clip, &ps[i]) < 0)
			rc = vk_err_io(e, NULL, "out of memory");
	for (size_t i = 0; i < nedges && rc == 0; i++)
		if (S_project(&p, edges[i].shape, clip, &pe[i]) < 0)
			rc = vk_err_io(e, NULL, "out of memory");
	if (rc < 0)
		goto out;
	d->ops->save(d->ctx);
	/* Context areas run past the box on a zoomed map. */
	d->ops->moveto(d->ctx, o->box[0], o->box[1]);
	d->ops->lineto(d->ctx, o->box[0] + o->box[2], o->box[1]);
	d->ops->lineto(d->ctx, o->box[0] + o->box[2], o->box[1] + o->box[3]);
	d->ops->lineto(d->ctx, o->box[0], o->box[1] + o->box[3]);
	d->ops->close(d->ctx);
	d->ops->clip(d->ctx);
	S_draw_areas(d, a, ps, n, o);
	for (size_t i = 0; i < nedges; i++) {
		if (!S_visible(&pe[i], o->box))
			continue;
		d->ops->stroke_colour(d->ctx, edges[i].colour);
		d->ops->line_width(d->ctx, edges[i].width);
		S_path(d, &pe[i]);
		d->ops->stroke(d->ctx);
	}
	rc = S_draw_labels(d, a, ps, n, edges, pe, nedges, o, res, e);
	d->ops->restore(d->ctx);
out:
	for (size_t i = 0; ps != NULL && i < n; i++)
		S_pshape_free(&ps[i]);
	for (size_t i = 0; pe != NULL && i < nedges; i++)
		S_pshape_free(&pe[i]);
	free(ps);
	free(pe);
	return rc;
}

void
render_map_result_free(render_map_result *res)
{
	free(res->omitted);
	free(res->edge_placed);
	free(res->edge_box);
	res->omitted = NULL;
	res->edge_placed = NULL;
	res->edge_box = NULL;
}

/* Largest 1, 2 or 5 times a power of ten not above v. */
static double
S_nice(double v, int *lead)
{
	double p = pow(10, floor(log10(v)));

	if (5 * p <= v) {
		*lead = 5;
		return 5 * p;
	}
	if (2 * p <= v) {
		*lead = 2;
		return 2 * p;
	}
	*lead = 1;
	return p;
}

static void
S_rect_path(vk_draw *d, double x, double y, double w, double h)
{
	d->ops->moveto(d->ctx, x, y);
	d->ops->lineto(d->ctx, x + w, y);
	d->ops->lineto(d->ctx, x + w, y + h);
	d->ops->lineto(d->ctx, x, y + h);
	d->ops->close(d->ctx);
}

int
render_map_scalebar(vk_draw *d, double scale, double x, double y,
                    double max_w, const char *font, double size,
                    vk_rgb colour, double *w, double *h, vk_err *e)
{
	const vk_rgb white = { 1, 1, 1 };
	double len, bw, bar_h = size * 0.6, tw;
	char label[32];
	int lead, nseg;

	if (!(scale > 0) || !(max_w > 0) || !(size > 0))
		return vk_err_set(e, NULL, 0, 0,
		                  "scale bar needs a positive scale, width and size");
	len = S_nice(max_w / scale, &lead);
	bw = len * scale;
	nseg = lead == 5 ? 5 : 4;
	if (len >= 1000)
		snprintf(label, sizeof(label), "%.0f km", len / 1000);
	else
		snprintf(label, sizeof(label), "%.0f m", len);
	d->ops->save(d->ctx);
	d->ops->line_width(d->ctx, 0.5);
	d->ops->stroke_colour(d->ctx, colour);
	for (int i = 0; i < nseg; i++) {
		d->ops->fill_colour(d->ctx, i % 2 ? white : colour);
		S_rect_path(d, x + bw * i / nseg, y, bw / nseg, bar_h);
		d->ops->fill_stroke(d->ctx);
	}
	d->ops->fill_colour(d->ctx, colour);
	d->ops->text(d->ctx, font, size, x - d->ops->text_width(d->ctx, font,
	             size, "0") / 2, y + bar_h + size * 1.05, "0", 0);
	tw = d->ops->text_width(d->ctx, font, size, label);
	/* The length sits centred under the bar's end, "km" and all. */
	d->ops->text(d->ctx, font, size, x + bw - tw / 2,
	             y + bar_h + size * 1.05, label, 0);
	d->ops->restore(d->ctx);
	*w = bw + tw / 2;
	*h = bar_h + size * 1.3;
	return 0;
}

int
render_map_north(vk_draw *d, double x, double y, double size,
                 const char *font, vk_rgb colour, vk_err *e)
{
	const vk_rgb white = { 1, 1, 1 };
	double ts = size * 0.32, cx = x + size / 2, top = y + ts * 1.1;
	double bottom = y + size, half = size * 0.28, notch = bottom - size * 0.16;

	if (!(size > 0))
		return vk_err_set(e, NULL, 0, 0, "north arrow size must be positive");
	d->ops->save(d->ctx);
	d->ops->fill_colour(d->ctx, colour);
	d->ops->text(d->ctx, font, ts,
	             cx - d->ops->text_width(d->ctx, font, ts, "N") / 2,
	             y + ts * 0.72, "N", 0);
	d->ops->stroke_colour(d->ctx, colour);
	d->ops->line_width(d->ctx, 0.6);
	/* Left half dark, right half light: reads as an arrow in greyscale. */
	d->ops->moveto(d->ctx, cx, top);
	d->ops->lineto(d->ctx, cx - half, bottom);
	d->ops->lineto(d->ctx, cx, notch);
	d->ops->close(d->ctx);
	d->ops->fill_stroke(d->ctx);
	d->ops->fill_colour(d->ctx, white);
	d->ops->moveto(d->ctx, cx, top);
	d->ops->lineto(d->ctx, cx + half, bottom);
	d->ops->lineto(d->ctx, cx, notch);
	d->ops->close(d->ctx);
	d->ops->fill_stroke(d->ctx);
	d->ops->restore(d->ctx);
	return 0;
}
