/*
** terms.h -- an agreement as checked, typed terms: parties, versions, clauses, their history.
** Built by check.c from syntax trees; read by show, history and (later) settle and decide.
*/
#ifndef PACT_TERMS_H
#define PACT_TERMS_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "lang/parse.h"
#include "pactum.h"

typedef struct Str {
  const char *ptr;
  uint32_t len;
} Str;

typedef struct Span {
  const Source *source;
  uint32_t offset;
  uint32_t length;
} Span;

typedef enum Certainty {
  CERT_NONE = 0,
  CERT_OFFICIAL,
  CERT_REPORTED,
  CERT_ASSUMED,
  CERT_CONTRACT
} Certainty;

typedef struct Citation {
  Certainty certainty;
  Str text;
} Citation;

/* A term line's own certainty ending (rate 20% reported "CNBC, 2026-04-27"). */
typedef struct TermNote {
  const char *field; /* "rate", "cap", "end", ... */
  Citation cite;
  struct TermNote *next;
} TermNote;

typedef struct Party {
  Str id;
  Str name;
  Span span;
} Party;

/* A name used where a party, clause or version is meant; index is -1 until resolved. */
typedef struct Ref {
  Str name;
  Span span;
  int32_t index;
} Ref;

typedef struct StrList {
  Str *items;
  uint32_t count;
} StrList;

typedef struct RefList {
  Ref *items;
  uint32_t count;
} RefList;

/* When something is in force: from a day, through a day, until milestones (the earliest). */
typedef struct Term {
  bool has_from;
  bool has_through;
  PactDate from;
  PactDate through;
  Span from_span;
  Span through_span;
  RefList until; /* milestone clause ids */
} Term;

typedef enum ClauseKind {
  CLAUSE_REVENUE_SHARE = 0,
  CLAUSE_CLOUD,
  CLAUSE_LICENCE,
  CLAUSE_COMMITMENT,
  CLAUSE_EQUITY,
  CLAUSE_MILESTONE,
  CLAUSE_KIND_COUNT
} ClauseKind;

typedef enum BaseMeasure { BASE_REVENUE = 0, BASE_PROFIT } BaseMeasure;
typedef enum TierBasis { TIER_BY_PAID = 0, TIER_BY_BASE } TierBasis;
typedef enum CapCounting { CAP_THIS_VERSION = 0, CAP_ALL_VERSIONS } CapCounting;
typedef enum CloudMode {
  MODE_EXCLUSIVE = 0,
  MODE_FIRST_REFUSAL,
  MODE_PRIMARY,
  MODE_NONE
} CloudMode;
typedef enum Answer { ANSWER_ACCEPT = 0, ANSWER_UNABLE, ANSWER_UNWILLING } Answer;

typedef struct Tier {
  PactDecimal rate;
  bool has_bound;      /* false for "thereafter" */
  int64_t bound_minor; /* the tier applies while the cumulative measure is below this */
  bool bound_about;
  Span span;
} Tier;

typedef struct CloudException {
  Ref party;
  Answer answer;
  Span span;
} CloudException;

typedef struct RevenueShare {
  Ref payer, payee, base_party;
  BaseMeasure measure;
  StrList include, exclude; /* revenue streams */
  bool has_rate;
  PactDecimal rate;
  bool rate_about;
  Tier *tiers;
  uint32_t tier_count;
  TierBasis tier_basis;
  bool has_cap;
  int64_t cap_minor;
  bool cap_about;
  CapCounting cap_counting;
  Span cap_span;
  PactCalendar calendar;
  bool has_settle;   /* false: quarterly by default, shown as such by check and show */
  bool has_rounding; /* false: half-even by default, shown as such */
  bool has_due;
  int32_t due_days;
  PactRounding rounding;
} RevenueShare;

typedef struct CloudTerm {
  Ref provider, customer;
  CloudMode mode;
  StrList scope, carve_outs;
  CloudException *exceptions;
  uint32_t exception_count;
  bool has_window;
  int32_t window_days;
  bool silence_waives;
} CloudTerm;

typedef struct LicenceTerm {
  Ref licensor, licensee;
  StrList covers, excludes;
  bool exclusive;
  Term exclusivity; /* when exclusivity itself ends (through / until) */
} LicenceTerm;

typedef struct Commitment {
  Ref by, to;
  int64_t amount_minor;
  bool amount_about;
  Str of;
} Commitment;

typedef struct Equity {
  Ref holder, in;
  PactDecimal stake;
  bool stake_about;
} Equity;

typedef struct Milestone {
  RefList declarers;
} Milestone;

typedef struct Clause {
  ClauseKind kind;
  Str id;
  Span id_span;
  uint32_t version; /* index of the version that wrote it */
  Str says, section, text;
  Citation source; /* the clause's own `source`, else its version's */
  Term term;
  TermNote *notes;
  bool poisoned; /* a line failed to read; cross-checks skip what it lacks */
  union {
    RevenueShare share;
    CloudTerm cloud;
    LicenceTerm licence;
    Commitment commitment;
    Equity equity;
    Milestone milestone;
  } u;
} Clause;

typedef struct Removal {
  Ref clause;
  Str why;
  Span span;
} Removal;

typedef struct Version {
  Str name;
  Span name_span;
  Str title, says;
  Citation source;
  bool has_effective;
  PactDate effective;
  Span effective_span;
  TermNote *notes;
  bool has_amends;
  Ref amends;   /* index of the amended version */
  Clause **own; /* clauses this version writes */
  uint32_t own_count;
  Removal *removals;
  uint32_t removal_count;
  /* Resolved from the history: */
  Clause **terms; /* the terms of this version: inherited, replaced, added */
  uint32_t term_count;
  bool has_last_day;
  PactDate last_day; /* the day before the next version takes effect */
  int32_t next;      /* the version that amends this one, or -1 */
} Version;

/* An agreement's side (terms/side.h): as written, as if a version had stayed in force, or with a
** proposed amendment from one more file. */
typedef enum SideKind { SIDE_ACTUAL = 0, SIDE_AS_IF, SIDE_PROPOSED } SideKind;

struct PactAgreement {
  Arena arena;
  DiagList diags;
  Source *sources;
  uint32_t source_count;
  const char *path;
  bool has_block;
  Str id;
  Str title;
  Span id_span;
  bool has_currency;
  PactCurrency currency;
  Party *parties;
  uint32_t party_count;
  Version *versions; /* as written */
  uint32_t version_count;
  uint32_t *history; /* version indexes, oldest first; complete when history_ok */
  uint32_t history_count;
  bool history_ok;
  uint32_t clause_count;
  /* The parties' ids and the versions' names as NUL-terminated texts, by index, for the public
  ** interface (pactum.h hands out C strings); NULL when memory ran out. */
  char **party_ids;
  char **version_names;
  /* Its side, set before checking: the version kept in force (SIDE_AS_IF), or the latest version
  ** that the amendment in the last source must amend (SIDE_PROPOSED); and its label for people
  ** ("actual", "as if 2025-10-28 had stayed in force", "proposed: FILE"). */
  SideKind side;
  const char *side_version;
  const char *side_latest;
  const char *side_label;
  /* The scenario blocks written in the agreement's own files (terms/scenario.h), checked with
  ** it; a forecast may also read them from a file of their own. */
  struct Scenario *scenarios;
  uint32_t scenario_count;
};
typedef struct PactAgreement Agreement;

const char *clause_kind_name(ClauseKind kind);      /* "revenue-share" */
const char *clause_kind_json_name(ClauseKind kind); /* "revenue_share" */
const char *certainty_name(Certainty certainty);
const char *cloud_mode_name(CloudMode mode);
const char *answer_name(Answer answer);
bool str_eq(Str a, Str b);
/* Fills agreement->party_ids and ->version_names (from its arena); false for want of memory. */
bool terms_name_texts(Agreement *agreement);
bool str_eq_cstr(Str a, const char *text);

/* The version in force on a date, or -1 when none is (before the first, or broken history). */
int32_t terms_version_on(const Agreement *agreement, PactDate date);
/* Is the clause in force on the date by its own dates (milestones are events, not known here)? */
bool terms_clause_in_force(const Clause *clause, PactDate date);
/* The most a payment clause can ever pay: false when unbounded. */
bool terms_max_payable(const Clause *clause, int64_t *out_minor);
/* Can a payment clause's total never grow without limit, whatever its base: a cap, a rate of
** 0%, or tiers that end on a bound or at 0% (by cumulative base a bounded total without one
** figure for it, since each period rounds on its own)? */
bool terms_bounded(const Clause *clause);
/* Are two clauses the same terms: one carried into a later version, or restated there without
** a change (as `history` reports it)? */
bool terms_clause_restated(const Agreement *agreement, const Clause *before, const Clause *after);
/* A milestone event's subject names a milestone by its id; agi_declared is agi-declared. */
bool terms_milestone_id_eq(const char *subject, uint32_t len, Str id);
/* Whether a party is among those the milestone names to declare it. */
bool terms_may_declare(const Clause *milestone, const char *party, uint32_t len);
/* The milestone a subject names: as the version in force on the date words it, else as any
** version does; NULL when no version has it. */
const Clause *terms_milestone(const Agreement *agreement, const char *subject, uint32_t len,
                              PactDate date);
/* A party's index by its id, or -1. */
int32_t terms_party(const Agreement *agreement, const char *id, uint32_t len);
/* The note for a field, or NULL. */
const TermNote *terms_note(const Clause *clause, const char *field);

#endif
