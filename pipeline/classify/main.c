/* vk-classify: derives P, K, O, their changes and the signal classes of
 * DOMAIN.md §5 per buurt, in absolute and relative mode, and checks the
 * invariants before writing: every buurt has exactly one class, and the
 * inhabitants per class add up to the total. With classification.lbm_klassen
 * it also puts each buurt's L in one of the nine Leefbaarometer classes;
 * with classification.growth it flags buurten whose population changed so
 * much between K's two years that ΔK mostly tells who moved in or out. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vk_classify.h"
#include "vk_cli.h"
#include "vk_config.h"
#include "vk_csv.h"
#include "vk_num.h"
#include "vk_out.h"

#define PROG "vk-classify"

_Static_assert(VK_LBM_NBOUNDS == VK_LBM_NKLASSEN - 1,
               "lbm_klassen gives the lower bounds of classes 2..9");

static const char S_usage[] =
	"usage: " PROG " -i INDEX_DIR -o OUT_DIR CONFIG\n"
	"\n"
	"Reads INDEX_DIR/buurten.csv (from vk-index) and writes\n"
	"OUT_DIR/buurten.csv (every input and derived value per buurt),\n"
	"OUT_DIR/summary.csv (buurten and inhabitants per class and mode) and\n"
	"OUT_DIR/parameters.csv (thresholds and statistics used).\n"
	"\n"
	"  -i DIR     directory with the vk-index output\n"
	"  -o DIR     output directory (created when missing)\n"
	"  --help     show this help\n"
	"  --version  show the version\n"
	"\n"
	"Exit status: 0 ok, 1 bad input, 2 usage, 3 cannot write output or an\n"
	"internal invariant failed.\n";

/* Per-buurt values, NAN when missing. */
typedef struct {
	double inh, homes, p, k0, k1, dk, o0, o1, dO, l;
	double zk, zo;
	vk_chg kc, oc, kcr, ocr;
	vk_class cls, clsr;
	int corp;            /* 1, 0, or -1 when P is missing */
	int in_area;         /* counted in the summary (area.wijken) */
	int alarm;
	int klev, olev;      /* focuskaart terciles 0..2, -1 = NA */
	int lk;              /* Leefbaarometer class 1..9, 0 = NA or none */
	double g0, g1;       /* classification.growth column in K's two years */
	double growth;       /* % from g0 to g1 */
	int gflag;           /* sterke groei: 1, 0, -1 = NA; never a class */
	char reason[160];    /* why NA, in Dutch; "" otherwise */
} S_buurt;

/* The value of component comp in year, from the index column
 * "source.column.year" (NAN when NA). */
static int
S_cell(const vk_config *cfg, const vk_csv *t, size_t row,
       const vk_component *comp, int year, double *v, vk_err *e)
{
	char name[192];
	size_t col;

	vk_config_colname(cfg, comp, year, name, sizeof(name));
	if (vk_csv_need(t, name, &col, e) != 0)
		return -1;
	if (vk_num_parse(vk_csv_get(t, row, col), '.', NULL, 0, v) < 0)
		return vk_err_set(e, vk_csv_path(t), vk_csv_line(t, row),
		                  (long)col + 1, "expected a number or NA in "
		                  "column %s, found \"%s\"", name,
		                  vk_csv_get(t, row, col));
	return 0;
}

/* The weighted mean of an indicator's components in one year (DOMAIN.md
 * §4: K may be a weighted index of component shares). NAN when any
 * component is missing: a partial index would not be comparable. */
static int
S_indicator(const vk_config *cfg, const vk_csv *t, size_t row, int slot,
            int base, double *out, vk_err *e)
{
	const vk_indicator *ind = &cfg->ind[slot];
	double sum = 0, wsum = 0;

	*out = NAN;
	if (!ind->present)
		return 0;
	for (size_t j = 0; j < ind->ncomp; j++) {
		double v;

		if (S_cell(cfg, t, row, &ind->comp[j],
		           vk_config_comp_year(cfg, ind, &ind->comp[j], base),
		           &v, e) != 0)
			return -1;
		if (isnan(v))
			return 0;
		sum += ind->comp[j].weight * v;
		wsum += ind->comp[j].weight;
	}
	if (wsum > 0)
		*out = sum / wsum;
	return 0;
}

static void S_reason(S_buurt *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Appends one Dutch reason why a buurt is NA ("; "-separated). */
static void
S_reason(S_buurt *b, const char *fmt, ...)
{
	size_t n = strlen(b->reason);
	va_list ap;

	if (n > 0 && n + 2 < sizeof(b->reason)) {
		memcpy(b->reason + n, "; ", 3);
		n += 2;
	}
	va_start(ap, fmt);
	vsnprintf(b->reason + n, sizeof(b->reason) - n, fmt, ap);
	va_end(ap);
}

/* The classification.growth column in K's base year and year; NAN
 * without the key. */
static int
S_growth_cells(const vk_config *cfg, const vk_csv *t, size_t row,
               double *g0, double *g1, vk_err *e)
{
	const vk_indicator *ik = &cfg->ind[VK_IND_K];
	const vk_classif *k = &cfg->classif;

	*g0 = *g1 = NAN;
	if (!k->has_growth)
		return 0;
	return S_cell(cfg, t, row, &k->growth, ik->base_year, g0, e) != 0 ||
	       S_cell(cfg, t, row, &k->growth, ik->year, g1, e) != 0 ? -1 : 0;
}

static int
S_load(const vk_config *cfg, const vk_csv *t, S_buurt *b, vk_err *e)
{
	const vk_indicator *ik = &cfg->ind[VK_IND_K], *io = &cfg->ind[VK_IND_O];
	double v, v2;
	size_t cin;

	/* Check the columns once, before any row: a table without rows must
	 * fail on them too. */
	if (vk_csv_nrows(t) == 0)
		return vk_err_set(e, vk_csv_path(t), 2, 0,
		                  "expected one row per buurt, found none");
	if (vk_csv_need(t, "in_area", &cin, e) != 0)
		return -1;
	for (int slot = 0; slot < VK_IND_COUNT; slot++)
		for (int base = 0; base <= (cfg->ind[slot].base_year != 0); base++)
			if (S_indicator(cfg, t, 0, slot, base, &v, e) != 0)
				return -1;
	if (S_growth_cells(cfg, t, 0, &v, &v2, e) != 0)
		return -1;
	for (size_t r = 0; r < vk_csv_nrows(t); r++) {
		S_buurt *x = &b[r];

		if (S_indicator(cfg, t, r, VK_IND_INHABITANTS, 0, &x->inh, e) ||
		    S_indicator(cfg, t, r, VK_IND_HOMES, 0, &x->homes, e) ||
		    S_indicator(cfg, t, r, VK_IND_P, 0, &x->p, e) ||
		    S_indicator(cfg, t, r, VK_IND_K, 1, &x->k0, e) ||
		    S_indicator(cfg, t, r, VK_IND_K, 0, &x->k1, e) ||
		    S_indicator(cfg, t, r, VK_IND_O, 1, &x->o0, e) ||
		    S_indicator(cfg, t, r, VK_IND_O, 0, &x->o1, e) ||
		    S_indicator(cfg, t, r, VK_IND_L, 0, &x->l, e) ||
		    S_growth_cells(cfg, t, r, &x->g0, &x->g1, e))
			return -1;
		x->in_area = strcmp(vk_csv_get(t, r, cin), "1") == 0;
		x->dk = x->k1 - x->k0;
		x->dO = x->o1 - x->o0;
		if (isnan(x->inh))
			S_reason(x, "aantal inwoners onbekend");
		else if (x->inh < cfg->classif.min_inhabitants)
			S_reason(x, "minder dan %d inwoners",
			         (int)cfg->classif.min_inhabitants);
		if (isnan(x->k0))
			S_reason(x, "K %d ontbreekt", ik->base_year);
		if (isnan(x->k1))
			S_reason(x, "K %d ontbreekt", ik->year);
		if (isnan(x->o0))
			S_reason(x, "O %d ontbreekt", io->base_year);
		if (isnan(x->o1))
			S_reason(x, "O %d ontbreekt", io->year);
		if (x->reason[0] != '\0')
			x->dk = x->dO = NAN; /* out of the reference set */
	}
	return 0;
}

typedef struct {
	size_t n_ref;
	double mean_dk, sd_dk, mean_do, sd_do, tau;
	double kq1, kq2, oq1, oq2; /* level terciles (focuskaart, alarm) */
} S_stats;

/* Whether a buurt counts for the level terciles. */
static int
S_level_ok(const vk_config *cfg, const S_buurt *x)
{
	return !isnan(x->inh) && x->inh >= cfg->classif.min_inhabitants &&
	       !isnan(x->k1) && !isnan(x->o1);
}

static void
S_classify(const vk_config *cfg, S_buurt *b, size_t n, S_stats *st,
           double *tmp)
{
	const vk_classif *k = &cfg->classif;

	/* The reference set: buurten with all inputs (dk/dO set). */
	for (size_t i = 0; i < n; i++)
		tmp[i] = b[i].dO;
	st->n_ref = vk_stat_count(tmp, n);
	st->mean_do = vk_stat_mean(tmp, n);
	st->sd_do = vk_stat_sd(tmp, n);
	st->tau = k->o_tau_factor * st->sd_do;
	for (size_t i = 0; i < n; i++)
		tmp[i] = b[i].dk;
	st->mean_dk = vk_stat_mean(tmp, n);
	st->sd_dk = vk_stat_sd(tmp, n);
	/* Levels (focuskaart, and the alarm's "poor O level"): city terciles
	 * of K and O in the current year, over the buurten with enough
	 * inhabitants and both levels; changes are not needed for levels. */
	for (size_t i = 0; i < n; i++)
		tmp[i] = S_level_ok(cfg, &b[i]) ? b[i].k1 : NAN;
	st->kq1 = vk_stat_quantile(tmp, n, 1.0 / 3.0);
	st->kq2 = vk_stat_quantile(tmp, n, 2.0 / 3.0);
	for (size_t i = 0; i < n; i++)
		tmp[i] = S_level_ok(cfg, &b[i]) ? b[i].o1 : NAN;
	st->oq1 = vk_stat_quantile(tmp, n, 1.0 / 3.0);
	st->oq2 = vk_stat_quantile(tmp, n, 2.0 / 3.0);

	for (size_t i = 0; i < n; i++) {
		S_buurt *x = &b[i];

		x->kc = vk_change(x->dk, k->k_threshold);
		x->oc = vk_change(x->dO, st->tau);
		x->cls = vk_classify_signal(x->kc, x->oc);
		x->zk = vk_zscore(x->dk, st->mean_dk, st->sd_dk);
		x->zo = vk_zscore(x->dO, st->mean_do, st->sd_do);
		x->kcr = vk_change(x->zk, k->z_threshold);
		x->ocr = vk_change(x->zo, k->z_threshold);
		x->clsr = vk_classify_signal(x->kcr, x->ocr);
		x->corp = isnan(x->p) ? -1 : x->p > k->corporatiebuurt;
		x->klev = S_level_ok(cfg, x) ? vk_tercile(x->k1, st->kq1, st->kq2) : -1;
		x->olev = S_level_ok(cfg, x) ? vk_tercile(x->o1, st->oq1, st->oq2) : -1;
		x->alarm = x->cls == VK_CLASS_VD && x->corp == 1 && x->olev == 0;
		x->lk = k->has_lbm ? vk_lbm_klasse(x->l, k->lbm_bounds) : 0;
		/* A warning next to the class, computed after it and never
		 * fed back into it (vk_growth_flag). */
		x->growth = vk_growth(x->g0, x->g1);
		x->gflag = vk_growth_flag(x->growth, k->growth_threshold);
	}
}

/* With lbm_klassen every buurt with L has exactly one of the nine classes
 * and the others none. A failure is a bug, not bad input. */
static int
S_check_lbm(const vk_config *cfg, const S_buurt *b, size_t n, vk_err *e)
{
	if (!cfg->classif.has_lbm)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (isnan(b[i].l) ? b[i].lk != 0 :
		    b[i].lk < 1 || b[i].lk > VK_LBM_NKLASSEN)
			return vk_err_io(e, NULL, "internal error: buurt %zu has "
			                 "Leefbaarometer class %d", i, b[i].lk);
	return 0;
}

/* Invariants (DOMAIN.md §5): classes partition the buurten, inhabitants
 * per class add up to the total, missing data is NA. A failure here is a
 * bug, not bad input. Counts cover the report's area (all buurten unless
 * area.wijken narrows it); the statistics above used the whole gemeente. */
static int
S_check(const S_buurt *b, size_t n, size_t cnt[2][VK_NCLASS + 1],
        double inh[2][VK_NCLASS + 1], vk_err *e)
{
	double total = 0;

	memset(cnt, 0, sizeof(size_t) * 2 * (VK_NCLASS + 1));
	memset(inh, 0, sizeof(double) * 2 * (VK_NCLASS + 1));
	size_t area_n = 0;

	for (size_t i = 0; i < n; i++) {
		const vk_class c[2] = { b[i].cls, b[i].clsr };
		double people = isnan(b[i].inh) ? 0 : b[i].inh;

		if (!b[i].in_area)
			continue;
		area_n++;
		total += people;
		for (int m = 0; m < 2; m++) {
			if (c[m] >= VK_NCLASS)
				return vk_err_io(e, NULL, "internal error: buurt %zu "
				                 "has no class", i);
			if ((b[i].reason[0] != '\0') != (c[m] == VK_CLASS_NA))
				return vk_err_io(e, NULL, "internal error: buurt %zu "
				                 "is NA without reason or the reverse", i);
			cnt[m][c[m]]++;
			inh[m][c[m]] += people;
			cnt[m][VK_NCLASS]++;
			inh[m][VK_NCLASS] += people;
		}
	}
	for (int m = 0; m < 2; m++) {
		size_t sc = 0;
		double si = 0;

		for (int c = 0; c < VK_NCLASS; c++)
			sc += cnt[m][c], si += inh[m][c];
		if (sc != area_n || cnt[m][VK_NCLASS] != area_n || si != total ||
		    inh[m][VK_NCLASS] != total)
			return vk_err_io(e, NULL, "internal error: classes do not "
			                 "partition the buurten (%zu of %zu, %.0f of "
			                 "%.0f inhabitants)", sc, area_n, si, total);
	}
	return 0;
}

static void
S_num(FILE *fp, double v, int decimals)
{
	char buf[64];

	fprintf(fp, ",%s", vk_num_fmt(buf, sizeof(buf), v, decimals));
}

/* L_klasse (after L) only when the config gives lbm_klassen, growth and
 * growth_flag (after dK, which they qualify) only with
 * classification.growth: without them the file stays as it was, column
 * for column. */
static void
S_write_buurten(FILE *fp, const vk_csv *t, const S_buurt *b, int lbm,
                int growth)
{
	for (size_t c = 0; c < vk_csv_ncols(t); c++)
		fprintf(fp, "%s%s", c ? "," : "", vk_csv_header(t, c));
	fputs(",inhabitants,homes,P,K_base,K,dK", fp);
	if (growth)
		fputs(",growth,growth_flag", fp);
	fputs(",O_base,O,dO,L", fp);
	if (lbm)
		fputs(",L_klasse", fp);
	fputs(",corporatiebuurt,"
	      "k_change,o_change,class,z_dK,z_dO,k_change_rel,o_change_rel,"
	      "class_rel,alarm,k_level,o_level,focus,na_reason\n", fp);
	for (size_t r = 0; r < vk_csv_nrows(t); r++) {
		const S_buurt *x = &b[r];

		for (size_t c = 0; c < vk_csv_ncols(t); c++) {
			if (c)
				fputc(',', fp);
			vk_csv_put(fp, vk_csv_get(t, r, c));
		}
		S_num(fp, x->inh, 0);
		S_num(fp, x->homes, 0);
		S_num(fp, x->p, 2);
		S_num(fp, x->k0, 4);
		S_num(fp, x->k1, 4);
		S_num(fp, x->dk, 4);
		if (growth) {
			S_num(fp, x->growth, 2);
			if (x->gflag < 0)
				fputs("," VK_NA_TEXT, fp);
			else
				fprintf(fp, ",%d", x->gflag);
		}
		S_num(fp, x->o0, 6);
		S_num(fp, x->o1, 6);
		S_num(fp, x->dO, 6);
		S_num(fp, x->l, 6);
		if (lbm && x->lk > 0)
			fprintf(fp, ",%d", x->lk);
		else if (lbm)
			fputs("," VK_NA_TEXT, fp);
		fprintf(fp, ",%s,%s,%s,%s", x->corp < 0 ? "NA" :
		        x->corp ? "1" : "0", vk_change_k_word(x->kc),
		        vk_change_o_word(x->oc), vk_class_info_of(x->cls)->code);
		S_num(fp, x->zk, 3);
		S_num(fp, x->zo, 3);
		fprintf(fp, ",%s,%s,%s,%d,%s,%s,%s,", vk_change_k_word(x->kcr),
		        vk_change_o_word(x->ocr), vk_class_info_of(x->clsr)->code,
		        x->alarm, vk_level_k_word(x->klev), vk_level_o_word(x->olev),
		        x->klev < 0 || x->olev < 0 ? "NA" :
		        x->klev == 2 && x->olev == 0 ? "1" : "0");
		vk_csv_put(fp, x->reason);
		fputc('\n', fp);
	}
}

static void
S_write_summary(FILE *fp, size_t cnt[2][VK_NCLASS + 1],
                double inh[2][VK_NCLASS + 1])
{
	static const char *const modes[2] = { "absolute", "relative" };

	fputs("mode,class,label,buurten,inhabitants\n", fp);
	for (int m = 0; m < 2; m++)
		for (int c = 0; c <= VK_NCLASS; c++)
			fprintf(fp, "%s,%s,%s,%zu,%.0f\n", modes[m],
			        c < VK_NCLASS ? vk_class_info_of(c)->code : "TOTAL",
			        c < VK_NCLASS ? vk_class_info_of(c)->label : "Totaal",
			        cnt[m][c], inh[m][c]);
}

static void
S_param(FILE *fp, const char *name, double v, int decimals, const char *desc)
{
	char buf[64];

	fprintf(fp, "%s,%s,", name, vk_num_fmt(buf, sizeof(buf), v, decimals));
	vk_csv_put(fp, desc);
	fputc('\n', fp);
}

static void
S_write_params(FILE *fp, const vk_config *cfg, size_t n, const S_stats *st)
{
	const vk_classif *k = &cfg->classif;
	const vk_indicator *ind = cfg->ind;

	/* The descriptions are shown in the report's appendix: Dutch. */
	fputs("name,value,description\n", fp);
	S_param(fp, "buurten", (double)n, 0, "buurten in de gemeente");
	S_param(fp, "reference_buurten", (double)st->n_ref, 0,
	        "buurten met alle gegevens en genoeg inwoners (referentie)");
	S_param(fp, "k_threshold", k->k_threshold, 2,
	        "ΔK boven +drempel is toename, onder −drempel afname (procentpunt)");
	S_param(fp, "o_tau_factor", k->o_tau_factor, 2,
	        "τ = factor × standaardafwijking van ΔO");
	S_param(fp, "tau", st->tau, 6, "drempel voor ΔO (absoluut)");
	S_param(fp, "z_threshold", k->z_threshold, 2,
	        "relatief: |z| boven deze waarde telt als verandering");
	S_param(fp, "min_inhabitants", k->min_inhabitants, 0,
	        "minder inwoners: onvoldoende gegevens");
	S_param(fp, "corporatiebuurt", k->corporatiebuurt, 1,
	        "P boven dit percentage maakt een corporatiebuurt");
	for (int i = 0; k->has_lbm && i < VK_LBM_NBOUNDS; i++) {
		char name[32], desc[160];

		snprintf(name, sizeof(name), "lbm_klasse_%d", i + 2);
		snprintf(desc, sizeof(desc), "L vanaf deze waarde: "
		         "Leefbaarometer-klasse %d, %s (configuratie)", i + 2,
		         vk_lbm_klasse_name(i + 2));
		S_param(fp, name, k->lbm_bounds[i], 6, desc);
	}
	if (k->has_growth) {
		char desc[256];

		/* The flag is a warning beside the class, not a rule of it. */
		snprintf(desc, sizeof(desc), "sterke groei: %s %d→%d meer dan "
		         "±dit %%; waarschuwing, wijzigt geen klasse",
		         k->growth.column, ind[VK_IND_K].base_year,
		         ind[VK_IND_K].year);
		S_param(fp, "growth_threshold", k->growth_threshold, 1, desc);
	}
	S_param(fp, "mean_dK", st->mean_dk, 4, "gemiddelde ΔK (referentiebuurten)");
	S_param(fp, "sd_dK", st->sd_dk, 4, "standaardafwijking ΔK (referentiebuurten)");
	S_param(fp, "mean_dO", st->mean_do, 6, "gemiddelde ΔO (referentiebuurten)");
	S_param(fp, "sd_dO", st->sd_do, 6, "standaardafwijking ΔO (referentiebuurten)");
	S_param(fp, "K_tercile_low", st->kq1, 4,
	        "K-niveau hieronder is laag (focuskaart)");
	S_param(fp, "K_tercile_high", st->kq2, 4,
	        "K-niveau hierboven is hoog (focuskaart)");
	S_param(fp, "O_tercile_low", st->oq1, 6,
	        "O-niveau hieronder is zwak (focuskaart, alle seinen op rood)");
	S_param(fp, "O_tercile_high", st->oq2, 6,
	        "O-niveau hierboven is goed (focuskaart)");
	S_param(fp, "P_year", vk_config_comp_year(cfg, &ind[VK_IND_P],
	        ind[VK_IND_P].comp, 0), 0, "jaar van P");
	S_param(fp, "K_base_year", ind[VK_IND_K].base_year, 0, "K vanaf");
	S_param(fp, "K_year", ind[VK_IND_K].year, 0, "K tot en met");
	S_param(fp, "O_base_year", ind[VK_IND_O].base_year, 0, "O vanaf");
	S_param(fp, "O_year", ind[VK_IND_O].year, 0, "O tot en met");
	S_param(fp, "inhabitants_year",
	        vk_config_comp_year(cfg, &ind[VK_IND_INHABITANTS],
	                            ind[VK_IND_INHABITANTS].comp, 0), 0,
	        "jaar van de inwonertallen");
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = { VK_CLI_COMMON_LONGOPTS };
	const char *indir = NULL, *outdir = NULL;
	int ch, rc = VK_EXIT_OK;
	vk_err e = { 0 };
	vk_config *cfg = NULL;
	vk_csv *t = NULL;
	S_buurt *b = NULL;
	double *tmp = NULL;
	size_t n, cnt[2][VK_NCLASS + 1];
	double inh[2][VK_NCLASS + 1];
	S_stats st;
	vk_out out[3] = { { 0 } };
	char path[4096];
	FILE *fp;

	while ((ch = getopt_long(argc, argv, "i:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'i': indir = optarg; break;
		case 'o': outdir = optarg; break;
		default: return vk_cli_other(ch, PROG, S_usage);
		}
	}
	if (indir == NULL || outdir == NULL || optind != argc - 1) {
		fputs(S_usage, stderr);
		return VK_EXIT_USAGE;
	}

	cfg = vk_config_load(argv[optind], &e);
	if (cfg == NULL)
		goto fail;
	snprintf(path, sizeof(path), "%s/buurten.csv", indir);
	t = vk_csv_read(path, NULL, &e);
	if (t == NULL)
		goto fail;
	n = vk_csv_nrows(t);
	b = calloc(n ? n : 1, sizeof(*b));
	tmp = calloc(n ? n : 1, sizeof(*tmp));
	if (b == NULL || tmp == NULL) {
		vk_err_io(&e, NULL, "out of memory");
		goto fail;
	}
	if (S_load(cfg, t, b, &e) != 0)
		goto fail;
	S_classify(cfg, b, n, &st, tmp);
	if (S_check(b, n, cnt, inh, &e) != 0 || S_check_lbm(cfg, b, n, &e) != 0 ||
	    vk_mkdirs(outdir, &e) != 0)
		goto fail;

	snprintf(path, sizeof(path), "%s/buurten.csv", outdir);
	if ((fp = vk_out_open(&out[0], path, &e)) == NULL)
		goto fail;
	S_write_buurten(fp, t, b, cfg->classif.has_lbm,
	                cfg->classif.has_growth);
	snprintf(path, sizeof(path), "%s/summary.csv", outdir);
	if ((fp = vk_out_open(&out[1], path, &e)) == NULL)
		goto fail;
	S_write_summary(fp, cnt, inh);
	snprintf(path, sizeof(path), "%s/parameters.csv", outdir);
	if ((fp = vk_out_open(&out[2], path, &e)) == NULL)
		goto fail;
	S_write_params(fp, cfg, n, &st);
	if (vk_out_commit_all(out, 3, &e) != 0)
		goto fail;
	goto done;
fail:
	vk_err_print(&e, PROG, stderr);
	rc = vk_err_exit_code(&e);
done:
	vk_out_abort_all(out, 3);
	free(b);
	free(tmp);
	vk_csv_free(t);
	vk_config_free(cfg);
	return rc;
}
