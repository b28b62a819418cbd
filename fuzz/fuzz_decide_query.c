/*
** fuzz_decide_query.c -- libFuzzer target for the batch query line parser of `pactum decide
** --batch` (decide_parse_query, src/engine/decide.c) and for the JSON string escaper every --json
** answer goes through (src/base/jsonw.c).
**
** The input is one line of a batch. The target checks:
**   1. the parser: an accepted line gives a launch or use query with its fields set and every
**      text inside the line or the scratch buffer; a rejected line gives a message;
**   2. the escaper round trip: the input written as a JSON string (json_text_string), put in a
**      query line as its licensee and parsed back, gives the input again, byte for byte, when
**      the input is UTF-8 without NUL (otherwise the escaper's U+FFFD and the parser's refusal
**      of \u0000 make a difference, which is meant); the escaped string has no raw control
**      character and no byte that is not UTF-8;
**   3. the indented and compact writers to a FILE (/dev/null) run on the input as a string.
** A broken promise is a __builtin_trap(), so libFuzzer saves the input as a crash.
**
** Build and run: scripts/fuzz.sh SECONDS decide_query (see docs/fuzzing.md); its seeds are in
** fuzz/corpus-decide/.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/jsonw.h"
#include "engine/decide.h"
#include "fuzz.h"

#define FUZZ_INPUT_MAX (64u * 1024u)

static bool inside(EventText t, const char *a, size_t alen, const char *b, size_t blen) {
  if (!t.len) return true;
  if (!t.ptr) return false;
  if (t.ptr >= a && t.ptr + t.len <= a + alen) return true;
  return t.ptr >= b && t.ptr + t.len <= b + blen;
}

static bool utf8_without_nul(const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    if (s[i] == '\0') return false;
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    uint32_t n = utf8_char_length(s + i, (uint32_t)(len - i));
    if (!n) return false;
    i += n;
  }
  return true;
}

static void parse_one(const char *line, size_t len) {
  char *scratch = malloc(len + 1);
  if (!scratch) return;
  DecideQuery q;
  char error[256];
  error[0] = 'x';
  if (decide_parse_query(line, len, scratch, &q, error, sizeof error)) {
    if (q.kind != DECIDE_LAUNCH && q.kind != DECIDE_USE) __builtin_trap();
    if (q.kind == DECIDE_LAUNCH && (!q.product.len || !q.provider.len)) __builtin_trap();
    if (q.kind == DECIDE_USE && (!q.licensee.len || !q.subject.len)) __builtin_trap();
    EventText all[] = {q.product, q.provider, q.tags, q.licensee, q.subject};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
      if (!inside(all[i], line, len, scratch, len + 1)) __builtin_trap();
  } else if (!error[0] || !memchr(error, '\0', sizeof error)) {
    __builtin_trap();
  }
  free(scratch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_INPUT_MAX) return 0;
  const char *text = (const char *)data;
  /* 1. The input as a line (copied, so that reading past it is caught). */
  char *line = malloc(size ? size : 1);
  if (!line) return 0;
  if (size) memcpy(line, data, size);
  parse_one(line, size);
  free(line);

  /* 2. The round trip through the escaper and the parser. */
  JsonText t = {0};
  static const char head[] = "{\"decide\":\"use\",\"licensee\":";
  static const char tail[] = ",\"subject\":\"s\",\"on\":\"2026-01-01\"}";
  json_text_append(&t, head, sizeof head - 1);
  size_t at = t.len;
  json_text_string(&t, text, size);
  size_t escaped_len = t.len - at;
  json_text_append(&t, tail, sizeof tail - 1);
  if (t.failed) {
    json_text_free(&t);
    return 0;
  }
  const char *escaped = t.ptr + at;
  for (size_t i = 0; i < escaped_len; i++)
    if ((unsigned char)escaped[i] < 0x20) __builtin_trap();
  if (!utf8_without_nul(escaped, escaped_len)) __builtin_trap();
  char *scratch = malloc(t.len + 1);
  if (!scratch) {
    json_text_free(&t);
    return 0;
  }
  DecideQuery q;
  char error[256];
  bool ok = decide_parse_query(t.ptr, t.len, scratch, &q, error, sizeof error);
  if (utf8_without_nul(text, size) && size > 0) {
    if (!ok || q.licensee.len != size || memcmp(q.licensee.ptr, text, size) != 0) __builtin_trap();
  }
  free(scratch);
  json_text_free(&t);

  /* 3. The writers to a FILE: indented and compact. */
  JsonWriter w;
  json_init(&w, sink());
  json_object_begin(&w);
  json_key(&w, "text");
  json_string(&w, text, size);
  json_object_end(&w);
  json_finish(&w);
  json_init_compact(&w, sink());
  json_array_begin(&w);
  json_string(&w, text, size);
  json_int(&w, (int64_t)size - 100);
  json_array_end(&w);
  json_finish(&w);
  return 0;
}
