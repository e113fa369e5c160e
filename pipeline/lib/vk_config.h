/* vk_config: one client's QuickScan configuration (YAML), loaded and checked.
 *
 * Every stage loads the same file. Loading checks the whole schema: unknown
 * keys, wrong types, missing required keys, duplicate keys, files that do
 * not exist; each error names config-file:line:column. Whether a configured
 * column exists in its data file is checked by ingest, which opens the data
 * (indicator components and classification.growth alike).
 *
 * Ownership: vk_config_load returns a config the caller frees with
 * vk_config_free; every string and array inside belongs to it. */
#ifndef VK_CONFIG_H
#define VK_CONFIG_H

#include <stddef.h>

#include "vk_err.h"
#include "vk_yaml.h"

#define VK_CONFIG_MAX_BYTES ((size_t)4 << 20)

typedef enum { VK_SRC_CSV, VK_SRC_OGR } vk_src_format;
typedef enum { VK_LAYOUT_WIDE, VK_LAYOUT_LONG } vk_src_layout;

/* Where a value in the config file came from, for error messages. */
typedef struct vk_pos {
	long line, col;
} vk_pos;

typedef struct vk_source {
	char *id;            /* key under `sources` */
	char *file;          /* as written in the config */
	char *path;          /* resolved against the config's directory */
	vk_src_format format;
	vk_pos pos, file_pos;
	/* csv */
	vk_src_layout layout;
	char *key;           /* column with the CBS code */
	char *name;          /* column with the area name, or NULL */
	int year;            /* fixed year of the whole file, 0 = none */
	char *year_column;   /* column with the year, or NULL */
	char *variable;      /* long layout: column naming the variable */
	char *value;         /* long layout: column with the value */
	char delimiter;      /* ',' ';' or 0 = detect */
	char decimal;        /* '.' (default) or ',' */
	char **missing;      /* extra missing-value markers ("." "NA") */
	size_t nmissing;
	/* ogr */
	char *layer;         /* NULL = first layer */
	char *level;         /* "buurt" "wijk" or "gemeente" */
	char *code_field;
	char *code_prefix;   /* "" when code_field holds the full code */
	char *name_field;    /* or NULL */
} vk_source;

typedef struct vk_component {
	size_t source;       /* index into cfg->sources */
	char *column;        /* column (wide) or variable name (long) */
	double weight;
	vk_pos pos;
} vk_component;

/* Indicator slots, fixed by the method (DOMAIN.md §4). */
enum { VK_IND_INHABITANTS, VK_IND_HOMES, VK_IND_P, VK_IND_K, VK_IND_O,
       VK_IND_L, VK_IND_COUNT };

typedef struct vk_indicator {
	const char *key;     /* "inhabitants" "homes" "P" "K" "O" "L" (static) */
	int present;
	vk_component *comp;
	size_t ncomp;
	int year;            /* level year; 0 = the source's fixed year */
	int base_year;       /* start of the change; 0 = no change computed */
	vk_pos pos;
} vk_indicator;

/* The nine Leefbaarometer classes need eight bounds (DOMAIN.md §5). */
#define VK_LBM_NBOUNDS 8

typedef struct vk_classif {
	double k_threshold;     /* pp */
	double o_tau_factor;
	double z_threshold;
	double min_inhabitants;
	double corporatiebuurt; /* % */
	/* classification.lbm_klassen: the lower bounds of Leefbaarometer
	 * classes 2..9 on the scale of L, strictly ascending. Optional: the
	 * Leefbaarometer publishes them per release and we hold no verified
	 * numbers, so without the key nothing is classed (has_lbm = 0). */
	int has_lbm;
	double lbm_bounds[VK_LBM_NBOUNDS];
	/* classification.growth: K and ΔK assume a buurt kept roughly the
	 * same people; a buurt that grew (or shrank) by more than
	 * growth_threshold percent between K's base_year and year gets a
	 * warning flag. Optional (has_growth = 0 without the key). The flag
	 * never changes a class. growth.weight is unused; growth.pos is the
	 * position of `column`, for errors about the column. */
	int has_growth;
	vk_component growth;
	double growth_threshold; /* %, > 0 */
} vk_classif;

typedef struct vk_report {
	char *client, *title, *subtitle;
	char *date_source;      /* "source_date_epoch" or "config" */
	char *date;             /* YYYY-MM-DD or NULL */
} vk_report;

typedef struct vk_config {
	char *path;             /* the config file as given */
	char *dir;              /* its directory */
	char *area_code;        /* "GM0344" */
	char *area_name;
	char *gemeente_digits;  /* "0344" */
	char **wijken;          /* working area: these wijk codes only, or */
	size_t nwijken;         /* 0 = the whole gemeente */
	vk_report report;
	vk_source *sources;
	size_t nsources;
	vk_indicator ind[VK_IND_COUNT];
	vk_classif classif;
	/* The whole document, for the optional sections that other modules
	 * parse and check themselves (with positions): `wijken` (consultant's
	 * notes per wijk), `outlook` (the stock-flow model), `template`
	 * (client template, logo, sandbox limits). Owned by the config. */
	vk_ynode *root;
} vk_config;

vk_config *vk_config_load(const char *path, vk_err *e);
void vk_config_free(vk_config *c);

/* Whether a buurt or wijk code lies in the report's area: the gemeente,
 * narrowed to area.wijken when the config lists them. Statistics (tau,
 * z-scores) always use the whole gemeente, as the method asks. */
int vk_config_in_area(const vk_config *c, const char *code);

/* The value of an optional top-level section, or NULL when absent. */
const vk_ynode *vk_config_section(const vk_config *c, const char *name);

/* The source with this id, or NULL. */
const vk_source *vk_config_source(const vk_config *c, const char *id);

/* Effective year of a component value: ind->year if set, else the source's
 * fixed year (base: ind->base_year). Returns 0 when neither is known. */
int vk_config_comp_year(const vk_config *c, const vk_indicator *ind,
                        const vk_component *comp, int base);

/* Name of the joined column for a component in a year, "source.column.year",
 * written into buf. Index writes these columns; classify reads them. */
char *vk_config_colname(const vk_config *c, const vk_component *comp,
                        int year, char *buf, size_t n);

#endif
