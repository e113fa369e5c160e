#include "ingest.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vk_cli.h"
#include "vk_csv.h"
#include "vk_num.h"

ing_data *
ing_data_new(void)
{
	return calloc(1, sizeof(ing_data));
}

void
ing_data_free(ing_data *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->nval; i++)
		free(d->val[i].code);
	for (size_t i = 0; i < d->nname; i++)
		free(d->name[i].code), free(d->name[i].name);
	for (size_t i = 0; i < d->ngeom; i++)
		free(d->geom[i].code), free(d->geom[i].name),
		free(d->geom[i].parts);
	free(d->val);
	free(d->name);
	free(d->geom);
	free(d);
}

int
ing_add_value(ing_data *d, size_t src, const char *code, const char *var,
              int year, double value, long line, vk_err *e)
{
	ing_value *v = vk_grow(d->val, &d->capval, d->nval + 1, sizeof(*v));
	char *c = strdup(code);

	if (v != NULL)
		d->val = v;
	if (v == NULL || c == NULL) {
		free(c);
		return vk_err_io(e, NULL, "out of memory");
	}
	d->val[d->nval++] = (ing_value){ src, c, var, year, value, line };
	return 0;
}

int
ing_add_name(ing_data *d, size_t src, const char *code, const char *name,
             int year, long line, vk_err *e)
{
	ing_name *n = vk_grow(d->name, &d->capname, d->nname + 1, sizeof(*n));
	char *c = strdup(code), *nm = strdup(name);

	if (n != NULL)
		d->name = n;
	if (n == NULL || c == NULL || nm == NULL) {
		free(c), free(nm);
		return vk_err_io(e, NULL, "out of memory");
	}
	d->name[d->nname++] = (ing_name){ src, c, nm, year, line };
	return 0;
}

int
ing_add_geom(ing_data *d, size_t src, const char *code, const char *name,
             char *parts, vk_err *e)
{
	ing_geom *g = vk_grow(d->geom, &d->capgeom, d->ngeom + 1, sizeof(*g));
	char *c = strdup(code), *nm = strdup(name);

	if (g != NULL)
		d->geom = g;
	if (g == NULL || c == NULL || nm == NULL) {
		free(c), free(nm), free(parts);
		return vk_err_io(e, NULL, "out of memory");
	}
	d->geom[d->ngeom] = (ing_geom){ src, c, nm, parts, d->ngeom };
	d->ngeom++;
	return 0;
}

static int
S_cmp_size(size_t a, size_t b)
{
	return (a > b) - (a < b);
}

static int
S_cmp_value(const void *pa, const void *pb)
{
	const ing_value *a = pa, *b = pb;
	int c;

	if ((c = S_cmp_size(a->src, b->src)) != 0 ||
	    (c = strcmp(a->code, b->code)) != 0 ||
	    (c = strcmp(a->var, b->var)) != 0 ||
	    (c = (a->year > b->year) - (a->year < b->year)) != 0)
		return c;
	return (a->line > b->line) - (a->line < b->line);
}

/* Latest year first, then file order: the first of a code is kept. */
static int
S_cmp_name(const void *pa, const void *pb)
{
	const ing_name *a = pa, *b = pb;
	int c;

	if ((c = S_cmp_size(a->src, b->src)) != 0 ||
	    (c = strcmp(a->code, b->code)) != 0 ||
	    (c = (a->year < b->year) - (a->year > b->year)) != 0)
		return c;
	return (a->line > b->line) - (a->line < b->line);
}

static int
S_cmp_geom(const void *pa, const void *pb)
{
	const ing_geom *a = pa, *b = pb;
	int c;

	if ((c = S_cmp_size(a->src, b->src)) != 0 ||
	    (c = strcmp(a->code, b->code)) != 0)
		return c;
	return S_cmp_size(a->seq, b->seq);
}

/* Several features with one code are parts of one area (boundary files
 * often store an island or an exclave as a feature of its own): their
 * polygons become one MULTIPOLYGON, in file order. */
static int
S_merge_geoms(ing_data *d, vk_err *e)
{
	size_t out = 0;

	for (size_t i = 0; i < d->ngeom; i++) {
		ing_geom *g = &d->geom[i], *prev = out > 0 ? &d->geom[out - 1] : NULL;

		if (prev != NULL && prev->src == g->src &&
		    strcmp(prev->code, g->code) == 0) {
			size_t la = strlen(prev->parts), lb = strlen(g->parts);
			char *p = realloc(prev->parts, la + lb + 2);

			if (p == NULL)
				return vk_err_io(e, NULL, "out of memory");
			p[la] = ',';
			memcpy(p + la + 1, g->parts, lb + 1);
			prev->parts = p;
			if (prev->name[0] == '\0') {
				char *swap = prev->name;

				prev->name = g->name;
				g->name = swap;
			}
			free(g->code), free(g->name), free(g->parts);
			continue;
		}
		d->geom[out++] = *g;
	}
	d->ngeom = out;
	return 0;
}

int
ing_data_finish(ing_data *d, const vk_config *cfg, vk_err *e)
{
	size_t out = 0;

	if (d->nval > 1)
		qsort(d->val, d->nval, sizeof(*d->val), S_cmp_value);
	for (size_t i = 1; i < d->nval; i++) {
		const ing_value *a = &d->val[i - 1], *b = &d->val[i];

		if (a->src == b->src && a->year == b->year &&
		    strcmp(a->code, b->code) == 0 && strcmp(a->var, b->var) == 0)
			return vk_err_set(e, cfg->sources[b->src].path, b->line, 0,
			                  "duplicate value for %s, variable \"%s\", "
			                  "year %d (also on line %ld)", b->code,
			                  b->var, b->year, a->line);
	}
	if (d->nname > 1)
		qsort(d->name, d->nname, sizeof(*d->name), S_cmp_name);
	for (size_t i = 0; i < d->nname; i++) {
		ing_name *n = &d->name[i];

		if (out > 0 && d->name[out - 1].src == n->src &&
		    strcmp(d->name[out - 1].code, n->code) == 0) {
			free(n->code), free(n->name);
			continue;
		}
		d->name[out++] = *n;
	}
	d->nname = out;
	if (d->ngeom > 1)
		qsort(d->geom, d->ngeom, sizeof(*d->geom), S_cmp_geom);
	return S_merge_geoms(d, e);
}

/* The shortest of %.15g..%.17g that reads back as the same double: the
 * file keeps every digit of the source and stays stable across runs. */
static void
S_put_number(FILE *fp, double v)
{
	char buf[40];

	if (isnan(v)) {
		fputs(VK_NA_TEXT, fp);
		return;
	}
	if (v == 0)
		v = 0; /* no "-0" */
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	fputs(buf, fp);
}

void
ing_write_values(const ing_data *d, const vk_config *cfg, FILE *fp)
{
	fputs("source,code,variable,year,value\n", fp);
	for (size_t i = 0; i < d->nval; i++) {
		const ing_value *v = &d->val[i];

		vk_csv_put(fp, cfg->sources[v->src].id);
		fputc(',', fp);
		vk_csv_put(fp, v->code);
		fputc(',', fp);
		vk_csv_put(fp, v->var);
		fprintf(fp, ",%d,", v->year);
		S_put_number(fp, v->value);
		fputc('\n', fp);
	}
}

void
ing_write_names(const ing_data *d, const vk_config *cfg, FILE *fp)
{
	fputs("source,code,name\n", fp);
	for (size_t i = 0; i < d->nname; i++) {
		const ing_name *n = &d->name[i];

		vk_csv_put(fp, cfg->sources[n->src].id);
		fputc(',', fp);
		vk_csv_put(fp, n->code);
		fputc(',', fp);
		vk_csv_put(fp, n->name);
		fputc('\n', fp);
	}
}

void
ing_write_geometry(const ing_data *d, const vk_config *cfg, FILE *fp)
{
	fputs("source,level,code,name,wkt\n", fp);
	for (size_t i = 0; i < d->ngeom; i++) {
		const ing_geom *g = &d->geom[i];

		vk_csv_put(fp, cfg->sources[g->src].id);
		fputc(',', fp);
		vk_csv_put(fp, cfg->sources[g->src].level);
		fputc(',', fp);
		vk_csv_put(fp, g->code);
		fputc(',', fp);
		vk_csv_put(fp, g->name);
		/* Always quoted: the WKT is full of commas. */
		fprintf(fp, ",\"MULTIPOLYGON (%s)\"\n", g->parts);
	}
}

static int
S_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[n] == '\0';
}

const char *
ing_code_level(const char *code)
{
	static const struct {
		const char *prefix, *level;
		size_t digits;
	} kind[] = {
		{ "BU", "buurt", 8 }, { "WK", "wijk", 6 },
		{ "GM", "gemeente", 4 }, { "NL", "land", 2 },
	};

	for (size_t i = 0; i < sizeof(kind) / sizeof(kind[0]); i++)
		if (strncmp(code, kind[i].prefix, 2) == 0 &&
		    strlen(code) == 2 + kind[i].digits &&
		    S_digits(code + 2, kind[i].digits))
			return kind[i].level;
	return NULL;
}
