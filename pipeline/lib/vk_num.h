/* vk_num: locale-independent number parsing and Dutch number formatting.
 *
 * Missing values are NAN in memory and "NA" in every file the pipeline
 * writes. Parsing never uses strtod's locale: CBS files use '.' as missing
 * marker and sometimes a decimal comma. */
#ifndef VK_NUM_H
#define VK_NUM_H

#include <stddef.h>

#define VK_NA_TEXT "NA"

/* Parses s as a number. decimal is '.' or ','; with ',' a '.' is a thousands
 * separator, with '.' a ',' is an error. Spaces inside the number are
 * thousands separators; leading/trailing spaces are ignored.
 * Returns 0 and *out on success; 1 and *out = NAN when s is empty, "NA" or
 * one of the nmissing markers; -1 when s is not a number. */
int vk_num_parse(const char *s, char decimal, const char *const *missing,
                 size_t nmissing, double *out);

/* Writes v with `decimals` decimals in C locale ("12.5"), or "NA" for NAN.
 * Negative zero is written as zero. Returns buf. */
char *vk_num_fmt(char *buf, size_t n, double v, int decimals);

/* Dutch formatting: decimal comma, '.' thousands separator, "−" (U+2212)
 * minus, "n.b." for NAN: 1234.5 -> "1.234,5". Returns buf. */
char *vk_num_nl(char *buf, size_t n, double v, int decimals);

#endif
