/* What the outlook starts from, per wijk: the stock by segment (from the
 * source named in outlook.stock, with config overrides), the vulnerable
 * share K (from vk-classify's buurten, population-weighted), its split over
 * the segments, turnover and intake (given, or calibrated from the observed
 * change of K). */
#include "outlook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vk_cli.h"
#include "vk_csv.h"
#include "vk_num.h"
#include "vk_strmap.h"

enum { V_HOMES, V_CORP, V_OWNER, V_N };

/* Values per code read from the stock source. */
typedef struct {
	char code[16];
	double v[V_N];
} S_row;

typedef struct {
	S_row *rows;
	size_t n, cap;
	vk_strmap *map;
} S_codes;

static S_row *
S_code_slot(S_codes *c, const char *code, vk_err *e)
{
	size_t ix;

	if (vk_strmap_get(c->map, code, &ix))
		return &c->rows[ix];
	if (c->n >= VK_CSV_MAX_ROWS) {
		vk_err_set(e, NULL, 0, 0, "too many codes in the stock source");
		return NULL;
	}
	{
		S_row *g = vk_grow(c->rows, &c->cap, c->n + 1, sizeof(*c->rows));

		if (g == NULL || vk_strmap_put(c->map, code, c->n) != 0) {
			if (g != NULL)
				c->rows = g;
			vk_err_io(e, NULL, "out of memory");
			return NULL;
		}
		c->rows = g;
	}
	memset(&c->rows[c->n], 0, sizeof(c->rows[0]));
	snprintf(c->rows[c->n].code, sizeof(c->rows[0].code), "%s", code);
	for (int k = 0; k < V_N; k++)
		c->rows[c->n].v[k] = NAN;
	return &c->rows[c->n++];
}

/* A column the outlook asks for, with the config position in the
 * message instead of vk_csv's generic one. */
static int
S_need(const vk_csv *t, const vk_config *cfg, const ol_config *oc,
       const char *name, size_t *col, vk_err *e)
{
	char msg[sizeof(e->msg)];
	const char *has;

	if (vk_csv_need(t, name, col, e) == 0)
		return 0;
	has = strstr(e->msg, "; the file has: ");
	snprintf(msg, sizeof(msg), "no column \"%s\" (%s:%ld:%ld asks for it "
	         "in outlook.stock)%s", name, cfg->path, oc->stock_pos.line,
	         oc->stock_pos.col, has != NULL ? has : "");
	memcpy(e->msg, msg, sizeof(msg));
	return -1;
}

static int
S_number(const vk_source *src, const vk_csv *t, size_t r, size_t c,
         double *v, vk_err *e)
{
	long line, col;

	if (vk_num_parse(vk_csv_get(t, r, c), src->decimal ? src->decimal : '.',
	                 (const char *const *)src->missing, src->nmissing,
	                 v) >= 0)
		return 0;
	vk_csv_pos(t, r, c, &line, &col);
	return vk_err_set(e, vk_csv_path(t), line, col, "expected a number in "
	                  "column \"%s\", found \"%s\"", vk_csv_header(t, c),
	                  vk_csv_get(t, r, c));
}

/* Reads homes, corporation % and owner % per code for the stock year. */
static int
S_stock_read(const vk_config *cfg, const ol_config *oc, S_codes *codes,
             vk_err *e)
{
	const vk_source *src = vk_config_source(cfg, oc->stock_source);
	const char *names[V_N] = { oc->col_homes, oc->col_corp, oc->col_owner };
	vk_csv_opts opts = { .delim = src->delimiter };
	size_t ck, cy = 0, cvar = 0, cval = 0, cols[V_N] = { 0 }, nyear = 0;
	int seen[V_N] = { 0 };
	vk_csv *t;
	int rc = -1;

	for (int k = 0; k < V_N; k++)
		if (names[k] == NULL)
			return vk_err_set(e, cfg->path, oc->stock_pos.line,
			                  oc->stock_pos.col, "outlook.stock needs "
			                  "\"homes\", \"corporation\" and \"owner\"");
	t = vk_csv_read(src->path, &opts, e);
	if (t == NULL)
		return -1;
	if (S_need(t, cfg, oc, src->key, &ck, e) != 0 ||
	    (src->year_column != NULL &&
	     S_need(t, cfg, oc, src->year_column, &cy, e) != 0))
		goto done;
	if (src->layout == VK_LAYOUT_LONG) {
		if (S_need(t, cfg, oc, src->variable, &cvar, e) != 0 ||
		    S_need(t, cfg, oc, src->value, &cval, e) != 0)
			goto done;
	} else {
		for (int k = 0; k < V_N; k++)
			if (S_need(t, cfg, oc, names[k], &cols[k], e) != 0)
				goto done;
	}
	for (size_t r = 0; r < vk_csv_nrows(t); r++) {
		const char *code = vk_csv_get(t, r, ck);
		S_row *row = NULL;

		if (src->year_column != NULL &&
		    atoi(vk_csv_get(t, r, cy)) != oc->stock_year)
			continue;
		nyear++;
		/* This gemeente's wijken and buurten only; the working area
		 * (area.wijken) is no restriction here: the city-wide
		 * balance needs every wijk. */
		if ((strncmp(code, "WK", 2) != 0 && strncmp(code, "BU", 2) != 0) ||
		    strlen(code) < 6 || strlen(code) >= sizeof(row->code) ||
		    strncmp(code + 2, cfg->gemeente_digits, 4) != 0)
			continue;
		if (src->layout == VK_LAYOUT_LONG) {
			const char *var = vk_csv_get(t, r, cvar);
			int k;

			for (k = 0; k < V_N && strcmp(names[k], var) != 0; k++)
				;
			if (k == V_N)
				continue;
			seen[k] = 1;
			if ((row = S_code_slot(codes, code, e)) == NULL)
				goto done;
			if (S_number(src, t, r, cval, &row->v[k], e) != 0)
				goto done;
			continue;
		}
		if ((row = S_code_slot(codes, code, e)) == NULL)
			goto done;
		for (int k = 0; k < V_N; k++)
			if (S_number(src, t, r, cols[k], &row->v[k], e) != 0)
				goto done;
	}
	/* A year or variable no row has is a typo in the config, not a
	 * stock of nothing. */
	if (nyear == 0) {
		vk_err_set(e, vk_csv_path(t), 0, 0, "no row for %d (%s:%ld:%ld "
		           "asks for it in outlook.stock)", oc->stock_year,
		           cfg->path, oc->stock_pos.line, oc->stock_pos.col);
		goto done;
	}
	for (int k = 0; src->layout == VK_LAYOUT_LONG && k < V_N; k++)
		if (!seen[k]) {
			vk_err_set(e, vk_csv_path(t), 0, 0, "no row has \"%s\" in "
			           "column \"%s\" for %d (%s:%ld:%ld asks for it in "
			           "outlook.stock)", names[k], src->variable,
			           oc->stock_year, cfg->path, oc->stock_pos.line,
			           oc->stock_pos.col);
			goto done;
		}
	rc = 0;
done:
	vk_csv_free(t);
	return rc;
}

/* The wijk's homes, corporation % and owner %: its own row, or else the
 * homes-weighted sum of its buurten that have all three. */
static void
S_stock_of(const S_codes *codes, ol_wijk *w)
{
	double h = 0, corp = 0, own = 0;
	size_t ix;

	w->stock_homes = w->stock_corp = w->stock_owner = NAN;
	w->stock_from = 0;
	if (vk_strmap_get(codes->map, w->code, &ix)) {
		const double *v = codes->rows[ix].v;

		if (!isnan(v[V_HOMES]) && !isnan(v[V_CORP]) && !isnan(v[V_OWNER])) {
			w->stock_homes = v[V_HOMES];
			w->stock_corp = v[V_CORP];
			w->stock_owner = v[V_OWNER];
			w->stock_from = 1;
			return;
		}
	}
	for (size_t i = 0; i < codes->n; i++) {
		const S_row *r = &codes->rows[i];

		if (strncmp(r->code, "BU", 2) != 0 ||
		    strncmp(r->code + 2, w->code + 2, 6) != 0 ||
		    isnan(r->v[V_HOMES]) || isnan(r->v[V_CORP]) ||
		    isnan(r->v[V_OWNER]))
			continue;
		h += r->v[V_HOMES];
		corp += r->v[V_HOMES] * r->v[V_CORP];
		own += r->v[V_HOMES] * r->v[V_OWNER];
	}
	if (h > 0) {
		w->stock_homes = h;
		w->stock_corp = corp / h;
		w->stock_owner = own / h;
		w->stock_from = 2;
	}
}

static int
S_wijken(const char *workdir, ol_data *d, vk_strmap *map, vk_err *e)
{
	char path[4096];
	size_t cc, cn, ca;
	vk_csv *t;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/index/wijken.csv", workdir);
	if ((t = vk_csv_read(path, NULL, e)) == NULL)
		return -1;
	if (vk_csv_need(t, "code", &cc, e) != 0 ||
	    vk_csv_need(t, "name", &cn, e) != 0 ||
	    vk_csv_need(t, "in_area", &ca, e) != 0)
		goto done;
	if (vk_csv_nrows(t) == 0 || vk_csv_nrows(t) > VK_OL_MAX_WIJKEN) {
		vk_err_set(e, path, 0, 0, "expected 1 to %d wijken, found %zu",
		           VK_OL_MAX_WIJKEN, vk_csv_nrows(t));
		goto done;
	}
	d->w = calloc(vk_csv_nrows(t), sizeof(*d->w));
	if (d->w == NULL) {
		vk_err_io(e, NULL, "out of memory");
		goto done;
	}
	for (size_t r = 0; r < vk_csv_nrows(t); r++) {
		ol_wijk *w = &d->w[d->nw];
		const char *code = vk_csv_get(t, r, cc);

		if (strlen(code) != 8 || strncmp(code, "WK", 2) != 0) {
			vk_err_set(e, path, vk_csv_line(t, r), (long)cc + 1,
			           "expected a wijk code like WK034401, found \"%s\"",
			           code);
			goto done;
		}
		memcpy(w->code, code, 9);
		w->name = strdup(vk_csv_get(t, r, cn));
		if (w->name == NULL || vk_strmap_put(map, code, d->nw) != 0) {
			vk_err_io(e, NULL, "out of memory");
			goto done;
		}
		w->in_area = strcmp(vk_csv_get(t, r, ca), "1") == 0;
		w->K = w->K_base = NAN;
		w->w.code = w->code;
		d->nw++;
	}
	rc = 0;
done:
	vk_csv_free(t);
	return rc;
}

/* The wijk's own K where index/trends.csv has it for both years (the
 * source's wijk row, or its combination of components): the figure the
 * wijkschets shows, so the outlook starts where the rest of the report
 * says the wijk is. The buurt mean of S_k stays for the other wijken. */
static int
S_k_trends(const char *workdir, ol_data *d, const vk_strmap *map, int y1,
           int y0, vk_err *e)
{
	char path[4096];
	size_t cw, ci, cc, cy, cv;
	vk_csv *t;
	double *v;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/index/trends.csv", workdir);
	if ((t = vk_csv_read(path, NULL, e)) == NULL)
		return -1;
	v = malloc(d->nw * 2 * sizeof(*v));
	if (v == NULL) {
		vk_err_io(e, NULL, "out of memory");
		goto done;
	}
	for (size_t w = 0; w < 2 * d->nw; w++)
		v[w] = NAN;
	if (vk_csv_need(t, "wijk", &cw, e) != 0 ||
	    vk_csv_need(t, "indicator", &ci, e) != 0 ||
	    vk_csv_need(t, "component", &cc, e) != 0 ||
	    vk_csv_need(t, "year", &cy, e) != 0 ||
	    vk_csv_need(t, "value", &cv, e) != 0)
		goto done;
	for (size_t r = 0; r < vk_csv_nrows(t); r++) {
		const char *ys = vk_csv_get(t, r, cy);
		double x;
		size_t w;
		long yr;
		char *end;

		if (strcmp(vk_csv_get(t, r, ci), "K") != 0 ||
		    strcmp(vk_csv_get(t, r, cc), "*") != 0 ||
		    !vk_strmap_get(map, vk_csv_get(t, r, cw), &w))
			continue;
		yr = strtol(ys, &end, 10);
		if (end == ys || *end != '\0' || (yr != y1 && yr != y0))
			continue;
		if (vk_num_parse(vk_csv_get(t, r, cv), '.', NULL, 0, &x) < 0) {
			vk_err_set(e, path, vk_csv_line(t, r), (long)cv + 1,
			           "expected a number or NA, found \"%s\"",
			           vk_csv_get(t, r, cv));
			goto done;
		}
		v[2 * w + (yr == y1 ? 0 : 1)] = x;
	}
	for (size_t w = 0; w < d->nw; w++) {
		if (isnan(v[2 * w]) || isnan(v[2 * w + 1]))
			continue;
		d->w[w].K = v[2 * w];
		d->w[w].K_base = v[2 * w + 1];
		d->w[w].K_from_wijk = 1;
	}
	rc = 0;
done:
	free(v);
	vk_csv_free(t);
	return rc;
}

/* Population-weighted K per wijk, over the buurten with inhabitants and K
 * in both years, so that the change used for calibration compares the
 * same buurten; K alone from the buurten that have it when none has both. */
static int
S_k(const char *workdir, ol_data *d, const vk_strmap *map, vk_err *e)
{
	char path[4096];
	size_t cw, ci, ck, cb;
	vk_csv *t;
	double *acc;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/classify/buurten.csv", workdir);
	if ((t = vk_csv_read(path, NULL, e)) == NULL)
		return -1;
	acc = calloc(d->nw * 5, sizeof(double));
	if (acc == NULL) {
		vk_err_io(e, NULL, "out of memory");
		goto done;
	}
	if (vk_csv_need(t, "wijk", &cw, e) != 0 ||
	    vk_csv_need(t, "inhabitants", &ci, e) != 0 ||
	    vk_csv_need(t, "K", &ck, e) != 0 ||
	    vk_csv_need(t, "K_base", &cb, e) != 0)
		goto done;
	for (size_t r = 0; r < vk_csv_nrows(t); r++) {
		const size_t cols[3] = { ci, ck, cb };
		double v[3];
		size_t w;

		if (!vk_strmap_get(map, vk_csv_get(t, r, cw), &w))
			continue;
		for (int k = 0; k < 3; k++)
			if (vk_num_parse(vk_csv_get(t, r, cols[k]), '.', NULL, 0,
			                 &v[k]) < 0) {
				vk_err_set(e, path, vk_csv_line(t, r), (long)cols[k] + 1,
				           "expected a number or NA, found \"%s\"",
				           vk_csv_get(t, r, cols[k]));
				goto done;
			}
		if (isnan(v[0]) || isnan(v[1]) || v[0] <= 0)
			continue;
		acc[w * 5 + 3] += v[0] * v[1];
		acc[w * 5 + 4] += v[0];
		if (isnan(v[2]))
			continue;
		acc[w * 5 + 0] += v[0] * v[1];
		acc[w * 5 + 1] += v[0] * v[2];
		acc[w * 5 + 2] += v[0];
	}
	for (size_t w = 0; w < d->nw; w++) {
		const double *a = &acc[w * 5];

		if (a[2] > 0) {
			d->w[w].K = a[0] / a[2];
			d->w[w].K_base = a[1] / a[2];
			d->w[w].inhabitants = a[2];
		} else if (a[4] > 0) {
			d->w[w].K = a[3] / a[4];
			d->w[w].inhabitants = a[4];
		}
	}
	rc = 0;
done:
	free(acc);
	vk_csv_free(t);
	return rc;
}

static const ol_wijk_cfg *
S_wcfg(const ol_config *oc, const char *code)
{
	for (size_t i = 0; i < oc->nwijken; i++)
		if (strcmp(oc->wijken[i].code, code) == 0)
			return &oc->wijken[i];
	return NULL;
}

/* A config position for a message about wijk w: its outlook.wijken entry,
 * or else the outlook section. */
static vk_pos
S_wpos(const ol_config *oc, const ol_wijk_cfg *wc)
{
	return wc != NULL ? wc->pos : oc->pos;
}

/* Stock by segment: data split by the shares, then overrides. */
static int
S_model_stock(const vk_config *cfg, const ol_config *oc, ol_wijk *w,
              const ol_wijk_cfg *wc, vk_err *e)
{
	double share = wc && !isnan(wc->social_share) ? wc->social_share :
	               oc->social_share;
	int given = 0;

	for (int s = 0; wc != NULL && s < VK_NSEG; s++)
		given += !isnan(wc->stock[s]);
	if (w->stock_from != 0) {
		double h = w->stock_homes;
		double corp = h * w->stock_corp / 100, own = h * w->stock_owner / 100;

		/* Whole-percent shares can add up to a little over 100. */
		if (corp + own > h && corp + own > 0) {
			double f = h / (corp + own);

			corp *= f;
			own *= f;
		}
		w->w.n0[VK_SEG_SOCIAL] = corp * share;
		w->w.n0[VK_SEG_MID] = corp * (1 - share);
		w->w.n0[VK_SEG_OWNER] = own;
		w->w.n0[VK_SEG_PRIVATE] = h - corp - own > 0 ? h - corp - own : 0;
	} else if (given < VK_NSEG) {
		vk_pos p = S_wpos(oc, wc);

		return vk_err_set(e, cfg->path, p.line, p.col, "wijk %s: no homes, "
		                  "corporation and owner shares for %d in %s%s; "
		                  "give all four segments under outlook.wijken.%s."
		                  "stock", w->code, oc->stock_year,
		                  oc->stock_source ? "source " : "",
		                  oc->stock_source ? oc->stock_source :
		                  "outlook.stock (absent)", w->code);
	}
	for (int s = 0; wc != NULL && s < VK_NSEG; s++)
		if (!isnan(wc->stock[s]))
			w->w.n0[s] = wc->stock[s];
	return 0;
}

static int
S_model_k(const vk_config *cfg, const ol_config *oc, const ol_data *d,
          ol_wijk *w, const ol_wijk_cfg *wc, vk_err *e)
{
	vk_pos p = S_wpos(oc, wc);
	double total = 0;
	int need_cal = 0;

	for (int s = 0; s < VK_NSEG; s++) {
		total += w->w.n0[s];
		w->w.m[s] = wc && !isnan(wc->turnover[s]) ? wc->turnover[s] :
		            oc->turnover[s];
		w->w.i[s] = wc && !isnan(wc->intake[s]) ? wc->intake[s] :
		            oc->intake[s];
		need_cal |= isnan(w->w.i[s]);
	}
	if (wc != NULL && !isnan(wc->K)) {
		w->K = wc->K;
		w->K_from_config = 1;
		w->K_base = NAN;
	}
	if (wc != NULL && !isnan(wc->K_base))
		w->K_base = wc->K_base;
	if (total <= 0) {
		/* No homes: nothing to split; new build starts empty. */
		for (int s = 0; s < VK_NSEG; s++) {
			w->w.k0[s] = 0;
			if (isnan(w->w.i[s]))
				w->w.i[s] = 0;
		}
		return 0;
	}
	if (isnan(w->K))
		return vk_err_set(e, cfg->path, p.line, p.col, "wijk %s has no K: "
		                  "no buurt of it has inhabitants and K in "
		                  "classify/buurten.csv; give outlook.wijken.%s.K "
		                  "(%%)", w->code, w->code);
	if (vk_ol_split_k(w->w.n0, oc->k_ratio, w->K / 100, w->w.k0) != 0)
		return vk_err_set(e, cfg->path, p.line, p.col, "wijk %s: cannot "
		                  "split K %.1f%% over its segments with k_ratio "
		                  "%g/%g/%g/%g (a segment with homes needs a ratio "
		                  "above 0)", w->code, w->K, oc->k_ratio[0],
		                  oc->k_ratio[1], oc->k_ratio[2], oc->k_ratio[3]);
	if (!need_cal)
		return 0;
	if (isnan(w->K_base) || d->k_years < 1 ||
	    vk_ol_split_k(w->w.n0, oc->k_ratio, w->K_base / 100,
	                  w->k_base_seg) != 0)
		return vk_err_set(e, cfg->path, p.line, p.col, "wijk %s: cannot "
		                  "calibrate the intake share: K has no base year or "
		                  "no value in it; give outlook.segments.<segment>."
		                  "intake or outlook.wijken.%s.K_base", w->code,
		                  w->code);
	for (int s = 0; s < VK_NSEG; s++) {
		int clamped;

		if (!isnan(w->w.i[s]))
			continue;
		w->w.i[s] = vk_ol_calibrate(w->k_base_seg[s], w->w.k0[s], w->w.m[s],
		                            d->k_years, &clamped);
		w->calibrated[s] = 1 + clamped;
	}
	return 0;
}

int
ol_data_load(const vk_config *cfg, const ol_config *oc, const char *workdir,
             ol_data *d, vk_err *e)
{
	const vk_indicator *ik = &cfg->ind[VK_IND_K];
	vk_strmap *map = vk_strmap_new();
	S_codes codes = { 0 };
	int rc = -1;

	memset(d, 0, sizeof(*d));
	codes.map = vk_strmap_new();
	if (map == NULL || codes.map == NULL) {
		vk_err_io(e, NULL, "out of memory");
		goto done;
	}
	if (ik->present && ik->base_year != 0 && ik->ncomp > 0)
		d->k_years = vk_config_comp_year(cfg, ik, &ik->comp[0], 0) -
		             ik->base_year;
	d->stock_year = oc->stock_year;
	if (S_wijken(workdir, d, map, e) != 0 || S_k(workdir, d, map, e) != 0)
		goto done;
	if (d->k_years >= 1 &&
	    S_k_trends(workdir, d, map, ik->base_year + d->k_years,
	               ik->base_year, e) != 0)
		goto done;
	if (oc->stock_source != NULL && S_stock_read(cfg, oc, &codes, e) != 0)
		goto done;
	for (size_t i = 0; i < oc->nwijken; i++) {
		size_t ix;

		if (!vk_strmap_get(map, oc->wijken[i].code, &ix)) {
			vk_err_set(e, cfg->path, oc->wijken[i].pos.line,
			           oc->wijken[i].pos.col, "unknown wijk %s in "
			           "outlook.wijken: not in index/wijken.csv",
			           oc->wijken[i].code);
			goto done;
		}
	}
	for (size_t w = 0; w < d->nw; w++) {
		const ol_wijk_cfg *wc = S_wcfg(oc, d->w[w].code);

		if (oc->stock_source != NULL)
			S_stock_of(&codes, &d->w[w]);
		if (S_model_stock(cfg, oc, &d->w[w], wc, e) != 0 ||
		    S_model_k(cfg, oc, d, &d->w[w], wc, e) != 0)
			goto done;
	}
	rc = 0;
done:
	vk_strmap_free(map);
	vk_strmap_free(codes.map);
	free(codes.rows);
	if (rc != 0)
		ol_data_free(d);
	return rc;
}

void
ol_data_free(ol_data *d)
{
	for (size_t w = 0; w < d->nw; w++)
		free(d->w[w].name);
	free(d->w);
	memset(d, 0, sizeof(*d));
}

int
ol_resolve(const vk_config *cfg, ol_config *oc, const ol_data *d, vk_err *e)
{
	for (size_t j = 0; j < oc->nsc; j++) {
		ol_scenario *sc = &oc->sc[j];

		for (size_t k = 0; k < sc->nm; k++) {
			size_t w;

			for (w = 0; w < d->nw; w++)
				if (strcmp(d->w[w].code, sc->mwijk[k]) == 0)
					break;
			if (w == d->nw)
				return vk_err_set(e, cfg->path, sc->mwijk_pos[k].line,
				                  sc->mwijk_pos[k].col, "unknown wijk %s in "
				                  "scenario \"%s\": not in index/wijken.csv",
				                  sc->mwijk[k], sc->name);
			sc->m[k].wijk = w;
		}
	}
	return 0;
}
