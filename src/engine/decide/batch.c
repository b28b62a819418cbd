/*
** batch.c -- decide --batch: one flat JSON object per line, string values, answered in blocks
** by workers that share the decider.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "engine/decide/decide_int.h"

static const char *skip_ws(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
  return p;
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Four hex digits at *pp, as a number; false when they are not there. */
static bool hex4(const char **pp, const char *end, uint32_t *out) {
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) {
    int h = *pp < end ? hex_digit(*(*pp)++) : -1;
    if (h < 0) return false;
    v = v * 16 + (uint32_t)h;
  }
  *out = v;
  return true;
}

/* A code point as UTF-8 at *o. */
static void put_utf8(char **o, uint32_t cp) {
  char *p = *o;
  if (cp < 0x80) {
    *p++ = (char)cp;
  } else if (cp < 0x800) {
    *p++ = (char)(0xC0 | cp >> 6);
    *p++ = (char)(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *p++ = (char)(0xE0 | cp >> 12);
    *p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
    *p++ = (char)(0x80 | (cp & 0x3F));
  } else {
    *p++ = (char)(0xF0 | cp >> 18);
    *p++ = (char)(0x80 | ((cp >> 12) & 0x3F));
    *p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
    *p++ = (char)(0x80 | (cp & 0x3F));
  }
  *o = p;
}

/* A \u escape, after its "\u" at *pp (a surrogate pair takes two), decoded into *o. */
static bool json_unicode(const char **pp, const char *end, char **o, const char **error) {
  uint32_t cp, lo;
  if (!hex4(pp, end, &cp)) {
    *error = "a bad \\u escape";
    return false;
  }
  if (cp >= 0xD800 && cp <= 0xDFFF) {
    const char *p = *pp;
    if (cp >= 0xDC00 || end - p < 6 || p[0] != '\\' || p[1] != 'u') {
      *error = "a lone surrogate";
      return false;
    }
    *pp += 2;
    if (!hex4(pp, end, &lo)) {
      *error = "a bad \\u escape";
      return false;
    }
    if (lo < 0xDC00 || lo > 0xDFFF) {
      *error = "a lone surrogate";
      return false;
    }
    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
  }
  if (cp == 0) {
    *error = "\\u0000 in a string";
    return false;
  }
  put_utf8(o, cp);
  return true;
}

/* An escape, after its backslash at *pp, decoded into *o. */
static bool json_escape(const char **pp, const char *end, char **o, const char **error) {
  static const char escaped[] = "\"\\/bfnrt", meant[] = "\"\\/\b\f\n\r\t";
  char e = *(*pp)++;
  const char *at = memchr(escaped, e, sizeof escaped - 1);
  if (at) {
    *(*o)++ = meant[at - escaped];
    return true;
  }
  if (e == 'u') return json_unicode(pp, end, o, error);
  *error = "a bad escape in a string";
  return false;
}

/* A JSON string at *pp: its text, decoded into scratch when it has escapes. */
static bool json_text(const char **pp, const char *end, char **scratch, EventText *out,
                      const char **error) {
  const char *p = *pp + 1;
  const char *start = p;
  while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20) p++;
  if (p < end && *p == '"') {
    *out = (EventText){start, (uint32_t)(p - start)};
    *pp = p + 1;
    return true;
  }
  char *o = *scratch, *begin = o;
  memcpy(o, start, (size_t)(p - start));
  o += p - start;
  while (p < end && *p != '"') {
    unsigned char c = (unsigned char)*p;
    if (c < 0x20) {
      *error = "a control character in a string";
      return false;
    }
    if (c != '\\') {
      *o++ = *p++;
      continue;
    }
    if (++p >= end) break;
    if (!json_escape(&p, end, &o, error)) return false;
  }
  if (p >= end) {
    *error = "a string that does not end";
    return false;
  }
  *out = (EventText){begin, (uint32_t)(o - begin)};
  *scratch = o;
  *pp = p + 1;
  return true;
}

static bool key_is(EventText k, const char *name) {
  size_t n = strlen(name);
  return k.len == n && memcmp(k.ptr, name, n) == 0;
}

/* A message, a text of the line it quotes, and the rest: a text too long for the room is cut
** with "...", so that the message keeps its end. */
static void set_error(char *error, size_t size, const char *a, EventText b, const char *c) {
  Buf e = buf_on(error, size);
  b_str(&e, a);
  size_t after = strlen(c), room = e.cap - 1 - e.len;
  room = room > after ? room - after : 0;
  if (b.len > room && room >= 3) {
    Buf quoted = {e.p + e.len, 0, room + 1, false};
    b_text(&quoted, b);
    buf_mark_cut(&quoted);
    e.len += quoted.len;
  } else {
    b_text(&e, b);
  }
  b_str(&e, c);
}

/* A query line being read: where it is, and what it said of the kind and the day. */
typedef struct QueryLine {
  const char *p, *end;
  char *scratch;
  DecideQuery *q;
  EventText kind, on;
  bool has_on;
  char *error;
  size_t error_size;
} QueryLine;

/* One member, "key": "value" (null is as if absent), into the query. False with the trouble in
** *why, or (*why NULL) with the message already in error. */
static bool read_member(QueryLine *x, const char **why) {
  EventText key, value = {0};
  if (x->p >= x->end || *x->p != '"') {
    *why = "expected a key in quotes";
    return false;
  }
  if (!json_text(&x->p, x->end, &x->scratch, &key, why)) return false;
  x->p = skip_ws(x->p, x->end);
  if (x->p >= x->end || *x->p != ':') {
    *why = "expected ':' after a key";
    return false;
  }
  x->p = skip_ws(x->p + 1, x->end);
  if (x->p < x->end && *x->p == '"') {
    if (!json_text(&x->p, x->end, &x->scratch, &value, why)) return false;
  } else if (x->end - x->p >= 4 && memcmp(x->p, "null", 4) == 0) {
    x->p += 4;
  } else {
    set_error(x->error, x->error_size, "'", key, "' is not a string");
    return false;
  }
  EventText *slot = key_is(key, "decide")     ? &x->kind
                    : key_is(key, "product")  ? &x->q->product
                    : key_is(key, "provider") ? &x->q->provider
                    : key_is(key, "subject")  ? &x->q->subject
                    : key_is(key, "licensee") ? &x->q->licensee
                    : key_is(key, "on")       ? &x->on
                                              : NULL;
  if (!slot) {
    set_error(x->error, x->error_size, "unknown key '", key,
              "' (a query has decide, product, provider, subject, licensee, on)");
    return false;
  }
  *slot = value;
  if (slot == &x->on) x->has_on = true;
  return true;
}

/* The object's members, from its '{' to its '}', and nothing after it. */
static bool read_object(QueryLine *x) {
  const char *why = NULL;
  x->p = skip_ws(x->p + 1, x->end);
  if (x->p < x->end && *x->p == '}') x->p++;
  else
    for (;;) {
      if (!read_member(x, &why)) {
        if (!why) return false;
        break;
      }
      x->p = skip_ws(x->p, x->end);
      if (x->p < x->end && *x->p == ',') {
        x->p = skip_ws(x->p + 1, x->end);
        continue;
      }
      if (x->p < x->end && *x->p == '}') {
        x->p++;
        break;
      }
      why = "expected ',' or '}' after a value";
      break;
    }
  if (why) {
    set_error(x->error, x->error_size, why, (EventText){0}, "");
    return false;
  }
  if (skip_ws(x->p, x->end) != x->end) {
    set_error(x->error, x->error_size, "text after the query's '}'", (EventText){0}, "");
    return false;
  }
  return true;
}

/* The kind of question, with the members it needs. */
static bool read_kind(QueryLine *x) {
  DecideQuery *q = x->q;
  if (key_is(x->kind, "launch")) {
    q->kind = DECIDE_LAUNCH;
    /* For a launch, subject is the product's type (as an offer's subject says it). */
    q->tags = q->subject;
    q->subject = (EventText){0};
    if (q->product.len && q->provider.len) return true;
    set_error(x->error, x->error_size, "a launch query needs \"product\" and \"provider\"",
              (EventText){0}, "");
    return false;
  }
  if (key_is(x->kind, "use")) {
    q->kind = DECIDE_USE;
    if (q->licensee.len && q->subject.len) return true;
    set_error(x->error, x->error_size, "a use query needs \"licensee\" and \"subject\"",
              (EventText){0}, "");
    return false;
  }
  set_error(x->error, x->error_size,
            x->kind.len ? "\"decide\" is \"launch\" or \"use\", not '"
                        : "a query needs \"decide\": \"launch\" or \"use\"",
            x->kind, x->kind.len ? "'" : "");
  return false;
}

/* The day asked about. */
static bool read_on(QueryLine *x) {
  if (!x->has_on || !x->on.len) {
    set_error(x->error, x->error_size, "a query needs \"on\": a date, such as \"2026-05-01\"",
              (EventText){0}, "");
    return false;
  }
  PactStatus status = pact_date_parse(x->on.ptr, x->on.len, &x->q->on);
  if (status == PACT_OK) return true;
  set_error(
      x->error, x->error_size,
      status == PACT_ERR_RANGE ? "no such day: '" : "\"on\" is not a date (write YYYY-MM-DD): '",
      x->on, "'");
  return false;
}

bool decide_parse_query(const char *line, size_t len, char *scratch, DecideQuery *q, char *error,
                        size_t error_size) {
  memset(q, 0, sizeof *q);
  QueryLine x = {.p = skip_ws(line, line + len),
                 .end = line + len,
                 .scratch = scratch,
                 .q = q,
                 .error = error,
                 .error_size = error_size};
  if (x.p >= x.end || *x.p != '{') {
    set_error(error, error_size, "a query is a JSON object, such as {\"decide\":\"launch\",...}",
              (EventText){0}, "");
    return false;
  }
  return read_object(&x) && read_kind(&x) && read_on(&x);
}

static void error_line(DecideText *t, const char *name, uint64_t line, const char *message) {
  char where[32];
  Buf b = buf_on(where, sizeof where);
  b_str(&b, ":");
  b_uint(&b, (uint32_t)line);
  b_str(&b, ": ");
  /* The message as one JSON string: name, line and message together. */
  DecideText whole = {0};
  json_text_append(&whole, name, strlen(name));
  json_text_append(&whole, where, strlen(where));
  json_text_append(&whole, message, strlen(message));
  if (whole.failed) {
    t->failed = true;
  } else {
    JsonWriter w;
    json_init_text(&w, t);
    json_object_begin(&w);
    json_key(&w, "error");
    json_string(&w, whole.ptr, whole.len);
    json_object_end(&w);
    json_finish(&w);
  }
  decide_text_free(&whole);
}

/*
** A batch is answered in blocks of lines: each block is cut in as many parts as there are
** workers, each worker answers its part into its own text, and the texts are written in order,
** so the output is the same line for line as answering one query after another. The decider is
** only read by questions, so workers share it.
*/
enum { BATCH_BLOCK_LINES = 16384 };

typedef struct BatchLine {
  size_t at, len;  /* in the block's bytes */
  uint64_t number; /* its line number in the input */
} BatchLine;

typedef struct BatchPart {
  const Decider *d;
  DecideWrite write;
  const char *name;
  const char *bytes;
  const BatchLine *lines;
  size_t first, count;
  DecideText text;
  char *scratch;
  size_t scratch_cap;
  size_t errors;
  PactStatus status;
} BatchPart;

static void *answer_part(void *context) {
  BatchPart *p = context;
  DecideAnswer a;
  p->status = PACT_OK;
  for (size_t i = p->first; i < p->first + p->count; i++) {
    const BatchLine *l = &p->lines[i];
    const char *line = p->bytes + l->at;
    if (p->scratch_cap < l->len + 1) {
      char *bigger = mem_realloc(p->scratch, l->len + 1);
      if (!bigger) {
        p->status = PACT_ERR_NOMEM;
        break;
      }
      p->scratch = bigger;
      p->scratch_cap = l->len + 1;
    }
    DecideQuery q;
    char error[DECIDE_REASON_MAX];
    if (!decide_parse_query(line, l->len, p->scratch, &q, error, sizeof error)) {
      error_line(&p->text, p->name, l->number, error);
      p->errors++;
    } else if (decide_query(p->d, &q, &a) != PACT_OK) {
      error_line(&p->text, p->name, l->number, a.reason);
      p->errors++;
    } else {
      p->write(p->d, &a, &p->text);
    }
    if (p->text.failed) {
      p->status = PACT_ERR_NOMEM;
      break;
    }
  }
  return NULL;
}

/* The workers a batch uses: the processors online, at most PACT_BATCH_WORKERS_MAX. */
static int batch_workers(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > PACT_BATCH_WORKERS_MAX ? PACT_BATCH_WORKERS_MAX : (int)n;
}

/* Answers the block's lines with the workers, then writes their texts in order. */
static PactStatus answer_block(BatchPart *parts, int workers, const char *bytes,
                               const BatchLine *lines, size_t count, FILE *out, size_t *errors) {
  size_t per = (count + (size_t)workers - 1) / (size_t)workers;
  pthread_t threads[PACT_BATCH_WORKERS_MAX];
  bool started[PACT_BATCH_WORKERS_MAX] = {false};
  for (int w = 0; w < workers; w++) {
    BatchPart *p = &parts[w];
    p->bytes = bytes;
    p->lines = lines;
    p->first = (size_t)w * per < count ? (size_t)w * per : count;
    p->count = p->first + per <= count ? per : count - p->first;
    p->text.len = 0;
    p->errors = 0;
    /* The first part is answered here; the others on threads (or here, if none starts). */
    if (w > 0 && p->count && pthread_create(&threads[w], NULL, answer_part, p) == 0)
      started[w] = true;
  }
  answer_part(&parts[0]);
  PactStatus status = PACT_OK;
  for (int w = 0; w < workers; w++) {
    BatchPart *p = &parts[w];
    if (w > 0 && started[w]) pthread_join(threads[w], NULL);
    else if (w > 0 && p->count) answer_part(p);
    if (status == PACT_OK) status = p->status;
    *errors += p->errors;
    if (status == PACT_OK && p->text.len && fwrite(p->text.ptr, 1, p->text.len, out) != p->text.len)
      status = PACT_ERR_IO;
  }
  return status;
}

PactStatus decide_batch_with(const Decider *d, const char *name, FILE *in, FILE *out,
                             DecideWrite write, size_t *errors) {
  *errors = 0;
  int workers = batch_workers();
  BatchPart parts[PACT_BATCH_WORKERS_MAX];
  memset(parts, 0, sizeof parts);
  for (int w = 0; w < workers; w++) {
    parts[w].d = d;
    parts[w].write = write;
    parts[w].name = name;
  }
  char *line = NULL, *bytes = NULL;
  size_t line_cap = 0, bytes_len = 0, bytes_cap = 0, count = 0;
  BatchLine *lines = mem_malloc(BATCH_BLOCK_LINES * sizeof *lines);
  PactStatus status = lines ? PACT_OK : PACT_ERR_NOMEM;
  uint64_t number = 0;
  ssize_t n;
  while (status == PACT_OK && (n = getline(&line, &line_cap, in)) >= 0) {
    number++;
    size_t len = (size_t)n;
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    if (skip_ws(line, line + len) == line + len) continue; /* a blank line asks nothing */
    if (bytes_len + len + 1 > bytes_cap) {
      size_t cap = bytes_cap ? bytes_cap : 1u << 20;
      while (cap < bytes_len + len + 1) cap *= 2;
      char *bigger = mem_realloc(bytes, cap);
      if (!bigger) {
        status = PACT_ERR_NOMEM;
        break;
      }
      bytes = bigger;
      bytes_cap = cap;
    }
    memcpy(bytes + bytes_len, line, len);
    lines[count++] = (BatchLine){bytes_len, len, number};
    bytes_len += len + 1;
    if (count == BATCH_BLOCK_LINES) {
      status = answer_block(parts, workers, bytes, lines, count, out, errors);
      count = bytes_len = 0;
    }
  }
  if (status == PACT_OK && ferror(in)) status = PACT_ERR_IO;
  if (status == PACT_OK && count)
    status = answer_block(parts, workers, bytes, lines, count, out, errors);
  for (int w = 0; w < workers; w++) {
    free(parts[w].scratch);
    decide_text_free(&parts[w].text);
  }
  free(line);
  free(bytes);
  free(lines);
  return status;
}
