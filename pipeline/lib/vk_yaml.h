/* vk_yaml: a small, safe YAML tree built from libyaml's event API.
 *
 * Configs are tiny, so the whole document becomes a tree of scalars,
 * sequences and mappings, each node remembering its line and column for
 * error messages. Aliases and anchors are refused (the document API would
 * share or cycle them); duplicate keys are refused; depth and node count are
 * capped. Only one document per file. */
#ifndef VK_YAML_H
#define VK_YAML_H

#include <stddef.h>

#include "vk_err.h"

#define VK_YAML_MAX_DEPTH 32
#define VK_YAML_MAX_NODES 100000

typedef enum { VK_Y_SCALAR, VK_Y_SEQ, VK_Y_MAP } vk_ykind;

typedef struct vk_ynode vk_ynode;
struct vk_ynode {
	vk_ykind kind;
	long line, col;      /* 1-based position of the node */
	char *str;           /* scalar text (owned), NULL otherwise */
	int plain;           /* scalar was unquoted (may be a number/bool) */
	size_t n;            /* items (seq) or key/value pairs (map) */
	vk_ynode **items;    /* seq: n nodes; map: 2n nodes, key then value */
};

/* Parses buf (len bytes) from file `path` (used in messages). Returns the
 * root (a mapping, sequence or scalar) the caller frees with vk_ynode_free,
 * or NULL with e filled. An empty document gives an empty mapping. */
vk_ynode *vk_yaml_parse(const char *path, const char *buf, size_t len,
                        vk_err *e);
void vk_ynode_free(vk_ynode *n);

/* Mapping lookup: the value for key, or NULL. */
vk_ynode *vk_ymap_get(const vk_ynode *map, const char *key);

const char *vk_ykind_name(vk_ykind k);

/* Fills e with "path:line:col: message" at node n (n may be NULL: no
 * position) and returns -1, for `return vk_yaml_fail(...)`. */
int vk_yaml_fail(vk_err *e, const char *path, const vk_ynode *n,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Refuses a key of map that is not in allowed (NULL-terminated): fills e
 * with "path:line:col: unknown key "k" in WHERE; expected one of: ..." and
 * returns -1. Returns 0 when every key is allowed. */
int vk_ymap_only(const vk_ynode *map, const char *const *allowed,
                 const char *where, const char *path, vk_err *e);

#endif
