/* vk-outlook internals: the `outlook:` config section, the data the model
 * starts from, and the output files. The model itself is
 * pipeline/lib/vk_outlook.h. */
#ifndef OUTLOOK_H
#define OUTLOOK_H

#include <stddef.h>

#include "vk_config.h"
#include "vk_err.h"
#include "vk_outlook.h"

#define OL_MAX_SCENARIOS 8     /* besides "autonoom" */
#define OL_MAX_NAME 60         /* bytes in a scenario name */
#define OL_AUTONOOM "autonoom"

/* Per-wijk settings from outlook.wijken.<code>; NAN = not given. */
typedef struct ol_wijk_cfg {
	const char *code;          /* borrowed from the YAML tree */
	vk_pos pos;
	double stock[VK_NSEG];
	double social_share;
	double K, K_base;          /* % */
	double intake[VK_NSEG];
	double turnover[VK_NSEG];
} ol_wijk_cfg;

typedef struct ol_scenario {
	const char *name;          /* borrowed */
	const char *description;   /* or NULL */
	vk_pos pos;
	vk_ol_measure *m;          /* wijk indices resolved by ol_resolve */
	const char **mwijk;        /* each measure's wijk code (borrowed) */
	vk_pos *mwijk_pos;         /* and where it is written */
	size_t nm;
} ol_scenario;

/* The whole `outlook:` section. Strings are borrowed from the config's
 * YAML tree, so an ol_config lives no longer than its vk_config. */
typedef struct ol_config {
	int present;               /* 0: no outlook section */
	vk_pos pos;
	int illustrative;
	const char *note;
	int base_year;             /* 0 = the stock's year */
	int horizon;
	vk_pos horizon_pos;
	double rho, displacement, social_share;
	/* outlook.stock: where homes and shares come from; source NULL =
	 * every wijk's stock is given in full under outlook.wijken */
	const char *stock_source;
	vk_pos stock_pos;
	int stock_year;            /* 0 = the source's fixed year */
	const char *col_homes, *col_corp, *col_owner;
	double turnover[VK_NSEG], intake[VK_NSEG], k_ratio[VK_NSEG];
	double wb_k_pp, wb_intake_pp;
	ol_wijk_cfg *wijken;
	size_t nwijken;
	ol_scenario *sc;
	size_t nsc;
} ol_config;

/* Parses and checks cfg's `outlook:` section; every error names
 * config:line:col. An absent section gives present = 0. */
int ol_config_parse(const vk_config *cfg, ol_config *oc, vk_err *e);
void ol_config_free(ol_config *oc);

/* One wijk as the tool sees it, inputs and provenance. */
typedef struct ol_wijk {
	char code[16];
	char *name;
	int in_area;
	double K, K_base;          /* %: the wijk figure of index/trends.csv, else
	                            * classify's buurten (population-weighted) */
	double inhabitants;        /* of the buurten with both K's */
	int K_from_config;
	int K_from_wijk;           /* K, K_base from index/trends.csv */
	double stock_homes, stock_corp, stock_owner; /* as read, NAN = none */
	int stock_from;            /* 0 none, 1 wijk row, 2 sum of buurten */
	int calibrated[VK_NSEG];   /* 1 calibrated, 2 calibrated and clamped */
	double k_base_seg[VK_NSEG];/* segment split of K_base, for calibration */
	vk_ol_wijk w;              /* the model's inputs */
} ol_wijk;

typedef struct ol_data {
	ol_wijk *w;
	size_t nw;
	int k_years;               /* K.year - K.base_year (calibration n) */
	int stock_year;
} ol_data;

/* Reads WORKDIR/index/wijken.csv, WORKDIR/classify/buurten.csv and the
 * stock source, and fills every wijk's model inputs (stock by segment, k0
 * split, turnover, intake, calibrated where not given). */
int ol_data_load(const vk_config *cfg, const ol_config *oc,
                 const char *workdir, ol_data *d, vk_err *e);
void ol_data_free(ol_data *d);

/* Resolves each measure's wijk code to an index into d; an unknown code
 * is an error at the measure's `wijk:`. */
int ol_resolve(const vk_config *cfg, ol_config *oc, const ol_data *d,
               vk_err *e);

/* Writes OUTDIR/projections.csv, summary.csv, city.csv and inputs.csv
 * atomically. runs[0] is "autonoom", runs[1 + j] scenario j. */
int ol_write(const vk_config *cfg, const ol_config *oc, const ol_data *d,
             const vk_ol_model *m, vk_ol_run *const *runs,
             const char *outdir, vk_err *e);

/* Header-only files, for a config without an outlook section. */
int ol_write_empty(const char *outdir, vk_err *e);

#endif
