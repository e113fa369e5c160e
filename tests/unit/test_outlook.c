/* The stock-flow model (vk_outlook) against the closed form and hand-worked
 * cases; the arithmetic is written out next to each check. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "vk_outlook.h"

#define SOC VK_SEG_SOCIAL
#define MID VK_SEG_MID
#define PRI VK_SEG_PRIVATE
#define OWN VK_SEG_OWNER

static double
N_at(const vk_ol_run *r, size_t w, int t, int s)
{
	return r->N[vk_ol_ix(r, w, t, s)];
}

static double
H_at(const vk_ol_run *r, size_t w, int t, int s)
{
	return r->H[vk_ol_ix(r, w, t, s)];
}

/* A wijk with the same turnover and intake in every segment. */
static vk_ol_wijk
S_wijk(const char *code, double n_soc, double n_mid, double n_pri,
       double n_own, double k0, double m, double i)
{
	vk_ol_wijk w = { .code = code,
	                 .n0 = { n_soc, n_mid, n_pri, n_own } };

	for (int s = 0; s < VK_NSEG; s++)
		w.k0[s] = k0, w.m[s] = m, w.i[s] = i;
	return w;
}

static vk_ol_model
S_model(const vk_ol_wijk *w, size_t nw, int horizon)
{
	vk_ol_model m = { .file = "test.yaml", .base_year = 2024,
	                  .horizon = horizon, .rho = 1, .displacement = 0,
	                  .nw = nw, .w = w };
	return m;
}

static vk_ol_measure
S_meas(vk_ol_kind kind, size_t wijk, int seg, int into, double homes,
       int first, int last, long line)
{
	vk_ol_measure x = { kind, wijk, seg, into, homes, first, last, line, 3 };
	return x;
}

static void
test_closed_form(void)
{
	/* No plan: every segment follows k(t) = i + (k0 - i)(1 - m)^t. The
	 * segments get different m, i and k0 to show they do not mix. */
	vk_ol_wijk w = S_wijk("WK000101", 1000, 200, 500, 800, 0, 0, 0);
	const double k0[4] = { 0.62, 0.30, 0.41, 0.12 };
	const double m[4] = { 0.07, 0.07, 0.12, 0.05 };
	const double i[4] = { 0.75, 0.35, 0.45, 0.08 };
	vk_ol_model mod;
	vk_ol_run *r;
	vk_err e = { 0 };
	double worst = 0;

	memcpy(w.k0, k0, sizeof(k0));
	memcpy(w.m, m, sizeof(m));
	memcpy(w.i, i, sizeof(i));
	mod = S_model(&w, 1, 30);
	r = vk_ol_run_new(&mod, "autonoom", NULL, 0, NULL, &e);
	CHECK(r != NULL, "no plan runs (%s)", e.msg);
	if (r == NULL)
		return;
	for (int t = 0; t <= 30; t++)
		for (int s = 0; s < VK_NSEG; s++) {
			double k = H_at(r, 0, t, s) / N_at(r, 0, t, s);
			double d = fabs(k - vk_ol_closed_form(k0[s], i[s], m[s], t));

			if (d > worst)
				worst = d;
		}
	CHECK(worst <= 1e-9, "no plan: k(t) equals i + (k0 - i)(1-m)^t for 4 "
	      "segments over 30 years (worst %.3g)", worst);
	CHECK_NEAR(N_at(r, 0, 30, SOC), 1000, 1e-9, "no plan: stock stays");
	CHECK_NEAR(r->factor[5], 1, 0, "no plan: intake factor 1");
	CHECK(r->nclamp == 0, "no plan: nothing clamped");
	/* The closed form itself, by hand: k0 0.62, i 0.75, m 0.07, t 2:
	 * 0.75 + (0.62 - 0.75) * 0.93^2 = 0.75 - 0.13 * 0.8649 = 0.637563 */
	CHECK_NEAR(vk_ol_closed_form(0.62, 0.75, 0.07, 2), 0.637563, 1e-12,
	           "closed form by hand");
	vk_ol_run_free(r);
}

static void
test_demolition(void)
{
	/* Social: N 1000, k0 0.5 (H 500), m 0.1, i 0.8; demolish 100 in 2024.
	 *   after demolition: N 900, H 500 - 100*500/1000 = 450 (50 displaced)
	 *   turnover: M = 0.1*900 = 90, leavers L = 0.1*450 = 45
	 *   lets V = 90, intake 0.8*90 = 72
	 *   2025: N = 900, H = 450 - 45 + 72 = 477, k = 0.53 */
	vk_ol_wijk w = S_wijk("WK000101", 1000, 0, 0, 0, 0.5, 0.1, 0.8);
	vk_ol_model mod = S_model(&w, 1, 2);
	vk_ol_measure plan[1] = { S_meas(VK_OL_DEMOLITION, 0, SOC, -1, 100,
	                                 2024, 2024, 40) };
	vk_err e = { 0 };
	vk_ol_run *r = vk_ol_run_new(&mod, "met inzet", plan, 1, NULL, &e);

	CHECK(r != NULL, "demolition runs (%s)", e.msg);
	if (r == NULL)
		return;
	CHECK_NEAR(N_at(r, 0, 1, SOC), 900, 1e-9, "demolition: N 1000 -> 900");
	CHECK_NEAR(H_at(r, 0, 1, SOC), 477, 1e-9,
	           "demolition: H 500 - 50 - 45 + 72 = 477");
	CHECK_NEAR(r->displaced[vk_ol_ix(r, 0, 0, SOC)], 50, 1e-9,
	           "demolition: 50 vulnerable households displaced");
	CHECK_NEAR(r->intake[vk_ol_ix(r, 0, 0, SOC)], 72, 1e-9,
	           "demolition: intake 0.8 x 90 = 72");
	vk_ol_run_free(r);

	/* Spread over two years: 50 a year in 2024 and 2025.
	 *   2024: N 950, H 500 - 25 = 475; M 95, L 47.5, intake 76
	 *         -> 2025: N 950, H 503.5
	 *   2025: demolish 50: H 503.5 - 50*503.5/950 = 503.5 - 26.5 = 477;
	 *         N 900; M 90, L 47.7, intake 72 -> 2026: N 900, H 501.3 */
	plan[0] = S_meas(VK_OL_DEMOLITION, 0, SOC, -1, 100, 2024, 2025, 40);
	r = vk_ol_run_new(&mod, "met inzet", plan, 1, NULL, &e);
	CHECK(r != NULL, "spread demolition runs (%s)", e.msg);
	if (r == NULL)
		return;
	CHECK_NEAR(H_at(r, 0, 1, SOC), 503.5, 1e-9, "spread: H 2025 = 503.5");
	CHECK_NEAR(N_at(r, 0, 2, SOC), 900, 1e-9, "spread: N 2026 = 900");
	CHECK_NEAR(H_at(r, 0, 2, SOC), 501.3, 1e-9, "spread: H 2026 = 501.3");
	vk_ol_run_free(r);

	/* Demolishing more than there is: an error naming the measure. */
	plan[0] = S_meas(VK_OL_DEMOLITION, 0, SOC, -1, 1200, 2024, 2024, 41);
	r = vk_ol_run_new(&mod, "met inzet", plan, 1, NULL, &e);
	CHECK(r == NULL && e.line == 41 && strstr(e.msg, "negative") != NULL,
	      "demolition beyond the stock is refused at its line (%ld: %s)",
	      e.line, e.msg);
	vk_ol_run_free(r);
}

static void
test_new_build_and_sale(void)
{
	/* Social N 1000, H 500 (m 0.1, i 0.8); owner N 500, k0 0.2 (H 100),
	 * m 0.05, i 0.2. In 2024: new build 100 social, sale 20 social.
	 *   social: M 100, L 50, Q 20, B 100, V = 100 - 20 + 100 = 180,
	 *           intake 0.8*180 = 144 -> N 1000 - 20 + 100 = 1080,
	 *           H 500 - 50 + 144 = 594
	 *   owner:  M 25, L 5, J 20 (the sold homes arrive empty),
	 *           V = 25 + 20 = 45, intake 0.2*45 = 9 -> N 520, H 104 */
	vk_ol_wijk w = S_wijk("WK000101", 1000, 0, 0, 500, 0.5, 0.1, 0.8);
	vk_ol_model mod;
	vk_ol_measure plan[2] = {
		S_meas(VK_OL_NEW_BUILD, 0, SOC, -1, 100, 2024, 2024, 50),
		S_meas(VK_OL_SALE, 0, SOC, OWN, 20, 2024, 2024, 51),
	};
	vk_err e = { 0 };
	vk_ol_run *r;

	w.k0[OWN] = 0.2, w.m[OWN] = 0.05, w.i[OWN] = 0.2;
	mod = S_model(&w, 1, 1);
	r = vk_ol_run_new(&mod, "met inzet", plan, 2, NULL, &e);
	CHECK(r != NULL, "new build and sale run (%s)", e.msg);
	if (r == NULL)
		return;
	CHECK_NEAR(N_at(r, 0, 1, SOC), 1080, 1e-9, "social N 1000 - 20 + 100");
	CHECK_NEAR(H_at(r, 0, 1, SOC), 594, 1e-9, "social H 500 - 50 + 144");
	CHECK_NEAR(N_at(r, 0, 1, OWN), 520, 1e-9, "owner N 500 + 20 sold");
	CHECK_NEAR(H_at(r, 0, 1, OWN), 104, 1e-9, "owner H 100 - 5 + 9");
	vk_ol_run_free(r);

	/* Selling 60 and liberalising 50 social homes in one year: 110 > the
	 * 100 that fall vacant -> an error at the measure that passes it. */
	plan[0] = S_meas(VK_OL_SALE, 0, SOC, OWN, 60, 2024, 2024, 60);
	plan[1] = S_meas(VK_OL_LIBERALISATION, 0, SOC, MID, 50, 2024, 2024, 61);
	r = vk_ol_run_new(&mod, "met inzet", plan, 2, NULL, &e);
	CHECK(r == NULL && e.line == 61 && strstr(e.msg, "fall vacant") != NULL,
	      "sale and liberalisation beyond vacancies refused at line 61 (%s)",
	      e.msg);
	vk_ol_run_free(r);

	/* A measure after the last year measures act (2024 with horizon 1). */
	plan[0] = S_meas(VK_OL_NEW_BUILD, 0, SOC, -1, 10, 2025, 2025, 62);
	r = vk_ol_run_new(&mod, "met inzet", plan, 1, NULL, &e);
	CHECK(r == NULL && e.line == 62 && strstr(e.msg, "outside") != NULL,
	      "a measure beyond the horizon is refused (%s)", e.msg);
	vk_ol_run_free(r);

	mod.horizon = 0;
	r = vk_ol_run_new(&mod, "autonoom", NULL, 0, NULL, &e);
	CHECK(r == NULL && strstr(e.msg, "horizon") != NULL,
	      "horizon 0 is refused (%s)", e.msg);
	vk_ol_run_free(r);
}

static void
test_conversion(void)
{
	/* Occupied conversion keeps households with their homes: with equal m
	 * and i in every segment the totals are exactly those without it. */
	vk_ol_wijk w = S_wijk("WK000101", 1000, 100, 400, 500, 0.4, 0.1, 0.3);
	vk_ol_model mod;
	vk_ol_measure plan[3] = {
		S_meas(VK_OL_CONVERSION, 0, SOC, MID, 300, 2024, 2026, 70),
		S_meas(VK_OL_CONVERSION, 0, PRI, OWN, 100, 2025, 2025, 71),
		S_meas(VK_OL_CONVERSION, 0, MID, PRI, 50, 2027, 2027, 72),
	};
	vk_err e = { 0 };
	vk_ol_run *a, *b;
	double worst_n = 0, worst_h = 0;

	mod = S_model(&w, 1, 8);
	a = vk_ol_run_new(&mod, "autonoom", NULL, 0, NULL, &e);
	b = vk_ol_run_new(&mod, "met inzet", plan, 3, NULL, &e);
	CHECK(a != NULL && b != NULL, "conversions run (%s)", e.msg);
	if (a == NULL || b == NULL) {
		vk_ol_run_free(a);
		vk_ol_run_free(b);
		return;
	}
	for (int t = 0; t <= 8; t++) {
		double na = 0, nb = 0, ha = 0, hb = 0;

		for (int s = 0; s < VK_NSEG; s++) {
			na += N_at(a, 0, t, s), nb += N_at(b, 0, t, s);
			ha += H_at(a, 0, t, s), hb += H_at(b, 0, t, s);
		}
		if (fabs(na - nb) > worst_n)
			worst_n = fabs(na - nb);
		if (fabs(ha - hb) > worst_h)
			worst_h = fabs(ha - hb);
	}
	CHECK(worst_n <= 1e-9, "conversions conserve the stock (%.3g)", worst_n);
	CHECK(worst_h <= 1e-9, "conversions conserve vulnerable households "
	      "(%.3g)", worst_h);
	/* By hand, 2024: 100 social -> mid, occupied, k 0.4 in both: social
	 * N 900, mid N 200; then each keeps k: H 360 and 80 before turnover,
	 * and k(2025) = 0.3 + (0.4 - 0.3) * 0.9 = 0.39 in both. */
	CHECK_NEAR(N_at(b, 0, 1, MID), 200, 1e-9, "mid N 100 + 100 converted");
	CHECK_NEAR(H_at(b, 0, 1, MID) / N_at(b, 0, 1, MID), 0.39, 1e-12,
	           "mid k 2025 = 0.39");
	vk_ol_run_free(a);
	vk_ol_run_free(b);
}

static void
test_displacement(void)
{
	/* Two wijken, social only, m 0.1, i 0.5, k0 0.5, displacement 1.
	 * Wijk A sells 50 of its 100 social vacancies in 2024 (to owner).
	 *   reference (no plan): social intake A 50 + B 50 = 100
	 *   plan: V_A = 50, V_B = 100 -> P = 0.5*150 = 75; T = 75 + (100 - 75)
	 *         = 100; f = 100/75 = 4/3: share 2/3 in both wijken
	 *         intake A = 2/3*50 = 33.33, B = 2/3*100 = 66.67 (was 50):
	 *         the demand A no longer houses lands in B (the waterbed). */
	vk_ol_wijk w[2] = {
		S_wijk("WK000101", 1000, 0, 0, 100, 0.5, 0.1, 0.5),
		S_wijk("WK000102", 1000, 0, 0, 100, 0.5, 0.1, 0.5),
	};
	vk_ol_model mod = S_model(w, 2, 1);
	vk_ol_measure plan[1] = { S_meas(VK_OL_SALE, 0, SOC, OWN, 50, 2024,
	                                 2024, 80) };
	vk_err e = { 0 };
	vk_ol_run *ref, *r;

	mod.displacement = 1;
	ref = vk_ol_run_new(&mod, "autonoom", NULL, 0, NULL, &e);
	r = ref ? vk_ol_run_new(&mod, "met inzet", plan, 1, ref, &e) : NULL;
	CHECK(r != NULL, "displacement runs (%s)", e.msg);
	if (r != NULL) {
		CHECK_NEAR(r->factor[0], 4.0 / 3.0, 1e-12, "f = 100 / 75");
		CHECK_NEAR(r->intake[vk_ol_ix(r, 1, 0, SOC)], 200.0 / 3.0, 1e-9,
		           "wijk B takes 66.67 instead of 50");
		CHECK_NEAR(r->intake[vk_ol_ix(r, 0, 0, SOC)] +
		           r->intake[vk_ol_ix(r, 1, 0, SOC)], 100, 1e-9,
		           "city-wide social intake stays 100");
	}
	vk_ol_run_free(r);
	/* With displacement 0 the demand shrinks with the vacancies. */
	mod.displacement = 0;
	r = vk_ol_run_new(&mod, "met inzet", plan, 1, ref, &e);
	CHECK(r != NULL && fabs(r->intake[vk_ol_ix(r, 1, 0, SOC)] - 50) < 1e-9,
	      "displacement 0: wijk B keeps 50");
	vk_ol_run_free(r);
	vk_ol_run_free(ref);
}

static void
test_calibration(void)
{
	int cl = -1;
	double k1 = vk_ol_closed_form(0.40, 0.70, 0.07, 6);
	double i = vk_ol_calibrate(0.40, k1, 0.07, 6, &cl);

	CHECK_NEAR(i, 0.70, 1e-12, "calibration round trip: i 0.70 back");
	CHECK(cl == 0, "round trip not clamped");
	/* By hand: k0 0.5, k1 0.45, m 0.1, n 2: q = 0.81,
	 * i = (0.45 - 0.405) / 0.19 = 0.236842... */
	CHECK_NEAR(vk_ol_calibrate(0.5, 0.45, 0.1, 2, NULL), 0.045 / 0.19,
	           1e-12, "calibration by hand");
	/* A fall faster than turnover allows needs i < 0: clamped to 0. */
	i = vk_ol_calibrate(0.5, 0.2, 0.1, 2, &cl);
	CHECK(i == 0 && cl == 1, "impossible fall clamps to 0 with a flag");
	i = vk_ol_calibrate(0.5, 0.99, 0.1, 2, &cl);
	CHECK(i == 1 && cl == 1, "impossible rise clamps to 1 with a flag");
	CHECK(isnan(vk_ol_calibrate(0.5, 0.4, 0, 6, NULL)),
	      "turnover 0 cannot calibrate");

	/* The model run with the calibrated i reproduces k1 after n years. */
	{
		vk_ol_wijk w = S_wijk("WK000101", 800, 0, 0, 0, 0.40, 0.07, 0);
		vk_ol_model mod = S_model(&w, 1, 6);
		vk_err e = { 0 };
		vk_ol_run *r;

		w.i[SOC] = vk_ol_calibrate(0.40, 0.52, 0.07, 6, NULL);
		r = vk_ol_run_new(&mod, "autonoom", NULL, 0, NULL, &e);
		CHECK(r != NULL && fabs(H_at(r, 0, 6, SOC) / 800 - 0.52) < 1e-9,
		      "model with calibrated intake reaches k1 after n years");
		vk_ol_run_free(r);
	}
}

static void
test_split_and_dissimilarity(void)
{
	/* n 100, 0, 100, 100; ratio 3, 1, 2, 1; K 0.5: 600c = 150, c 0.25:
	 * k = 0.75, 0.25, 0.5, 0.25. */
	const double n[4] = { 100, 0, 100, 100 }, r[4] = { 3, 1, 2, 1 };
	double k[4];

	CHECK(vk_ol_split_k(n, r, 0.5, k) == 0, "split runs");
	CHECK_NEAR(k[SOC], 0.75, 1e-12, "split social 0.75");
	CHECK_NEAR(k[PRI], 0.5, 1e-12, "split private 0.5");
	CHECK_NEAR(k[OWN], 0.25, 1e-12, "split owner 0.25");
	/* K 0.9: social saturates (100), private saturates (100), owner
	 * takes the rest: 270 - 200 = 70 -> 0.7. */
	CHECK(vk_ol_split_k(n, r, 0.9, k) == 0 && k[SOC] == 1 && k[PRI] == 1,
	      "split saturates at 1");
	CHECK_NEAR(k[OWN], 0.7, 1e-12, "split owner takes the rest, 0.7");
	CHECK(vk_ol_split_k(n, r, NAN, k) != 0, "split refuses NAN");

	/* D: social 60/40/0 (S 100), other 20/30/50 (O 100):
	 * ½ (|0.6-0.2| + |0.4-0.3| + |0-0.5|) = ½ (0.4 + 0.1 + 0.5) = 0.5 */
	{
		const double s[3] = { 60, 40, 0 }, o[3] = { 20, 30, 50 };
		const double z[3] = { 0, 0, 0 };

		CHECK_NEAR(vk_ol_dissimilarity(s, o, 3), 0.5, 1e-12,
		           "dissimilarity by hand 0.5");
		CHECK_NEAR(vk_ol_dissimilarity(o, o, 3), 0, 1e-12,
		           "same spread: dissimilarity 0");
		CHECK(isnan(vk_ol_dissimilarity(z, o, 3)),
		      "no social rent: dissimilarity NA");
	}
	CHECK(vk_ol_seg_find("koop") == OWN && vk_ol_seg_find("huur") == -1,
	      "segment codes");
}

int
main(void)
{
	test_closed_form();
	test_demolition();
	test_new_build_and_sale();
	test_conversion();
	test_displacement();
	test_calibration();
	test_split_and_dissimilarity();
	printf("1..%d\n", tap_n);
	return TAP_DONE();
}
