#include "render_date.h"

#include <stdio.h>
#include <string.h>

static const char *const S_months[12] = {
	"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december",
};

static int
S_from_epoch(const char *s, struct tm *tm, vk_err *e)
{
	long long v = 0;
	time_t t;

	/* Digits only: no sign, no spaces, no strtoll surprises. */
	for (const char *p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || v > 253402300799LL)
			return vk_err_set(e, NULL, 0, 0, "SOURCE_DATE_EPOCH "
			                  "'%s' is not a number of seconds "
			                  "between 1970 and 9999", s);
		v = v * 10 + (*p - '0');
	}
	if (v > 253402300799LL)
		return vk_err_set(e, NULL, 0, 0, "SOURCE_DATE_EPOCH '%s' is "
		                  "after the year 9999", s);
	t = (time_t)v;
	if (gmtime_r(&t, tm) == NULL)
		return vk_err_set(e, NULL, 0, 0, "SOURCE_DATE_EPOCH '%s' is "
		                  "out of range", s);
	return 0;
}

static int
S_days_in_month(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	                           31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : d[m - 1];
}

static int
S_from_config(const vk_config *c, struct tm *tm, vk_err *e)
{
	const char *s = c->report.date;
	int y, m, d, n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    n != 10 || y < 1970 || m < 1 || m > 12 || d < 1 ||
	    d > S_days_in_month(y, m))
		return vk_err_set(e, c->path, 0, 0, "report.date '%s' is not a "
		                  "date YYYY-MM-DD", s);
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	return 0;
}

int
render_date(const vk_config *c, const char *epoch, struct tm *tm,
            char *buf, size_t n, vk_err *e)
{
	const char *src = c->report.date_source;
	int use_epoch = src == NULL || strcmp(src, "source_date_epoch") == 0;
	int rc;

	if (epoch != NULL && epoch[0] == '\0')
		epoch = NULL;   /* make exports it empty outside git */
	if (use_epoch && epoch != NULL)
		rc = S_from_epoch(epoch, tm, e);
	else if (c->report.date != NULL)
		rc = S_from_config(c, tm, e);
	else
		rc = vk_err_set(e, c->path, 0, 0, "no report date: set "
		                "SOURCE_DATE_EPOCH or report.date (report."
		                "date_source is %s)", src ? src : "unset");
	if (rc < 0)
		return -1;
	snprintf(buf, n, "%d %s %d", tm->tm_mday, S_months[tm->tm_mon],
	         tm->tm_year + 1900);
	return 0;
}
