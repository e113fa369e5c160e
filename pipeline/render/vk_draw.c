#include "vk_draw.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

static int
S_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
vk_draw_parse_rgb(const char *s, vk_rgb *out)
{
	int v[6];

	if (s == NULL || s[0] != '#')
		return -1;
	for (int i = 0; i < 6; i++)
		if ((v[i] = S_hex(s[i + 1])) < 0)
			return -1;
	if (s[7] != '\0')
		return -1;
	out->r = (v[0] * 16 + v[1]) / 255.0;
	out->g = (v[2] * 16 + v[3]) / 255.0;
	out->b = (v[4] * 16 + v[5]) / 255.0;
	return 0;
}

void
vk_draw_hatch(vk_draw *d, double x, double y, double w, double h,
              double spacing)
{
	/* Lines x - y = k for k on the grid; k runs over the range the box
	 * covers. */
	double k0 = floor((x - (y + h)) / spacing) * spacing;

	for (double k = k0; k <= x + w - y; k += spacing) {
		d->ops->moveto(d->ctx, k + y, y);
		d->ops->lineto(d->ctx, k + y + h, y + h);
	}
	d->ops->stroke(d->ctx);
}

int
vk_draw_pattern_kind(const char *name)
{
	static const char *const names[] = { "hatch", "back", "rows", "cross" };

	for (int i = 0; i < 4; i++)
		if (name != NULL && strcmp(name, names[i]) == 0)
			return VK_PAT_HATCH + i;
	return -1;
}

void
vk_draw_pattern(vk_draw *d, int kind, double x, double y, double w, double h,
                double spacing)
{
	if (kind == VK_PAT_HATCH || kind == VK_PAT_CROSS) {
		vk_draw_hatch(d, x, y, w, h, spacing);
	}
	if (kind == VK_PAT_BACK || kind == VK_PAT_CROSS) {
		/* Lines x + y = k, bottom-left to top-right. */
		double k0 = floor((x + y) / spacing) * spacing;

		for (double k = k0; k <= x + w + y + h; k += spacing) {
			d->ops->moveto(d->ctx, k - y, y);
			d->ops->lineto(d->ctx, k - y - h, y + h);
		}
		d->ops->stroke(d->ctx);
	}
	if (kind == VK_PAT_ROWS) {
		for (double k = floor(y / spacing) * spacing; k <= y + h;
		     k += spacing) {
			d->ops->moveto(d->ctx, x, k);
			d->ops->lineto(d->ctx, x + w, k);
		}
		d->ops->stroke(d->ctx);
	}
}
