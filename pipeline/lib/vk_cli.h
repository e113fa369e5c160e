/* vk_cli: command-line conventions every tool shares, and small memory
 * helpers every stage needs. */
#ifndef VK_CLI_H
#define VK_CLI_H

#include <getopt.h>
#include <stddef.h>

/* The long options of every tool; end a tool's option table with these. */
#define VK_CLI_COMMON_LONGOPTS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, 'V' }, \
	{ NULL, 0, NULL, 0 }

/* Handles an option the tool itself does not know: 'h' prints usage on
 * stdout (exit 0), 'V' the version (exit 0), anything else is a usage error
 * (usage on stderr, exit 2). Returns the exit code for main. */
int vk_cli_other(int ch, const char *prog, const char *usage);

/* Returns p grown (doubling) to hold at least need elements of size bytes,
 * updating *cap; returns NULL when out of memory, p then still valid and
 * owned by the caller. */
void *vk_grow(void *p, size_t *cap, size_t need, size_t size);

#endif
