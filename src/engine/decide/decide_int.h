/*
** decide_int.h -- what the files of the decide engine share and nothing else sees, as SQLite
** keeps its VDBE's inside behind vdbeInt.h: the decider's indexes (symbols, events, sorted
** lists, plans), the builders of reasons, and the two kinds of question.
**
**   index.c     symbols; reading events; the indexes, plans and what a licence covers
**   reason.c    the text builders of reasons (the shortest are inline below)
**   launch.c    launch: the cloud clauses
**   use.c       use: the licence clauses and the grants
**   query.c     decide_query: a question to the clauses that answer it
**   batch.c     batch query lines, and the workers that answer them
**   findings.c  what an audit finds, event by event
**
** The answers are written, as text or JSON, by render/decide_write.c.
*/
#ifndef PACT_DECIDE_INT_H
#define PACT_DECIDE_INT_H

#include <string.h>

#include "base/arena.h"
#include "engine/decide.h"
#include "events/names.h"

/* ------------------------------------------------------------------------------------------
** Symbols: every text an event carries, interned once. Symbol 0 is the absent text.
*/

typedef struct DEvent {
  uint32_t id; /* the event's own number: its id is id_texts[id] */
  uint32_t file, party, counterparty, stream, subject; /* names */
  uint32_t ref;                                        /* a symbol of refs */
  uint32_t kind_key; /* grant, use: the subject's kind ("model" for model:gpt-6) */
  uint32_t line;
  PactDate date, end;
  uint8_t kind;
  uint8_t answer; /* response: Answer */
  bool has_end;
  bool answer_ok; /* response: subject is accept, unable or unwilling */
} DEvent;

typedef struct Range {
  uint32_t first, count; /* into Decider.order */
} Range;

/* An event in a list, with its date beside it: a search by date reads only the list. */
typedef struct Entry {
  PactDate date;
  uint32_t event;
  uint32_t who; /* the event's counterparty (a response or a use: its party) */
  uint32_t aux; /* an offer: its subject; a grant: 1 when it breached an
                                  exclusive licence when made */
} Entry;

typedef struct Product {
  Range offers, launches, orphans; /* orphans: responses for it that answer no offer */
  uint32_t owner;                  /* the party of its first offer or launch */
} Product;

typedef struct Subject {
  Range grants, uses, kind_grants; /* kind_grants: by the subject's kind (for a whole kind) */
} Subject;

/* A clause of one version's terms, with the days milestones end it (from that day on). */
typedef struct Ending {
  bool ends;
  PactDate day;
  uint32_t event; /* the record that ended it */
  Str milestone;  /* the milestone that ends it, or the first unrecorded one */
  bool ignored;   /* a record by a party who may not declare it */
  uint32_t ignored_event;
} Ending;

typedef struct Plan {
  const Clause *clause;
  PactDate start;    /* its first day: `from`, else the effective day of its version */
  uint32_t provider; /* a cloud clause's provider as a symbol (0: no event names it) */
  Ending end, exclusivity;
} Plan;

typedef struct VersionPlan {
  const Version *version;
  PactDate effective;
  Plan *clouds, *licences;
  uint32_t cloud_count, licence_count;
} VersionPlan;

/* A table of interned texts: open addressing over slots that keep the hash beside the symbol,
** so that a probe reads the text only when the hashes agree. Symbol 0 is the absent text. */
typedef struct Slot {
  uint32_t hash, sym;
} Slot;

typedef struct Symbols {
  Slot *slots;
  uint32_t mask;
  Str *texts; /* by symbol */
  uint32_t count, cap;
  char *pool; /* the texts, packed into arena blocks */
  size_t pool_left;
} Symbols;

struct Decider {
  const Agreement *ag;
  DiagList *diags;
  Arena arena;
  NameCheck *names_check; /* the events' party names against the agreement's (names.h) */
  /* Two tables: the names a question may ask about (parties, products, subjects, files), few
  ** and looked up by every question, kept apart from the refs (the ids responses name), which
  ** only decide_finish reads; the small one stays in the cache. The events' own ids are only
  ** kept (id_texts, by event), never hashed but to be looked up among the refs. */
  Symbols names, refs;
  Str *id_texts; /* by event */
  DEvent *events;
  uint32_t event_count, event_cap;
  uint32_t last_file; /* the last source seen, to skip hashing it again */
  bool warn_by_date;  /* events come by id: report warnings in date order */
  bool ended; /* decide_finish was called: it may be, once; nothing is added after it */
  /* Built by decide_finish: */
  bool finished;
  Entry *order;         /* events, grouped into Ranges, by date within each */
  const Plan **breach;  /* by event (grants): the Plan its grant breached when made */
  int32_t *event_of_id; /* by ref symbol: the first event with that id, or -1 */
  int32_t *product_of;  /* by name symbol: index in products, or -1 */
  int32_t *subject_of;  /* by name symbol: index in subjects, or -1 */
  Product *products;
  Subject *subjects;
  uint32_t product_count, subject_count;
  Range *answers;       /* by event (offers only): the responses naming it */
  uint32_t *milestones; /* milestone events by date */
  bool *milestone_may;  /* by milestone: recorded by a party that may declare it then */
  uint32_t milestone_count;
  VersionPlan *plans; /* in history order */
  uint32_t plan_count;
};

/* A name's symbol if the text was ever seen, else 0. */
uint32_t lookup_name(const Decider *d, const char *text, uint32_t len);
/* The symbol of a kind's plural (models of model), if it was ever seen, else 0. */
uint32_t lookup_plural(const Decider *d, Str kind);

static inline Str sym(const Decider *d, uint32_t s) { return d->names.texts[s]; }
/* An event's id (DEvent.id is the event's own number), and a ref (a symbol of refs). */
static inline Str id_sym(const Decider *d, uint32_t s) { return d->id_texts[s]; }
static inline Str ref_sym(const Decider *d, uint32_t s) { return d->refs.texts[s]; }

/* The kind of a subject: the word before its qualifier ("model" of model:gpt-6), else itself. */
Str subject_kind(Str s);
bool has_qualifier(Str s);

/* ------------------------------------------------------------------------------------------
** The indexes, read by every question.
*/

/* How many events of a range (sorted by date) are dated on or before the day. */
static inline uint32_t upto(const Decider *d, Range r, PactDate on) {
  uint32_t lo = 0, hi = r.count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (d->order[r.first + mid].date <= on) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static inline uint32_t at(const Decider *d, Range r, uint32_t i) {
  return d->order[r.first + i].event;
}

static inline const VersionPlan *plan_on(const Decider *d, PactDate on) {
  uint32_t lo = 0, hi = d->plan_count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (d->plans[mid].effective <= on) lo = mid + 1;
    else hi = mid;
  }
  return lo ? &d->plans[lo - 1] : NULL;
}

static inline bool ended_by(const Ending *end, PactDate on) { return end->ends && end->day <= on; }

/* In force on the day: its own dates, and no milestone recorded that ends it. */
static inline bool plan_in_force(const Plan *p, PactDate on) {
  return terms_clause_in_force(p->clause, on) && !ended_by(&p->end, on);
}

/* What a licence covers (index.c: decide_finish works out the breaches of every grant). */
const Str *list_covers(const StrList *list, Str subject);
bool exclusive_on(const Plan *p, PactDate on);
/* The exclusive licence from licensor over subject, on the day, to someone else than holder. */
const Plan *exclusive_against(const Decider *d, PactDate on, Str licensor, Str subject, Str holder,
                              const VersionPlan **in);
/* The licence a grant breached when it was made, or NULL. */
const Plan *breaches_of(const Decider *d, const DEvent *g);
bool grant_breaches(const Decider *d, const DEvent *g, const Plan **by, const VersionPlan **in);

/* ------------------------------------------------------------------------------------------
** Answers: texts built in fixed buffers, cut rather than overrun, and never cut silently: a cut
** reason ends by saying so (reason_close), a cut exception or until with "..." (buf_mark_cut).
*/

typedef struct Buf {
  char *p;
  size_t len, cap;
  bool cut; /* a piece did not fit */
} Buf;

static inline Buf buf_on(char *p, size_t cap) {
  p[0] = '\0';
  return (Buf){p, 0, cap, false};
}

/* Copies n bytes: the short pieces a reason is made of without a call to memcpy. */
static inline void copy_short(char *o, const char *s, size_t n) {
  if (n >= 8 && n <= 16) {
    memcpy(o, s, 8);
    memcpy(o + n - 8, s + n - 8, 8);
  } else if (n >= 4 && n < 8) {
    memcpy(o, s, 4);
    memcpy(o + n - 4, s + n - 4, 4);
  } else if (n < 4) {
    for (size_t i = 0; i < n; i++) o[i] = s[i];
  } else {
    memcpy(o, s, n);
  }
}

static inline void b_mem(Buf *b, const char *s, size_t n) {
  size_t room = b->cap - 1 - b->len;
  b->cut |= n > room;
  n = n < room ? n : room;
  if (n) copy_short(b->p + b->len, s, n); /* an absent text may have no pointer */
  b->len += n;
  b->p[b->len] = '\0';
}

static inline void b_str(Buf *b, const char *s) { b_mem(b, s, strlen(s)); }
static inline void b_sym(Buf *b, Str s) { b_mem(b, s.ptr, s.len); }
static inline void b_text(Buf *b, EventText t) { b_mem(b, t.ptr, t.len); }

void b_date(Buf *b, PactDate date);
void b_uint(Buf *b, uint32_t n);
/* 'id', the way a reason names an event. */
void b_event(Buf *b, const Decider *d, uint32_t e);
void b_list(Buf *b, const StrList *list, const char *sep);
/* A scope or carve-out list in words: api-products -> API products. */
void b_words(Buf *b, const StrList *list);
/* A text that did not fit ends with "...", whole characters before it. */
void buf_mark_cut(Buf *b);

/* The events an answer relies on, each once; past the room it has, counted. */
static inline void relies_on(DecideAnswer *a, uint32_t event) {
  for (uint32_t i = 0; i < a->event_count; i++)
    if (a->events[i] == event) return;
  if (a->event_count < DECIDE_EVENTS_MAX) a->events[a->event_count++] = event;
  else a->events_left_out++;
}

/* Ends the answer's reason, built in b: it says how many events the answer relies on past those
** it lists ("; 3 more events not listed (an answer lists at most 12)"), and, when the reason did
** not fit, is cut to whole characters and says so. */
void reason_close(DecideAnswer *a, Buf *b);

static inline bool text_is(EventText t, Str s) {
  return t.len == s.len && (s.len == 0 || memcmp(t.ptr, s.ptr, s.len) == 0);
}
static inline bool str_is(Str a, const char *s) { return str_eq_cstr(a, s); }

/* "; milestone 'x' recorded by 'y' on DAY ('m1') is ignored: only z may declare x on DAY, as V
** words it" (rights_may_declare's reason). */
void note_ignored(const Decider *d, const Ending *end, PactDate on, DecideAnswer *a, Buf *b);

/* ------------------------------------------------------------------------------------------
** The questions: a launch (launch.c) and a use (use.c), under the version in force.
*/

void launch_query(const Decider *d, const DecideQuery *q, const VersionPlan *vp, DecideAnswer *a);
void use_query(const Decider *d, const DecideQuery *q, const VersionPlan *vp, DecideAnswer *a);

#endif
