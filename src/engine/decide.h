/*
** decide.h -- what a party may do on a date, and why: where a product may launch (the cloud
** clauses) and whether a party may use a subject (the licence clauses), over the events in force.
**
** The events are read once (decide_add for each, as feed_each gives them; decide_finish) into
** compact indexes: per product its offers, launches and their answers; per subject its grants
** and uses; per milestone its records. Each question is then a few lookups (decide_query), so a
** server or a batch can answer many. Nothing here prints except to the buffer or FILE* given.
** The engine is in src/engine/decide/ (decide_int.h says which file holds what); its answers are
** written by render/decide_write.c.
*/
#ifndef PACT_DECIDE_H
#define PACT_DECIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "base/jsonw.h"
#include "base/limits.h"
#include "events/events.h"
#include "terms/terms.h"

typedef struct Decider Decider;

typedef enum DecideKind { DECIDE_LAUNCH = 0, DECIDE_USE } DecideKind;

typedef enum Decision { DECISION_PERMITTED = 0, DECISION_NOT_PERMITTED, DECISION_PENDING } Decision;

/* A question. Texts are borrowed (not NUL-terminated) and need only last the call. */
typedef struct DecideQuery {
  DecideKind kind;
  EventText product, provider; /* launch */
  EventText tags;              /* launch, optional: the product's type, as an offer's subject */
  EventText licensee, subject; /* use */
  PactDate on;
} DecideQuery;

/* The room an answer has (base/limits.h says why each is what it is). An answer that needs more
** does not change silently: its reason ends by saying how many events it did not list, or that
** it was cut, or that words of the product's type were not read; a cut exception or until ends
** with "...". */
enum {
  DECIDE_EVENTS_MAX = PACT_DECIDE_EVENTS_MAX,
  DECIDE_REASON_MAX = PACT_DECIDE_REASON_BYTES_MAX,
  DECIDE_EXCEPTION_MAX = PACT_DECIDE_EXCEPTION_BYTES_MAX
};

/* An answer. It points into the decider, which must outlive it. */
typedef struct DecideAnswer {
  DecideKind kind;
  Decision decision;
  const Clause *clause;                 /* the clause that decided, or NULL */
  const Version *version;               /* the version in force on the day */
  char exception[DECIDE_EXCEPTION_MAX]; /* launch: the exception that applied ("" none) */
  bool has_deadline;                    /* launch, pending: the last day to answer the offer */
  PactDate deadline;
  bool exclusive;                   /* use */
  char until[DECIDE_EXCEPTION_MAX]; /* use: the last day the answer holds, a milestone, or "" */
  char reason[DECIDE_REASON_MAX];
  uint32_t events[DECIDE_EVENTS_MAX]; /* the events the answer relies on or names */
  uint32_t event_count;
  uint32_t events_left_out; /* more events it relies on or names, not listed (the reason says) */
  bool reason_cut;          /* the reason did not fit: cut (its end says so) */
} DecideAnswer;

/* The agreement must outlive the decider. */
PactStatus decide_begin(const Agreement *agreement, DiagList *diags, Decider **out);
/* One event in force, read from source (copied: it need not outlive the call). After
** decide_finish: PACT_ERR_MISUSE, nothing added. */
PactStatus decide_add(Decider *d, const char *source, const Event *event);
/* The events come by id (a ledger read without sorting, feed_set_ledger_by_id), not by date:
** decide_finish then reports its warnings in date order, as it would have read them. */
void decide_warn_by_date(Decider *d);
/* Builds the indexes; reports responses that answer no offer (warnings). Once: a second call
** is PACT_ERR_MISUSE and changes nothing. */
PactStatus decide_finish(Decider *d);
void decide_free(Decider *d);

/* PACT_ERR_RANGE (answer->reason says why) when no version is in force on the day;
** PACT_ERR_MISUSE before decide_finish has built the decider. */
PactStatus decide_query(const Decider *d, const DecideQuery *query, DecideAnswer *answer);

/* A growable text: one answer's JSON line, or many (failed: memory ran out). */
typedef JsonText DecideText;
void decide_text_free(DecideText *t);

/* The agreement the decider reads the events against. */
const Agreement *decide_agreement(const Decider *d);

/*
** The writers of answers are render's (render/decide_write.c), declared here with the engine
** that the program includes: the engine computes answers, render writes them.
*/

/* The answer as one line of JSON (the --json form), with its newline. */
void decide_write_json(const Decider *d, const DecideAnswer *answer, DecideText *out);
/* The same line framed as every --json document is (describe.h: agreement, currency, the
** answer's members, diagnostics): what `decide --json` prints for one question. The lines of
** `decide --batch` are the bare answers (decide_write_json). */
void decide_write_report(const Decider *d, const DecideAnswer *answer, const DiagList *diags,
                         DecideText *out);
/* The answer in words, for a person. */
void decide_write_text(const Decider *d, const DecideQuery *query, const DecideAnswer *answer,
                       DecideText *out);

/*
** Parses one line of a batch ({"decide":"launch","product":...,"provider":...,"on":...} or
** {"decide":"use","licensee":...,"subject":...,"on":...}). The query's texts point into line
** or scratch (at least len bytes). False with a message in error when the line is no query.
*/
bool decide_parse_query(const char *line, size_t len, char *scratch, DecideQuery *query,
                        char *error, size_t error_size);

/*
** Answers every line of in, one JSON line each to out: an answer, or {"error": "NAME:LINE:
** ..."} for a line that is no query or a day before the agreement. *errors counts those.
** PACT_ERR_IO when in cannot be read or out written; PACT_ERR_NOMEM. (decide_batch_with with
** decide_write_json, in render/decide_write.c.)
*/
PactStatus decide_batch(const Decider *d, const char *name, FILE *in, FILE *out, size_t *errors);
/* The same, each answer written by write: the engine answers, the writer it is given writes. */
typedef void (*DecideWrite)(const Decider *d, const DecideAnswer *answer, DecideText *out);
PactStatus decide_batch_with(const Decider *d, const char *name, FILE *in, FILE *out,
                             DecideWrite write, size_t *errors);

const char *decision_name(Decision decision);

/* An event the decider holds, for listing it (texts point into the decider). */
typedef struct DecideEventInfo {
  Str id, file, party, counterparty, stream, subject;
  EventKind kind;
  PactDate date;
  uint32_t line;
} DecideEventInfo;
void decide_event_info(const Decider *d, uint32_t event, DecideEventInfo *out);

typedef enum DecideFindingKind {
  FINDING_ANSWER_DUE, /* an offer the provider must still answer, by the answer's deadline */
  FINDING_LAUNCH,     /* a launch the terms did not permit on its day */
  FINDING_USE,        /* a use the licences did not permit on its day */
  FINDING_GRANT       /* a grant to another while an exclusive licence covered it */
} DecideFindingKind;

typedef struct DecideFinding {
  DecideFindingKind kind;
  uint32_t event;      /* the offer, launch, use or grant */
  DecideAnswer answer; /* the decision behind it: clause, version, deadline, reason, events */
} DecideFinding;

typedef PactStatus (*DecideFindingVisit)(void *context, const DecideFinding *finding);
/*
** What an audit on a day finds among the events up to it, in date order: the offers whose
** answer is still due (pending, deadline on or after the day), and every launch, use and grant
** that the terms in force on its own day did not permit.
*/
PactStatus decide_findings(const Decider *d, PactDate on, DecideFindingVisit visit, void *context);

#endif
