/*
** months.h -- where an import's events are, month by month: a small record a ledger keeps
** beside each import's events so that a reader of one period (explain) reads only the events
** of that period's months, not the whole table (docs/ledger.md, "What explain reads").
**
** An import's events are grouped by the months they meet: an event of a span of at most
** EVENT_MONTHS_SPAN_MAX days is counted in each month it meets (a month's row); a longer one in
** one row for its whole span (the months from its first day's to its last day's), shared with
** the import's other events of the same months. Each row holds how many events it counts, the
** sum (mod 2^64) of their digests, and the first and last of their ids in the order SQLite
** keeps text (bytes, then length): its events are among the ids between the two. The events
** table is kept in the order of its ids, so when ids follow dates (as files number their
** rows), a month's events are a short run of it; when they do not, a reading reads more of the
** table, never other events.
*/
#ifndef PACT_MONTHS_H
#define PACT_MONTHS_H

#include "events/events.h"

/* A span longer than this (days) is one row of its own months, not one row in each month: a
** multi-year span would otherwise widen every month's run of ids it meets. */
enum { EVENT_MONTHS_SPAN_MAX = 366 };

/* Months are numbered year * 12 + month - 1: 0001-01 is 12, 9999-12 is 119999. */
enum { EVENT_MONTH_MIN = 12, EVENT_MONTH_MAX = 119999 };

int32_t event_month(PactDate day);
/* The months an event's row or rows cover: short, one row per month from *first to *last;
** otherwise one row covering *first to *last. */
void event_months_of(const Event *event, int32_t *first, int32_t *last, bool *short_span);
/* Two ids in SQLite's order of text (BINARY: bytes, then the shorter first). */
int event_id_order(EventText a, EventText b);

/* One row: the months it covers (first == last: a month's row), its count of events, the sum
** of their digests, and the first and last of their ids. */
typedef struct EventMonthRow {
  int32_t first, last;
  uint64_t events, digest;
  EventText first_id, last_id;
} EventMonthRow;

typedef struct EventMonths EventMonths;

EventMonths *event_months_new(void);
void event_months_free(EventMonths *months);
/* Counts an event (with its digest) in its rows. PACT_ERR_NOMEM when memory runs out. */
PactStatus event_months_add(EventMonths *months, const Event *event, uint64_t digest);
size_t event_months_count(const EventMonths *months);
/* The rows in no particular order; the ids last until the next event_months_add. */
void event_months_get(const EventMonths *months, size_t index, EventMonthRow *out);

#endif
