/* vk_err: the error record every library function fills instead of printing.
 *
 * Library code never prints and never exits: a failing function fills a vk_err
 * and returns -1 (or NULL). Only a tool's main() prints it and picks the exit
 * code. The record is plain data with fixed-size buffers, so filling it can
 * not fail and needs no cleanup. */
#ifndef VK_ERR_H
#define VK_ERR_H

#include <stdio.h>

/* Exit codes shared by every tool (documented in README.md). */
enum {
	VK_EXIT_OK = 0,
	VK_EXIT_INPUT = 1,   /* bad input: config, data, template */
	VK_EXIT_USAGE = 2,   /* bad command line */
	VK_EXIT_IO = 3,      /* cannot write output, out of memory, internal */
	VK_EXIT_LOCKED = 75  /* another run holds the lock (EX_TEMPFAIL) */
};

typedef struct vk_err {
	char file[512]; /* "" when the problem has no file */
	long line;      /* 1-based; 0 = unknown */
	long col;       /* 1-based; 0 = unknown */
	int io;         /* 1 = an output/system failure, not bad input */
	char msg[1024];
} vk_err;

/* Fills e (if non-NULL) and returns -1, so callers can `return vk_err_set(...)`.
 * file may be NULL. Messages follow git's style: lowercase, no full stop,
 * what failed first, then what was expected and what was found. */
int vk_err_set(vk_err *e, const char *file, long line, long col,
               const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Same, marking the error as an I/O/system failure (exit code VK_EXIT_IO). */
int vk_err_io(vk_err *e, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prints "prog: file:line:col: msg\n" (parts that are unknown left out). */
void vk_err_print(const vk_err *e, const char *prog, FILE *fp);

/* VK_EXIT_IO for I/O errors, VK_EXIT_INPUT otherwise. */
int vk_err_exit_code(const vk_err *e);

#endif
