/*
** diag.h -- diagnostics: located problems with a stable code, collected and rendered once.
** A diagnostic is a value in a list; nothing in pactum prints an error where it finds it.
*/
#ifndef PACT_DIAG_H
#define PACT_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* One input text with its line table; offsets are bytes from the start of text. */
typedef struct Source {
  char *path;
  char *text;
  uint32_t len;
  uint32_t *line_starts;
  uint32_t line_count;
  uint32_t order; /* position among the sources of a load, for stable report order */
} Source;

bool source_init(Source *source, const char *path, const char *text, size_t len, uint32_t order);
void source_free(Source *source);

/*
** Text from outside pactum (an event's id, party, stream, subject or note; a file's name) as
** every text report and diagnostic shows it, so that nothing can control a terminal: printable
** UTF-8 as itself; newline, CR and tab as \n, \r and \t; every other C0 control and DEL as \x1b
** or \x7f; a C1 control (U+0080..U+009F, which some terminals obey) as \u009b; a byte that is not
** UTF-8 as \xff. JSON output is escaped by the JSON writer instead (jsonw.h).
*/
enum { TEXT_SHOWN_CHAR_MAX = 6 };
/* One character of text[0..left) into out (TEXT_SHOWN_CHAR_MAX bytes): returns the bytes written,
** *used the bytes read. */
size_t text_show_char(char *out, const char *text, size_t left, size_t *used);
/* Whether text needs no escape at all. */
bool text_is_plain(const char *text, size_t len);
/* Writes text as shown; returns how many characters that took. */
size_t text_write(FILE *out, const char *text, size_t len);
/* The same, then spaces up to width characters (a table's column, like "%-20.*s"). */
void text_write_padded(FILE *out, const char *text, size_t len, int width);
/* text as shown into buf (NUL-terminated), cut short with "..." when it does not fit in size
** bytes (size >= 8); returns buf. */
const char *text_shown(char *buf, size_t size, const char *text, size_t len);

/* 1-based line and column (in characters, not bytes) of an offset. */
void source_locate(const Source *source, uint32_t offset, uint32_t *line, uint32_t *column);

typedef enum DiagSeverity { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagSeverity;

typedef struct Diag {
  DiagSeverity severity;
  char code[8];
  const Source *source; /* NULL for problems not inside a text (an unreadable file) */
  const char *path;     /* used when source is NULL */
  uint32_t line;        /* with path: a line of a file that has no Source (an event file) */
  char *path_copy;      /* owned copy of path, when the caller's may not outlive the list */
  uint32_t offset;
  uint32_t length;
  char *message;
  char *help;   /* what to do; may be NULL */
  uint32_t seq; /* insertion order, the tie-breaker when sorting */
} Diag;

typedef struct DiagList {
  Diag *items;
  size_t count;
  size_t capacity;
  size_t errors;
  size_t warnings;
  size_t dropped;
  size_t lost; /* of those, or of their texts, lost for want of memory */
} DiagList;

void diag_list_init(DiagList *list);
void diag_list_free(DiagList *list);
/* Moves every diagnostic of from to the end of into, as if added there (from is left empty);
** what does not fit under the cap is counted as dropped. */
void diag_list_move(DiagList *into, DiagList *from);
/* Whether two diagnostics say the same thing of the same place (severity, code, place, texts). */
bool diag_same(const Diag *a, const Diag *b);
bool diag_list_holds(const DiagList *list, const Diag *diag);
/* diag_list_move, less what into already holds: two readings that found the same problem say
** it once (from is left empty). */
void diag_list_move_new(DiagList *into, DiagList *from);
/* A point in a list to come back to: a pass whose findings are redone forgets its own. */
typedef struct DiagMark {
  size_t count, errors, warnings, dropped, lost;
} DiagMark;
DiagMark diag_list_mark(const DiagList *list);
void diag_list_rewind(DiagList *list, DiagMark mark);

/* Adds a diagnostic; message and help are printf formats sharing one argument list is awkward,
** so help is passed preformatted (or NULL). */
void diag_add(DiagList *list, DiagSeverity severity, const char *code, const Source *source,
              uint32_t offset, uint32_t length, const char *help, const char *format, ...)
    __attribute__((format(printf, 8, 9)));
void diag_add_path(DiagList *list, DiagSeverity severity, const char *code, const char *path,
                   const char *help, const char *format, ...) __attribute__((format(printf, 6, 7)));

/* A problem on one line of a file that is not kept as a Source (rendered "path:line: ..."); with
** path NULL or "", the line of no file, rendered with neither (JSON keeps the line). */
void diag_add_line(DiagList *list, DiagSeverity severity, const char *code, const char *path,
                   uint32_t line, const char *help, const char *format, ...)
    __attribute__((format(printf, 7, 8)));

/* Sorts by source and offset, keeping insertion order for ties. */
void diag_list_sort(DiagList *list);
void diag_render(FILE *out, const Diag *diag, bool color);
void diag_render_all(FILE *out, const DiagList *list, bool color);
const char *diag_severity_name(DiagSeverity severity);

struct JsonWriter;
/* One diagnostic as a JSON object: severity, code, file, line, column (null when unknown),
** message, help (null when none). Every --json output writes its diagnostics with it. */
void diag_write_json(struct JsonWriter *w, const Diag *diag);

/* How many diagnostics this process lost for want of memory, in any list (0: none). */
size_t diag_lost_anywhere(void);

#endif
