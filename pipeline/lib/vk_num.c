#include "vk_num.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A thousands separator must sit between digits and be followed by
 * exactly three digits before the next separator, decimal mark or end. */
static int
S_is_group_sep(const char *p, const char *begin, const char *end, char decimal)
{
	if (p == begin || p[-1] < '0' || p[-1] > '9' || end - p < 4)
		return 0;
	for (int k = 1; k <= 3; k++)
		if (p[k] < '0' || p[k] > '9')
			return 0;
	return p + 4 == end || p[4] == decimal || p[4] == *p;
}

int
vk_num_parse(const char *s, char decimal, const char *const *missing,
             size_t nmissing, double *out)
{
	char buf[64];
	size_t n = 0, len;
	const char *p, *end;
	int mant = 0, dec = 0, exp = 0, exp_digits = 0;
	char group = decimal == ',' ? '.' : ' ';
	double v;
	char *stop;

	*out = NAN;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	                   s[len - 1] == '\r'))
		len--;
	if (len == 0 || (len == 2 && memcmp(s, "NA", 2) == 0))
		return 1;
	for (size_t i = 0; i < nmissing; i++)
		if (strlen(missing[i]) == len && memcmp(s, missing[i], len) == 0)
			return 1;
	if (len >= sizeof(buf))
		return -1;

	/* Build a plain C-notation copy by hand: strtod follows LC_NUMERIC and
	 * would accept "inf", "nan" and hex, none of which is a CBS number. */
	end = s + len;
	for (p = s; p < end; p++) {
		char c = *p;

		if (c >= '0' && c <= '9') {
			buf[n++] = c;
			if (exp)
				exp_digits++;
			else
				mant++;
		} else if ((c == '-' || c == '+') && (p == s || (exp && p[-1] == 'e'))) {
			buf[n++] = c;
		} else if (c == decimal && !dec && !exp) {
			buf[n++] = '.';
			dec = 1;
		} else if ((c == group || c == ' ') && !dec && !exp &&
		           S_is_group_sep(p, s, end, decimal)) {
			continue;
		} else if ((c == 'e' || c == 'E') && mant > 0 && !exp) {
			buf[n++] = 'e';
			exp = 1;
		} else {
			return -1;
		}
	}
	buf[n] = '\0';
	if (mant == 0 || (exp && exp_digits == 0))
		return -1;
	v = strtod(buf, &stop);
	if (*stop != '\0' || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

char *
vk_num_fmt(char *buf, size_t n, double v, int decimals)
{
	if (isnan(v)) {
		snprintf(buf, n, "%s", VK_NA_TEXT);
		return buf;
	}
	snprintf(buf, n, "%.*f", decimals, v);
	/* "-0.0" would make golden files flip on rounding noise. */
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
	return buf;
}

char *
vk_num_nl(char *buf, size_t n, double v, int decimals)
{
	char plain[64], out[96];
	const char *intpart, *frac;
	size_t ilen, o = 0;
	int neg;

	if (isnan(v)) {
		snprintf(buf, n, "n.b.");
		return buf;
	}
	vk_num_fmt(plain, sizeof(plain), v, decimals);
	neg = plain[0] == '-';
	intpart = plain + neg;
	frac = strchr(intpart, '.');
	ilen = frac != NULL ? (size_t)(frac - intpart) : strlen(intpart);
	if (neg) {
		memcpy(out, "\xE2\x88\x92", 3); /* U+2212 MINUS SIGN */
		o = 3;
	}
	for (size_t i = 0; i < ilen && o < sizeof(out) - 8; i++) {
		if (i > 0 && (ilen - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = intpart[i];
	}
	if (frac != NULL) {
		out[o++] = ',';
		for (frac++; *frac != '\0' && o < sizeof(out) - 1; frac++)
			out[o++] = *frac;
	}
	out[o] = '\0';
	snprintf(buf, n, "%s", out);
	return buf;
}
