#include "vk_yaml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct {
	const char *path;
	yaml_parser_t parser;
	size_t nodes;
	vk_err *e;
} S_ctx;

static vk_ynode *S_parse_node(S_ctx *c, yaml_event_t *ev, int depth);

const char *
vk_ykind_name(vk_ykind k)
{
	return k == VK_Y_SCALAR ? "a scalar" : k == VK_Y_SEQ ? "a list" :
	       "a mapping";
}

void
vk_ynode_free(vk_ynode *n)
{
	size_t count;

	if (n == NULL)
		return;
	count = n->kind == VK_Y_MAP ? 2 * n->n : n->n;
	for (size_t i = 0; i < count; i++)
		vk_ynode_free(n->items[i]);
	free(n->items);
	free(n->str);
	free(n);
}

static int
S_next(S_ctx *c, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&c->parser, ev)) {
		yaml_parser_t *p = &c->parser;
		const yaml_mark_t *m = p->problem != NULL ? &p->problem_mark :
		                       &p->context_mark;

		if (p->context != NULL)
			return vk_err_set(c->e, c->path, (long)m->line + 1,
			                  (long)m->column + 1, "%s %s",
			                  p->problem ? p->problem : "syntax error",
			                  p->context);
		return vk_err_set(c->e, c->path, (long)m->line + 1,
		                  (long)m->column + 1, "%s",
		                  p->problem ? p->problem : "syntax error");
	}
	return 0;
}

static vk_ynode *
S_node_new(S_ctx *c, vk_ykind kind, const yaml_event_t *ev)
{
	vk_ynode *n;

	if (++c->nodes > VK_YAML_MAX_NODES) {
		vk_err_set(c->e, c->path, (long)ev->start_mark.line + 1,
		           (long)ev->start_mark.column + 1,
		           "too many nodes: the limit is %d", VK_YAML_MAX_NODES);
		return NULL;
	}
	n = calloc(1, sizeof(*n));
	if (n == NULL) {
		vk_err_io(c->e, c->path, "out of memory");
		return NULL;
	}
	n->kind = kind;
	n->line = (long)ev->start_mark.line + 1;
	n->col = (long)ev->start_mark.column + 1;
	return n;
}

static int
S_push(S_ctx *c, vk_ynode *parent, vk_ynode *child, size_t *cap)
{
	if (parent->n + 1 > *cap) {
		size_t ncap = *cap == 0 ? 8 : *cap * 2;
		vk_ynode **ni = realloc(parent->items, ncap * sizeof(*ni));

		if (ni == NULL)
			return vk_err_io(c->e, c->path, "out of memory");
		parent->items = ni;
		*cap = ncap;
	}
	parent->items[parent->n++] = child;
	return 0;
}

/* Parses the children of a sequence or mapping until its end event. For a
 * mapping, items alternate key, value and n counts pairs at the end. */
static int
S_parse_children(S_ctx *c, vk_ynode *n, int depth)
{
	size_t cap = 0;
	yaml_event_type_t end = n->kind == VK_Y_SEQ ? YAML_SEQUENCE_END_EVENT :
	                        YAML_MAPPING_END_EVENT;

	for (;;) {
		yaml_event_t ev;
		vk_ynode *child;

		if (S_next(c, &ev) != 0)
			return -1;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			break;
		}
		child = S_parse_node(c, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (child == NULL)
			return -1;
		if (n->kind == VK_Y_MAP && n->n % 2 == 0) {
			/* a key: must be a scalar and new */
			if (child->kind != VK_Y_SCALAR) {
				vk_err_set(c->e, c->path, child->line, child->col,
				           "expected a plain key, found %s",
				           vk_ykind_name(child->kind));
				vk_ynode_free(child);
				return -1;
			}
			for (size_t i = 0; i < n->n; i += 2) {
				if (strcmp(n->items[i]->str, child->str) == 0) {
					vk_err_set(c->e, c->path, child->line,
					           child->col,
					           "duplicate key \"%s\" (first at line %ld)",
					           child->str, n->items[i]->line);
					vk_ynode_free(child);
					return -1;
				}
			}
		}
		if (S_push(c, n, child, &cap) != 0) {
			vk_ynode_free(child);
			return -1;
		}
	}
	if (n->kind == VK_Y_MAP)
		n->n /= 2;
	return 0;
}

static vk_ynode *
S_parse_node(S_ctx *c, yaml_event_t *ev, int depth)
{
	vk_ynode *n = NULL;
	const unsigned char *anchor = NULL;

	if (depth > VK_YAML_MAX_DEPTH) {
		vk_err_set(c->e, c->path, (long)ev->start_mark.line + 1,
		           (long)ev->start_mark.column + 1,
		           "nesting deeper than %d levels", VK_YAML_MAX_DEPTH);
		return NULL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		vk_err_set(c->e, c->path, (long)ev->start_mark.line + 1,
		           (long)ev->start_mark.column + 1,
		           "aliases (*%s) are not supported in a config: write the "
		           "value out", (const char *)ev->data.alias.anchor);
		return NULL;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		break;
	default:
		vk_err_set(c->e, c->path, (long)ev->start_mark.line + 1,
		           (long)ev->start_mark.column + 1, "unexpected YAML event");
		return NULL;
	}
	if (anchor != NULL) {
		vk_err_set(c->e, c->path, (long)ev->start_mark.line + 1,
		           (long)ev->start_mark.column + 1,
		           "anchors (&%s) are not supported in a config",
		           (const char *)anchor);
		return NULL;
	}
	if (ev->type == YAML_SCALAR_EVENT) {
		n = S_node_new(c, VK_Y_SCALAR, ev);
		if (n == NULL)
			return NULL;
		n->str = malloc(ev->data.scalar.length + 1);
		if (n->str == NULL) {
			vk_err_io(c->e, c->path, "out of memory");
			vk_ynode_free(n);
			return NULL;
		}
		memcpy(n->str, ev->data.scalar.value, ev->data.scalar.length);
		n->str[ev->data.scalar.length] = '\0';
		if (strlen(n->str) != ev->data.scalar.length) {
			vk_err_set(c->e, c->path, n->line, n->col,
			           "NUL byte inside a value");
			vk_ynode_free(n);
			return NULL;
		}
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return n;
	}
	n = S_node_new(c, ev->type == YAML_SEQUENCE_START_EVENT ? VK_Y_SEQ :
	               VK_Y_MAP, ev);
	if (n == NULL)
		return NULL;
	if (S_parse_children(c, n, depth) != 0) {
		/* Mid-parse, n counts raw items (a key may lack its value):
		 * free them as a list. */
		n->kind = VK_Y_SEQ;
		vk_ynode_free(n);
		return NULL;
	}
	return n;
}

vk_ynode *
vk_yaml_parse(const char *path, const char *buf, size_t len, vk_err *e)
{
	S_ctx c;
	yaml_event_t ev;
	vk_ynode *root = NULL;
	int state = 0; /* 0 before the document, 1 inside, 2 after */

	memset(&c, 0, sizeof(c));
	c.path = path;
	c.e = e;
	if (!yaml_parser_initialize(&c.parser)) {
		vk_err_io(e, path, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_string(&c.parser, (const unsigned char *)buf, len);
	for (;;) {
		if (S_next(&c, &ev) != 0)
			goto fail;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (state != 0) {
				vk_err_set(e, path, (long)ev.start_mark.line + 1,
				           (long)ev.start_mark.column + 1,
				           "expected one YAML document, found a second");
				yaml_event_delete(&ev);
				goto fail;
			}
			state = 1;
			break;
		default:
			root = S_parse_node(&c, &ev, 0);
			if (root == NULL) {
				yaml_event_delete(&ev);
				goto fail;
			}
			state = 2;
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&c.parser);
	if (root == NULL) {
		root = calloc(1, sizeof(*root));
		if (root == NULL) {
			vk_err_io(e, path, "out of memory");
			return NULL;
		}
		root->kind = VK_Y_MAP;
		root->line = root->col = 1;
	}
	return root;
fail:
	yaml_parser_delete(&c.parser);
	vk_ynode_free(root);
	return NULL;
}

vk_ynode *
vk_ymap_get(const vk_ynode *map, const char *key)
{
	if (map == NULL || map->kind != VK_Y_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->items[2 * i]->str, key) == 0)
			return map->items[2 * i + 1];
	return NULL;
}

int
vk_ymap_only(const vk_ynode *map, const char *const *allowed,
             const char *where, const char *path, vk_err *e)
{
	for (size_t i = 0; i < map->n; i++) {
		const vk_ynode *k = map->items[2 * i];
		char list[512] = "";
		size_t j;

		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(allowed[j], k->str) == 0)
				break;
		if (allowed[j] != NULL)
			continue;
		for (j = 0; allowed[j] != NULL; j++) {
			size_t len = strlen(list);

			snprintf(list + len, sizeof(list) - len, "%s%s",
			         j > 0 ? ", " : "", allowed[j]);
		}
		return vk_err_set(e, path, k->line, k->col,
		                  "unknown key \"%s\" in %s; expected one of: %s",
		                  k->str, where, list);
	}
	return 0;
}

int
vk_yaml_fail(vk_err *e, const char *path, const vk_ynode *n, const char *fmt,
             ...)
{
	char msg[sizeof(e->msg)];
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return vk_err_set(e, path, n != NULL ? n->line : 0,
	                  n != NULL ? n->col : 0, "%s", msg);
}
