#include "render_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <ogr_api.h>

const render_class render_classes[RENDER_NCLASSES] = {
	{ "VD", "Veerkracht onder druk", "#D7301F", 0 },
	{ "OT", "Overlast neemt toe", "#FC8D59", 0 },
	{ "VK", "Veerkrachtig", "#1A9850", 0 },
	{ "ST", "Stabiel", "#D9D9D9", 0 },
	{ "VB", "Verbeterend", "#91BFDB", 0 },
	{ "NA", "Onvoldoende gegevens", "#FFFFFF", 1 },
};

int
render_class_index(const char *code)
{
	for (int i = 0; i < RENDER_NCLASSES; i++)
		if (strcmp(render_classes[i].code, code) == 0)
			return i;
	return -1;
}

int
render_data_class(const render_data *d, size_t row, int rel)
{
	int i = render_class_index(vk_csv_get(d->buurten, row,
	                                      rel ? d->col_class_rel :
	                                            d->col_class));

	return i < 0 ? RENDER_NCLASSES - 1 : i;
}

int
render_data_in_area(const render_data *d, size_t row)
{
	return d->col_in_area == (size_t)-1 ||
	       strcmp(vk_csv_get(d->buurten, row, d->col_in_area), "0") != 0;
}

int
render_data_wijk_in_area(const render_data *d, size_t w)
{
	return d->wcol_in_area == (size_t)-1 ||
	       strcmp(vk_csv_get(d->wijken, w, d->wcol_in_area), "0") != 0;
}

static char *
S_path(const char *dir, const char *rel, vk_err *e)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *p = malloc(n);

	if (p == NULL)
		vk_err_io(e, NULL, "out of memory");
	else
		snprintf(p, n, "%s/%s", dir, rel);
	return p;
}

static vk_csv *
S_read(const char *dir, const char *rel, const char *const *need,
       vk_err *e)
{
	char *path = S_path(dir, rel, e);
	vk_csv *t;
	size_t col;

	if (path == NULL)
		return NULL;
	t = vk_csv_read(path, NULL, e);
	free(path);
	if (t == NULL)
		return NULL;
	for (size_t i = 0; need[i] != NULL; i++) {
		if (vk_csv_need(t, need[i], &col, e) < 0) {
			vk_csv_free(t);
			return NULL;
		}
	}
	return t;
}

static void
S_shape_free(render_shape *s)
{
	free(s->code);
	free(s->name);
	free(s->ring_end);
	free(s->xy);
}

/* Appends the rings of a polygon to s (arrays grown by the caller's
 * counts: see S_shape_from_wkt). */
static void
S_add_rings(render_shape *s, OGRGeometryH poly, size_t *np)
{
	int nr = OGR_G_GetGeometryCount(poly);

	for (int r = 0; r < nr; r++) {
		OGRGeometryH ring = OGR_G_GetGeometryRef(poly, r);
		int n = OGR_G_GetPointCount(ring);

		for (int i = 0; i < n; i++) {
			double x = OGR_G_GetX(ring, i), y = OGR_G_GetY(ring, i);

			s->xy[2 * *np] = x;
			s->xy[2 * *np + 1] = y;
			(*np)++;
			if (x < s->minx) s->minx = x;
			if (x > s->maxx) s->maxx = x;
			if (y < s->miny) s->miny = y;
			if (y > s->maxy) s->maxy = y;
		}
		s->ring_end[s->nrings++] = *np;
	}
}

/* Counts rings and points of a polygon. */
static void
S_count(OGRGeometryH poly, size_t *nr, size_t *np)
{
	int n = OGR_G_GetGeometryCount(poly);

	*nr += (size_t)n;
	for (int r = 0; r < n; r++)
		*np += (size_t)OGR_G_GetPointCount(OGR_G_GetGeometryRef(poly, r));
}

static int
S_shape_from_wkt(render_shape *s, const char *wkt, const char *file,
                 long line, vk_err *e)
{
	OGRGeometryH g = NULL;
	char *p = (char *)wkt;  /* GDAL only advances the pointer */
	OGRwkbGeometryType t;
	size_t nr = 0, np = 0;
	int ng;

	if (OGR_G_CreateFromWkt(&p, NULL, &g) != OGRERR_NONE || g == NULL)
		return vk_err_set(e, file, line, 0,
		                  "cannot parse the WKT geometry of %s", s->code);
	t = wkbFlatten(OGR_G_GetGeometryType(g));
	if (t == wkbPolygon) {
		S_count(g, &nr, &np);
	} else if (t == wkbMultiPolygon) {
		ng = OGR_G_GetGeometryCount(g);
		for (int i = 0; i < ng; i++)
			S_count(OGR_G_GetGeometryRef(g, i), &nr, &np);
	} else {
		OGR_G_DestroyGeometry(g);
		return vk_err_set(e, file, line, 0,
		                  "geometry of %s is not a (multi)polygon",
		                  s->code);
	}
	if (np == 0) {
		OGR_G_DestroyGeometry(g);
		return vk_err_set(e, file, line, 0, "geometry of %s is empty",
		                  s->code);
	}
	s->ring_end = malloc(nr * sizeof(*s->ring_end));
	s->xy = malloc(2 * np * sizeof(*s->xy));
	if (s->ring_end == NULL || s->xy == NULL) {
		OGR_G_DestroyGeometry(g);
		return vk_err_io(e, NULL, "out of memory");
	}
	s->minx = s->miny = HUGE_VAL;
	s->maxx = s->maxy = -HUGE_VAL;
	np = 0;
	if (t == wkbPolygon) {
		S_add_rings(s, g, &np);
	} else {
		ng = OGR_G_GetGeometryCount(g);
		for (int i = 0; i < ng; i++)
			S_add_rings(s, OGR_G_GetGeometryRef(g, i), &np);
	}
	OGR_G_DestroyGeometry(g);
	if (!(isfinite(s->minx) && isfinite(s->maxx) && isfinite(s->miny) &&
	      isfinite(s->maxy)))
		return vk_err_set(e, file, line, 0,
		                  "geometry of %s has non-finite coordinates",
		                  s->code);
	return 0;
}

static int
S_load_geometry(render_data *d, const char *dir, vk_err *e)
{
	static const char *const need[] = { "level", "code", "name", "wkt",
	                                    NULL };
	vk_csv *t = S_read(dir, "ingest/geometry.csv", need, e);
	size_t cl, cc, cn, cw, nb = 0, nw = 0, rows;
	int rc = 0;

	if (t == NULL)
		return -1;
	vk_csv_need(t, "level", &cl, e);
	vk_csv_need(t, "code", &cc, e);
	vk_csv_need(t, "name", &cn, e);
	vk_csv_need(t, "wkt", &cw, e);
	rows = vk_csv_nrows(t);
	d->bshapes = calloc(rows ? rows : 1, sizeof(*d->bshapes));
	d->wshapes = calloc(rows ? rows : 1, sizeof(*d->wshapes));
	if (d->bshapes == NULL || d->wshapes == NULL) {
		vk_csv_free(t);
		return vk_err_io(e, NULL, "out of memory");
	}
	for (size_t r = 0; r < rows && rc == 0; r++) {
		const char *level = vk_csv_get(t, r, cl);
		render_shape *s;

		/* Other levels (gemeente) are not drawn. */
		if (strcmp(level, "buurt") == 0)
			s = &d->bshapes[nb++];
		else if (strcmp(level, "wijk") == 0)
			s = &d->wshapes[nw++];
		else
			continue;
		s->code = strdup(vk_csv_get(t, r, cc));
		s->name = strdup(vk_csv_get(t, r, cn));
		if (s->code == NULL || s->name == NULL)
			rc = vk_err_io(e, NULL, "out of memory");
		else
			rc = S_shape_from_wkt(s, vk_csv_get(t, r, cw),
			                      vk_csv_path(t), vk_csv_line(t, r), e);
	}
	d->nbshapes = nb;
	d->nwshapes = nw;
	if (rc == 0 && nb == 0)
		rc = vk_err_set(e, vk_csv_path(t), 0, 0,
		                "no buurt boundaries (level \"buurt\")");
	vk_csv_free(t);
	return rc;
}

render_data *
render_data_load(const char *dir, vk_err *e)
{
	static const char *const nb[] = { "code", "name", "wijk", "class",
	                                  "class_rel", NULL };
	static const char *const ns[] = { "mode", "class", "label", "buurten",
	                                  "inhabitants", NULL };
	static const char *const np[] = { "name", "value", "description",
	                                  NULL };
	static const char *const nw[] = { "code", "name", NULL };
	render_data *d = calloc(1, sizeof(*d));

	if (d == NULL) {
		vk_err_io(e, NULL, "out of memory");
		return NULL;
	}
	if ((d->buurten = S_read(dir, "classify/buurten.csv", nb, e)) == NULL ||
	    (d->summary = S_read(dir, "classify/summary.csv", ns, e)) == NULL ||
	    (d->params = S_read(dir, "classify/parameters.csv", np, e)) == NULL ||
	    (d->wijken = S_read(dir, "index/wijken.csv", nw, e)) == NULL)
		goto fail;
	vk_csv_need(d->buurten, "code", &d->col_code, e);
	vk_csv_need(d->buurten, "name", &d->col_name, e);
	vk_csv_need(d->buurten, "wijk", &d->col_wijk, e);
	vk_csv_need(d->buurten, "class", &d->col_class, e);
	vk_csv_need(d->buurten, "class_rel", &d->col_class_rel, e);
	if (vk_csv_need(d->buurten, "in_area", &d->col_in_area, NULL) < 0)
		d->col_in_area = (size_t)-1;
	if (vk_csv_need(d->wijken, "in_area", &d->wcol_in_area, NULL) < 0)
		d->wcol_in_area = (size_t)-1;
	if ((d->buurt_row = vk_strmap_new()) == NULL) {
		vk_err_io(e, NULL, "out of memory");
		goto fail;
	}
	for (size_t r = 0; r < vk_csv_nrows(d->buurten); r++) {
		const char *code = vk_csv_get(d->buurten, r, d->col_code);
		size_t prev;

		if (vk_strmap_get(d->buurt_row, code, &prev)) {
			vk_err_set(e, vk_csv_path(d->buurten),
			           vk_csv_line(d->buurten, r), 0,
			           "buurt %s appears twice (also on line %ld)",
			           code, vk_csv_line(d->buurten, prev));
			goto fail;
		}
		if (vk_strmap_put(d->buurt_row, code, r) < 0) {
			vk_err_io(e, NULL, "out of memory");
			goto fail;
		}
	}
	if (S_load_geometry(d, dir, e) < 0)
		goto fail;
	return d;
fail:
	render_data_free(d);
	return NULL;
}

void
render_data_free(render_data *d)
{
	if (d == NULL)
		return;
	if (d->buurten != NULL)
		vk_csv_free(d->buurten);
	if (d->summary != NULL)
		vk_csv_free(d->summary);
	if (d->params != NULL)
		vk_csv_free(d->params);
	if (d->wijken != NULL)
		vk_csv_free(d->wijken);
	if (d->buurt_row != NULL)
		vk_strmap_free(d->buurt_row);
	for (size_t i = 0; i < d->nbshapes; i++)
		S_shape_free(&d->bshapes[i]);
	for (size_t i = 0; i < d->nwshapes; i++)
		S_shape_free(&d->wshapes[i]);
	free(d->bshapes);
	free(d->wshapes);
	free(d);
}
