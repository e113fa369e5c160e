#include "vk_strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *key; /* NULL = empty slot */
	size_t val;
} S_slot;

struct vk_strmap {
	S_slot *slots;
	size_t cap, count; /* cap is a power of two */
};

static uint64_t
S_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

vk_strmap *
vk_strmap_new(void)
{
	vk_strmap *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->cap = 64;
	m->slots = calloc(m->cap, sizeof(*m->slots));
	if (m->slots == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

void
vk_strmap_free(vk_strmap *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	free(m);
}

static S_slot *
S_find(S_slot *slots, size_t cap, const char *key)
{
	size_t i = (size_t)S_hash(key) & (cap - 1);

	while (slots[i].key != NULL && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static int
S_grow(vk_strmap *m)
{
	size_t ncap = m->cap * 2;
	S_slot *ns = calloc(ncap, sizeof(*ns));

	if (ns == NULL)
		return -1;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key != NULL)
			*S_find(ns, ncap, m->slots[i].key) = m->slots[i];
	free(m->slots);
	m->slots = ns;
	m->cap = ncap;
	return 0;
}

int
vk_strmap_put(vk_strmap *m, const char *key, size_t val)
{
	S_slot *s;

	if ((m->count + 1) * 4 > m->cap * 3 && S_grow(m) != 0)
		return -1;
	s = S_find(m->slots, m->cap, key);
	if (s->key == NULL) {
		s->key = strdup(key);
		if (s->key == NULL)
			return -1;
		m->count++;
	}
	s->val = val;
	return 0;
}

int
vk_strmap_get(const vk_strmap *m, const char *key, size_t *val)
{
	const S_slot *s = S_find(m->slots, m->cap, key);

	if (s->key == NULL)
		return 0;
	if (val != NULL)
		*val = s->val;
	return 1;
}

size_t
vk_strmap_count(const vk_strmap *m)
{
	return m->count;
}
