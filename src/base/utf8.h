/*
** utf8.h -- what is valid UTF-8: the one check every reader of outside text uses (agreement
** files, event files, JSON) and every writer relies on (diagnostics, JSON strings).
*/
#ifndef PACT_UTF8_H
#define PACT_UTF8_H

#include <stdint.h>

/* The length of the valid UTF-8 character at text[0..len), or 0 when it is not one
** (a stray continuation byte, a truncated sequence, an overlong form, a surrogate). */
uint32_t utf8_char_length(const char *text, uint32_t len);

#endif
