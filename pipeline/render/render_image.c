#include "render_image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>

static const unsigned char S_png_magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
                                              0x1A, '\n' };
static const unsigned char S_jpeg_magic[3] = { 0xFF, 0xD8, 0xFF };

/* Which driver may open the file, from its first bytes; NULL: neither. */
static const char *
S_sniff(const char *path, const char *name, size_t *size, vk_err *e)
{
	unsigned char head[8];
	size_t n;
	long len;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL) {
		vk_err_set(e, name, 0, 0, "cannot open the image");
		return NULL;
	}
	n = fread(head, 1, sizeof(head), fp);
	if (fseek(fp, 0, SEEK_END) != 0 || (len = ftell(fp)) < 0) {
		fclose(fp);
		vk_err_set(e, name, 0, 0, "cannot read the image");
		return NULL;
	}
	fclose(fp);
	*size = (size_t)len;
	if (*size > RENDER_IMAGE_MAX_FILE) {
		vk_err_set(e, name, 0, 0, "image file is larger than %zu MB",
		           RENDER_IMAGE_MAX_FILE >> 20);
		return NULL;
	}
	if (n == sizeof(head) && memcmp(head, S_png_magic, 8) == 0)
		return "PNG";
	if (n >= 3 && memcmp(head, S_jpeg_magic, 3) == 0)
		return "JPEG";
	vk_err_set(e, name, 0, 0, "not a PNG or JPEG file (wrong magic bytes)");
	return NULL;
}

/* A GDAL error since CPLErrorReset. libjpeg only warns when it runs out of
 * data (and fills the rest grey): GDAL_ERROR_ON_LIBJPEG_WARNING, set while
 * decoding, makes that an error. Other warnings (a PNG's odd colour
 * profile) leave the pixels intact and are not held against the file. */
static int
S_gdal_failed(void)
{
	CPLErr t = CPLGetLastErrorType();

	return t == CE_Failure || t == CE_Fatal;
}

static int
S_gdal_err(vk_err *e, const char *name, const char *what)
{
	const char *m = CPLGetLastErrorMsg();

	return vk_err_set(e, name, 0, 0, "%s%s%s", what,
	                  m != NULL && m[0] != '\0' ? ": " : "",
	                  m != NULL ? m : "");
}

/* Reads one band as 8 bits: 16-bit PNGs are scaled down, not clipped. */
static int
S_read_band(GDALRasterBandH b, int w, int h, unsigned char *out,
            unsigned short *tmp)
{
	GDALDataType t = GDALGetRasterDataType(b);

	if (t == GDT_Byte)
		return GDALRasterIO(b, GF_Read, 0, 0, w, h, out, w, h, GDT_Byte,
		                    0, 0) == CE_None ? 0 : -1;
	if (GDALRasterIO(b, GF_Read, 0, 0, w, h, tmp, w, h, GDT_UInt16, 0,
	                 0) != CE_None)
		return -1;
	for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
		out[i] = (unsigned char)(tmp[i] / 257);
	return 0;
}

static int
S_decode(GDALDatasetH ds, const char *name, render_image *img, vk_err *e)
{
	int w = GDALGetRasterXSize(ds), h = GDALGetRasterYSize(ds);
	int nb = GDALGetRasterCount(ds), has_alpha = 0, oom = 0;
	size_t np;
	unsigned char *band[4] = { NULL, NULL, NULL, NULL };
	unsigned short *tmp = NULL;
	GDALColorTableH ct = NULL;
	int rc = -1;

	if (w <= 0 || h <= 0 || w > RENDER_IMAGE_MAX_SIDE ||
	    h > RENDER_IMAGE_MAX_SIDE)
		return vk_err_set(e, name, 0, 0, "image is %d x %d pixels; at "
		                  "most %d x %d allowed", w, h,
		                  RENDER_IMAGE_MAX_SIDE, RENDER_IMAGE_MAX_SIDE);
	if (nb < 1 || nb > 4)
		return vk_err_set(e, name, 0, 0, "image has %d bands; expected "
		                  "grey, grey+alpha, RGB or RGBA", nb);
	for (int i = 1; i <= nb; i++) {
		GDALDataType t = GDALGetRasterDataType(GDALGetRasterBand(ds, i));

		if (t != GDT_Byte && t != GDT_UInt16)
			return vk_err_set(e, name, 0, 0, "image has %s samples; "
			                  "expected 8 or 16 bits",
			                  GDALGetDataTypeName(t));
	}
	if (nb <= 2 && GDALGetRasterColorInterpretation(
	                   GDALGetRasterBand(ds, 1)) == GCI_PaletteIndex)
		ct = GDALGetRasterColorTable(GDALGetRasterBand(ds, 1));
	np = (size_t)w * (size_t)h;
	img->w = w;
	img->h = h;
	img->rgb = malloc(np * 3);
	for (int i = 0; i < nb; i++)
		band[i] = malloc(np);
	tmp = malloc(np * sizeof(*tmp));
	for (int i = 0; i < nb; i++)
		oom |= band[i] == NULL;
	if (oom || img->rgb == NULL || tmp == NULL) {
		rc = vk_err_io(e, name, "out of memory decoding the image");
		goto out;
	}
	CPLErrorReset();
	for (int i = 0; i < nb; i++) {
		if (S_read_band(GDALGetRasterBand(ds, i + 1), w, h, band[i],
		                tmp) < 0 || S_gdal_failed()) {
			rc = S_gdal_err(e, name, "corrupt or truncated image");
			goto out;
		}
	}
	for (size_t p = 0; p < np; p++) {
		unsigned char *o = &img->rgb[3 * p];

		if (ct != NULL) {
			const GDALColorEntry *c = GDALGetColorEntry(ct, band[0][p]);

			if (c == NULL) {
				rc = vk_err_set(e, name, 0, 0, "palette index %d out "
				                "of range", band[0][p]);
				goto out;
			}
			o[0] = (unsigned char)c->c1;
			o[1] = (unsigned char)c->c2;
			o[2] = (unsigned char)c->c3;
			/* Palette transparency (tRNS) becomes the alpha. */
			if (nb == 1)
				band[0][p] = (unsigned char)c->c4;
		} else if (nb <= 2) {
			o[0] = o[1] = o[2] = band[0][p];
		} else {
			o[0] = band[0][p];
			o[1] = band[1][p];
			o[2] = band[2][p];
		}
	}
	/* The alpha band, if any, kept only when something is see-through. */
	{
		unsigned char *a = nb == 2 ? band[1] : nb == 4 ? band[3] :
		                   ct != NULL ? band[0] : NULL;

		for (size_t p = 0; a != NULL && p < np && !has_alpha; p++)
			has_alpha = a[p] != 255;
		if (has_alpha) {
			img->alpha = a;
			for (int i = 0; i < nb; i++)
				if (band[i] == a)
					band[i] = NULL;
		}
	}
	rc = 0;
out:
	for (int i = 0; i < nb; i++)
		free(band[i]);
	free(tmp);
	if (rc < 0)
		render_image_free(img);
	return rc;
}

static void
S_options_reset(void)
{
	CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", NULL);
	CPLSetThreadLocalConfigOption("GDAL_ERROR_ON_LIBJPEG_WARNING", NULL);
}

int
render_image_load(const char *path, const char *name, render_image *img,
                  vk_err *e)
{
	/* An empty sibling list: GDAL then reads no .aux.xml or world file
	 * lying next to the image, so only the image's bytes matter. */
	char *siblings[] = { NULL };
	const char *drivers[2] = { NULL, NULL };
	GDALDatasetH ds;
	size_t size;
	int rc;

	memset(img, 0, sizeof(*img));
	if ((drivers[0] = S_sniff(path, name, &size, e)) == NULL)
		return -1;
	GDALAllRegister();
	CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
	CPLSetThreadLocalConfigOption("GDAL_ERROR_ON_LIBJPEG_WARNING", "TRUE");
	CPLErrorReset();
	ds = GDALOpenEx(path, GDAL_OF_RASTER | GDAL_OF_READONLY, drivers, NULL,
	                (const char *const *)siblings);
	if (ds == NULL) {
		rc = S_gdal_err(e, name, drivers[0][0] == 'P' ?
		                "not a valid PNG file" : "not a valid JPEG file");
		S_options_reset();
		return rc;
	}
	rc = S_decode(ds, name, img, e);
	GDALClose(ds);
	S_options_reset();
	return rc;
}

void
render_image_free(render_image *img)
{
	free(img->rgb);
	free(img->alpha);
	img->rgb = NULL;
	img->alpha = NULL;
}
