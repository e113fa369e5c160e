/* vk_out: atomic output files. Everything is written to a temporary file in
 * the target's directory and renamed over the target only when complete, so
 * a failed run leaves the previous output untouched. */
#ifndef VK_OUT_H
#define VK_OUT_H

#include <stdio.h>

#include "vk_err.h"

typedef struct vk_out {
	FILE *fp;        /* write here between open and commit */
	char *path;      /* final name (owned) */
	char *tmp;       /* temporary name (owned) */
} vk_out;

/* Creates "<path>.tmp.XXXXXX" next to path (creating no directories).
 * Returns o->fp or NULL with e filled. */
FILE *vk_out_open(vk_out *o, const char *path, vk_err *e);
/* Flushes, fsyncs, closes and renames; on any failure removes the temporary
 * file and returns -1 with e filled. Always releases o. */
int vk_out_commit(vk_out *o, vk_err *e);
/* Closes and removes the temporary file; safe on a zeroed or released o. */
void vk_out_abort(vk_out *o);

/* Commits n outputs as a set: flushes all of them first and renames only
 * when every one was written, so a full disk leaves no mix of old and new
 * files (a rename itself failing midway still can). On failure the rest
 * are aborted. */
int vk_out_commit_all(vk_out *o, size_t n, vk_err *e);
/* vk_out_abort on each of n outputs (the cleanup path of a tool). */
void vk_out_abort_all(vk_out *o, size_t n);

/* Creates a directory and its parents (mode 0777 & ~umask). */
int vk_mkdirs(const char *dir, vk_err *e);

/* Reads a whole file (at most max bytes) into a NUL-terminated buffer the
 * caller frees. *len gets the length without the NUL. */
char *vk_read_file(const char *path, size_t max, size_t *len, vk_err *e);

#endif
