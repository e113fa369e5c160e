/* index_trends: index/trends.csv, K and O per wijk and year (the rule is
 * documented in index_trends.c and pipeline/FORMATS.md). */
#ifndef INDEX_TRENDS_H
#define INDEX_TRENDS_H

#include "vk_config.h"
#include "vk_csv.h"
#include "vk_err.h"

/* Writes outdir/trends.csv (atomically) from ingest/values.csv. */
int index_trends_write(const vk_config *cfg, const vk_csv *values,
                       const char *outdir, vk_err *e);

#endif
