/*
** jsonw.h -- a small streaming JSON writer: indentation, commas and string escaping.
** Output is UTF-8 as given; control characters and quotes are escaped.
*/
#ifndef PACT_JSONW_H
#define PACT_JSONW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSONW_DEPTH_MAX 32

typedef struct JsonWriter {
  FILE *out;
  int depth;
  bool has_items[JSONW_DEPTH_MAX];
  bool after_key;
} JsonWriter;

void json_init(JsonWriter *w, FILE *out);
void json_object_begin(JsonWriter *w);
void json_object_end(JsonWriter *w);
void json_array_begin(JsonWriter *w);
void json_array_end(JsonWriter *w);
void json_key(JsonWriter *w, const char *key);
void json_string(JsonWriter *w, const char *text, size_t len);
void json_cstring(JsonWriter *w, const char *text);  /* NULL writes null */
void json_bool(JsonWriter *w, bool value);
void json_null(JsonWriter *w);
void json_int(JsonWriter *w, int64_t value);
/* Ends the document with a newline. */
void json_finish(JsonWriter *w);

#endif
