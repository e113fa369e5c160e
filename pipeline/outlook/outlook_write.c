/* The outlook's files (formats in pipeline/FORMATS.md): projections.csv,
 * summary.csv, inputs.csv and city.csv, the last with the city-wide
 * balance of DOMAIN.md §2 step 4: dissimilarity of social rent, wijken per
 * K class, the K ranking, waterbed flags and a Dutch verdict built from
 * those numbers. */
#include "outlook.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vk_classify.h"
#include "vk_csv.h"
#include "vk_num.h"
#include "vk_out.h"

#define TOT VK_NSEG             /* index of "totaal" in an S_cell */
#define OL_FILES 4

/* Stock, vulnerable households and vulnerable intake by segment and in
 * total, for one wijk (or the city) in one year of one run. */
typedef struct {
	double N[VK_NSEG + 1], H[VK_NSEG + 1], in[VK_NSEG + 1];
} S_cell;

/* w == r->nw gives the city: the sum over every wijk. */
static void
S_cell_of(const vk_ol_run *r, size_t w, int t, S_cell *c)
{
	size_t lo = w < r->nw ? w : 0, hi = w < r->nw ? w + 1 : r->nw;

	memset(c, 0, sizeof(*c));
	for (size_t x = lo; x < hi; x++)
		for (int s = 0; s < VK_NSEG; s++) {
			size_t ix = vk_ol_ix(r, x, t, s);

			c->N[s] += r->N[ix];
			c->H[s] += r->H[ix];
			c->in[s] += r->intake[ix];
		}
	for (int s = 0; s < VK_NSEG; s++) {
		c->N[TOT] += c->N[s];
		c->H[TOT] += c->H[s];
		c->in[TOT] += c->in[s];
	}
}

static double
S_pct(double a, double b)
{
	return b > 0 ? 100 * a / b : NAN;
}

static void
S_num(FILE *fp, double v, int decimals)
{
	char buf[64];

	fprintf(fp, ",%s", vk_num_fmt(buf, sizeof(buf), v, decimals));
}

/* Dutch number for report text. */
static const char *
S_nl(char *buf, size_t n, double v, int decimals)
{
	return vk_num_nl(buf, n, v, decimals);
}

static void S_cat(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
S_cat(char *buf, size_t n, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= n)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, n - len, fmt, ap);
	va_end(ap);
}

static const char *
S_sc_name(const ol_config *oc, size_t run)
{
	return run == 0 ? OL_AUTONOOM : oc->sc[run - 1].name;
}

/* The wijk's name without the CBS "Wijk 03 " prefix, for sentences. */
static const char *
S_short(const ol_wijk *w)
{
	const char *n = w->name;

	if (strncmp(n, "Wijk ", 5) == 0 && n[5] >= '0' && n[5] <= '9' &&
	    n[6] >= '0' && n[6] <= '9' && n[7] == ' ' && n[8] != '\0')
		return n + 8;
	return n[0] != '\0' ? n : w->code;
}

static void
S_projections(FILE *fp, const vk_config *cfg, const ol_config *oc,
              const ol_data *d, const vk_ol_model *m,
              vk_ol_run *const *runs, size_t nruns)
{
	static const char *const var[4] = { "stock", "vulnerable", "k",
	                                    "intake" };
	static const int dec[4] = { 1, 1, 4, 2 };

	fputs("wijk,scenario,year,segment,variable,value\n", fp);
	for (size_t w = 0; w <= d->nw; w++)
		for (size_t r = 0; r < nruns; r++)
			for (int t = 0; t <= m->horizon; t++) {
				S_cell c;

				S_cell_of(runs[r], w, t, &c);
				for (int s = 0; s <= VK_NSEG; s++) {
					const double v[4] = { c.N[s], c.H[s],
					                      S_pct(c.H[s], c.N[s]), c.in[s] };

					for (int k = 0; k < 4; k++) {
						fprintf(fp, "%s,", w < d->nw ? d->w[w].code :
						        cfg->area_code);
						vk_csv_put(fp, S_sc_name(oc, r));
						fprintf(fp, ",%d,%s,%s", m->base_year + t,
						        s < VK_NSEG ? vk_ol_seg_code(s) : "totaal",
						        var[k]);
						S_num(fp, v[k], dec[k]);
						fputc('\n', fp);
					}
				}
			}
}

static void
S_summary(FILE *fp, const vk_config *cfg, const ol_config *oc,
          const ol_data *d, const vk_ol_model *m, vk_ol_run *const *runs,
          size_t nruns)
{
	fputs("wijk,name,in_area,scenario,year", fp);
	for (int s = 0; s < VK_NSEG; s++)
		fprintf(fp, ",stock_%s", vk_ol_seg_code(s));
	fputs(",stock_totaal,pct_social,pct_corporation,K,vulnerable,intake,"
	      "share_city_social,share_city_intake\n", fp);
	for (size_t w = 0; w <= d->nw; w++)
		for (size_t r = 0; r < nruns; r++)
			for (int y = 0; y < 2; y++) {
				int t = y ? m->horizon : 0;
				S_cell c, city;

				S_cell_of(runs[r], w, t, &c);
				S_cell_of(runs[r], d->nw, t, &city);
				fprintf(fp, "%s,", w < d->nw ? d->w[w].code :
				        cfg->area_code);
				vk_csv_put(fp, w < d->nw ? d->w[w].name : cfg->area_name);
				fprintf(fp, ",%d,", w < d->nw ? d->w[w].in_area : 1);
				vk_csv_put(fp, S_sc_name(oc, r));
				fprintf(fp, ",%d", m->base_year + t);
				for (int s = 0; s <= VK_NSEG; s++)
					S_num(fp, c.N[s], 1);
				S_num(fp, S_pct(c.N[VK_SEG_SOCIAL], c.N[TOT]), 2);
				S_num(fp, S_pct(c.N[VK_SEG_SOCIAL] + c.N[VK_SEG_MID],
				                c.N[TOT]), 2);
				S_num(fp, S_pct(c.H[TOT], c.N[TOT]), 2);
				S_num(fp, c.H[TOT], 1);
				S_num(fp, c.in[TOT], 1);
				S_num(fp, S_pct(c.N[VK_SEG_SOCIAL],
				                city.N[VK_SEG_SOCIAL]), 2);
				S_num(fp, S_pct(c.in[TOT], city.in[TOT]), 2);
				fputc('\n', fp);
			}
}

static void
S_inputs(FILE *fp, const ol_config *oc, const ol_data *d)
{
	static const char *const from[3] = { "config", "data_wijk",
	                                     "data_buurten" };
	static const char *const isrc[3] = { "config", "calibrated", "clamped" };

	fputs("wijk,name,segment,stock,stock_source,K,K_base,K_source,k0,"
	      "k_base,k_ratio,turnover,intake,intake_source\n", fp);
	for (size_t w = 0; w < d->nw; w++) {
		const ol_wijk *x = &d->w[w];
		const ol_wijk_cfg *wc = NULL;

		for (size_t i = 0; i < oc->nwijken; i++)
			if (strcmp(oc->wijken[i].code, x->code) == 0)
				wc = &oc->wijken[i];
		for (int s = 0; s < VK_NSEG; s++) {
			int sf = wc && !isnan(wc->stock[s]) ? 0 : x->stock_from;

			fprintf(fp, "%s,", x->code);
			vk_csv_put(fp, x->name);
			fprintf(fp, ",%s", vk_ol_seg_code(s));
			S_num(fp, x->w.n0[s], 1);
			fprintf(fp, ",%s", from[sf]);
			S_num(fp, x->K, 4);
			S_num(fp, x->K_base, 4);
			fprintf(fp, ",%s", x->K_from_config ? "config" :
			        x->K_from_wijk ? "wijk" : "classify");
			/* Six decimals: enough to recompute the projections. */
			S_num(fp, 100 * x->w.k0[s], 6);
			S_num(fp, x->calibrated[s] ? 100 * x->k_base_seg[s] : NAN, 6);
			S_num(fp, oc->k_ratio[s], 3);
			S_num(fp, x->w.m[s], 4);
			S_num(fp, x->w.i[s], 6);
			fprintf(fp, ",%s\n", isrc[x->calibrated[s]]);
		}
	}
}

/* One city.csv row; NULL scenario/wijk/name/text are empty, year 0 is
 * empty. */
static void
S_row(FILE *fp, const char *kind, const char *sc, const char *wijk,
      int year, const char *name, double value, int dec, const char *text)
{
	char buf[64];

	fprintf(fp, "%s,", kind);
	vk_csv_put(fp, sc ? sc : "");
	fprintf(fp, ",%s,", wijk ? wijk : "");
	if (year)
		fprintf(fp, "%d", year);
	fputc(',', fp);
	vk_csv_put(fp, name ? name : "");
	fprintf(fp, ",%s,", isnan(value) && text != NULL && dec < 0 ? "" :
	        vk_num_fmt(buf, sizeof(buf), value, dec < 0 ? 0 : dec));
	vk_csv_put(fp, text ? text : "");
	fputc('\n', fp);
}

/* Social rent and other homes per wijk, then D. */
static double
S_dissim(const vk_ol_run *r, size_t nw, int t, double *s, double *o)
{
	for (size_t w = 0; w < nw; w++) {
		S_cell c;

		S_cell_of(r, w, t, &c);
		s[w] = c.N[VK_SEG_SOCIAL];
		o[w] = c.N[TOT] - c.N[VK_SEG_SOCIAL];
	}
	return vk_ol_dissimilarity(s, o, nw);
}

/* Per-scenario numbers the verdict and the waterbed flags share. */
typedef struct {
	double D0, D1;
	size_t nflag;
	char flags[1024];     /* "Zuidwest (K +0,8 pp), ..." */
} S_scen;

static double
S_K(const vk_ol_run *r, size_t w, int t)
{
	S_cell c;

	S_cell_of(r, w, t, &c);
	return S_pct(c.H[TOT], c.N[TOT]);
}

static double
S_intake_share(const vk_ol_run *r, size_t w, int t)
{
	S_cell c, city;

	S_cell_of(r, w, t, &c);
	S_cell_of(r, r->nw, t, &city);
	return S_pct(c.in[TOT], city.in[TOT]);
}

static double
S_social(const vk_ol_run *r, size_t w, int t)
{
	S_cell c;

	S_cell_of(r, w, t, &c);
	return c.N[VK_SEG_SOCIAL];
}

/* Waterbed (DOMAIN.md §2 step 4): wijk w's K or share of the city's
 * vulnerable intake rises at the horizon in scenario run vs autonoom by
 * more than the thresholds, while the plan reduces social stock in other
 * wijken (more than half a home, to ignore rounding). */
static void
S_waterbed(FILE *fp, const ol_config *oc, const ol_data *d,
           const vk_ol_model *m, vk_ol_run *const *runs, size_t run,
           S_scen *st)
{
	const vk_ol_run *a = runs[0], *p = runs[run];
	const ol_scenario *sc = &oc->sc[run - 1];
	int H = m->horizon, year = m->base_year + H;

	for (size_t w = 0; w < d->nw; w++) {
		double dK = S_K(p, w, H) - S_K(a, w, H);
		double dI = S_intake_share(p, w, H) - S_intake_share(a, w, H);
		double elsewhere = 0, worst = 0;
		size_t worst_w = 0;
		int own = 0;
		char text[1024], b[8][64];

		for (size_t x = 0; x < d->nw; x++) {
			double ds = S_social(p, x, H) - S_social(a, x, H);

			if (x == w || ds >= 0)
				continue;
			elsewhere += ds;
			if (ds < worst)
				worst = ds, worst_w = x;
		}
		if (!(elsewhere < -0.5) ||
		    !(dK > oc->wb_k_pp || dI > oc->wb_intake_pp))
			continue;
		for (size_t j = 0; j < sc->nm; j++)
			own |= sc->m[j].wijk == w;
		snprintf(text, sizeof(text), "%s: K in %d %s%% met het plan tegen "
		         "%s%% autonoom (%s%s pp); aandeel in de kwetsbare instroom "
		         "van de stad %s%% tegen %s%% (%s%s pp); elders %s sociale "
		         "huurwoningen minder, het meest in %s (%s).%s",
		         S_short(&d->w[w]), year,
		         S_nl(b[0], 64, S_K(p, w, H), 1),
		         S_nl(b[1], 64, S_K(a, w, H), 1), dK >= 0 ? "+" : "",
		         S_nl(b[2], 64, dK, 1),
		         S_nl(b[3], 64, S_intake_share(p, w, H), 1),
		         S_nl(b[4], 64, S_intake_share(a, w, H), 1),
		         dI >= 0 ? "+" : "", S_nl(b[5], 64, dI, 1),
		         S_nl(b[6], 64, -elsewhere, 0), S_short(&d->w[worst_w]),
		         S_nl(b[7], 64, worst, 0),
		         own ? " De wijk heeft zelf ook maatregelen in het plan." :
		         "");
		S_row(fp, "waterbed", sc->name, d->w[w].code, year, "K_pp", dK, 2,
		      text);
		S_cat(st->flags, sizeof(st->flags), "%s%s (K %s%s pp, instroom "
		      "%s%s pp)", st->nflag ? ", " : "", S_short(&d->w[w]),
		      dK >= 0 ? "+" : "", S_nl(b[2], 64, dK, 1), dI >= 0 ? "+" : "",
		      S_nl(b[5], 64, dI, 1));
		st->nflag++;
	}
}

/* The verdict: one Dutch paragraph per plan scenario, from the numbers. */
static void
S_verdict(FILE *fp, const vk_config *cfg, const ol_config *oc,
          const ol_data *d, const vk_ol_model *m, vk_ol_run *const *runs,
          size_t run, const S_scen *st, const S_scen *sa, size_t ncal,
          size_t nclamp, size_t nseg)
{
	const vk_ol_run *a = runs[0], *p = runs[run];
	const char *name = oc->sc[run - 1].name;
	int H = m->horizon, y1 = m->base_year + H;
	char v[4096] = "", b[8][64];
	size_t hi = 0, lo = 0;
	double dd = st->D1 - st->D0;

	for (size_t w = 1; w < d->nw; w++) {
		if (S_K(p, w, H) > S_K(p, hi, H))
			hi = w;
		if (S_K(p, w, H) < S_K(p, lo, H))
			lo = w;
	}
	S_cat(v, sizeof(v), "In het scenario '%s' gaat de sociale huurvoorraad "
	      "van %s van %s naar %s woningen in %d (autonoom: %s). ", name,
	      cfg->area_name, S_nl(b[0], 64, S_social(p, d->nw, 0), 0),
	      S_nl(b[1], 64, S_social(p, d->nw, H), 0), y1,
	      S_nl(b[2], 64, S_social(a, d->nw, H), 0));
	S_cat(v, sizeof(v), "De ongelijkheidsindex van de sociale huur over de "
	      "wijken (0 = gespreid als de overige woningen, 1 = volledig "
	      "gescheiden) is nu %s en wordt %s (autonoom %s): ",
	      S_nl(b[0], 64, st->D0, 2), S_nl(b[1], 64, st->D1, 2),
	      S_nl(b[2], 64, sa->D1, 2));
	S_cat(v, sizeof(v), "%s. ", dd < -0.01 ? "de sociale huur raakt meer "
	      "gespreid over de stad" : dd > 0.01 ? "de sociale huur raakt meer "
	      "geconcentreerd" : "de spreiding verandert nauwelijks");
	S_cat(v, sizeof(v), "K voor de stad als geheel gaat van %s%% naar %s%% "
	      "(autonoom %s%%). De hoogste K in %d heeft %s (%s%%, autonoom "
	      "%s%%), de laagste %s (%s%%). ",
	      S_nl(b[0], 64, S_K(p, d->nw, 0), 1),
	      S_nl(b[1], 64, S_K(p, d->nw, H), 1),
	      S_nl(b[2], 64, S_K(a, d->nw, H), 1), y1, S_short(&d->w[hi]),
	      S_nl(b[3], 64, S_K(p, hi, H), 1), S_nl(b[4], 64, S_K(a, hi, H), 1),
	      S_short(&d->w[lo]), S_nl(b[5], 64, S_K(p, lo, H), 1));
	if (st->nflag == 0)
		S_cat(v, sizeof(v), "Geen wijk krijgt een waterbedsignaal (K of "
		      "aandeel in de kwetsbare instroom meer dan %s pp hoger dan "
		      "autonoom terwijl elders sociale huur verdwijnt). ",
		      S_nl(b[0], 64, oc->wb_k_pp, 1));
	else
		S_cat(v, sizeof(v), "%zu %s een waterbedsignaal: %s; daar neemt "
		      "de druk toe terwijl het plan elders sociale huur "
		      "vermindert. ", st->nflag, st->nflag == 1 ? "wijk krijgt" :
		      "wijken krijgen", st->flags);
	if (ncal > 0)
		S_cat(v, sizeof(v), "De instroomaandelen van %zu van de %zu "
		      "wijk-segmenten zijn gekalibreerd op de ontwikkeling van K "
		      "over %d jaar%s. ", ncal, nseg, d->k_years,
		      nclamp ? " (een deel begrensd op 0 of 1)" : "");
	if (oc->illustrative)
		S_cat(v, sizeof(v), "Het plan is illustratief. ");
	S_cat(v, sizeof(v), "Dit is een doorkijk onder de genoemde aannames, "
	      "geen voorspelling.");
	S_row(fp, "verdict", name, NULL, 0, NULL, NAN, -1, v);
}

/* Wijken per K class (terciles of the wijken's K at the base year) and
 * corporatiewijken (corporation share above the corporatiebuurt
 * threshold), at the base year and the horizon. */
static void
S_classes(FILE *fp, const vk_config *cfg, const ol_config *oc,
          const ol_data *d, const vk_ol_model *m, vk_ol_run *const *runs,
          size_t nruns, double *tmp)
{
	double q1, q2;

	for (size_t w = 0; w < d->nw; w++)
		tmp[w] = S_K(runs[0], w, 0);
	q1 = vk_stat_quantile(tmp, d->nw, 1.0 / 3.0);
	q2 = vk_stat_quantile(tmp, d->nw, 2.0 / 3.0);
	S_row(fp, "parameter", NULL, NULL, 0, "K_class_low", q1, 4,
	      "K at or below this (the wijken's lower tercile at the base year) "
	      "is laag");
	S_row(fp, "parameter", NULL, NULL, 0, "K_class_high", q2, 4,
	      "K above this (upper tercile at the base year) is hoog");
	for (size_t r = 0; r < nruns; r++)
		for (int y = 0; y < 2; y++) {
			int t = y ? m->horizon : 0;
			double n[4] = { 0, 0, 0, 0 };

			for (size_t w = 0; w < d->nw; w++) {
				S_cell c;
				double K = S_K(runs[r], w, t);

				S_cell_of(runs[r], w, t, &c);
				n[K <= q1 ? 0 : K > q2 ? 2 : 1] += 1;
				n[3] += S_pct(c.N[VK_SEG_SOCIAL] + c.N[VK_SEG_MID],
				              c.N[TOT]) > cfg->classif.corporatiebuurt;
			}
			S_row(fp, "class_count", S_sc_name(oc, r), NULL,
			      m->base_year + t, "laag", n[0], 0, "K laag");
			S_row(fp, "class_count", S_sc_name(oc, r), NULL,
			      m->base_year + t, "midden", n[1], 0, "K midden");
			S_row(fp, "class_count", S_sc_name(oc, r), NULL,
			      m->base_year + t, "hoog", n[2], 0, "K hoog");
			S_row(fp, "class_count", S_sc_name(oc, r), NULL,
			      m->base_year + t, "corporatiewijk", n[3], 0,
			      "meer corporatiewoningen dan de drempel");
		}
}

static int
S_city(FILE *fp, const vk_config *cfg, const ol_config *oc,
       const ol_data *d, const vk_ol_model *m, vk_ol_run *const *runs,
       size_t nruns, double *s, double *o, size_t *order)
{
	const vk_indicator *ik = &cfg->ind[VK_IND_K];
	size_t ncal = 0, nclamp = 0;
	S_scen *st = calloc(nruns, sizeof(*st));

	if (st == NULL)
		return -1;
	for (size_t w = 0; w < d->nw; w++)
		for (int g = 0; g < VK_NSEG; g++) {
			ncal += d->w[w].calibrated[g] != 0;
			nclamp += d->w[w].calibrated[g] == 2;
		}
	fputs("kind,scenario,wijk,year,name,value,text\n", fp);
	S_row(fp, "parameter", NULL, NULL, 0, "base_year", m->base_year, 0,
	      "first year of the outlook (t = 0)");
	S_row(fp, "parameter", NULL, NULL, 0, "horizon", m->horizon, 0,
	      "years ahead");
	S_row(fp, "parameter", NULL, NULL, 0, "stock_year", d->stock_year, 0,
	      "year of the stock data");
	S_row(fp, "parameter", NULL, NULL, 0, "K_base_year", ik->base_year, 0,
	      "calibration: K from");
	S_row(fp, "parameter", NULL, NULL, 0, "K_year", ik->base_year +
	      d->k_years, 0, "calibration: K to (and K at the base year)");
	S_row(fp, "parameter", NULL, NULL, 0, "mobility", m->rho, 3,
	      "relative mobility of vulnerable households (rho)");
	S_row(fp, "parameter", NULL, NULL, 0, "displacement", m->displacement, 3,
	      "share of displaced vulnerable social-rent demand housed elsewhere "
	      "in the city");
	S_row(fp, "parameter", NULL, NULL, 0, "social_share", oc->social_share,
	      3, "share of corporation homes that is social rent (default)");
	for (int g = 0; g < VK_NSEG; g++) {
		char nm[64];

		snprintf(nm, sizeof(nm), "turnover_%s", vk_ol_seg_code(g));
		S_row(fp, "parameter", NULL, NULL, 0, nm, oc->turnover[g], 4,
		      "turnover a year (default for the segment)");
		snprintf(nm, sizeof(nm), "k_ratio_%s", vk_ol_seg_code(g));
		S_row(fp, "parameter", NULL, NULL, 0, nm, oc->k_ratio[g], 3,
		      "relative vulnerable share used to split K");
	}
	S_row(fp, "parameter", NULL, NULL, 0, "intake_calibrated", (double)ncal,
	      0, "wijk-segments whose intake share was calibrated");
	S_row(fp, "parameter", NULL, NULL, 0, "intake_clamped", (double)nclamp,
	      0, "of those, clamped to 0 or 1");
	S_row(fp, "parameter", NULL, NULL, 0, "illustrative", oc->illustrative,
	      0, "1: the plan is illustrative");
	S_row(fp, "parameter", NULL, NULL, 0, "waterbed_k_pp", oc->wb_k_pp, 2,
	      "waterbed flag: K rise above this (pp)");
	S_row(fp, "parameter", NULL, NULL, 0, "waterbed_intake_pp",
	      oc->wb_intake_pp, 2,
	      "waterbed flag: rise of the share of the city's intake (pp)");
	if (oc->note != NULL)
		S_row(fp, "note", NULL, NULL, 0, NULL, NAN, -1, oc->note);
	for (size_t r = 0; r < nruns; r++) {
		const char *name = S_sc_name(oc, r);
		const ol_scenario *sc = r ? &oc->sc[r - 1] : NULL;

		S_row(fp, "scenario", name, NULL, 0, "measures",
		      sc ? (double)sc->nm : 0, 0, sc && sc->description ?
		      sc->description : r == 0 ? "geen plan: de huidige voorraad "
		      "en instroom lopen door" : "");
		S_row(fp, "clamped", name, NULL, 0, "flows", (double)runs[r]->nclamp,
		      0, "flows clamped to stay feasible");
		for (size_t j = 0; sc != NULL && j < sc->nm; j++) {
			const vk_ol_measure *x = &sc->m[j];
			char text[256], b[64], years[32];

			if (x->last > x->first)
				snprintf(years, sizeof(years), "%d–%d", x->first,
				         x->last);
			else
				snprintf(years, sizeof(years), "%d", x->first);
			snprintf(text, sizeof(text), "%s van %s woningen %s%s%s, %s",
			         vk_ol_kind_label(x->kind),
			         S_nl(b, sizeof(b), x->homes, 0),
			         vk_ol_seg_label(x->seg), x->into >= 0 ? " naar " : "",
			         x->into >= 0 ? vk_ol_seg_label(x->into) : "", years);
			S_row(fp, "measure", name, d->w[x->wijk].code, x->first,
			      vk_ol_kind_code(x->kind), x->homes, 1, text);
		}
	}
	for (size_t r = 0; r < nruns; r++) {
		st[r].D0 = S_dissim(runs[r], d->nw, 0, s, o);
		st[r].D1 = S_dissim(runs[r], d->nw, m->horizon, s, o);
		S_row(fp, "dissimilarity", S_sc_name(oc, r), NULL, m->base_year,
		      "sociale_huur", st[r].D0, 4, NULL);
		S_row(fp, "dissimilarity", S_sc_name(oc, r), NULL,
		      m->base_year + m->horizon, "sociale_huur", st[r].D1, 4, NULL);
	}
	S_classes(fp, cfg, oc, d, m, runs, nruns, s);
	/* The K ranking at the horizon, highest first; ties by code order. */
	for (size_t r = 0; r < nruns; r++) {
		for (size_t w = 0; w < d->nw; w++)
			order[w] = w;
		for (size_t i = 1; i < d->nw; i++)
			for (size_t j = i; j > 0 &&
			     S_K(runs[r], order[j], m->horizon) >
			     S_K(runs[r], order[j - 1], m->horizon); j--) {
				size_t t = order[j];

				order[j] = order[j - 1];
				order[j - 1] = t;
			}
		for (size_t i = 0; i < d->nw; i++)
			S_row(fp, "rank", S_sc_name(oc, r), d->w[order[i]].code,
			      m->base_year + m->horizon, "K", (double)(i + 1), 0, NULL);
	}
	for (size_t r = 1; r < nruns; r++)
		S_waterbed(fp, oc, d, m, runs, r, &st[r]);
	for (size_t r = 1; r < nruns; r++)
		S_verdict(fp, cfg, oc, d, m, runs, r, &st[r], &st[0], ncal,
		          nclamp, d->nw * VK_NSEG);
	free(st);
	return 0;
}

int
ol_write(const vk_config *cfg, const ol_config *oc, const ol_data *d,
         const vk_ol_model *m, vk_ol_run *const *runs, const char *outdir,
         vk_err *e)
{
	static const char *const names[OL_FILES] = {
		"projections.csv", "summary.csv", "inputs.csv", "city.csv"
	};
	vk_out out[OL_FILES] = { { 0 } };
	FILE *fp[OL_FILES];
	size_t nruns = 1 + oc->nsc;
	double *s = calloc(d->nw + 1, sizeof(double));
	double *o = calloc(d->nw + 1, sizeof(double));
	size_t *order = calloc(d->nw + 1, sizeof(size_t));
	char path[4096];
	int rc = -1;

	if (s == NULL || o == NULL || order == NULL) {
		vk_err_io(e, NULL, "out of memory");
		goto done;
	}
	if (vk_mkdirs(outdir, e) != 0)
		goto done;
	for (int i = 0; i < OL_FILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", outdir, names[i]);
		if ((fp[i] = vk_out_open(&out[i], path, e)) == NULL)
			goto done;
	}
	S_projections(fp[0], cfg, oc, d, m, runs, nruns);
	S_summary(fp[1], cfg, oc, d, m, runs, nruns);
	S_inputs(fp[2], oc, d);
	if (S_city(fp[3], cfg, oc, d, m, runs, nruns, s, o, order) != 0) {
		vk_err_io(e, NULL, "out of memory");
		goto done;
	}
	if (vk_out_commit_all(out, OL_FILES, e) != 0)
		goto done;
	rc = 0;
done:
	vk_out_abort_all(out, OL_FILES);
	free(s), free(o), free(order);
	return rc;
}

int
ol_write_empty(const char *outdir, vk_err *e)
{
	static const char *const names[OL_FILES] = {
		"projections.csv", "summary.csv", "inputs.csv", "city.csv"
	};
	static const char *const heads[OL_FILES] = {
		"wijk,scenario,year,segment,variable,value\n",
		"wijk,name,in_area,scenario,year,stock_sociale_huur,"
		"stock_middenhuur,stock_particuliere_huur,stock_koop,stock_totaal,"
		"pct_social,pct_corporation,K,vulnerable,intake,share_city_social,"
		"share_city_intake\n",
		"wijk,name,segment,stock,stock_source,K,K_base,K_source,k0,k_base,"
		"k_ratio,turnover,intake,intake_source\n",
		"kind,scenario,wijk,year,name,value,text\n",
	};
	vk_out out[OL_FILES] = { { 0 } };
	char path[4096];
	int rc = -1;

	if (vk_mkdirs(outdir, e) != 0)
		return -1;
	for (int i = 0; i < OL_FILES; i++) {
		FILE *fp;

		snprintf(path, sizeof(path), "%s/%s", outdir, names[i]);
		if ((fp = vk_out_open(&out[i], path, e)) == NULL)
			goto done;
		fputs(heads[i], fp);
	}
	if (vk_out_commit_all(out, OL_FILES, e) != 0)
		goto done;
	rc = 0;
done:
	vk_out_abort_all(out, OL_FILES);
	return rc;
}
