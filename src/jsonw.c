/*
** jsonw.c -- streaming JSON output for every --json answer pactum gives.
** Two-space indentation, one member per line, so that diffs of outputs read well.
*/
#include "jsonw.h"

#include <string.h>

#include "diag.h"

void json_init(JsonWriter *w, FILE *out) {
  memset(w, 0, sizeof *w);
  w->out = out;
}

static void json_indent(JsonWriter *w) {
  fputc('\n', w->out);
  for (int i = 0; i < w->depth; i++) fputs("  ", w->out);
}

/* Before any value: a comma and a new line, unless it follows its key. */
static void json_before_value(JsonWriter *w) {
  if (w->after_key) {
    w->after_key = false;
    return;
  }
  if (w->depth == 0) return;
  if (w->has_items[w->depth]) fputc(',', w->out);
  w->has_items[w->depth] = true;
  json_indent(w);
}

static void json_open(JsonWriter *w, char bracket) {
  json_before_value(w);
  fputc(bracket, w->out);
  if (w->depth + 1 < JSONW_DEPTH_MAX) w->depth++;
  w->has_items[w->depth] = false;
}

static void json_close(JsonWriter *w, char bracket) {
  bool had = w->has_items[w->depth];
  if (w->depth > 0) w->depth--;
  if (had) json_indent(w);
  fputc(bracket, w->out);
}

void json_object_begin(JsonWriter *w) { json_open(w, '{'); }
void json_object_end(JsonWriter *w) { json_close(w, '}'); }
void json_array_begin(JsonWriter *w) { json_open(w, '['); }
void json_array_end(JsonWriter *w) { json_close(w, ']'); }

/* Bytes that are not UTF-8 (a file name, say) become U+FFFD, so the output is always JSON. */
static void json_escaped(FILE *out, const char *text, size_t len) {
  fputc('"', out);
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c >= 0x80) {
      uint32_t n = utf8_char_length(text + i, (uint32_t)(len - i < UINT32_MAX ? len - i : UINT32_MAX));
      if (n == 0) {
        fputs("\xEF\xBF\xBD", out);
      } else {
        fwrite(text + i, 1, n, out);
        i += n - 1;
      }
      continue;
    }
    if (c == '"' || c == '\\') {
      fputc('\\', out);
      fputc(c, out);
    } else if (c == '\n') {
      fputs("\\n", out);
    } else if (c == '\t') {
      fputs("\\t", out);
    } else if (c < 0x20) {
      fprintf(out, "\\u%04x", c);
    } else {
      fputc(c, out);
    }
  }
  fputc('"', out);
}

void json_key(JsonWriter *w, const char *key) {
  json_before_value(w);
  json_escaped(w->out, key, strlen(key));
  fputs(": ", w->out);
  w->after_key = true;
}

void json_string(JsonWriter *w, const char *text, size_t len) {
  json_before_value(w);
  json_escaped(w->out, text, len);
}

void json_cstring(JsonWriter *w, const char *text) {
  if (!text) {
    json_null(w);
    return;
  }
  json_string(w, text, strlen(text));
}

void json_bool(JsonWriter *w, bool value) {
  json_before_value(w);
  fputs(value ? "true" : "false", w->out);
}

void json_null(JsonWriter *w) {
  json_before_value(w);
  fputs("null", w->out);
}

void json_int(JsonWriter *w, int64_t value) {
  json_before_value(w);
  fprintf(w->out, "%lld", (long long)value);
}

void json_finish(JsonWriter *w) { fputc('\n', w->out); }
