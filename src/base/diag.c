/*
** diag.c -- collects diagnostics and renders them: "file:line:col: error[CODE]: message",
** the source line, a caret under the offending text, and what to do about it.
*/
#include "base/diag.h"
#include "base/utf8.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/limits.h"
#include "base/mem.h"


bool source_init(Source *source, const char *path, const char *text, size_t len, uint32_t order) {
  memset(source, 0, sizeof *source);
  if (len > PACT_FILE_BYTES_MAX) return false;
  source->path = mem_strdup(path);
  source->text = mem_malloc(len + 1);
  uint32_t lines = 1;
  for (size_t i = 0; i < len; i++) lines += text[i] == '\n';
  source->line_starts = mem_malloc(sizeof(uint32_t) * lines);
  if (!source->path || !source->text || !source->line_starts) {
    source_free(source);
    return false;
  }
  if (len) memcpy(source->text, text, len);
  source->text[len] = '\0';
  source->len = (uint32_t)len;
  source->order = order;
  source->line_starts[0] = 0;
  uint32_t n = 1;
  for (uint32_t i = 0; i < len; i++)
    if (text[i] == '\n') source->line_starts[n++] = i + 1;
  source->line_count = n;
  return true;
}

void source_free(Source *source) {
  free(source->path);
  free(source->text);
  free(source->line_starts);
  memset(source, 0, sizeof *source);
}

size_t text_show_char(char *out, const char *text, size_t left, size_t *used) {
  unsigned char c = (unsigned char)text[0];
  uint32_t n = utf8_char_length(text, left > 4 ? 4 : (uint32_t)left);
  *used = n ? n : 1;
  static const char HEX[] = "0123456789abcdef";
  if (n == 2 && c == 0xC2 && (unsigned char)text[1] < 0xA0) { /* C1: U+0080..U+009F */
    unsigned char code = (unsigned char)text[1];
    memcpy(out, "\\u00", 4);
    out[4] = HEX[code >> 4], out[5] = HEX[code & 15];
    return 6;
  }
  if (n > 1 || (n == 1 && c >= 0x20 && c != 0x7F)) {
    memcpy(out, text, *used);
    return *used;
  }
  if (c == '\n' || c == '\r' || c == '\t') {
    out[0] = '\\';
    out[1] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
    return 2;
  }
  out[0] = '\\', out[1] = 'x', out[2] = HEX[c >> 4], out[3] = HEX[c & 15];
  return 4;
}

/* Printable ASCII: the common case, shown as it is. */
static bool plain_ascii(unsigned char c) { return c >= 0x20 && c < 0x7F; }

bool text_is_plain(const char *text, size_t len) {
  for (size_t i = 0; i < len;) {
    if (plain_ascii((unsigned char)text[i])) {
      i++;
      continue;
    }
    char shown[TEXT_SHOWN_CHAR_MAX];
    size_t used, n = text_show_char(shown, text + i, len - i, &used);
    if (n != used || memcmp(shown, text + i, n) != 0) return false;
    i += used;
  }
  return true;
}

size_t text_write(FILE *out, const char *text, size_t len) {
  size_t i = 0, chars = 0;
  while (i < len) {
    size_t run = i;
    while (run < len && plain_ascii((unsigned char)text[run])) run++;
    if (run > i) fwrite(text + i, 1, run - i, out);
    chars += run - i;
    if (run == len) break;
    char shown[TEXT_SHOWN_CHAR_MAX];
    size_t used, n = text_show_char(shown, text + run, len - run, &used);
    fwrite(shown, 1, n, out);
    chars += n == used && used > 1 ? 1 : n; /* a UTF-8 character is one, an escape its length */
    i = run + used;
  }
  return chars;
}

void text_write_padded(FILE *out, const char *text, size_t len, int width) {
  size_t chars = text_write(out, text, len);
  for (; (int)chars < width; chars++) fputc(' ', out);
}

const char *text_shown(char *buf, size_t size, const char *text, size_t len) {
  size_t whole = 0;
  for (size_t at = 0; at < len && whole < size;) {
    char shown[TEXT_SHOWN_CHAR_MAX];
    size_t used;
    whole += text_show_char(shown, text + at, len - at, &used);
    at += used;
  }
  size_t room = whole < size ? size - 1 : size - 4; /* cut short: room for "..." */
  size_t n = 0, at = 0;
  while (at < len) {
    char shown[TEXT_SHOWN_CHAR_MAX];
    size_t used, k = text_show_char(shown, text + at, len - at, &used);
    if (n + k > room) break;
    memcpy(buf + n, shown, k);
    n += k;
    at += used;
  }
  if (at < len) memcpy(buf + n, "...", 3), n += 3;
  buf[n] = '\0';
  return buf;
}

static uint32_t source_line_index(const Source *source, uint32_t offset) {
  uint32_t lo = 0, hi = source->line_count;
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (source->line_starts[mid] <= offset) lo = mid;
    else hi = mid;
  }
  return lo;
}

/* Characters, not bytes: a UTF-8 continuation byte does not start a column. */
static uint32_t count_chars(const char *text, uint32_t from, uint32_t to) {
  uint32_t n = 0;
  for (uint32_t i = from; i < to; i++) n += ((unsigned char)text[i] & 0xC0) != 0x80;
  return n;
}

void source_locate(const Source *source, uint32_t offset, uint32_t *line, uint32_t *column) {
  if (offset > source->len) offset = source->len;
  uint32_t index = source_line_index(source, offset);
  *line = index + 1;
  *column = count_chars(source->text, source->line_starts[index], offset) + 1;
}

void diag_list_init(DiagList *list) { memset(list, 0, sizeof *list); }

void diag_list_free(DiagList *list) {
  for (size_t i = 0; i < list->count; i++) {
    free(list->items[i].message);
    free(list->items[i].help);
    free(list->items[i].path_copy);
  }
  free(list->items);
  memset(list, 0, sizeof *list);
}

/* Every diagnostic lost in this process, whatever list it was for: a program asks once, at its
** end, whether any answer it gave went without a warning or an error it should have carried. */
static atomic_size_t lost_anywhere;

size_t diag_lost_anywhere(void) { return atomic_load(&lost_anywhere); }

static void lose(DiagList *list) {
  list->lost++;
  atomic_fetch_add(&lost_anywhere, 1);
}

void diag_list_move(DiagList *into, DiagList *from) {
  into->errors += from->errors;
  into->warnings += from->warnings;
  into->dropped += from->dropped;
  into->lost += from->lost;
  for (size_t i = 0; i < from->count; i++) {
    Diag *d = &from->items[i];
    if (into->count == into->capacity && into->count < PACT_DIAGNOSTICS_MAX) {
      size_t capacity = into->capacity ? into->capacity * 2 : 16;
      Diag *items = mem_realloc(into->items, capacity * sizeof *items);
      if (items) into->items = items, into->capacity = capacity;
    }
    if (into->count >= PACT_DIAGNOSTICS_MAX || into->count == into->capacity) {
      into->dropped++;
      if (into->count < PACT_DIAGNOSTICS_MAX) lose(into);
      free(d->message);
      free(d->help);
      free(d->path_copy);
      continue;
    }
    d->seq = (uint32_t)into->count;
    into->items[into->count++] = *d;
  }
  from->count = 0;
  from->errors = from->warnings = from->dropped = from->lost = 0;
}

static bool same_text(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

bool diag_same(const Diag *a, const Diag *b) {
  return a->severity == b->severity && strcmp(a->code, b->code) == 0 && a->source == b->source &&
         a->offset == b->offset && a->length == b->length && a->line == b->line &&
         same_text(a->path, b->path) && same_text(a->message, b->message) &&
         same_text(a->help, b->help);
}

bool diag_list_holds(const DiagList *list, const Diag *diag) {
  for (size_t i = 0; i < list->count; i++)
    if (diag_same(&list->items[i], diag)) return true;
  return false;
}

void diag_list_move_new(DiagList *into, DiagList *from) {
  size_t kept = 0;
  for (size_t i = 0; i < from->count; i++) {
    Diag *d = &from->items[i];
    if (!diag_list_holds(into, d)) {
      from->items[kept++] = *d;
      continue;
    }
    if (d->severity == DIAG_ERROR) from->errors--;
    if (d->severity == DIAG_WARNING) from->warnings--;
    free(d->message);
    free(d->help);
    free(d->path_copy);
  }
  from->count = kept;
  diag_list_move(into, from);
}

DiagMark diag_list_mark(const DiagList *list) {
  return (DiagMark){list->count, list->errors, list->warnings, list->dropped, list->lost};
}

void diag_list_rewind(DiagList *list, DiagMark mark) {
  while (list->count > mark.count) {
    Diag *d = &list->items[--list->count];
    free(d->message);
    free(d->help);
    free(d->path_copy);
  }
  list->errors = mark.errors;
  list->warnings = mark.warnings;
  list->dropped = mark.dropped;
  list->lost = mark.lost;
}

__attribute__((format(printf, 1, 0))) static char *format_message(const char *format,
                                                                  va_list args) {
  va_list copy;
  va_copy(copy, args);
  int n = vsnprintf(NULL, 0, format, copy);
  va_end(copy);
  if (n < 0) return NULL;
  char *text = mem_malloc((size_t)n + 1);
  if (text) vsnprintf(text, (size_t)n + 1, format, args);
  return text;
}

static Diag *diag_push(DiagList *list, DiagSeverity severity, const char *code) {
  if (severity == DIAG_ERROR) list->errors++;
  if (severity == DIAG_WARNING) list->warnings++;
  if (list->count >= PACT_DIAGNOSTICS_MAX) {
    list->dropped++;
    return NULL;
  }
  if (list->count == list->capacity) {
    size_t capacity = list->capacity ? list->capacity * 2 : 16;
    Diag *items = mem_realloc(list->items, capacity * sizeof *items);
    if (!items) {
      list->dropped++;
      lose(list);
      return NULL;
    }
    list->items = items;
    list->capacity = capacity;
  }
  Diag *diag = &list->items[list->count];
  memset(diag, 0, sizeof *diag);
  diag->severity = severity;
  snprintf(diag->code, sizeof diag->code, "%s", code);
  diag->seq = (uint32_t)list->count;
  list->count++;
  return diag;
}

/* Fills the parts every diagnostic has; the location is the caller's. */
__attribute__((format(printf, 5, 0))) static Diag *diag_vadd(DiagList *list, DiagSeverity severity,
                                                             const char *code, const char *help,
                                                             const char *format, va_list args) {
  Diag *diag = diag_push(list, severity, code);
  if (!diag) return NULL;
  diag->message = format_message(format, args);
  diag->help = help ? mem_strdup(help) : NULL;
  if (!diag->message || (help && !diag->help)) lose(list);
  return diag;
}

void diag_add(DiagList *list, DiagSeverity severity, const char *code, const Source *source,
              uint32_t offset, uint32_t length, const char *help, const char *format, ...) {
  va_list args;
  va_start(args, format);
  Diag *diag = diag_vadd(list, severity, code, help, format, args);
  va_end(args);
  if (!diag) return;
  diag->source = source;
  diag->path = source ? source->path : NULL;
  diag->offset = offset;
  diag->length = length;
}

void diag_add_path(DiagList *list, DiagSeverity severity, const char *code, const char *path,
                   const char *help, const char *format, ...) {
  va_list args;
  va_start(args, format);
  Diag *diag = diag_vadd(list, severity, code, help, format, args);
  va_end(args);
  if (diag) diag->path = path;
}

void diag_add_line(DiagList *list, DiagSeverity severity, const char *code, const char *path,
                   uint32_t line, const char *help, const char *format, ...) {
  va_list args;
  va_start(args, format);
  Diag *diag = diag_vadd(list, severity, code, help, format, args);
  va_end(args);
  if (!diag) return;
  diag->line = line;
  /* A line of no file (events given from memory; "" is no file's name either): rendered with
  ** neither. */
  if (!path || !path[0]) return;
  diag->path_copy = mem_strdup(path);
  if (!diag->path_copy) lose(list);
  diag->path = diag->path_copy ? diag->path_copy : "(out of memory)";
}

static int diag_compare(const void *pa, const void *pb) {
  const Diag *a = pa, *b = pb;
  uint32_t oa = a->source ? a->source->order : 0, ob = b->source ? b->source->order : 0;
  if (oa != ob) return oa < ob ? -1 : 1;
  if (a->offset != b->offset) return a->offset < b->offset ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diag_list_sort(DiagList *list) {
  if (list->count > 1) qsort(list->items, list->count, sizeof(Diag), diag_compare);
}

const char *diag_severity_name(DiagSeverity severity) {
  switch (severity) {
    case DIAG_ERROR: return "error";
    case DIAG_WARNING: return "warning";
    case DIAG_NOTE: return "note";
  }
  return "error";
}

static const char *severity_color(DiagSeverity severity) {
  switch (severity) {
    case DIAG_ERROR: return "\033[1;31m";
    case DIAG_WARNING: return "\033[1;33m";
    case DIAG_NOTE: return "\033[1;36m";
  }
  return "";
}

/* Moves back (or forward) by up to n characters from a byte offset within [lo, hi]. */
static uint32_t step_chars(const char *text, uint32_t at, uint32_t lo, uint32_t hi, int n) {
  while (n < 0 && at > lo) {
    at--;
    if (((unsigned char)text[at] & 0xC0) != 0x80) n++;
  }
  while (n > 0 && at < hi) {
    at++;
    while (at < hi && ((unsigned char)text[at] & 0xC0) == 0x80) at++;
    n--;
  }
  return at;
}

/*
** The source line with tabs as single spaces, so the caret lines up under it. A long line is
** cut to a window around the caret, marked with "...".
*/
static void render_excerpt(FILE *out, const Diag *diag, bool color) {
  enum { WINDOW_CHARS = 100, BEFORE_CHARS = 40 };
  const Source *src = diag->source;
  uint32_t line, column;
  source_locate(src, diag->offset, &line, &column);
  uint32_t start = src->line_starts[line - 1];
  uint32_t end = start;
  while (end < src->len && src->text[end] != '\n' && src->text[end] != '\r') end++;
  uint32_t from = start, to = end;
  if (count_chars(src->text, start, end) > WINDOW_CHARS) {
    uint32_t at = diag->offset < end ? diag->offset : end;
    from = step_chars(src->text, at, start, end, -BEFORE_CHARS);
    to = step_chars(src->text, from, start, end, WINDOW_CHARS);
  }
  const char *lead = from > start ? "..." : "";
  fprintf(out, "%5u | %s", line, lead);
  /* Control codes and bytes that are not UTF-8 are shown as '?', never sent to a terminal. */
  for (uint32_t i = from; i < to;) {
    unsigned char c = (unsigned char)src->text[i];
    uint32_t n = utf8_char_length(src->text + i, to - i);
    if (n > 1) fwrite(src->text + i, 1, n, out);
    else fputc(c == '\t' ? ' ' : (n == 0 || c < 0x20 || c == 0x7F) ? '?' : c, out);
    i += n ? n : 1;
  }
  fprintf(out, "%s\n", to < end ? "..." : "");
  uint32_t span_end = diag->offset + diag->length;
  if (span_end > to) span_end = to;
  uint32_t caret_at = diag->offset < from ? from : diag->offset;
  uint32_t width = span_end > caret_at ? count_chars(src->text, caret_at, span_end) : 1;
  uint32_t pad = count_chars(src->text, from, caret_at) + (uint32_t)strlen(lead);
  fprintf(out, "      | %*s%s", (int)pad, "", color ? severity_color(diag->severity) : "");
  for (uint32_t i = 0; i < width; i++) fputc('^', out);
  fprintf(out, "%s\n", color ? "\033[0m" : "");
}

void diag_render(FILE *out, const Diag *diag, bool color) {
  const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
  const char *sev_color = color ? severity_color(diag->severity) : "";
  /* The path, message and help may quote outside text (a file's name, an event's fields):
  ** written as text_write shows them, never raw to a terminal. */
  const char *path = diag->source ? diag->source->path : diag->path;
  if (path) {
    fputs(bold, out);
    text_write(out, path, strlen(path));
    if (diag->source) {
      uint32_t line, column;
      source_locate(diag->source, diag->offset, &line, &column);
      fprintf(out, ":%u:%u", line, column);
    } else if (diag->line) {
      fprintf(out, ":%u", diag->line);
    }
    fprintf(out, ":%s ", reset);
  }
  fprintf(out, "%s%s[%s]%s: %s", sev_color, diag_severity_name(diag->severity), diag->code, reset,
          bold);
  const char *message = diag->message ? diag->message : "(out of memory)";
  text_write(out, message, strlen(message));
  fprintf(out, "%s\n", reset);
  if (diag->source) render_excerpt(out, diag, color);
  if (diag->help) {
    fputs("      = help: ", out);
    text_write(out, diag->help, strlen(diag->help));
    fputc('\n', out);
  }
}

void diag_render_all(FILE *out, const DiagList *list, bool color) {
  for (size_t i = 0; i < list->count; i++) diag_render(out, &list->items[i], color);
  if (list->dropped)
    fprintf(out, "note: %zu more diagnostics not shown (at most %d are kept)\n", list->dropped,
            PACT_DIAGNOSTICS_MAX);
}

void diag_write_json(JsonWriter *w, const Diag *d) {
  json_object_begin(w);
  json_key(w, "severity");
  json_cstring(w, diag_severity_name(d->severity));
  json_key(w, "code");
  json_cstring(w, d->code);
  json_key(w, "file");
  json_cstring(w, d->source ? d->source->path : d->path);
  uint32_t line = 0, column = 0;
  if (d->source) source_locate(d->source, d->offset, &line, &column);
  else line = d->line;
  json_key(w, "line");
  if (line) json_int(w, line);
  else json_null(w);
  json_key(w, "column");
  if (d->source) json_int(w, column);
  else json_null(w);
  json_key(w, "message");
  json_cstring(w, d->message);
  json_key(w, "help");
  json_cstring(w, d->help);
  json_object_end(w);
}
