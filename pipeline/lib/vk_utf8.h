/* vk_utf8: UTF-8 validation (libharu silently mangles invalid UTF-8). */
#ifndef VK_UTF8_H
#define VK_UTF8_H

#include <stddef.h>

/* Returns the byte offset of the first invalid sequence in s[0..n), or
 * (size_t)-1 when the whole buffer is valid UTF-8. Rejects overlongs,
 * surrogates and code points above U+10FFFF. */
size_t vk_utf8_check(const char *s, size_t n);

/* Counts code points (for column numbers in messages); s must be valid. */
size_t vk_utf8_len(const char *s, size_t n);

#endif
