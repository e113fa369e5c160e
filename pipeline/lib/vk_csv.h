/* vk_csv: read a whole CSV file into memory (libcsv), strictly; write fields.
 *
 * Reading is strict because every later figure depends on it: a ragged row,
 * an unterminated quote, invalid UTF-8 or a file over the caps is an error
 * naming file:line:column. A UTF-8 BOM is skipped. The delimiter is ';' or
 * ',' and is detected from the header line unless given. */
#ifndef VK_CSV_H
#define VK_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "vk_err.h"

typedef struct vk_csv vk_csv;

typedef struct vk_csv_opts {
	char delim;        /* ';' or ','; 0 = detect from the header line */
	size_t max_bytes;  /* file size cap; 0 = VK_CSV_MAX_BYTES */
	size_t max_field;  /* field length cap; 0 = VK_CSV_MAX_FIELD */
	size_t max_rows;   /* data row cap; 0 = VK_CSV_MAX_ROWS */
} vk_csv_opts;

#define VK_CSV_MAX_BYTES ((size_t)256 << 20)
#define VK_CSV_MAX_FIELD ((size_t)64 << 10)
#define VK_CSV_MAX_ROWS  ((size_t)5000000)

/* Reads path (opts may be NULL). Returns a table the caller frees with
 * vk_csv_free, or NULL with e filled. The first row is the header; it must
 * have no empty or duplicate names. */
vk_csv *vk_csv_read(const char *path, const vk_csv_opts *opts, vk_err *e);
void vk_csv_free(vk_csv *t);

const char *vk_csv_path(const vk_csv *t);
size_t vk_csv_ncols(const vk_csv *t);
size_t vk_csv_nrows(const vk_csv *t);       /* data rows, header excluded */
const char *vk_csv_header(const vk_csv *t, size_t col);
long vk_csv_col(const vk_csv *t, const char *name); /* -1 if absent */
/* Field text, never NULL ("" for an empty field); owned by t. */
const char *vk_csv_get(const vk_csv *t, size_t row, size_t col);
long vk_csv_line(const vk_csv *t, size_t row); /* 1-based line of the row */
/* 1-based line and character column where a field starts, for messages
 * about one value (a quoted field before it may span lines). */
void vk_csv_pos(const vk_csv *t, size_t row, size_t col, long *line,
                long *colno);

/* Looks up a required column; on failure fills e with the header line and
 * the list of what the file has. */
int vk_csv_need(const vk_csv *t, const char *name, size_t *col, vk_err *e);

/* Whether every field of column col is a number or missing (empty, NA):
 * how the pipeline's own files tell numeric columns from text. */
int vk_csv_numeric(const vk_csv *t, size_t col);

/* Writes one field, quoting it when it holds the delimiter ',', a quote or a
 * line break. Writes nothing else. */
void vk_csv_put(FILE *fp, const char *field);

#endif
