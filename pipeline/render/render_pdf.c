#include "render_pdf_priv.h"

#include <math.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "vk_utf8.h"

#define S_ELLIPSIS "\xE2\x80\xA6"   /* U+2026 */

/* libharu calls this on most failures. Jumping out of it would cross
 * lua_pcall frames, so it only records the error; the function that made the
 * call notices it in S_check. */
static void
S_on_error(HPDF_STATUS no, HPDF_STATUS detail, void *user)
{
	render_pdf *d = user;

	if (d->hpdf_err == HPDF_OK) {
		d->hpdf_err = no;
		d->hpdf_detail = detail;
	}
}

/* Turns a recorded libharu error (or a failed return value: some calls fail
 * without the callback) into e and clears libharu's sticky state, so the
 * document stays usable for the error message path. */
static int
S_check(render_pdf *d, HPDF_STATUS st, const char *what, vk_err *e)
{
	HPDF_STATUS no = d->hpdf_err != HPDF_OK ? d->hpdf_err : st;
	HPDF_STATUS detail = d->hpdf_err != HPDF_OK ? d->hpdf_detail : 0;

	if (no == HPDF_OK)
		return 0;
	d->hpdf_err = HPDF_OK;
	d->hpdf_detail = 0;
	HPDF_ResetError(d->pdf);
	return vk_err_io(e, NULL, "libharu error 0x%04X (detail %u) in %s",
	                 (unsigned)no, (unsigned)detail, what);
}

static int
S_need_page(render_pdf *d, vk_err *e)
{
	if (d->cur < 0)
		return vk_err_set(e, NULL, 0, 0,
		                  "no page yet: call page_new() first");
	return 0;
}

static int
S_check_utf8(const char *s, size_t len, vk_err *e)
{
	size_t bad = vk_utf8_check(s, len);

	if (bad != (size_t)-1)
		return vk_err_set(e, NULL, 0, 0,
		                  "invalid UTF-8 in text at byte %zu", bad + 1);
	return 0;
}

render_pdf *
render_pdf_new(const char *font_dir, vk_err *e)
{
	render_pdf *d = calloc(1, sizeof(*d));

	if (d == NULL || (d->font_dir = strdup(font_dir)) == NULL) {
		free(d);
		vk_err_io(e, NULL, "out of memory");
		return NULL;
	}
	d->cur = -1;
	d->lw[0] = 1;
	d->pdf = HPDF_New(S_on_error, d);
	if (d->pdf == NULL) {
		render_pdf_free(d);
		vk_err_io(e, NULL, "cannot create a PDF document (libharu)");
		return NULL;
	}
	HPDF_UseUTFEncodings(d->pdf);
	HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	if (S_check(d, HPDF_OK, "document setup", e) < 0) {
		render_pdf_free(d);
		return NULL;
	}
	return d;
}

void
render_pdf_free(render_pdf *d)
{
	if (d == NULL)
		return;
	if (d->pdf != NULL)
		HPDF_Free(d->pdf);
	free(d->font_dir);
	free(d->path);
	for (size_t i = 0; i < d->nimgs; i++)
		free(d->imgs[i].key);
	free(d->imgs);
	for (size_t i = 0; i < d->nmarks; i++)
		free(d->marks[i].title);
	free(d->marks);
	free(d);
}

HPDF_Font
render_pdf_font_get(const render_pdf *d, const char *alias)
{
	for (int i = 0; i < d->nfonts; i++)
		if (strcmp(d->fonts[i].alias, alias) == 0)
			return d->fonts[i].font;
	return NULL;
}

int
render_pdf_has_font(const render_pdf *d, const char *alias)
{
	return render_pdf_font_get(d, alias) != NULL;
}

int
render_pdf_font(render_pdf *d, const char *alias, const char *file,
                vk_err *e)
{
	render_font *f;
	HPDF_Font font = NULL;
	char *path;
	const char *name;
	size_t n;

	if (alias[0] == '\0' || strlen(alias) >= sizeof(f->alias))
		return vk_err_set(e, NULL, 0, 0, "bad font alias '%s'", alias);
	/* Fonts come only from the font directory: a template names a file,
	 * never a path. */
	if (file[0] == '\0' || file[0] == '.' || strchr(file, '/') != NULL ||
	    strlen(file) >= sizeof(f->file))
		return vk_err_set(e, NULL, 0, 0,
		                  "font file '%s' must be a plain file name in "
		                  "the font directory", file);
	for (int i = 0; i < d->nfonts; i++) {
		if (strcmp(d->fonts[i].alias, alias) == 0)
			return vk_err_set(e, NULL, 0, 0,
			                  "font alias '%s' is already defined",
			                  alias);
		if (strcmp(d->fonts[i].file, file) == 0)
			font = d->fonts[i].font;
	}
	if (d->nfonts == RENDER_PDF_MAX_FONTS)
		return vk_err_set(e, NULL, 0, 0, "more than %d fonts",
		                  RENDER_PDF_MAX_FONTS);
	if (font == NULL) {
		FILE *fp;

		n = strlen(d->font_dir) + strlen(file) + 2;
		if ((path = malloc(n)) == NULL)
			return vk_err_io(e, NULL, "out of memory");
		snprintf(path, n, "%s/%s", d->font_dir, file);
		/* libharu reports a missing file only as an error number. */
		if ((fp = fopen(path, "rb")) == NULL) {
			vk_err_set(e, path, 0, 0, "cannot open font file");
			free(path);
			return -1;
		}
		fclose(fp);
		name = HPDF_LoadTTFontFromFile(d->pdf, path, HPDF_TRUE);
		if (name != NULL)
			font = HPDF_GetFont(d->pdf, name, "UTF-8");
		if (S_check(d, font == NULL ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK,
		            "loading a font", e) < 0) {
			snprintf(e->file, sizeof(e->file), "%s", path);
			snprintf(e->msg, sizeof(e->msg), "%s",
			         "cannot load as a TrueType font (only glyf "
			         "TrueType .ttf files work)");
			e->io = 0;
			free(path);
			return -1;
		}
		free(path);
	}
	f = &d->fonts[d->nfonts++];
	snprintf(f->alias, sizeof(f->alias), "%s", alias);
	snprintf(f->file, sizeof(f->file), "%s", file);
	f->font = font;
	return 0;
}

int
render_pdf_info(render_pdf *d, const char *title, const char *author,
                const char *subject, const char *creator,
                const struct tm *date, vk_err *e)
{
	const char *vals[] = { title, author, subject, creator };
	HPDF_InfoType types[] = { HPDF_INFO_TITLE, HPDF_INFO_AUTHOR,
	                          HPDF_INFO_SUBJECT, HPDF_INFO_CREATOR };
	HPDF_Date hd;

	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		if (vals[i] == NULL)
			continue;
		if (S_check_utf8(vals[i], strlen(vals[i]), e) < 0)
			return -1;
		HPDF_SetInfoAttr(d->pdf, types[i], vals[i]);
	}
	/* '+' with zero offsets rather than 'Z': see libraries.md. */
	memset(&hd, 0, sizeof(hd));
	hd.year = date->tm_year + 1900;
	hd.month = date->tm_mon + 1;
	hd.day = date->tm_mday;
	hd.hour = date->tm_hour;
	hd.minutes = date->tm_min;
	hd.seconds = date->tm_sec;
	hd.ind = '+';
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, hd);
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, hd);
	return S_check(d, HPDF_OK, "document information", e);
}

int
render_pdf_page_new(render_pdf *d, vk_err *e)
{
	HPDF_Page p;

	if (d->npages == RENDER_PDF_MAX_PAGES)
		return vk_err_set(e, NULL, 0, 0, "more than %d pages",
		                  RENDER_PDF_MAX_PAGES);
	p = HPDF_AddPage(d->pdf);
	if (p != NULL)
		HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	if (S_check(d, p == NULL ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK,
	            "adding a page", e) < 0)
		return -1;
	d->pages[d->npages] = p;
	d->cur = d->npages++;
	return 0;
}

int
render_pdf_page_goto(render_pdf *d, int n, vk_err *e)
{
	if (n < 1 || n > d->npages)
		return vk_err_set(e, NULL, 0, 0,
		                  "no page %d (the document has %d)", n,
		                  d->npages);
	d->cur = n - 1;
	return 0;
}

int
render_pdf_page_count(const render_pdf *d)
{
	return d->npages;
}

int
render_pdf_page_current(const render_pdf *d)
{
	return d->cur + 1;
}

int
render_pdf_bookmark(render_pdf *d, const char *title, int level, vk_err *e)
{
	HPDF_Outline o, parent = NULL;
	HPDF_Destination dst;

	if (S_need_page(d, e) < 0 || S_check_utf8(title, strlen(title), e) < 0)
		return -1;
	if (level < 1 || level > RENDER_PDF_MAX_OUTLINE)
		return vk_err_set(e, NULL, 0, 0, "bookmark level %d out of range "
		                  "(1 to %d)", level, RENDER_PDF_MAX_OUTLINE);
	if (level > 1 && (parent = d->outline_last[level - 2]) == NULL)
		return vk_err_set(e, NULL, 0, 0, "a bookmark of level %d needs a "
		                  "bookmark of level %d before it", level,
		                  level - 1);
	o = HPDF_CreateOutline(d->pdf, parent, title,
	                       HPDF_GetEncoder(d->pdf, "UTF-8"));
	dst = HPDF_Page_CreateDestination(d->pages[d->cur]);
	if (o != NULL && dst != NULL) {
		HPDF_Outline_SetDestination(o, dst);
		/* Sections open, their wijken folded: the outline stays a table
		 * of contents rather than a long list. */
		HPDF_Outline_SetOpened(o, level < 2 ? HPDF_TRUE : HPDF_FALSE);
		HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
		d->outline_last[level - 1] = o;
		/* A later entry at this level ends the nesting below it. */
		for (int i = level; i < RENDER_PDF_MAX_OUTLINE; i++)
			d->outline_last[i] = NULL;
		if (d->nmarks == d->capmarks) {
			size_t cap = d->capmarks ? 2 * d->capmarks : 64;
			render_pdf_mark *m = realloc(d->marks, cap * sizeof(*m));

			if (m == NULL)
				return vk_err_io(e, NULL, "out of memory");
			d->marks = m;
			d->capmarks = cap;
		}
		if ((d->marks[d->nmarks].title = strdup(title)) == NULL)
			return vk_err_io(e, NULL, "out of memory");
		d->marks[d->nmarks].level = level;
		d->marks[d->nmarks++].page = d->cur + 1;
	}
	return S_check(d, o == NULL || dst == NULL ? HPDF_FAILD_TO_ALLOC_MEM :
	               HPDF_OK, "bookmark", e);
}

const render_pdf_mark *
render_pdf_marks(const render_pdf *d, size_t *n)
{
	*n = d->nmarks;
	return d->marks;
}

int
render_pdf_page_label(render_pdf *d, int page, int style, int first,
                      const char *prefix, vk_err *e)
{
	static const HPDF_PageNumStyle styles[] = {
		HPDF_PAGE_NUM_STYLE_DECIMAL, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN,
		HPDF_PAGE_NUM_STYLE_UPPER_ROMAN, HPDF_PAGE_NUM_STYLE_LOWER_LETTERS,
		HPDF_PAGE_NUM_STYLE_UPPER_LETTERS,
	};

	if (page < 1 || page > d->npages)
		return vk_err_set(e, NULL, 0, 0, "no page %d (the document has "
		                  "%d)", page, d->npages);
	if (style < 0 || style > RENDER_LABEL_LETTERS_UPPER || first < 1)
		return vk_err_set(e, NULL, 0, 0, "bad page label style or start");
	if (prefix != NULL && S_check_utf8(prefix, strlen(prefix), e) < 0)
		return -1;
	/* libharu counts pages from 0 here. */
	return S_check(d, HPDF_AddPageLabel(d->pdf, (HPDF_UINT)(page - 1),
	               styles[style], (HPDF_UINT)first, prefix), "page label",
	               e);
}

int
render_pdf_link(render_pdf *d, double x, double y, double w, double h,
                int target, vk_err *e)
{
	HPDF_Rect r;
	HPDF_Destination dst;
	HPDF_Annotation a = NULL;

	if (S_need_page(d, e) < 0)
		return -1;
	if (target < 1 || target > d->npages)
		return vk_err_set(e, NULL, 0, 0, "link to page %d: no such page "
		                  "(the document has %d)", target, d->npages);
	r.left = (HPDF_REAL)x;
	r.right = (HPDF_REAL)(x + w);
	r.top = (HPDF_REAL)RENDER_PDF_Y(y);
	r.bottom = (HPDF_REAL)RENDER_PDF_Y(y + h);
	dst = HPDF_Page_CreateDestination(d->pages[target - 1]);
	if (dst != NULL)
		a = HPDF_Page_CreateLinkAnnot(d->pages[d->cur], r, dst);
	/* No border: the text itself is the link, as in a printed TOC. */
	if (a != NULL)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	return S_check(d, a == NULL ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK,
	               "link", e);
}

double
render_pdf_page_width(void)
{
	return RENDER_PDF_A4_W;
}

double
render_pdf_page_height(void)
{
	return RENDER_PDF_A4_H;
}

/* Decodes one code point of valid UTF-8 at s; returns its byte length. */
static size_t
S_utf8_next(const unsigned char *s, size_t len, unsigned *cp)
{
	if (s[0] < 0x80 || len < 2) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && len >= 3) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
		      (s[2] & 0x3Fu);
		return 3;
	}
	if (len >= 4) {
		*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
		      ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
		return 4;
	}
	*cp = '?';
	return 1;
}

double
render_pdf_width(HPDF_Font f, const char *s, size_t len, double size)
{
	const unsigned char *p = (const unsigned char *)s;
	double units = 0;
	size_t i = 0;
	unsigned cp;

	/* Summed per code point rather than HPDF_Font_TextWidth so that the
	 * line breaker can work on exact character boundaries. */
	while (i < len) {
		i += S_utf8_next(p + i, len - i, &cp);
		units += HPDF_Font_GetUnicodeWidth(f, (HPDF_UNICODE)cp);
	}
	return units * size / 1000.0;
}

static HPDF_Font
S_style_font(render_pdf *d, const render_style *st, vk_err *e)
{
	HPDF_Font f = render_pdf_font_get(d, st->font);

	if (f == NULL)
		vk_err_set(e, NULL, 0, 0, "unknown font '%s' (define it with "
		           "fonts{...} first)", st->font);
	return f;
}

int
render_pdf_measure(render_pdf *d, const char *s, size_t len,
                   const render_style *st, double *width, vk_err *e)
{
	HPDF_Font f;

	if (S_check_utf8(s, len, e) < 0 ||
	    (f = S_style_font(d, st, e)) == NULL)
		return -1;
	*width = render_pdf_width(f, s, len, st->size);
	return 0;
}

/* Page coordinates beyond this are surely a template mistake, and libharu
 * would clamp them at 32767 anyway. */
static int
S_coords_ok(const double *v, size_t n, vk_err *e)
{
	for (size_t i = 0; i < n; i++)
		if (!(fabs(v[i]) <= 10000))
			return vk_err_set(e, NULL, 0, 0,
			                  "coordinate %g is off the page", v[i]);
	return 0;
}

/* Shows s[0..len) with its left end at (x, y) in page coordinates. */
static int
S_show(render_pdf *d, HPDF_Font f, const render_style *st, double x,
       double y, const char *s, size_t len, vk_err *e)
{
	HPDF_Page p = d->pages[d->cur];
	char small[256], *buf = small;

	if (len == 0)
		return 0;
	/* libharu wants a NUL-terminated string; lines are slices. */
	if (len >= sizeof(small) && (buf = malloc(len + 1)) == NULL)
		return vk_err_io(e, NULL, "out of memory");
	memcpy(buf, s, len);
	buf[len] = '\0';
	HPDF_Page_GSave(p);
	HPDF_Page_SetRGBFill(p, (HPDF_REAL)st->colour.r,
	                     (HPDF_REAL)st->colour.g, (HPDF_REAL)st->colour.b);
	HPDF_Page_BeginText(p);
	HPDF_Page_SetFontAndSize(p, f, (HPDF_REAL)st->size);
	HPDF_Page_TextOut(p, (HPDF_REAL)(round(x * 100) / 100),
	                  (HPDF_REAL)(round(RENDER_PDF_Y(y) * 100) / 100), buf);
	HPDF_Page_EndText(p);
	HPDF_Page_GRestore(p);
	if (buf != small)
		free(buf);
	return S_check(d, HPDF_OK, "text", e);
}

static double
S_aligned_x(const render_style *st, double x, double w)
{
	if (st->align == RENDER_ALIGN_CENTER)
		return x - w / 2;
	if (st->align == RENDER_ALIGN_RIGHT)
		return x - w;
	return x;
}

static int
S_text_args(render_pdf *d, double x, double y, const char *s, size_t len,
            const render_style *st, HPDF_Font *f, vk_err *e)
{
	double v[2] = { x, y };

	if (S_need_page(d, e) < 0 || S_coords_ok(v, 2, e) < 0 ||
	    S_check_utf8(s, len, e) < 0 || (*f = S_style_font(d, st, e)) == NULL)
		return -1;
	if (!(st->size > 0 && st->size <= 500))
		return vk_err_set(e, NULL, 0, 0,
		                  "font size %g out of range (0, 500]", st->size);
	return 0;
}

int
render_pdf_text(render_pdf *d, double x, double y, const char *s,
                const render_style *st, vk_err *e)
{
	size_t len = strlen(s);
	HPDF_Font f;
	double w;

	if (S_text_args(d, x, y, s, len, st, &f, e) < 0)
		return -1;
	if (memchr(s, '\n', len) != NULL)
		return vk_err_set(e, NULL, 0, 0, "text() draws one line: use "
		                  "textbox() for text with line breaks");
	w = render_pdf_width(f, s, len, st->size);
	return S_show(d, f, st, S_aligned_x(st, x, w), y, s, len, e);
}

/* Longest prefix of s[0..len) (at least one character) no wider than
 * width: where an overlong word is broken. */
static size_t
S_fit_chars(HPDF_Font f, double size, const char *s, size_t len,
            double width)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	double w = 0;
	unsigned cp;

	while (i < len) {
		k = S_utf8_next(p + i, len - i, &cp);
		w += HPDF_Font_GetUnicodeWidth(f, (HPDF_UNICODE)cp) * size /
		     1000.0;
		if (w > width && i > 0)
			break;
		i += k;
	}
	return i;
}

typedef struct S_lines {
	render_line *v;
	size_t n, cap;
} S_lines;

static int
S_push(S_lines *l, const char *s, size_t len, double width)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		render_line *v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n].s = s;
	l->v[l->n].len = len;
	l->v[l->n].width = width;
	l->n++;
	return 0;
}

/* Greedy line filling of one paragraph (no '\n' inside). */
static int
S_wrap_para(HPDF_Font f, double size, const char *s, size_t len,
            double width, S_lines *out)
{
	size_t i = 0, ls = 0, le = 0;   /* line start/end; le == ls: empty */
	double lw = 0, sp = render_pdf_width(f, " ", 1, size);

	for (;;) {
		size_t ws, we, spaces;
		double ww;

		ws = i;
		while (ws < len && s[ws] == ' ')
			ws++;
		if (ws == len)
			break;
		we = ws;
		while (we < len && s[we] != ' ')
			we++;
		spaces = ws - i;
		ww = render_pdf_width(f, s + ws, we - ws, size);
		if (le > ls && lw + (double)spaces * sp + ww <= width) {
			lw += (double)spaces * sp + ww;
			le = we;
			i = we;
			continue;
		}
		if (le > ls) {
			if (S_push(out, s + ls, le - ls, lw) < 0)
				return -1;
			le = ls;
		}
		/* The word starts a line; break it while it is too wide, after
		 * a hyphen or slash when one fits ("Noord/Oost/" + "Centrum"),
		 * else between two characters. */
		while (ww > width) {
			size_t k = S_fit_chars(f, size, s + ws, we - ws, width);

			if (k == we - ws)
				break;
			for (size_t j = k; j > 1; j--) {
				if (s[ws + j - 1] == '-' || s[ws + j - 1] == '/') {
					k = j;
					break;
				}
			}
			if (S_push(out, s + ws, k,
			           render_pdf_width(f, s + ws, k, size)) < 0)
				return -1;
			ws += k;
			ww = render_pdf_width(f, s + ws, we - ws, size);
		}
		ls = ws;
		le = we;
		lw = ww;
		i = we;
	}
	/* A paragraph without words adds nothing here; the caller gives it
	 * an empty line. */
	if (le > ls)
		return S_push(out, s + ls, le - ls, lw);
	return 0;
}

int
render_pdf_wrap(render_pdf *d, const char *s, const render_style *st,
                double width, render_line **lines, size_t *nlines,
                vk_err *e)
{
	S_lines out = { NULL, 0, 0 };
	size_t len = strlen(s), start = 0;
	HPDF_Font f;

	*lines = NULL;
	*nlines = 0;
	if (S_check_utf8(s, len, e) < 0 || (f = S_style_font(d, st, e)) == NULL)
		return -1;
	if (!(width > 0))
		return vk_err_set(e, NULL, 0, 0, "text width must be positive");
	for (;;) {
		const char *nl = memchr(s + start, '\n', len - start);
		size_t end = nl != NULL ? (size_t)(nl - s) : len;
		size_t before = out.n;

		if (S_wrap_para(f, st->size, s + start, end - start, width,
		                &out) < 0) {
			free(out.v);
			return vk_err_io(e, NULL, "out of memory");
		}
		/* A paragraph of spaces only still takes a line. */
		if (out.n == before && S_push(&out, s + start, 0, 0) < 0) {
			free(out.v);
			return vk_err_io(e, NULL, "out of memory");
		}
		if (nl == NULL)
			break;
		start = end + 1;
	}
	*lines = out.v;
	*nlines = out.n;
	return 0;
}

/* Shortens s[0..len) to fit width with an ellipsis at the end (always when
 * force is set). Returns a malloc'd string or NULL when out of memory. */
static char *
S_ellipsize(HPDF_Font f, double size, const char *s, size_t len,
            double width, int force)
{
	const size_t ell_len = sizeof(S_ELLIPSIS) - 1;
	double ell = render_pdf_width(f, S_ELLIPSIS, ell_len, size);
	char *buf = malloc(len + ell_len + 1);
	size_t k = len;

	if (buf == NULL)
		return NULL;
	if (force || render_pdf_width(f, s, len, size) > width) {
		k = width > ell ? S_fit_chars(f, size, s, len, width - ell) : 0;
		/* S_fit_chars keeps one character even when it does not fit. */
		if (k > 0 && render_pdf_width(f, s, k, size) + ell > width)
			k = 0;
		while (k > 0 && s[k - 1] == ' ')
			k--;
		memcpy(buf + k, S_ELLIPSIS, ell_len + 1);
	} else {
		buf[k] = '\0';
	}
	memcpy(buf, s, k);
	return buf;
}

int
render_pdf_ellipsize(render_pdf *d, const char *s, size_t len,
                     const render_style *st, double width, char **out,
                     vk_err *e)
{
	HPDF_Font f;

	*out = NULL;
	if (S_check_utf8(s, len, e) < 0 || (f = S_style_font(d, st, e)) == NULL)
		return -1;
	if ((*out = S_ellipsize(f, st->size, s, len, width, 0)) == NULL)
		return vk_err_io(e, NULL, "out of memory");
	return 0;
}

int
render_pdf_textbox(render_pdf *d, double x, double y, double w, double h,
                   const char *s, const render_style *st, double *height,
                   int *complete, vk_err *e)
{
	render_line *lines = NULL;
	size_t n, shown;
	HPDF_Font f;
	double lead = st->leading > 0 ? st->leading : 1.25 * st->size;
	double asc;
	int rc = 0;

	*height = 0;
	*complete = 1;
	if (S_text_args(d, x, y, s, strlen(s), st, &f, e) < 0 ||
	    render_pdf_wrap(d, s, st, w, &lines, &n, e) < 0)
		return -1;
	/* First baseline: the font's ascent below the top of the box, so
	 * accents of capitals stay inside. */
	asc = HPDF_Font_GetAscent(f) * st->size / 1000.0;
	shown = n;
	if (h > 0) {
		/* Every shown line needs its full leading inside the box. */
		size_t fit = (size_t)floor((h + 0.01) / lead);

		if (fit < n) {
			shown = fit;
			*complete = 0;
		}
	}
	for (size_t i = 0; i < shown && rc == 0; i++) {
		const char *ls = lines[i].s;
		size_t len = lines[i].len;
		double lw = lines[i].width;
		char *cut = NULL;

		/* Show that text was left out, not only cut it off. */
		if (i + 1 == shown && !*complete) {
			if ((cut = S_ellipsize(f, st->size, ls, len, w, 1)) == NULL) {
				rc = vk_err_io(e, NULL, "out of memory");
				break;
			}
			ls = cut;
			len = strlen(cut);
			lw = render_pdf_width(f, ls, len, st->size);
		}
		rc = S_show(d, f, st, x + (st->align == RENDER_ALIGN_CENTER ?
		                           (w - lw) / 2 :
		                           st->align == RENDER_ALIGN_RIGHT ?
		                           w - lw : 0),
		            y + asc + (double)i * lead, ls, len, e);
		free(cut);
	}
	free(lines);
	*height = (double)shown * lead;
	return rc;
}

static void
S_hatch(render_pdf *d, double x, double y, double w, double h, vk_rgb c,
        int pattern)
{
	vk_draw dr;

	render_pdf_draw(d, &dr);
	dr.ops->stroke_colour(dr.ctx, c);
	dr.ops->line_width(dr.ctx, VK_DRAW_HATCH_WIDTH);
	vk_draw_pattern(&dr, pattern ? pattern : VK_PAT_HATCH, x, y, w, h,
	                VK_DRAW_HATCH_SPACING);
}

static void
S_paint_begin(HPDF_Page p, const render_paint *pt)
{
	HPDF_Page_GSave(p);
	if (pt->fill)
		HPDF_Page_SetRGBFill(p, (HPDF_REAL)pt->fill_colour.r,
		                     (HPDF_REAL)pt->fill_colour.g,
		                     (HPDF_REAL)pt->fill_colour.b);
	if (pt->stroke) {
		HPDF_Page_SetRGBStroke(p, (HPDF_REAL)pt->stroke_colour.r,
		                       (HPDF_REAL)pt->stroke_colour.g,
		                       (HPDF_REAL)pt->stroke_colour.b);
		HPDF_Page_SetLineWidth(p, (HPDF_REAL)pt->width);
		if (pt->dash > 0) {
			HPDF_UINT16 ptn[1];

			ptn[0] = (HPDF_UINT16)(pt->dash < 1 ? 1 : pt->dash);
			HPDF_Page_SetDash(p, ptn, 1, 0);
		}
	}
}

static void
S_paint_path(HPDF_Page p, const render_paint *pt)
{
	if (pt->fill && pt->stroke)
		HPDF_Page_FillStroke(p);
	else if (pt->fill)
		HPDF_Page_Fill(p);
	else if (pt->stroke)
		HPDF_Page_Stroke(p);
	else
		HPDF_Page_EndPath(p);
}

static int
S_paint_args(render_pdf *d, const render_paint *pt, vk_err *e)
{
	if (S_need_page(d, e) < 0)
		return -1;
	if (pt->stroke && !(pt->width >= 0 && pt->width <= 100))
		return vk_err_set(e, NULL, 0, 0,
		                  "line width %g out of range [0, 100]", pt->width);
	return 0;
}

int
render_pdf_rect(render_pdf *d, double x, double y, double w, double h,
                const render_paint *pt, vk_err *e)
{
	double v[4] = { x, y, w, h };
	HPDF_Page p;

	if (S_paint_args(d, pt, e) < 0 || S_coords_ok(v, 4, e) < 0)
		return -1;
	p = d->pages[d->cur];
	if (pt->fill) {
		render_paint f = *pt;

		f.stroke = 0;
		S_paint_begin(p, &f);
		HPDF_Page_Rectangle(p, (HPDF_REAL)x, (HPDF_REAL)RENDER_PDF_Y(y + h),
		                    (HPDF_REAL)w, (HPDF_REAL)h);
		HPDF_Page_Fill(p);
		HPDF_Page_GRestore(p);
	}
	if (pt->hatch) {
		HPDF_Page_GSave(p);
		HPDF_Page_Rectangle(p, (HPDF_REAL)x, (HPDF_REAL)RENDER_PDF_Y(y + h),
		                    (HPDF_REAL)w, (HPDF_REAL)h);
		HPDF_Page_Clip(p);
		HPDF_Page_EndPath(p);
		S_hatch(d, x, y, w, h, pt->hatch_colour, pt->pattern);
		HPDF_Page_GRestore(p);
	}
	if (pt->stroke) {
		render_paint s = *pt;

		s.fill = 0;
		S_paint_begin(p, &s);
		HPDF_Page_Rectangle(p, (HPDF_REAL)x, (HPDF_REAL)RENDER_PDF_Y(y + h),
		                    (HPDF_REAL)w, (HPDF_REAL)h);
		HPDF_Page_Stroke(p);
		HPDF_Page_GRestore(p);
	}
	if (d->draw_err[0] != '\0')
		return render_pdf_check(d, e);
	return S_check(d, HPDF_OK, "rect", e);
}

int
render_pdf_line(render_pdf *d, double x1, double y1, double x2, double y2,
                const render_paint *pt, vk_err *e)
{
	double v[4] = { x1, y1, x2, y2 };
	render_paint s = *pt;
	HPDF_Page p;

	s.fill = 0;
	s.stroke = 1;
	if (S_paint_args(d, &s, e) < 0 || S_coords_ok(v, 4, e) < 0)
		return -1;
	p = d->pages[d->cur];
	S_paint_begin(p, &s);
	HPDF_Page_MoveTo(p, (HPDF_REAL)x1, (HPDF_REAL)RENDER_PDF_Y(y1));
	HPDF_Page_LineTo(p, (HPDF_REAL)x2, (HPDF_REAL)RENDER_PDF_Y(y2));
	HPDF_Page_Stroke(p);
	HPDF_Page_GRestore(p);
	return S_check(d, HPDF_OK, "line", e);
}

int
render_pdf_circle(render_pdf *d, double x, double y, double r,
                  const render_paint *pt, vk_err *e)
{
	double v[3] = { x, y, r };
	HPDF_Page p;

	if (S_paint_args(d, pt, e) < 0 || S_coords_ok(v, 3, e) < 0)
		return -1;
	if (!(r > 0))
		return vk_err_set(e, NULL, 0, 0, "circle radius must be positive");
	p = d->pages[d->cur];
	S_paint_begin(p, pt);
	HPDF_Page_Circle(p, (HPDF_REAL)x, (HPDF_REAL)RENDER_PDF_Y(y),
	                 (HPDF_REAL)r);
	S_paint_path(p, pt);
	HPDF_Page_GRestore(p);
	return S_check(d, HPDF_OK, "circle", e);
}

int
render_pdf_check(render_pdf *d, vk_err *e)
{
	if (d->draw_err[0] != '\0') {
		vk_err_set(e, NULL, 0, 0, "%s", d->draw_err);
		d->draw_err[0] = '\0';
		S_check(d, HPDF_OK, "drawing", NULL);
		return -1;
	}
	return S_check(d, HPDF_OK, "drawing", e);
}

static const render_pdf_img *
S_img_get(const render_pdf *d, const char *key)
{
	for (size_t i = 0; i < d->nimgs; i++)
		if (strcmp(d->imgs[i].key, key) == 0)
			return &d->imgs[i];
	return NULL;
}

int
render_pdf_image_size(const render_pdf *d, const char *key, int *w, int *h)
{
	const render_pdf_img *im = S_img_get(d, key);

	if (im == NULL)
		return 0;
	*w = im->w;
	*h = im->h;
	return 1;
}

int
render_pdf_image_add(render_pdf *d, const char *key, const render_image *img,
                     vk_err *e)
{
	size_t bytes = (size_t)img->w * (size_t)img->h * (img->alpha ? 4 : 3);
	render_pdf_img *im;
	HPDF_Image rgb, mask;
	char *k;

	if (S_img_get(d, key) != NULL)
		return 0;
	if (d->nimgs >= RENDER_PDF_MAX_IMAGES)
		return vk_err_set(e, NULL, 0, 0, "more than %d different images",
		                  RENDER_PDF_MAX_IMAGES);
	if (bytes > RENDER_PDF_MAX_IMAGE_BYTES - d->img_bytes)
		return vk_err_set(e, NULL, 0, 0, "images take more than %zu MB "
		                  "of pixels together",
		                  RENDER_PDF_MAX_IMAGE_BYTES >> 20);
	if (d->nimgs == d->capimgs) {
		size_t cap = d->capimgs ? 2 * d->capimgs : 8;
		render_pdf_img *p = realloc(d->imgs, cap * sizeof(*p));

		if (p == NULL)
			return vk_err_io(e, NULL, "out of memory");
		d->imgs = p;
		d->capimgs = cap;
	}
	if ((k = strdup(key)) == NULL)
		return vk_err_io(e, NULL, "out of memory");
	/* Raw samples: libharu copies them into a stream (Flate-compressed
	 * with HPDF_COMP_ALL) without parsing anything. */
	rgb = HPDF_LoadRawImageFromMem(d->pdf, img->rgb, (HPDF_UINT)img->w,
	                               (HPDF_UINT)img->h, HPDF_CS_DEVICE_RGB, 8);
	if (rgb != NULL && img->alpha != NULL) {
		mask = HPDF_LoadRawImageFromMem(d->pdf, img->alpha,
		                                (HPDF_UINT)img->w,
		                                (HPDF_UINT)img->h,
		                                HPDF_CS_DEVICE_GRAY, 8);
		if (mask == NULL || HPDF_Image_AddSMask(rgb, mask) != HPDF_OK)
			rgb = NULL;
	}
	if (S_check(d, HPDF_OK, "image", e) < 0) {
		free(k);
		return -1;
	}
	if (rgb == NULL) {
		free(k);
		return vk_err_io(e, NULL, "libharu cannot load the image");
	}
	im = &d->imgs[d->nimgs++];
	im->key = k;
	im->img = rgb;
	im->w = img->w;
	im->h = img->h;
	d->img_bytes += bytes;
	return 0;
}

int
render_pdf_image_draw(render_pdf *d, const char *key, double x, double y,
                      double w, double h, vk_err *e)
{
	const render_pdf_img *im = S_img_get(d, key);
	double v[4] = { x, y, w, h };

	if (S_need_page(d, e) < 0 || S_coords_ok(v, 4, e) < 0)
		return -1;
	if (im == NULL)
		return vk_err_set(e, NULL, 0, 0, "image %s was not loaded", key);
	if (!(w > 0 && h > 0))
		return vk_err_set(e, NULL, 0, 0, "image size must be positive");
	HPDF_Page_DrawImage(d->pages[d->cur], im->img, (HPDF_REAL)x,
	                    (HPDF_REAL)RENDER_PDF_Y(y + h), (HPDF_REAL)w,
	                    (HPDF_REAL)h);
	return S_check(d, HPDF_OK, "image", e);
}

int
render_pdf_save(render_pdf *d, FILE *fp, vk_err *e)
{
	HPDF_BYTE buf[65536];
	HPDF_STATUS st;

	if (d->npages == 0)
		return vk_err_set(e, NULL, 0, 0,
		                  "the template made no pages");
	if (S_check(d, HPDF_SaveToStream(d->pdf), "writing the PDF", e) < 0)
		return -1;
	HPDF_ResetStream(d->pdf);
	for (;;) {
		HPDF_UINT32 n = sizeof(buf);

		st = HPDF_ReadFromStream(d->pdf, buf, &n);
		if (n > 0 && fwrite(buf, 1, n, fp) != n)
			return vk_err_io(e, NULL, "cannot write the PDF: %s",
			                 strerror(errno));
		if (st == HPDF_STREAM_EOF)
			break;
		if (S_check(d, st, "reading the PDF stream", e) < 0)
			return -1;
	}
	/* Reaching the end is reported as an error too: not one. */
	d->hpdf_err = HPDF_OK;
	HPDF_ResetError(d->pdf);
	return 0;
}
