#include "vk_draw.h"

#include <math.h>
#include <stddef.h>

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
