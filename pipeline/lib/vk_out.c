#include "vk_out.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *
vk_out_open(vk_out *o, const char *path, vk_err *e)
{
	size_t n = strlen(path) + sizeof(".tmp.XXXXXX");
	int fd;

	memset(o, 0, sizeof(*o));
	o->path = strdup(path);
	o->tmp = malloc(n);
	if (o->path == NULL || o->tmp == NULL) {
		vk_out_abort(o);
		vk_err_io(e, path, "out of memory");
		return NULL;
	}
	snprintf(o->tmp, n, "%s.tmp.XXXXXX", path);
	/* mkstemp creates 0600; reports are meant to be shared like any file. */
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		vk_err_io(e, path, "cannot create a temporary file next to it: %s",
		          strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		vk_out_abort(o);
		return NULL;
	}
	{
		mode_t um = umask(0);

		umask(um);
		(void)fchmod(fd, 0666 & ~um);
	}
	o->fp = fdopen(fd, "wb");
	if (o->fp == NULL) {
		close(fd);
		vk_err_io(e, path, "cannot open: %s", strerror(errno));
		vk_out_abort(o);
		return NULL;
	}
	return o->fp;
}

int
vk_out_commit(vk_out *o, vk_err *e)
{
	int bad;

	if (o->fp == NULL)
		return vk_err_io(e, o->path, "internal error: output not open");
	/* ferror catches earlier failed writes (a full disk); fflush and fsync
	 * catch the ones still buffered. Only then may the old file go. */
	bad = ferror(o->fp) || fflush(o->fp) != 0 || fsync(fileno(o->fp)) != 0;
	if (fclose(o->fp) != 0)
		bad = 1;
	o->fp = NULL;
	if (bad) {
		int err = errno;

		vk_err_io(e, o->path, "cannot write: %s",
		          err != 0 ? strerror(err) : "write error");
		vk_out_abort(o);
		return -1;
	}
	if (rename(o->tmp, o->path) != 0) {
		vk_err_io(e, o->path, "cannot rename %s into place: %s", o->tmp,
		          strerror(errno));
		vk_out_abort(o);
		return -1;
	}
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return 0;
}

void
vk_out_abort(vk_out *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	o->fp = NULL;
	o->tmp = o->path = NULL;
}

int
vk_out_commit_all(vk_out *o, size_t n, vk_err *e)
{
	for (size_t i = 0; i < n; i++)
		if (o[i].fp == NULL || ferror(o[i].fp) || fflush(o[i].fp) != 0) {
			vk_err_io(e, o[i].path, "cannot write: %s",
			          errno != 0 ? strerror(errno) : "write error");
			vk_out_abort_all(o, n);
			return -1;
		}
	for (size_t i = 0; i < n; i++)
		if (vk_out_commit(&o[i], e) != 0) {
			vk_out_abort_all(o, n);
			return -1;
		}
	return 0;
}

void
vk_out_abort_all(vk_out *o, size_t n)
{
	for (size_t i = 0; i < n; i++)
		vk_out_abort(&o[i]);
}

int
vk_mkdirs(const char *dir, vk_err *e)
{
	char buf[4096];
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof(buf))
		return vk_err_io(e, dir, "directory name empty or too long");
	memcpy(buf, dir, n + 1);
	for (char *p = buf + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(buf, 0777) != 0 && errno != EEXIST)
				return vk_err_io(e, buf, "cannot create directory: %s",
				                 strerror(errno));
			*p = c;
			if (c == '\0')
				break;
		}
	}
	return 0;
}

char *
vk_read_file(const char *path, size_t max, size_t *len, vk_err *e)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (fp == NULL) {
		vk_err_set(e, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (n + 4096 + 1 > cap) {
			size_t ncap = cap == 0 ? 65536 : cap * 2;
			char *nb;

			if (ncap > max + 4096 + 1)
				ncap = max + 4096 + 1;
			nb = realloc(buf, ncap);
			if (nb == NULL) {
				vk_err_io(e, path, "out of memory");
				goto fail;
			}
			buf = nb, cap = ncap;
		}
		got = fread(buf + n, 1, cap - n - 1, fp);
		n += got;
		if (n > max) {
			vk_err_set(e, path, 0, 0,
			           "file too large: more than %zu bytes", max);
			goto fail;
		}
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		vk_err_set(e, path, 0, 0, "cannot read: %s", strerror(errno));
		goto fail;
	}
	fclose(fp);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
fail:
	fclose(fp);
	free(buf);
	return NULL;
}
