/* Minimal TAP output for the unit tests: one "ok N - what" line per check,
 * exit status 1 when any check failed. */
#ifndef TAP_H
#define TAP_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define CHECK(cond, ...) do { \
	tap_n++; \
	printf("%sok %d - ", (cond) ? "" : "not ", tap_n); \
	printf(__VA_ARGS__); \
	putchar('\n'); \
	if (!(cond)) { tap_failed++; \
		printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_NEAR(a, b, tol, what) do { \
	double a_ = (a), b_ = (b); \
	CHECK(fabs(a_ - b_) <= (tol), "%s (%.12g vs %.12g)", what, a_, b_); \
} while (0)

#define CHECK_STR(a, b, what) do { \
	const char *a_ = (a), *b_ = (b); \
	CHECK(strcmp(a_, b_) == 0, "%s (\"%s\" vs \"%s\")", what, a_, b_); \
} while (0)

#define TAP_DONE() (tap_failed ? 1 : 0)

#endif
