/*
** jsonw.c -- JSON output for every --json answer pactum gives.
** Indented: two spaces, one member per line, so that diffs of outputs read well. Compact: one
** line, to a FILE or into memory (decide's answers, a line each). One escaper for all of them.
*/
#include "base/jsonw.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/utf8.h"

/* ---------------------------------------------------------------- texts in memory */

void json_text_free(JsonText *t) {
  free(t->ptr);
  memset(t, 0, sizeof *t);
}

bool json_text_reserve(JsonText *t, size_t n) {
  if (t->failed) return false;
  if (n < t->cap && t->len + n + 1 <= t->cap) return true;
  size_t cap = t->cap ? t->cap : 4096;
  while (cap < t->len + n + 1) {
    if (cap > SIZE_MAX / 2) {
      t->failed = true;
      return false;
    }
    cap *= 2;
  }
  char *bigger = mem_realloc(t->ptr, cap);
  if (!bigger) {
    t->failed = true;
    return false;
  }
  t->ptr = bigger;
  t->cap = cap;
  return true;
}

void json_text_append(JsonText *t, const char *s, size_t n) {
  if (!json_text_reserve(t, n)) return;
  if (n) memcpy(t->ptr + t->len, s, n); /* an absent text may have no pointer */
  t->len += n;
  t->ptr[t->len] = '\0';
}

/*
** The escaper: len bytes of text into out, which has room for len * 6 bytes; returns the end.
** Runs of bytes that need nothing are copied at once. Quotes, backslashes and control
** characters are escaped, DEL and the C1 controls (U+0080..U+009F) too, so that a document
** printed on a terminal cannot control it (as text reports show them: diag.h); bytes that are
** not UTF-8 (a file name, say) become U+FFFD, so the output is always JSON.
*/
/* Whether any of 8 bytes needs escaping or checking: below 0x20, '"', '\\', DEL (0x7f plus one
** carries into the high bit; a carry out of a byte comes only from 0xff, itself flagged), or
** 0x80 and up. */
static inline bool word_special(uint64_t x) {
  const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\');
  uint64_t zero_quote = (quote - ones) & ~quote, zero_slash = (slash - ones) & ~slash;
  uint64_t below = x - ones * 0x20; /* a byte below 0x20 borrows into its high bit */
  return ((zero_quote | zero_slash | below | (x + ones) | x) & highs) != 0;
}

static char *escape(char *o, const char *text, size_t len) {
  size_t i = 0;
  while (i < len) {
    size_t run = i;
    /* Eight bytes at a time while none needs anything, then byte by byte. */
    while (len - run >= 8) {
      uint64_t x;
      memcpy(&x, text + run, 8);
      if (word_special(x)) break;
      run += 8;
    }
    while (run < len) {
      unsigned char c = (unsigned char)text[run];
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7F) break;
      run++;
    }
    if (run > i) {
      memcpy(o, text + i, run - i);
      o += run - i;
      i = run;
      if (i == len) break;
    }
    unsigned char c = (unsigned char)text[i];
    if (c >= 0x80) {
      uint32_t n =
          utf8_char_length(text + i, (uint32_t)(len - i < UINT32_MAX ? len - i : UINT32_MAX));
      if (n == 0) {
        memcpy(o, "\xEF\xBF\xBD", 3);
        o += 3;
        i++;
      } else if (n == 2 && c == 0xC2 && (unsigned char)text[i + 1] < 0xA0) { /* C1 */
        static const char hex[] = "0123456789abcdef";
        unsigned char code = (unsigned char)text[i + 1];
        memcpy(o, "\\u00", 4);
        o[4] = hex[code >> 4];
        o[5] = hex[code & 15];
        o += 6;
        i += 2;
      } else {
        memcpy(o, text + i, n);
        o += n;
        i += n;
      }
      continue;
    }
    i++;
    if (c == '"' || c == '\\') {
      *o++ = '\\';
      *o++ = (char)c;
    } else if (c == '\n') {
      *o++ = '\\', *o++ = 'n';
    } else if (c == '\t') {
      *o++ = '\\', *o++ = 't';
    } else {
      static const char hex[] = "0123456789abcdef";
      memcpy(o, "\\u00", 4);
      o[4] = hex[c >> 4];
      o[5] = hex[c & 15];
      o += 6;
    }
  }
  return o;
}

void json_text_string(JsonText *t, const char *text, size_t len) {
  if (len > (SIZE_MAX - 3) / 6) {
    t->failed = true;
    return;
  }
  if (!json_text_reserve(t, len * 6 + 2)) return;
  char *o = t->ptr + t->len;
  *o++ = '"';
  o = escape(o, text, len);
  *o++ = '"';
  t->len = (size_t)(o - t->ptr);
  t->ptr[t->len] = '\0';
}

/* ---------------------------------------------------------------- the writer */

static void put_char(JsonWriter *w, char c) {
  if (w->text) json_text_append(w->text, &c, 1);
  else putc_unlocked(c, w->out);
}

void json_init(JsonWriter *w, FILE *out) {
  memset(w, 0, sizeof *w);
  w->out = out;
}

void json_init_compact(JsonWriter *w, FILE *out) {
  json_init(w, out);
  w->compact = true;
}

void json_init_text(JsonWriter *w, JsonText *text) {
  memset(w, 0, sizeof *w);
  w->text = text;
  w->compact = true;
}

static void json_indent(JsonWriter *w) {
  if (w->compact) return;
  putc_unlocked('\n', w->out);
  for (int i = 0; i < w->depth; i++) putc_unlocked(' ', w->out), putc_unlocked(' ', w->out);
}

/* Before any value: a comma and a new line, unless it follows its key. */
static void json_before_value(JsonWriter *w) {
  if (w->after_key) {
    w->after_key = false;
    return;
  }
  if (w->depth == 0) return;
  if (w->has_items[w->depth]) put_char(w, ',');
  w->has_items[w->depth] = true;
  json_indent(w);
}

static void json_open(JsonWriter *w, char bracket) {
  json_before_value(w);
  put_char(w, bracket);
  if (w->depth + 1 < JSONW_DEPTH_MAX) w->depth++;
  w->has_items[w->depth] = false;
}

static void json_close(JsonWriter *w, char bracket) {
  bool had = w->has_items[w->depth];
  if (w->depth > 0) w->depth--;
  if (had) json_indent(w);
  put_char(w, bracket);
}

void json_object_begin(JsonWriter *w) { json_open(w, '{'); }
void json_object_end(JsonWriter *w) { json_close(w, '}'); }
void json_array_begin(JsonWriter *w) { json_open(w, '['); }
void json_array_end(JsonWriter *w) { json_close(w, ']'); }

enum { ESCAPE_CHUNK = 4096 };

/*
** Into memory, a key or a string is written at once: the comma before it, the quotes, the
** escaped text (and a key's colon), after one check for room. Returns where to write, or NULL.
*/
static char *text_value(JsonWriter *w, size_t len, size_t extra) {
  char sep = 0;
  if (w->after_key) {
    w->after_key = false;
  } else if (w->depth > 0) {
    if (w->has_items[w->depth]) sep = ',';
    w->has_items[w->depth] = true;
  }
  if (len > (SIZE_MAX - 8) / 6) {
    w->text->failed = true;
    return NULL;
  }
  if (!json_text_reserve(w->text, len * 6 + extra + 3)) return NULL;
  char *o = w->text->ptr + w->text->len;
  if (sep) *o++ = sep;
  return o;
}

static void text_end(JsonWriter *w, char *o) {
  w->text->len = (size_t)(o - w->text->ptr);
  w->text->ptr[w->text->len] = '\0';
}

static void text_string(JsonWriter *w, const char *text, size_t len, bool key) {
  char *o = text_value(w, len, 1);
  if (!o) return;
  *o++ = '"';
  o = escape(o, text, len);
  *o++ = '"';
  if (key) *o++ = ':';
  text_end(w, o);
}

static void json_escaped(JsonWriter *w, const char *text, size_t len) {
  /* To a FILE: in chunks, each cut before a character, never inside one. */
  char buf[ESCAPE_CHUNK * 6];
  putc_unlocked('"', w->out);
  while (len) {
    size_t n = len > ESCAPE_CHUNK ? ESCAPE_CHUNK : len;
    for (int k = 0; k < 3 && n < len && n > 1 && ((unsigned char)text[n] & 0xC0) == 0x80; k++) n--;
    char *end = escape(buf, text, n);
    fwrite(buf, 1, (size_t)(end - buf), w->out);
    text += n;
    len -= n;
  }
  putc_unlocked('"', w->out);
}

void json_key(JsonWriter *w, const char *key) {
  if (w->text) {
    text_string(w, key, strlen(key), true);
    w->after_key = true;
    return;
  }
  json_before_value(w);
  json_escaped(w, key, strlen(key));
  if (w->compact) putc_unlocked(':', w->out);
  else fputs(": ", w->out);
  w->after_key = true;
}

void json_string(JsonWriter *w, const char *text, size_t len) {
  if (w->text) {
    text_string(w, text, len, false);
    return;
  }
  json_before_value(w);
  json_escaped(w, text, len);
}

void json_cstring(JsonWriter *w, const char *text) {
  if (!text) {
    json_null(w);
    return;
  }
  json_string(w, text, strlen(text));
}

/* A word (true, false, null, a number) after the comma before it. */
static void json_word(JsonWriter *w, const char *word, size_t n) {
  if (w->text) {
    char *o = text_value(w, 0, n);
    if (!o) return;
    memcpy(o, word, n);
    text_end(w, o + n);
    return;
  }
  json_before_value(w);
  fwrite(word, 1, n, w->out);
}

void json_bool(JsonWriter *w, bool value) {
  if (value) json_word(w, "true", 4);
  else json_word(w, "false", 5);
}

void json_null(JsonWriter *w) { json_word(w, "null", 4); }

void json_int(JsonWriter *w, int64_t value) {
  char digits[24];
  int i = (int)sizeof digits;
  uint64_t n = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;
  do {
    digits[--i] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  if (value < 0) digits[--i] = '-';
  json_word(w, digits + i, sizeof digits - (size_t)i);
}

void json_finish(JsonWriter *w) { put_char(w, '\n'); }
