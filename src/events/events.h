/*
** events.h -- event files (CSV with a header line, or JSON Lines): the event model, its kinds and
** fields, and a streaming reader that validates each row and reports every bad one. The
** reader's insides are reader_int.h, which only the reader's own files include.
*/
#ifndef PACT_EVENTS_H
#define PACT_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/limits.h"
#include "pactum.h"

typedef enum EventKind {
  EVENT_REVENUE,
  EVENT_PROFIT,
  EVENT_PAYMENT,
  EVENT_PURCHASE,
  EVENT_OFFER,
  EVENT_RESPONSE,
  EVENT_LAUNCH,
  EVENT_USE,
  EVENT_GRANT,
  EVENT_MILESTONE,
  EVENT_CORRECTION,
  EVENT_KIND_COUNT
} EventKind;

/* The fields of an event, in the order of docs/events.md's table: a CSV column or a JSON key
** each. */
typedef enum EventField {
  EVENT_FIELD_ID,
  EVENT_FIELD_KIND,
  EVENT_FIELD_DATE,
  EVENT_FIELD_END,
  EVENT_FIELD_PARTY,
  EVENT_FIELD_COUNTERPARTY,
  EVENT_FIELD_STREAM,
  EVENT_FIELD_SUBJECT,
  EVENT_FIELD_AMOUNT,
  EVENT_FIELD_CURRENCY,
  EVENT_FIELD_REF,
  EVENT_FIELD_NOTE,
  EVENT_FIELD_COUNT
} EventField;

/* Text inside the file (or the reader's scratch buffer); not NUL-terminated. len 0: absent. */
typedef struct EventText {
  const char *ptr;
  uint32_t len;
} EventText;

typedef struct Event {
  EventText id;
  EventKind kind;
  PactDate date;
  bool has_end;
  PactDate end; /* the last day of the span, inclusive; >= date */
  EventText party, counterparty, stream, subject, ref, note;
  bool has_amount; /* then currency is set too */
  int64_t amount_minor;
  PactCurrency currency; /* code "" when absent */
  uint32_t line;         /* 1-based line of the file where the event's record starts */
} Event;

typedef struct EventReader EventReader;

/*
** Opens an event file: CSV for .csv, JSON Lines for .jsonl and .ndjson (any case); otherwise
** JSON Lines when its first byte (after a BOM and white space) is '{', else CSV. "-" is stdin.
** A regular file is mapped; an input that can be read only once (stdin, a pipe, a FIFO) is
** copied the first time it is opened and read from the copy every time (spool.h), so that a
** second reading reads the same events. PACT_ERR_IO (with a diagnostic) when the file cannot
** be opened or the copy cannot be kept; PACT_ERR_NOMEM. On any error *out is NULL.
*/
PactStatus event_reader_open(const char *path, DiagList *diags, EventReader **out);
/* Reads an open descriptor once, in pieces, never more than one record at a time beyond a
** read's worth: for a caller that reads its input once and wants no copy. The descriptor
** stays the caller's; name is used in diagnostics and chooses the format as above. */
PactStatus event_reader_open_stream(const char *name, int fd, DiagList *diags, EventReader **out);
/* The same over text in memory, which must outlive the reader; name is used in diagnostics
** and chooses the format as above. */
PactStatus event_reader_open_text(const char *name, const char *text, size_t len, DiagList *diags,
                                  EventReader **out);
/*
** The next valid event; false at the end. A bad row is reported in diags (file:line, a code, the
** offending value) and skipped, so one pass reports every problem of a file; the caller decides
** what a file with errors means (see event_reader_error_count). The event's texts stay valid
** until the next call or the close.
*/
bool event_reader_next(EventReader *r, Event *out);
/* PACT_OK, or PACT_ERR_NOMEM / PACT_ERR_IO when a failure ended the reading early. */
PactStatus event_reader_status(const EventReader *r);
/* Errors reported for this file so far (diags may be shared with other files). */
size_t event_reader_error_count(const EventReader *r);
void event_reader_close(EventReader *r);

/*
** For reading one large file on two threads. A mapped CSV file of at least min_bytes whose
** header read clean is cut in two at a line start past the middle of its unread part before
** which the count of quotes is even (in valid CSV, outside any quoted value): *second reads
** [cut, end) -- the same path, the header's columns, its own buffers and caches, the lines
** numbered as the file's, reporting into diags, the mapping borrowed (never unmapped) -- and r
** now ends at the cut. *second is NULL when the file is not such a file (r is then as it was,
** but for its header read); PACT_ERR_NOMEM. Close *second before r.
*/
PactStatus event_reader_split(EventReader *r, size_t min_bytes, DiagList *diags,
                              EventReader **second);
/* After reading the first part to its end: it ended exactly at the cut, on the line the second
** part starts at, with nothing reported and no failure. Otherwise the two parts may not be
** what one reading gives, and the file is to be read again on one thread. */
bool event_reader_split_clean(const EventReader *first);

const char *event_kind_name(EventKind kind);
/* The fields a kind needs beyond id, kind and date: bit (1 << EventField) for each. */
uint32_t event_kind_needs(EventKind kind);
bool event_kind_find(const char *name, size_t len, EventKind *out);

/*
** What supersedes what (docs/settle.md; feed.h and the ledger's readings apply it): an event
** whose ref names another supersedes it when it is a correction (which withdraws an event of any
** kind), or when it is a revenue, payment or purchase event and the event it names is of its
** own kind (a restatement, which replaces it).
*/
bool event_supersedes(EventKind by, EventKind target);
/* Whether an event of this kind supersedes what its ref names, of some kind. */
bool event_kind_supersedes(EventKind kind);
const char *event_field_name(EventField field);
/* EVENT_FIELD_COUNT when name is not a field. */
EventField event_field_find(const char *name, size_t len);

/*
** How an amount spread over days d0..d1 falls on them (docs/settle.md): each day gets
** |total| / days in whole minor units (*quotient), the leftover (*remainder) units going one
** each to the earliest days, all with the total's sign (*sign, 1 or -1). The one rule for
** settlement and for a ledger's daily sums.
*/
static inline void event_span_split(int64_t total, PactDate d0, PactDate d1, uint64_t *quotient,
                                    uint64_t *remainder, int64_t *sign) {
  /* |total| fits in 64 unsigned bits and the days are below 2^22 (years 1..9999). */
  uint64_t days = (uint64_t)((int64_t)d1 - d0 + 1);
  uint64_t magnitude = total < 0 ? 0 - (uint64_t)total : (uint64_t)total;
  *quotient = magnitude / days;
  *remainder = magnitude % days;
  *sign = total < 0 ? -1 : 1;
}

#endif
