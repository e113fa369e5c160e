/* vk-index: joins the ingested sources by CBS code.
 *
 * The buurten of the area are the union of the buurt codes over all
 * sources, so a buurt that one source lacks is kept (with NA values) and
 * reported, never dropped. The wijk of a buurt follows from its code. For
 * every configured value (source, column, year) the buurt table gets one
 * column; which years are used is the config's choice. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vk_cli.h"
#include "vk_config.h"
#include "vk_csv.h"
#include "vk_num.h"
#include "vk_out.h"
#include "vk_strmap.h"

#include "index_trends.h"

#define PROG "vk-index"
#define MAX_LISTED 5  /* codes named per mismatch line */

static const char S_usage[] =
	"usage: " PROG " [-v] -i INGEST_DIR -o OUT_DIR CONFIG\n"
	"\n"
	"Joins the files vk-ingest wrote in INGEST_DIR by CBS code and writes\n"
	"OUT_DIR/buurten.csv, OUT_DIR/wijken.csv and OUT_DIR/report.txt (codes\n"
	"present in one source but missing in another, missing values).\n"
	"\n"
	"  -i DIR     directory with values.csv, names.csv, geometry.csv\n"
	"  -o DIR     output directory (created when missing)\n"
	"  -v         also print the mismatch report on stderr\n"
	"  --help     show this help\n"
	"  --version  show the version\n"
	"\n"
	"Exit status: 0 ok, 1 bad input, 2 usage, 3 cannot write output.\n";

/* One column of the joined table: a component value in one year. */
typedef struct {
	char name[192];      /* "source.column.year" */
	const char *key;     /* who asks: an indicator key, or "growth" */
	const vk_component *comp;
	int year;
	double *val;         /* per buurt */
	size_t missing;
} S_col;

typedef struct {
	char **codes;        /* sorted buurt codes */
	size_t n, cap;
	vk_strmap *idx;      /* code -> row */
	char **names;        /* per buurt, may be NULL */
	unsigned char *in;   /* per area × source: present in source */
	unsigned char *holds;/* per source: has any area of this level */
	const char *level;   /* "buurten" or "wijken", for the report */
} S_table;

typedef int (*S_level_fn)(const vk_config *, const char *);

static int
S_is_buurt(const vk_config *cfg, const char *code)
{
	return strlen(code) == 10 && strncmp(code, "BU", 2) == 0 &&
	       strncmp(code + 2, cfg->gemeente_digits, 4) == 0;
}

static int
S_is_wijk(const vk_config *cfg, const char *code)
{
	return strlen(code) == 8 && strncmp(code, "WK", 2) == 0 &&
	       strncmp(code + 2, cfg->gemeente_digits, 4) == 0;
}

static int
S_cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
S_add_code(S_table *t, vk_strmap *seen, const char *code, vk_err *e)
{
	if (vk_strmap_get(seen, code, NULL))
		return 0;
	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 256;
		char **nc = realloc(t->codes, ncap * sizeof(*nc));

		if (nc == NULL)
			return vk_err_io(e, NULL, "out of memory");
		t->codes = nc, t->cap = ncap;
	}
	t->codes[t->n] = strdup(code);
	if (t->codes[t->n] == NULL || vk_strmap_put(seen, code, t->n) != 0)
		return vk_err_io(e, NULL, "out of memory");
	t->n++;
	return 0;
}

/* Source index of a source id as written in the ingest files. */
static long
S_source_of(const vk_config *cfg, const char *id)
{
	for (size_t i = 0; i < cfg->nsources; i++)
		if (strcmp(cfg->sources[i].id, id) == 0)
			return (long)i;
	return -1;
}

static int
S_check_source(const vk_config *cfg, const vk_csv *t, size_t row,
               size_t col, long *src, vk_err *e)
{
	*src = S_source_of(cfg, vk_csv_get(t, row, col));
	if (*src < 0)
		return vk_err_set(e, vk_csv_path(t), vk_csv_line(t, row), 1,
		                  "unknown source \"%s\": the ingest files do not "
		                  "belong to this config (run vk-ingest again)",
		                  vk_csv_get(t, row, col));
	return 0;
}

/* Collects the codes of one level over every source from the three ingest
 * files, and which source holds which code. Wijken also follow from the
 * buurt codes (extra), so a wijk without a row of its own is still known. */
static int
S_collect(const vk_config *cfg, vk_csv *const files[3], S_level_fn is_level,
          const S_table *extra, S_table *t, vk_err *e)
{
	vk_strmap *seen = vk_strmap_new();
	int rc = -1;

	if (seen == NULL)
		return vk_err_io(e, NULL, "out of memory");
	for (int f = 0; f < 3; f++) {
		size_t cs, cc;

		if (vk_csv_need(files[f], "source", &cs, e) != 0 ||
		    vk_csv_need(files[f], "code", &cc, e) != 0)
			goto done;
		for (size_t r = 0; r < vk_csv_nrows(files[f]); r++) {
			const char *code = vk_csv_get(files[f], r, cc);
			long src;

			if (S_check_source(cfg, files[f], r, cs, &src, e) != 0)
				goto done;
			if (is_level(cfg, code) && S_add_code(t, seen, code, e))
				goto done;
		}
	}
	for (size_t i = 0; extra != NULL && i < extra->n; i++) {
		char code[16];

		snprintf(code, sizeof(code), "WK%.6s", extra->codes[i] + 2);
		if (S_add_code(t, seen, code, e) != 0)
			goto done;
	}
	qsort(t->codes, t->n, sizeof(*t->codes), S_cmpstr);
	t->idx = vk_strmap_new();
	t->names = calloc(t->n ? t->n : 1, sizeof(*t->names));
	t->in = calloc((t->n ? t->n : 1) * cfg->nsources, 1);
	t->holds = calloc(cfg->nsources, 1);
	if (t->idx == NULL || t->names == NULL || t->in == NULL ||
	    t->holds == NULL) {
		vk_err_io(e, NULL, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < t->n; i++)
		if (vk_strmap_put(t->idx, t->codes[i], i) != 0) {
			vk_err_io(e, NULL, "out of memory");
			goto done;
		}
	for (int f = 0; f < 3; f++) {
		size_t cs, cc;

		vk_csv_need(files[f], "source", &cs, NULL);
		vk_csv_need(files[f], "code", &cc, NULL);
		for (size_t r = 0; r < vk_csv_nrows(files[f]); r++) {
			size_t row, src;

			if (!vk_strmap_get(t->idx, vk_csv_get(files[f], r, cc), &row))
				continue;
			src = (size_t)S_source_of(cfg, vk_csv_get(files[f], r, cs));
			t->in[row * cfg->nsources + src] = 1;
			t->holds[src] = 1;
		}
	}
	if (t->n == 0) {
		vk_err_set(e, cfg->path, 0, 0, "no %s of %s in any source",
		           t->level, cfg->area_code);
		goto done;
	}
	rc = 0;
done:
	vk_strmap_free(seen);
	return rc;
}

/* Names: the first source (in config order) that has a name wins, so CBS
 * names beat boundary files that cut names short. The names point into the
 * ingest tables. */
static int
S_names(const vk_config *cfg, const vk_csv *names, const vk_csv *geom,
        S_table *t, vk_err *e)
{
	const vk_csv *files[2] = { names, geom };

	for (size_t s = 0; s < cfg->nsources; s++) {
		for (int f = 0; f < 2; f++) {
			size_t cs, cc, cn;

			if (vk_csv_need(files[f], "source", &cs, e) != 0 ||
			    vk_csv_need(files[f], "code", &cc, e) != 0 ||
			    vk_csv_need(files[f], "name", &cn, e) != 0)
				return -1;
			for (size_t r = 0; r < vk_csv_nrows(files[f]); r++) {
				const char *name = vk_csv_get(files[f], r, cn);
				size_t row;

				if (strcmp(vk_csv_get(files[f], r, cs),
				           cfg->sources[s].id) == 0 &&
				    name[0] != '\0' &&
				    vk_strmap_get(t->idx, vk_csv_get(files[f], r, cc),
				                  &row) &&
				    t->names[row] == NULL)
					t->names[row] = (char *)name;
			}
		}
	}
	return 0;
}

/* Fills the value columns from values.csv. */
static int
S_values(const vk_config *cfg, const vk_csv *vals, S_table *t, S_col *cols,
         size_t ncols, vk_err *e)
{
	size_t cs, cc, cv, cy, cx;
	vk_strmap *colidx = vk_strmap_new();
	int rc = -1;

	if (colidx == NULL)
		return vk_err_io(e, NULL, "out of memory");
	if (vk_csv_need(vals, "source", &cs, e) != 0 ||
	    vk_csv_need(vals, "code", &cc, e) != 0 ||
	    vk_csv_need(vals, "variable", &cv, e) != 0 ||
	    vk_csv_need(vals, "year", &cy, e) != 0 ||
	    vk_csv_need(vals, "value", &cx, e) != 0)
		goto done;
	for (size_t i = 0; i < ncols; i++) {
		cols[i].val = malloc(t->n * sizeof(double));
		if (cols[i].val == NULL || vk_strmap_put(colidx, cols[i].name, i)) {
			vk_err_io(e, NULL, "out of memory");
			goto done;
		}
		for (size_t r = 0; r < t->n; r++)
			cols[i].val[r] = NAN;
	}
	for (size_t r = 0; r < vk_csv_nrows(vals); r++) {
		char key[192];
		size_t row, col;
		double v;

		snprintf(key, sizeof(key), "%s.%s.%s", vk_csv_get(vals, r, cs),
		         vk_csv_get(vals, r, cv), vk_csv_get(vals, r, cy));
		if (!vk_strmap_get(colidx, key, &col) ||
		    !vk_strmap_get(t->idx, vk_csv_get(vals, r, cc), &row))
			continue;
		if (vk_num_parse(vk_csv_get(vals, r, cx), '.', NULL, 0, &v) < 0) {
			vk_err_set(e, vk_csv_path(vals), vk_csv_line(vals, r),
			           (long)cx + 1, "expected a number or NA, found \"%s\"",
			           vk_csv_get(vals, r, cx));
			goto done;
		}
		cols[col].val[row] = v;
	}
	for (size_t i = 0; i < ncols; i++) {
		for (size_t r = 0; r < t->n; r++)
			cols[i].missing += isnan(cols[i].val[r]);
		/* A year without a single value is a config mistake (a year
		 * the source does not have), not a data gap. */
		if (cols[i].missing == t->n) {
			vk_err_set(e, cfg->path, cols[i].comp->pos.line,
			           cols[i].comp->pos.col,
			           "%s %s: %s has no value for %d in any buurt "
			           "of %s (see %s for the years it has)",
			           cols[i].comp == &cfg->classif.growth ?
			           "classification" : "indicator",
			           cols[i].key, cols[i].comp->column,
			           cols[i].year, cfg->area_code,
			           cfg->sources[cols[i].comp->source].file);
			goto done;
		}
	}
	rc = 0;
done:
	vk_strmap_free(colidx);
	return rc;
}

static void
S_list_codes(FILE *fp, char **codes, size_t n)
{
	for (size_t i = 0; i < n && i < MAX_LISTED; i++)
		fprintf(fp, "%s%s", i ? ", " : " ", codes[i]);
	if (n > MAX_LISTED)
		fprintf(fp, ", ... (%zu more)", n - MAX_LISTED);
}

static void
S_report_codes(FILE *fp, const vk_config *cfg, const S_table *t, char **miss,
               size_t *problems)
{
	for (size_t s = 0; s < cfg->nsources; s++) {
		size_t k = 0;

		if (!t->holds[s])
			continue;
		for (size_t r = 0; r < t->n; r++)
			if (!t->in[r * cfg->nsources + s])
				miss[k++] = t->codes[r];
		if (k == 0)
			continue;
		(*problems)++;
		fprintf(fp, "source %s (%s): %zu of %zu %s missing:",
		        cfg->sources[s].id, cfg->sources[s].file, k, t->n,
		        t->level);
		S_list_codes(fp, miss, k);
		fputc('\n', fp);
	}
}

static void
S_report(FILE *fp, const vk_config *cfg, const S_table *bu, const S_table *wk,
         const S_col *cols, size_t ncols)
{
	char **miss = malloc((bu->n + wk->n + 1) * sizeof(*miss));
	size_t problems = 0;

	if (miss == NULL)
		return;
	fprintf(fp, "# vk-index report for %s (%s)\n", cfg->area_code,
	        cfg->area_name);
	fprintf(fp, "buurten: %zu, wijken: %zu (the union over all sources)\n\n",
	        bu->n, wk->n);
	fprintf(fp, "## codes missing per source\n");
	S_report_codes(fp, cfg, bu, miss, &problems);
	S_report_codes(fp, cfg, wk, miss, &problems);
	fprintf(fp, "\n## missing values per indicator and year\n");
	for (size_t i = 0; i < ncols; i++) {
		size_t k = 0;

		for (size_t r = 0; r < bu->n; r++)
			if (isnan(cols[i].val[r]))
				miss[k++] = bu->codes[r];
		if (k == 0)
			continue;
		problems++;
		fprintf(fp, "%s %s: %zu of %zu buurten without a value:",
		        cols[i].key, cols[i].name, k, bu->n);
		S_list_codes(fp, miss, k);
		fputc('\n', fp);
	}
	if (problems == 0)
		fprintf(fp, "\nall sources cover all areas with all values\n");
	free(miss);
}

static void
S_table_free(S_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->codes[i]);
	free(t->codes), free(t->names), free(t->in), free(t->holds);
	vk_strmap_free(t->idx);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = { VK_CLI_COMMON_LONGOPTS };
	const char *indir = NULL, *outdir = NULL;
	int verbose = 0, ch, rc = VK_EXIT_INPUT;
	vk_err e = { 0 };
	vk_config *cfg = NULL;
	vk_csv *files[3] = { NULL, NULL, NULL }; /* values, names, geometry */
	static const char *const fnames[3] = { "values.csv", "names.csv",
	                                       "geometry.csv" };
	S_table t = { .level = "buurten" }, wk = { .level = "wijken" };
	S_col *cols = NULL;
	size_t ncols = 0;
	vk_out out[3] = { { 0 } };
	char path[4096];
	FILE *fp;

	while ((ch = getopt_long(argc, argv, "i:o:v", longopts, NULL)) != -1) {
		switch (ch) {
		case 'i': indir = optarg; break;
		case 'o': outdir = optarg; break;
		case 'v': verbose = 1; break;
		default: return vk_cli_other(ch, PROG, S_usage);
		}
	}
	if (indir == NULL || outdir == NULL || optind != argc - 1) {
		fputs(S_usage, stderr);
		return VK_EXIT_USAGE;
	}

	cfg = vk_config_load(argv[optind], &e);
	if (cfg == NULL)
		goto fail;
	for (int f = 0; f < 3; f++) {
		snprintf(path, sizeof(path), "%s/%s", indir, fnames[f]);
		files[f] = vk_csv_read(path, NULL, &e);
		if (files[f] == NULL)
			goto fail;
	}
	/* One column per component and year the indicators use, then the
	 * growth column in K's two years (classification.growth): classify
	 * reads only this table. */
	for (int i = 0; i < VK_IND_COUNT; i++)
		ncols += cfg->ind[i].ncomp * (cfg->ind[i].base_year ? 2 : 1);
	ncols += 2;
	cols = calloc(ncols, sizeof(*cols));
	if (cols == NULL) {
		vk_err_io(&e, NULL, "out of memory");
		goto fail;
	}
	ncols = 0;
	for (int i = 0; i < VK_IND_COUNT; i++) {
		const vk_indicator *ind = &cfg->ind[i];

		for (int base = ind->base_year ? 1 : 0; base >= 0; base--)
			for (size_t j = 0; j < ind->ncomp; j++) {
				S_col *c = &cols[ncols];
				int dup = 0;

				c->key = ind->key, c->comp = &ind->comp[j];
				c->year = vk_config_comp_year(cfg, ind, c->comp, base);
				vk_config_colname(cfg, c->comp, c->year, c->name,
				                  sizeof(c->name));
				for (size_t k = 0; k < ncols; k++)
					dup |= strcmp(cols[k].name, c->name) == 0;
				ncols += !dup;
			}
	}
	for (int base = 1; cfg->classif.has_growth && base >= 0; base--) {
		const vk_indicator *ik = &cfg->ind[VK_IND_K];
		S_col *c = &cols[ncols];
		int dup = 0;

		c->key = "growth", c->comp = &cfg->classif.growth;
		c->year = base ? ik->base_year : ik->year;
		vk_config_colname(cfg, c->comp, c->year, c->name, sizeof(c->name));
		for (size_t k = 0; k < ncols; k++)
			dup |= strcmp(cols[k].name, c->name) == 0;
		ncols += !dup;
	}
	if (S_collect(cfg, files, S_is_buurt, NULL, &t, &e) != 0 ||
	    S_collect(cfg, files, S_is_wijk, &t, &wk, &e) != 0 ||
	    S_names(cfg, files[1], files[2], &t, &e) != 0 ||
	    S_names(cfg, files[1], files[2], &wk, &e) != 0 ||
	    S_values(cfg, files[0], &t, cols, ncols, &e) != 0)
		goto fail;

	if (vk_mkdirs(outdir, &e) != 0)
		goto fail;
	snprintf(path, sizeof(path), "%s/buurten.csv", outdir);
	if ((fp = vk_out_open(&out[0], path, &e)) == NULL)
		goto fail;
	fputs("code,name,wijk,in_area", fp);
	for (size_t i = 0; i < ncols; i++)
		fprintf(fp, ",%s", cols[i].name);
	fputc('\n', fp);
	for (size_t r = 0; r < t.n; r++) {
		char wijk[16], num[64];

		snprintf(wijk, sizeof(wijk), "WK%.6s", t.codes[r] + 2);
		fprintf(fp, "%s,", t.codes[r]);
		vk_csv_put(fp, t.names[r] != NULL ? t.names[r] : t.codes[r]);
		fprintf(fp, ",%s,%d", wijk, vk_config_in_area(cfg, t.codes[r]));
		for (size_t i = 0; i < ncols; i++) {
			/* %.15g keeps every digit the sources publish */
			if (isnan(cols[i].val[r]))
				snprintf(num, sizeof(num), "NA");
			else
				snprintf(num, sizeof(num), "%.15g", cols[i].val[r]);
			fprintf(fp, ",%s", num);
		}
		fputc('\n', fp);
	}

	snprintf(path, sizeof(path), "%s/wijken.csv", outdir);
	if ((fp = vk_out_open(&out[1], path, &e)) == NULL)
		goto fail;
	fputs("code,name,buurten,in_area\n", fp);
	for (size_t w = 0; w < wk.n; w++) {
		size_t k = 0;

		for (size_t r = 0; r < t.n; r++)
			k += strncmp(t.codes[r] + 2, wk.codes[w] + 2, 6) == 0;
		fprintf(fp, "%s,", wk.codes[w]);
		vk_csv_put(fp, wk.names[w] != NULL ? wk.names[w] : wk.codes[w]);
		fprintf(fp, ",%zu,%d\n", k, vk_config_in_area(cfg, wk.codes[w]));
	}

	snprintf(path, sizeof(path), "%s/report.txt", outdir);
	if ((fp = vk_out_open(&out[2], path, &e)) == NULL)
		goto fail;
	S_report(fp, cfg, &t, &wk, cols, ncols);
	if (verbose)
		S_report(stderr, cfg, &t, &wk, cols, ncols);
	if (vk_out_commit_all(out, 3, &e) != 0)
		goto fail;
	/* K and O per wijk over every year of the sources (index_trends.c). */
	if (index_trends_write(cfg, files[0], outdir, &e) != 0)
		goto fail;
	rc = VK_EXIT_OK;
	goto done;
fail:
	vk_err_print(&e, PROG, stderr);
	rc = vk_err_exit_code(&e);
done:
	vk_out_abort_all(out, 3);
	for (int i = 0; i < 3; i++)
		vk_csv_free(files[i]);
	for (size_t i = 0; i < ncols; i++)
		free(cols[i].val);
	free(cols);
	S_table_free(&t);
	S_table_free(&wk);
	vk_config_free(cfg);
	return rc;
}
