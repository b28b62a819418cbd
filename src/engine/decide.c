/*
** decide.c -- see decide.h. The rules follow the clauses (mode, scope, carve-outs, exceptions,
** window, silence; covers, excludes, exclusivity; until), never an agreement by name.
**
** Events are kept as symbols (interned texts) in one array; decide_finish sorts index lists by
** key and date (products' offers and launches, offers' answers, subjects' grants and uses) and
** works out, for every version and every cloud or licence clause of its terms, the day a
** milestone ends it. A question then reads a handful of short sorted lists.
*/
#include "engine/decide.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/mem.h"
#include "events/names.h"
#include "events/rights.h"
#include "render/describe.h"

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

enum { POOL_BLOCK = 1u << 20 };

/* FNV-1a, then mixed (murmur3's finaliser): ids that differ in one digit spread over the table. */
static uint32_t hash_text(const char *text, uint32_t len) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < len; i++) h = (h ^ (unsigned char)text[i]) * 16777619u;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

/* The slot of a text: its symbol's, or the empty one where it would go. */
static Slot *slot_of(const Symbols *t, const char *text, uint32_t len, uint32_t h) {
  for (uint32_t i = h & t->mask;; i = (i + 1) & t->mask) {
    Slot *slot = &t->slots[i];
    if (!slot->sym) return slot;
    if (slot->hash == h) {
      Str s = t->texts[slot->sym];
      if (s.len == len && memcmp(s.ptr, text, len) == 0) return slot;
    }
  }
}

static bool grow_slots(Symbols *t) {
  uint32_t capacity = t->mask ? (t->mask + 1) * 2 : 1024;
  if (capacity == 0) return false;
  Slot *slots = mem_calloc(capacity, sizeof *slots);
  if (!slots) return false;
  uint32_t mask = capacity - 1;
  for (uint32_t i = 0; t->slots && i <= t->mask; i++) {
    Slot s = t->slots[i];
    if (!s.sym) continue;
    uint32_t k = s.hash & mask;
    while (slots[k].sym) k = (k + 1) & mask;
    slots[k] = s;
  }
  free(t->slots);
  t->slots = slots;
  t->mask = mask;
  return true;
}

static bool symbols_init(Symbols *t) {
  memset(t, 0, sizeof *t);
  t->texts = mem_calloc(1024, sizeof *t->texts);
  if (!t->texts || !grow_slots(t)) return false;
  t->cap = 1024;
  t->texts[0] = (Str){"", 0};
  t->count = 1;
  return true;
}

static void symbols_free(Symbols *t) {
  free(t->slots);
  free(t->texts);
}

/* A copy of a text in the table's pool. Each text is kept NUL-terminated, so that a file's name
** can name it in a diagnostic. */
static char *pool_copy(Decider *d, Symbols *t, const char *text, uint32_t len) {
  if (t->pool_left < (size_t)len + 1) {
    size_t size = (size_t)len + 1 > POOL_BLOCK ? (size_t)len + 1 : POOL_BLOCK;
    t->pool = arena_alloc(&d->arena, size);
    if (!t->pool) return NULL;
    t->pool_left = size;
  }
  char *copy = t->pool;
  if (len) memcpy(copy, text, len);
  copy[len] = '\0';
  t->pool += len + 1;
  t->pool_left -= (size_t)len + 1;
  return copy;
}

static bool intern(Decider *d, Symbols *t, const char *text, uint32_t len, uint32_t *out) {
  *out = 0;
  if (len == 0) return true;
  uint32_t h = hash_text(text, len);
  Slot *slot = slot_of(t, text, len, h);
  if (slot->sym) {
    *out = slot->sym;
    return true;
  }
  char *copy = pool_copy(d, t, text, len);
  if (!copy) return false;
  if (t->count == t->cap) {
    uint32_t cap = t->cap * 2;
    if (cap <= t->cap) return false;
    Str *bigger = mem_realloc(t->texts, (size_t)cap * sizeof *bigger);
    if (!bigger) return false;
    t->texts = bigger;
    t->cap = cap;
  }
  t->texts[t->count] = (Str){copy, len};
  *slot = (Slot){h, t->count};
  *out = t->count++;
  /* At half full the table doubles, so probes stay short. */
  if ((uint64_t)t->count * 2 > (uint64_t)t->mask + 1 && !grow_slots(t)) return false;
  return true;
}

static bool intern_name(Decider *d, EventText t, uint32_t *out) {
  return intern(d, &d->names, t.ptr, t.len, out);
}

/* A name's symbol if the text was ever seen, else 0. */
static uint32_t lookup(const Decider *d, const char *text, uint32_t len) {
  if (len == 0) return 0;
  return slot_of(&d->names, text, len, hash_text(text, len))->sym;
}

static Str sym(const Decider *d, uint32_t s) { return d->names.texts[s]; }
/* An event's id (DEvent.id is the event's own number), and a ref (a symbol of refs). */
static Str id_sym(const Decider *d, uint32_t s) { return d->id_texts[s]; }
static Str ref_sym(const Decider *d, uint32_t s) { return d->refs.texts[s]; }

/* The kind of a subject: the word before its qualifier ("model" of model:gpt-6), else itself. */
static Str subject_kind(Str s) {
  for (uint32_t i = 0; i < s.len; i++)
    if (s.ptr[i] == ':') return (Str){s.ptr, i};
  return s;
}

/* ------------------------------------------------------------------------------------------
** Reading events.
*/

PactStatus decide_begin(const Agreement *agreement, DiagList *diags, Decider **out) {
  *out = NULL;
  Decider *d = mem_calloc(1, sizeof *d);
  if (!d) return PACT_ERR_NOMEM;
  d->ag = agreement;
  d->diags = diags;
  arena_init(&d->arena);
  /* Symbol 0 is the absent text: an entry of its own, never found by a lookup. */
  if (!symbols_init(&d->names) || !symbols_init(&d->refs) ||
      !(d->names_check = names_new(agreement))) {
    decide_free(d);
    return PACT_ERR_NOMEM;
  }
  *out = d;
  return PACT_OK;
}

void decide_free(Decider *d) {
  if (!d) return;
  names_free(d->names_check);
  arena_free(&d->arena);
  symbols_free(&d->names);
  symbols_free(&d->refs);
  free(d->id_texts);
  free(d->events);
  free(d->order);
  free(d->breach);
  free(d->event_of_id);
  free(d->product_of);
  free(d->subject_of);
  free(d->products);
  free(d->subjects);
  free(d->answers);
  free(d->milestones);
  free(d->milestone_may);
  free(d);
}

void decide_warn_by_date(Decider *d) { d->warn_by_date = true; }

static bool decides_on(EventKind kind) {
  return kind == EVENT_OFFER || kind == EVENT_RESPONSE || kind == EVENT_LAUNCH ||
         kind == EVENT_USE || kind == EVENT_GRANT || kind == EVENT_MILESTONE;
}

static bool answer_find(EventText t, Answer *out) {
  static const char *const words[] = {"accept", "unable", "unwilling"};
  for (int i = 0; i < 3; i++)
    if (t.len == strlen(words[i]) && memcmp(t.ptr, words[i], t.len) == 0) {
      *out = (Answer)i;
      return true;
    }
  return false;
}

PactStatus decide_add(Decider *d, const char *source, const Event *e) {
  if (!decides_on(e->kind)) return PACT_OK;
  if (names_note(d->names_check, source, e) != PACT_OK) return PACT_ERR_NOMEM;
  if (d->event_count == UINT32_MAX - 1) return PACT_ERR_RANGE;
  if (d->event_count == d->event_cap) {
    uint32_t cap = d->event_cap ? d->event_cap * 2 : 1024;
    DEvent *bigger = mem_realloc(d->events, (size_t)cap * sizeof *bigger);
    if (!bigger) return PACT_ERR_NOMEM;
    d->events = bigger;
    Str *ids = mem_realloc(d->id_texts, (size_t)cap * sizeof *ids);
    if (!ids) return PACT_ERR_NOMEM;
    d->id_texts = ids;
    d->event_cap = cap;
  }
  DEvent *v = &d->events[d->event_count];
  memset(v, 0, sizeof *v);
  uint32_t source_len = (uint32_t)strlen(source);
  Str last = sym(d, d->last_file);
  if (!d->last_file || last.len != source_len || memcmp(last.ptr, source, source_len) != 0) {
    if (!intern(d, &d->names, source, source_len, &d->last_file)) return PACT_ERR_NOMEM;
  }
  v->file = d->last_file;
  v->line = e->line;
  v->date = e->date;
  v->has_end = e->has_end;
  v->end = e->end;
  v->kind = (uint8_t)e->kind;
  char *id = pool_copy(d, &d->refs, e->id.ptr, e->id.len);
  if (!id) return PACT_ERR_NOMEM;
  v->id = d->event_count;
  d->id_texts[v->id] = (Str){id, e->id.len};
  if (!intern_name(d, e->party, &v->party) || !intern_name(d, e->counterparty, &v->counterparty) ||
      !intern_name(d, e->stream, &v->stream) || !intern_name(d, e->subject, &v->subject) ||
      !intern(d, &d->refs, e->ref.ptr, e->ref.len, &v->ref))
    return PACT_ERR_NOMEM;
  if (e->kind == EVENT_RESPONSE) {
    Answer a = ANSWER_ACCEPT;
    v->answer_ok = answer_find(e->subject, &a);
    v->answer = (uint8_t)a;
  }
  if (e->kind == EVENT_GRANT || e->kind == EVENT_USE) {
    Str k = subject_kind(sym(d, v->subject));
    if (!intern(d, &d->names, k.ptr, k.len, &v->kind_key)) return PACT_ERR_NOMEM;
  }
  d->event_count++;
  return PACT_OK;
}

/* ------------------------------------------------------------------------------------------
** Indexes.
*/

typedef struct Keyed {
  uint32_t key; /* a group: product, subject, offer */
  PactDate date;
  uint32_t event;
} Keyed;

static int keyed_cmp(const void *pa, const void *pb) {
  const Keyed *a = pa, *b = pb;
  if (a->key != b->key) return a->key < b->key ? -1 : 1;
  if (a->date != b->date) return a->date < b->date ? -1 : 1;
  return a->event < b->event ? -1 : a->event > b->event;
}

/* Which list of which group an event goes in. */
typedef enum ListKind {
  LIST_OFFERS,
  LIST_LAUNCHES,
  LIST_ORPHANS,
  LIST_GRANTS,
  LIST_USES,
  LIST_KIND_GRANTS,
  LIST_ANSWERS,
  LIST_COUNT
} ListKind;

static Range *list_of(Decider *d, ListKind list, uint32_t key) {
  switch (list) {
    case LIST_OFFERS: return &d->products[key].offers;
    case LIST_LAUNCHES: return &d->products[key].launches;
    case LIST_ORPHANS: return &d->products[key].orphans;
    case LIST_GRANTS: return &d->subjects[key].grants;
    case LIST_USES: return &d->subjects[key].uses;
    case LIST_KIND_GRANTS: return &d->subjects[key].kind_grants;
    case LIST_ANSWERS: return &d->answers[key];
    case LIST_COUNT: break;
  }
  return NULL;
}

static bool group_of(Decider *d, int32_t *of, uint32_t s, uint32_t *count, uint32_t *out) {
  if (of[s] < 0) of[s] = (int32_t)(*count)++;
  *out = (uint32_t)of[s];
  return true;
}

/* An offer that a response names, or -1 (the response is then an orphan). */
static int32_t offer_named(const Decider *d, const DEvent *r) {
  int32_t target = r->ref ? d->event_of_id[r->ref] : -1;
  return target >= 0 && d->events[target].kind == EVENT_OFFER ? target : -1;
}

/* Adds the events of one list kind to order, sorted by group and date, and sets the ranges. */
static PactStatus build_list(Decider *d, ListKind list, Keyed *scratch, uint32_t *used) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < d->event_count; i++) {
    const DEvent *e = &d->events[i];
    uint32_t key;
    switch (list) {
      case LIST_OFFERS:
      case LIST_LAUNCHES:
        if (e->kind != (list == LIST_OFFERS ? EVENT_OFFER : EVENT_LAUNCH) || !e->stream) continue;
        key = (uint32_t)d->product_of[e->stream];
        break;
      case LIST_ORPHANS:
        if (e->kind != EVENT_RESPONSE || !e->stream || offer_named(d, e) >= 0) continue;
        key = (uint32_t)d->product_of[e->stream];
        break;
      case LIST_GRANTS:
      case LIST_USES:
        if (e->kind != (list == LIST_GRANTS ? EVENT_GRANT : EVENT_USE) || !e->subject) continue;
        key = (uint32_t)d->subject_of[e->subject];
        break;
      case LIST_KIND_GRANTS:
        if (e->kind != EVENT_GRANT || !e->kind_key) continue;
        key = (uint32_t)d->subject_of[e->kind_key];
        break;
      case LIST_ANSWERS: {
        if (e->kind != EVENT_RESPONSE) continue;
        int32_t offer = offer_named(d, e);
        if (offer < 0) continue;
        key = (uint32_t)offer;
        break;
      }
      default: continue;
    }
    scratch[n++] = (Keyed){key, e->date, i};
  }
  qsort(scratch, n, sizeof *scratch, keyed_cmp);
  for (uint32_t i = 0; i < n; i++) {
    Range *r = list_of(d, list, scratch[i].key);
    if (r->count == 0) r->first = *used + i;
    r->count++;
    const DEvent *e = &d->events[scratch[i].event];
    uint32_t who = e->kind == EVENT_RESPONSE || e->kind == EVENT_USE ? e->party : e->counterparty;
    d->order[*used + i] =
        (Entry){scratch[i].date, scratch[i].event, who, e->kind == EVENT_OFFER ? e->subject : 0};
  }
  *used += n;
  return PACT_OK;
}

static bool normalized_eq(Str subject, Str id) {
  if (subject.len != id.len) return false;
  for (uint32_t i = 0; i < id.len; i++) {
    char a = subject.ptr[i] == '_' ? '-' : subject.ptr[i];
    if (a != id.ptr[i]) return false;
  }
  return true;
}

/* When the milestones of a term end it: the earliest record by a party that may declare the
** milestone on the record's date (rights.h: the one rule for import --as, settle, decide and
** audit); the earliest record by anyone else, to say it was ignored. */
static Ending ending_of(const Decider *d, const RefList *until) {
  Ending end = {0};
  for (uint32_t u = 0; u < until->count; u++) {
    Str id = until->items[u].name;
    if (!end.milestone.len) end.milestone = id;
    for (uint32_t i = 0; i < d->milestone_count; i++) {
      const DEvent *e = &d->events[d->milestones[i]];
      if (!normalized_eq(sym(d, e->subject), id)) continue;
      if (d->milestone_may[i]) {
        if (!end.ends || e->date < end.day) {
          end.ends = true;
          end.day = e->date;
          end.event = d->milestones[i];
          end.milestone = id;
        }
        break; /* by date: the first allowed record is the earliest */
      }
      if (!end.ignored) {
        end.ignored = true;
        end.ignored_event = d->milestones[i];
      }
    }
  }
  return end;
}

static PactStatus plan_versions(Decider *d) {
  const Agreement *ag = d->ag;
  if (!ag->history_ok) return PACT_OK;
  d->plans = arena_alloc(&d->arena, (ag->history_count + 1) * sizeof *d->plans);
  if (!d->plans) return PACT_ERR_NOMEM;
  for (uint32_t h = 0; h < ag->history_count; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    if (!v->has_effective) continue;
    VersionPlan *p = &d->plans[d->plan_count++];
    p->version = v;
    p->effective = v->effective;
    p->clouds = arena_alloc(&d->arena, (v->term_count + 1) * sizeof *p->clouds);
    p->licences = arena_alloc(&d->arena, (v->term_count + 1) * sizeof *p->licences);
    if (!p->clouds || !p->licences) return PACT_ERR_NOMEM;
    for (uint32_t i = 0; i < v->term_count; i++) {
      const Clause *c = v->terms[i];
      if (c->kind != CLAUSE_CLOUD && c->kind != CLAUSE_LICENCE) continue;
      Plan *plan =
          c->kind == CLAUSE_CLOUD ? &p->clouds[p->cloud_count++] : &p->licences[p->licence_count++];
      plan->clause = c;
      plan->start = c->term.has_from ? c->term.from : ag->versions[c->version].effective;
      plan->end = ending_of(d, &c->term.until);
      if (c->kind == CLAUSE_CLOUD)
        plan->provider = lookup(d, c->u.cloud.provider.name.ptr, c->u.cloud.provider.name.len);
      if (c->kind == CLAUSE_LICENCE)
        plan->exclusivity = ending_of(d, &c->u.licence.exclusivity.until);
    }
  }
  return PACT_OK;
}

static const Plan *breaches_of(const Decider *d, const DEvent *g);
static uint32_t at(const Decider *d, Range r, uint32_t i);

PactStatus decide_finish(Decider *d) {
  names_report(d->names_check, d->diags);
  uint32_t n = d->event_count;
  /* An event is in at most two lists (a grant: its subject's and its kind's). */
  d->order = mem_malloc(((size_t)n * 2 + 1) * sizeof *d->order);
  d->event_of_id = mem_malloc((size_t)d->refs.count * sizeof *d->event_of_id);
  d->product_of = mem_malloc((size_t)d->names.count * sizeof *d->product_of);
  d->subject_of = mem_malloc((size_t)d->names.count * sizeof *d->subject_of);
  d->answers = mem_calloc((size_t)n + 1, sizeof *d->answers);
  d->milestones = mem_malloc(((size_t)n + 1) * sizeof *d->milestones);
  d->milestone_may = mem_malloc(((size_t)n + 1) * sizeof *d->milestone_may);
  Keyed *scratch = mem_malloc(((size_t)n + 1) * sizeof *scratch);
  if (!d->order || !d->event_of_id || !d->product_of || !d->subject_of || !d->answers ||
      !d->milestones || !d->milestone_may || !scratch) {
    free(scratch);
    return PACT_ERR_NOMEM;
  }
  memset(d->event_of_id, 0xff, (size_t)d->refs.count * sizeof *d->event_of_id);
  memset(d->product_of, 0xff, (size_t)d->names.count * sizeof *d->product_of);
  memset(d->subject_of, 0xff, (size_t)d->names.count * sizeof *d->subject_of);
  for (uint32_t i = 0; i < n; i++) {
    const DEvent *e = &d->events[i];
    uint32_t g;
    if (d->refs.count > 1) { /* the events that a ref names */
      Str id = id_sym(d, e->id);
      uint32_t r = id.len ? slot_of(&d->refs, id.ptr, id.len, hash_text(id.ptr, id.len))->sym : 0;
      if (r && d->event_of_id[r] < 0) d->event_of_id[r] = (int32_t)i;
    }
    if (e->stream) group_of(d, d->product_of, e->stream, &d->product_count, &g);
    if (e->kind == EVENT_GRANT || e->kind == EVENT_USE) {
      if (e->subject) group_of(d, d->subject_of, e->subject, &d->subject_count, &g);
      if (e->kind_key) group_of(d, d->subject_of, e->kind_key, &d->subject_count, &g);
    }
    if (e->kind == EVENT_MILESTONE) scratch[d->milestone_count++] = (Keyed){0, e->date, i};
  }
  qsort(scratch, d->milestone_count, sizeof *scratch, keyed_cmp);
  for (uint32_t i = 0; i < d->milestone_count; i++) {
    const DEvent *e = &d->events[d->milestones[i] = scratch[i].event];
    Str subject = sym(d, e->subject), party = sym(d, e->party);
    char why[2];
    d->milestone_may[i] = rights_may_declare(d->ag, subject.ptr, subject.len, party.ptr, party.len,
                                             e->date, why, sizeof why);
  }
  d->products = mem_calloc((size_t)d->product_count + 1, sizeof *d->products);
  d->subjects = mem_calloc((size_t)d->subject_count + 1, sizeof *d->subjects);
  if (!d->products || !d->subjects) {
    free(scratch);
    return PACT_ERR_NOMEM;
  }
  uint32_t used = 0;
  for (int list = 0; list < LIST_COUNT; list++) build_list(d, (ListKind)list, scratch, &used);
  /* A response must answer an offer: say so once, where it is (in the order the events came,
  ** or by date when they came by id). */
  uint32_t orphans = 0;
  for (uint32_t i = 0; i < n; i++) {
    const DEvent *e = &d->events[i];
    if (e->kind == EVENT_RESPONSE && offer_named(d, e) < 0)
      scratch[orphans++] = (Keyed){0, e->date, i};
  }
  if (d->warn_by_date) qsort(scratch, orphans, sizeof *scratch, keyed_cmp);
  for (uint32_t k = 0; k < orphans; k++) {
    const DEvent *e = &d->events[scratch[k].event];
    Str id = id_sym(d, e->id), ref = ref_sym(d, e->ref);
    int32_t target = d->event_of_id[e->ref];
    if (target < 0)
      diag_add_line(d->diags, DIAG_WARNING, "W1301", sym(d, e->file).ptr, e->line,
                    "a response names in ref the offer it answers",
                    "response '%s' answers '%s', which no event is; ignored", id.ptr, ref.ptr);
    else
      diag_add_line(d->diags, DIAG_WARNING, "W1301", sym(d, e->file).ptr, e->line,
                    "a response names in ref the offer it answers",
                    "response '%s' answers '%s', a %s event, not an offer; ignored", id.ptr,
                    ref.ptr, event_kind_name((EventKind)d->events[target].kind));
  }
  free(scratch);
  PactStatus status = plan_versions(d);
  if (status != PACT_OK) return status;
  d->breach = mem_calloc((size_t)n + 1, sizeof *d->breach);
  if (!d->breach) return PACT_ERR_NOMEM;
  for (uint32_t i = 0; i < n; i++)
    if (d->events[i].kind == EVENT_GRANT) d->breach[i] = breaches_of(d, &d->events[i]);
  for (uint32_t p = 0; p < d->product_count; p++) {
    /* The owner: the party of its first offer, or of its first launch when that came before. */
    Product *pr = &d->products[p];
    PactDate first = 0;
    bool found = false;
    if (pr->offers.count) {
      const DEvent *e = &d->events[at(d, pr->offers, 0)];
      pr->owner = e->party, first = e->date, found = true;
    }
    if (pr->launches.count) {
      const DEvent *e = &d->events[at(d, pr->launches, 0)];
      if (!found || e->date < first) pr->owner = e->party;
    }
  }
  for (uint32_t i = 0; i < used; i++)
    if (d->events[d->order[i].event].kind == EVENT_GRANT)
      d->order[i].aux = d->breach[d->order[i].event] != NULL;
  d->finished = true;
  return PACT_OK;
}

/* ------------------------------------------------------------------------------------------
** Answers: texts built in fixed buffers, cut rather than overrun.
*/

typedef struct Buf {
  char *p;
  size_t len, cap;
} Buf;

static Buf buf_on(char *p, size_t cap) {
  p[0] = '\0';
  return (Buf){p, 0, cap};
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

static void b_mem(Buf *b, const char *s, size_t n) {
  if (n > b->cap - 1 - b->len) n = b->cap - 1 - b->len;
  if (n) copy_short(b->p + b->len, s, n); /* an absent text may have no pointer */
  b->len += n;
  b->p[b->len] = '\0';
}

static void b_str(Buf *b, const char *s) { b_mem(b, s, strlen(s)); }
static void b_sym(Buf *b, Str s) { b_mem(b, s.ptr, s.len); }
static void b_text(Buf *b, EventText t) { b_mem(b, t.ptr, t.len); }

static void b_date(Buf *b, PactDate date) {
  char text[11];
  pact_date_format(date, text);
  b_mem(b, text, 10);
}

static void b_uint(Buf *b, uint32_t n) {
  char text[12];
  int i = 11;
  text[i] = '\0';
  do {
    text[--i] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  b_str(b, text + i);
}

/* 'id', the way a reason names an event. */
static void b_event(Buf *b, const Decider *d, uint32_t e) {
  b_str(b, "'");
  b_sym(b, id_sym(d, d->events[e].id));
  b_str(b, "'");
}

static void b_list(Buf *b, const StrList *list, const char *sep) {
  for (uint32_t i = 0; i < list->count; i++) {
    if (i) b_str(b, sep);
    b_sym(b, list->items[i]);
  }
}

/* A scope or carve-out list in words: api-products -> API products. */
static void b_words(Buf *b, const StrList *list) {
  for (uint32_t i = 0; i < list->count; i++) {
    if (i) b_str(b, i + 1 == list->count ? " and " : ", ");
    Str w = list->items[i];
    for (uint32_t k = 0; k < w.len; k++) {
      if (w.len - k >= 3 && memcmp(w.ptr + k, "api", 3) == 0 && (k == 0 || w.ptr[k - 1] == '-') &&
          (w.len - k == 3 || w.ptr[k + 3] == '-')) {
        b_str(b, "API");
        k += 2;
      } else {
        /* non-api-products: "non-API products" */
        bool keep = w.ptr[k] == '-' && k == 3 && memcmp(w.ptr, "non", 3) == 0;
        b_mem(b, w.ptr[k] == '-' && !keep ? " " : &w.ptr[k], 1);
      }
    }
  }
}

static void relies_on(DecideAnswer *a, uint32_t event) {
  for (uint32_t i = 0; i < a->event_count; i++)
    if (a->events[i] == event) return;
  if (a->event_count < DECIDE_EVENTS_MAX) a->events[a->event_count++] = event;
}

static bool text_is(EventText t, Str s) {
  return t.len == s.len && (s.len == 0 || memcmp(t.ptr, s.ptr, s.len) == 0);
}
static bool str_is(Str a, const char *s) { return str_eq_cstr(a, s); }

/* How many events of a range (sorted by date) are dated on or before the day. */
static uint32_t upto(const Decider *d, Range r, PactDate on) {
  uint32_t lo = 0, hi = r.count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (d->order[r.first + mid].date <= on) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static uint32_t at(const Decider *d, Range r, uint32_t i) { return d->order[r.first + i].event; }

static const VersionPlan *plan_on(const Decider *d, PactDate on) {
  uint32_t lo = 0, hi = d->plan_count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (d->plans[mid].effective <= on) lo = mid + 1;
    else hi = mid;
  }
  return lo ? &d->plans[lo - 1] : NULL;
}

static bool ended_by(const Ending *end, PactDate on) { return end->ends && end->day <= on; }

/* In force on the day: its own dates, and no milestone recorded that ends it. */
static bool plan_in_force(const Plan *p, PactDate on) {
  return terms_clause_in_force(p->clause, on) && !ended_by(&p->end, on);
}

/* "; milestone 'x' recorded by 'y' on DAY ('m1') is ignored: only z may declare x on DAY, as V
** words it" (rights_may_declare's reason). */
static void note_ignored(const Decider *d, const Ending *end, PactDate on, DecideAnswer *a,
                         Buf *b) {
  if (!end->ignored || ended_by(end, on)) return;
  const DEvent *e = &d->events[end->ignored_event];
  if (e->date > on) return;
  relies_on(a, end->ignored_event);
  b_str(b, "; milestone '");
  b_sym(b, sym(d, e->subject));
  b_str(b, "' recorded by '");
  b_sym(b, sym(d, e->party));
  b_str(b, "' on ");
  b_date(b, e->date);
  b_str(b, " (");
  b_event(b, d, end->ignored_event);
  b_str(b, ") is ignored: ");
  Str subject = sym(d, e->subject), party = sym(d, e->party);
  char why[300];
  if (!rights_may_declare(d->ag, subject.ptr, subject.len, party.ptr, party.len, e->date, why,
                          sizeof why))
    b_str(b, why);
}

/* ------------------------------------------------------------------------------------------
** Launch: the cloud clauses.
*/

enum { TAGS_MAX = 32 };

typedef struct Launch {
  const Decider *d;
  const DecideQuery *q;
  const VersionPlan *vp;
  const Product *product; /* NULL: no event names it */
  uint32_t offers_upto, launches_upto;
  Str tags[TAGS_MAX];
  uint32_t tag_count;
  bool api;
  uint32_t owner; /* the party of its first offer or launch, or 0 */
} Launch;

static void add_tags(Launch *l, const char *p, uint32_t len) {
  uint32_t i = 0;
  while (i < len) {
    while (i < len && (p[i] == ' ' || p[i] == ',' || p[i] == '+' || p[i] == ';')) i++;
    uint32_t start = i;
    while (i < len && p[i] != ' ' && p[i] != ',' && p[i] != '+' && p[i] != ';') i++;
    if (i > start && l->tag_count < TAGS_MAX) l->tags[l->tag_count++] = (Str){p + start, i - start};
  }
}

static bool has_tag(const Launch *l, const char *word) {
  for (uint32_t i = 0; i < l->tag_count; i++)
    if (str_is(l->tags[i], word)) return true;
  return false;
}

static bool has_tag_str(const Launch *l, Str word) {
  for (uint32_t i = 0; i < l->tag_count; i++)
    if (str_eq(l->tags[i], word)) return true;
  return false;
}

/* Launched (anywhere) before a day. */
static bool launched_before(const Launch *l, PactDate day) {
  return l->product && l->product->launches.count &&
         l->d->events[at(l->d, l->product->launches, 0)].date < day;
}

static bool scope_word(const Launch *l, const Plan *p, Str w) {
  if (str_is(w, "all-workloads") || str_is(w, "products") || str_is(w, "new-capacity")) return true;
  if (str_is(w, "new-products")) return !launched_before(l, p->start);
  if (str_is(w, "api-products")) return l->api;
  if (str_is(w, "non-api-products")) return !l->api;
  return has_tag_str(l, w);
}

static bool carve_word(const Launch *l, Str w) {
  if (str_is(w, "api-products")) return l->api;
  if (str_is(w, "non-api-products")) return !l->api;
  return has_tag_str(l, w);
}

static bool in_scope(const Launch *l, const Plan *p) {
  const StrList *scope = &p->clause->u.cloud.scope;
  if (!scope->count) return true;
  for (uint32_t i = 0; i < scope->count; i++)
    if (scope_word(l, p, scope->items[i])) return true;
  return false;
}

/* The carve-out that takes the product out of the clause, or NULL. */
static const Str *carved(const Launch *l, const Plan *p) {
  const StrList *out = &p->clause->u.cloud.carve_outs;
  for (uint32_t i = 0; i < out->count; i++)
    if (carve_word(l, out->items[i])) return &out->items[i];
  return NULL;
}

static void b_product(Buf *b, const Launch *l) {
  b_str(b, "'");
  b_text(b, l->q->product);
  b_str(b, "'");
}

/* "unable or unwilling" */
static void b_exceptions(Buf *b, const CloudTerm *t) {
  if (!t->exception_count) {
    b_str(b, "no answer lets it go elsewhere");
    return;
  }
  b_str(b, "it may go elsewhere only if ");
  for (uint32_t i = 0; i < t->exception_count; i++) {
    if (i) b_str(b, i + 1 == t->exception_count ? " or " : ", ");
    if (i == 0 || !str_eq(t->exceptions[i].party.name, t->exceptions[i - 1].party.name)) {
      b_sym(b, t->exceptions[i].party.name);
      b_str(b, " is ");
    }
    b_str(b, answer_name(t->exceptions[i].answer));
  }
}

static bool yields_to(const CloudTerm *t, Str party, Answer answer) {
  for (uint32_t i = 0; i < t->exception_count; i++)
    if (t->exceptions[i].answer == answer && str_eq(t->exceptions[i].party.name, party))
      return true;
  return false;
}

/* The offers of first refusal and primary clauses: the latest offer counts. */
static void decide_offer(const Launch *l, const Plan *p, DecideAnswer *a, Buf *b) {
  const Decider *d = l->d;
  const CloudTerm *t = &p->clause->u.cloud;
  Str provider = t->provider.name, customer = t->customer.name;
  bool primary = t->mode == MODE_PRIMARY;
  int32_t offer = -1;
  for (uint32_t i = l->offers_upto; i-- > 0 && l->product && p->provider;) {
    const Entry *entry = &d->order[l->product->offers.first + i];
    if (entry->who != p->provider) continue;
    uint32_t e = entry->event;
    const DEvent *o = &d->events[e];
    if (str_eq(sym(d, o->party), customer)) {
      offer = (int32_t)e;
      break;
    }
  }
  b_sym(b, p->clause->id);
  b_str(b, primary ? " makes " : " gives ");
  b_sym(b, provider);
  b_str(b, primary ? " the primary cloud for " : " a right of first refusal on ");
  b_words(b, &t->scope);
  b_str(b, primary ? ": a new product launches first on " : ": each need is offered to ");
  b_sym(b, provider);
  b_str(b, "; ");
  b_exceptions(b, t);
  b_str(b, ". ");
  if (offer < 0) {
    a->decision = DECISION_NOT_PERMITTED;
    b_product(b, l);
    b_str(b, " has not been offered to ");
    b_sym(b, provider);
    b_str(b, " by ");
    b_date(b, l->q->on);
    b_str(b, ", so it may not ");
    b_str(b, primary ? "launch first on " : "go to ");
    b_text(b, l->q->provider);
    return;
  }
  const DEvent *o = &d->events[offer];
  relies_on(a, (uint32_t)offer);
  PactDate deadline = o->date + (t->has_window ? t->window_days : 0);
  b_str(b, "Offered to ");
  b_sym(b, provider);
  b_str(b, " on ");
  b_date(b, o->date);
  b_str(b, " (");
  b_event(b, d, (uint32_t)offer);
  b_str(b, ")");
  if (t->has_window) {
    b_str(b, ", to answer within ");
    b_uint(b, (uint32_t)t->window_days);
    b_str(b, " days, by ");
    b_date(b, deadline);
  }
  /* The first answer in time by the provider offered to counts. */
  Range answers = d->answers[offer];
  int32_t answer = -1, wrong = -1, late = -1;
  for (uint32_t i = 0, n = upto(d, answers, l->q->on); i < n; i++) {
    uint32_t e = at(d, answers, i);
    const DEvent *r = &d->events[e];
    if (r->party != o->counterparty) {
      if (wrong < 0) wrong = (int32_t)e;
      continue;
    }
    if (t->has_window && r->date > deadline && t->silence_waives) {
      if (late < 0) late = (int32_t)e;
      continue;
    }
    answer = (int32_t)e;
    break;
  }
  char exception[DECIDE_EXCEPTION_MAX];
  Buf x = buf_on(exception, sizeof exception);
  if (answer >= 0) {
    const DEvent *r = &d->events[answer];
    relies_on(a, (uint32_t)answer);
    Answer said = (Answer)r->answer;
    b_str(b, "; ");
    b_sym(b, provider);
    b_str(b, " answered ");
    b_str(b, answer_name(said));
    b_str(b, " on ");
    b_date(b, r->date);
    b_str(b, " (");
    b_event(b, d, (uint32_t)answer);
    b_str(b, t->has_window && r->date > deadline ? ", after the window: late, but " : "");
    b_str(b, t->has_window && r->date > deadline
                 ? "these terms do not say silence waives, so it counts)"
                 : ")");
    if (said == ANSWER_ACCEPT) {
      a->decision = DECISION_NOT_PERMITTED;
      b_str(b, ": ");
      b_product(b, l);
      b_str(b, primary ? " must launch first on " : " goes to ");
      b_sym(b, provider);
      b_str(b, ", not ");
      b_text(b, l->q->provider);
    } else if (yields_to(t, provider, said)) {
      a->decision = DECISION_PERMITTED;
      b_sym(&x, provider);
      b_str(&x, " ");
      b_str(&x, answer_name(said));
      b_str(b, ": the exception applies, so ");
      b_product(b, l);
      b_str(b, " may ");
      b_str(b, primary ? "launch on " : "go to ");
      b_text(b, l->q->provider);
    } else {
      a->decision = DECISION_NOT_PERMITTED;
      b_str(b, ", but ");
      b_sym(b, p->clause->id);
      b_str(b, " yields to no such answer, so ");
      b_product(b, l);
      b_str(b, " may not ");
      b_str(b, primary ? "launch first on " : "go to ");
      b_text(b, l->q->provider);
    }
  } else if (t->has_window && l->q->on > deadline) {
    b_str(b, "; no answer came within the window");
    if (t->silence_waives) {
      a->decision = DECISION_PERMITTED;
      b_str(&x, "silence waives");
      b_str(b, ", and silence waives: ");
      b_product(b, l);
      b_str(b, " may ");
      b_str(b, primary ? "launch on " : "go to ");
      b_text(b, l->q->provider);
    } else {
      a->decision = DECISION_NOT_PERMITTED;
      b_str(b, ", and these terms do not say that silence waives: ");
      b_product(b, l);
      b_str(b, " may not ");
      b_str(b, primary ? "launch first on " : "go to ");
      b_text(b, l->q->provider);
    }
  } else {
    a->decision = DECISION_PENDING;
    a->has_deadline = t->has_window;
    a->deadline = deadline;
    b_str(b, "; no answer yet");
    b_str(b,
          t->has_window ? ": until the window closes " : " (these terms set no time to answer): ");
    b_product(b, l);
    b_str(b, " may not ");
    b_str(b, primary ? "launch first on " : "go to ");
    b_text(b, l->q->provider);
  }
  memcpy(a->exception, exception, sizeof exception);
  if (wrong >= 0) {
    const DEvent *r = &d->events[wrong];
    relies_on(a, (uint32_t)wrong);
    b_str(b, "; response ");
    b_event(b, d, (uint32_t)wrong);
    b_str(b, " is by '");
    b_sym(b, sym(d, r->party));
    b_str(b, "', not by ");
    b_sym(b, provider);
    b_str(b, ", to whom the offer was made: ignored");
  }
  if (late >= 0) {
    const DEvent *r = &d->events[late];
    relies_on(a, (uint32_t)late);
    b_str(b, "; response ");
    b_event(b, d, (uint32_t)late);
    b_str(b, " (");
    b_str(b, answer_name((Answer)r->answer));
    b_str(b, ", ");
    b_date(b, r->date);
    b_str(b, ") came after the window closed on ");
    b_date(b, deadline);
    b_str(b, ": late, and silence had already waived the right, so it changes nothing");
  }
}

/* Responses for the product that answer no offer, named so that the user can mend them. */
static void note_orphans(const Launch *l, DecideAnswer *a, Buf *b) {
  if (!l->product) return;
  const Decider *d = l->d;
  Range r = l->product->orphans;
  for (uint32_t i = 0, n = upto(d, r, l->q->on); i < n; i++) {
    uint32_t e = at(d, r, i);
    relies_on(a, e);
    b_str(b, "; response ");
    b_event(b, d, e);
    b_str(b, " names '");
    b_sym(b, ref_sym(d, d->events[e].ref));
    b_str(b, "' in ref, which is no offer: ignored");
  }
}

/* One clause that governs the product: its verdict in a, its reason in b. */
static void decide_cloud(const Launch *l, const Plan *p, DecideAnswer *a, Buf *b) {
  const Decider *d = l->d;
  const CloudTerm *t = &p->clause->u.cloud;
  a->clause = p->clause;
  bool on_provider = text_is(l->q->provider, t->provider.name);
  if (t->mode == MODE_NONE) {
    a->decision = DECISION_PERMITTED;
    b_sym(b, p->clause->id);
    b_str(b, " sets no cloud for ");
    b_sym(b, t->customer.name);
    b_str(b, "'s ");
    b_words(b, &t->scope);
    b_str(b, ": ");
    b_product(b, l);
    b_str(b, " may launch on any cloud, ");
    b_text(b, l->q->provider);
    b_str(b, " included");
  } else if (on_provider) {
    a->decision = DECISION_PERMITTED;
    b_product(b, l);
    b_str(b, " launches on ");
    b_sym(b, t->provider.name);
    b_str(b, ", the provider ");
    b_sym(b, p->clause->id);
    b_str(b, t->mode == MODE_EXCLUSIVE ? " makes exclusive"
             : t->mode == MODE_PRIMARY ? " makes primary"
                                       : " gives the right of first refusal");
  } else if (t->mode == MODE_EXCLUSIVE) {
    a->decision = DECISION_NOT_PERMITTED;
    b_sym(b, p->clause->id);
    b_str(b, " makes ");
    b_sym(b, t->provider.name);
    b_str(b, " the exclusive cloud for ");
    b_sym(b, t->customer.name);
    b_str(b, "'s ");
    b_words(b, &t->scope);
    if (p->clause->term.until.count && !ended_by(&p->end, l->q->on)) {
      b_str(b, " until ");
      b_sym(b, p->end.milestone);
      b_str(b, p->end.ends ? " (recorded " : " is recorded");
      if (p->end.ends) {
        b_date(b, p->end.day);
        b_str(b, ")");
      }
    }
    b_str(b, ": ");
    b_product(b, l);
    b_str(b, " may launch only on ");
    b_sym(b, t->provider.name);
    b_str(b, ", not on ");
    b_text(b, l->q->provider);
  } else {
    int32_t first_on_provider = -1;
    if (t->mode == MODE_PRIMARY && l->product && p->provider) {
      for (uint32_t i = 0; i < l->launches_upto; i++) {
        const Entry *entry = &d->order[l->product->launches.first + i];
        if (entry->who == p->provider) {
          first_on_provider = (int32_t)entry->event;
          break;
        }
      }
    }
    if (first_on_provider >= 0) {
      a->decision = DECISION_PERMITTED;
      relies_on(a, (uint32_t)first_on_provider);
      b_product(b, l);
      b_str(b, " launched on ");
      b_sym(b, t->provider.name);
      b_str(b, " on ");
      b_date(b, d->events[first_on_provider].date);
      b_str(b, " (");
      b_event(b, d, (uint32_t)first_on_provider);
      b_str(b, "), as ");
      b_sym(b, p->clause->id);
      b_str(b, " asks of a new product: it may also be delivered on ");
      b_text(b, l->q->provider);
    } else {
      decide_offer(l, p, a, b);
    }
  }
  note_ignored(d, &p->end, l->q->on, a, b);
  note_orphans(l, a, b);
}

static int severity(Decision d) {
  return d == DECISION_NOT_PERMITTED ? 2 : d == DECISION_PENDING ? 1 : 0;
}

static bool is_party(const Agreement *ag, EventText t) {
  for (uint32_t i = 0; i < ag->party_count; i++)
    if (text_is(t, ag->parties[i].id)) return true;
  return false;
}

static void launch_query(const Decider *d, const DecideQuery *q, const VersionPlan *vp,
                         DecideAnswer *a) {
  Launch l = {.d = d, .q = q, .vp = vp};
  uint32_t s = lookup(d, q->product.ptr, q->product.len);
  if (s && d->product_of[s] >= 0) l.product = &d->products[d->product_of[s]];
  add_tags(&l, q->tags.ptr, q->tags.len);
  Str name = subject_kind((Str){q->product.ptr, q->product.len});
  if (name.len < q->product.len) add_tags(&l, name.ptr, name.len);
  if (l.product) {
    l.offers_upto = upto(d, l.product->offers, q->on);
    l.launches_upto = upto(d, l.product->launches, q->on);
    for (uint32_t i = 0; i < l.offers_upto && l.tag_count < TAGS_MAX; i++) {
      Str subject = sym(d, d->order[l.product->offers.first + i].aux);
      add_tags(&l, subject.ptr, subject.len);
    }
    l.owner = l.product->owner;
  }
  l.api = (has_tag(&l, "api") || has_tag(&l, "api-product") || has_tag(&l, "api-products")) &&
          !has_tag(&l, "non-api") && !has_tag(&l, "non-api-product") &&
          !has_tag(&l, "non-api-products");

  DecideAnswer tmp;
  bool governed = false;
  const Plan *ended = NULL, *outside = NULL, *carved_by = NULL;
  const Str *carve = NULL;
  for (uint32_t i = 0; i < vp->cloud_count; i++) {
    const Plan *p = &vp->clouds[i];
    const CloudTerm *t = &p->clause->u.cloud;
    if (!terms_clause_in_force(p->clause, q->on)) continue;
    if (l.owner && !str_eq(sym(d, l.owner), t->customer.name)) continue;
    if (ended_by(&p->end, q->on)) {
      if (!ended) ended = p;
      continue;
    }
    if (!in_scope(&l, p)) {
      if (!outside) outside = p;
      continue;
    }
    const Str *w = carved(&l, p);
    if (w) {
      if (!carved_by) carved_by = p, carve = w;
      continue;
    }
    DecideAnswer *into = governed ? &tmp : a;
    into->event_count = 0;
    into->exception[0] = '\0';
    into->has_deadline = false;
    Buf b = buf_on(into->reason, sizeof into->reason);
    decide_cloud(&l, p, into, &b);
    if (governed && severity(tmp.decision) > severity(a->decision)) {
      const Version *version = a->version;
      *a = tmp;
      a->kind = q->kind;
      a->version = version;
    }
    governed = true;
  }
  Buf b = {a->reason, strlen(a->reason), sizeof a->reason};
  if (!governed) {
    a->decision = DECISION_PERMITTED;
    b = buf_on(a->reason, sizeof a->reason);
    if (carved_by) {
      a->clause = carved_by->clause;
      Buf x = buf_on(a->exception, sizeof a->exception);
      b_str(&x, "carve-out ");
      b_sym(&x, *carve);
      b_product(&b, &l);
      b_str(&b, " is ");
      b_sym(&b, *carve);
      b_str(&b, ", which ");
      b_sym(&b, carved_by->clause->id);
      b_str(&b, " carves out of ");
      b_sym(&b, carved_by->clause->u.cloud.provider.name);
      b_str(&b, "'s ");
      CloudMode mode = carved_by->clause->u.cloud.mode;
      b_str(&b, mode == MODE_EXCLUSIVE       ? "exclusivity"
                : mode == MODE_FIRST_REFUSAL ? "right of first refusal"
                : mode == MODE_PRIMARY       ? "primacy"
                                             : "terms");
      b_str(&b, ": it may launch on ");
      b_text(&b, q->provider);
      note_ignored(d, &carved_by->end, q->on, a, &b);
    } else if (ended) {
      const DEvent *m = &d->events[ended->end.event];
      a->clause = ended->clause;
      relies_on(a, ended->end.event);
      b_sym(&b, ended->clause->id);
      b_str(&b, " ended when ");
      b_sym(&b, ended->end.milestone);
      b_str(&b, " was recorded on ");
      b_date(&b, m->date);
      b_str(&b, " (");
      b_event(&b, d, ended->end.event);
      b_str(&b, "), and no other cloud clause governs ");
      b_product(&b, &l);
      b_str(&b, ": it may launch on ");
      b_text(&b, q->provider);
    } else if (outside) {
      const CloudTerm *t = &outside->clause->u.cloud;
      a->clause = outside->clause;
      b_sym(&b, outside->clause->id);
      b_str(&b, " governs only ");
      b_words(&b, &t->scope);
      b_str(&b, ", and ");
      b_product(&b, &l);
      bool is_new_only = t->scope.count == 1 && str_is(t->scope.items[0], "new-products");
      if (is_new_only && launched_before(&l, outside->start)) {
        uint32_t e = at(d, l.product->launches, 0);
        relies_on(a, e);
        b_str(&b, " launched on ");
        b_date(&b, d->events[e].date);
        b_str(&b, " (");
        b_event(&b, d, e);
        b_str(&b, "), before these terms began on ");
        b_date(&b, outside->start);
        b_str(&b, ": it is no new product");
      } else {
        b_str(&b, l.api ? " is an API product" : " is not one of them");
      }
      b_str(&b, "; it may launch on ");
      b_text(&b, q->provider);
    } else {
      b_str(&b, "no cloud clause of these terms governs ");
      b_product(&b, &l);
      b_str(&b, ": it may launch on ");
      b_text(&b, q->provider);
    }
  }
  if (!l.product) {
    b_str(&b, "; no event names product ");
    b_product(&b, &l);
  }
  if (!is_party(d->ag, q->provider) && !lookup(d, q->provider.ptr, q->provider.len)) {
    b_str(&b, "; no event names provider '");
    b_text(&b, q->provider);
    b_str(&b, "' and it is no party: read as a cloud outside the agreement");
  }
}

/* ------------------------------------------------------------------------------------------
** Use: the licence clauses and the grants.
*/

/* "models" and "model" name one kind. */
static bool kind_eq(Str a, Str b) {
  if (a.len == b.len) return memcmp(a.ptr, b.ptr, a.len) == 0;
  if (a.len == b.len + 1 && a.ptr[a.len - 1] == 's') return memcmp(a.ptr, b.ptr, b.len) == 0;
  if (b.len == a.len + 1 && b.ptr[b.len - 1] == 's') return memcmp(a.ptr, b.ptr, a.len) == 0;
  return false;
}

static bool has_qualifier(Str s) { return subject_kind(s).len < s.len; }

/* A word of covers or excludes (models, model:gpt-6) over a subject (model:gpt-6, models). */
static bool word_covers(Str word, Str subject) {
  if (str_eq(word, subject)) return true;
  if (has_qualifier(word)) return false;
  return kind_eq(word, subject_kind(subject));
}

static const Str *list_covers(const StrList *list, Str subject) {
  for (uint32_t i = 0; i < list->count; i++)
    if (word_covers(list->items[i], subject)) return &list->items[i];
  return NULL;
}

static bool plan_covers(const Plan *p, Str subject) {
  const LicenceTerm *t = &p->clause->u.licence;
  return list_covers(&t->covers, subject) && !list_covers(&t->excludes, subject);
}

static bool exclusive_on(const Plan *p, PactDate on) {
  const LicenceTerm *t = &p->clause->u.licence;
  if (!t->exclusive) return false;
  if (t->exclusivity.has_through && on > t->exclusivity.through) return false;
  return !ended_by(&p->exclusivity, on);
}

/* The exclusive licence from licensor over subject, on the day, to someone else than holder. */
static const Plan *exclusive_against(const Decider *d, PactDate on, Str licensor, Str subject,
                                     Str holder, const VersionPlan **in) {
  const VersionPlan *vp = plan_on(d, on);
  if (in) *in = vp;
  if (!vp) return NULL;
  for (uint32_t i = 0; i < vp->licence_count; i++) {
    const Plan *p = &vp->licences[i];
    const LicenceTerm *t = &p->clause->u.licence;
    if (!plan_in_force(p, on) || !plan_covers(p, subject) || !exclusive_on(p, on)) continue;
    if (str_eq(t->licensor.name, licensor) && !str_eq(t->licensee.name, holder)) return p;
  }
  return NULL;
}

typedef struct UntilDay {
  bool has_day;
  PactDate day;  /* the last day */
  Str milestone; /* not yet recorded, and it may end it sooner */
} UntilDay;

static void until_merge(UntilDay *u, const Term *term, const Ending *end, PactDate on) {
  if (term->has_through && (!u->has_day || term->through < u->day)) {
    u->has_day = true;
    u->day = term->through;
  }
  if (end->ends && end->day > on) {
    if (!u->has_day || end->day - 1 < u->day) {
      u->has_day = true;
      u->day = end->day - 1;
    }
  } else if (!end->ends && end->milestone.len && !u->milestone.len) {
    u->milestone = end->milestone;
  }
}

static void b_until(Buf *b, UntilDay u) {
  if (u.has_day) {
    b_str(b, " through ");
    b_date(b, u.day);
    if (u.milestone.len) {
      b_str(b, ", or until ");
      b_sym(b, u.milestone);
      b_str(b, " is recorded if that comes first");
    }
  } else if (u.milestone.len) {
    b_str(b, " until ");
    b_sym(b, u.milestone);
    b_str(b, " is recorded");
  }
}

/* Grants over the subject: its own, its kind's whole (model, models) or, for a whole kind,
** every grant of the kind. Calls back until it returns false. */
typedef bool (*GrantVisit)(void *context, const Entry *grant);

static void each_grant(const Decider *d, Str subject, uint32_t subject_sym, PactDate on,
                       GrantVisit visit, void *context) {
  Str kind = subject_kind(subject);
  uint32_t keys[3] = {subject_sym, 0, 0};
  Range ranges[3];
  uint32_t n = 0;
  if (!has_qualifier(subject)) {
    /* A whole kind: every grant of it, the kind's words included. */
    if (keys[0] && d->subject_of[keys[0]] >= 0)
      ranges[n++] = d->subjects[d->subject_of[keys[0]]].kind_grants;
    if (kind.len > 1 && kind.ptr[kind.len - 1] == 's') {
      uint32_t k = lookup(d, kind.ptr, kind.len - 1);
      if (k && d->subject_of[k] >= 0) ranges[n++] = d->subjects[d->subject_of[k]].kind_grants;
    }
  } else {
    if (keys[0] && d->subject_of[keys[0]] >= 0)
      ranges[n++] = d->subjects[d->subject_of[keys[0]]].grants;
    char plural[256];
    uint32_t k1 = lookup(d, kind.ptr, kind.len), k2 = 0;
    if (kind.len + 1 < sizeof plural) {
      memcpy(plural, kind.ptr, kind.len);
      plural[kind.len] = 's';
      k2 = lookup(d, plural, kind.len + 1);
    }
    if (k1 && d->subject_of[k1] >= 0) ranges[n++] = d->subjects[d->subject_of[k1]].grants;
    if (k2 && d->subject_of[k2] >= 0) ranges[n++] = d->subjects[d->subject_of[k2]].grants;
  }
  /* Newest first, over each list. */
  for (uint32_t r = 0; r < n; r++)
    for (uint32_t i = upto(d, ranges[r], on); i-- > 0;)
      if (!visit(context, &d->order[ranges[r].first + i])) return;
}

typedef struct GrantSearch {
  const Decider *d;
  Str subject, licensee;
  uint32_t licensee_sym; /* 0: no event names the licensee */
  PactDate on;
  int32_t found; /* the newest grant to the licensee, in force */
  /* Breaches: grants by licensor to others while an exclusive licence to licensee held. */
  Str licensor;
  uint32_t breaches[3];
  uint32_t breach_count, breach_more;
  bool want_breaches;
} GrantSearch;

/* Worked out once per grant by decide_finish (breaches_of); read from there by questions. */
static const Plan *breaches_of(const Decider *d, const DEvent *g) {
  return exclusive_against(d, g->date, sym(d, g->party), sym(d, g->subject),
                           sym(d, g->counterparty), NULL);
}

static bool grant_breaches(const Decider *d, const DEvent *g, const Plan **by,
                           const VersionPlan **in) {
  *by = d->breach ? d->breach[g - d->events] : breaches_of(d, g);
  if (*by) *in = plan_on(d, g->date);
  return *by != NULL;
}

/* each_grant gives only grants whose subject overlaps: the checks here are on symbols and the
** breaches worked out beforehand, so that most grants are passed over without reading them. */
static bool find_grant(void *context, const Entry *entry) {
  GrantSearch *s = context;
  uint32_t e = entry->event;
  if (s->want_breaches) {
    if (entry->who == s->licensee_sym || !entry->aux) return true;
    const Plan *by = s->d->breach[e];
    if (!by || !str_eq(by->clause->u.licence.licensee.name, s->licensee) ||
        !str_eq(by->clause->u.licence.licensor.name, s->licensor))
      return true;
    if (s->breach_count < 3) s->breaches[s->breach_count++] = e;
    else s->breach_more++;
    return true;
  }
  if (!s->licensee_sym || entry->who != s->licensee_sym) return true;
  const DEvent *g = &s->d->events[e];
  if (g->has_end && g->end < s->on) return true;
  if (s->found < 0 || g->date > s->d->events[s->found].date) s->found = (int32_t)e;
  return true;
}

static void b_subject(Buf *b, const DecideQuery *q) {
  b_str(b, "'");
  b_text(b, q->subject);
  b_str(b, "'");
}

static void b_licence(Buf *b, const Plan *p) {
  const LicenceTerm *t = &p->clause->u.licence;
  b_sym(b, p->clause->id);
  b_str(b, ": ");
  b_sym(b, t->licensor.name);
  b_str(b, " licenses ");
  b_list(b, &t->covers, ", ");
  if (t->excludes.count) {
    b_str(b, " (not ");
    b_list(b, &t->excludes, ", ");
    b_str(b, ")");
  }
  b_str(b, " to ");
  b_sym(b, t->licensee.name);
}

/* The newest use of the subject by the licensee (a symbol), on or before the day, or -1. */
static int32_t last_use(const Decider *d, uint32_t subject, uint32_t licensee, PactDate on) {
  if (!subject || !licensee || d->subject_of[subject] < 0) return -1;
  Range r = d->subjects[d->subject_of[subject]].uses;
  for (uint32_t i = upto(d, r, on); i-- > 0;)
    if (d->order[r.first + i].who == licensee) return (int32_t)d->order[r.first + i].event;
  return -1;
}

static void use_query(const Decider *d, const DecideQuery *q, const VersionPlan *vp,
                      DecideAnswer *a) {
  Str subject = {q->subject.ptr, q->subject.len}, licensee = {q->licensee.ptr, q->licensee.len};
  const Plan *held = NULL, *owned = NULL, *excl = NULL, *covering = NULL, *ended = NULL,
             *excluded = NULL;
  const Str *excluded_word = NULL;
  for (uint32_t i = 0; i < vp->licence_count; i++) {
    const Plan *p = &vp->licences[i];
    const LicenceTerm *t = &p->clause->u.licence;
    if (!terms_clause_in_force(p->clause, q->on)) continue;
    const Str *out = list_covers(&t->excludes, subject);
    if (out) {
      if (!excluded && str_eq(t->licensee.name, licensee)) excluded = p, excluded_word = out;
      continue;
    }
    if (!list_covers(&t->covers, subject)) continue;
    if (ended_by(&p->end, q->on)) {
      if (!ended && str_eq(t->licensee.name, licensee)) ended = p;
      continue;
    }
    if (!covering) covering = p;
    if (!held && str_eq(t->licensee.name, licensee)) held = p;
    if (!owned && str_eq(t->licensor.name, licensee)) owned = p;
    if (!excl && !str_eq(t->licensee.name, licensee) && exclusive_on(p, q->on)) excl = p;
  }
  Buf b = buf_on(a->reason, sizeof a->reason);
  Buf u = buf_on(a->until, sizeof a->until);
  if (held) {
    const LicenceTerm *t = &held->clause->u.licence;
    a->decision = DECISION_PERMITTED;
    a->clause = held->clause;
    a->exclusive = exclusive_on(held, q->on);
    UntilDay until = {0};
    until_merge(&until, &held->clause->term, &held->end, q->on);
    b_licence(&b, held);
    if (a->exclusive) {
      UntilDay x = until;
      until_merge(&x, &t->exclusivity, &held->exclusivity, q->on);
      b_str(&b, ", exclusively");
      b_until(&b, x);
      if (x.has_day != until.has_day || x.day != until.day ||
          x.milestone.len != until.milestone.len) {
        b_str(&b, "; the licence runs");
        b_until(&b, until);
      }
      until = x;
    } else {
      b_str(&b, t->exclusive ? ", no longer exclusively" : ", not exclusively");
      if (t->exclusive && held->exclusivity.ends) {
        relies_on(a, held->exclusivity.event);
        b_str(&b, " (exclusivity ended when ");
        b_sym(&b, held->exclusivity.milestone);
        b_str(&b, " was recorded on ");
        b_date(&b, held->exclusivity.day);
        b_str(&b, ", ");
        b_event(&b, d, held->exclusivity.event);
        b_str(&b, ")");
      }
      b_until(&b, until);
    }
    if (until.has_day) b_date(&u, until.day);
    else if (until.milestone.len) b_sym(&u, until.milestone);
    b_str(&b, ": ");
    b_text(&b, q->licensee);
    b_str(&b, " may use ");
    b_subject(&b, q);
    GrantSearch s = {.d = d,
                     .subject = subject,
                     .licensee = licensee,
                     .on = q->on,
                     .found = -1,
                     .licensor = t->licensor.name,
                     .want_breaches = true,
                     .licensee_sym = lookup(d, licensee.ptr, licensee.len)};
    each_grant(d, subject, lookup(d, subject.ptr, subject.len), q->on, find_grant, &s);
    for (uint32_t i = 0; i < s.breach_count; i++) {
      const DEvent *g = &d->events[s.breaches[i]];
      relies_on(a, s.breaches[i]);
      b_str(&b, "; ");
      b_sym(&b, sym(d, g->party));
      b_str(&b, "'s grant of '");
      b_sym(&b, sym(d, g->subject));
      b_str(&b, "' to ");
      b_sym(&b, sym(d, g->counterparty));
      b_str(&b, " on ");
      b_date(&b, g->date);
      b_str(&b, " (");
      b_event(&b, d, s.breaches[i]);
      b_str(&b, ") breaches that exclusivity");
    }
    if (s.breach_more) {
      b_str(&b, "; and ");
      b_uint(&b, s.breach_more);
      b_str(&b, " more grants breach it");
    }
    note_ignored(d, &held->exclusivity, q->on, a, &b);
    if (!held->exclusivity.ignored || !held->end.ignored ||
        held->exclusivity.ignored_event != held->end.ignored_event)
      note_ignored(d, &held->end, q->on, a, &b);
    return;
  }
  if (owned) {
    a->decision = DECISION_PERMITTED;
    a->clause = owned->clause;
    b_text(&b, q->licensee);
    b_str(&b, " is the licensor of ");
    b_subject(&b, q);
    b_str(&b, " under ");
    b_licence(&b, owned);
    b_str(&b, owned->clause->u.licence.exclusive ? ", exclusively" : "");
    return;
  }
  GrantSearch s = {.d = d,
                   .subject = subject,
                   .licensee = licensee,
                   .on = q->on,
                   .found = -1,
                   .licensee_sym = lookup(d, licensee.ptr, licensee.len)};
  uint32_t subject_sym = lookup(d, subject.ptr, subject.len);
  each_grant(d, subject, subject_sym, q->on, find_grant, &s);
  int32_t use = last_use(d, subject_sym, s.licensee_sym, q->on);
  if (s.found >= 0) {
    const DEvent *g = &d->events[s.found];
    relies_on(a, (uint32_t)s.found);
    const Plan *against = exclusive_against(d, q->on, sym(d, g->party), subject, licensee, NULL);
    if (against) {
      const LicenceTerm *t = &against->clause->u.licence;
      a->decision = DECISION_NOT_PERMITTED;
      a->clause = against->clause;
      b_licence(&b, against);
      b_str(&b, ", exclusively on ");
      b_date(&b, q->on);
      b_str(&b, "; ");
      b_sym(&b, sym(d, g->party));
      b_str(&b, "'s grant of '");
      b_sym(&b, sym(d, g->subject));
      b_str(&b, "' to ");
      b_text(&b, q->licensee);
      b_str(&b, " on ");
      b_date(&b, g->date);
      b_str(&b, " (");
      b_event(&b, d, (uint32_t)s.found);
      b_str(&b, ") breaches it, so ");
      b_text(&b, q->licensee);
      b_str(&b, " may not use ");
      b_subject(&b, q);
      note_ignored(d, &against->exclusivity, q->on, a, &b);
      (void)t;
    } else {
      a->decision = DECISION_PERMITTED;
      a->clause = covering ? covering->clause : NULL;
      if (g->has_end) b_date(&u, g->end);
      b_sym(&b, sym(d, g->party));
      b_str(&b, " granted ");
      b_text(&b, q->licensee);
      b_str(&b, " '");
      b_sym(&b, sym(d, g->subject));
      b_str(&b, "' on ");
      b_date(&b, g->date);
      b_str(&b, " (");
      b_event(&b, d, (uint32_t)s.found);
      b_str(&b, ")");
      if (g->has_end) {
        b_str(&b, " through ");
        b_date(&b, g->end);
      }
      if (covering) {
        b_str(&b, ", and ");
        b_licence(&b, covering);
        b_str(&b, " only non-exclusively, so ");
        b_sym(&b, covering->clause->u.licence.licensor.name);
        b_str(&b, " may license others");
      } else {
        b_str(&b, ", and no exclusive licence of these terms covers it");
      }
      const Plan *then;
      const VersionPlan *then_vp;
      if (grant_breaches(d, g, &then, &then_vp)) {
        b_str(&b, "; the grant breached ");
        b_sym(&b, then->clause->id);
        b_str(&b, " (");
        b_sym(&b, then_vp->version->name);
        b_str(&b, "), exclusive to ");
        b_sym(&b, then->clause->u.licence.licensee.name);
        b_str(&b, " when it was made");
      }
      b_str(&b, ": ");
      b_text(&b, q->licensee);
      b_str(&b, " may use ");
      b_subject(&b, q);
    }
  } else {
    a->decision = DECISION_NOT_PERMITTED;
    const Plan *cite = excl ? excl : covering ? covering : ended ? ended : excluded;
    a->clause = cite ? cite->clause : NULL;
    if (ended) {
      relies_on(a, ended->end.event);
      b_sym(&b, ended->clause->id);
      b_str(&b, ", the licence to ");
      b_text(&b, q->licensee);
      b_str(&b, ", ended when ");
      b_sym(&b, ended->end.milestone);
      b_str(&b, " was recorded on ");
      b_date(&b, ended->end.day);
      b_str(&b, " (");
      b_event(&b, d, ended->end.event);
      b_str(&b, "); ");
    } else if (excluded) {
      b_sym(&b, excluded->clause->id);
      b_str(&b, " licenses ");
      b_list(&b, &excluded->clause->u.licence.covers, ", ");
      b_str(&b, " to ");
      b_text(&b, q->licensee);
      b_str(&b, " but excludes ");
      b_sym(&b, *excluded_word);
      b_str(&b, "; ");
    }
    if (excl) {
      b_licence(&b, excl);
      b_str(&b, ", exclusively on ");
      b_date(&b, q->on);
      b_str(&b, "; ");
    } else if (covering && covering != ended) {
      b_licence(&b, covering);
      b_str(&b, "; ");
    } else if (!ended && !excluded) {
      b_str(&b, "no licence of these terms covers ");
      b_subject(&b, q);
      b_str(&b, "; ");
    }
    b_str(&b, "no licence or grant in force gives ");
    b_text(&b, q->licensee);
    b_str(&b, " ");
    b_subject(&b, q);
    b_str(&b, " on ");
    b_date(&b, q->on);
  }
  if (use >= 0) {
    relies_on(a, (uint32_t)use);
    b_str(&b, "; ");
    b_text(&b, q->licensee);
    b_str(&b, " used it on ");
    b_date(&b, d->events[use].date);
    b_str(&b, " (");
    b_event(&b, d, (uint32_t)use);
    b_str(&b, ")");
  }
}

PactStatus decide_query(const Decider *d, const DecideQuery *q, DecideAnswer *a) {
  a->kind = q->kind;
  a->decision = DECISION_NOT_PERMITTED;
  a->clause = NULL;
  a->version = NULL;
  a->exception[0] = '\0';
  a->has_deadline = false;
  a->exclusive = false;
  a->until[0] = '\0';
  a->reason[0] = '\0';
  a->event_count = 0;
  const VersionPlan *vp = d->finished ? plan_on(d, q->on) : NULL;
  if (!vp) {
    Buf b = buf_on(a->reason, sizeof a->reason);
    b_str(&b, "no version of the agreement is in force on ");
    b_date(&b, q->on);
    if (d->plan_count) {
      b_str(&b, "; its first version takes effect on ");
      b_date(&b, d->plans[0].effective);
    }
    return PACT_ERR_RANGE;
  }
  a->version = vp->version;
  if (q->kind == DECIDE_LAUNCH) launch_query(d, q, vp, a);
  else use_query(d, q, vp, a);
  return PACT_OK;
}

/* ------------------------------------------------------------------------------------------
** Writing answers: one JSON line per answer (a batch's answers are lines), by jsonw's compact
** writer into memory.
*/

void decide_text_free(DecideText *t) { json_text_free(t); }

static void t_mem(DecideText *t, const char *s, size_t n) { json_text_append(t, s, n); }
static void t_str(DecideText *t, const char *s) { t_mem(t, s, strlen(s)); }
/* Outside text (an event's fields, a file's name, what the query asked) for a text answer: as
** every text report shows it (text_show_char, diag.h), never raw to a terminal. */
static void t_shown(DecideText *t, const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    size_t run = i;
    while (run < n && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F) run++;
    if (run > i) t_mem(t, s + i, run - i);
    if (run == n) break;
    char shown[TEXT_SHOWN_CHAR_MAX];
    size_t used, k = text_show_char(shown, s + run, n - run, &used);
    t_mem(t, shown, k);
    i = run + used;
  }
}
static void t_shown_str(DecideText *t, const char *s) { t_shown(t, s, strlen(s)); }

static void t_date(DecideText *t, PactDate date) {
  char text[11];
  pact_date_format(date, text);
  t_mem(t, text, 10);
}

static void t_uint(DecideText *t, uint32_t n) {
  char text[12];
  Buf b = buf_on(text, sizeof text);
  b_uint(&b, n);
  t_mem(t, text, b.len);
}

static void w_sym(JsonWriter *w, Str s) { json_string(w, s.ptr, s.len); }

static void w_date(JsonWriter *w, PactDate date) {
  char text[11];
  pact_date_format(date, text);
  json_string(w, text, 10);
}

const char *decision_name(Decision decision) {
  switch (decision) {
    case DECISION_PERMITTED: return "permitted";
    case DECISION_NOT_PERMITTED: return "not_permitted";
    case DECISION_PENDING: return "pending";
  }
  return "not_permitted";
}

/* The answer's members, inside an object the caller opened. */
static void answer_members(const Decider *d, const DecideAnswer *a, JsonWriter *w) {
  json_key(w, "decision");
  json_cstring(w, decision_name(a->decision));
  if (a->kind == DECIDE_USE) {
    json_key(w, "exclusive");
    json_bool(w, a->exclusive);
    json_key(w, "until");
    json_cstring(w, a->until[0] ? a->until : NULL);
  }
  json_key(w, "clause");
  if (a->clause) w_sym(w, a->clause->id);
  else json_null(w);
  json_key(w, "version");
  if (a->version) w_sym(w, a->version->name);
  else json_null(w);
  json_key(w, "reason");
  json_cstring(w, a->reason);
  if (a->kind == DECIDE_LAUNCH) {
    json_key(w, "exception");
    json_cstring(w, a->exception[0] ? a->exception : NULL);
    json_key(w, "due");
    if (a->has_deadline) w_date(w, a->deadline);
    else json_null(w);
  }
  json_key(w, "events");
  json_array_begin(w);
  for (uint32_t i = 0; i < a->event_count; i++) {
    const DEvent *e = &d->events[a->events[i]];
    json_object_begin(w);
    json_key(w, "id");
    w_sym(w, id_sym(d, e->id));
    json_key(w, "kind");
    json_cstring(w, event_kind_name((EventKind)e->kind));
    json_key(w, "date");
    w_date(w, e->date);
    json_key(w, "file");
    w_sym(w, sym(d, e->file));
    json_key(w, "line");
    json_int(w, e->line);
    json_object_end(w);
  }
  json_array_end(w);
}

void decide_write_json(const Decider *d, const DecideAnswer *a, DecideText *t) {
  JsonWriter w;
  json_init_text(&w, t);
  json_object_begin(&w);
  answer_members(d, a, &w);
  json_object_end(&w);
  json_finish(&w);
}

void decide_write_report(const Decider *d, const DecideAnswer *a, const DiagList *diags,
                         DecideText *t) {
  JsonWriter w;
  json_init_text(&w, t);
  json_report_open(&w, d->ag);
  answer_members(d, a, &w);
  json_report_close(&w, d->ag, diags);
}

void decide_write_text(const Decider *d, const DecideQuery *q, const DecideAnswer *a,
                       DecideText *t) {
  char head[512];
  Buf b = buf_on(head, sizeof head);
  b_str(&b, a->decision == DECISION_PERMITTED ? "permitted: "
            : a->decision == DECISION_PENDING ? "pending: "
                                              : "not permitted: ");
  if (q->kind == DECIDE_LAUNCH) {
    b_str(&b, "'");
    b_text(&b, q->product);
    b_str(&b, "' on ");
    b_text(&b, q->provider);
  } else {
    b_text(&b, q->licensee);
    b_str(&b, " using '");
    b_text(&b, q->subject);
    b_str(&b, "'");
  }
  b_str(&b, ", ");
  b_date(&b, q->on);
  t_shown_str(t, head);
  t_str(t, "\n  clause     ");
  if (a->clause) {
    t_mem(t, a->clause->id.ptr, a->clause->id.len);
    t_str(t, " (");
    static const char *const modes[] = {"exclusive", "first-refusal", "primary", "none"};
    t_str(t, a->clause->kind == CLAUSE_CLOUD ? modes[a->clause->u.cloud.mode] : "licence");
    t_str(t, ")");
  } else {
    t_str(t, "none");
  }
  if (a->version) {
    t_str(t, ", version ");
    t_mem(t, a->version->name.ptr, a->version->name.len);
  }
  if (q->kind == DECIDE_USE) {
    t_str(t, a->exclusive ? "\n  exclusive  yes" : "\n  exclusive  no");
    if (a->until[0]) {
      t_str(t, "\n  until      ");
      t_shown_str(t, a->until);
    }
  }
  if (a->exception[0]) {
    t_str(t, "\n  exception  ");
    t_shown_str(t, a->exception);
  }
  if (a->has_deadline) {
    t_str(t, "\n  deadline   ");
    t_date(t, a->deadline);
  }
  t_str(t, "\n  why        ");
  t_shown_str(t, a->reason);
  for (uint32_t i = 0; i < a->event_count; i++) {
    const DEvent *e = &d->events[a->events[i]];
    t_str(t, i ? "\n             " : "\n  events     ");
    t_shown(t, id_sym(d, e->id).ptr, id_sym(d, e->id).len);
    t_str(t, " ");
    t_str(t, event_kind_name((EventKind)e->kind));
    t_str(t, " ");
    t_date(t, e->date);
    t_str(t, "  ");
    t_shown(t, sym(d, e->file).ptr, sym(d, e->file).len);
    t_str(t, ":");
    t_uint(t, e->line);
  }
  t_str(t, "\n");
}

/* ------------------------------------------------------------------------------------------
** Batch queries: one flat JSON object per line, string values.
*/

static const char *skip_ws(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
  return p;
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* A JSON string at *pp: its text, decoded into scratch when it has escapes. */
static bool json_text(const char **pp, const char *end, char **scratch, EventText *out,
                      const char **error) {
  const char *p = *pp + 1;
  const char *start = p;
  while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20) p++;
  if (p < end && *p == '"') {
    *out = (EventText){start, (uint32_t)(p - start)};
    *pp = p + 1;
    return true;
  }
  char *o = *scratch, *begin = o;
  memcpy(o, start, (size_t)(p - start));
  o += p - start;
  while (p < end && *p != '"') {
    unsigned char c = (unsigned char)*p;
    if (c < 0x20) {
      *error = "a control character in a string";
      return false;
    }
    if (c != '\\') {
      *o++ = *p++;
      continue;
    }
    if (++p >= end) break;
    char e = *p++;
    switch (e) {
      case '"':
      case '\\':
      case '/': *o++ = e; break;
      case 'b': *o++ = '\b'; break;
      case 'f': *o++ = '\f'; break;
      case 'n': *o++ = '\n'; break;
      case 'r': *o++ = '\r'; break;
      case 't': *o++ = '\t'; break;
      case 'u': {
        uint32_t cp = 0;
        for (int i = 0; i < 4; i++) {
          int h = p < end ? hex_digit(*p++) : -1;
          if (h < 0) {
            *error = "a bad \\u escape";
            return false;
          }
          cp = cp * 16 + (uint32_t)h;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          uint32_t lo = 0;
          if (cp >= 0xDC00 || end - p < 6 || p[0] != '\\' || p[1] != 'u') {
            *error = "a lone surrogate";
            return false;
          }
          p += 2;
          for (int i = 0; i < 4; i++) {
            int h = hex_digit(*p++);
            if (h < 0) {
              *error = "a bad \\u escape";
              return false;
            }
            lo = lo * 16 + (uint32_t)h;
          }
          if (lo < 0xDC00 || lo > 0xDFFF) {
            *error = "a lone surrogate";
            return false;
          }
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (cp == 0) {
          *error = "\\u0000 in a string";
          return false;
        }
        if (cp < 0x80) {
          *o++ = (char)cp;
        } else if (cp < 0x800) {
          *o++ = (char)(0xC0 | cp >> 6);
          *o++ = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
          *o++ = (char)(0xE0 | cp >> 12);
          *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
          *o++ = (char)(0x80 | (cp & 0x3F));
        } else {
          *o++ = (char)(0xF0 | cp >> 18);
          *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
          *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
          *o++ = (char)(0x80 | (cp & 0x3F));
        }
        break;
      }
      default: *error = "a bad escape in a string"; return false;
    }
  }
  if (p >= end) {
    *error = "a string that does not end";
    return false;
  }
  *out = (EventText){begin, (uint32_t)(o - begin)};
  *scratch = o;
  *pp = p + 1;
  return true;
}

static bool key_is(EventText k, const char *name) {
  size_t n = strlen(name);
  return k.len == n && memcmp(k.ptr, name, n) == 0;
}

static void set_error(char *error, size_t size, const char *a, EventText b, const char *c) {
  Buf e = buf_on(error, size);
  b_str(&e, a);
  b_text(&e, b);
  b_str(&e, c);
}

bool decide_parse_query(const char *line, size_t len, char *scratch, DecideQuery *q, char *error,
                        size_t error_size) {
  memset(q, 0, sizeof *q);
  const char *p = line, *end = line + len;
  const char *why = NULL;
  EventText kind = {0}, on = {0};
  bool has_on = false;
  p = skip_ws(p, end);
  if (p >= end || *p != '{') {
    set_error(error, error_size, "a query is a JSON object, such as {\"decide\":\"launch\",...}",
              (EventText){0}, "");
    return false;
  }
  p = skip_ws(p + 1, end);
  if (p < end && *p == '}') p++;
  else
    for (;;) {
      EventText key, value = {0};
      bool is_null = false;
      if (p >= end || *p != '"') {
        why = "expected a key in quotes";
        break;
      }
      if (!json_text(&p, end, &scratch, &key, &why)) break;
      p = skip_ws(p, end);
      if (p >= end || *p != ':') {
        why = "expected ':' after a key";
        break;
      }
      p = skip_ws(p + 1, end);
      if (p < end && *p == '"') {
        if (!json_text(&p, end, &scratch, &value, &why)) break;
      } else if (end - p >= 4 && memcmp(p, "null", 4) == 0) {
        p += 4;
        is_null = true;
      } else {
        set_error(error, error_size, "'", key, "' is not a string");
        return false;
      }
      (void)is_null;
      EventText *slot = key_is(key, "decide")     ? &kind
                        : key_is(key, "product")  ? &q->product
                        : key_is(key, "provider") ? &q->provider
                        : key_is(key, "subject")  ? &q->subject
                        : key_is(key, "licensee") ? &q->licensee
                        : key_is(key, "on")       ? &on
                                                  : NULL;
      if (!slot) {
        set_error(error, error_size, "unknown key '", key,
                  "' (a query has decide, product, provider, subject, licensee, on)");
        return false;
      }
      *slot = value;
      if (slot == &on) has_on = true;
      p = skip_ws(p, end);
      if (p < end && *p == ',') {
        p = skip_ws(p + 1, end);
        continue;
      }
      if (p < end && *p == '}') {
        p++;
        break;
      }
      why = "expected ',' or '}' after a value";
      break;
    }
  if (why) {
    set_error(error, error_size, why, (EventText){0}, "");
    return false;
  }
  if (skip_ws(p, end) != end) {
    set_error(error, error_size, "text after the query's '}'", (EventText){0}, "");
    return false;
  }
  if (key_is(kind, "launch")) {
    q->kind = DECIDE_LAUNCH;
    /* For a launch, subject is the product's type (as an offer's subject says it). */
    q->tags = q->subject;
    q->subject = (EventText){0};
    if (!q->product.len || !q->provider.len) {
      set_error(error, error_size, "a launch query needs \"product\" and \"provider\"",
                (EventText){0}, "");
      return false;
    }
  } else if (key_is(kind, "use")) {
    q->kind = DECIDE_USE;
    if (!q->licensee.len || !q->subject.len) {
      set_error(error, error_size, "a use query needs \"licensee\" and \"subject\"", (EventText){0},
                "");
      return false;
    }
  } else {
    set_error(error, error_size,
              kind.len ? "\"decide\" is \"launch\" or \"use\", not '"
                       : "a query needs \"decide\": \"launch\" or \"use\"",
              kind, kind.len ? "'" : "");
    return false;
  }
  if (!has_on || !on.len) {
    set_error(error, error_size, "a query needs \"on\": a date, such as \"2026-05-01\"",
              (EventText){0}, "");
    return false;
  }
  PactStatus status = pact_date_parse(on.ptr, on.len, &q->on);
  if (status != PACT_OK) {
    set_error(
        error, error_size,
        status == PACT_ERR_RANGE ? "no such day: '" : "\"on\" is not a date (write YYYY-MM-DD): '",
        on, "'");
    return false;
  }
  return true;
}

static void error_line(DecideText *t, const char *name, uint64_t line, const char *message) {
  char where[32];
  Buf b = buf_on(where, sizeof where);
  b_str(&b, ":");
  b_uint(&b, (uint32_t)line);
  b_str(&b, ": ");
  /* The message as one JSON string: name, line and message together. */
  DecideText whole = {0};
  t_str(&whole, name);
  t_str(&whole, where);
  t_str(&whole, message);
  if (whole.failed) {
    t->failed = true;
  } else {
    JsonWriter w;
    json_init_text(&w, t);
    json_object_begin(&w);
    json_key(&w, "error");
    json_string(&w, whole.ptr, whole.len);
    json_object_end(&w);
    json_finish(&w);
  }
  decide_text_free(&whole);
}

/*
** A batch is answered in blocks of lines: each block is cut in as many parts as there are
** workers, each worker answers its part into its own text, and the texts are written in order,
** so the output is the same line for line as answering one query after another. The decider is
** only read by questions, so workers share it.
*/
enum { BATCH_BLOCK_LINES = 16384, BATCH_WORKERS_MAX = 8 };

typedef struct BatchLine {
  size_t at, len;  /* in the block's bytes */
  uint64_t number; /* its line number in the input */
} BatchLine;

typedef struct BatchPart {
  const Decider *d;
  const char *name;
  const char *bytes;
  const BatchLine *lines;
  size_t first, count;
  DecideText text;
  char *scratch;
  size_t scratch_cap;
  size_t errors;
  PactStatus status;
} BatchPart;

static void *answer_part(void *context) {
  BatchPart *p = context;
  DecideAnswer a;
  p->status = PACT_OK;
  for (size_t i = p->first; i < p->first + p->count; i++) {
    const BatchLine *l = &p->lines[i];
    const char *line = p->bytes + l->at;
    if (p->scratch_cap < l->len + 1) {
      char *bigger = mem_realloc(p->scratch, l->len + 1);
      if (!bigger) {
        p->status = PACT_ERR_NOMEM;
        break;
      }
      p->scratch = bigger;
      p->scratch_cap = l->len + 1;
    }
    DecideQuery q;
    char error[DECIDE_REASON_MAX];
    if (!decide_parse_query(line, l->len, p->scratch, &q, error, sizeof error)) {
      error_line(&p->text, p->name, l->number, error);
      p->errors++;
    } else if (decide_query(p->d, &q, &a) != PACT_OK) {
      error_line(&p->text, p->name, l->number, a.reason);
      p->errors++;
    } else {
      decide_write_json(p->d, &a, &p->text);
    }
    if (p->text.failed) {
      p->status = PACT_ERR_NOMEM;
      break;
    }
  }
  return NULL;
}

/* The workers a batch uses: the processors online, at most BATCH_WORKERS_MAX. */
static int batch_workers(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > BATCH_WORKERS_MAX ? BATCH_WORKERS_MAX : (int)n;
}

/* Answers the block's lines with the workers, then writes their texts in order. */
static PactStatus answer_block(BatchPart *parts, int workers, const char *bytes,
                               const BatchLine *lines, size_t count, FILE *out, size_t *errors) {
  size_t per = (count + (size_t)workers - 1) / (size_t)workers;
  pthread_t threads[BATCH_WORKERS_MAX];
  bool started[BATCH_WORKERS_MAX] = {false};
  for (int w = 0; w < workers; w++) {
    BatchPart *p = &parts[w];
    p->bytes = bytes;
    p->lines = lines;
    p->first = (size_t)w * per < count ? (size_t)w * per : count;
    p->count = p->first + per <= count ? per : count - p->first;
    p->text.len = 0;
    p->errors = 0;
    /* The first part is answered here; the others on threads (or here, if none starts). */
    if (w > 0 && p->count && pthread_create(&threads[w], NULL, answer_part, p) == 0)
      started[w] = true;
  }
  answer_part(&parts[0]);
  PactStatus status = PACT_OK;
  for (int w = 0; w < workers; w++) {
    BatchPart *p = &parts[w];
    if (w > 0 && started[w]) pthread_join(threads[w], NULL);
    else if (w > 0 && p->count) answer_part(p);
    if (status == PACT_OK) status = p->status;
    *errors += p->errors;
    if (status == PACT_OK && p->text.len && fwrite(p->text.ptr, 1, p->text.len, out) != p->text.len)
      status = PACT_ERR_IO;
  }
  return status;
}

PactStatus decide_batch(const Decider *d, const char *name, FILE *in, FILE *out, size_t *errors) {
  *errors = 0;
  int workers = batch_workers();
  BatchPart parts[BATCH_WORKERS_MAX];
  memset(parts, 0, sizeof parts);
  for (int w = 0; w < workers; w++) {
    parts[w].d = d;
    parts[w].name = name;
  }
  char *line = NULL, *bytes = NULL;
  size_t line_cap = 0, bytes_len = 0, bytes_cap = 0, count = 0;
  BatchLine *lines = mem_malloc(BATCH_BLOCK_LINES * sizeof *lines);
  PactStatus status = lines ? PACT_OK : PACT_ERR_NOMEM;
  uint64_t number = 0;
  ssize_t n;
  while (status == PACT_OK && (n = getline(&line, &line_cap, in)) >= 0) {
    number++;
    size_t len = (size_t)n;
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    if (skip_ws(line, line + len) == line + len) continue; /* a blank line asks nothing */
    if (bytes_len + len + 1 > bytes_cap) {
      size_t cap = bytes_cap ? bytes_cap : 1u << 20;
      while (cap < bytes_len + len + 1) cap *= 2;
      char *bigger = mem_realloc(bytes, cap);
      if (!bigger) {
        status = PACT_ERR_NOMEM;
        break;
      }
      bytes = bigger;
      bytes_cap = cap;
    }
    memcpy(bytes + bytes_len, line, len);
    lines[count++] = (BatchLine){bytes_len, len, number};
    bytes_len += len + 1;
    if (count == BATCH_BLOCK_LINES) {
      status = answer_block(parts, workers, bytes, lines, count, out, errors);
      count = bytes_len = 0;
    }
  }
  if (status == PACT_OK && ferror(in)) status = PACT_ERR_IO;
  if (status == PACT_OK && count)
    status = answer_block(parts, workers, bytes, lines, count, out, errors);
  for (int w = 0; w < workers; w++) {
    free(parts[w].scratch);
    decide_text_free(&parts[w].text);
  }
  free(line);
  free(bytes);
  free(lines);
  return status;
}

/* ------------------------------------------------------------------------------------------
** Findings for an audit: what is due and what was breached, event by event.
*/

void decide_event_info(const Decider *d, uint32_t event, DecideEventInfo *out) {
  const DEvent *v = &d->events[event];
  out->id = id_sym(d, v->id);
  out->kind = (EventKind)v->kind;
  out->date = v->date;
  out->file = sym(d, v->file);
  out->line = v->line;
  out->party = sym(d, v->party);
  out->counterparty = sym(d, v->counterparty);
  out->stream = sym(d, v->stream);
  out->subject = sym(d, v->subject);
}

static EventText as_text(Str s) { return (EventText){s.ptr, s.len}; }

static bool answer_names(const DecideAnswer *a, uint32_t event) {
  for (uint32_t i = 0; i < a->event_count; i++)
    if (a->events[i] == event) return true;
  return false;
}

/* The events an audit looks at, by date (then as read). */
static int entry_by_date(const void *pa, const void *pb) {
  const Entry *a = pa, *b = pb;
  if (a->date != b->date) return a->date < b->date ? -1 : 1;
  return (a->event > b->event) - (a->event < b->event);
}

/*
** An offer whose answer is due: asked whether the product may launch elsewhere on the day, the
** engine says pending, relying on this offer, with a deadline on or after the day.
*/
static bool finding_of(const Decider *d, uint32_t e, PactDate on, DecideFinding *f) {
  const DEvent *v = &d->events[e];
  DecideQuery q = {0};
  switch (v->kind) {
    case EVENT_OFFER:
      q.kind = DECIDE_LAUNCH;
      q.product = as_text(sym(d, v->stream));
      q.provider = (EventText){"another-cloud", 13};
      q.on = on;
      if (decide_query(d, &q, &f->answer) != PACT_OK) return false;
      f->kind = FINDING_ANSWER_DUE;
      return f->answer.decision == DECISION_PENDING && f->answer.has_deadline &&
             f->answer.deadline >= on && answer_names(&f->answer, e);
    case EVENT_LAUNCH:
      q.kind = DECIDE_LAUNCH;
      q.product = as_text(sym(d, v->stream));
      q.provider = as_text(sym(d, v->counterparty));
      q.on = v->date;
      f->kind = FINDING_LAUNCH;
      return decide_query(d, &q, &f->answer) == PACT_OK &&
             f->answer.decision == DECISION_NOT_PERMITTED;
    case EVENT_USE:
      q.kind = DECIDE_USE;
      q.licensee = as_text(sym(d, v->party));
      q.subject = as_text(sym(d, v->subject));
      q.on = v->date;
      f->kind = FINDING_USE;
      return decide_query(d, &q, &f->answer) == PACT_OK &&
             f->answer.decision == DECISION_NOT_PERMITTED;
    case EVENT_GRANT: {
      const Plan *by;
      const VersionPlan *in;
      if (!grant_breaches(d, v, &by, &in)) return false;
      f->kind = FINDING_GRANT;
      DecideAnswer *a = &f->answer;
      memset(a, 0, sizeof *a);
      a->kind = DECIDE_USE;
      a->decision = DECISION_NOT_PERMITTED;
      a->clause = by->clause;
      a->version = in ? in->version : NULL;
      a->exclusive = true;
      relies_on(a, e);
      const LicenceTerm *t = &by->clause->u.licence;
      Buf b = buf_on(a->reason, sizeof a->reason);
      b_sym(&b, sym(d, v->party));
      b_str(&b, " granted ");
      b_sym(&b, sym(d, v->counterparty));
      b_str(&b, " '");
      b_sym(&b, sym(d, v->subject));
      b_str(&b, "' on ");
      b_date(&b, v->date);
      b_str(&b, " while ");
      b_sym(&b, by->clause->id);
      b_str(&b, " licensed it exclusively to ");
      b_sym(&b, t->licensee.name);
      return true;
    }
    default: return false;
  }
}

PactStatus decide_findings(const Decider *d, PactDate on, DecideFindingVisit visit, void *context) {
  if (!d->finished) return PACT_ERR_INVALID;
  uint32_t count = 0;
  Entry *order = mem_malloc(((size_t)d->event_count + 1) * sizeof *order);
  if (!order) return PACT_ERR_NOMEM;
  /* An answer is due by the offer's date plus a clause's window: an offer older than the
  ** longest window of any cloud clause can have none due on the day. */
  int64_t window = -1;
  for (uint32_t v = 0; v < d->plan_count; v++)
    for (uint32_t i = 0; i < d->plans[v].cloud_count; i++) {
      const CloudTerm *t = &d->plans[v].clouds[i].clause->u.cloud;
      if (t->has_window && t->window_days > window) window = t->window_days;
    }
  for (uint32_t e = 0; e < d->event_count; e++) {
    uint8_t k = d->events[e].kind;
    PactDate date = d->events[e].date;
    if (date > on) continue;
    if (k == EVENT_OFFER && (window < 0 || (int64_t)date + window < (int64_t)on)) continue;
    if (k == EVENT_OFFER || k == EVENT_LAUNCH || k == EVENT_USE || k == EVENT_GRANT)
      order[count++] = (Entry){date, e, 0, 0};
  }
  qsort(order, count, sizeof *order, entry_by_date);
  PactStatus status = PACT_OK;
  DecideFinding *f = mem_malloc(sizeof *f);
  if (!f) status = PACT_ERR_NOMEM;
  for (uint32_t i = 0; status == PACT_OK && i < count; i++) {
    f->event = order[i].event;
    if (finding_of(d, f->event, on, f)) status = visit(context, f);
  }
  free(f);
  free(order);
  return status;
}
