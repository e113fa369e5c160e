#include "ingest.h"

#include <stdlib.h>
#include <string.h>

#include "vk_csv.h"
#include "vk_num.h"

/* The columns every row needs, by role; NULL names are not configured. */
enum { C_KEY, C_NAME, C_YEAR, C_VAR, C_VAL, C_COUNT };

/* A variable the config's indicators take from this source. */
typedef struct S_ref {
	const char *name;
	vk_pos pos;          /* first place in the config that asks for it */
	size_t col;          /* wide layout: its column */
	int seen;            /* long layout: found in some row */
} S_ref;

/* Adds component c to refs when it reads source src and is not there yet. */
static void
S_ref_add(S_ref *r, size_t *n, const vk_component *c, size_t src)
{
	size_t k;

	if (c->source != src)
		return;
	for (k = 0; k < *n && strcmp(r[k].name, c->column) != 0; k++)
		;
	if (k == *n)
		r[(*n)++] = (S_ref){ c->column, c->pos, 0, 0 };
}

/* The variables of source src referenced by any indicator or by
 * classification.growth, each once. */
static S_ref *
S_refs(const vk_config *cfg, size_t src, size_t *n, vk_err *e)
{
	size_t cap = 1; /* classification.growth */
	S_ref *r;

	*n = 0;
	for (int i = 0; i < VK_IND_COUNT; i++)
		cap += cfg->ind[i].present ? cfg->ind[i].ncomp : 0;
	r = calloc(cap + 1, sizeof(*r));
	if (r == NULL) {
		vk_err_io(e, NULL, "out of memory");
		return NULL;
	}
	for (int i = 0; i < VK_IND_COUNT; i++) {
		const vk_indicator *ind = &cfg->ind[i];

		for (size_t j = 0; ind->present && j < ind->ncomp; j++)
			S_ref_add(r, n, &ind->comp[j], src);
	}
	if (cfg->classif.has_growth)
		S_ref_add(r, n, &cfg->classif.growth, src);
	return r;
}

/* "(quickscan.yaml:62:13 asks for it)" */
static void
S_asker(char *buf, size_t n, const vk_config *cfg, vk_pos pos)
{
	if (pos.line > 0)
		snprintf(buf, n, "(%s:%ld:%ld asks for it)", cfg->path, pos.line,
		         pos.col);
	else
		snprintf(buf, n, "(%s asks for it)", cfg->path);
}

/* vk_csv_need, with the config line that asks for the column in the
 * message instead of vk_csv's generic wording. */
static int
S_need(const vk_csv *t, const vk_config *cfg, const char *name, vk_pos pos,
       size_t *col, vk_err *e)
{
	char asker[600], msg[sizeof(e->msg)];
	const char *has;

	if (vk_csv_need(t, name, col, e) == 0)
		return 0;
	has = strstr(e->msg, "; the file has: ");
	S_asker(asker, sizeof(asker), cfg, pos);
	snprintf(msg, sizeof(msg), "no column \"%s\" %s%s", name, asker,
	         has != NULL ? has : "");
	memcpy(e->msg, msg, sizeof(msg));
	return -1;
}

static int
S_year(const vk_csv *t, size_t row, size_t col, int *year, vk_err *e)
{
	const char *s = vk_csv_get(t, row, col);
	long line, c;

	if (strlen(s) == 4 && strspn(s, "0123456789") == 4) {
		*year = atoi(s);
		return 0;
	}
	vk_csv_pos(t, row, col, &line, &c);
	return vk_err_set(e, vk_csv_path(t), line, c, "expected a year in "
	                  "column \"%s\", found \"%s\"", vk_csv_header(t, col), s);
}

static int
S_code(const vk_csv *t, size_t row, size_t col, vk_err *e)
{
	const char *s = vk_csv_get(t, row, col);
	long line, c;

	if (ing_code_level(s) != NULL)
		return 0;
	vk_csv_pos(t, row, col, &line, &c);
	return vk_err_set(e, vk_csv_path(t), line, c, "unknown code format "
	                  "\"%s\" in column \"%s\" (expected BU + 8 digits, WK + "
	                  "6, GM + 4 or NL00)", s, vk_csv_header(t, col));
}

static int
S_number(const vk_source *src, const vk_csv *t, size_t row, size_t col,
         const char *var, double *v, vk_err *e)
{
	const char *s = vk_csv_get(t, row, col);
	char what[300] = "";
	long line, c;

	if (vk_num_parse(s, src->decimal != 0 ? src->decimal : '.',
	                 (const char *const *)src->missing, src->nmissing,
	                 v) >= 0)
		return 0;
	if (strcmp(var, vk_csv_header(t, col)) != 0)
		snprintf(what, sizeof(what), " (variable \"%s\")", var);
	vk_csv_pos(t, row, col, &line, &c);
	return vk_err_set(e, vk_csv_path(t), line, c, "expected a number in "
	                  "column \"%s\"%s, found \"%s\"", vk_csv_header(t, col),
	                  what, s);
}

/* Long layout: a referenced variable no row holds is a typo in the config
 * or the wrong file, never a valid empty series. */
static int
S_unseen(const vk_csv *t, const vk_config *cfg, const S_ref *r,
         size_t vcol, vk_err *e)
{
	const char *has[9];
	char asker[600], list[400] = "";
	size_t nhas = 0, n = 0;

	/* Up to 8 names to show, and a 9th to know whether to say "...". */
	for (size_t row = 0; row < vk_csv_nrows(t) && nhas < 9; row++) {
		const char *v = vk_csv_get(t, row, vcol);
		size_t k;

		for (k = 0; k < nhas && strcmp(has[k], v) != 0; k++)
			;
		if (k == nhas)
			has[nhas++] = v;
	}
	for (size_t k = 0; k < nhas && k < 8 && n < sizeof(list); k++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
		                      k > 0 ? ", " : "", has[k]);
	S_asker(asker, sizeof(asker), cfg, r->pos);
	return vk_err_set(e, vk_csv_path(t), 0, 0, "no row has \"%s\" in column "
	                  "\"%s\" %s; it has: %s%s", r->name,
	                  vk_csv_header(t, vcol), asker, list,
	                  nhas > 8 ? ", ..." : "");
}

/* One data row: its code, year and name, then the values asked for. */
static int
S_row(ing_data *d, const vk_config *cfg, size_t si, const vk_csv *t,
      size_t row, const size_t *cols, S_ref *refs, size_t nrefs, vk_err *e)
{
	const vk_source *src = &cfg->sources[si];
	const char *code = vk_csv_get(t, row, cols[C_KEY]);
	long line = vk_csv_line(t, row);
	int year = src->year;
	double v;

	if (S_code(t, row, cols[C_KEY], e) != 0)
		return -1;
	if (src->year_column != NULL &&
	    S_year(t, row, cols[C_YEAR], &year, e) != 0)
		return -1;
	if (src->name != NULL && *vk_csv_get(t, row, cols[C_NAME]) != '\0' &&
	    ing_add_name(d, si, code, vk_csv_get(t, row, cols[C_NAME]), year, line,
	                 e) != 0)
		return -1;
	if (src->layout == VK_LAYOUT_LONG) {
		const char *var = vk_csv_get(t, row, cols[C_VAR]);
		size_t k;

		for (k = 0; k < nrefs && strcmp(refs[k].name, var) != 0; k++)
			;
		if (k == nrefs)
			return 0;
		refs[k].seen = 1;
		if (S_number(src, t, row, cols[C_VAL], refs[k].name, &v, e) != 0)
			return -1;
		return ing_add_value(d, si, code, refs[k].name, year, v, line, e);
	}
	for (size_t k = 0; k < nrefs; k++)
		if (S_number(src, t, row, refs[k].col, refs[k].name, &v, e) != 0 ||
		    ing_add_value(d, si, code, refs[k].name, year, v, line, e) != 0)
			return -1;
	return 0;
}

int
ing_csv(ing_data *d, const vk_config *cfg, size_t si, vk_err *e)
{
	const vk_source *src = &cfg->sources[si];
	vk_csv_opts opts = { .delim = src->delimiter };
	const char *colname[C_COUNT] = { src->key, src->name, src->year_column,
	                                 NULL, NULL };
	size_t cols[C_COUNT] = { 0 }, nrefs = 0;
	S_ref *refs = NULL;
	vk_csv *t = NULL;
	int rc = -1;

	if (src->layout == VK_LAYOUT_LONG)
		colname[C_VAR] = src->variable, colname[C_VAL] = src->value;
	if (src->year == 0 && src->year_column == NULL) {
		vk_err_set(e, cfg->path, src->pos.line, src->pos.col, "source "
		           "\"%s\" needs `year` or `year_column`", src->id);
		goto done;
	}
	refs = S_refs(cfg, si, &nrefs, e);
	if (refs == NULL || (t = vk_csv_read(src->path, &opts, e)) == NULL)
		goto done;
	for (size_t i = 0; i < C_COUNT; i++)
		if (colname[i] != NULL &&
		    S_need(t, cfg, colname[i], src->pos, &cols[i], e) != 0)
			goto done;
	for (size_t k = 0; src->layout == VK_LAYOUT_WIDE && k < nrefs; k++)
		if (S_need(t, cfg, refs[k].name, refs[k].pos, &refs[k].col, e) != 0)
			goto done;
	for (size_t row = 0; row < vk_csv_nrows(t); row++)
		if (S_row(d, cfg, si, t, row, cols, refs, nrefs, e) != 0)
			goto done;
	for (size_t k = 0; src->layout == VK_LAYOUT_LONG && k < nrefs; k++)
		if (!refs[k].seen) {
			S_unseen(t, cfg, &refs[k], cols[C_VAR], e);
			goto done;
		}
	rc = 0;
done:
	vk_csv_free(t);
	free(refs);
	return rc;
}
