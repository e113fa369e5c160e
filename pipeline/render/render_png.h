/* render_png: the report's maps as PNG files next to the PDF (vk-render
 * --png-dir), for slides. A map the template marks with map{export = name}
 * is drawn a second time, by the same render_map code, through the cairo
 * back end into DIR/name.png: the map box only (fills, outlines, wijk
 * boundaries, labels), at RENDER_PNG_DPI, opaque RGB. Scale bar, north
 * arrow and legend are not part of it: the template draws those as separate
 * calls, possibly outside the box, after the map. */
#ifndef RENDER_PNG_H
#define RENDER_PNG_H

#include <stddef.h>

#include "render_map.h"
#include "render_pdf.h"
#include "vk_err.h"

#define RENDER_PNG_DPI 300.0
#define RENDER_PNG_MAX_NAME 64

/* Whether name is a valid export name: 1 to RENDER_PNG_MAX_NAME letters,
 * digits, '-' and '_' (so it is a safe file name everywhere). */
int render_png_name_ok(const char *name);

/* Draws the map into dir/name.png (atomically). Text widths come from the
 * PDF's fonts, so the labels placed are the ones the PDF shows; glyphs from
 * the same TrueType files. -1 with e naming the file on failure. */
int render_png_map(render_pdf *pdf, const char *dir, const char *name,
                   const render_map_area *a, size_t n,
                   const render_map_edge *edges, size_t nedges,
                   const render_map_opts *o, vk_err *e);

#endif
