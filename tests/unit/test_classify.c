/* The classification rules of DOMAIN.md §5 against hand-worked cases. */
#include "../../pipeline/lib/vk_classify.h"
#include "tap.h"

int
main(void)
{
	const vk_chg U = VK_CHG_UP, S = VK_CHG_STABLE, D = VK_CHG_DOWN;
	/* rows: K up, stable, down; columns: O worse, stable, better */
	const vk_class table[3][3] = {
		{ VK_CLASS_VD, VK_CLASS_VK, VK_CLASS_VK },
		{ VK_CLASS_OT, VK_CLASS_ST, VK_CLASS_VB },
		{ VK_CLASS_OT, VK_CLASS_VB, VK_CLASS_VB },
	};
	const vk_chg ks[3] = { U, S, D }, os[3] = { D, S, U };
	const double four[4] = { 1, 2, 3, 4 };
	const double gaps[6] = { NAN, 1, 2, NAN, 3, 4 };
	const double dO[4] = { -0.20, 0.20, 0.00, 0.02 };
	/* made-up Leefbaarometer bounds for classes 2..9, not official ones */
	const double lbm[VK_LBM_NKLASSEN - 1] = { 3.0, 3.5, 3.8, 4.0, 4.1, 4.2,
	                                          4.3, 4.5 };

	/* thresholds are strict: exactly +1.0 pp is still stable */
	CHECK(vk_change(1.5, 1.0) == U, "dK +1.5 pp is toename");
	CHECK(vk_change(1.0, 1.0) == S, "dK +1.0 pp is stabiel (strict >)");
	CHECK(vk_change(-1.0, 1.0) == S, "dK -1.0 pp is stabiel (strict <)");
	CHECK(vk_change(-1.0001, 1.0) == D, "dK -1.0001 pp is afname");
	CHECK(vk_change(NAN, 1.0) == VK_CHG_NA, "missing dK is NA");
	CHECK(vk_change(0.3, NAN) == VK_CHG_NA, "missing tau is NA");

	for (int k = 0; k < 3; k++)
		for (int o = 0; o < 3; o++)
			CHECK(vk_classify_signal(ks[k], os[o]) == table[k][o],
			      "K %s, O %s -> %s", vk_change_k_word(ks[k]),
			      vk_change_o_word(os[o]),
			      vk_class_info_of(table[k][o])->code);
	CHECK(vk_classify_signal(VK_CHG_NA, S) == VK_CLASS_NA,
	      "missing K change is NA, never stable");
	CHECK(vk_classify_signal(S, VK_CHG_NA) == VK_CLASS_NA,
	      "missing O change is NA, never stable");

	CHECK_NEAR(vk_stat_mean(four, 4), 2.5, 1e-12, "mean 1..4");
	CHECK_NEAR(vk_stat_sd(four, 4), 1.2909944487358056, 1e-12,
	           "sample sd 1..4 = sqrt(5/3)");
	CHECK_NEAR(vk_stat_sd(gaps, 6), 1.2909944487358056, 1e-12,
	           "sd skips missing values");
	CHECK(vk_stat_count(gaps, 6) == 4, "count skips missing values");
	CHECK(isnan(vk_stat_sd(four, 1)), "sd of one value is NA");
	CHECK_NEAR(vk_stat_quantile(four, 4, 1.0 / 3.0), 2.0, 1e-12,
	           "lower tercile of 1..4 (type 7)");
	CHECK_NEAR(vk_stat_quantile(four, 4, 0.5), 2.5, 1e-12, "median 1..4");
	CHECK_NEAR(vk_zscore(3, 2.5, 0.5), 1.0, 1e-12, "z-score");
	CHECK(isnan(vk_zscore(3, 2.5, 0)), "z-score with sd 0 is NA");

	/* tau for the mini fixture (tests/fixtures/mini), worked by hand:
	 * dO = -0.20, 0.20, 0.00, 0.02; mean 0.005; squared deviations sum
	 * 0.0803; sd = sqrt(0.0803 / 3) = 0.163605...; tau = 0.5 sd. */
	CHECK_NEAR(vk_stat_sd(dO, 4), 0.16360521589, 1e-10, "sd of dO, mini");
	CHECK(vk_change(-0.20, 0.5 * vk_stat_sd(dO, 4)) == D,
	      "dO -0.20 beyond tau 0.0818 is verslechtering");
	CHECK(vk_change(0.02, 0.5 * vk_stat_sd(dO, 4)) == S,
	      "dO +0.02 within tau is stabiel");

	/* focuskaart terciles: boundaries belong to the middle */
	CHECK(vk_tercile(1.9, 2, 3) == 0, "below the lower tercile is 0");
	CHECK(vk_tercile(2.0, 2, 3) == 1, "on the lower boundary is midden");
	CHECK(vk_tercile(3.0, 2, 3) == 1, "on the upper boundary is midden");
	CHECK(vk_tercile(3.1, 2, 3) == 2, "above the upper tercile is 2");
	CHECK(vk_tercile(NAN, 2, 3) == -1, "missing level is NA");
	CHECK_STR(vk_level_o_word(0), "zwak", "lowest O third is zwak");
	CHECK_STR(vk_level_k_word(2), "hoog", "highest K third is hoog");

	/* Leefbaarometer classes: a value on a bound is the higher class */
	CHECK(vk_lbm_klasse(2.9, lbm) == 1, "L 2.9 below the first bound is 1");
	CHECK(vk_lbm_klasse(-0.15, lbm) == 1, "L -0.15 far below is 1");
	CHECK(vk_lbm_klasse(3.0, lbm) == 2, "L 3.0 on the first bound is 2");
	CHECK(vk_lbm_klasse(3.9999, lbm) == 4, "L 3.9999 just below 4.0 is 4");
	CHECK(vk_lbm_klasse(4.0, lbm) == 5, "L 4.0 on the fourth bound is 5");
	CHECK(vk_lbm_klasse(4.25, lbm) == 7, "L 4.25 between 4.2 and 4.3 is 7");
	CHECK(vk_lbm_klasse(4.5, lbm) == 9, "L 4.5 on the last bound is 9");
	CHECK(vk_lbm_klasse(7.0, lbm) == 9, "L 7.0 above the last bound is 9");
	CHECK(vk_lbm_klasse(NAN, lbm) == 0, "missing L has no class");
	CHECK_STR(vk_lbm_klasse_name(1), "zeer onvoldoende", "class 1 name");
	CHECK_STR(vk_lbm_klasse_name(5), "voldoende", "class 5 name");
	CHECK_STR(vk_lbm_klasse_name(9), "uitstekend", "class 9 name");
	CHECK_STR(vk_lbm_klasse_name(0), "NA", "no class is NA");

	/* Sterke groei, threshold 50%: strict like every threshold, either
	 * way, NA when a count is missing or the base is 0. */
	CHECK(vk_growth(1000, 1500) == 50.0, "1000 -> 1500 is exactly +50%%");
	CHECK(vk_growth_flag(vk_growth(1000, 1500), 50) == 0,
	      "exactly +50%% is not more than 50: not flagged");
	CHECK_NEAR(vk_growth(495, 2585), 422.2222, 1e-4,
	           "Leeuwesteyn 495 -> 2585 is +422.22% (2090 / 495)");
	CHECK(vk_growth_flag(vk_growth(495, 2585), 50) == 1,
	      "Leeuwesteyn is flagged");
	CHECK_NEAR(vk_growth(2585, 3890), 50.4836, 1e-4,
	           "2585 -> 3890 is +50.48% (1305 / 2585)");
	CHECK(vk_growth_flag(vk_growth(2585, 3890), 50) == 1,
	      "just over +50%% is flagged");
	CHECK(vk_growth(1000, 400) == -60.0, "1000 -> 400 is -60%%");
	CHECK(vk_growth_flag(vk_growth(1000, 400), 50) == 1,
	      "a decline of 60%% is flagged too");
	CHECK(vk_growth(1000, 500) == -50.0, "1000 -> 500 is exactly -50%%");
	CHECK(vk_growth_flag(vk_growth(1000, 500), 50) == 0,
	      "exactly -50%% is not flagged");
	CHECK(vk_growth_flag(vk_growth(1000, 1200), 50) == 0,
	      "+20%% is not flagged");
	CHECK(isnan(vk_growth(0, 0)), "base 0 -> 0: no percentage");
	CHECK(isnan(vk_growth(0, 120)), "base 0 -> 120: no percentage");
	CHECK(vk_growth_flag(vk_growth(0, 120), 50) == -1,
	      "base 0 is NA, not flagged");
	CHECK(isnan(vk_growth(NAN, 2585)), "missing base: NA");
	CHECK(isnan(vk_growth(495, NAN)), "missing end: NA");
	CHECK(vk_growth_flag(NAN, 50) == -1, "NA growth stays NA");
	CHECK(vk_growth(800, 800) == 0.0, "no change is 0%%");

	CHECK(vk_class_from_code("VB") == VK_CLASS_VB, "code VB");
	CHECK(vk_class_from_code("XX") == VK_NCLASS, "unknown code");
	CHECK_STR(vk_class_info_of(VK_CLASS_VD)->color, "#D7301F",
	          "VD colour from DOMAIN.md");
	return TAP_DONE();
}
