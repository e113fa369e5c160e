#include "vk_classify.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Colours and rules from DOMAIN.md §5. */
static const vk_class_info S_classes[VK_NCLASS] = {
	{ "VD", "Veerkracht onder druk",
	  "K neemt toe en O verslechtert", "#D7301F" },
	{ "OT", "Overlast neemt toe",
	  "K stabiel of dalend en O verslechtert", "#FC8D59" },
	{ "VK", "Veerkrachtig",
	  "K neemt toe en O blijft stabiel of verbetert", "#1A9850" },
	{ "ST", "Stabiel", "K stabiel en O stabiel", "#D9D9D9" },
	{ "VB", "Verbeterend",
	  "K daalt en O stabiel of beter, of K stabiel en O verbetert",
	  "#91BFDB" },
	{ "NA", "Onvoldoende gegevens",
	  "te weinig inwoners of een ontbrekende waarde", "#FFFFFF" },
};

const vk_class_info *
vk_class_info_of(vk_class c)
{
	return c < VK_NCLASS ? &S_classes[c] : &S_classes[VK_CLASS_NA];
}

vk_class
vk_class_from_code(const char *code)
{
	for (int i = 0; i < VK_NCLASS; i++)
		if (strcmp(S_classes[i].code, code) == 0)
			return (vk_class)i;
	return VK_NCLASS;
}

vk_chg
vk_change(double d, double threshold)
{
	if (isnan(d) || isnan(threshold))
		return VK_CHG_NA;
	if (d > threshold)
		return VK_CHG_UP;
	if (d < -threshold)
		return VK_CHG_DOWN;
	return VK_CHG_STABLE;
}

const char *
vk_change_k_word(vk_chg c)
{
	return c == VK_CHG_UP ? "toename" : c == VK_CHG_DOWN ? "afname" :
	       c == VK_CHG_STABLE ? "stabiel" : "NA";
}

const char *
vk_change_o_word(vk_chg c)
{
	return c == VK_CHG_UP ? "verbetering" :
	       c == VK_CHG_DOWN ? "verslechtering" :
	       c == VK_CHG_STABLE ? "stabiel" : "NA";
}

vk_class
vk_classify_signal(vk_chg k, vk_chg o)
{
	if (k == VK_CHG_NA || o == VK_CHG_NA)
		return VK_CLASS_NA;
	if (o == VK_CHG_DOWN)
		return k == VK_CHG_UP ? VK_CLASS_VD : VK_CLASS_OT;
	if (k == VK_CHG_UP)
		return VK_CLASS_VK;
	if (k == VK_CHG_DOWN || o == VK_CHG_UP)
		return VK_CLASS_VB;
	return VK_CLASS_ST;
}

size_t
vk_stat_count(const double *x, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += !isnan(x[i]);
	return c;
}

double
vk_stat_mean(const double *x, size_t n)
{
	double s = 0;
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i]))
			s += x[i], c++;
	return c > 0 ? s / (double)c : NAN;
}

double
vk_stat_sd(const double *x, size_t n)
{
	double m = vk_stat_mean(x, n), s = 0;
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i]))
			s += (x[i] - m) * (x[i] - m), c++;
	return c > 1 ? sqrt(s / (double)(c - 1)) : NAN;
}

static int
S_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double
vk_stat_quantile(const double *x, size_t n, double p)
{
	double *v = malloc((n > 0 ? n : 1) * sizeof(*v)), h, q;
	size_t c = 0, lo;

	if (v == NULL)
		return NAN;
	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i]))
			v[c++] = x[i];
	if (c == 0) {
		free(v);
		return NAN;
	}
	qsort(v, c, sizeof(*v), S_cmp);
	h = (double)(c - 1) * p;
	lo = (size_t)floor(h);
	q = lo + 1 < c ? v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]) : v[lo];
	free(v);
	return q;
}

int
vk_tercile(double v, double q1, double q2)
{
	if (isnan(v) || isnan(q1) || isnan(q2))
		return -1;
	return v < q1 ? 0 : v > q2 ? 2 : 1;
}

const char *
vk_level_k_word(int t)
{
	return t == 0 ? "laag" : t == 1 ? "midden" : t == 2 ? "hoog" : "NA";
}

const char *
vk_level_o_word(int t)
{
	return t == 0 ? "zwak" : t == 1 ? "midden" : t == 2 ? "goed" : "NA";
}

double
vk_zscore(double v, double mean, double sd)
{
	if (isnan(v) || isnan(mean) || isnan(sd) || sd == 0)
		return NAN;
	return (v - mean) / sd;
}

int
vk_lbm_klasse(double v, const double *bounds)
{
	int k = 1;

	if (isnan(v))
		return 0;
	while (k < VK_LBM_NKLASSEN && v >= bounds[k - 1])
		k++;
	return k;
}

const char *
vk_lbm_klasse_name(int k)
{
	static const char *const names[VK_LBM_NKLASSEN] = {
		"zeer onvoldoende", "ruim onvoldoende", "onvoldoende", "zwak",
		"voldoende", "ruim voldoende", "goed", "zeer goed", "uitstekend"
	};

	return k >= 1 && k <= VK_LBM_NKLASSEN ? names[k - 1] : "NA";
}

double
vk_growth(double base, double now)
{
	if (isnan(base) || isnan(now) || !(base > 0))
		return NAN;
	return 100.0 * (now - base) / base;
}

int
vk_growth_flag(double growth, double threshold)
{
	if (isnan(growth) || isnan(threshold))
		return -1;
	return fabs(growth) > threshold;
}
