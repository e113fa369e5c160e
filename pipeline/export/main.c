/* vk-export: the per-buurt classification as a GeoPackage layer a
 * consultant opens in QGIS, next to the PDF. Every column of
 * classify/buurten.csv becomes a field (numbers as Real, NA as NULL), the
 * geometry is the buurt polygon in RD New (EPSG:28992). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>

#include "vk_cli.h"
#include "vk_csv.h"
#include "vk_num.h"
#include "vk_strmap.h"

#define PROG "vk-export"

static const char S_usage[] =
	"usage: " PROG " -w WORKDIR -o OUT.gpkg\n"
	"\n"
	"Writes the classification of every buurt (WORKDIR/classify/buurten.csv)\n"
	"with its polygon (WORKDIR/ingest/geometry.csv, level buurt) as the layer\n"
	"\"buurten\" of a GeoPackage in RD New (EPSG:28992). The file is written\n"
	"under a temporary name and renamed when complete. With SOURCE_DATE_EPOCH\n"
	"set, the GeoPackage's timestamps come from it.\n"
	"\n"
	"  -w DIR     work directory of the earlier stages\n"
	"  -o FILE    the GeoPackage to write\n"
	"  --help     show this help\n"
	"  --version  show the version\n"
	"\n"
	"Exit status: 0 ok, 1 bad input, 2 usage, 3 cannot write output.\n";

static int
S_gdal_err(vk_err *e, const char *path, const char *what)
{
	return vk_err_io(e, path, "%s: %s", what, CPLGetLastErrorMsg()[0] ?
	                 CPLGetLastErrorMsg() : "GDAL error");
}

static int
S_export(const vk_csv *cls, const vk_csv *geo, const char *tmp, vk_err *e)
{
	GDALDriverH drv = GDALGetDriverByName("GPKG");
	GDALDatasetH ds = NULL;
	OGRSpatialReferenceH srs = NULL;
	OGRLayerH lyr;
	vk_strmap *shape = vk_strmap_new();
	size_t gcode, glevel, gwkt, ccode;
	unsigned char *num = NULL;
	int rc = -1;

	if (shape == NULL)
		return vk_err_io(e, NULL, "out of memory");
	if (vk_csv_need(geo, "code", &gcode, e) != 0 ||
	    vk_csv_need(geo, "level", &glevel, e) != 0 ||
	    vk_csv_need(geo, "wkt", &gwkt, e) != 0 ||
	    vk_csv_need(cls, "code", &ccode, e) != 0)
		goto done;
	for (size_t r = 0; r < vk_csv_nrows(geo); r++)
		if (strcmp(vk_csv_get(geo, r, glevel), "buurt") == 0 &&
		    vk_strmap_put(shape, vk_csv_get(geo, r, gcode), r) != 0) {
			vk_err_io(e, NULL, "out of memory");
			goto done;
		}
	if (drv == NULL) {
		vk_err_io(e, NULL, "GDAL has no GPKG driver");
		goto done;
	}
	ds = GDALCreate(drv, tmp, 0, 0, 0, GDT_Unknown, NULL);
	srs = OSRNewSpatialReference(NULL);
	if (ds == NULL || srs == NULL || OSRImportFromEPSG(srs, 28992) != 0) {
		S_gdal_err(e, tmp, "cannot create the GeoPackage");
		goto done;
	}
	lyr = GDALDatasetCreateLayer(ds, "buurten", srs, wkbMultiPolygon, NULL);
	num = calloc(vk_csv_ncols(cls) + 1, 1);
	if (lyr == NULL || num == NULL) {
		S_gdal_err(e, tmp, "cannot create the layer");
		goto done;
	}
	for (size_t c = 0; c < vk_csv_ncols(cls); c++) {
		OGRFieldDefnH f;

		num[c] = (unsigned char)vk_csv_numeric(cls, c);
		f = OGR_Fld_Create(vk_csv_header(cls, c), num[c] ? OFTReal :
		                   OFTString);
		if (OGR_L_CreateField(lyr, f, TRUE) != OGRERR_NONE) {
			OGR_Fld_Destroy(f);
			S_gdal_err(e, tmp, "cannot create a field");
			goto done;
		}
		OGR_Fld_Destroy(f);
	}
	if (OGR_L_StartTransaction(lyr) != OGRERR_NONE) {
		S_gdal_err(e, tmp, "cannot start a transaction");
		goto done;
	}
	for (size_t r = 0; r < vk_csv_nrows(cls); r++) {
		OGRFeatureH feat = OGR_F_Create(OGR_L_GetLayerDefn(lyr));
		OGRGeometryH g = NULL;
		size_t row;
		int bad = 0;

		for (size_t c = 0; c < vk_csv_ncols(cls); c++) {
			const char *s = vk_csv_get(cls, r, c);
			double v;

			if (num[c] && vk_num_parse(s, '.', NULL, 0, &v) == 0)
				OGR_F_SetFieldDouble(feat, (int)c, v);
			else if (num[c] || s[0] == '\0')
				OGR_F_SetFieldNull(feat, (int)c);
			else
				OGR_F_SetFieldString(feat, (int)c, s);
		}
		/* A buurt without a polygon stays in the layer, without geometry:
		 * its row still belongs to the classification. */
		if (vk_strmap_get(shape, vk_csv_get(cls, r, ccode), &row)) {
			char *wkt = (char *)vk_csv_get(geo, row, gwkt);

			if (OGR_G_CreateFromWkt(&wkt, srs, &g) != OGRERR_NONE) {
				vk_err_set(e, vk_csv_path(geo), vk_csv_line(geo, row),
				           (long)gwkt + 1, "expected a WKT polygon");
				bad = 1;
			} else {
				OGR_F_SetGeometryDirectly(feat, g);
			}
		}
		if (!bad && OGR_L_CreateFeature(lyr, feat) != OGRERR_NONE) {
			S_gdal_err(e, tmp, "cannot write a feature");
			bad = 1;
		}
		OGR_F_Destroy(feat);
		if (bad)
			goto done;
	}
	if (OGR_L_CommitTransaction(lyr) != OGRERR_NONE) {
		S_gdal_err(e, tmp, "cannot write the GeoPackage");
		goto done;
	}
	rc = 0;
done:
	/* Closing flushes: a full disk shows up here, as GDAL's last error
	 * (GDALClose returns nothing in GDAL 3.6). */
	if (ds != NULL) {
		CPLErrorReset();
		GDALClose(ds);
		if (CPLGetLastErrorType() >= CE_Failure && rc == 0)
			rc = S_gdal_err(e, tmp, "cannot write the GeoPackage");
	}
	if (srs != NULL)
		OSRDestroySpatialReference(srs);
	free(num);
	vk_strmap_free(shape);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = { VK_CLI_COMMON_LONGOPTS };
	const char *workdir = NULL, *outpath = NULL, *sde;
	int ch, rc = VK_EXIT_OK;
	vk_err e = { 0 };
	vk_csv *cls = NULL, *geo = NULL;
	char path[4096], tmp[4200];

	while ((ch = getopt_long(argc, argv, "w:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'w': workdir = optarg; break;
		case 'o': outpath = optarg; break;
		default: return vk_cli_other(ch, PROG, S_usage);
		}
	}
	if (workdir == NULL || outpath == NULL || optind != argc) {
		fputs(S_usage, stderr);
		return VK_EXIT_USAGE;
	}
	snprintf(path, sizeof(path), "%s/classify/buurten.csv", workdir);
	if ((cls = vk_csv_read(path, NULL, &e)) == NULL)
		goto fail;
	snprintf(path, sizeof(path), "%s/ingest/geometry.csv", workdir);
	if ((geo = vk_csv_read(path, NULL, &e)) == NULL)
		goto fail;

	GDALAllRegister();
	CPLSetErrorHandler(CPLQuietErrorHandler); /* errors come back in e */
	/* GeoPackages carry a last-change timestamp: take it from the data. */
	sde = getenv("SOURCE_DATE_EPOCH");
	if (sde != NULL && sde[0] != '\0') {
		char when[32];
		time_t t = (time_t)strtoll(sde, NULL, 10);
		struct tm tm;

		if (gmtime_r(&t, &tm) != NULL &&
		    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) > 0)
			CPLSetConfigOption("OGR_CURRENT_DATE", when);
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld.gpkg", outpath, (long)getpid());
	unlink(tmp);
	if (S_export(cls, geo, tmp, &e) != 0) {
		unlink(tmp);
		goto fail;
	}
	if (rename(tmp, outpath) != 0) {
		vk_err_io(&e, outpath, "cannot rename %s into place: %s", tmp,
		          strerror(errno));
		unlink(tmp);
		goto fail;
	}
	goto done;
fail:
	vk_err_print(&e, PROG, stderr);
	rc = vk_err_exit_code(&e);
done:
	vk_csv_free(cls);
	vk_csv_free(geo);
	return rc;
}
