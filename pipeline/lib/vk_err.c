#include "vk_err.h"

#include <stdarg.h>
#include <string.h>

static void
S_fill(vk_err *e, const char *file, long line, long col, const char *fmt,
       va_list ap)
{
	memset(e, 0, sizeof(*e));
	if (file != NULL)
		snprintf(e->file, sizeof(e->file), "%s", file);
	e->line = line;
	e->col = col;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
}

int
vk_err_set(vk_err *e, const char *file, long line, long col,
           const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	S_fill(e, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

int
vk_err_io(vk_err *e, const char *file, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	S_fill(e, file, 0, 0, fmt, ap);
	va_end(ap);
	e->io = 1;
	return -1;
}

void
vk_err_print(const vk_err *e, const char *prog, FILE *fp)
{
	fprintf(fp, "%s: ", prog);
	if (e->file[0] != '\0') {
		fprintf(fp, "%s:", e->file);
		if (e->line > 0) {
			fprintf(fp, "%ld:", e->line);
			if (e->col > 0)
				fprintf(fp, "%ld:", e->col);
		}
		fputc(' ', fp);
	}
	fprintf(fp, "%s\n", e->msg[0] != '\0' ? e->msg : "unknown error");
}

int
vk_err_exit_code(const vk_err *e)
{
	return e->io ? VK_EXIT_IO : VK_EXIT_INPUT;
}
