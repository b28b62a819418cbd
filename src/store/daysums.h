/*
** daysums.h -- revenue and profit as settlement reads them: one sum per kind, party, stream,
** currency and day. A ledger keeps these beside its events, one set per import, so that a
** settlement over ten million events reads some tens of thousands of sums (docs/ledger.md,
** "What a settlement reads").
**
** A summed event is a revenue or profit event with an amount, a party, no counterparty, no
** ref, and a span of at most DAY_SUMS_SPAN_MAX days; its amount is split over its days by the
** one rule settlement uses (event_span_split), so that the sums of a day are exactly the parts
** settlement would have added for that day, event by event. Every other event (payments,
** milestones, restatements, events with a counterparty, long spans) is read as itself.
*/
#ifndef PACT_DAYSUMS_H
#define PACT_DAYSUMS_H

#include "events/events.h"

/* A span longer than this (days) is read as its event: a multi-year span would be thousands of
** sums for one row. */
enum { DAY_SUMS_SPAN_MAX = 366 };

/* Whether the ledger keeps this event as daily sums (the rule above). */
bool day_sums_takes(const Event *event);

/* One sum: its group's names, its day, the total of the parts and how many events gave one. */
typedef struct DaySum {
  EventKind kind;
  EventText party, stream; /* stream len 0: none */
  PactCurrency currency;
  PactDate day;
  int64_t amount_minor;
  int64_t events;
} DaySum;

typedef struct DaySums DaySums;

DaySums *day_sums_new(void);
void day_sums_free(DaySums *sums);
/*
** Adds an event that day_sums_takes: its part on each of its days. PACT_ERR_NOMEM when memory
** runs out; a day's sum that would leave the 64 bits of an amount marks the sums as overflowed
** (day_sums_overflowed), and the caller keeps none of them.
*/
PactStatus day_sums_add(DaySums *sums, const Event *event);
/* Takes an event added before out again: its parts, and one event from each of its days. */
PactStatus day_sums_take(DaySums *sums, const Event *event);
/* Adds a sum read back (its amount and its count of events to its group and day). */
PactStatus day_sums_put(DaySums *sums, const DaySum *sum);
bool day_sums_overflowed(const DaySums *sums);
size_t day_sums_count(const DaySums *sums);
/* The sums in no particular order; the texts last as long as the sums. */
void day_sums_get(const DaySums *sums, size_t index, DaySum *out);

/* The event a sum stands for in a reading: one day, its amount, no id (line 0). */
void day_sum_event(const DaySum *sum, Event *out);

#endif
