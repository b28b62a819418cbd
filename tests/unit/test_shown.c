/*
** test_shown.c -- outside text as text reports show it (diag.h: text_show_char and friends)
** and as the JSON writer escapes it: fixed cases worked by hand, then a seeded property over
** random bytes: nothing that could control a terminal comes out (no byte below 0x20, no DEL,
** no C1 control, only valid UTF-8), text that needs nothing is unchanged, text_shown never
** overruns its buffer, and the JSON string decodes back to what went in where that was UTF-8.
*/
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/jsonw.h"
#include "base/utf8.h"
#include "unit.h"

/* text_write into memory. */
static char *written(const char *text, size_t len, size_t *out_len) {
  char *buf = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&buf, &size);
  if (!f) return NULL;
  text_write(f, text, len);
  fclose(f);
  *out_len = size;
  return buf;
}

/* Nothing a terminal would obey: printable ASCII, or whole UTF-8 characters that are not C1. */
static bool harmless(const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F) return false;
      i++;
      continue;
    }
    uint32_t n = utf8_char_length(s + i, (uint32_t)(len - i));
    if (n == 0) return false;
    if (n == 2 && c == 0xC2 && (unsigned char)s[i + 1] < 0xA0) return false;
    i += n;
  }
  return true;
}

static void check_fixed(void) {
  static const struct {
    const char *in, *out;
  } cases[] = {
      {"plain id-1", "plain id-1"},
      {"r\x1b[31m1", "r\\x1b[31m1"},              /* ESC: recolours */
      {"\x1b]0;title\x07", "\\x1b]0;title\\x07"}, /* OSC, BEL: sets the title */
      {"a\rb\nc\td", "a\\rb\\nc\\td"},
      {"del\x7f", "del\\x7f"},
      {"csi\xc2\x9b"
       "2J",
       "csi\\u009b2J"},                     /* C1 CSI, as UTF-8 */
      {"nbsp\xc2\xa0ok", "nbsp\xc2\xa0ok"}, /* U+00A0 is text */
      {"caf\xc3\xa9", "caf\xc3\xa9"},
      {"bad\xff\xc3", "bad\\xff\\xc3"}, /* not UTF-8 */
      {"\xe2\x80\xae", "\xe2\x80\xae"}, /* not a control: shown as it is */
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    size_t len;
    char *got = written(cases[i].in, strlen(cases[i].in), &len);
    CHECK(got != NULL);
    if (!got) continue;
    CHECK_EQ_STR(got, cases[i].out);
    CHECK_EQ_INT(text_is_plain(cases[i].in, strlen(cases[i].in)),
                 strcmp(cases[i].in, cases[i].out) == 0);
    free(got);
  }
  char buf[12];
  CHECK_EQ_STR(text_shown(buf, sizeof buf, "short", 5), "short");
  CHECK_EQ_STR(text_shown(buf, sizeof buf, "r\x1b[31m1", 7), "r\\x1b[31m1");
  /* Cut short by whole characters, each escape whole: 8 bytes and "..." in 12. */
  CHECK_EQ_STR(text_shown(buf, sizeof buf, "\x1b\x1b\x1b", 3), "\\x1b\\x1b...");
  CHECK_EQ_STR(text_shown(buf, sizeof buf, "abcdefghijk", 11), "abcdefghijk");
  CHECK_EQ_STR(text_shown(buf, sizeof buf, "abcdefghijkl", 12), "abcdefgh...");

  JsonText t = {0};
  JsonWriter w;
  json_init_text(&w, &t);
  json_string(&w, "a\x1b\x7f\xc2\x9b\xc2\xa0\n", 8);
  json_finish(&w);
  CHECK(!t.failed);
  if (t.ptr)
    CHECK_EQ_STR(t.ptr, "\"a\\u001b\\u007f\\u009b\xc2\xa0\\n\"\n"); /* the document's line end */
  json_text_free(&t);
}

/* The JSON string back to bytes (the escapes this writer uses), for the round trip. */
static size_t json_unescape(const char *s, size_t len, char *out) {
  size_t n = 0;
  for (size_t i = 1; i + 1 < len;) { /* inside the quotes */
    if (s[i] != '\\') {
      out[n++] = s[i++];
      continue;
    }
    char e = s[i + 1];
    if (e == 'u') {
      unsigned code =
          (unsigned)strtoul((char[]){s[i + 2], s[i + 3], s[i + 4], s[i + 5], 0}, NULL, 16);
      if (code < 0x80) {
        out[n++] = (char)code;
      } else { /* the C1 controls: two bytes */
        out[n++] = (char)(0xC0 | (code >> 6));
        out[n++] = (char)(0x80 | (code & 0x3F));
      }
      i += 6;
    } else {
      out[n++] = e == 'n' ? '\n' : e == 't' ? '\t' : e;
      i += 2;
    }
  }
  return n;
}

static void check_random(void) {
  static const unsigned char alphabet[] = {'a',  'b',  ' ',  '\\', '"',  ';',  0x1b, 0x07, '\r',
                                           '\n', '\t', 0x7f, 0x01, 0xc2, 0x9b, 0xa0, 0xc3, 0xa9,
                                           0xe2, 0x80, 0xae, 0xff, 0xf0, 0x9f, 0x98, 0x80};
  for (int round = 0; round < 20000 && check_failed < 20; round++) {
    char in[40];
    size_t len = (size_t)(rng() % sizeof in);
    for (size_t i = 0; i < len; i++) in[i] = (char)alphabet[rng() % sizeof alphabet];
    size_t out_len;
    char *out = written(in, len, &out_len);
    CHECK(out != NULL);
    if (!out) return;
    if (!harmless(out, out_len)) {
      CHECK(false);
      fprintf(stderr, "round %d: text_write let a control through\n", round);
    }
    if (text_is_plain(in, len)) CHECK(out_len == len && memcmp(out, in, len) == 0);
    /* text_shown: within its buffer, harmless, and the whole text when it fits. */
    char buf[64 + 1];
    buf[64] = 'X';
    size_t size = 8 + (size_t)(rng() % 56);
    text_shown(buf, size, in, len);
    size_t shown_len = strlen(buf);
    CHECK(shown_len < size && buf[64] == 'X');
    CHECK(harmless(buf, shown_len));
    if (out_len < size) CHECK(shown_len == out_len && memcmp(buf, out, out_len) == 0);
    free(out);
    /* JSON: harmless, and back to the same bytes when they were UTF-8. */
    JsonText t = {0};
    JsonWriter w;
    json_init_text(&w, &t);
    json_string(&w, in, len);
    json_finish(&w);
    CHECK(!t.failed && t.ptr && t.len >= 3 && t.ptr[t.len - 1] == '\n');
    if (!t.ptr || t.len < 3) continue;
    t.len--; /* the document's line end */
    if (!harmless(t.ptr, t.len)) {
      CHECK(false);
      fprintf(stderr, "round %d: the JSON writer let a control through\n", round);
    }
    bool utf8 = true;
    for (size_t i = 0; i < len && utf8;) {
      uint32_t n = utf8_char_length(in + i, (uint32_t)(len - i));
      utf8 = n != 0;
      i += n;
    }
    if (utf8) {
      char back[sizeof in];
      size_t back_len = json_unescape(t.ptr, t.len, back);
      CHECK(back_len == len && memcmp(back, in, len) == 0);
    }
    json_text_free(&t);
  }
}

int main(void) {
  check_fixed();
  rng_state = 0xC0FFEE1234567ull;
  check_random();
  return check_summary();
}
