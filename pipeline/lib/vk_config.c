#include "vk_config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vk_num.h"
#include "vk_out.h"
#include "vk_yaml.h"

static const char *const S_ind_keys[VK_IND_COUNT] = {
	"inhabitants", "homes", "P", "K", "O", "L"
};
/* Indicators the method cannot do without (DOMAIN.md §4-5). */
static const int S_ind_required[VK_IND_COUNT] = { 1, 0, 1, 1, 1, 0 };
/* Indicators whose change is classified and so need a base year. */
static const int S_ind_change[VK_IND_COUNT] = { 0, 0, 0, 1, 1, 0 };

typedef struct {
	const char *path;
	vk_err *e;
} S_ctx;

static char *
S_dup(S_ctx *c, const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		vk_err_io(c->e, c->path, "out of memory");
	return d;
}

/* Refuses keys not in allowed (NULL-terminated), naming what is allowed. */
static int
S_keys(S_ctx *c, const vk_ynode *map, const char *where,
       const char *const *allowed)
{
	return vk_ymap_only(map, allowed, where, c->path, c->e);
}

static const vk_ynode *
S_need(S_ctx *c, const vk_ynode *map, const char *key, vk_ykind kind,
       const char *where)
{
	const vk_ynode *v = vk_ymap_get(map, key);

	if (v == NULL) {
		vk_err_set(c->e, c->path, map->line, map->col,
		           "%s needs the key \"%s\"", where, key);
		return NULL;
	}
	if (v->kind != kind) {
		vk_err_set(c->e, c->path, v->line, v->col,
		           "expected %s for \"%s\", found %s", vk_ykind_name(kind),
		           key, vk_ykind_name(v->kind));
		return NULL;
	}
	return v;
}

/* Optional string: *out stays NULL when the key is absent. */
static int
S_str(S_ctx *c, const vk_ynode *map, const char *key, int required,
      const char *where, char **out)
{
	const vk_ynode *v = vk_ymap_get(map, key);

	if (v == NULL && !required)
		return 0;
	v = S_need(c, map, key, VK_Y_SCALAR, where);
	if (v == NULL)
		return -1;
	if (v->str[0] == '\0')
		return vk_yaml_fail(c->e, c->path, v, "expected a non-empty text for \"%s\"", key);
	*out = S_dup(c, v->str);
	return *out == NULL ? -1 : 0;
}

static int
S_num(S_ctx *c, const vk_ynode *map, const char *key, double lo, double hi,
      double *out)
{
	const vk_ynode *v = vk_ymap_get(map, key);
	double d;

	if (v == NULL)
		return 0; /* keeps the default */
	if (v->kind != VK_Y_SCALAR || !v->plain ||
	    vk_num_parse(v->str, '.', NULL, 0, &d) != 0)
		return vk_err_set(c->e, c->path, v->line, v->col,
		                  "expected a number for \"%s\", found %s%s%s", key,
		                  v->kind == VK_Y_SCALAR ? "\"" : "",
		                  v->kind == VK_Y_SCALAR ? v->str :
		                  vk_ykind_name(v->kind),
		                  v->kind == VK_Y_SCALAR ? "\"" : "");
	if (d < lo || d > hi)
		return vk_err_set(c->e, c->path, v->line, v->col,
		                  "\"%s\" must be between %g and %g, found %g", key,
		                  lo, hi, d);
	*out = d;
	return 0;
}

static int
S_year(S_ctx *c, const vk_ynode *map, const char *key, int *out)
{
	double d = 0;

	if (S_num(c, map, key, 1900, 2100, &d) != 0)
		return -1;
	if (d != (int)d) {
		const vk_ynode *v = vk_ymap_get(map, key);

		return vk_err_set(c->e, c->path, v->line, v->col,
		                  "expected a whole year for \"%s\", found %s", key,
		                  v->str);
	}
	*out = (int)d;
	return 0;
}

static int
S_enum(S_ctx *c, const vk_ynode *map, const char *key, const char *const *vals,
       int dflt, int *out)
{
	const vk_ynode *v = vk_ymap_get(map, key);
	char list[256] = "";

	*out = dflt;
	if (v == NULL)
		return 0;
	if (v->kind == VK_Y_SCALAR)
		for (int i = 0; vals[i] != NULL; i++)
			if (strcmp(vals[i], v->str) == 0) {
				*out = i;
				return 0;
			}
	for (int i = 0; vals[i] != NULL; i++) {
		size_t len = strlen(list);

		snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
		         vals[i]);
	}
	return vk_err_set(c->e, c->path, v->line, v->col,
	                  "expected one of %s for \"%s\", found %s", list, key,
	                  v->kind == VK_Y_SCALAR ? v->str :
	                  vk_ykind_name(v->kind));
}

static int
S_is_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
S_area(S_ctx *c, vk_config *cfg, const vk_ynode *root)
{
	static const char *const keys[] = { "code", "name", "wijken", NULL };
	const vk_ynode *a = S_need(c, root, "area", VK_Y_MAP, "the config");
	const vk_ynode *w;

	if (a == NULL || S_keys(c, a, "area", keys) != 0 ||
	    S_str(c, a, "code", 1, "area", &cfg->area_code) != 0 ||
	    S_str(c, a, "name", 1, "area", &cfg->area_name) != 0)
		return -1;
	if (strncmp(cfg->area_code, "GM", 2) != 0 ||
	    !S_is_digits(cfg->area_code + 2, 4))
		return vk_yaml_fail(c->e, c->path, vk_ymap_get(a, "code"),
		              "expected a CBS gemeente code like GM0344 for "
		              "\"code\", found \"%s\"", cfg->area_code);
	cfg->gemeente_digits = S_dup(c, cfg->area_code + 2);
	if (cfg->gemeente_digits == NULL)
		return -1;
	w = vk_ymap_get(a, "wijken");
	if (w == NULL)
		return 0;
	if (w->kind != VK_Y_SEQ || w->n == 0)
		return vk_yaml_fail(c->e, c->path, w, "expected a list of wijk codes for \"wijken\"");
	cfg->wijken = calloc(w->n, sizeof(char *));
	if (cfg->wijken == NULL)
		return vk_err_io(c->e, c->path, "out of memory");
	for (size_t i = 0; i < w->n; i++) {
		const vk_ynode *it = w->items[i];

		if (it->kind != VK_Y_SCALAR || strncmp(it->str, "WK", 2) != 0 ||
		    !S_is_digits(it->str + 2, 6) ||
		    strncmp(it->str + 2, cfg->gemeente_digits, 4) != 0)
			return vk_yaml_fail(c->e, c->path, it, "expected a wijk code of %s like "
			              "WK%s01, found \"%s\"", cfg->area_code,
			              cfg->gemeente_digits,
			              it->kind == VK_Y_SCALAR ? it->str : "a list");
		if ((cfg->wijken[i] = S_dup(c, it->str)) == NULL)
			return -1;
		cfg->nwijken++;
	}
	return 0;
}

static int
S_report(S_ctx *c, vk_config *cfg, const vk_ynode *root)
{
	static const char *const keys[] = { "client", "title", "subtitle",
	                                    "date_source", "date", NULL };
	static const char *const sources[] = { "source_date_epoch", "config",
	                                       NULL };
	const vk_ynode *r = S_need(c, root, "report", VK_Y_MAP, "the config");
	vk_report *rep = &cfg->report;
	int ds;

	if (r == NULL || S_keys(c, r, "report", keys) != 0 ||
	    S_str(c, r, "client", 1, "report", &rep->client) != 0 ||
	    S_str(c, r, "title", 0, "report", &rep->title) != 0 ||
	    S_str(c, r, "subtitle", 0, "report", &rep->subtitle) != 0 ||
	    S_enum(c, r, "date_source", sources, 0, &ds) != 0 ||
	    S_str(c, r, "date", ds == 1, "report", &rep->date) != 0)
		return -1;
	rep->date_source = S_dup(c, sources[ds]);
	if (rep->title == NULL)
		rep->title = S_dup(c, "QuickScan Veerkracht");
	if (rep->date_source == NULL || rep->title == NULL)
		return -1;
	if (rep->date != NULL) {
		int y, m, d;
		char tail;

		if (sscanf(rep->date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
		    strlen(rep->date) != 10 || m < 1 || m > 12 || d < 1 || d > 31)
			return vk_yaml_fail(c->e, c->path, vk_ymap_get(r, "date"),
			              "expected a date like 2025-01-31 for \"date\", "
			              "found \"%s\"", rep->date);
	}
	return 0;
}

static int
S_source(S_ctx *c, vk_config *cfg, vk_source *s, const vk_ynode *key,
         const vk_ynode *m)
{
	static const char *const csv_keys[] = {
		"file", "format", "layout", "key", "name", "year", "year_column",
		"variable", "value", "delimiter", "decimal", "missing", NULL };
	static const char *const ogr_keys[] = {
		"file", "format", "layer", "level", "code_field", "code_prefix",
		"name_field", NULL };
	static const char *const formats[] = { "csv", "ogr", NULL };
	static const char *const layouts[] = { "wide", "long", NULL };
	static const char *const levels[] = { "buurt", "wijk", "gemeente",
	                                      NULL };
	char where[160];
	const vk_ynode *f, *v;
	int fmt, lay, lvl;
	struct stat st;
	size_t plen;

	s->id = S_dup(c, key->str);
	if (s->id == NULL)
		return -1;
	s->pos.line = key->line, s->pos.col = key->col;
	snprintf(where, sizeof(where), "source \"%s\"", s->id);
	if (m->kind != VK_Y_MAP)
		return vk_yaml_fail(c->e, c->path, m, "expected a mapping for source \"%s\"", s->id);
	if (S_enum(c, m, "format", formats, 0, &fmt) != 0)
		return -1;
	s->format = fmt;
	if (S_keys(c, m, where, fmt == VK_SRC_CSV ? csv_keys : ogr_keys) != 0 ||
	    S_str(c, m, "file", 1, where, &s->file) != 0)
		return -1;
	f = vk_ymap_get(m, "file");
	s->file_pos.line = f->line, s->file_pos.col = f->col;
	if (s->file[0] == '/' || strstr(s->file, "..") != NULL)
		return vk_yaml_fail(c->e, c->path, f, "expected a file name relative to the config's "
		              "folder, found \"%s\"", s->file);
	plen = strlen(cfg->dir) + strlen(s->file) + 2;
	s->path = malloc(plen);
	if (s->path == NULL)
		return vk_err_io(c->e, c->path, "out of memory");
	snprintf(s->path, plen, "%s/%s", cfg->dir, s->file);
	if (stat(s->path, &st) != 0 || !S_ISREG(st.st_mode))
		return vk_err_set(c->e, c->path, f->line, f->col,
		                  "source \"%s\": cannot open %s: %s", s->id,
		                  s->path, errno != 0 && !S_ISDIR(st.st_mode) ?
		                  strerror(errno) : "not a regular file");

	if (fmt == VK_SRC_OGR) {
		if (S_str(c, m, "layer", 0, where, &s->layer) != 0 ||
		    S_enum(c, m, "level", levels, 0, &lvl) != 0 ||
		    S_str(c, m, "code_field", 1, where, &s->code_field) != 0 ||
		    S_str(c, m, "name_field", 0, where, &s->name_field) != 0)
			return -1;
		if (vk_ymap_get(m, "level") == NULL)
			return vk_yaml_fail(c->e, c->path, m, "%s needs the key \"level\" (buurt, wijk "
			              "or gemeente)", where);
		s->level = S_dup(c, levels[lvl]);
		v = vk_ymap_get(m, "code_prefix");
		s->code_prefix = S_dup(c, v != NULL && v->kind == VK_Y_SCALAR ?
		                       v->str : "");
		if (v != NULL && v->kind != VK_Y_SCALAR)
			return vk_yaml_fail(c->e, c->path, v, "expected a text for \"code_prefix\"");
		return s->level == NULL || s->code_prefix == NULL ? -1 : 0;
	}

	if (S_enum(c, m, "layout", layouts, 0, &lay) != 0 ||
	    S_str(c, m, "key", 1, where, &s->key) != 0 ||
	    S_str(c, m, "name", 0, where, &s->name) != 0 ||
	    S_year(c, m, "year", &s->year) != 0 ||
	    S_str(c, m, "year_column", 0, where, &s->year_column) != 0)
		return -1;
	s->layout = lay;
	if (lay == VK_LAYOUT_LONG &&
	    (S_str(c, m, "variable", 1, where, &s->variable) != 0 ||
	     S_str(c, m, "value", 1, where, &s->value) != 0))
		return -1;
	if (lay == VK_LAYOUT_WIDE && (vk_ymap_get(m, "variable") != NULL ||
	                              vk_ymap_get(m, "value") != NULL))
		return vk_yaml_fail(c->e, c->path, m, "%s: \"variable\" and \"value\" belong to "
		              "layout: long", where);
	if ((s->year != 0) == (s->year_column != NULL))
		return vk_yaml_fail(c->e, c->path, m, "%s needs exactly one of \"year\" (the file "
		              "holds one year) and \"year_column\"", where);
	s->decimal = '.';
	for (int which = 0; which < 2; which++) {
		const char *k = which == 0 ? "delimiter" : "decimal";

		v = vk_ymap_get(m, k);
		if (v == NULL)
			continue;
		if (v->kind != VK_Y_SCALAR || strlen(v->str) != 1 ||
		    strchr(which == 0 ? ",;" : ".,", v->str[0]) == NULL)
			return vk_yaml_fail(c->e, c->path, v, "expected %s for \"%s\"",
			              which == 0 ? "\",\" or \";\"" :
			              "\".\" or \",\"", k);
		if (which == 0)
			s->delimiter = v->str[0];
		else
			s->decimal = v->str[0];
	}
	v = vk_ymap_get(m, "missing");
	if (v != NULL) {
		size_t n = v->kind == VK_Y_SEQ ? v->n : 1;

		if (v->kind == VK_Y_MAP)
			return vk_yaml_fail(c->e, c->path, v, "expected a list of markers for "
			              "\"missing\", found %s", "a mapping");
		s->missing = calloc(n, sizeof(char *));
		if (s->missing == NULL)
			return vk_err_io(c->e, c->path, "out of memory");
		for (size_t i = 0; i < n; i++) {
			const vk_ynode *it = v->kind == VK_Y_SEQ ? v->items[i] : v;

			if (it->kind != VK_Y_SCALAR)
				return vk_yaml_fail(c->e, c->path, it, "expected a text marker in "
				              "\"missing\", found %s",
				              vk_ykind_name(it->kind));
			s->missing[i] = S_dup(c, it->str);
			if (s->missing[i] == NULL)
				return -1;
			s->nmissing++;
		}
	}
	return 0;
}

static int
S_sources(S_ctx *c, vk_config *cfg, const vk_ynode *root)
{
	const vk_ynode *m = S_need(c, root, "sources", VK_Y_MAP, "the config");

	if (m == NULL)
		return -1;
	if (m->n == 0)
		return vk_yaml_fail(c->e, c->path, m, "expected at least one source");
	cfg->sources = calloc(m->n, sizeof(*cfg->sources));
	if (cfg->sources == NULL)
		return vk_err_io(c->e, c->path, "out of memory");
	for (size_t i = 0; i < m->n; i++) {
		cfg->nsources++;
		if (S_source(c, cfg, &cfg->sources[i], m->items[2 * i],
		             m->items[2 * i + 1]) != 0)
			return -1;
	}
	return 0;
}

/* A component is an item of `components`, or the indicator mapping itself
 * in the short form (shorthand = 1: its keys were checked by the caller). */
static int
S_component(S_ctx *c, vk_config *cfg, const vk_ynode *m, vk_component *comp,
            const char *where, int shorthand)
{
	static const char *const keys[] = { "source", "column", "weight", NULL };
	const vk_ynode *v;
	char *id = NULL;
	size_t i;

	if (m->kind != VK_Y_MAP)
		return vk_yaml_fail(c->e, c->path, m, "expected a mapping with source and column in "
		              "%s, found %s", where, vk_ykind_name(m->kind));
	comp->pos.line = m->line, comp->pos.col = m->col;
	comp->weight = 1;
	if ((!shorthand && S_keys(c, m, where, keys) != 0) ||
	    S_str(c, m, "source", 1, where, &id) != 0 ||
	    S_str(c, m, "column", 1, where, &comp->column) != 0 ||
	    S_num(c, m, "weight", 0, 1e6, &comp->weight) != 0) {
		free(id);
		return -1;
	}
	v = vk_ymap_get(m, "source");
	for (i = 0; i < cfg->nsources; i++)
		if (strcmp(cfg->sources[i].id, id) == 0)
			break;
	free(id);
	if (i == cfg->nsources)
		return vk_yaml_fail(c->e, c->path, v, "unknown source \"%s\" in %s: it is not under "
		              "\"sources\"", v->str, where);
	if (cfg->sources[i].format != VK_SRC_CSV)
		return vk_yaml_fail(c->e, c->path, v, "source \"%s\" in %s is a boundary file; "
		              "expected a table (format: csv)", v->str, where);
	comp->source = i;
	v = vk_ymap_get(m, "column");
	comp->pos.line = v->line, comp->pos.col = v->col;
	return 0;
}

static int
S_indicator(S_ctx *c, vk_config *cfg, int slot, const vk_ynode *m)
{
	static const char *const keys[] = { "source", "column", "weight",
	                                    "components", "year", "base_year",
	                                    NULL };
	vk_indicator *ind = &cfg->ind[slot];
	const vk_ynode *comps = vk_ymap_get(m, "components");
	char where[64];

	snprintf(where, sizeof(where), "indicator %s", ind->key);
	ind->pos.line = m->line, ind->pos.col = m->col;
	if (m->kind != VK_Y_MAP)
		return vk_yaml_fail(c->e, c->path, m, "expected a mapping for %s, found %s", where,
		              vk_ykind_name(m->kind));
	if (S_keys(c, m, where, keys) != 0 ||
	    S_year(c, m, "year", &ind->year) != 0 ||
	    S_year(c, m, "base_year", &ind->base_year) != 0)
		return -1;
	if (comps != NULL && (vk_ymap_get(m, "source") != NULL ||
	                      vk_ymap_get(m, "column") != NULL))
		return vk_yaml_fail(c->e, c->path, m, "%s: give either source and column, or "
		              "components, not both", where);
	if (comps != NULL && (comps->kind != VK_Y_SEQ || comps->n == 0))
		return vk_yaml_fail(c->e, c->path, comps, "expected a non-empty list for "
		              "\"components\" in %s", where);
	ind->ncomp = comps != NULL ? comps->n : 1;
	ind->comp = calloc(ind->ncomp, sizeof(*ind->comp));
	if (ind->comp == NULL)
		return vk_err_io(c->e, c->path, "out of memory");
	for (size_t i = 0; i < ind->ncomp; i++)
		if (S_component(c, cfg, comps != NULL ? comps->items[i] : m,
		                &ind->comp[i], where, comps == NULL) != 0)
			return -1;
	if (S_ind_change[slot] && ind->base_year == 0)
		return vk_yaml_fail(c->e, c->path, m, "%s needs \"base_year\": its change is "
		              "classified", where);
	if (ind->base_year != 0 && ind->year != 0 && ind->base_year >= ind->year)
		return vk_yaml_fail(c->e, c->path, vk_ymap_get(m, "base_year"),
		              "\"base_year\" must come before \"year\" in %s",
		              where);
	for (size_t i = 0; i < ind->ncomp; i++) {
		const vk_source *src = &cfg->sources[ind->comp[i].source];

		if (ind->year == 0 && src->year == 0)
			return vk_yaml_fail(c->e, c->path, m, "%s needs \"year\": source \"%s\" holds "
			              "several years", where, src->id);
		if (ind->base_year != 0 && src->year != 0)
			return vk_yaml_fail(c->e, c->path, m, "%s compares two years, but source \"%s\" "
			              "holds only one", where, src->id);
		if (ind->year != 0 && src->year != 0 && src->year != ind->year)
			return vk_err_set(c->e, c->path, m->line, m->col,
			                  "%s asks for %d, but source \"%s\" holds "
			                  "%d only", where, ind->year, src->id,
			                  src->year);
	}
	ind->present = 1;
	return 0;
}

static int
S_indicators(S_ctx *c, vk_config *cfg, const vk_ynode *root)
{
	const vk_ynode *m = S_need(c, root, "indicators", VK_Y_MAP,
	                           "the config");

	if (m == NULL || S_keys(c, m, "indicators", S_ind_keys) != 0)
		return -1;
	for (int i = 0; i < VK_IND_COUNT; i++) {
		const vk_ynode *v = vk_ymap_get(m, S_ind_keys[i]);

		cfg->ind[i].key = S_ind_keys[i];
		if (v == NULL) {
			if (S_ind_required[i])
				return vk_yaml_fail(c->e, c->path, m, "indicators needs \"%s\"",
				              S_ind_keys[i]);
			continue;
		}
		if (S_indicator(c, cfg, i, v) != 0)
			return -1;
	}
	return 0;
}

/* classification.lbm_klassen: exactly VK_LBM_NBOUNDS numbers, strictly
 * ascending, so that every value of L falls in exactly one of the nine
 * classes. Absent: k->has_lbm stays 0. */
static int
S_lbm_klassen(S_ctx *c, const vk_config *cfg, const vk_ynode *m,
              vk_classif *k)
{
	const vk_ynode *v = vk_ymap_get(m, "lbm_klassen");

	if (v == NULL)
		return 0;
	/* Bounds without L would class nothing and hide a config mistake. */
	if (!cfg->ind[VK_IND_L].present)
		return vk_yaml_fail(c->e, c->path, v, "\"lbm_klassen\" classes "
		                    "indicator L, but indicators has no \"L\"");
	if (v->kind != VK_Y_SEQ)
		return vk_yaml_fail(c->e, c->path, v, "expected a list of %d "
		                    "numbers for \"lbm_klassen\" (the lower bounds "
		                    "of Leefbaarometer classes 2 to 9), found %s%s%s",
		                    VK_LBM_NBOUNDS,
		                    v->kind == VK_Y_SCALAR ? "\"" : "",
		                    v->kind == VK_Y_SCALAR ? v->str :
		                    vk_ykind_name(v->kind),
		                    v->kind == VK_Y_SCALAR ? "\"" : "");
	if (v->n != VK_LBM_NBOUNDS)
		return vk_yaml_fail(c->e, c->path, v, "expected %d numbers for "
		                    "\"lbm_klassen\" (the lower bounds of "
		                    "Leefbaarometer classes 2 to 9), found %zu",
		                    VK_LBM_NBOUNDS, v->n);
	for (size_t i = 0; i < v->n; i++) {
		const vk_ynode *it = v->items[i];

		if (it->kind != VK_Y_SCALAR || !it->plain ||
		    vk_num_parse(it->str, '.', NULL, 0, &k->lbm_bounds[i]) != 0)
			return vk_yaml_fail(c->e, c->path, it, "expected a number "
			                    "as bound %zu of \"lbm_klassen\", found "
			                    "%s%s%s", i + 1,
			                    it->kind == VK_Y_SCALAR ? "\"" : "",
			                    it->kind == VK_Y_SCALAR ? it->str :
			                    vk_ykind_name(it->kind),
			                    it->kind == VK_Y_SCALAR ? "\"" : "");
		if (i > 0 && !(k->lbm_bounds[i] > k->lbm_bounds[i - 1]))
			return vk_yaml_fail(c->e, c->path, it, "expected strictly "
			                    "ascending bounds in \"lbm_klassen\", "
			                    "found %s after %s", it->str,
			                    v->items[i - 1]->str);
	}
	k->has_lbm = 1;
	return 0;
}

/* classification.growth: {source, column, threshold}. The column is
 * compared between K's base_year and year, so the source must be a table
 * that holds several years; whether the column is in the file is checked
 * by ingest, as for the indicators. Absent: k->has_growth stays 0. */
static int
S_growth(S_ctx *c, vk_config *cfg, const vk_ynode *m, vk_classif *k)
{
	static const char *const keys[] = { "source", "column", "threshold",
	                                    NULL };
	static const char *const where = "classification growth";
	const vk_ynode *g = vk_ymap_get(m, "growth"), *t;
	const vk_source *src;

	if (g == NULL)
		return 0;
	if (g->kind != VK_Y_MAP)
		return vk_yaml_fail(c->e, c->path, g, "expected a mapping with "
		                    "source, column and threshold for \"growth\", "
		                    "found %s", vk_ykind_name(g->kind));
	/* On failure vk_config_free frees what S_component parsed. */
	if (S_keys(c, g, where, keys) != 0 ||
	    S_component(c, cfg, g, &k->growth, where, 1) != 0)
		return -1;
	src = &cfg->sources[k->growth.source];
	if (src->year != 0)
		return vk_yaml_fail(c->e, c->path, vk_ymap_get(g, "source"),
		                    "%s compares %d with %d, but source \"%s\" "
		                    "holds only %d", where,
		                    cfg->ind[VK_IND_K].base_year,
		                    cfg->ind[VK_IND_K].year, src->id, src->year);
	if ((t = S_need(c, g, "threshold", VK_Y_SCALAR, where)) == NULL ||
	    /* any number here: the range has its own message below */
	    S_num(c, g, "threshold", -1e300, 1e300, &k->growth_threshold) != 0)
		return -1;
	/* 0 or less would flag every buurt that changed at all. */
	if (!(k->growth_threshold > 0) || k->growth_threshold > 1e4)
		return vk_yaml_fail(c->e, c->path, t, "expected a percentage "
		                    "above 0 and at most 10000 for \"threshold\" "
		                    "in %s, found %s", where, t->str);
	k->has_growth = 1;
	return 0;
}

static int
S_classification(S_ctx *c, vk_config *cfg, const vk_ynode *root)
{
	static const char *const keys[] = { "k_threshold", "o_tau_factor",
	                                    "z_threshold", "min_inhabitants",
	                                    "corporatiebuurt", "lbm_klassen",
	                                    "growth", NULL };
	const vk_ynode *m = vk_ymap_get(root, "classification");
	vk_classif *k = &cfg->classif;

	/* DOMAIN.md §5 defaults */
	k->k_threshold = 1.0;
	k->o_tau_factor = 0.5;
	k->z_threshold = 0.5;
	k->min_inhabitants = 100;
	k->corporatiebuurt = 66.7;
	if (m == NULL)
		return 0;
	if (m->kind != VK_Y_MAP)
		return vk_yaml_fail(c->e, c->path, m, "expected a mapping for \"classification\", "
		              "found %s", vk_ykind_name(m->kind));
	return S_keys(c, m, "classification", keys) != 0 ||
	       S_num(c, m, "k_threshold", 0, 100, &k->k_threshold) != 0 ||
	       S_num(c, m, "o_tau_factor", 0, 10, &k->o_tau_factor) != 0 ||
	       S_num(c, m, "z_threshold", 0, 10, &k->z_threshold) != 0 ||
	       S_num(c, m, "min_inhabitants", 0, 1e7,
	             &k->min_inhabitants) != 0 ||
	       S_num(c, m, "corporatiebuurt", 0, 100, &k->corporatiebuurt) != 0 ||
	       S_lbm_klassen(c, cfg, m, k) != 0 ||
	       S_growth(c, cfg, m, k) != 0
	       ? -1 : 0;
}

vk_config *
vk_config_load(const char *path, vk_err *e)
{
	static const char *const top[] = { "area", "report", "sources",
	                                   "indicators", "classification",
	                                   "wijken", "outlook", "template",
	                                   NULL };
	vk_config *cfg = calloc(1, sizeof(*cfg));
	S_ctx c = { path, e };
	vk_ynode *root = NULL;
	char *buf = NULL, *slash;
	size_t len;

	if (cfg == NULL) {
		vk_err_io(e, path, "out of memory");
		return NULL;
	}
	cfg->path = strdup(path);
	cfg->dir = strdup(path);
	if (cfg->path == NULL || cfg->dir == NULL) {
		vk_err_io(e, path, "out of memory");
		goto fail;
	}
	slash = strrchr(cfg->dir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		strcpy(cfg->dir, ".");
	buf = vk_read_file(path, VK_CONFIG_MAX_BYTES, &len, e);
	if (buf == NULL)
		goto fail;
	root = vk_yaml_parse(path, buf, len, e);
	if (root == NULL)
		goto fail;
	if (root->kind != VK_Y_MAP) {
		vk_err_set(e, path, root->line, root->col,
		           "expected a mapping at the top of the config, found %s",
		           vk_ykind_name(root->kind));
		goto fail;
	}
	if (S_keys(&c, root, "the config", top) != 0 ||
	    S_area(&c, cfg, root) != 0 || S_report(&c, cfg, root) != 0 ||
	    S_sources(&c, cfg, root) != 0 || S_indicators(&c, cfg, root) != 0 ||
	    S_classification(&c, cfg, root) != 0)
		goto fail;
	cfg->root = root;
	free(buf);
	return cfg;
fail:
	vk_ynode_free(root);
	free(buf);
	vk_config_free(cfg);
	return NULL;
}

void
vk_config_free(vk_config *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nsources; i++) {
		vk_source *s = &c->sources[i];

		free(s->id), free(s->file), free(s->path), free(s->key);
		free(s->name), free(s->year_column), free(s->variable);
		free(s->value), free(s->layer), free(s->level);
		free(s->code_field), free(s->code_prefix), free(s->name_field);
		for (size_t j = 0; j < s->nmissing; j++)
			free(s->missing[j]);
		free(s->missing);
	}
	free(c->sources);
	for (int i = 0; i < VK_IND_COUNT; i++) {
		for (size_t j = 0; j < c->ind[i].ncomp; j++)
			free(c->ind[i].comp[j].column);
		free(c->ind[i].comp);
	}
	free(c->classif.growth.column);
	free(c->report.client), free(c->report.title);
	free(c->report.subtitle), free(c->report.date_source);
	free(c->report.date);
	free(c->area_code), free(c->area_name), free(c->gemeente_digits);
	for (size_t i = 0; i < c->nwijken; i++)
		free(c->wijken[i]);
	free(c->wijken);
	free(c->path), free(c->dir);
	vk_ynode_free(c->root);
	free(c);
}

int
vk_config_in_area(const vk_config *c, const char *code)
{
	size_t len = strlen(code);

	if ((len != 10 || strncmp(code, "BU", 2) != 0) &&
	    (len != 8 || strncmp(code, "WK", 2) != 0))
		return 0;
	if (strncmp(code + 2, c->gemeente_digits, 4) != 0)
		return 0;
	if (c->nwijken == 0)
		return 1;
	for (size_t i = 0; i < c->nwijken; i++)
		if (strncmp(c->wijken[i] + 2, code + 2, 6) == 0)
			return 1;
	return 0;
}

const vk_ynode *
vk_config_section(const vk_config *c, const char *name)
{
	return vk_ymap_get(c->root, name);
}

const vk_source *
vk_config_source(const vk_config *c, const char *id)
{
	for (size_t i = 0; i < c->nsources; i++)
		if (strcmp(c->sources[i].id, id) == 0)
			return &c->sources[i];
	return NULL;
}

int
vk_config_comp_year(const vk_config *c, const vk_indicator *ind,
                    const vk_component *comp, int base)
{
	if (base)
		return ind->base_year;
	return ind->year != 0 ? ind->year : c->sources[comp->source].year;
}

char *
vk_config_colname(const vk_config *c, const vk_component *comp, int year,
                  char *buf, size_t n)
{
	snprintf(buf, n, "%s.%s.%d", c->sources[comp->source].id, comp->column,
	         year);
	return buf;
}
