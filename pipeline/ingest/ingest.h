/* vk-ingest internals: every source is read into these tables first and
 * written only when all of them are good, so a failing run replaces no
 * output file.
 *
 * Ownership: ing_data owns every code, name and geometry string in it;
 * variable names point into the config, which must outlive the data. */
#ifndef INGEST_H
#define INGEST_H

#include <stdio.h>

#include "vk_config.h"
#include "vk_err.h"

/* Caps for boundary files (the CSV caps are vk_csv's). */
#define ING_MAX_FEATURES ((size_t)1000000)
#define ING_MAX_VERTICES ((size_t)10000000) /* per source */

typedef struct ing_value {
	size_t src;          /* index into cfg->sources */
	char *code;
	const char *var;     /* owned by the config */
	int year;
	double value;        /* NAN = missing */
	long line;           /* where it was read, for duplicate errors */
} ing_value;

typedef struct ing_name {
	size_t src;
	char *code, *name;
	int year;            /* the name of the latest year wins */
	long line;
} ing_name;

typedef struct ing_geom {
	size_t src;
	char *code, *name;
	char *parts;         /* WKT polygons "((x y,...),(...)),((...))" */
	size_t seq;          /* feature order, so merged parts keep it */
} ing_geom;

typedef struct ing_data {
	ing_value *val;
	size_t nval, capval;
	ing_name *name;
	size_t nname, capname;
	ing_geom *geom;
	size_t ngeom, capgeom;
	size_t nempty;       /* features without any polygon, left out */
} ing_data;

ing_data *ing_data_new(void);          /* NULL when out of memory */
void ing_data_free(ing_data *d);

/* Each copies its strings except where noted; -1 + e on out of memory. */
int ing_add_value(ing_data *d, size_t src, const char *code, const char *var,
                  int year, double value, long line, vk_err *e);
int ing_add_name(ing_data *d, size_t src, const char *code, const char *name,
                 int year, long line, vk_err *e);
/* Takes ownership of parts (also on failure). */
int ing_add_geom(ing_data *d, size_t src, const char *code, const char *name,
                 char *parts, vk_err *e);

/* Sorts every table (config source order, then code, variable, year),
 * keeps one name per source and code, merges geometries of one code and
 * fails on a duplicate value, naming both lines. */
int ing_data_finish(ing_data *d, const vk_config *cfg, vk_err *e);

/* Write the finished tables as pipeline/FORMATS.md says. Write errors
 * show up in ferror(fp). */
void ing_write_values(const ing_data *d, const vk_config *cfg, FILE *fp);
void ing_write_names(const ing_data *d, const vk_config *cfg, FILE *fp);
void ing_write_geometry(const ing_data *d, const vk_config *cfg, FILE *fp);

/* "buurt" (BU + 8 digits), "wijk" (WK + 6), "gemeente" (GM + 4), "land"
 * (NL + 2, as in NL00), or NULL when code is none of these. */
const char *ing_code_level(const char *code);

/* Read one source of the matching format into d. */
int ing_csv(ing_data *d, const vk_config *cfg, size_t src, vk_err *e);
int ing_ogr(ing_data *d, const vk_config *cfg, size_t src, vk_err *e);
/* Releases GDAL's global state (drivers, caches) at exit. */
void ing_ogr_cleanup(void);

#endif
