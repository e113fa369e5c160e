/* The cairo back end of vk_draw (the PNG map exports): pixels where the
 * operations put them, even-odd holes, clip, opaque white background, the
 * size cap, and PNG files that read back the same.
 *
 * Also a helper for tests/t-png.sh, which has no image tools to rely on:
 *   test_png count FILE.png RRGGBB  prints how many pixels have exactly
 *                                   that colour (and "W H").
 * Without arguments (as tests/run calls it) it runs the checks. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

/* The back end is tool code (pipeline/render), not in libvk.a: compiled
 * in here whole. */
#include "../../pipeline/render/vk_draw.c"
#include "../../pipeline/render/vk_draw_cairo.c"
#include "tap.h"

/* Native-endian 0x00RRGGBB of pixel x, y; the stride, not width x 4. */
static uint32_t
S_px(cairo_surface_t *s, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(s);

	return *(const uint32_t *)(d + (size_t)y * (size_t)
	        cairo_image_surface_get_stride(s) + (size_t)x * 4) & 0xFFFFFFu;
}

static int
S_count(const char *file, const char *hex)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(file);
	uint32_t want = (uint32_t)strtoul(hex, NULL, 16);
	long n = 0;
	int w, h;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "test_png: %s: %s\n", file,
		        cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return 1;
	}
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			n += S_px(s, x, y) == want;
	printf("%ld %d %d\n", n, w, h);
	cairo_surface_destroy(s);
	return 0;
}

static int
S_same_file(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int ca, cb, same = fa != NULL && fb != NULL;

	while (same && (ca = getc(fa)) == (cb = getc(fb)) && ca != EOF)
		;
	same = same && ca == cb;
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

static void
S_square(vk_draw *d, double x, double y, double s)
{
	d->ops->moveto(d->ctx, x, y);
	d->ops->lineto(d->ctx, x + s, y);
	d->ops->lineto(d->ctx, x + s, y + s);
	d->ops->lineto(d->ctx, x, y + s);
	d->ops->close(d->ctx);
}

/* Draws the test picture: a 72 x 72 pt region at (100, 200) on the page,
 * at 72 dpi one pixel per point. A red square with a square hole, and a
 * blue square clipped to the left half of the region. */
static vk_draw_cairo *
S_picture(vk_err *e)
{
	vk_draw_cairo *c = vk_draw_cairo_new(100, 200, 72, 72, 72, NULL, NULL, e);
	vk_draw d;

	if (c == NULL)
		return NULL;
	vk_draw_cairo_get(c, &d);
	d.ops->fill_colour(d.ctx, (vk_rgb){ 0xD7 / 255.0, 0x30 / 255.0,
	                                    0x1F / 255.0 });
	S_square(&d, 110, 210, 40);
	S_square(&d, 120, 220, 20);
	d.ops->fill(d.ctx);
	d.ops->save(d.ctx);
	d.ops->moveto(d.ctx, 100, 200);
	d.ops->lineto(d.ctx, 136, 200);
	d.ops->lineto(d.ctx, 136, 272);
	d.ops->lineto(d.ctx, 100, 272);
	d.ops->close(d.ctx);
	d.ops->clip(d.ctx);
	d.ops->fill_colour(d.ctx, (vk_rgb){ 0, 0, 1 });
	S_square(&d, 100, 255, 72);
	d.ops->fill(d.ctx);
	d.ops->restore(d.ctx);
	return c;
}

int
main(int argc, char **argv)
{
	char dir[] = "/tmp/vk-test-png.XXXXXX", p1[64], p2[64];
	cairo_surface_t *s;
	vk_draw_cairo *c;
	vk_draw d;
	vk_err e;
	int w, h;

	if (argc == 4 && strcmp(argv[1], "count") == 0)
		return S_count(argv[2], argv[3]);
	if (argc != 1) {
		fprintf(stderr, "usage: test_png [count FILE.png RRGGBB]\n");
		return 2;
	}
	c = S_picture(&e);
	CHECK(c != NULL, "a 72 x 72 pt image at 72 dpi");
	if (c == NULL)
		return TAP_DONE();
	vk_draw_cairo_get(c, &d);
	vk_draw_cairo_size(c, &w, &h);
	CHECK(w == 72 && h == 72, "72 x 72 pixels (%d x %d)", w, h);
	CHECK(!d.ops->failed(d.ctx), "no error");
	s = c->surf;
	cairo_surface_flush(s);
	CHECK(S_px(s, 15, 15) == 0xD7301F, "the fill at its page position");
	CHECK(S_px(s, 30, 30) == 0xFFFFFF, "even-odd: the hole stays white");
	CHECK(S_px(s, 2, 2) == 0xFFFFFF, "white background");
	CHECK(S_px(s, 10, 65) == 0x0000FF, "clipped fill inside the clip");
	CHECK(S_px(s, 50, 65) == 0xFFFFFF, "nothing outside the clip");
	CHECK(d.ops->text_width(d.ctx, "regular", 10, "x") < 0 &&
	      strstr(vk_draw_cairo_error(c), "unknown font") != NULL,
	      "unknown font is an error (%s)", vk_draw_cairo_error(c));

	if (mkdtemp(dir) == NULL) {
		CHECK(0, "temporary directory");
		vk_draw_cairo_free(c);
		return TAP_DONE();
	}
	snprintf(p1, sizeof(p1), "%s/a.png", dir);
	snprintf(p2, sizeof(p2), "%s/b.png", dir);
	CHECK(vk_draw_cairo_write_png(c, p1, &e) < 0 &&
	      strcmp(e.file, p1) == 0, "a failed drawing is not written");
	vk_draw_cairo_free(c);

	c = S_picture(&e);
	CHECK(vk_draw_cairo_write_png(c, p1, &e) == 0, "PNG written");
	vk_draw_cairo_free(c);
	c = S_picture(&e);
	CHECK(vk_draw_cairo_write_png(c, p2, &e) == 0, "PNG written again");
	vk_draw_cairo_free(c);
	CHECK(S_same_file(p1, p2), "same drawing, byte-identical PNG");
	s = cairo_image_surface_create_from_png(p1);
	CHECK(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
	      cairo_image_surface_get_format(s) == CAIRO_FORMAT_RGB24,
	      "reads back as opaque RGB");
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS)
		CHECK(S_px(s, 15, 15) == 0xD7301F, "the fill survives the PNG");
	cairo_surface_destroy(s);
	remove(p1);
	remove(p2);
	snprintf(p1, sizeof(p1), "%s/no/such/dir/x.png", dir);
	c = S_picture(&e);
	CHECK(vk_draw_cairo_write_png(c, p1, &e) < 0 &&
	      strcmp(e.file, p1) == 0 && e.io,
	      "unwritable place: an I/O error naming the file");
	vk_draw_cairo_free(c);
	rmdir(dir);

	c = vk_draw_cairo_new(0, 0, 3000, 100, 300, NULL, NULL, &e);
	CHECK(c == NULL && strstr(e.msg, "too large") != NULL,
	      "12500 pixels wide is refused (%s)", e.msg);
	vk_draw_cairo_free(c);
	return TAP_DONE();
}
