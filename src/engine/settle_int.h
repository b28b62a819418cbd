/*
** settle_int.h -- what the two halves of settlement share, and nothing else includes: the
** settlement itself and its clauses as they accrue. settle.c sets it up and takes the events;
** settle_obligations.c turns what accrued into obligations, payments set against them and
** totals (settle_finish).
*/
#ifndef PACT_SETTLE_INT_H
#define PACT_SETTLE_INT_H

#include "base/invariant.h"
#include "base/money.h"
#include "engine/settle.h"
#include "events/names.h"

/* One revenue-share clause (one Clause object: a version's wording) as it accrues. */
typedef struct Share {
  const Clause *clause;
  PactDate first; /* first day it can accrue: its version's effective day, or `from` */
  PactDate last;  /* last day, when !open_ended: its versions' last day, or `through` */
  bool open_ended;
  uint32_t family; /* the same number for every wording of one clause id */
  PactWide *diff;  /* daily base as a difference array from `first` */
  uint32_t day_capacity;
  /* What this wording owed and took in all, once settle_share has settled it. */
  int64_t owed_minor;
  PactWide base_minor;
} Share;

typedef SettlePayment Payment;

/*
** Which shares take a revenue or profit event depends only on its kind, party and stream
** (share_takes), and event files repeat a few of those row after row. settle_add keeps the
** answer for the combinations met, in a small open-addressed table (a hash of the lengths and
** the first and last bytes of the texts, four slots probed), so that most events find their
** shares with one short compare instead of a pass over every share's names and stream lists;
** when the probed slots are full, the first is overwritten. An answer never goes stale: the
** shares do not change while events are added. The texts are copied, because an event's
** texts live only until the reader's next row.
*/
enum { TAKERS_SLOTS = 64, TAKERS_PROBES = 4, TAKERS_TEXT_MAX = 40 };
typedef struct Takers {
  uint64_t shares; /* bit i: shares[i] takes the event */
  bool disjoint;   /* no two of those shares have a day in common */
  int8_t last_hit; /* the one of them a one-day event last fell in, or -1 */
  uint8_t kind;    /* 1 + the events' kind; 0: the slot holds nothing yet */
  uint8_t party_len, stream_len;
  char party[TAKERS_TEXT_MAX], stream[TAKERS_TEXT_MAX];
} Takers;

typedef struct MilestoneRecord {
  Str id; /* the milestone clause id */
  bool recorded;
  PactDate date; /* the earliest day it was recorded by a party that may declare it */
} MilestoneRecord;

/*
** Where a settlement is in its life. It takes events (settle_add, settle_merge) while open;
** settle_finish is called once, and leaves it finished, or failed when it returned an error.
** Only a finished settlement has obligations and totals to read; any other call out of this
** order is PACT_ERR_MISUSE.
*/
typedef enum SettleStage { SETTLE_OPEN, SETTLE_FINISHED, SETTLE_FAILED } SettleStage;

struct Settlement {
  const Agreement *ag;
  SettleOptions options;
  DiagList *diags;
  Share *shares;
  size_t share_count;
  MilestoneRecord *milestones;
  size_t milestone_count;
  bool has_data;
  PactDate data_first, data_last;
  Obligation *obligations;
  size_t obligation_count, obligation_capacity;
  SettleTotal *totals;
  size_t total_count;
  SettleStage stage;
  Payment *payments;
  size_t payment_count, payment_capacity;
  SettleTotal *pair_credits; /* per payer and payee: payments beyond everything owed */
  size_t pair_credit_count;
  const char *events_path;     /* the event file being read, for messages (NULL: none) */
  Takers takers[TAKERS_SLOTS]; /* settle_add's memory of which shares took what */
  NameCheck *names;            /* the events' names against the agreement's (names.h) */
};

/* The share of a clause's wording (NULL when it is no revenue share of the agreement). */
const Share *settle_share_of(const Settlement *settlement, const Clause *clause);

#endif
