#include "vk_csv.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vk_cli.h"
#include "vk_num.h"
#include "vk_out.h"
#include "vk_utf8.h"

struct vk_csv {
	char *path;
	char *raw;        /* the file without BOM, kept to place fields in errors */
	size_t rawlen;
	char delim;
	size_t ncols;
	size_t nrows;     /* data rows */
	char *text;       /* every field, NUL-terminated, one after another */
	size_t *off;      /* (nrows + 1) * ncols offsets into text; header first */
	struct S_row {
		long line;    /* first line of the row */
		size_t start; /* its byte offset in raw */
	} *row;           /* nrows + 1, header first */
};

/* libcsv's realloc hook has no context pointer, so the cap of the read in
 * progress lives here; thread-local keeps concurrent reads apart. */
static _Thread_local size_t S_field_cap;

/* Parser state shared with the libcsv callbacks. */
typedef struct S_parse {
	vk_csv *t;
	vk_err *e;
	size_t max_field, max_rows;
	size_t textlen, textcap, offlen, offcap, rowcap;
	size_t nfields;   /* fields in the row being read */
	long cur_line;    /* line being fed to the parser */
	long row_line;    /* first line of the open row; 0 = none open */
	size_t row_start; /* its byte offset */
	int failed;
} S_parse;

static void *
S_capped_realloc(void *p, size_t n)
{
	return n > S_field_cap ? NULL : realloc(p, n);
}

/* Only '\n' ends a row, so rows and lines are counted alike; a '\r' before
 * it is blank space that libcsv trims like a trailing space. */
static int
S_is_term(unsigned char c)
{
	return c == '\n';
}

static int
S_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* 1-based line and character column of byte off in s. */
static void
S_where(const char *s, size_t off, long *line, long *col)
{
	size_t ls = 0;
	long l = 1;

	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			l++, ls = i + 1;
	*line = l;
	*col = (long)vk_utf8_len(s + ls, off - ls) + 1;
}

static void
S_field(void *field, size_t len, void *data)
{
	S_parse *s = data;
	vk_csv *t = s->t;
	char *text;
	size_t *off;

	if (s->failed)
		return;
	s->nfields++;
	if (len > s->max_field) {
		s->failed = vk_err_set(s->e, t->path, s->cur_line, 0,
		                       "field longer than %zu bytes", s->max_field);
		return;
	}
	/* A row longer than the header fails in S_row; store nothing extra. */
	if (t->ncols != 0 && s->nfields > t->ncols)
		return;
	if ((text = vk_grow(t->text, &s->textcap, s->textlen + len + 1, 1)) !=
	    NULL)
		t->text = text;
	if ((off = vk_grow(t->off, &s->offcap, s->offlen + 1, sizeof(*off))) !=
	    NULL)
		t->off = off;
	if (text == NULL || off == NULL) {
		s->failed = vk_err_io(s->e, t->path, "out of memory");
		return;
	}
	if (len > 0)
		memcpy(t->text + s->textlen, field, len);
	t->text[s->textlen + len] = '\0';
	t->off[s->offlen++] = s->textlen;
	s->textlen += len + 1;
}

static void
S_row(int c, void *data)
{
	S_parse *s = data;
	vk_csv *t = s->t;
	size_t row = t->ncols == 0 ? 0 : t->nrows + 1;
	struct S_row *rows;

	(void)c;
	if (s->failed)
		return;
	if (t->ncols == 0) {
		t->ncols = s->nfields;
	} else if (s->nfields != t->ncols) {
		s->failed = vk_err_set(s->e, t->path, s->row_line, 0,
		                       "expected %zu fields (as in the header), "
		                       "found %zu", t->ncols, s->nfields);
		return;
	} else if (++t->nrows > s->max_rows) {
		s->failed = vk_err_set(s->e, t->path, s->row_line, 0,
		                       "more than %zu data rows", s->max_rows);
		return;
	}
	rows = vk_grow(t->row, &s->rowcap, row + 1, sizeof(*rows));
	if (rows == NULL) {
		s->failed = vk_err_io(s->e, t->path, "out of memory");
		return;
	}
	t->row = rows;
	t->row[row].line = s->row_line;
	t->row[row].start = s->row_start;
	s->nfields = 0;
	s->row_line = 0;
}

/* Counts ',' and ';' outside quotes on the header line; the more frequent
 * one is the delimiter. A header with neither is a one-column file, unless
 * it has tabs: then it is a tab-separated export, which we do not read. */
static int
S_detect(const char *s, size_t n, const char *path, char *delim, vk_err *e)
{
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0;

	for (size_t i = 0; i < n && (quoted || s[i] != '\n'); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			comma++;
		else if (!quoted && s[i] == ';')
			semi++;
		else if (!quoted && s[i] == '\t')
			tab++;
	}
	if (comma == 0 && semi == 0 && tab > 0)
		return vk_err_set(e, path, 1, 0, "the header is separated by tabs; "
		                  "expected ',' or ';' (save the file as CSV)");
	if (comma == semi && comma != 0)
		return vk_err_set(e, path, 1, 0,
		                  "cannot tell the delimiter: the header has %zu "
		                  "commas and %zu semicolons; set `delimiter` for "
		                  "this source", comma, semi);
	*delim = semi > comma ? ';' : ',';
	return 0;
}

/* The opening quote of a quoted field still open at the end of the file:
 * inside the row, every quote toggles (an escaped "" toggles twice). */
static size_t
S_open_quote(const char *s, size_t from, size_t n)
{
	size_t open = from;
	int quoted = 0;

	for (size_t i = from; i < n; i++)
		if (s[i] == '"' && (quoted = !quoted))
			open = i;
	return open;
}

static int
S_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
S_check_header(const vk_csv *t, vk_err *e)
{
	const char **name;
	int rc = 0;

	for (size_t c = 0; c < t->ncols; c++)
		if (*vk_csv_header(t, c) == '\0')
			return vk_err_set(e, t->path, t->row[0].line, 0,
			                  "column %zu of the header has no name",
			                  c + 1);
	/* Sorted, duplicates sit side by side: O(n log n) for wide files. */
	name = malloc(t->ncols * sizeof(*name));
	if (name == NULL)
		return vk_err_io(e, t->path, "out of memory");
	for (size_t c = 0; c < t->ncols; c++)
		name[c] = vk_csv_header(t, c);
	qsort(name, t->ncols, sizeof(*name), S_cmp_str);
	for (size_t i = 1; i < t->ncols && rc == 0; i++) {
		size_t a, b;

		if (strcmp(name[i - 1], name[i]) != 0)
			continue;
		a = (size_t)vk_csv_col(t, name[i]);
		for (b = a + 1; strcmp(vk_csv_header(t, b), name[i]) != 0; b++)
			;
		rc = vk_err_set(e, t->path, t->row[0].line, 0,
		                "duplicate column name \"%s\" (columns %zu and "
		                "%zu)", name[i], a + 1, b + 1);
	}
	free(name);
	return rc;
}

/* Feeds the text to libcsv one line at a time, so that the line of every
 * row is known although libcsv reports no positions. */
static int
S_parse_all(S_parse *s, struct csv_parser *p)
{
	vk_csv *t = s->t;
	const char *d = t->raw;
	size_t n = t->rawlen, pos = 0;

	while (pos < n && !s->failed) {
		const char *nl = memchr(d + pos, '\n', n - pos);
		size_t len = nl != NULL ? (size_t)(nl - (d + pos)) + 1 : n - pos;
		size_t used;

		s->cur_line++;
		if (s->row_line == 0)
			for (size_t i = pos; i < pos + len; i++)
				if (!S_is_space((unsigned char)d[i]) && d[i] != '\n') {
					s->row_line = s->cur_line;
					s->row_start = pos;
					break;
				}
		used = csv_parse(p, d + pos, len, S_field, S_row, s);
		if (s->failed)
			return -1;
		if (used < len) {
			long line, col;
			size_t at = pos + used;

			S_where(d, at, &line, &col);
			if (csv_error(p) != CSV_EPARSE)
				return vk_err_set(s->e, t->path, line, 0,
				                  "field longer than %zu bytes",
				                  s->max_field);
			return vk_err_set(s->e, t->path, line, col, d[at] == '"' ?
			                  "quote inside an unquoted field (quote the "
			                  "whole field and double the quotes in it)" :
			                  "unexpected text after a closing quote");
		}
		pos += len;
	}
	if (!s->failed && csv_fini(p, S_field, S_row, s) != 0) {
		long line, col;

		S_where(d, S_open_quote(d, s->row_start, n), &line, &col);
		return vk_err_set(s->e, t->path, line, col,
		                  "unterminated quoted field (no closing quote "
		                  "before the end of the file)");
	}
	return s->failed ? -1 : 0;
}

vk_csv *
vk_csv_read(const char *path, const vk_csv_opts *opts, vk_err *e)
{
	static const vk_csv_opts none;
	const vk_csv_opts *o = opts != NULL ? opts : &none;
	size_t max_bytes = o->max_bytes != 0 ? o->max_bytes : VK_CSV_MAX_BYTES;
	struct csv_parser p;
	S_parse s;
	vk_csv *t;
	size_t bad;
	int pinit = 0;

	memset(&s, 0, sizeof(s));
	s.e = e;
	s.max_field = o->max_field != 0 ? o->max_field : VK_CSV_MAX_FIELD;
	s.max_rows = o->max_rows != 0 ? o->max_rows : VK_CSV_MAX_ROWS;
	t = s.t = calloc(1, sizeof(*t));
	if (t == NULL || (t->path = strdup(path)) == NULL) {
		vk_err_io(e, path, "out of memory");
		goto fail;
	}
	t->raw = vk_read_file(path, max_bytes, &t->rawlen, e);
	if (t->raw == NULL)
		goto fail;
	/* libcsv in strict mode would fail on the BOM's bytes. */
	if (t->rawlen >= 3 && memcmp(t->raw, "\xEF\xBB\xBF", 3) == 0) {
		t->rawlen -= 3;
		memmove(t->raw, t->raw + 3, t->rawlen + 1);
	}
	if ((bad = vk_utf8_check(t->raw, t->rawlen)) != (size_t)-1) {
		long line, col;

		S_where(t->raw, bad, &line, &col);
		vk_err_set(e, path, line, col, "invalid UTF-8 (byte 0x%02X); save "
		           "the file as UTF-8", (unsigned char)t->raw[bad]);
		goto fail;
	}
	/* Fields are NUL-terminated: a NUL would cut one short unnoticed. */
	if (memchr(t->raw, '\0', t->rawlen) != NULL) {
		long line, col;

		bad = (size_t)((char *)memchr(t->raw, '\0', t->rawlen) - t->raw);
		S_where(t->raw, bad, &line, &col);
		vk_err_set(e, path, line, col, "NUL byte in the text (is this a "
		           "CSV file?)");
		goto fail;
	}
	t->delim = o->delim;
	if (t->delim == 0 &&
	    S_detect(t->raw, t->rawlen, path, &t->delim, e) != 0)
		goto fail;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	             CSV_EMPTY_IS_NULL) != 0) {
		vk_err_io(e, path, "cannot set up the CSV parser");
		goto fail;
	}
	pinit = 1;
	/* Room for the field, its NUL and a closing quote libcsv keeps until
	 * the field ends; S_field checks the exact length. */
	S_field_cap = s.max_field + 2 + 64;
	csv_set_realloc_func(&p, S_capped_realloc);
	csv_set_blk_size(&p, 4096);
	csv_set_delim(&p, (unsigned char)t->delim);
	csv_set_term_func(&p, S_is_term);
	csv_set_space_func(&p, S_is_space);
	if (S_parse_all(&s, &p) != 0)
		goto fail;
	if (t->ncols == 0) {
		vk_err_set(e, path, 1, 0, "empty file: expected a header line");
		goto fail;
	}
	if (S_check_header(t, e) != 0)
		goto fail;
	csv_free(&p);
	return t;
fail:
	if (pinit)
		csv_free(&p);
	vk_csv_free(t);
	return NULL;
}

void
vk_csv_free(vk_csv *t)
{
	if (t == NULL)
		return;
	free(t->path);
	free(t->raw);
	free(t->text);
	free(t->off);
	free(t->row);
	free(t);
}

const char *
vk_csv_path(const vk_csv *t)
{
	return t->path;
}

size_t
vk_csv_ncols(const vk_csv *t)
{
	return t->ncols;
}

size_t
vk_csv_nrows(const vk_csv *t)
{
	return t->nrows;
}

const char *
vk_csv_header(const vk_csv *t, size_t col)
{
	return t->text + t->off[col];
}

long
vk_csv_col(const vk_csv *t, const char *name)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(vk_csv_header(t, c), name) == 0)
			return (long)c;
	return -1;
}

const char *
vk_csv_get(const vk_csv *t, size_t row, size_t col)
{
	return t->text + t->off[(row + 1) * t->ncols + col];
}

long
vk_csv_line(const vk_csv *t, size_t row)
{
	return t->row[row + 1].line;
}

void
vk_csv_pos(const vk_csv *t, size_t row, size_t col, long *line, long *colno)
{
	const char *s = t->raw;
	size_t i = t->row[row + 1].start, f = 0;
	int quoted = 0;

	/* Walk the row as libcsv did: delimiters inside quotes do not count,
	 * and a field starts at its first non-blank byte. */
	for (; i < t->rawlen && f < col; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == t->delim)
			f++;
	}
	while (i < t->rawlen && S_is_space((unsigned char)s[i]))
		i++;
	S_where(s, i, line, colno);
}

int
vk_csv_need(const vk_csv *t, const char *name, size_t *col, vk_err *e)
{
	char list[512];
	size_t n = 0;
	long c = vk_csv_col(t, name);

	if (c >= 0) {
		*col = (size_t)c;
		return 0;
	}
	list[0] = '\0';
	for (size_t i = 0; i < t->ncols && n < sizeof(list); i++) {
		if (i == 8) {
			snprintf(list + n, sizeof(list) - n, ", ... (%zu columns)",
			         t->ncols);
			break;
		}
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
		                      i > 0 ? ", " : "", vk_csv_header(t, i));
	}
	return vk_err_set(e, t->path, t->row[0].line, 0,
	                  "no column \"%s\" (expected by the config); the file "
	                  "has: %s", name, list);
}

void
vk_csv_put(FILE *fp, const char *field)
{
	if (strpbrk(field, ",\"\n\r") == NULL) {
		fputs(field, fp);
		return;
	}
	fputc('"', fp);
	for (const char *p = field; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', fp);
		fputc(*p, fp);
	}
	fputc('"', fp);
}

int
vk_csv_numeric(const vk_csv *t, size_t col)
{
	for (size_t r = 0; r < vk_csv_nrows(t); r++) {
		double v;

		if (vk_num_parse(vk_csv_get(t, r, col), '.', NULL, 0, &v) < 0)
			return 0;
	}
	return 1;
}
