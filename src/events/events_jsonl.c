/*
** events_jsonl.c -- the JSON Lines event format: one object per line, its keys the event's
** fields, its values strings (an amount may be a number, read from its text) or null.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "events/reader_int.h"

#define HIGH8   1, 1, 1, 1, 1, 1, 1, 1
#define HIGH32  HIGH8, HIGH8, HIGH8, HIGH8
#define HIGH128 HIGH32, HIGH32, HIGH32, HIGH32

/* Where a scan of a string stops: its end, an escape, a control byte, a multi-byte character. */
static const uint8_t STOP_STRING[256] = {
    HIGH32,
    ['"'] = 1,
    ['\\'] = 1,
    [0x80] = HIGH128,
};

static const char OBJECT_HELP[] =
    "each line is one JSON object: {\"id\": \"e1\", \"kind\": \"revenue\", ...}";

typedef struct JsonLine {
  EventReader *r;
  EventRow *row;
  const char *p, *end;
  uint32_t line;
  int32_t string_of; /* the string being read: a field's slot (EVENT_FIELD_COUNT: an unknown
                      ** key's value), or -1 for a field name; named in messages only */
  bool failed;       /* a syntax error: the rest of the line is not read */
} JsonLine;

/* Where the string being read is, for a message: "in field 'note'". */
static const char *json_context(const JsonLine *j, char buf[40]) {
  if (j->string_of < 0) return "in a field name";
  if (j->string_of >= EVENT_FIELD_COUNT) return "in a value";
  snprintf(buf, 40, "in field '%s'", event_field_name((EventField)j->string_of));
  return buf;
}

static void json_ws(JsonLine *j) {
  while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r')) j->p++;
}

/* Reports a problem of the line's text (E1020, E1003); the rest of the line is not read. */
static void json_fail(JsonLine *j, const char *code, const char *help, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
static void json_fail(JsonLine *j, const char *code, const char *help, const char *format, ...) {
  char message[512];
  va_list args;
  va_start(args, format);
  vsnprintf(message, sizeof message, format, args);
  va_end(args);
  j->failed = true;
  j->row->bad = true;
  events_report(j->r, j->line, code, help, "%s", message);
}

/* "expected X, found Y" (E1020), or E1003 when what was found is a byte that is not UTF-8. */
static void json_syntax(JsonLine *j, const char *help, const char *what) {
  if (j->p == j->end) {
    json_fail(j, "E1020", help, "%s, found the end of the line", what);
    return;
  }
  uint32_t left = (uint32_t)(j->end - j->p);
  uint32_t n = utf8_char_length(j->p, left > 4 ? 4 : left);
  if (n == 0) {
    json_fail(j, "E1003", "save the file as UTF-8", "invalid UTF-8 (byte 0x%02x)",
              (unsigned char)*j->p);
    return;
  }
  char shown[EVENT_SHOWN_BYTES];
  events_show(shown, j->p, n);
  json_fail(j, "E1020", help, "%s, found '%s'", what, shown);
}

static uint32_t hex_digit(char c) {
  if (c >= '0' && c <= '9') return (uint32_t)(c - '0');
  if (c >= 'a' && c <= 'f') return (uint32_t)(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return (uint32_t)(c - 'A' + 10);
  return 16;
}

/* The four hex digits of \uXXXX at p (past the 'u'); false when they are not there. */
static bool hex4(const char *p, const char *end, uint32_t *out) {
  uint32_t value = 0;
  if (end - p < 4) return false;
  for (int i = 0; i < 4; i++) {
    uint32_t d = hex_digit(p[i]);
    if (d > 15) return false;
    value = value << 4 | d;
  }
  *out = value;
  return true;
}

static uint32_t utf8_encode(uint32_t code, char *out) {
  if (code < 0x80) {
    out[0] = (char)code;
    return 1;
  }
  if (code < 0x800) {
    out[0] = (char)(0xC0 | code >> 6);
    out[1] = (char)(0x80 | (code & 0x3F));
    return 2;
  }
  if (code < 0x10000) {
    out[0] = (char)(0xE0 | code >> 12);
    out[1] = (char)(0x80 | (code >> 6 & 0x3F));
    out[2] = (char)(0x80 | (code & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | code >> 18);
  out[1] = (char)(0x80 | (code >> 12 & 0x3F));
  out[2] = (char)(0x80 | (code >> 6 & 0x3F));
  out[3] = (char)(0x80 | (code & 0x3F));
  return 4;
}

/* A bad escape at j->p, shown as far as it goes (at most a \uXXXX\uXXXX pair). */
static void json_bad_escape(JsonLine *j, const char *problem, size_t len) {
  static const char HELP[] =
      "the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; "
      "a character above U+FFFF is a surrogate pair: \\ud83d\\ude00";
  char shown[EVENT_SHOWN_BYTES];
  size_t left = (size_t)(j->end - j->p);
  events_show(shown, j->p, len < left ? len : left);
  char context[40];
  json_fail(j, "E1020", HELP, "%s '%s' %s", problem, shown, json_context(j, context));
}

/* \uXXXX, or a surrogate pair \ud83d\ude00, at j->p (on the backslash): its code point. */
static bool json_unicode(JsonLine *j, uint32_t *code) {
  if (!hex4(j->p + 2, j->end, code)) {
    json_bad_escape(j, "malformed escape", 6);
    return false;
  }
  if (*code >= 0xDC00 && *code <= 0xDFFF) {
    json_bad_escape(j, "lone surrogate", 6);
    return false;
  }
  size_t len = 6;
  if (*code >= 0xD800 && *code <= 0xDBFF) {
    uint32_t low;
    if (j->end - j->p < 12 || j->p[6] != '\\' || j->p[7] != 'u' || !hex4(j->p + 8, j->end, &low) ||
        low < 0xDC00 || low > 0xDFFF) {
      json_bad_escape(j, "lone surrogate", 6);
      return false;
    }
    *code = 0x10000 + ((*code - 0xD800) << 10) + (low - 0xDC00);
    len = 12;
  }
  if (*code == 0) {
    char context[40];
    json_fail(j, "E1020", "values are text: leave the NUL out", "'\\u0000' (NUL) %s",
              json_context(j, context));
    return false;
  }
  j->p += len;
  return true;
}

/* One escape at j->p (on the backslash), written to out; its length, or 0 after an error. */
static uint32_t json_escape(JsonLine *j, char *out) {
  static const char FROM[] = "\"\\/bfnrt", TO[] = "\"\\/\b\f\n\r\t";
  if (j->p + 1 < j->end && j->p[1] == 'u') {
    uint32_t code;
    return json_unicode(j, &code) ? utf8_encode(code, out) : 0;
  }
  const char *at = j->p + 1 < j->end && j->p[1] != '\0' ? strchr(FROM, j->p[1]) : NULL;
  if (!at) {
    size_t left = (size_t)(j->end - j->p);
    uint32_t n = left > 1 ? utf8_char_length(j->p + 1, left > 5 ? 4 : (uint32_t)left - 1) : 0;
    json_bad_escape(j, "unknown escape", 1 + (n ? n : 1));
    return 0;
  }
  out[0] = TO[at - FROM];
  j->p += 2;
  return 1;
}

/* A control byte or a byte that is not UTF-8 inside a string: reported. */
static void json_bad_byte(JsonLine *j) {
  unsigned char c = (unsigned char)*j->p;
  char buf[40];
  const char *context = json_context(j, buf);
  if (c < 0x20)
    json_fail(j, "E1020", "write it as an escape: \\n, \\t or \\u00XX",
              "a control character (U+%04X) %s", c, context);
  else
    json_fail(j, "E1003", "save the file as UTF-8", "invalid UTF-8 (byte 0x%02x) %s", c, context);
}

/* A string with escapes, decoded from start into the reader's scratch buffer. */
static bool json_string_decode(JsonLine *j, const char *start, EventText *out) {
  EventReader *r = j->r;
  if (!events_scratch_reserve(r, (size_t)(j->end - start))) return false;
  char *text = r->scratch + r->scratch_len;
  uint32_t n = 0;
  for (j->p = start;;) { /* bounded: p moves forward on every pass */
    if (j->p == j->end) {
      json_syntax(j, "close it with '\"' on the same line", "a string that is never closed");
      return false;
    }
    unsigned char c = (unsigned char)*j->p;
    uint32_t left = (uint32_t)(j->end - j->p), k = 1;
    if (c == '"') break;
    if (c == '\\') k = json_escape(j, text + n);
    else if (c < 0x20 || (c >= 0x80 && (k = utf8_char_length(j->p, left > 4 ? 4 : left)) == 0))
      json_bad_byte(j);
    else memcpy(text + n, j->p, k), j->p += k;
    if (k == 0 || j->failed) return false;
    n += k;
  }
  j->p++;
  r->scratch_len += n;
  out->ptr = text;
  out->len = n;
  return true;
}

/* string -> '"' { char | escape } '"' ; at j->p on the opening quote. */
static bool json_string(JsonLine *j, EventText *out) {
  const char *start = j->p + 1, *p = start, *end = j->end;
  for (;;) { /* bounded: p moves forward on every pass */
    while (p < end && !STOP_STRING[(uint8_t)*p]) p++;
    if (p == end || *p == '\\') return json_string_decode(j, start, out);
    if (*p == '"') break;
    uint32_t left = (uint32_t)(end - p);
    uint32_t n = (unsigned char)*p >= 0x80 ? utf8_char_length(p, left > 4 ? 4 : left) : 0;
    if (n == 0) {
      j->p = p;
      json_bad_byte(j);
      return false;
    }
    p += n;
  }
  out->ptr = start;
  out->len = (uint32_t)(p - start);
  j->p = p + 1;
  return true;
}

static bool json_literal(JsonLine *j, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0) return false;
  j->p += n;
  return true;
}

/* A value of the wrong type (E1021): the field is reported and not checked again. */
static void json_wrong_type(JsonLine *j, uint32_t slot, const char *type) {
  j->row->bad = true;
  if (slot >= EVENT_FIELD_COUNT) return; /* an unknown key, reported as such */
  j->row->spoiled |= 1u << slot;
  events_report(j->r, j->line, "E1021", "write the value as a string, or null when it is absent",
                "field '%s' is %s", event_field_name((EventField)slot), type);
}

/* number -> the characters of a JSON number; its grammar is checked as an amount's. */
static void json_number(JsonLine *j, uint32_t slot) {
  const char *start = j->p;
  while (j->p < j->end && (strchr("0123456789+-.eE", *j->p) != NULL && *j->p != '\0')) j->p++;
  if (slot == EVENT_FIELD_AMOUNT) {
    j->row->values[slot] = (EventText){start, (uint32_t)(j->p - start)};
    j->row->amount_is_number = true;
  } else {
    json_wrong_type(j, slot, "a number");
  }
}

/* value -> string | number | 'null' ; true, false, objects and arrays are the wrong type. */
static void json_value(JsonLine *j, uint32_t slot) {
  char c = j->p < j->end ? *j->p : '\0';
  j->string_of = (int32_t)slot;
  if (c == '"') json_string(j, &j->row->values[slot]);
  else if (c == '-' || (c >= '0' && c <= '9')) json_number(j, slot);
  else if (json_literal(j, "null")) j->row->values[slot] = (EventText){NULL, 0};
  else if (json_literal(j, "true")) json_wrong_type(j, slot, "true");
  else if (json_literal(j, "false")) json_wrong_type(j, slot, "false");
  else if (c == '{' || c == '[') {
    json_wrong_type(j, slot, c == '{' ? "an object" : "an array");
    j->failed = true; /* its inside is not read */
  } else {
    json_syntax(j, OBJECT_HELP, "expected a value");
  }
}

/* Which field a key names, reporting an unknown or repeated one; EVENT_FIELD_COUNT for those. */
static uint32_t json_key_slot(JsonLine *j, EventText key) {
  EventField f = event_field_find(key.ptr, key.len);
  char shown[EVENT_SHOWN_BYTES], help[160];
  if (f == EVENT_FIELD_COUNT) {
    events_show(shown, key.ptr, key.len);
    const char *guess = events_field_suggest(key.ptr, key.len);
    if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
    else
      snprintf(help, sizeof help,
               "the fields are id, kind, date, end, party, counterparty, "
               "stream, subject, amount, currency, ref and note");
    events_report(j->r, j->line, "E1016", help, "unknown field '%s'", shown);
    j->row->bad = true;
    return EVENT_FIELD_COUNT;
  }
  if (j->row->seen & (1u << f)) {
    events_report(j->r, j->line, "E1017", "each field appears once", "field '%s' appears twice",
                  event_field_name(f));
    j->row->bad = true;
    return EVENT_FIELD_COUNT;
  }
  j->row->seen |= 1u << f;
  return f;
}

/* member -> string ':' value */
static bool json_member(JsonLine *j) {
  EventText key;
  json_ws(j);
  if (j->p == j->end || *j->p != '"') {
    json_syntax(j, OBJECT_HELP, "expected a field name in double quotes");
    return false;
  }
  j->string_of = -1;
  if (!json_string(j, &key)) return false;
  json_ws(j);
  if (j->p == j->end || *j->p != ':') {
    json_syntax(j, OBJECT_HELP, "expected ':' after a field name");
    return false;
  }
  j->p++;
  json_ws(j);
  uint32_t slot = json_key_slot(j, key);
  if (j->r->done) return false;
  json_value(j, slot);
  return !j->failed && !j->r->done;
}

/* object -> '{' [ member { ',' member } ] '}' */
static void json_object(JsonLine *j) {
  if (*j->p != '{') {
    json_syntax(j, OBJECT_HELP, "expected '{' to start an event");
    return;
  }
  j->p++;
  json_ws(j);
  if (j->p < j->end && *j->p == '}') {
    j->p++;
  } else {
    for (;;) { /* bounded: each member consumes input */
      if (!json_member(j)) return;
      json_ws(j);
      if (j->p < j->end && *j->p == ',') {
        j->p++;
        continue;
      }
      if (j->p < j->end && *j->p == '}') {
        j->p++;
        break;
      }
      json_syntax(j, OBJECT_HELP, "expected ',' or '}' after a value");
      return;
    }
  }
  json_ws(j);
  if (j->p != j->end) json_syntax(j, OBJECT_HELP, "expected the end of the line after '}'");
}

/* One line; false when it is blank. */
static bool json_line(EventReader *r, EventRow *row, const char *start, const char *end,
                      uint32_t line, EventStep *step) {
  JsonLine j = {r, row, start, end, line, -1, false};
  json_ws(&j);
  if (j.p == j.end) return false;
  for (int f = 0; f <= EVENT_FIELD_COUNT; f++) row->values[f] = (EventText){NULL, 0};
  r->json_stale = (1u << (EVENT_FIELD_COUNT + 1)) - 1; /* any may be written below */
  row->line = line;
  row->spans_lines = false;
  row->seen = row->spoiled = row->present = 0;
  row->amount_is_number = row->bad = false;
  r->scratch_len = 0;
  json_object(&j);
  for (int f = 0; f < EVENT_FIELD_COUNT; f++)
    row->present |= (uint32_t)(row->values[f].len > 0) << f;
  *step = j.failed || r->done ? EVENT_STEP_SKIP : EVENT_STEP_ROW;
  return true;
}

/* ------------------------------------------------------------------ the usual line */

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The white space json_ws skips. */
static const uint8_t WS[256] = {[' '] = 1, ['\t'] = 1, ['\r'] = 1};

static const char *skip_ws(const char *p, const char *end) {
  while (p < end && WS[(uint8_t)*p]) p++;
  return p;
}

/*
** The closing quote of a string whose text starts at p, when that text is plain -- no escape, no
** control byte, no byte >= 0x80 -- and the quote is inside the window; false for anything else
** (json_string then reads it, decoding and checking what it must). SSE2 looks at 16 bytes at a
** time for a quote, a backslash or a signed byte below 0x20 (the control bytes and those >=
** 0x80), while 16 bytes are left in the window.
*/
static inline bool plain_string_end(const char *p, const char *end, const char **quote) {
#if defined(__SSE2__)
  while (end - p >= 16) { /* bounded: p moves 16 bytes on */
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
        _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
    unsigned mask = (unsigned)_mm_movemask_epi8(hit);
    if (mask) {
      p += __builtin_ctz(mask);
      *quote = p;
      return *p == '"';
    }
    p += 16;
  }
#endif
  for (; p < end; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '"') {
      *quote = p;
      return true;
    }
    if (c == '\\' || c < 0x20 || c >= 0x80) return false;
  }
  return false;
}

/* A short compare (len <= 16) reading only [a, a + len) and [b, b + len). */
static bool short_eq(const char *a, const char *b, size_t len) {
  uint64_t x8, y8, u8, v8;
  uint32_t x4, y4, u4, v4;
  if (len >= 8) {
    memcpy(&x8, a, 8), memcpy(&y8, b, 8), memcpy(&u8, a + len - 8, 8), memcpy(&v8, b + len - 8, 8);
    return x8 == y8 && u8 == v8;
  }
  if (len >= 4) {
    memcpy(&x4, a, 4), memcpy(&y4, b, 4), memcpy(&u4, a + len - 4, 4), memcpy(&v4, b + len - 4, 4);
    return x4 == y4 && u4 == v4;
  }
  for (; len; a++, b++, len--)
    if (*a != *b) return false;
  return true;
}

/* The field a key names (EVENT_FIELD_COUNT: none), through the cache of the keys met at each
** position of a line: lines mostly give the same keys in the same order. */
static EventField key_field(EventReader *r, uint32_t position, const char *key, size_t len) {
  if (position >= EVENT_KEYS_CACHED || len == 0 || len > EVENT_KEY_CACHED_BYTES)
    return event_field_find(key, len); /* (an empty slot of the cache has len 0) */
  EventKey *cached = &r->keys[position];
  if (cached->len == len && short_eq(cached->text, key, len)) return (EventField)cached->field;
  EventField f = event_field_find(key, len);
  if (f != EVENT_FIELD_COUNT) {
    cached->len = (uint8_t)len;
    cached->field = (uint8_t)f;
    memcpy(cached->text, key, len);
  }
  return f;
}

/* The members of the usual line's object, from after its '{' (*at) past its '}': each key a
** field, once (seen), each value into values (present when not empty, number when the amount is
** a JSON number); false for anything else. */
static inline bool fast_members(EventReader *r, const char **at, const char *end, EventText *values,
                                uint32_t *seen, uint32_t *present, bool *number) {
  const char *p = skip_ws(*at, end), *quote;
  if (p < end && *p == '}') {
    *at = p + 1;
    return true;
  }
  for (uint32_t position = 0;; position++) { /* bounded: each member consumes input */
    p = skip_ws(p, end);
    if (p == end || *p != '"' || !plain_string_end(p + 1, end, &quote)) return false;
    EventField f = key_field(r, position, p + 1, (size_t)(quote - p - 1));
    if (f == EVENT_FIELD_COUNT || (*seen & (1u << f))) return false;
    *seen |= 1u << f;
    p = skip_ws(quote + 1, end);
    if (p == end || *p != ':') return false;
    p = skip_ws(p + 1, end);
    if (p == end) return false;
    const char *from = p + 1;
    uint32_t len = 0;
    if (*p == '"') {
      if (!plain_string_end(from, end, &quote)) return false;
      len = (uint32_t)(quote - from);
      p = quote + 1;
    } else if (f == EVENT_FIELD_AMOUNT && (*p == '-' || (*p >= '0' && *p <= '9'))) {
      from = p; /* the characters json_number takes */
      while (p < end && ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.' ||
                         *p == 'e' || *p == 'E'))
        p++;
      len = (uint32_t)(p - from);
      *number = true;
    } else if (end - p >= 4 && memcmp(p, "null", 4) == 0) {
      p += 4;
      from = NULL;
    } else {
      return false;
    }
    r->json_stale |= 1u << f; /* written now: cleared by the next line that lacks it */
    values[f] = (EventText){from, len};
    *present |= (uint32_t)(len != 0) << f;
    p = skip_ws(p, end);
    if (p < end && *p == ',') {
      p++;
      continue;
    }
    if (p < end && *p == '}') {
      *at = p + 1;
      return true;
    }
    return false;
  }
}

/*
** The usual line, read in one pass: an object of known keys, each once, whose values are plain
** strings, null, or (the amount) a number, then the line's end. This is what json_line makes of
** such a line, and all it reports (nothing), so its row is laid out the same; when
** events_validate_fast takes it, *step is EVENT_STEP_EVENT with out set, else EVENT_STEP_ROW.
** False for anything else -- escapes, bytes >= 0x80, an unknown or repeated key, another type,
** a syntax error, a blank line, a line the window does not hold whole, a limit -- having consumed
** nothing: the general path reads the line and reports what it must. No token of the line can
** run past its LF (a raw LF is no white space, and a control byte in a string sends the line the
** general way), so it is read up to the window's end rather than the LF's.
*/
static bool jsonl_fast(EventReader *r, EventRow *row, Event *out, EventStep *step) {
  const char *start = r->data + r->pos, *end = r->data + r->len, *p = skip_ws(start, end);
  if (p == end || *p != '{') return false;
  EventText *values = row->values;
  uint32_t seen = 0, present = 0;
  bool number = false;
  p++;
  if (!fast_members(r, &p, end, values, &seen, &present, &number)) return false;
  p = skip_ws(p, end);
  bool newline = p < end && *p == '\n';
  if (!newline && (p != end || !r->complete)) return false;
  if ((size_t)(p - start) >= PACT_EVENT_RECORD_BYTES_MAX || r->line > PACT_EVENT_LINES_MAX)
    return false;
  /* The fields this line lacks are empty, as json_line leaves them. */
  for (uint32_t stale = r->json_stale & ~seen; stale; stale &= stale - 1)
    values[__builtin_ctz(stale)] = (EventText){NULL, 0};
  r->json_stale = seen;
  uint32_t line = r->line;
  r->pos = (size_t)(p - r->data) + newline;
  r->line += newline;
  r->scratch_len = 0;
  if (events_validate_fast(r, r->row_values, present, number, line, out)) {
    *step = EVENT_STEP_EVENT;
    return true;
  }
  row->line = line;
  row->spans_lines = false;
  row->seen = seen;
  row->spoiled = 0;
  row->present = present;
  row->amount_is_number = number;
  row->bad = false;
  *step = EVENT_STEP_ROW;
  return true;
}

EventStep events_jsonl_read(EventReader *r, EventRow *row, Event *out) {
  for (;;) { /* bounded: each pass consumes a line or reads more of the input */
    if (r->done) return EVENT_STEP_END;
    EventStep fast;
    if (jsonl_fast(r, row, out, &fast)) return fast;
    const char *start = r->data + r->pos, *end = r->data + r->len;
    const char *newline = memchr(start, '\n', (size_t)(end - start));
    if (!newline && !r->complete) {
      if (!events_fill(r)) return EVENT_STEP_END;
      continue;
    }
    if (!newline && start == end) return EVENT_STEP_END;
    const char *stop = newline ? newline : end;
    uint32_t line = r->line;
    r->pos = (size_t)(stop - r->data) + (newline != NULL);
    r->line += newline != NULL;
    if ((size_t)(stop - start) >= PACT_EVENT_RECORD_BYTES_MAX) {
      events_report(r, line, "E1022", "each line holds one event", "a line longer than %u bytes",
                    PACT_EVENT_RECORD_BYTES_MAX);
      r->done = true;
    } else if (line > PACT_EVENT_LINES_MAX) {
      events_report(r, line, "E1022", "split the file", "more than %u lines", PACT_EVENT_LINES_MAX);
      r->done = true;
    }
    if (r->done) return EVENT_STEP_END;
    EventStep step;
    if (json_line(r, row, start, stop, line, &step)) return step;
  }
}
