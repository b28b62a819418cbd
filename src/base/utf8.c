/*
** utf8.c -- the UTF-8 check (RFC 3629: no overlong forms, no surrogates, nothing above
** U+10FFFF).
*/
#include "base/utf8.h"

uint32_t utf8_char_length(const char *text, uint32_t len) {
  const unsigned char *s = (const unsigned char *)text;
  if (len == 0) return 0;
  if (s[0] < 0x80) return 1;
  uint32_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
  if (n == 0 || s[0] > 0xF4 || len < n) return 0;
  for (uint32_t i = 1; i < n; i++)
    if ((s[i] & 0xC0) != 0x80) return 0;
  if (n == 3 && s[0] == 0xE0 && s[1] < 0xA0) return 0;  /* overlong */
  if (n == 3 && s[0] == 0xED && s[1] >= 0xA0) return 0; /* surrogate */
  if (n == 4 && s[0] == 0xF0 && s[1] < 0x90) return 0;  /* overlong */
  if (n == 4 && s[0] == 0xF4 && s[1] >= 0x90) return 0; /* above U+10FFFF */
  return n;
}
