/* index/trends.csv: K and O per wijk over every year the sources hold, for
 * the small trend charts of the wijkschets.
 *
 * The classification uses two years (base_year, year); a consultant also
 * wants to see the path in between, so here every year present in
 * ingest/values.csv for a K or O component counts, not only the configured
 * ones. Rule, per wijk of the gemeente, component and year:
 *
 *   - when the source has a row for the wijk itself (CBS publishes p_hh_li
 *     per WK code) and its value is not missing, that value is used
 *     (method "wijk"): CBS computes it over all households of the wijk,
 *     including buurten too small to publish, which a mean of the published
 *     buurten cannot;
 *   - otherwise the mean of the wijk's buurt values weighted by their
 *     inhabitants (method "buurten"): the inhabitants indicator's first
 *     component in its configured year (one fixed year for every year of
 *     the series: the weights say how much of the wijk a buurt is, and
 *     sources rarely publish inhabitants for every year). Buurten without a
 *     value or without inhabitants are left out; none left gives NA.
 *
 * Per indicator and year an extra row with component "*" holds the
 * indicator itself: sum(weight * value) / sum(weight) over its components,
 * NA when any component is missing that year (as vk-classify does).
 *
 * Columns: wijk,indicator,component,year,value,method,buurten
 * (buurten = how many buurt values the mean used; 0 for method "wijk"). */
#include "index_trends.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vk_csv.h"
#include "vk_num.h"
#include "vk_out.h"
#include "vk_strmap.h"

#define S_MAX_YEARS 64

typedef struct {
	char code[16];          /* WKggggww */
} S_wijk;

/* Sums per wijk and year for one component. */
typedef struct {
	double sum, weight;     /* weighted buurt values */
	size_t n;
	double own;             /* the wijk's own row, NAN when absent */
	int has;                /* the year appears for this component */
} S_cell;

static int
S_year_slot(int *years, int *nyears, int y)
{
	for (int i = 0; i < *nyears; i++)
		if (years[i] == y)
			return i;
	if (*nyears == S_MAX_YEARS)
		return -1;
	years[*nyears] = y;
	return (*nyears)++;
}

static int
S_cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int
index_trends_write(const vk_config *cfg, const vk_csv *values,
                   const char *outdir, vk_err *e)
{
	size_t cs, cc, cv, cy, cval, nr = vk_csv_nrows(values);
	const vk_indicator *inh = &cfg->ind[VK_IND_INHABITANTS];
	const vk_indicator *use[2] = { &cfg->ind[VK_IND_K], &cfg->ind[VK_IND_O] };
	const char *gm = cfg->gemeente_digits;
	vk_strmap *wmap = NULL, *wgt = NULL;
	S_wijk *wijken = NULL;
	double *weights = NULL;
	S_cell *cells = NULL;
	size_t nw = 0, ncomp = 0, wcap = 0;
	int years[S_MAX_YEARS], nyears = 0, rc = -1, inh_year = 0;
	vk_out out = { 0 };
	char path[4096];
	FILE *fp;

	if (vk_csv_need(values, "source", &cs, e) != 0 ||
	    vk_csv_need(values, "code", &cc, e) != 0 ||
	    vk_csv_need(values, "variable", &cv, e) != 0 ||
	    vk_csv_need(values, "year", &cy, e) != 0 ||
	    vk_csv_need(values, "value", &cval, e) != 0)
		return -1;
	if ((wmap = vk_strmap_new()) == NULL || (wgt = vk_strmap_new()) == NULL)
		goto oom;
	if (inh->present && inh->ncomp > 0)
		inh_year = vk_config_comp_year(cfg, inh, &inh->comp[0], 0);

	/* Pass 1: the wijken (from buurt and wijk codes of the gemeente), the
	 * weights, the years. */
	weights = malloc((nr + 1) * sizeof(*weights));
	if (weights == NULL)
		goto oom;
	for (size_t r = 0; r < nr; r++) {
		const char *code = vk_csv_get(values, r, cc);
		const char *src = vk_csv_get(values, r, cs);
		const char *var = vk_csv_get(values, r, cv);
		int y = atoi(vk_csv_get(values, r, cy));
		char wk[16];
		size_t dummy;
		double v;

		if (!((strncmp(code, "BU", 2) == 0 && strlen(code) == 10) ||
		      (strncmp(code, "WK", 2) == 0 && strlen(code) == 8)) ||
		    strncmp(code + 2, gm, 4) != 0)
			continue;
		snprintf(wk, sizeof(wk), "WK%.6s", code + 2);
		if (!vk_strmap_get(wmap, wk, &dummy)) {
			if (nw == wcap) {
				S_wijk *t = realloc(wijken, (wcap ? 2 * wcap : 32) *
				                    sizeof(*t));
				if (t == NULL)
					goto oom;
				wijken = t;
				wcap = wcap ? 2 * wcap : 32;
			}
			snprintf(wijken[nw].code, sizeof(wijken[nw].code), "%s", wk);
			if (vk_strmap_put(wmap, wijken[nw].code, nw) != 0)
				goto oom;
			nw++;
		}
		if (inh_year != 0 && code[0] == 'B' &&
		    strcmp(var, inh->comp[0].column) == 0 && y == inh_year &&
		    strcmp(src, cfg->sources[inh->comp[0].source].id) == 0 &&
		    vk_num_parse(vk_csv_get(values, r, cval), '.', NULL, 0,
		                 &v) == 0 && v > 0) {
			weights[r] = v;
			if (vk_strmap_put(wgt, code, r) != 0)
				goto oom;
		}
		for (int i = 0; i < 2; i++)
			for (size_t j = 0; j < use[i]->ncomp; j++)
				if (strcmp(var, use[i]->comp[j].column) == 0 &&
				    strcmp(src, cfg->sources[use[i]->comp[j].source].id) == 0 &&
				    y >= 1900 && y <= 2300 &&
				    S_year_slot(years, &nyears, y) < 0) {
					vk_err_set(e, vk_csv_path(values), 0, 0,
					           "more than %d years of K and O "
					           "values", S_MAX_YEARS);
					goto done;
				}
	}
	qsort(years, (size_t)nyears, sizeof(int), S_cmp_int);
	for (int i = 0; i < 2; i++)
		ncomp += use[i]->present ? use[i]->ncomp : 0;
	cells = calloc((ncomp ? ncomp : 1) * (nw ? nw : 1) * (size_t)(nyears ? nyears : 1),
	               sizeof(*cells));
	if (cells == NULL)
		goto oom;
	for (size_t k = 0; k < ncomp * nw * (size_t)nyears; k++)
		cells[k].own = NAN;

	/* Pass 2: the sums. */
	for (size_t r = 0; r < nr; r++) {
		const char *code = vk_csv_get(values, r, cc);
		const char *src = vk_csv_get(values, r, cs);
		const char *var = vk_csv_get(values, r, cv);
		int y = atoi(vk_csv_get(values, r, cy)), yi = -1;
		char wk[16];
		size_t w, wr, k = 0;
		double v;

		if (strncmp(code + 2, gm, 4) != 0 || strlen(code) < 8)
			continue;
		snprintf(wk, sizeof(wk), "WK%.6s", code + 2);
		if (!vk_strmap_get(wmap, wk, &w))
			continue;
		for (int i = 0; i < nyears; i++)
			if (years[i] == y)
				yi = i;
		for (int i = 0; i < 2; i++) {
			if (!use[i]->present)
				continue;
			for (size_t j = 0; j < use[i]->ncomp; j++, k++) {
				S_cell *c;

				if (yi < 0 || strcmp(var, use[i]->comp[j].column) != 0 ||
				    strcmp(src, cfg->sources[use[i]->comp[j].source].id) != 0)
					continue;
				c = &cells[(k * nw + w) * (size_t)nyears + (size_t)yi];
				c->has = 1;
				if (vk_num_parse(vk_csv_get(values, r, cval), '.', NULL,
				                 0, &v) != 0)
					continue;
				if (code[0] == 'W') {
					c->own = v;
				} else if (code[0] == 'B' &&
				           vk_strmap_get(wgt, code, &wr)) {
					c->sum += weights[wr] * v;
					c->weight += weights[wr];
					c->n++;
				}
			}
		}
	}

	snprintf(path, sizeof(path), "%s/trends.csv", outdir);
	if ((fp = vk_out_open(&out, path, e)) == NULL)
		goto done;
	fputs("wijk,indicator,component,year,value,method,buurten\n", fp);
	for (size_t w = 0; w < nw; w++) {
		size_t k = 0;

		for (int i = 0; i < 2; i++) {
			if (!use[i]->present)
				continue;
			for (int yi = 0; yi < nyears; yi++) {
				double tot = 0, tw = 0;
				int any = 0, miss = 0;
				char num[64];

				for (size_t j = 0; j < use[i]->ncomp; j++) {
					const vk_component *cp = &use[i]->comp[j];
					const S_cell *c = &cells[((k + j) * nw + w) *
					                         (size_t)nyears + (size_t)yi];
					double v = NAN;
					const char *how = "buurten";

					if (!c->has) {
						miss = 1;
						continue;
					}
					any = 1;
					if (!isnan(c->own))
						v = c->own, how = "wijk";
					else if (c->weight > 0)
						v = c->sum / c->weight;
					if (isnan(v))
						miss = 1;
					else
						tot += cp->weight * v, tw += cp->weight;
					fprintf(fp, "%s,%s,%s.%s,%d,%s,%s,%zu\n",
					        wijken[w].code, use[i]->key,
					        cfg->sources[cp->source].id, cp->column,
					        years[yi], vk_num_fmt(num, sizeof(num), v, 6),
					        how, isnan(c->own) ? c->n : 0);
				}
				if (any)
					fprintf(fp, "%s,%s,*,%d,%s,%s,\n", wijken[w].code,
					        use[i]->key, years[yi],
					        vk_num_fmt(num, sizeof(num), miss || tw <= 0 ?
					                   NAN : tot / tw, 6),
					        use[i]->ncomp > 1 ? "weighted" : "component");
			}
			k += use[i]->ncomp;
		}
	}
	if (vk_out_commit(&out, e) != 0)
		goto done;
	rc = 0;
	goto done;
oom:
	vk_err_io(e, NULL, "out of memory");
done:
	vk_out_abort(&out);
	vk_strmap_free(wmap);
	vk_strmap_free(wgt);
	free(wijken);
	free(weights);
	free(cells);
	return rc;
}
