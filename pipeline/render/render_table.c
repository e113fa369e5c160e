#include "render_table.h"

#include <stdlib.h>
#include <string.h>

static double
S_lead(const render_style *st)
{
	return st->leading > 0 ? st->leading : 1.25 * st->size;
}

/* Lines a cell takes at width w (1 for a column that does not wrap). */
static int
S_lines(render_pdf *d, const char *s, const render_style *st, double w,
        int wrap, int max_lines, int *lines, vk_err *e)
{
	render_line *l;
	size_t n;

	*lines = 1;
	if (!wrap || s[0] == '\0')
		return 0;
	if (render_pdf_wrap(d, s, st, w, &l, &n, e) < 0)
		return -1;
	free(l);
	*lines = n > (size_t)max_lines ? max_lines : (int)n;
	if (*lines < 1)
		*lines = 1;
	return 0;
}

static int
S_cell(render_pdf *d, double x, double y, double w, const char *s,
       const render_style *st, int wrap, int lines, vk_err *e)
{
	render_style cs = *st;
	double h;
	int complete;
	char *cut;
	int rc;

	if (s[0] == '\0')
		return 0;
	if (wrap)
		return render_pdf_textbox(d, x, y, w, lines * S_lead(st), s, st,
		                          &h, &complete, e);
	if (render_pdf_ellipsize(d, s, strlen(s), st, w, &cut, e) < 0)
		return -1;
	/* One line through the textbox, so wrapped and single cells share
	 * a baseline. */
	cs.leading = S_lead(st);
	rc = render_pdf_textbox(d, x, y, w, cs.leading, cut, &cs, &h,
	                        &complete, e);
	free(cut);
	return rc;
}

static int
S_row(render_pdf *d, const render_table_opts *o, const double *cx,
      const double *cw, const char *const *cells, const render_style *st,
      double y, double *height, int draw, vk_err *e)
{
	int maxl = 1;

	for (size_t c = 0; c < o->ncols; c++) {
		const char *s = cells[c] != NULL ? cells[c] : "";
		int l;

		if (S_lines(d, s, st, cw[c] - 2 * o->pad, o->cols[c].wrap,
		            o->max_lines, &l, e) < 0)
			return -1;
		if (l > maxl)
			maxl = l;
	}
	*height = maxl * S_lead(st) + 2 * o->pad * 0.6;
	if (!draw)
		return 0;
	for (size_t c = 0; c < o->ncols; c++) {
		render_style cs = *st;
		const char *s = cells[c] != NULL ? cells[c] : "";

		cs.align = o->cols[c].align;
		if (S_cell(d, cx[c] + o->pad, y + o->pad * 0.6, cw[c] - 2 * o->pad,
		           s, &cs, o->cols[c].wrap, maxl, e) < 0)
			return -1;
	}
	return 0;
}

static int
S_band(render_pdf *d, double x, double y, double w, double h, vk_rgb c,
       vk_err *e)
{
	render_paint p;

	memset(&p, 0, sizeof(p));
	p.fill = 1;
	p.fill_colour = c;
	return render_pdf_rect(d, x, y, w, h, &p, e);
}

static int
S_rule(render_pdf *d, double x, double y, double w, double width, vk_rgb c,
       vk_err *e)
{
	render_paint p;

	memset(&p, 0, sizeof(p));
	p.stroke = 1;
	p.stroke_colour = c;
	p.width = width;
	return render_pdf_line(d, x, y, x + w, y, &p, e);
}

int
render_table(render_pdf *d, const render_table_opts *o, double *bottom,
             vk_err *e)
{
	double *cx = NULL, *cw = NULL, fixed = 0, share, y = o->y, h;
	const char **head = NULL;
	size_t nshare = 0;
	int rc = -1;

	*bottom = o->y;
	if (o->ncols == 0)
		return vk_err_set(e, NULL, 0, 0, "a table needs columns");
	cx = malloc(o->ncols * sizeof(*cx));
	cw = malloc(o->ncols * sizeof(*cw));
	head = malloc(o->ncols * sizeof(*head));
	if (cx == NULL || cw == NULL || head == NULL) {
		rc = vk_err_io(e, NULL, "out of memory");
		goto out;
	}
	for (size_t c = 0; c < o->ncols; c++) {
		if (o->cols[c].width > 0)
			fixed += o->cols[c].width;
		else
			nshare++;
		head[c] = o->cols[c].title;
	}
	share = nshare ? (o->w - fixed) / (double)nshare : 0;
	if (fixed > o->w + 0.01 || (nshare > 0 && share < 2 * o->pad + 1)) {
		rc = vk_err_set(e, NULL, 0, 0, "table columns (%.1f pt fixed) do "
		                "not fit the table width %.1f pt", fixed, o->w);
		goto out;
	}
	for (size_t c = 0; c < o->ncols; c++) {
		cw[c] = o->cols[c].width > 0 ? o->cols[c].width : share;
		cx[c] = c ? cx[c - 1] + cw[c - 1] : o->x;
	}
	if (S_row(d, o, cx, cw, head, &o->head, y, &h, 0, e) < 0)
		goto out;
	if (o->head_filled && S_band(d, o->x, y, o->w, h, o->head_fill, e) < 0)
		goto out;
	if (S_row(d, o, cx, cw, head, &o->head, y, &h, 1, e) < 0)
		goto out;
	y += h;
	if (S_rule(d, o->x, y, o->w, 0.8, o->rule_colour, e) < 0)
		goto out;
	for (size_t r = 0; r < o->nrows; r++) {
		const char *const *cells = o->cells + r * o->ncols;
		const render_style *st = o->bold != NULL && o->bold[r] ?
		                         &o->head : &o->body;

		if (S_row(d, o, cx, cw, cells, st, y, &h, 0, e) < 0)
			goto out;
		if (o->zebra && r % 2 == 1 &&
		    S_band(d, o->x, y, o->w, h, o->zebra_colour, e) < 0)
			goto out;
		if (S_row(d, o, cx, cw, cells, st, y, &h, 1, e) < 0)
			goto out;
		y += h;
		if (!o->zebra && r + 1 < o->nrows &&
		    S_rule(d, o->x, y, o->w, 0.3, o->rule_colour, e) < 0)
			goto out;
	}
	if (S_rule(d, o->x, y, o->w, 0.8, o->rule_colour, e) < 0)
		goto out;
	*bottom = y;
	rc = 0;
out:
	free(cx);
	free(cw);
	free(head);
	return rc;
}
