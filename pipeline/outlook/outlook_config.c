/* The `outlook:` section of the client config, parsed and checked here
 * (vk_config keeps it as a YAML tree). Every error names config:line:col of
 * the offending node, in the style of vk_config's messages. */
#include "outlook.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vk_num.h"

/* Defaults, documented in README.md ("Getalsmatige doorkijk").
 * Turnover: about 7% a year for corporation rent (DOMAIN.md §8: 169,000
 * of 2.4 million corporation homes vacated in 2021); private rent turns
 * over faster (shorter, often temporary tenancies), owner-occupied homes
 * slower (owners move about once in twenty years). */
static const double S_turnover[VK_NSEG] = { 0.07, 0.07, 0.12, 0.05 };
/* Relative level of the vulnerable share per segment, used to split a
 * wijk's overall K over the segments: low-income households are about
 * 3.5 times as common in social rent as among owners, corporation mid
 * rent and private rent lie in between. Only the ratios matter. */
static const double S_k_ratio[VK_NSEG] = { 3.5, 1.5, 2.0, 1.0 };

typedef struct {
	const char *path;
	vk_err *e;
} S_ctx;

static vk_pos
S_pos(const vk_ynode *n)
{
	vk_pos p = { n ? n->line : 0, n ? n->col : 0 };

	return p;
}

/* Refuses keys not in allowed (NULL-terminated), naming what is allowed. */
static int
S_keys(S_ctx *c, const vk_ynode *map, const char *where,
       const char *const *allowed)
{
	return vk_ymap_only(map, allowed, where, c->path, c->e);
}

static int
S_map(S_ctx *c, const vk_ynode *n, const char *what)
{
	if (n->kind == VK_Y_MAP)
		return 0;
	return vk_yaml_fail(c->e, c->path, n, "expected a mapping for %s, found %s", what,
	              vk_ykind_name(n->kind));
}

/* A number in [lo, hi] from a scalar node. */
static int
S_numv(S_ctx *c, const vk_ynode *v, const char *key, double lo, double hi,
       double *out)
{
	double d;

	if (v->kind != VK_Y_SCALAR || !v->plain ||
	    vk_num_parse(v->str, '.', NULL, 0, &d) != 0)
		return vk_yaml_fail(c->e, c->path, v, "expected a number for \"%s\", found %s%s%s",
		              key, v->kind == VK_Y_SCALAR ? "\"" : "",
		              v->kind == VK_Y_SCALAR ? v->str :
		              vk_ykind_name(v->kind),
		              v->kind == VK_Y_SCALAR ? "\"" : "");
	if (!(d >= lo && d <= hi))
		return vk_yaml_fail(c->e, c->path, v, "\"%s\" must be between %g and %g, found %g",
		              key, lo, hi, d);
	*out = d;
	return 0;
}

/* Optional number: *out keeps its default when the key is absent. */
static int
S_num(S_ctx *c, const vk_ynode *map, const char *key, double lo, double hi,
      double *out)
{
	const vk_ynode *v = vk_ymap_get(map, key);

	return v == NULL ? 0 : S_numv(c, v, key, lo, hi, out);
}

static int
S_intv(S_ctx *c, const vk_ynode *v, const char *key, int lo, int hi,
       int *out)
{
	double d;

	if (S_numv(c, v, key, -1e9, 1e9, &d) != 0)
		return -1;
	if (d != floor(d))
		return vk_yaml_fail(c->e, c->path, v, "expected a whole number for \"%s\", found %s",
		              key, v->str);
	if (d < lo || d > hi)
		return vk_yaml_fail(c->e, c->path, v, "\"%s\" must be between %d and %d, found %g",
		              key, lo, hi, d);
	*out = (int)d;
	return 0;
}

static int
S_int(S_ctx *c, const vk_ynode *map, const char *key, int lo, int hi,
      int *out)
{
	const vk_ynode *v = vk_ymap_get(map, key);

	return v == NULL ? 0 : S_intv(c, v, key, lo, hi, out);
}

/* Optional non-empty text; *out stays as it is when absent. */
static int
S_str(S_ctx *c, const vk_ynode *map, const char *key, const char **out)
{
	const vk_ynode *v = vk_ymap_get(map, key);

	if (v == NULL)
		return 0;
	if (v->kind != VK_Y_SCALAR || v->str[0] == '\0')
		return vk_yaml_fail(c->e, c->path, v, "expected a non-empty text for \"%s\"", key);
	*out = v->str;
	return 0;
}

static int
S_bool(S_ctx *c, const vk_ynode *map, const char *key, int *out)
{
	const vk_ynode *v = vk_ymap_get(map, key);

	if (v == NULL)
		return 0;
	if (v->kind == VK_Y_SCALAR && v->plain && strcmp(v->str, "true") == 0)
		*out = 1;
	else if (v->kind == VK_Y_SCALAR && v->plain &&
	         strcmp(v->str, "false") == 0)
		*out = 0;
	else
		return vk_yaml_fail(c->e, c->path, v, "expected true or false for \"%s\", found %s",
		              key, v->kind == VK_Y_SCALAR ? v->str :
		              vk_ykind_name(v->kind));
	return 0;
}

/* A segment code as a key or value, or an error listing the codes. */
static int
S_seg(S_ctx *c, const vk_ynode *n, const char *key, int *seg)
{
	if (n->kind == VK_Y_SCALAR && (*seg = vk_ol_seg_find(n->str)) >= 0)
		return 0;
	return vk_yaml_fail(c->e, c->path, n, "expected a segment (sociale_huur, middenhuur, "
	              "particuliere_huur or koop) for \"%s\", found %s", key,
	              n->kind == VK_Y_SCALAR ? n->str : vk_ykind_name(n->kind));
}

/* A mapping segment -> number in [lo, hi], into out[seg]. */
static int
S_segmap(S_ctx *c, const vk_ynode *map, const char *key, double lo,
         double hi, double out[VK_NSEG])
{
	const vk_ynode *v = vk_ymap_get(map, key);

	if (v == NULL)
		return 0;
	if (S_map(c, v, key) != 0)
		return -1;
	for (size_t i = 0; i < v->n; i++) {
		int s;

		if (S_seg(c, v->items[2 * i], key, &s) != 0 ||
		    S_numv(c, v->items[2 * i + 1], v->items[2 * i]->str, lo, hi,
		           &out[s]) != 0)
			return -1;
	}
	return 0;
}

/* A wijk code of this gemeente, "WK" + 4 + 2 digits. */
static int
S_wijk_code(S_ctx *c, const vk_config *cfg, const vk_ynode *n)
{
	const char *s = n->kind == VK_Y_SCALAR ? n->str : "";

	if (strlen(s) == 8 && strncmp(s, "WK", 2) == 0 &&
	    strncmp(s + 2, cfg->gemeente_digits, 4) == 0 &&
	    strspn(s + 6, "0123456789") == 2)
		return 0;
	return vk_yaml_fail(c->e, c->path, n, "expected a wijk code of %s like WK%s01, found "
	              "\"%s\"", cfg->area_code, cfg->gemeente_digits,
	              n->kind == VK_Y_SCALAR ? s : vk_ykind_name(n->kind));
}

static int
S_stock(S_ctx *c, const vk_config *cfg, ol_config *oc, const vk_ynode *m)
{
	static const char *const keys[] = { "source", "year", "homes",
	                                    "corporation", "owner", NULL };
	const vk_ynode *src;
	const vk_source *s;

	if (S_map(c, m, "\"stock\"") != 0 ||
	    S_keys(c, m, "outlook.stock", keys) != 0)
		return -1;
	oc->stock_pos = S_pos(m);
	src = vk_ymap_get(m, "source");
	if (src == NULL)
		return vk_yaml_fail(c->e, c->path, m, "outlook.stock needs the key \"source\"");
	if (S_str(c, m, "source", &oc->stock_source) != 0)
		return -1;
	s = vk_config_source(cfg, oc->stock_source);
	if (s == NULL)
		return vk_yaml_fail(c->e, c->path, src, "unknown source \"%s\" in outlook.stock",
		              oc->stock_source);
	if (s->format != VK_SRC_CSV)
		return vk_yaml_fail(c->e, c->path, src, "source \"%s\" for outlook.stock must be a "
		              "table (format: csv)", oc->stock_source);
	oc->stock_pos = S_pos(src);
	if (S_int(c, m, "year", 1900, 2100, &oc->stock_year) != 0)
		return -1;
	if (oc->stock_year == 0 && s->year == 0)
		return vk_yaml_fail(c->e, c->path, m, "outlook.stock needs \"year\": source \"%s\" "
		              "holds several years", s->id);
	if (oc->stock_year != 0 && s->year != 0 && oc->stock_year != s->year)
		return vk_yaml_fail(c->e, c->path, vk_ymap_get(m, "year"), "outlook.stock year %d "
		              "differs from the year %d of source \"%s\"",
		              oc->stock_year, s->year, s->id);
	if (oc->stock_year == 0)
		oc->stock_year = s->year;
	if (S_str(c, m, "homes", &oc->col_homes) != 0 ||
	    S_str(c, m, "corporation", &oc->col_corp) != 0 ||
	    S_str(c, m, "owner", &oc->col_owner) != 0)
		return -1;
	return 0;
}

static int
S_segments(S_ctx *c, ol_config *oc, const vk_ynode *m)
{
	static const char *const keys[] = { "turnover", "intake", "k_ratio",
	                                    NULL };

	if (S_map(c, m, "\"segments\"") != 0)
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		const vk_ynode *k = m->items[2 * i], *v = m->items[2 * i + 1];
		char where[64];
		int s;

		if (S_seg(c, k, "segments", &s) != 0 || S_map(c, v, k->str) != 0)
			return -1;
		snprintf(where, sizeof(where), "outlook.segments.%s", k->str);
		if (S_keys(c, v, where, keys) != 0 ||
		    S_num(c, v, "turnover", 0.001, 1, &oc->turnover[s]) != 0 ||
		    S_num(c, v, "intake", 0, 1, &oc->intake[s]) != 0 ||
		    S_num(c, v, "k_ratio", 0, 100, &oc->k_ratio[s]) != 0)
			return -1;
	}
	return 0;
}

static int
S_wijken(S_ctx *c, const vk_config *cfg, ol_config *oc, const vk_ynode *m)
{
	static const char *const keys[] = { "stock", "social_share", "K",
	                                    "K_base", "intake", "turnover",
	                                    NULL };

	if (S_map(c, m, "\"wijken\"") != 0)
		return -1;
	if (m->n > VK_OL_MAX_WIJKEN)
		return vk_yaml_fail(c->e, c->path, m, "at most %d wijken in outlook.wijken",
		              VK_OL_MAX_WIJKEN);
	oc->wijken = calloc(m->n ? m->n : 1, sizeof(*oc->wijken));
	if (oc->wijken == NULL)
		return vk_err_io(c->e, NULL, "out of memory");
	for (size_t i = 0; i < m->n; i++) {
		const vk_ynode *k = m->items[2 * i], *v = m->items[2 * i + 1];
		ol_wijk_cfg *w = &oc->wijken[oc->nwijken++];
		char where[64];

		w->code = k->str;
		w->pos = S_pos(k);
		w->social_share = w->K = w->K_base = NAN;
		for (int s = 0; s < VK_NSEG; s++)
			w->stock[s] = w->intake[s] = w->turnover[s] = NAN;
		if (S_wijk_code(c, cfg, k) != 0 || S_map(c, v, k->str) != 0)
			return -1;
		snprintf(where, sizeof(where), "outlook.wijken.%s", k->str);
		if (S_keys(c, v, where, keys) != 0 ||
		    S_segmap(c, v, "stock", 0, VK_OL_MAX_HOMES, w->stock) != 0 ||
		    S_segmap(c, v, "intake", 0, 1, w->intake) != 0 ||
		    S_segmap(c, v, "turnover", 0.001, 1, w->turnover) != 0 ||
		    S_num(c, v, "social_share", 0, 1, &w->social_share) != 0 ||
		    S_num(c, v, "K", 0, 100, &w->K) != 0 ||
		    S_num(c, v, "K_base", 0, 100, &w->K_base) != 0)
			return -1;
	}
	return 0;
}

/* `year: 2026` or `years: [2026, 2030]`, within the outlook's years. */
static int
S_years(S_ctx *c, const ol_config *oc, const vk_ynode *m, vk_ol_measure *x)
{
	const vk_ynode *y = vk_ymap_get(m, "year"), *ys = vk_ymap_get(m, "years");
	const vk_ynode *at = y;
	int lo = 1900, hi = 2100;

	if ((y == NULL) == (ys == NULL))
		return vk_yaml_fail(c->e, c->path, y ? y : m, "a measure needs either \"year\" or "
		              "\"years\" ([first, last])");
	if (y != NULL) {
		if (S_intv(c, y, "year", lo, hi, &x->first) != 0)
			return -1;
		x->last = x->first;
	} else {
		if (ys->kind != VK_Y_SEQ || ys->n != 2)
			return vk_yaml_fail(c->e, c->path, ys, "expected [first, last] for \"years\"");
		if (S_intv(c, ys->items[0], "years", lo, hi, &x->first) != 0 ||
		    S_intv(c, ys->items[1], "years", lo, hi, &x->last) != 0)
			return -1;
		if (x->last < x->first)
			return vk_yaml_fail(c->e, c->path, ys, "\"years\" must run forward, found "
			              "[%d, %d]", x->first, x->last);
		at = ys;
	}
	/* The base year may still come from the stock (checked again when
	 * known); the horizon is known. */
	if (oc->base_year != 0 &&
	    (x->first < oc->base_year ||
	     x->last > oc->base_year + oc->horizon - 1))
		return vk_yaml_fail(c->e, c->path, at, "measure years %d-%d lie outside the years "
		              "measures can act, %d-%d (base year up to the year "
		              "before the horizon)", x->first, x->last,
		              oc->base_year, oc->base_year + oc->horizon - 1);
	return 0;
}

static int
S_measure(S_ctx *c, const vk_config *cfg, const ol_config *oc,
          ol_scenario *sc, const vk_ynode *m)
{
	static const char *const keys[] = { "wijk", "measure", "segment",
	                                    "into", "homes", "year", "years",
	                                    NULL };
	vk_ol_measure *x = &sc->m[sc->nm];
	const vk_ynode *wk, *kind, *seg, *into, *homes;
	int k;

	if (S_map(c, m, "a measure") != 0 ||
	    S_keys(c, m, "a measure", keys) != 0)
		return -1;
	memset(x, 0, sizeof(*x));
	x->line = m->line, x->col = m->col;
	x->into = -1;
	wk = vk_ymap_get(m, "wijk");
	kind = vk_ymap_get(m, "measure");
	seg = vk_ymap_get(m, "segment");
	homes = vk_ymap_get(m, "homes");
	into = vk_ymap_get(m, "into");
	if (wk == NULL || kind == NULL || seg == NULL || homes == NULL)
		return vk_yaml_fail(c->e, c->path, m, "a measure needs \"wijk\", \"measure\", "
		              "\"segment\" and \"homes\"");
	if (S_wijk_code(c, cfg, wk) != 0)
		return -1;
	sc->mwijk[sc->nm] = wk->str;
	sc->mwijk_pos[sc->nm] = S_pos(wk);
	if (kind->kind != VK_Y_SCALAR || (k = vk_ol_kind_find(kind->str)) < 0)
		return vk_yaml_fail(c->e, c->path, kind, "expected demolition, new_build, sale, "
		              "liberalisation or conversion for \"measure\", found "
		              "%s", kind->kind == VK_Y_SCALAR ? kind->str :
		              vk_ykind_name(kind->kind));
	x->kind = (vk_ol_kind)k;
	if (S_seg(c, seg, "segment", &x->seg) != 0 ||
	    S_numv(c, homes, "homes", 0, VK_OL_MAX_HOMES, &x->homes) != 0)
		return -1;
	if (x->homes <= 0)
		return vk_yaml_fail(c->e, c->path, homes, "expected more than 0 homes, found %g",
		              x->homes);
	if (into != NULL && S_seg(c, into, "into", &x->into) != 0)
		return -1;
	switch (x->kind) {
	case VK_OL_DEMOLITION:
	case VK_OL_NEW_BUILD:
		if (into != NULL)
			return vk_yaml_fail(c->e, c->path, into, "\"into\" is only for sale, "
			              "liberalisation and conversion");
		break;
	case VK_OL_SALE:
		if (x->seg == VK_SEG_OWNER)
			return vk_yaml_fail(c->e, c->path, seg, "sale moves rented homes to koop; "
			              "found segment koop");
		if (x->into < 0)
			x->into = VK_SEG_OWNER;
		break;
	case VK_OL_LIBERALISATION:
		if (x->seg != VK_SEG_SOCIAL)
			return vk_yaml_fail(c->e, c->path, seg, "liberalisation moves homes out of "
			              "sociale_huur; found %s", seg->str);
		if (x->into < 0)
			x->into = VK_SEG_MID;
		if (x->into != VK_SEG_MID && x->into != VK_SEG_PRIVATE)
			return vk_yaml_fail(c->e, c->path, into, "a liberalised home goes into "
			              "middenhuur or particuliere_huur, found %s",
			              into->str);
		break;
	case VK_OL_CONVERSION:
		if (x->into < 0)
			return vk_yaml_fail(c->e, c->path, m, "a conversion needs \"into\" (the "
			              "segment the homes go to)");
		break;
	default:
		break;
	}
	if (x->into == x->seg)
		return vk_yaml_fail(c->e, c->path, into, "\"into\" must differ from \"segment\" (%s)",
		              seg->str);
	if (S_years(c, oc, m, x) != 0)
		return -1;
	sc->nm++;
	return 0;
}

static int
S_scenarios(S_ctx *c, const vk_config *cfg, ol_config *oc,
            const vk_ynode *m)
{
	static const char *const keys[] = { "description", "measures", NULL };

	if (S_map(c, m, "\"scenarios\"") != 0)
		return -1;
	if (m->n > OL_MAX_SCENARIOS)
		return vk_yaml_fail(c->e, c->path, m, "at most %d scenarios besides \"%s\", found "
		              "%zu", OL_MAX_SCENARIOS, OL_AUTONOOM, m->n);
	oc->sc = calloc(m->n ? m->n : 1, sizeof(*oc->sc));
	if (oc->sc == NULL)
		return vk_err_io(c->e, NULL, "out of memory");
	for (size_t i = 0; i < m->n; i++) {
		const vk_ynode *k = m->items[2 * i], *v = m->items[2 * i + 1];
		ol_scenario *sc = &oc->sc[oc->nsc++];
		const vk_ynode *list;
		size_t len = strlen(k->str);

		sc->name = k->str;
		sc->pos = S_pos(k);
		if (len == 0 || len > OL_MAX_NAME)
			return vk_yaml_fail(c->e, c->path, k, "a scenario name needs 1 to %d bytes",
			              OL_MAX_NAME);
		for (size_t j = 0; j < len; j++)
			if ((unsigned char)k->str[j] < 0x20 || k->str[j] == ',' ||
			    k->str[j] == '"')
				return vk_yaml_fail(c->e, c->path, k, "a scenario name cannot hold commas, "
				              "quotes or control characters");
		if (strcmp(k->str, OL_AUTONOOM) == 0)
			return vk_yaml_fail(c->e, c->path, k, "\"%s\" is the scenario without a plan and "
			              "is always computed; give the plan another name",
			              OL_AUTONOOM);
		if (S_map(c, v, k->str) != 0 ||
		    S_keys(c, v, "a scenario", keys) != 0 ||
		    S_str(c, v, "description", &sc->description) != 0)
			return -1;
		list = vk_ymap_get(v, "measures");
		if (list == NULL)
			continue;
		if (list->kind != VK_Y_SEQ)
			return vk_yaml_fail(c->e, c->path, list, "expected a list of measures, found %s",
			              vk_ykind_name(list->kind));
		if (list->n > VK_OL_MAX_MEASURES)
			return vk_yaml_fail(c->e, c->path, list, "at most %d measures in a scenario",
			              VK_OL_MAX_MEASURES);
		sc->m = calloc(list->n ? list->n : 1, sizeof(*sc->m));
		sc->mwijk = calloc(list->n ? list->n : 1, sizeof(*sc->mwijk));
		sc->mwijk_pos = calloc(list->n ? list->n : 1,
		                       sizeof(*sc->mwijk_pos));
		if (sc->m == NULL || sc->mwijk == NULL || sc->mwijk_pos == NULL)
			return vk_err_io(c->e, NULL, "out of memory");
		for (size_t j = 0; j < list->n; j++)
			if (S_measure(c, cfg, oc, sc, list->items[j]) != 0)
				return -1;
	}
	return 0;
}

int
ol_config_parse(const vk_config *cfg, ol_config *oc, vk_err *e)
{
	static const char *const keys[] = {
		"illustrative", "note", "base_year", "horizon", "mobility",
		"displacement", "social_share", "stock", "segments", "waterbed",
		"wijken", "scenarios", NULL
	};
	static const char *const wb_keys[] = { "k_pp", "intake_pp", NULL };
	const vk_ynode *m = vk_config_section(cfg, "outlook"), *v;
	S_ctx c = { cfg->path, e };

	memset(oc, 0, sizeof(*oc));
	oc->rho = 1;
	oc->displacement = 1;
	oc->social_share = 0.9;
	oc->wb_k_pp = 0.5;
	oc->wb_intake_pp = 0.5;
	for (int s = 0; s < VK_NSEG; s++) {
		oc->turnover[s] = S_turnover[s];
		oc->k_ratio[s] = S_k_ratio[s];
		oc->intake[s] = NAN; /* calibrate */
	}
	if (m == NULL)
		return 0;
	oc->present = 1;
	oc->pos = S_pos(m);
	if (S_map(&c, m, "\"outlook\"") != 0 ||
	    S_keys(&c, m, "outlook", keys) != 0)
		return -1;
	v = vk_ymap_get(m, "horizon");
	if (v == NULL)
		return vk_yaml_fail(c.e, c.path, m, "outlook needs the key \"horizon\" (years)");
	oc->horizon_pos = S_pos(v);
	if (S_intv(&c, v, "horizon", -1000000, 1000000, &oc->horizon) != 0)
		return -1;
	if (oc->horizon < 1 || oc->horizon > VK_OL_MAX_HORIZON)
		return vk_yaml_fail(c.e, c.path, v, "\"horizon\" must be 1 to %d years, found %d",
		              VK_OL_MAX_HORIZON, oc->horizon);
	if (S_bool(&c, m, "illustrative", &oc->illustrative) != 0 ||
	    S_str(&c, m, "note", &oc->note) != 0 ||
	    S_int(&c, m, "base_year", 1900, 2100, &oc->base_year) != 0 ||
	    S_num(&c, m, "mobility", 0, 5, &oc->rho) != 0 ||
	    S_num(&c, m, "displacement", 0, 1, &oc->displacement) != 0 ||
	    S_num(&c, m, "social_share", 0, 1, &oc->social_share) != 0)
		return -1;
	if ((v = vk_ymap_get(m, "stock")) != NULL &&
	    S_stock(&c, cfg, oc, v) != 0)
		return -1;
	if (oc->base_year == 0)
		oc->base_year = oc->stock_year;
	if (oc->base_year == 0)
		return vk_yaml_fail(c.e, c.path, m, "outlook needs \"base_year\" when it has no "
		              "\"stock\" source");
	if ((v = vk_ymap_get(m, "segments")) != NULL &&
	    S_segments(&c, oc, v) != 0)
		return -1;
	if ((v = vk_ymap_get(m, "waterbed")) != NULL &&
	    (S_map(&c, v, "\"waterbed\"") != 0 ||
	     S_keys(&c, v, "outlook.waterbed", wb_keys) != 0 ||
	     S_num(&c, v, "k_pp", 0, 100, &oc->wb_k_pp) != 0 ||
	     S_num(&c, v, "intake_pp", 0, 100, &oc->wb_intake_pp) != 0))
		return -1;
	if ((v = vk_ymap_get(m, "wijken")) != NULL &&
	    S_wijken(&c, cfg, oc, v) != 0)
		return -1;
	if ((v = vk_ymap_get(m, "scenarios")) != NULL &&
	    S_scenarios(&c, cfg, oc, v) != 0)
		return -1;
	return 0;
}

void
ol_config_free(ol_config *oc)
{
	for (size_t i = 0; i < oc->nsc; i++) {
		free(oc->sc[i].m);
		free(oc->sc[i].mwijk);
		free(oc->sc[i].mwijk_pos);
	}
	free(oc->sc);
	free(oc->wijken);
	memset(oc, 0, sizeof(*oc));
}
