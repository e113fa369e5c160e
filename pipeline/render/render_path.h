/* render_path: the file-name rules every name a template or a config gives
 * must pass before vk-render opens it (includes, images).
 *
 * A name is a plain relative path: no "..", no "." segments, not absolute,
 * no empty segments, no backslashes. Even so a symlink inside an allowed
 * folder could lead out of it, so the file's realpath is checked against the
 * folder's realpath too. */
#ifndef RENDER_PATH_H
#define RENDER_PATH_H

/* 1 when name is a plain relative path as described above. */
int render_path_plain(const char *name);

/* dir_real: realpath of the allowed folder; path: dir/name as given.
 * Returns the malloc'd realpath of path when it exists and lies inside
 * dir_real; NULL otherwise, with *outside set to 1 when the file exists but
 * resolves to somewhere outside (0: it does not exist or cannot be
 * resolved). */
char *render_path_inside(const char *dir_real, const char *path,
                         int *outside);

/* "dir/name" (malloc'd), or NULL when out of memory. */
char *render_path_join(const char *dir, const char *name);

#endif
