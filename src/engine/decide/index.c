/*
** index.c -- reading events into the decider, and its indexes (decide.h, decide_int.h).
**
** Events are kept as symbols (interned texts) in one array; decide_finish sorts index lists by
** key and date (products' offers and launches, offers' answers, subjects' grants and uses) and
** works out, for every version and every cloud or licence clause of its terms, the day a
** milestone ends it, and for every grant the exclusive licence it breached when it was made. A
** question then reads a handful of short sorted lists.
*/
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/decide/decide_int.h"
#include "events/rights.h"

/* ------------------------------------------------------------------------------------------
** Symbols: every text an event carries, interned once. Symbol 0 is the absent text.
*/

enum { POOL_BLOCK = 1u << 20 };

static uint32_t fnv(uint32_t h, const char *text, uint32_t len) {
  for (uint32_t i = 0; i < len; i++) h = (h ^ (unsigned char)text[i]) * 16777619u;
  return h;
}

static uint32_t mix(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

/* FNV-1a, then mixed (murmur3's finaliser): ids that differ in one digit spread over the table. */
static uint32_t hash_text(const char *text, uint32_t len) {
  return mix(fnv(2166136261u, text, len));
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
uint32_t lookup_name(const Decider *d, const char *text, uint32_t len) {
  if (len == 0) return 0;
  return slot_of(&d->names, text, len, hash_text(text, len))->sym;
}

/* Hashed and compared in two pieces, the kind and its 's', so that no buffer limits its length. */
uint32_t lookup_plural(const Decider *d, Str kind) {
  const Symbols *t = &d->names;
  uint32_t h = mix(fnv(fnv(2166136261u, kind.ptr, kind.len), "s", 1));
  for (uint32_t i = h & t->mask;; i = (i + 1) & t->mask) {
    const Slot *slot = &t->slots[i];
    if (!slot->sym) return 0;
    if (slot->hash != h) continue;
    Str s = t->texts[slot->sym];
    if (s.len == kind.len + 1 && s.ptr[kind.len] == 's' &&
        (kind.len == 0 || memcmp(s.ptr, kind.ptr, kind.len) == 0))
      return slot->sym;
  }
}

/* The kind of a subject: the word before its qualifier ("model" of model:gpt-6), else itself. */
Str subject_kind(Str s) {
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
  if (d->ended) return PACT_ERR_MISUSE; /* its indexes are built: an event now would be lost */
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
        plan->provider = lookup_name(d, c->u.cloud.provider.name.ptr, c->u.cloud.provider.name.len);
      if (c->kind == CLAUSE_LICENCE)
        plan->exclusivity = ending_of(d, &c->u.licence.exclusivity.until);
    }
  }
  return PACT_OK;
}

/* The tables decide_finish fills, by event, by symbol and by list; scratch, room to sort n
** events. */
static PactStatus alloc_indexes(Decider *d, Keyed **scratch) {
  uint32_t n = d->event_count;
  /* An event is in at most two lists (a grant: its subject's and its kind's). */
  d->order = mem_malloc(((size_t)n * 2 + 1) * sizeof *d->order);
  d->event_of_id = mem_malloc((size_t)d->refs.count * sizeof *d->event_of_id);
  d->product_of = mem_malloc((size_t)d->names.count * sizeof *d->product_of);
  d->subject_of = mem_malloc((size_t)d->names.count * sizeof *d->subject_of);
  d->answers = mem_calloc((size_t)n + 1, sizeof *d->answers);
  d->milestones = mem_malloc(((size_t)n + 1) * sizeof *d->milestones);
  d->milestone_may = mem_malloc(((size_t)n + 1) * sizeof *d->milestone_may);
  *scratch = mem_malloc(((size_t)n + 1) * sizeof **scratch);
  if (!d->order || !d->event_of_id || !d->product_of || !d->subject_of || !d->answers ||
      !d->milestones || !d->milestone_may || !*scratch)
    return PACT_ERR_NOMEM;
  memset(d->event_of_id, 0xff, (size_t)d->refs.count * sizeof *d->event_of_id);
  memset(d->product_of, 0xff, (size_t)d->names.count * sizeof *d->product_of);
  memset(d->subject_of, 0xff, (size_t)d->names.count * sizeof *d->subject_of);
  return PACT_OK;
}

/* Numbers the products and subjects, finds the events refs name, and sorts the milestones by
** date, each with whether its party may declare it. */
static void group_events(Decider *d, Keyed *scratch) {
  for (uint32_t i = 0; i < d->event_count; i++) {
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
}

/* A response must answer an offer: say so once, where it is (in the order the events came,
** or by date when they came by id). */
static void warn_orphans(Decider *d, Keyed *scratch) {
  uint32_t orphans = 0;
  for (uint32_t i = 0; i < d->event_count; i++) {
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
}

/* Each product's owner: the party of its first offer, or of its first launch when that came
** before. */
static void find_owners(Decider *d) {
  for (uint32_t p = 0; p < d->product_count; p++) {
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
}

/* The licence each grant breached when it was made, beside the grant in its lists too. */
static PactStatus find_breaches(Decider *d, uint32_t used) {
  d->breach = mem_calloc((size_t)d->event_count + 1, sizeof *d->breach);
  if (!d->breach) return PACT_ERR_NOMEM;
  for (uint32_t i = 0; i < d->event_count; i++)
    if (d->events[i].kind == EVENT_GRANT) d->breach[i] = breaches_of(d, &d->events[i]);
  for (uint32_t i = 0; i < used; i++)
    if (d->events[d->order[i].event].kind == EVENT_GRANT)
      d->order[i].aux = d->breach[d->order[i].event] != NULL;
  return PACT_OK;
}

PactStatus decide_finish(Decider *d) {
  if (d->ended) return PACT_ERR_MISUSE; /* a second time would report and index twice */
  d->ended = true;
  names_report(d->names_check, d->diags);
  Keyed *scratch = NULL;
  PactStatus status = alloc_indexes(d, &scratch);
  if (status == PACT_OK) {
    group_events(d, scratch);
    d->products = mem_calloc((size_t)d->product_count + 1, sizeof *d->products);
    d->subjects = mem_calloc((size_t)d->subject_count + 1, sizeof *d->subjects);
    if (!d->products || !d->subjects) status = PACT_ERR_NOMEM;
  }
  uint32_t used = 0;
  if (status == PACT_OK) {
    for (int list = 0; list < LIST_COUNT; list++) build_list(d, (ListKind)list, scratch, &used);
    warn_orphans(d, scratch);
  }
  free(scratch);
  if (status == PACT_OK) status = plan_versions(d);
  if (status == PACT_OK) status = find_breaches(d, used);
  if (status != PACT_OK) return status;
  find_owners(d);
  d->finished = true;
  return PACT_OK;
}

/* ------------------------------------------------------------------------------------------
** What a licence covers, and the licence a grant breached.
*/

/* "models" and "model" name one kind. */
static bool kind_eq(Str a, Str b) {
  if (a.len == b.len) return memcmp(a.ptr, b.ptr, a.len) == 0;
  if (a.len == b.len + 1 && a.ptr[a.len - 1] == 's') return memcmp(a.ptr, b.ptr, b.len) == 0;
  if (b.len == a.len + 1 && b.ptr[b.len - 1] == 's') return memcmp(a.ptr, b.ptr, a.len) == 0;
  return false;
}

bool has_qualifier(Str s) { return subject_kind(s).len < s.len; }

/* A word of covers or excludes (models, model:gpt-6) over a subject (model:gpt-6, models). */
static bool word_covers(Str word, Str subject) {
  if (str_eq(word, subject)) return true;
  if (has_qualifier(word)) return false;
  return kind_eq(word, subject_kind(subject));
}

const Str *list_covers(const StrList *list, Str subject) {
  for (uint32_t i = 0; i < list->count; i++)
    if (word_covers(list->items[i], subject)) return &list->items[i];
  return NULL;
}

static bool plan_covers(const Plan *p, Str subject) {
  const LicenceTerm *t = &p->clause->u.licence;
  return list_covers(&t->covers, subject) && !list_covers(&t->excludes, subject);
}

bool exclusive_on(const Plan *p, PactDate on) {
  const LicenceTerm *t = &p->clause->u.licence;
  if (!t->exclusive) return false;
  if (t->exclusivity.has_through && on > t->exclusivity.through) return false;
  return !ended_by(&p->exclusivity, on);
}

/* The exclusive licence from licensor over subject, on the day, to someone else than holder. */
const Plan *exclusive_against(const Decider *d, PactDate on, Str licensor, Str subject, Str holder,
                              const VersionPlan **in) {
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

/* Worked out once per grant by decide_finish (breaches_of); read from there by questions. */
const Plan *breaches_of(const Decider *d, const DEvent *g) {
  return exclusive_against(d, g->date, sym(d, g->party), sym(d, g->subject),
                           sym(d, g->counterparty), NULL);
}

bool grant_breaches(const Decider *d, const DEvent *g, const Plan **by, const VersionPlan **in) {
  *by = d->breach ? d->breach[g - d->events] : breaches_of(d, g);
  if (*by) *in = plan_on(d, g->date);
  return *by != NULL;
}
