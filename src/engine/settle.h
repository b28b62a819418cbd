/*
** settle.h -- settlement: every payment clause over the events, one obligation per period,
** exact to the minor unit, with what the cap did. Events stream in; memory stays flat.
*/
#ifndef PACT_SETTLE_H
#define PACT_SETTLE_H

#include "base/jsonw.h"
#include "base/money.h"
#include "events/events.h"
#include "terms/terms.h"

typedef struct Obligation {
  const Clause *clause;
  PactPeriod period;        /* the settlement period (calendar or fiscal) */
  PactDate first, last;     /* the days of the period in which the clause accrued */
  int64_t base_minor;       /* the clause's base over those days */
  int64_t uncapped_minor;   /* rate x base, rounded once, before the cap */
  int64_t amount_minor;     /* what is owed for the period */
  int64_t cumulative_minor; /* owed under the cap's count through this period */
  bool has_due;
  PactDate due;
  bool cap_binds;               /* the cap cut this period's amount */
  bool tiered;                  /* the amount came from tiers, not one rate */
  PactWide counted_base_before; /* the cumulative base the tiers stood at before the period */
  int64_t tiers_owed_before;    /* with tiers: f(cumulative base) before the period, rounded */
  int64_t tiers_owed_after;     /* and after it; the period owes after - before before the cap */
  int64_t paid_minor;           /* payments set against it, oldest obligation first */
  bool overdue;                 /* due before the statement date and not paid in full */
  bool accruing;                /* on a statement date inside the period: what accrued through it */
} Obligation;

/* One tier's part of a tiered obligation: the base it took in the period and its amount. */
typedef struct SettleTierPart {
  PactDecimal rate;
  int64_t base_minor; /* rounded half-even when not exact (tiers by cumulative paid) */
  bool base_exact;
  int64_t amount_minor; /* rate x base part, rounded half-even */
  bool amount_exact;
  int64_t amount_e4; /* the same in ten-thousandths of a minor unit */
  bool amount_e4_exact;
} SettleTierPart;

typedef struct SettleTotal {
  int32_t payer, payee; /* party indexes */
  int64_t amount_minor;
  int64_t uncapped_minor;    /* the sum had no cap ever bound */
  int64_t received_minor;    /* every payment of the payer to the payee up to the statement date */
  int64_t paid_minor;        /* the part of those set against the reported obligations */
  int64_t outstanding_minor; /* amount less paid */
  int64_t accruing_minor;    /* the part of amount accrued in periods still running */
  int64_t overdue_minor;     /* unpaid and past due on the statement date */
  int64_t credit_minor;      /* payments beyond everything owed (overpaid) */
} SettleTotal;

/* A payment between two of the agreement's parties, as recorded, in the order read. */
typedef struct SettlePayment {
  int32_t payer, payee; /* party indexes */
  PactDate date;
  int64_t amount_minor;
  char *id; /* the event's id */
} SettlePayment;

typedef struct SettleOptions {
  bool has_from, has_through;
  PactDate from, through; /* report obligations whose period meets [from, through] */
  bool has_as_of;
  PactDate as_of;     /* the statement date: what accrued and was paid by it counts (no
                             ** day after it, no period begun after it); default: every day */
  const char *period; /* the statement shows only this period ("2026-Q2"), when set */
} SettleOptions;

/*
** A settlement is begun, takes events (settle_add, settle_merge), is finished once
** (settle_finish), then read. A call out of that order changes nothing and returns
** PACT_ERR_MISUSE (base/invariant.h): an event added or a settlement merged after the finish,
** a second finish, a merge of a settlement into itself or of another agreement's.
*/
typedef struct Settlement Settlement;

/* Starts a settlement of an agreement that checked clean. */
PactStatus settle_begin(const Agreement *agreement, const SettleOptions *options, DiagList *diags,
                        Settlement **out);
/* Names the event file the next events come from, for messages about them; without one (events
** that come from no file), the messages name no file. */
void settle_set_events_path(Settlement *settlement, const char *path);
/* Whether every event like this one (its kind, party, counterparty, stream and currency) would
** be added without a word: in the agreement's currency, its names quiet (names.h). A ledger may
** then give such events as daily sums (LedgerQuery.summable). */
bool settle_summable(const Settlement *settlement, const Event *group);
/* Adds one event: revenue and profit grow bases, milestones may end clauses, others wait. */
PactStatus settle_add(Settlement *settlement, const Event *event);
/*
** Merges a settlement begun alike (same agreement, same options) that took other events into
** this one, before either is finished, as if from's events had been added after into's: the
** day bases add up, payments follow into's, milestones keep their earliest record, and from's
** diagnostics (from its own list) follow into's. from is left empty, to be freed.
*/
PactStatus settle_merge(Settlement *into, Settlement *from);
/*
** A copy of an open settlement, with every event it took (its bases, milestones and
** payments), reporting into diags: a forecast settles the actual events once and starts each
** path from such a copy. The names already checked are not checked again in the copy.
*/
PactStatus settle_clone(const Settlement *settlement, DiagList *diags, Settlement **out);
/* Computes the obligations; after this, settle_obligations and settle_totals read them. */
PactStatus settle_finish(Settlement *settlement);
/* PACT_OK once settle_finish succeeded; PACT_ERR_MISUSE before, or after one that failed, when
** settle_obligations and settle_totals give nothing (NULL and a count of 0). */
PactStatus settle_readable(const Settlement *settlement);
/* The obligations by their first day; the totals, one per payer and payee, each the sum of
** that pair's obligations. */
const Obligation *settle_obligations(const Settlement *settlement, size_t *count);
const SettleTotal *settle_totals(const Settlement *settlement, size_t *count);
const SettlePayment *settle_payments(const Settlement *settlement, size_t *count);
/* Writes the keys "payer" and "payee" with the parties' ids, into an open JSON object. */
void settle_json_pair(JsonWriter *w, const Settlement *settlement, int32_t payer, int32_t payee);
/* A party's id, by the index obligations, totals and payments use. */
const Str *settle_party_id(const Settlement *settlement, int32_t index);
/* An obligation on the statement date: "accruing" (its period is still running), "credit" (an
** adjustment down), "none" (nothing owed), "paid", "overdue" or "open". */
const char *settle_standing(const Obligation *obligation);
/* The writers of a finished settlement are render's (render/settle_write.h, which says what
** each writes); declared here too for the program, which reaches them through this header. */
void settle_write_table(const Settlement *settlement, FILE *out);
void settle_write_json(const Settlement *settlement, const DiagList *diags, FILE *out);
void settle_write_statement(const Settlement *settlement, bool json, const DiagList *diags,
                            FILE *out);
void settle_free(Settlement *settlement);

/* For explanations: the agreement settled. */
const Agreement *settle_agreement(const Settlement *settlement);
/* The options it was begun with (the statement date, the window). */
const SettleOptions *settle_options(const Settlement *settlement);
/* Whether an event counts in an obligation's base, and its part of the obligation's days. */
bool settle_event_part(const Settlement *settlement, const Obligation *obligation,
                       const Event *event, int64_t *part_minor);
/* Each tier's part of a tiered obligation (at most PACT_TIERS_MAX parts). */
PactStatus settle_tier_parts(const Obligation *obligation, SettleTierPart *parts, uint32_t *count);
/* The first obligation of the same cap count whose amount the cap cut, or NULL. */
const Obligation *settle_cap_reached(const Settlement *settlement, const Obligation *obligation);
/* The day a milestone ended the clause early (false when none did). */
bool settle_ended_by(const Settlement *settlement, const Clause *clause, Str *milestone,
                     PactDate *day);

#endif
