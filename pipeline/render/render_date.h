/* render_date: the report date, never the clock.
 *
 * report.date_source "source_date_epoch" takes the environment variable
 * SOURCE_DATE_EPOCH (seconds since 1970, UTC) and falls back to the config's
 * date; "config" takes the config's date (YYYY-MM-DD). No date at all is an
 * error, so two runs on the same inputs always give the same report. */
#ifndef RENDER_DATE_H
#define RENDER_DATE_H

#include <stddef.h>
#include <time.h>

#include "vk_config.h"
#include "vk_err.h"

/* epoch: the value of SOURCE_DATE_EPOCH or NULL. Fills *tm (UTC) and buf
 * with the date in Dutch ("21 november 2026"). */
int render_date(const vk_config *c, const char *epoch, struct tm *tm,
                char *buf, size_t n, vk_err *e);

#endif
