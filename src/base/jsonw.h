/*
** jsonw.h -- a small streaming JSON writer: indentation, commas and string escaping.
** Output is UTF-8 as given; control characters and quotes are escaped.
**
** Two layouts: indented (json_init: two spaces, one member per line, for a person and for
** diffs), or compact (json_init_compact, json_init_text: one line, no spaces, for a program
** reading one answer per line). The compact writer can write into memory (a JsonText), so that
** many answers are written with one fwrite. Every string goes through one escaper.
*/
#ifndef PACT_JSONW_H
#define PACT_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSONW_DEPTH_MAX 32

/* A growable text, NUL-terminated; failed when memory ran out (the text is then incomplete). */
typedef struct JsonText {
  char *ptr;
  size_t len, cap;
  bool failed;
} JsonText;

void json_text_free(JsonText *t);
/* Room for n more bytes and the NUL; false (and failed) when memory runs out. */
bool json_text_reserve(JsonText *t, size_t n);
void json_text_append(JsonText *t, const char *s, size_t n);
/* text as a JSON string, quotes included (as every writer escapes it). */
void json_text_string(JsonText *t, const char *text, size_t len);

typedef struct JsonWriter {
  FILE *out;      /* the output, or */
  JsonText *text; /* the text it is appended to */
  bool compact;
  int depth;
  bool has_items[JSONW_DEPTH_MAX];
  bool after_key;
} JsonWriter;

void json_init(JsonWriter *w, FILE *out);
/* One line: {"a":1,"b":[true,null]}; json_finish ends it with its newline. */
void json_init_compact(JsonWriter *w, FILE *out);
/* The same line, appended to text. */
void json_init_text(JsonWriter *w, JsonText *text);
void json_object_begin(JsonWriter *w);
void json_object_end(JsonWriter *w);
void json_array_begin(JsonWriter *w);
void json_array_end(JsonWriter *w);
void json_key(JsonWriter *w, const char *key);
void json_string(JsonWriter *w, const char *text, size_t len);
void json_cstring(JsonWriter *w, const char *text); /* NULL writes null */
void json_bool(JsonWriter *w, bool value);
void json_null(JsonWriter *w);
void json_int(JsonWriter *w, int64_t value);
/* Ends the document with a newline. */
void json_finish(JsonWriter *w);

#endif
