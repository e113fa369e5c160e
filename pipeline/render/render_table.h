/* render_table: a table on a render_pdf page.
 *
 * A header row, then one row per record; columns have a fixed width or share
 * what is left. Text never overflows its cell: a wrapping column breaks long
 * text over up to max_lines lines, any other column (and the last allowed
 * line) is shortened with an ellipsis. Rows are separated by zebra bands or
 * thin rules. The table does not break across pages: the caller gets the
 * bottom y and decides. */
#ifndef RENDER_TABLE_H
#define RENDER_TABLE_H

#include <stddef.h>

#include "render_pdf.h"

typedef struct render_table_col {
	const char *title;
	double width;       /* points; 0 = an equal share of the rest */
	int align;          /* RENDER_ALIGN_* */
	int wrap;
} render_table_col;

typedef struct render_table_opts {
	double x, y, w;
	const render_table_col *cols;
	size_t ncols;
	const char *const *cells;    /* nrows x ncols, row by row; NULL = "" */
	const unsigned char *bold;   /* per row: use head's font, or NULL */
	size_t nrows;
	render_style head, body;     /* align is taken from the column */
	int zebra;                   /* bands instead of rules */
	vk_rgb zebra_colour, rule_colour, head_fill;
	int head_filled;
	double pad;                  /* horizontal and vertical cell padding */
	int max_lines;               /* for wrapping columns, >= 1 */
} render_table_opts;

/* Draws the table; *bottom gets the y just below it. */
int render_table(render_pdf *d, const render_table_opts *o, double *bottom,
                 vk_err *e);

#endif
