/* vk_outlook: the stock-flow model; the equations and their order are in
 * vk_outlook.h. */
#include "vk_outlook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const S_seg_code[VK_NSEG] = {
	"sociale_huur", "middenhuur", "particuliere_huur", "koop"
};
static const char *const S_seg_label[VK_NSEG] = {
	"sociale huur (corporatie)", "middenhuur (corporatie)",
	"particuliere huur", "koop"
};
static const char *const S_kind_code[VK_OL_NKIND] = {
	"demolition", "new_build", "sale", "liberalisation", "conversion"
};
static const char *const S_kind_label[VK_OL_NKIND] = {
	"sloop", "nieuwbouw", "verkoop", "liberalisatie", "omzetting"
};

const char *
vk_ol_seg_code(int seg)
{
	return seg >= 0 && seg < VK_NSEG ? S_seg_code[seg] : "?";
}

const char *
vk_ol_seg_label(int seg)
{
	return seg >= 0 && seg < VK_NSEG ? S_seg_label[seg] : "?";
}

int
vk_ol_seg_find(const char *code)
{
	for (int s = 0; s < VK_NSEG; s++)
		if (strcmp(S_seg_code[s], code) == 0)
			return s;
	return -1;
}

const char *
vk_ol_kind_code(vk_ol_kind k)
{
	return (unsigned)k < VK_OL_NKIND ? S_kind_code[k] : "?";
}

const char *
vk_ol_kind_label(vk_ol_kind k)
{
	return (unsigned)k < VK_OL_NKIND ? S_kind_label[k] : "?";
}

int
vk_ol_kind_find(const char *code)
{
	for (int k = 0; k < VK_OL_NKIND; k++)
		if (strcmp(S_kind_code[k], code) == 0)
			return k;
	return -1;
}

/* A rate or share in [lo, hi] (NAN fails every comparison, so it fails). */
static int
S_in(double v, double lo, double hi)
{
	return v >= lo && v <= hi;
}

int
vk_ol_model_check(const vk_ol_model *m, vk_err *e)
{
	if (m->horizon < 1 || m->horizon > VK_OL_MAX_HORIZON)
		return vk_err_set(e, m->file, 0, 0, "outlook horizon must be 1 to "
		                  "%d years, found %d", VK_OL_MAX_HORIZON, m->horizon);
	if (m->base_year < 1900 || m->base_year > 2200)
		return vk_err_set(e, m->file, 0, 0, "outlook base year must be "
		                  "1900 to 2200, found %d", m->base_year);
	if (!S_in(m->rho, 0, 5) || !S_in(m->displacement, 0, 1))
		return vk_err_set(e, m->file, 0, 0, "outlook mobility must be 0 to "
		                  "5 and displacement 0 to 1, found %g and %g",
		                  m->rho, m->displacement);
	if (m->nw > VK_OL_MAX_WIJKEN)
		return vk_err_set(e, m->file, 0, 0, "at most %d wijken in the "
		                  "outlook, found %zu", VK_OL_MAX_WIJKEN, m->nw);
	for (size_t w = 0; w < m->nw; w++) {
		const vk_ol_wijk *x = &m->w[w];

		for (int s = 0; s < VK_NSEG; s++)
			if (!S_in(x->n0[s], 0, VK_OL_MAX_HOMES) ||
			    !S_in(x->k0[s], 0, 1) || !S_in(x->i[s], 0, 1) ||
			    !(x->m[s] > 0 && x->m[s] <= 1))
				return vk_err_set(e, m->file, 0, 0, "wijk %s, %s: expected "
				                  "homes 0 to %g, vulnerable share and intake "
				                  "0 to 1, turnover above 0 up to 1; found %g, "
				                  "%g, %g, %g", x->code ? x->code : "?",
				                  S_seg_code[s], VK_OL_MAX_HOMES, x->n0[s],
				                  x->k0[s], x->i[s], x->m[s]);
	}
	return 0;
}

static int
S_check_plan(const vk_ol_model *m, const char *name,
             const vk_ol_measure *plan, size_t nplan, vk_err *e)
{
	int lo = m->base_year, hi = m->base_year + m->horizon - 1;

	if (nplan > VK_OL_MAX_MEASURES)
		return vk_err_set(e, m->file, 0, 0, "scenario \"%s\": at most %d "
		                  "measures, found %zu", name, VK_OL_MAX_MEASURES,
		                  nplan);
	for (size_t j = 0; j < nplan; j++) {
		const vk_ol_measure *x = &plan[j];
		int need_into = x->kind == VK_OL_SALE ||
		                x->kind == VK_OL_LIBERALISATION ||
		                x->kind == VK_OL_CONVERSION;

		if ((unsigned)x->kind >= VK_OL_NKIND || x->wijk >= m->nw ||
		    x->seg < 0 || x->seg >= VK_NSEG ||
		    (need_into && (x->into < 0 || x->into >= VK_NSEG ||
		                   x->into == x->seg)))
			return vk_err_set(e, m->file, x->line, x->col, "scenario \"%s\": "
			                  "measure %zu is malformed (kind, wijk or "
			                  "segments)", name, j + 1);
		if (!(x->homes > 0 && x->homes <= VK_OL_MAX_HOMES))
			return vk_err_set(e, m->file, x->line, x->col, "scenario \"%s\": "
			                  "expected homes above 0 up to %g, found %g", name,
			                  VK_OL_MAX_HOMES, x->homes);
		if (x->first > x->last || x->first < lo || x->last > hi) {
			char years[32];

			if (x->first == x->last)
				snprintf(years, sizeof(years), "%d", x->first);
			else
				snprintf(years, sizeof(years), "%d-%d", x->first, x->last);
			return vk_err_set(e, m->file, x->line, x->col, "scenario \"%s\": "
			                  "%s in %s lies outside the years measures can "
			                  "act, %d-%d (base year up to the year before the "
			                  "horizon)", name, S_kind_code[x->kind], years,
			                  lo, hi);
		}
	}
	return 0;
}

void
vk_ol_run_free(vk_ol_run *r)
{
	if (r == NULL)
		return;
	free(r->N), free(r->H), free(r->intake), free(r->lets);
	free(r->displaced), free(r->factor);
	free(r);
}

/* Homes a measure acts on in calendar year y: 0 outside its years. */
static double
S_per_year(const vk_ol_measure *x, int y)
{
	if (y < x->first || y > x->last)
		return 0;
	return x->homes / (double)(x->last - x->first + 1);
}

/* Rounding noise allowed when a measure uses exactly what is there. */
static double
S_tol(double v)
{
	return 1e-9 * (fabs(v) > 1 ? fabs(v) : 1);
}

/* Work state of one wijk within a year. */
typedef struct {
	double n[VK_NSEG], h[VK_NSEG];
	double M[VK_NSEG], L[VK_NSEG], Q[VK_NSEG], J[VK_NSEG], B[VK_NSEG];
	double V[VK_NSEG], X[VK_NSEG];
} S_work;

/* Step 1 and 2: demolition and occupied conversion, in plan order. */
static int
S_remove(const vk_ol_model *m, const char *name, const vk_ol_measure *plan,
         size_t nplan, vk_ol_kind kind, int year, S_work *wk, vk_err *e)
{
	for (size_t j = 0; j < nplan; j++) {
		const vk_ol_measure *x = &plan[j];
		S_work *a = &wk[x->wijk];
		double d = S_per_year(x, year), have, moved;

		if (x->kind != kind || d == 0)
			continue;
		have = a->n[x->seg];
		if (d > have + S_tol(have))
			return vk_err_set(e, m->file, x->line, x->col, "scenario \"%s\", "
			                  "wijk %s: %s of %.1f %s homes in %d exceeds the "
			                  "%.1f homes left in that segment (the stock "
			                  "would become negative)", name,
			                  m->w[x->wijk].code, S_kind_code[kind], d,
			                  S_seg_code[x->seg], year, have);
		if (d > have)
			d = have;
		moved = have > 0 ? d * a->h[x->seg] / have : 0;
		a->n[x->seg] -= d;
		a->h[x->seg] -= moved;
		if (kind == VK_OL_DEMOLITION) {
			a->X[x->seg] += moved;
		} else {
			a->n[x->into] += d;
			a->h[x->into] += moved;
		}
	}
	return 0;
}

/* Step 4 and 5: sale and liberalisation out of vacancies; new build. */
static int
S_add(const vk_ol_model *m, const char *name, const vk_ol_measure *plan,
      size_t nplan, int year, S_work *wk, vk_err *e)
{
	for (size_t j = 0; j < nplan; j++) {
		const vk_ol_measure *x = &plan[j];
		S_work *a = &wk[x->wijk];
		double d = S_per_year(x, year);

		if (d == 0)
			continue;
		if (x->kind == VK_OL_NEW_BUILD) {
			a->B[x->seg] += d;
			continue;
		}
		if (x->kind != VK_OL_SALE && x->kind != VK_OL_LIBERALISATION)
			continue;
		a->Q[x->seg] += d;
		a->J[x->into] += d;
		if (a->Q[x->seg] > a->M[x->seg] + S_tol(a->M[x->seg]))
			return vk_err_set(e, m->file, x->line, x->col, "scenario \"%s\", "
			                  "wijk %s: sale and liberalisation of %.1f %s "
			                  "homes in %d exceed the %.1f that fall vacant "
			                  "that year (turnover %g x %.1f homes); homes are "
			                  "sold or liberalised only when they fall vacant",
			                  name, m->w[x->wijk].code, a->Q[x->seg],
			                  S_seg_code[x->seg], year, a->M[x->seg],
			                  m->w[x->wijk].m[x->seg], a->n[x->seg]);
	}
	return 0;
}

/* v clamped to [lo, hi]; counts a clamp beyond rounding noise. */
static double
S_clamp(double v, double lo, double hi, size_t *count)
{
	double r = v < lo ? lo : v > hi ? hi : v;

	if (fabs(r - v) > S_tol(v))
		(*count)++;
	return r;
}

/* One year of every wijk: steps 1-7 of vk_outlook.h. */
static int
S_year(const vk_ol_model *m, const char *name, const vk_ol_measure *plan,
       size_t nplan, const vk_ol_run *ref, vk_ol_run *r, int t, S_work *wk,
       vk_err *e)
{
	int year = m->base_year + t;
	double P = 0, A, X = 0, T, f;

	for (size_t w = 0; w < m->nw; w++) {
		memset(&wk[w], 0, sizeof(wk[w]));
		for (int s = 0; s < VK_NSEG; s++) {
			wk[w].n[s] = r->N[vk_ol_ix(r, w, t, s)];
			wk[w].h[s] = r->H[vk_ol_ix(r, w, t, s)];
		}
	}
	if (S_remove(m, name, plan, nplan, VK_OL_DEMOLITION, year, wk, e) != 0 ||
	    S_remove(m, name, plan, nplan, VK_OL_CONVERSION, year, wk, e) != 0)
		return -1;
	for (size_t w = 0; w < m->nw; w++)
		for (int s = 0; s < VK_NSEG; s++) {
			S_work *a = &wk[w];
			double M = m->w[w].m[s] * a->n[s];
			double lo = M - (a->n[s] - a->h[s]);

			a->M[s] = M;
			a->L[s] = S_clamp(m->rho * m->w[w].m[s] * a->h[s],
			                  lo > 0 ? lo : 0, a->h[s] < M ? a->h[s] : M,
			                  &r->nclamp);
		}
	if (S_add(m, name, plan, nplan, year, wk, e) != 0)
		return -1;
	for (size_t w = 0; w < m->nw; w++) {
		for (int s = 0; s < VK_NSEG; s++) {
			S_work *a = &wk[w];

			a->V[s] = a->M[s] - a->Q[s] + a->J[s] + a->B[s];
			if (a->V[s] < 0) /* only rounding: Q <= M was checked */
				a->V[s] = 0;
			X += a->X[s];
		}
		P += m->w[w].i[VK_SEG_SOCIAL] * wk[w].V[VK_SEG_SOCIAL];
	}
	/* Step 6: the city-wide vulnerable demand for social rent. */
	A = P;
	if (ref != NULL) {
		A = 0;
		for (size_t w = 0; w < m->nw; w++)
			A += ref->intake[vk_ol_ix(ref, w, t, VK_SEG_SOCIAL)];
	}
	T = P + m->displacement * (A + X - P);
	f = P > 0 ? T / P : 1;
	if (f < 0)
		f = 0;
	r->factor[t] = f;
	for (size_t w = 0; w < m->nw; w++)
		for (int s = 0; s < VK_NSEG; s++) {
			S_work *a = &wk[w];
			double share = m->w[w].i[s], in, hn;
			size_t ix = vk_ol_ix(r, w, t, s);

			if (s == VK_SEG_SOCIAL)
				share = S_clamp(share * f, 0, 1, &r->nclamp);
			in = share * a->V[s];
			r->intake[ix] = in;
			r->lets[ix] = a->V[s];
			r->displaced[ix] = a->X[s];
			if (t == m->horizon)
				continue;
			ix = vk_ol_ix(r, w, t + 1, s);
			r->N[ix] = a->n[s] - a->Q[s] + a->J[s] + a->B[s];
			if (r->N[ix] < 0)
				r->N[ix] = 0;
			hn = a->h[s] - a->L[s] + in;
			/* Only rounding can push H out of [0, N]: the flows
			 * above keep it inside. */
			r->H[ix] = hn < 0 ? 0 : hn > r->N[ix] ? r->N[ix] : hn;
		}
	return 0;
}

vk_ol_run *
vk_ol_run_new(const vk_ol_model *m, const char *name,
              const vk_ol_measure *plan, size_t nplan, const vk_ol_run *ref,
              vk_err *e)
{
	vk_ol_run *r;
	S_work *wk = NULL;
	size_t cells;

	if (vk_ol_model_check(m, e) != 0 ||
	    S_check_plan(m, name, plan, nplan, e) != 0)
		return NULL;
	if (ref != NULL && (ref->nw != m->nw || ref->horizon != m->horizon)) {
		vk_err_io(e, NULL, "internal error: reference run has another "
		          "shape");
		return NULL;
	}
	r = calloc(1, sizeof(*r));
	if (r == NULL)
		goto oom;
	r->nw = m->nw;
	r->horizon = m->horizon;
	cells = (m->nw ? m->nw : 1) * (size_t)(m->horizon + 1) * VK_NSEG;
	r->N = calloc(cells, sizeof(double));
	r->H = calloc(cells, sizeof(double));
	r->intake = calloc(cells, sizeof(double));
	r->lets = calloc(cells, sizeof(double));
	r->displaced = calloc(cells, sizeof(double));
	r->factor = calloc((size_t)m->horizon + 1, sizeof(double));
	wk = calloc(m->nw ? m->nw : 1, sizeof(*wk));
	if (r->N == NULL || r->H == NULL || r->intake == NULL ||
	    r->lets == NULL || r->displaced == NULL || r->factor == NULL ||
	    wk == NULL)
		goto oom;
	for (size_t w = 0; w < m->nw; w++)
		for (int s = 0; s < VK_NSEG; s++) {
			r->N[vk_ol_ix(r, w, 0, s)] = m->w[w].n0[s];
			r->H[vk_ol_ix(r, w, 0, s)] = m->w[w].k0[s] * m->w[w].n0[s];
		}
	for (int t = 0; t <= m->horizon; t++)
		if (S_year(m, name, plan, nplan, ref, r, t, wk, e) != 0) {
			free(wk);
			vk_ol_run_free(r);
			return NULL;
		}
	free(wk);
	return r;
oom:
	free(wk);
	vk_ol_run_free(r);
	vk_err_io(e, NULL, "out of memory");
	return NULL;
}

double
vk_ol_calibrate(double k0, double k1, double m, int n, int *clamped)
{
	double q, i;

	if (clamped != NULL)
		*clamped = 0;
	if (isnan(k0) || isnan(k1) || n < 1 || !(m > 0 && m <= 1))
		return NAN;
	q = pow(1 - m, n);
	if (q >= 1)
		return NAN;
	i = (k1 - k0 * q) / (1 - q);
	if (i < 0 || i > 1) {
		if (clamped != NULL)
			*clamped = 1;
		i = i < 0 ? 0 : 1;
	}
	return i;
}

double
vk_ol_closed_form(double k0, double i, double m, int t)
{
	return i + (k0 - i) * pow(1 - m, t);
}

/* Σ n_s·min(1, c·ratio_s). */
static double
S_split_sum(const double n[VK_NSEG], const double ratio[VK_NSEG], double c)
{
	double sum = 0;

	for (int s = 0; s < VK_NSEG; s++) {
		double k = c * ratio[s];

		sum += n[s] * (k < 1 ? k : 1);
	}
	return sum;
}

int
vk_ol_split_k(const double n[VK_NSEG], const double ratio[VK_NSEG],
              double K, double k[VK_NSEG])
{
	double total = 0, reach = 0, rmin = INFINITY, lo = 0, hi, target;

	if (!(K >= 0 && K <= 1))
		return -1;
	for (int s = 0; s < VK_NSEG; s++) {
		if (!(n[s] >= 0) || !(ratio[s] >= 0))
			return -1;
		total += n[s];
		if (ratio[s] > 0 && n[s] > 0) {
			reach += n[s];
			if (ratio[s] < rmin)
				rmin = ratio[s];
		}
	}
	target = K * total;
	/* All segments with a positive ratio saturated at 1 is the most the
	 * split can reach. */
	if (total <= 0 || reach <= 0 || target > reach + S_tol(reach))
		return -1;
	hi = 1 / rmin;
	for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
		double mid = (lo + hi) / 2;

		if (S_split_sum(n, ratio, mid) < target)
			lo = mid;
		else
			hi = mid;
	}
	for (int s = 0; s < VK_NSEG; s++) {
		double v = hi * ratio[s];

		k[s] = v < 1 ? v : 1;
	}
	return 0;
}

double
vk_ol_dissimilarity(const double *s, const double *o, size_t n)
{
	double S = 0, O = 0, d = 0;

	for (size_t w = 0; w < n; w++)
		S += s[w], O += o[w];
	if (!(S > 0) || !(O > 0))
		return NAN;
	for (size_t w = 0; w < n; w++)
		d += fabs(s[w] / S - o[w] / O);
	return d / 2;
}
