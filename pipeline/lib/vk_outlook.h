/* vk_outlook: the stock-flow model of the numeric outlook (getalsmatige
 * doorkijk, DOMAIN.md §6), as pure functions: no I/O, no config. The tool
 * pipeline/outlook/ reads the config and the data and calls these.
 *
 * State per wijk w, segment s, year t (t = 0 is the base year, on 1 January):
 *   N_s(t)  homes,  H_s(t)  vulnerable households,  k_s(t) = H_s / N_s.
 * Every home is taken to hold one household (frictional vacancy ignored), so
 * k is the share of households that is vulnerable.
 *
 * One year t -> t+1, per wijk, in this order (the order is a modelling
 * choice, documented so the figures can be reproduced by hand):
 *
 *  1. Demolition (sloop) of D_s homes, at the start of the year. Its
 *     households leave with it: the vulnerable share D_s·H_s/N_s. Those
 *     displaced vulnerable households join the city's demand for social
 *     rent (step 6).
 *       N_s -= D_s;  H_s -= D_s·H_s/N_s
 *  2. Conversion (omzetting) of C homes from segment a to b, occupied:
 *     the households stay, so they move with the homes in proportion.
 *       N_a -= C;  N_b += C;  x = C·H_a/N_a;  H_a -= x;  H_b += x
 *     Stock and vulnerable households are conserved.
 *  3. Turnover (mutatie) on what is left: vacancies M_s = m_s·N_s;
 *     vulnerable leavers L_s = ρ·m_s·H_s, kept between
 *     max(0, M_s − (N_s − H_s)) and min(H_s, M_s), because leavers are
 *     households of the segment (each clamp is counted).
 *  4. Sale (verkoop) and liberalisation (liberalisatie) happen when a home
 *     falls vacant: their sum out of a segment in a year cannot exceed M_s
 *     (an error otherwise). The home moves EMPTY to its target segment
 *     (sale: by default owner-occupied; liberalisation: social -> corporation
 *     mid rent): the household that left it was already counted in L_s, and
 *     the new occupant is a newcomer of the target segment, drawn with the
 *     target's intake share. Q_s = homes sold or liberalised out of s,
 *     J_s = homes arriving in s that way.
 *  5. New build (nieuwbouw) B_s, let to newcomers.
 *     Lets: V_s = M_s − Q_s + J_s + B_s.
 *  6. Intake: newcomers are vulnerable with share i_s: intake_s = i_s·V_s.
 *     For social rent, allocation is city-wide, so a scenario can shift the
 *     vulnerable demand between wijken (the waterbed effect). When a
 *     reference run (the "autonoom" scenario) is given, the social intake of
 *     every wijk is scaled by one city-wide factor per year
 *       f = T / P,  P = Σ_w i·V (social, this run),
 *       T = P + δ·(A + X − P),
 *     A = the reference's social vulnerable intake that year, X = vulnerable
 *     households displaced by demolition this year (all segments), δ the
 *     displacement share (0: demand shrinks with the stock; 1: every
 *     vulnerable household the plan no longer houses, or displaces, lands
 *     in a social vacancy elsewhere in the city). The effective share
 *     min(1, f·i) is capped at 1 (a counted clamp: that part of the demand
 *     leaves the city). Without a reference, X alone is added (A = P).
 *  7. N_s(t+1) = N_s − Q_s + J_s + B_s;  H_s(t+1) = H_s − L_s + intake_s.
 *
 * With no plan (and δ = 0 or no reference), 3-7 reduce to
 *   H(t+1) = H(t)·(1 − ρm) + i·m·N, so for ρ = 1 and a fixed stock
 *   k(t) = i + (k0 − i)(1 − m)^t   (DOMAIN.md §6).
 * Difference with the §6 formula as written there: turnover is taken on the
 * stock after demolition, so a home is not let in the year it is demolished.
 *
 * A measure of H homes over years a..b (inclusive) acts H/(b−a+1) homes a
 * year. Flows of year t are computed for t = 0..horizon; the state after the
 * horizon year is not kept, but the horizon year's intake is (so a share of
 * the city's intake exists at the horizon too). Measures act in years
 * base .. base+horizon−1.
 *
 * Ownership: vk_ol_run_new returns a run the caller frees with
 * vk_ol_run_free. The model and the plan are only borrowed. */
#ifndef VK_OUTLOOK_H
#define VK_OUTLOOK_H

#include <stddef.h>

#include "vk_err.h"

/* Housing segments, in report order. */
enum { VK_SEG_SOCIAL, VK_SEG_MID, VK_SEG_PRIVATE, VK_SEG_OWNER, VK_NSEG };

/* Caps on sizes that come from outside (config, data). */
#define VK_OL_MAX_HORIZON 50
#define VK_OL_MAX_WIJKEN 2000
#define VK_OL_MAX_MEASURES 10000
#define VK_OL_MAX_HOMES 1.0e7      /* per wijk and segment, per measure */

/* "sociale_huur" "middenhuur" "particuliere_huur" "koop": the codes in
 * config and files. */
const char *vk_ol_seg_code(int seg);
/* Dutch labels for the report: "sociale huur (corporatie)". */
const char *vk_ol_seg_label(int seg);
/* The segment with this code, or -1. */
int vk_ol_seg_find(const char *code);

typedef enum {
	VK_OL_DEMOLITION, VK_OL_NEW_BUILD, VK_OL_SALE, VK_OL_LIBERALISATION,
	VK_OL_CONVERSION, VK_OL_NKIND
} vk_ol_kind;

/* "demolition" "new_build" "sale" "liberalisation" "conversion". */
const char *vk_ol_kind_code(vk_ol_kind k);
/* Dutch: "sloop" "nieuwbouw" "verkoop" "liberalisatie" "omzetting". */
const char *vk_ol_kind_label(vk_ol_kind k);
int vk_ol_kind_find(const char *code);

typedef struct vk_ol_measure {
	vk_ol_kind kind;
	size_t wijk;        /* index into the model's wijken */
	int seg;            /* segment the homes leave; new build: enter */
	int into;           /* sale, liberalisation, conversion: target; else -1 */
	double homes;       /* total over the years, > 0 */
	int first, last;    /* calendar years, inclusive */
	long line, col;     /* where the config states it, for messages */
} vk_ol_measure;

typedef struct vk_ol_wijk {
	const char *code;   /* for messages (borrowed) */
	double n0[VK_NSEG]; /* homes at the base year, >= 0 */
	double k0[VK_NSEG]; /* vulnerable share at the base year, 0..1 */
	double m[VK_NSEG];  /* turnover a year, (0, 1] */
	double i[VK_NSEG];  /* intake share, 0..1 */
} vk_ol_wijk;

typedef struct vk_ol_model {
	const char *file;     /* config path for messages (borrowed), or NULL */
	int base_year;
	int horizon;          /* years, 1..VK_OL_MAX_HORIZON */
	double rho;           /* relative mobility of vulnerable households */
	double displacement;  /* δ, 0..1 */
	size_t nw;
	const vk_ol_wijk *w;
} vk_ol_model;

typedef struct vk_ol_run {
	size_t nw;
	int horizon;
	/* Per wijk w, year index t = 0..horizon, segment s, at
	 * vk_ol_ix(run, w, t, s): */
	double *N;          /* homes on 1 January */
	double *H;          /* vulnerable households on 1 January */
	double *intake;     /* vulnerable newcomers during year t */
	double *lets;       /* homes let to newcomers during year t (V) */
	double *displaced;  /* vulnerable households displaced by demolition */
	double *factor;     /* per year: the social intake factor f */
	size_t nclamp;      /* flows clamped to stay feasible (step 3, 6) */
} vk_ol_run;

static inline size_t
vk_ol_ix(const vk_ol_run *r, size_t w, int t, int s)
{
	return (w * (size_t)(r->horizon + 1) + (size_t)t) * VK_NSEG + (size_t)s;
}

/* Checks the model's parameters (ranges, caps); 0 or -1 with e filled. */
int vk_ol_model_check(const vk_ol_model *m, vk_err *e);

/* Runs one scenario: the plan's measures (nplan may be 0: "autonoom"),
 * against the reference run ref for the city-wide social intake (NULL:
 * none). name is the scenario's name for messages. Returns the run, or
 * NULL with e filled: an impossible plan (a measure outside the years,
 * demolition or conversion of more homes than the segment has, sale and
 * liberalisation beyond the vacancies) names the measure's config line. */
vk_ol_run *vk_ol_run_new(const vk_ol_model *m, const char *name,
                         const vk_ol_measure *plan, size_t nplan,
                         const vk_ol_run *ref, vk_err *e);
void vk_ol_run_free(vk_ol_run *r);

/* The intake share implied by an observed change of k from k0 to k1 over n
 * years at turnover m (fixed stock, ρ = 1):
 *   i = (k1 − k0(1−m)^n) / (1 − (1−m)^n),
 * clamped to [0, 1]; *clamped (may be NULL) is set to 1 when it was. NAN
 * when an input is NAN, n < 1 or m is not in (0, 1]. */
double vk_ol_calibrate(double k0, double k1, double m, int n, int *clamped);

/* Closed form with a fixed stock: k(t) = i + (k0 − i)(1 − m)^t. */
double vk_ol_closed_form(double k0, double i, double m, int t);

/* Splits a wijk's overall vulnerable share K (0..1) over the segments, with
 * relative levels ratio[s] >= 0: k_s = min(1, c·ratio_s), c chosen so that
 * Σ n_s·k_s = K·Σ n_s (bisection, to 1e-12). Segments without homes get
 * c·ratio_s too. Returns 0, or -1 when K is NAN or out of [0,1], or no
 * segment with homes has a positive ratio. */
int vk_ol_split_k(const double n[VK_NSEG], const double ratio[VK_NSEG],
                  double K, double k[VK_NSEG]);

/* Dissimilarity index D = ½ Σ_w |s_w/S − o_w/O| (0: social rent spread
 * like the other homes, 1: fully separated). NAN when S or O is 0. */
double vk_ol_dissimilarity(const double *s, const double *o, size_t n);

#endif
