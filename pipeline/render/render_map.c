#include "render_map.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_label.h"

/* Vertices closer than this to the previous kept one are dropped: invisible
 * on paper, and they make up most of a city map's bytes. */
#define S_THIN 0.25
/* Digits (buurt numbers) are about this tall at size 1 (Liberation Sans
 * cap height 0.687 em). */
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

static int
S_project(const S_proj *p, const render_shape *s, S_pshape *out)
{
	size_t np = s->nrings ? s->ring_end[s->nrings - 1] : 0, k = 0;
	size_t start = 0;
	double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;

	memset(out, 0, sizeof(*out));
	out->xy = malloc((2 * np + 2) * sizeof(*out->xy));
	out->end = malloc((s->nrings + 1) * sizeof(*out->end));
	if (out->xy == NULL || out->end == NULL)
		return -1;
	for (size_t r = 0; r < s->nrings; r++) {
		size_t first = k, n = s->ring_end[r] - start;

		for (size_t i = 0; i < n; i++) {
			double x, y;

			S_pt(p, s->xy[2 * (start + i)], s->xy[2 * (start + i) + 1],
			     &x, &y);
			/* Keep the first and last vertex of every ring. */
			if (k > first && i + 1 < n &&
			    fabs(x - out->xy[2 * k - 2]) < S_THIN &&
			    fabs(y - out->xy[2 * k - 1]) < S_THIN)
				continue;
			out->xy[2 * k] = x;
			out->xy[2 * k + 1] = y;
			k++;
			x0 = fmin(x0, x);
			y0 = fmin(y0, y);
			x1 = fmax(x1, x);
			y1 = fmax(y1, y);
		}
		start = s->ring_end[r];
		/* A ring thinned below a triangle is too small to see. */
		if (k - first < 3) {
			k = first;
			continue;
		}
		out->end[out->nrings++] = k;
	}
	out->bbox[0] = x0;
	out->bbox[1] = y0;
	out->bbox[2] = x1 - x0;
	out->bbox[3] = y1 - y0;
	return 0;
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

static int
S_draw_labels(vk_draw *d, const render_map_area *a, const S_pshape *ps,
              size_t n, const render_map_opts *o, render_map_result *res,
              vk_err *e)
{
	render_label *lab = calloc(n ? n : 1, sizeof(*lab));
	size_t *idx = malloc((n ? n : 1) * sizeof(*idx)), nl = 0;
	double sizes[8];
	size_t nsizes = 0;
	render_label_opts lo;

	if (lab == NULL || idx == NULL) {
		free(lab);
		free(idx);
		return vk_err_io(e, NULL, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		double w;

		if (a[i].label == NULL || a[i].context || ps[i].nrings == 0)
			continue;
		w = d->ops->text_width(d->ctx, o->label_font, 1.0, a[i].label);
		if (w < 0)
			break;   /* unknown font: the back end recorded it */
		lab[nl].xy = ps[i].xy;
		lab[nl].ring_end = ps[i].end;
		lab[nl].nrings = ps[i].nrings;
		lab[nl].em_width = w;
		idx[nl++] = i;
	}
	/* Sizes from label_size down to label_min in steps of about 12%. */
	for (double s = o->label_size; nsizes < 8; s *= 0.88) {
		if (s < o->label_min || nsizes == 7) {
			sizes[nsizes++] = o->label_min;
			break;
		}
		sizes[nsizes++] = s;
	}
	memset(&lo, 0, sizeof(lo));
	lo.sizes = sizes;
	lo.nsizes = nsizes;
	lo.cap_height = S_CAP;
	lo.pad = 0.8;
	memcpy(lo.box, o->box, sizeof(lo.box));
	lo.avoid = o->avoid;
	lo.navoid = o->navoid;
	if (render_label_place(lab, nl, &lo, e) < 0) {
		free(lab);
		free(idx);
		return -1;
	}
	/* Halos first, then all glyphs, so no halo covers a neighbour's
	 * digits. */
	d->ops->stroke_colour(d->ctx, o->halo_colour);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			d->ops->fill_colour(d->ctx, o->label_colour);
		for (size_t k = 0; k < nl; k++) {
			if (!lab[k].placed)
				continue;
			if (pass == 0)
				d->ops->line_width(d->ctx, lab[k].size * 0.28);
			d->ops->text(d->ctx, o->label_font, lab[k].size, lab[k].x,
			             lab[k].y, a[idx[k]].label, pass == 0);
		}
	}
	for (size_t k = 0; k < nl; k++) {
		if (!lab[k].placed) {
			res->omitted[idx[k]] = 1;
			res->nomitted++;
		}
	}
	free(lab);
	free(idx);
	return 0;
}

int
render_map_draw(vk_draw *d, const render_map_area *a, size_t n,
                const render_map_edge *edges, size_t nedges,
                const render_map_opts *o, render_map_result *res, vk_err *e)
{
	S_pshape *ps = NULL, *pe = NULL;
	S_proj p;
	double *ext = res->extent, ew, eh;
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
	for (size_t i = 0; i < n && rc == 0; i++)
		if (S_project(&p, a[i].shape, &ps[i]) < 0)
			rc = vk_err_io(e, NULL, "out of memory");
	for (size_t i = 0; i < nedges && rc == 0; i++)
		if (S_project(&p, edges[i].shape, &pe[i]) < 0)
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
	rc = S_draw_labels(d, a, ps, n, o, res, e);
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
