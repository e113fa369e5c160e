#include "ingest.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#define S_RD_NEW 28992

/* A growing string; oom sticks so appends need no checks one by one. */
typedef struct S_buf {
	char *s;
	size_t len, cap;
	int oom;
} S_buf;

/* What a source's features need, set up once per layer. */
typedef struct S_layer {
	const vk_config *cfg;
	const vk_source *src;
	OGRCoordinateTransformationH ct;
	int code_idx, name_idx;
	int code_int;        /* integer code field: zero-pad it */
	size_t vertices;     /* so far, against ING_MAX_VERTICES */
} S_layer;

static void
S_put(S_buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap != 0 ? b->cap : 4096;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->s, cap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->s = p, b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Metres with 2 decimals, written here rather than by GDAL so the text
 * does not depend on GDAL's WKT precision defaults; never "-0.00". */
static void
S_put_coord(S_buf *b, double x, double y)
{
	char t[64];
	int n;

	if (x > -0.005 && x < 0.005)
		x = 0;
	if (y > -0.005 && y < 0.005)
		y = 0;
	n = snprintf(t, sizeof(t), "%.2f %.2f", x, y);
	S_put(b, t, (size_t)n);
}

/* Appends "(x y,...)". Exterior rings run counter-clockwise and holes
 * clockwise (as RFC 7946 asks): Shapefiles store the opposite, so without
 * this the same boundaries would give different text per format. */
static size_t
S_put_ring(S_buf *b, OGRGeometryH ring, int exterior)
{
	int n = OGR_G_GetPointCount(ring);
	double area = 0;
	int reverse;

	for (int i = 0; i + 1 < n; i++)
		area += OGR_G_GetX(ring, i) * OGR_G_GetY(ring, i + 1) -
		        OGR_G_GetX(ring, i + 1) * OGR_G_GetY(ring, i);
	reverse = exterior ? area < 0 : area > 0;
	S_put(b, "(", 1);
	for (int i = 0; i < n; i++) {
		int k = reverse ? n - 1 - i : i;

		if (i > 0)
			S_put(b, ",", 1);
		S_put_coord(b, OGR_G_GetX(ring, k), OGR_G_GetY(ring, k));
	}
	S_put(b, ")", 1);
	return (size_t)n;
}

/* Appends "((exterior),(hole),...)"; empty rings are left out. */
static size_t
S_put_polygon(S_buf *b, OGRGeometryH poly)
{
	int nrings = OGR_G_GetGeometryCount(poly);
	size_t n = 0;

	if (nrings == 0 || OGR_G_GetPointCount(OGR_G_GetGeometryRef(poly, 0)) == 0)
		return 0;
	if (b->len > 0)
		S_put(b, ",", 1);
	S_put(b, "(", 1);
	for (int r = 0; r < nrings; r++) {
		OGRGeometryH ring = OGR_G_GetGeometryRef(poly, r);

		if (OGR_G_GetPointCount(ring) == 0)
			continue;
		if (r > 0)
			S_put(b, ",", 1);
		n += S_put_ring(b, ring, r == 0);
	}
	S_put(b, ")", 1);
	return n;
}

/* "feature 12 (KODE "0111")", to name a feature in messages. */
static void
S_feature_name(char *buf, size_t n, const S_layer *l, OGRFeatureH f)
{
	snprintf(buf, n, "feature %lld (%s \"%s\")", (long long)OGR_F_GetFID(f),
	         l->src->code_field, OGR_F_GetFieldAsString(f, l->code_idx));
}

static int
S_code(const S_layer *l, OGRFeatureH f, char *code, size_t n, vk_err *e)
{
	static const struct {
		const char *level, *form;
		int len;
	} lv[] = {
		{ "buurt", "BU + 8 digits", 10 }, { "wijk", "WK + 6 digits", 8 },
		{ "gemeente", "GM + 4 digits", 6 },
	};
	const char *prefix = l->src->code_prefix != NULL ?
	                     l->src->code_prefix : "";
	const char *level = l->src->level, *form = "";
	char what[300];
	const char *got;
	int digits = 0;

	for (size_t i = 0; i < sizeof(lv) / sizeof(lv[0]); i++)
		if (strcmp(level, lv[i].level) == 0)
			form = lv[i].form, digits = lv[i].len - (int)strlen(prefix);
	S_feature_name(what, sizeof(what), l, f);
	if (!OGR_F_IsFieldSetAndNotNull(f, l->code_idx))
		return vk_err_set(e, l->src->path, 0, 0, "%s has no code", what);
	/* A number field has lost the leading zeros of "0111". */
	if (l->code_int && digits > 0)
		snprintf(code, n, "%s%0*lld", prefix, digits,
		         (long long)OGR_F_GetFieldAsInteger64(f, l->code_idx));
	else
		snprintf(code, n, "%s%s", prefix,
		         OGR_F_GetFieldAsString(f, l->code_idx));
	got = ing_code_level(code);
	if (got == NULL || strcmp(got, level) != 0)
		return vk_err_set(e, l->src->path, 0, 0, "%s: code \"%s\" is not "
		                  "a %s code (%s)", what, code, level, form);
	return 0;
}

/* One feature: its code, name and geometry in RD New. */
static int
S_feature(ing_data *d, size_t si, S_layer *l, OGRFeatureH f, vk_err *e)
{
	OGRGeometryH g = OGR_F_GetGeometryRef(f), rd = NULL;
	OGRwkbGeometryType type;
	S_buf b = { 0 };
	char code[128], what[300];
	const char *name = "";
	size_t nv = 0;
	int rc = -1;

	if (S_code(l, f, code, sizeof(code), e) != 0)
		goto done;
	S_feature_name(what, sizeof(what), l, f);
	if (l->name_idx >= 0 && OGR_F_IsFieldSetAndNotNull(f, l->name_idx))
		name = OGR_F_GetFieldAsString(f, l->name_idx);
	/* No shape at all (TopoJSON quantisation collapses tiny areas): left
	 * out like an area the file lacks, which vk-index reports. */
	if (g == NULL || OGR_G_IsEmpty(g)) {
		d->nempty++;
		rc = 0;
		goto done;
	}
	type = OGR_GT_Flatten(OGR_G_GetGeometryType(g));
	if (type != wkbPolygon && type != wkbMultiPolygon) {
		vk_err_set(e, l->src->path, 0, 0, "%s: expected a Polygon or "
		           "MultiPolygon, found %s", what,
		           OGRGeometryTypeToName(type));
		goto done;
	}
	rd = OGR_G_Clone(g);
	if (rd == NULL || OGR_G_Transform(rd, l->ct) != OGRERR_NONE) {
		vk_err_set(e, l->src->path, 0, 0, "%s: cannot transform it to "
		           "EPSG:%d: %s", what, S_RD_NEW, CPLGetLastErrorMsg());
		goto done;
	}
	if (type == wkbPolygon)
		nv = S_put_polygon(&b, rd);
	for (int i = 0; type == wkbMultiPolygon && i < OGR_G_GetGeometryCount(rd);
	     i++)
		nv += S_put_polygon(&b, OGR_G_GetGeometryRef(rd, i));
	if (b.oom) {
		vk_err_io(e, NULL, "out of memory");
		goto done;
	}
	if (nv == 0) {
		d->nempty++;
		rc = 0;
		goto done;
	}
	if ((l->vertices += nv) > ING_MAX_VERTICES) {
		vk_err_set(e, l->src->path, 0, 0, "more than %zu vertices in the "
		           "layer (the cap)", ING_MAX_VERTICES);
		goto done;
	}
	rc = ing_add_geom(d, si, code, name, b.s, e);
	b.s = NULL;
done:
	free(b.s);
	if (rd != NULL)
		OGR_G_DestroyGeometry(rd);
	return rc;
}

/* Field index of name, or -1 with e naming the fields the layer has. */
static int
S_field(const S_layer *l, OGRLayerH lyr, const char *name, vk_err *e)
{
	OGRFeatureDefnH defn = OGR_L_GetLayerDefn(lyr);
	int idx = OGR_FD_GetFieldIndex(defn, name), n = OGR_FD_GetFieldCount(defn);
	char list[400] = "";
	size_t len = 0;

	if (idx >= 0)
		return idx;
	for (int i = 0; i < n && len < sizeof(list); i++) {
		OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);

		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		                        i > 0 ? ", " : "", OGR_Fld_GetNameRef(fd));
	}
	vk_err_set(e, l->src->path, 0, 0, "no field \"%s\" in layer \"%s\" "
	           "(%s:%ld:%ld asks for it); the layer has: %s", name,
	           OGR_L_GetName(lyr), l->cfg->path, l->src->pos.line,
	           l->src->pos.col, list);
	return -1;
}

/* The transformation from the layer's SRS to RD New. A layer without one
 * is taken as WGS 84 lon/lat, but only when its extent fits. */
static int
S_transform(S_layer *l, OGRLayerH lyr, vk_err *e)
{
	OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef(lyr);
	OGRSpatialReferenceH from = NULL, to = OSRNewSpatialReference(NULL);
	OGREnvelope env;
	int rc = -1;

	if (layer_srs != NULL) {
		/* A clone: the axis order below must not change the layer's. */
		from = OSRClone(layer_srs);
	} else if (OGR_L_GetExtent(lyr, &env, TRUE) == OGRERR_NONE &&
	           env.MinX >= -180 && env.MaxX <= 180 &&
	           env.MinY >= -90 && env.MaxY <= 90) {
		from = OSRNewSpatialReference(NULL);
		if (from != NULL && OSRImportFromEPSG(from, 4326) != OGRERR_NONE) {
			vk_err_set(e, NULL, 0, 0, "cannot set up EPSG:4326: %s",
			           CPLGetLastErrorMsg());
			goto done;
		}
	} else {
		vk_err_set(e, l->src->path, 0, 0, "layer \"%s\" has no coordinate "
		           "reference system and its coordinates are not "
		           "longitude/latitude", OGR_L_GetName(lyr));
		goto done;
	}
	if (from == NULL || to == NULL) {
		vk_err_io(e, NULL, "out of memory");
		goto done;
	}
	if (OSRImportFromEPSG(to, S_RD_NEW) != OGRERR_NONE) {
		vk_err_set(e, NULL, 0, 0, "cannot set up EPSG:%d (is PROJ's "
		           "database installed?): %s", S_RD_NEW, CPLGetLastErrorMsg());
		goto done;
	}
	/* x = easting/longitude everywhere, whatever the CRS definitions say. */
	OSRSetAxisMappingStrategy(from, OAMS_TRADITIONAL_GIS_ORDER);
	OSRSetAxisMappingStrategy(to, OAMS_TRADITIONAL_GIS_ORDER);
	l->ct = OCTNewCoordinateTransformation(from, to);
	if (l->ct == NULL) {
		vk_err_set(e, l->src->path, 0, 0, "cannot transform layer \"%s\" to "
		           "EPSG:%d: %s", OGR_L_GetName(lyr), S_RD_NEW,
		           CPLGetLastErrorMsg());
		goto done;
	}
	rc = 0;
done:
	if (from != NULL)
		OSRDestroySpatialReference(from);
	if (to != NULL)
		OSRDestroySpatialReference(to);
	return rc;
}

static OGRLayerH
S_layer_of(const vk_config *cfg, const vk_source *src, GDALDatasetH ds,
           vk_err *e)
{
	OGRLayerH lyr;
	char list[400] = "";
	size_t len = 0;

	if (src->layer == NULL && GDALDatasetGetLayerCount(ds) > 0)
		return GDALDatasetGetLayer(ds, 0);
	if (src->layer == NULL) {
		vk_err_set(e, src->path, 0, 0, "the file has no layers");
		return NULL;
	}
	if ((lyr = GDALDatasetGetLayerByName(ds, src->layer)) != NULL)
		return lyr;
	for (int i = 0; i < GDALDatasetGetLayerCount(ds) && len < sizeof(list);
	     i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		                        i > 0 ? ", " : "",
		                        OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
	vk_err_set(e, src->path, 0, 0, "no layer \"%s\" (%s:%ld:%ld asks for "
	           "it); the file has: %s", src->layer, cfg->path, src->pos.line,
	           src->pos.col, list);
	return NULL;
}

/* GDAL knows TopoJSON only by a "type": "Topology" near the start of the
 * file, and common tools write it last: for a .topojson name, name the
 * driver when guessing failed. */
static GDALDatasetH
S_open(const char *path)
{
	const unsigned flags = GDAL_OF_VECTOR | GDAL_OF_READONLY;
	GDALDatasetH ds = GDALOpenEx(path, flags, NULL, NULL, NULL);
	size_t n = strlen(path);
	char *forced;

	if (ds != NULL || n < 9 || strcasecmp(path + n - 9, ".topojson") != 0)
		return ds;
	if ((forced = malloc(n + sizeof("TopoJSON:"))) == NULL)
		return NULL;
	snprintf(forced, n + sizeof("TopoJSON:"), "TopoJSON:%s", path);
	ds = GDALOpenEx(forced, flags, NULL, NULL, NULL);
	free(forced);
	return ds;
}

int
ing_ogr(ing_data *d, const vk_config *cfg, size_t si, vk_err *e)
{
	const vk_source *src = &cfg->sources[si];
	S_layer l = { cfg, src, NULL, -1, -1, 0, 0 };
	GDALDatasetH ds = NULL;
	OGRLayerH lyr;
	OGRFeatureH f = NULL;
	size_t nfeat = 0;
	int rc = -1;

	/* GDAL would print its errors itself: keep them for vk_err instead. */
	CPLPushErrorHandler(CPLQuietErrorHandler);
	CPLErrorReset();
	GDALAllRegister();
	ds = S_open(src->path);
	if (ds == NULL) {
		vk_err_set(e, src->path, 0, 0, "cannot open as vector data: %s",
		           CPLGetLastErrorType() != CE_None ? CPLGetLastErrorMsg() :
		           "no GDAL driver recognises it");
		goto done;
	}
	if ((lyr = S_layer_of(cfg, src, ds, e)) == NULL ||
	    (l.code_idx = S_field(&l, lyr, src->code_field, e)) < 0 ||
	    (src->name_field != NULL &&
	     (l.name_idx = S_field(&l, lyr, src->name_field, e)) < 0) ||
	    S_transform(&l, lyr, e) != 0)
		goto done;
	switch (OGR_Fld_GetType(OGR_FD_GetFieldDefn(OGR_L_GetLayerDefn(lyr),
	                                             l.code_idx))) {
	case OFTInteger:
	case OFTInteger64:
		l.code_int = 1;
		break;
	default:
		break;
	}
	OGR_L_ResetReading(lyr);
	CPLErrorReset();
	while ((f = OGR_L_GetNextFeature(lyr)) != NULL) {
		if (++nfeat > ING_MAX_FEATURES) {
			vk_err_set(e, src->path, 0, 0, "more than %zu features in "
			           "layer \"%s\" (the cap)", ING_MAX_FEATURES,
			           OGR_L_GetName(lyr));
			goto done;
		}
		if (S_feature(d, si, &l, f, e) != 0)
			goto done;
		OGR_F_Destroy(f);
		f = NULL;
	}
	if (CPLGetLastErrorType() == CE_Failure) {
		vk_err_set(e, src->path, 0, 0, "cannot read layer \"%s\": %s",
		           OGR_L_GetName(lyr), CPLGetLastErrorMsg());
		goto done;
	}
	if (nfeat == 0) {
		vk_err_set(e, src->path, 0, 0, "layer \"%s\" has no features",
		           OGR_L_GetName(lyr));
		goto done;
	}
	rc = 0;
done:
	if (f != NULL)
		OGR_F_Destroy(f);
	if (l.ct != NULL)
		OCTDestroyCoordinateTransformation(l.ct);
	if (ds != NULL)
		GDALClose(ds);
	CPLPopErrorHandler();
	return rc;
}

void
ing_ogr_cleanup(void)
{
	GDALDestroyDriverManager();
	OSRCleanup();
}
