#include "render_path.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
render_path_plain(const char *name)
{
	const char *p = name;

	if (*p == '\0' || *p == '/' || strchr(name, '\\') != NULL)
		return 0;
	while (*p != '\0') {
		const char *seg = p;
		size_t n;

		while (*p != '\0' && *p != '/')
			p++;
		n = (size_t)(p - seg);
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (*p == '/') {
			p++;
			if (*p == '\0')
				return 0;   /* trailing slash: a folder */
		}
	}
	return 1;
}

char *
render_path_inside(const char *dir_real, const char *path, int *outside)
{
	size_t dl = strlen(dir_real);
	char *real = realpath(path, NULL);

	*outside = 0;
	if (real == NULL)
		return NULL;
	/* dir_real is "/" only when someone passes the root as template
	 * folder; then everything is inside. */
	if (strncmp(real, dir_real, dl) == 0 &&
	    (real[dl] == '/' || (dl == 1 && dir_real[0] == '/')))
		return real;
	free(real);
	*outside = 1;
	return NULL;
}

char *
render_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}
