#include "vk_cli.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "vk_err.h"
#include "vk_version.h"

int
vk_cli_other(int ch, const char *prog, const char *usage)
{
	if (ch == 'h') {
		fputs(usage, stdout);
		return VK_EXIT_OK;
	}
	if (ch == 'V') {
		printf("%s (QuickScan Veerkracht) %s\n", prog, VK_VERSION);
		return VK_EXIT_OK;
	}
	fputs(usage, stderr);
	return VK_EXIT_USAGE;
}

void *
vk_grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap != 0 ? *cap : 16;

	if (need <= *cap)
		return p;
	while (n < need) {
		if (n > SIZE_MAX / 2 / size)
			return NULL;
		n *= 2;
	}
	p = realloc(p, n * size);
	if (p != NULL)
		*cap = n;
	return p;
}
