/* render_image: PNG and JPEG files decoded and validated into raw pixels
 * before libharu sees them.
 *
 * libharu 2.3.0 abort()s the whole process on a truncated PNG, and client
 * logos and photos are untrusted input, so libharu only ever gets raw RGB
 * (and an 8-bit alpha mask) from here. Decoding goes through GDAL's PNG and
 * JPEG drivers only (chosen by the file's magic bytes, never by GDAL's own
 * probing, which would also open VRTs, URLs and the like), without sidecar
 * files; sizes are capped before any pixel is read, every pixel is
 * decoded, and any decoder error (a truncated file, a corrupt stream;
 * libjpeg's "premature end" warning counts as one) fails the load with a
 * message naming the file. */
#ifndef RENDER_IMAGE_H
#define RENDER_IMAGE_H

#include <stddef.h>

#include "vk_err.h"

#define RENDER_IMAGE_MAX_SIDE 8000
#define RENDER_IMAGE_MAX_FILE ((size_t)64 << 20)

typedef struct render_image {
	int w, h;
	unsigned char *rgb;     /* w * h * 3 bytes, row by row from the top */
	unsigned char *alpha;   /* w * h bytes, or NULL when fully opaque */
} render_image;

/* Decodes path; name is what error messages call the file (e.g. the path
 * as the config or template gave it). */
int render_image_load(const char *path, const char *name, render_image *img,
                      vk_err *e);
void render_image_free(render_image *img);

#endif
