/* vk_classify: the classification rules of the method (DOMAIN.md §5), as
 * pure functions so they can be unit-tested against hand-worked cases.
 * Missing values are NAN and always lead to NA, never to "stabiel". */
#ifndef VK_CLASSIFY_H
#define VK_CLASSIFY_H

#include <stddef.h>

/* Change of an axis. VK_CHG_NA when an input is missing. */
typedef enum { VK_CHG_DOWN = -1, VK_CHG_STABLE = 0, VK_CHG_UP = 1,
               VK_CHG_NA = 2 } vk_chg;

/* Signal classes, in legend order. */
typedef enum { VK_CLASS_VD, VK_CLASS_OT, VK_CLASS_VK, VK_CLASS_ST,
               VK_CLASS_VB, VK_CLASS_NA, VK_NCLASS } vk_class;

typedef struct vk_class_info {
	const char *code;     /* "VD" */
	const char *label;    /* Dutch label, "Veerkracht onder druk" */
	const char *rule;     /* Dutch one-line rule for the report */
	const char *color;    /* "#D7301F"; NA is white and hatched */
} vk_class_info;

const vk_class_info *vk_class_info_of(vk_class c);
/* The class with this code, or VK_NCLASS when unknown. */
vk_class vk_class_from_code(const char *code);

/* K axis: UP when d > threshold, DOWN when d < -threshold, else STABLE. */
vk_chg vk_change(double d, double threshold);

/* Dutch words for a change: K "toename/stabiel/afname", O (where up means
 * better) "verbetering/stabiel/verslechtering"; "NA" for VK_CHG_NA. */
const char *vk_change_k_word(vk_chg c);
const char *vk_change_o_word(vk_chg c);

/* The signal class from the K change and the O change (O: UP = better). */
vk_class vk_classify_signal(vk_chg k, vk_chg o);

/* Statistics over the non-NAN values of x[0..n): count, mean, sample
 * standard deviation (n-1). Return NAN when there are too few values. */
size_t vk_stat_count(const double *x, size_t n);
double vk_stat_mean(const double *x, size_t n);
double vk_stat_sd(const double *x, size_t n);
/* Quantile p (0..1) of the non-NAN values, linear interpolation between
 * order statistics (R type 7). NAN when there are no values. */
double vk_stat_quantile(const double *x, size_t n, double p);

/* Tercile of v given the boundaries q1 <= q2 (vk_stat_quantile at 1/3 and
 * 2/3): 0 below q1, 2 above q2, 1 in between (boundaries included), -1 when
 * v or a boundary is NAN. For the focuskaart's levels (DOMAIN.md §5). */
int vk_tercile(double v, double q1, double q2);

/* The focuskaart's words: K level "laag/midden/hoog"; O level (higher is
 * better) "zwak/midden/goed"; "NA" for -1. */
const char *vk_level_k_word(int t);
const char *vk_level_o_word(int t);

/* z-score of v, NAN when v or sd is NAN or sd is 0. */
double vk_zscore(double v, double mean, double sd);

/* The nine Leefbaarometer classes (DOMAIN.md §5), 1 = zeer onvoldoende
 * .. 9 = uitstekend. Their bounds are published per Leefbaarometer release,
 * so they come from the config (classification.lbm_klassen), never from
 * here. */
#define VK_LBM_NKLASSEN 9

/* Class 1..9 of the Leefbaarometer score v given the lower bounds of
 * classes 2..9 (VK_LBM_NKLASSEN - 1 values, strictly ascending): 1 below
 * bounds[0], 9 at or above the last; a value on a bound belongs to the
 * higher class. 0 when v is NAN. */
int vk_lbm_klasse(double v, const double *bounds);

/* Dutch name of class 1..9 ("zeer onvoldoende" .. "uitstekend"), "NA"
 * otherwise. */
const char *vk_lbm_klasse_name(int k);

/* Growth in percent of a count (inhabitants) from base to now:
 * 100 * (now - base) / base. NAN when either is NAN or base is not above
 * 0: a percentage of nothing (or of a negative count) says nothing. */
double vk_growth(double base, double now);

/* The "sterke groei" warning (classification.growth): 1 when |growth| is
 * more than threshold (strict, like every threshold of the method), 0 when
 * not, -1 when growth is NAN. It is shown next to the class and never
 * changes it: K and ΔK of a buurt that grew or shrank this much describe
 * who moved in or out more than change in place, which a consultant must
 * see, but the class rules (DOMAIN.md §5) stay as they are. */
int vk_growth_flag(double growth, double threshold);

#endif
