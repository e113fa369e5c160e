/* Unit tests of vk_csv: prints TAP lines, exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vk_csv.h"

static int S_n, S_failed;
static char S_path[4096];

static void
S_ok(int cond, const char *desc)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++S_n, desc);
	if (!cond)
		S_failed = 1;
}

/* Writes text (n bytes) to a fresh temporary file, whose name is S_path. */
static const char *
S_file(const char *text, size_t n)
{
	const char *dir = getenv("VK_TMP");
	FILE *fp;
	int fd;

	if (dir == NULL)
		dir = getenv("TMPDIR");
	snprintf(S_path, sizeof(S_path), "%s/test_csv.XXXXXX",
	         dir != NULL ? dir : "/tmp");
	fd = mkstemp(S_path);
	if (fd < 0 || (fp = fdopen(fd, "wb")) == NULL) {
		perror(S_path);
		exit(2);
	}
	fwrite(text, 1, n, fp);
	fclose(fp);
	return S_path;
}

/* Reads n bytes of text; on failure the message is in *e. */
static vk_csv *
S_readn(const char *text, size_t n, const vk_csv_opts *o, vk_err *e)
{
	vk_csv *t;

	memset(e, 0, sizeof(*e));
	t = vk_csv_read(S_file(text, n), o, e);
	unlink(S_path);
	return t;
}

static vk_csv *
S_read(const char *text, const vk_csv_opts *o, vk_err *e)
{
	return S_readn(text, strlen(text), o, e);
}

/* Expects text to fail at line:col with msg containing want. */
static void
S_fails(const char *text, const vk_csv_opts *o, long line, long col,
        const char *want, const char *desc)
{
	vk_err e;
	vk_csv *t = S_read(text, o, &e);
	int good = t == NULL && e.line == line && e.col == col &&
	           strstr(e.msg, want) != NULL;

	S_ok(good, desc);
	if (!good)
		printf("#   got %ld:%ld: %s\n", e.line, e.col, e.msg);
	vk_csv_free(t);
}

static int
S_put_is(const char *field, const char *want)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	int same;

	vk_csv_put(fp, field);
	fclose(fp);
	same = strcmp(buf, want) == 0;
	free(buf);
	return same;
}

int
main(void)
{
	vk_csv_opts small = { 0 };
	vk_err e;
	vk_csv *t;
	long line, col;
	size_t c;

	t = S_read("code,name,n\nBU1,\"a, b\",1\n\nBU2,  x  ,\n", NULL, &e);
	S_ok(t != NULL, "reads a simple file");
	if (t != NULL) {
		S_ok(vk_csv_ncols(t) == 3 && vk_csv_nrows(t) == 2, "3 columns, 2 rows");
		S_ok(strcmp(vk_csv_get(t, 0, 1), "a, b") == 0, "quoted delimiter");
		S_ok(strcmp(vk_csv_get(t, 1, 1), "x") == 0, "unquoted spaces trimmed");
		S_ok(strcmp(vk_csv_get(t, 1, 2), "") == 0, "empty field is \"\"");
		S_ok(vk_csv_line(t, 1) == 4, "a blank line still counts");
		S_ok(vk_csv_col(t, "n") == 2 && vk_csv_col(t, "x") == -1,
		     "vk_csv_col");
		vk_csv_pos(t, 1, 2, &line, &col);
		S_ok(line == 4 && col == 11, "position of the last field");
		S_ok(vk_csv_need(t, "p_x", &c, &e) != 0 && e.line == 1 &&
		     strstr(e.msg, "no column \"p_x\"") != NULL &&
		     strstr(e.msg, "the file has: code, name, n") != NULL,
		     "vk_csv_need lists the columns");
		S_ok(vk_csv_need(t, "name", &c, &e) == 0 && c == 1,
		     "vk_csv_need finds a column");
	}
	vk_csv_free(t);

	t = S_read("\xEF\xBB\xBF" "a;b\r\n\"x\ny\";\"q\"\"uote\"\r\n1,5;2\r\n",
	           NULL, &e);
	S_ok(t != NULL && vk_csv_ncols(t) == 2 && vk_csv_nrows(t) == 2,
	     "BOM, ';' detected, CRLF");
	if (t != NULL) {
		S_ok(strcmp(vk_csv_header(t, 0), "a") == 0, "BOM is not in the header");
		S_ok(strcmp(vk_csv_get(t, 0, 0), "x\ny") == 0, "newline in quotes");
		S_ok(strcmp(vk_csv_get(t, 0, 1), "q\"uote") == 0, "escaped quote");
		S_ok(strcmp(vk_csv_get(t, 1, 0), "1,5") == 0 &&
		     strcmp(vk_csv_get(t, 1, 1), "2") == 0, "no CR in fields");
		S_ok(vk_csv_line(t, 1) == 4, "a row after a two-line field");
		vk_csv_pos(t, 0, 1, &line, &col);
		S_ok(line == 3 && col == 4, "a field after a two-line field");
	}
	vk_csv_free(t);

	t = S_read("only\nv", NULL, &e);
	S_ok(t != NULL && vk_csv_ncols(t) == 1 && vk_csv_nrows(t) == 1 &&
	     strcmp(vk_csv_get(t, 0, 0), "v") == 0,
	     "one column, no final newline");
	vk_csv_free(t);

	S_fails("a,b\n1,2\n1,2,3\n", NULL, 3, 0,
	        "expected 2 fields (as in the header), found 3", "ragged row");
	S_fails("a,b\n1,2\n1\n", NULL, 3, 0, "found 1", "short row");
	S_fails("a,b\n1,\"x\ny\"\n3,\"4\n", NULL, 4, 3, "unterminated quoted",
	        "unterminated quote at its opening");
	S_fails("a,b\n1,x\"y\n", NULL, 2, 4, "quote inside an unquoted field",
	        "quote inside a field");
	S_fails("a,b\n1,\"x\"y\n", NULL, 2, 6, "after a closing quote",
	        "text after a closing quote");
	S_fails("a,b\n\xC3\xA9,\xC3\x28\n", NULL, 2, 3, "invalid UTF-8",
	        "invalid UTF-8 at its character column");
	S_fails("a,b\n\xED\xA0\x80,1\n", NULL, 2, 1, "invalid UTF-8",
	        "a surrogate is invalid");
	S_fails("a,,b\n", NULL, 1, 0, "column 2 of the header has no name",
	        "empty header name");
	S_fails("a,b,a\n", NULL, 1, 0, "duplicate column name \"a\" (columns 1 "
	        "and 3)", "duplicate header name");
	S_fails("a,b;c\n", NULL, 1, 0, "cannot tell the delimiter",
	        "as many ',' as ';'");
	S_fails("", NULL, 1, 0, "empty file", "empty file");
	S_fails("a\tb\n1\t2\n", NULL, 1, 0, "separated by tabs", "tabs");
	t = S_readn("a,b\n1,x\0y\n", 10, NULL, &e);
	S_ok(t == NULL && e.line == 2 && e.col == 4 &&
	     strstr(e.msg, "NUL byte") != NULL, "a NUL byte");
	vk_csv_free(t);
	small.max_field = 4;
	S_fails("a,b\n1234,12345\n", &small, 2, 0, "field longer than 4",
	        "field cap");
	{
		char big[20000];

		memset(big, 'x', sizeof(big) - 1);
		memcpy(big, "a\n", 2);
		big[sizeof(big) - 1] = '\0';
		S_fails(big, &small, 2, 0, "field longer than 4",
		        "field cap stops the parser's buffer");
	}
	small.max_field = 0;
	small.max_rows = 2;
	S_fails("a\n1\n2\n3\n", &small, 4, 0, "more than 2 data rows", "row cap");
	small.max_rows = 0;
	small.max_bytes = 8;
	S_fails("a,b\n1,2\n3,4\n", &small, 0, 0, "too large", "file size cap");
	small.max_bytes = 0;
	small.delim = ',';
	t = S_read("a;b,c\n1;2,3\n", &small, &e);
	S_ok(t != NULL && vk_csv_ncols(t) == 2, "a given delimiter wins");
	vk_csv_free(t);

	S_ok(S_put_is("plain", "plain"), "put: plain");
	S_ok(S_put_is("a, b", "\"a, b\""), "put: comma quoted");
	S_ok(S_put_is("say \"hi\"", "\"say \"\"hi\"\"\""), "put: quotes doubled");
	S_ok(S_put_is("two\nlines", "\"two\nlines\""), "put: newline quoted");
	S_ok(S_put_is("", ""), "put: empty");

	printf("1..%d\n", S_n);
	return S_failed;
}
