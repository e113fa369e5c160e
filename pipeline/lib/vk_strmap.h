/* vk_strmap: a string → index hash map (open addressing), for joining
 * thousands of areas by code without quadratic scans. Keys are copied. */
#ifndef VK_STRMAP_H
#define VK_STRMAP_H

#include <stddef.h>

typedef struct vk_strmap vk_strmap;

vk_strmap *vk_strmap_new(void);                /* NULL when out of memory */
void vk_strmap_free(vk_strmap *m);
/* Adds key → val, or replaces val. Returns 0, or -1 when out of memory. */
int vk_strmap_put(vk_strmap *m, const char *key, size_t val);
/* Returns 1 and *val when key is present, 0 otherwise. */
int vk_strmap_get(const vk_strmap *m, const char *key, size_t *val);
size_t vk_strmap_count(const vk_strmap *m);

#endif
