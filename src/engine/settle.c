/*
** settle.c -- settlement of every revenue-share clause over a stream of events.
** Bases are kept per clause and day as difference arrays, so a span event costs O(1) and
** memory depends on the days a clause is in force, never on the number of events.
*/
#include "engine/settle.h"

#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/limits.h"
#include "base/mem.h"
#include "base/money.h"
#include "base/ratio.h"
#include "base/strmap.h"
#include "events/names.h"
#include "events/rights.h"

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
  bool finished;
  Payment *payments;
  size_t payment_count, payment_capacity;
  SettleTotal *pair_credits; /* per payer and payee: payments beyond everything owed */
  size_t pair_credit_count;
  const char *events_path;     /* the event file being read, for messages */
  Takers takers[TAKERS_SLOTS]; /* settle_add's memory of which shares took what */
  NameCheck *names;            /* the events' names against the agreement's (names.h) */
};

/* ---------------------------------------------------------------- setting up */

static PactStatus fail(Settlement *s, const char *code, const char *message) {
  diag_add_path(s->diags, DIAG_ERROR, code, s->ag->path, NULL, "%s", message);
  return PACT_ERR_INVALID;
}

/* A clause's first and last possible days: its versions' days, cut by its own from/through. */
static void share_window(Share *share, PactDate version_first, const Version *last_version) {
  const Term *t = &share->clause->term;
  share->first = t->has_from && t->from > version_first ? t->from : version_first;
  share->open_ended = !last_version->has_last_day && !t->has_through;
  PactDate last = last_version->has_last_day ? last_version->last_day : INT32_MAX;
  if (t->has_through && t->through < last) last = t->through;
  share->last = last;
}

/*
** One Share per revenue-share Clause object, in history order, so that the wordings of one
** clause id come in date order. A clause carried into a later version unchanged is the same
** object, and keeps accruing as one.
*/
static PactStatus build_shares(Settlement *s) {
  const Agreement *ag = s->ag;
  size_t most = 0;
  for (uint32_t h = 0; h < ag->history_count; h++) most += ag->versions[ag->history[h]].own_count;
  s->shares = mem_calloc(most + 1, sizeof *s->shares);
  if (!s->shares) return PACT_ERR_NOMEM;
  StrMap latest, families; /* id -> latest share index; id -> family number */
  strmap_init(&latest);
  strmap_init(&families);
  PactStatus status = PACT_OK;
  int32_t family_count = 0;
  for (uint32_t h = 0; h < ag->history_count && status == PACT_OK; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    for (uint32_t k = 0; k < v->term_count && status == PACT_OK; k++) {
      const Clause *c = v->terms[k];
      if (c->kind != CLAUSE_REVENUE_SHARE) continue;
      int32_t at = strmap_get(&latest, c->id.ptr, c->id.len);
      if (at >= 0 && s->shares[at].clause == c) {
        share_window(&s->shares[at], s->shares[at].first, v); /* carried: extend its last day */
        continue;
      }
      Share *share = &s->shares[s->share_count];
      share->clause = c;
      share_window(share, v->effective, v);
      int32_t family = strmap_get(&families, c->id.ptr, c->id.len);
      if (family < 0) {
        family = family_count++;
        if (!strmap_put(&families, c->id.ptr, c->id.len, family)) status = PACT_ERR_NOMEM;
      }
      share->family = (uint32_t)family;
      if (!strmap_put(&latest, c->id.ptr, c->id.len, (int32_t)s->share_count))
        status = PACT_ERR_NOMEM;
      s->share_count++;
    }
  }
  strmap_free(&latest);
  strmap_free(&families);
  return status;
}

/* Every milestone id in any version, once (who may declare it is rights_may_declare's to say). */
static PactStatus build_milestones(Settlement *s) {
  const Agreement *ag = s->ag;
  s->milestones = mem_calloc(ag->clause_count + 1, sizeof *s->milestones);
  if (!s->milestones) return PACT_ERR_NOMEM;
  for (uint32_t h = 0; h < ag->history_count; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    for (uint32_t k = 0; k < v->own_count; k++) {
      const Clause *c = v->own[k];
      if (c->kind != CLAUSE_MILESTONE) continue;
      size_t i = 0;
      while (i < s->milestone_count && !str_eq(s->milestones[i].id, c->id)) i++;
      s->milestones[i].id = c->id;
      if (i == s->milestone_count) s->milestone_count++;
    }
  }
  return PACT_OK;
}

PactStatus settle_begin(const Agreement *ag, const SettleOptions *options, DiagList *diags,
                        Settlement **out) {
  *out = NULL;
  if (ag->diags.errors || !ag->history_ok) return PACT_ERR_INVALID;
  Settlement *s = mem_calloc(1, sizeof *s);
  if (!s) return PACT_ERR_NOMEM;
  s->ag = ag;
  s->diags = diags;
  if (options) s->options = *options;
  PactStatus status = (s->names = names_new(ag)) ? build_shares(s) : PACT_ERR_NOMEM;
  if (status == PACT_OK) status = build_milestones(s);
  if (status != PACT_OK) {
    settle_free(s);
    return status;
  }
  *out = s;
  return PACT_OK;
}

/* ---------------------------------------------------------------- events */

static bool text_eq(EventText t, Str s) {
  return t.len == s.len && memcmp(t.ptr, s.ptr, s.len) == 0;
}

static bool in_list(EventText t, const StrList *list) {
  for (uint32_t i = 0; i < list->count; i++)
    if (text_eq(t, list->items[i])) return true;
  return false;
}

/* Does the event count in this clause's base? Its earner, its measure and its stream. */
static bool share_takes(const Share *share, const Event *e) {
  const RevenueShare *r = &share->clause->u.share;
  EventKind want = r->measure == BASE_PROFIT ? EVENT_PROFIT : EVENT_REVENUE;
  if (e->kind != want || !text_eq(e->party, r->base_party.name)) return false;
  if (r->include.count && !in_list(e->stream, &r->include)) return false;
  return !in_list(e->stream, &r->exclude);
}

/* Makes the difference array reach day index `index` (from share->first). */
static bool share_reserve(Share *share, uint32_t index) {
  if (index < share->day_capacity) return true;
  uint32_t capacity = share->day_capacity ? share->day_capacity : 128;
  while (capacity <= index) capacity *= 2;
  if (!share->open_ended && capacity > (uint32_t)(share->last - share->first) + 2)
    capacity = (uint32_t)(share->last - share->first) + 2;
  if (capacity <= index) capacity = index + 1;
  PactWide *diff = mem_realloc(share->diff, capacity * sizeof *diff);
  if (!diff) return false;
  memset(diff + share->day_capacity, 0, (capacity - share->day_capacity) * sizeof *diff);
  share->diff = diff;
  share->day_capacity = capacity;
  return true;
}

static inline bool range_add(Share *share, PactDate lo, PactDate hi, PactWide value) {
  uint32_t a = (uint32_t)(lo - share->first), b = (uint32_t)(hi - share->first) + 1;
  if (b >= share->day_capacity && !share_reserve(share, b)) return false;
  share->diff[a] += value;
  share->diff[b] -= value;
  return true;
}

/*
** Adds an amount spread over [d0, d1]: each day gets total / days in whole minor units, the
** leftover units going to the earliest days, a negative total the same with its sign. Only the
** days inside the clause's window are kept; each is O(1) whatever the span's length.
*/
static bool share_add_span(Share *share, int64_t total, PactDate d0, PactDate d1) {
  PactDate lo = d0 > share->first ? d0 : share->first;
  PactDate hi = d1 < share->last ? d1 : share->last;
  if (lo > hi) return true;
  /* One day, the usual event: the whole total on it (q = |total|, no leftover), and nothing
  ** at all for a zero total, as below. */
  if (d0 == d1) return total == 0 || range_add(share, lo, lo, total);
  uint64_t q, r;
  int64_t sign;
  event_span_split(total, d0, d1, &q, &r, &sign);
  if (q && !range_add(share, lo, hi, (PactWide)sign * (PactWide)q)) return false;
  PactDate r_hi = (PactDate)(d0 + (int64_t)r - 1);
  if (r_hi > hi) r_hi = hi;
  if (r > 0 && lo <= r_hi && !range_add(share, lo, r_hi, sign)) return false;
  return true;
}

/* A milestone's subject is its id; agi_declared and agi-declared are the same milestone. Who
** may declare it is the wording in force on the event's date (rights.h: the one rule for import
** --as, settle, decide and audit). */
static void add_milestone(Settlement *s, const Event *e) {
  for (size_t i = 0; i < s->milestone_count; i++) {
    MilestoneRecord *m = &s->milestones[i];
    if (!terms_milestone_id_eq(e->subject.ptr, e->subject.len, m->id)) continue;
    char why[300];
    if (!rights_may_declare(s->ag, e->subject.ptr, e->subject.len, e->party.ptr, e->party.len,
                            e->date, why, sizeof why)) {
      diag_add_line(s->diags, DIAG_WARNING, "W1101", s->events_path, e->line,
                    "only the parties the milestone's wording on the event's date names may "
                    "record it (docs/ledger.md)",
                    "milestone '%.*s' recorded by '%.*s', who may not declare it (%s); ignored",
                    (int)m->id.len, m->id.ptr, (int)e->party.len, e->party.ptr, why);
      return;
    }
    if (!m->recorded || e->date < m->date) m->date = e->date;
    m->recorded = true;
    return;
  }
}

void settle_set_events_path(Settlement *s, const char *path) { s->events_path = path; }

static bool same_currency(Settlement *s, const Event *e) {
  /* The four bytes of both codes (NUL-terminated within them) equal: the codes are. */
  uint32_t mine, agreed;
  memcpy(&mine, e->currency.code, sizeof mine);
  memcpy(&agreed, s->ag->currency.code, sizeof agreed);
  if (mine == agreed || strcmp(e->currency.code, s->ag->currency.code) == 0) return true;
  diag_add_line(s->diags, DIAG_ERROR, "E1102", s->events_path, e->line,
                "pactum does not convert currencies; give amounts in the agreement's currency",
                "event '%.*s' is in %s, but the agreement settles in %s", (int)e->id.len, e->id.ptr,
                e->currency.code, s->ag->currency.code);
  return false;
}

static int32_t party_index(const Agreement *ag, EventText id) {
  for (uint32_t i = 0; i < ag->party_count; i++)
    if (text_eq(id, ag->parties[i].id)) return (int32_t)i;
  return -1;
}

/* A payment between two of the agreement's parties; others are not this agreement's. */
static PactStatus add_payment(Settlement *s, const Event *e) {
  Payment p = {party_index(s->ag, e->party), party_index(s->ag, e->counterparty), e->date,
               e->amount_minor, NULL};
  if (p.payer < 0 || p.payee < 0) {
    diag_add_line(s->diags, DIAG_WARNING, "W1104", s->events_path, e->line,
                  "a payment names its payer (party) and payee (counterparty) by party id",
                  "payment '%.*s' is not between two parties of the agreement; ignored",
                  (int)e->id.len, e->id.ptr);
    return PACT_OK;
  }
  if (s->payment_count == s->payment_capacity) {
    size_t capacity = s->payment_capacity ? s->payment_capacity * 2 : 16;
    Payment *bigger = mem_realloc(s->payments, capacity * sizeof *bigger);
    if (!bigger) return PACT_ERR_NOMEM;
    s->payments = bigger;
    s->payment_capacity = capacity;
  }
  p.id = mem_malloc((size_t)e->id.len + 1);
  if (!p.id) return PACT_ERR_NOMEM;
  memcpy(p.id, e->id.ptr, e->id.len);
  p.id[e->id.len] = '\0';
  s->payments[s->payment_count++] = p;
  return PACT_OK;
}

/* A short compare written out: a call to memcmp costs more than these few bytes. Words are
** read only inside [a, a + len) and [b, b + len), overlapping at the end. */
static inline bool bytes_eq(const char *a, const char *b, uint32_t len) {
  if (len >= 8) {
    uint64_t x, y;
    for (uint32_t i = 0; i + 8 < len; i += 8) {
      memcpy(&x, a + i, 8), memcpy(&y, b + i, 8);
      if (x != y) return false;
    }
    memcpy(&x, a + len - 8, 8), memcpy(&y, b + len - 8, 8);
    return x == y;
  }
  if (len >= 4) {
    uint32_t x, y, u, v;
    memcpy(&x, a, 4), memcpy(&y, b, 4), memcpy(&u, a + len - 4, 4), memcpy(&v, b + len - 4, 4);
    return x == y && u == v;
  }
  for (; len; a++, b++, len--)
    if (*a != *b) return false;
  return true;
}

/* The remembered shares of a revenue or profit event (see Takers), found or worked out now;
** NULL when the event cannot be remembered (long texts, more than 64 shares). *fresh is set to
** false when they were remembered from an event with the same party, stream and kind. */
static inline Takers *takers_of(Settlement *s, const Event *e, bool *fresh) {
  EventText party = e->party, stream = e->stream;
  if (s->share_count > 64 || party.len > TAKERS_TEXT_MAX || stream.len > TAKERS_TEXT_MAX)
    return NULL;
  uint32_t key = party.len | stream.len << 8 | (uint32_t)e->kind << 16;
  if (party.len)
    key += ((uint32_t)(unsigned char)party.ptr[0] << 18) ^
           ((uint32_t)(unsigned char)party.ptr[party.len - 1] << 22);
  if (stream.len)
    key += ((uint32_t)(unsigned char)stream.ptr[0] << 11) ^
           ((uint32_t)(unsigned char)stream.ptr[stream.len - 1] << 25);
  _Static_assert(TAKERS_SLOTS == 64, "the home slot is the hash's top six bits");
  uint32_t home = (key * 0x9E3779B1u) >> 26;
  Takers *t = NULL;
  for (uint32_t probe = 0; probe < TAKERS_PROBES; probe++) {
    t = &s->takers[(home + probe) % TAKERS_SLOTS];
    if (t->kind == 0) break; /* an empty slot: the combination is not in the table */
    if (t->kind == 1 + (unsigned)e->kind && t->party_len == party.len &&
        t->stream_len == stream.len && bytes_eq(t->party, party.ptr, party.len) &&
        bytes_eq(t->stream, stream.ptr, stream.len)) {
      *fresh = false;
      return t;
    }
  }
  if (t->kind != 0) t = &s->takers[home];
  uint64_t shares = 0;
  for (size_t i = 0; i < s->share_count; i++)
    if (share_takes(&s->shares[i], e)) shares |= (uint64_t)1 << i;
  t->shares = shares;
  t->disjoint = true;
  t->last_hit = -1;
  for (uint64_t a = shares; a; a &= a - 1)
    for (uint64_t b = a & (a - 1); b; b &= b - 1) {
      const Share *x = &s->shares[__builtin_ctzll(a)], *y = &s->shares[__builtin_ctzll(b)];
      if (x->first <= x->last && y->first <= y->last && x->first <= y->last && y->first <= x->last)
        t->disjoint = false;
    }
  t->kind = (uint8_t)(1 + e->kind);
  t->party_len = (uint8_t)party.len;
  t->stream_len = (uint8_t)stream.len;
  if (party.len) memcpy(t->party, party.ptr, party.len);
  if (stream.len) memcpy(t->stream, stream.ptr, stream.len);
  return t;
}

bool settle_summable(const Settlement *s, const Event *e) {
  return strcmp(e->currency.code, s->ag->currency.code) == 0 && names_quiet(s->names, e);
}

PactStatus settle_add(Settlement *s, const Event *e) {
  if (e->kind == EVENT_MILESTONE) {
    if (names_note(s->names, s->events_path, e) != PACT_OK) return PACT_ERR_NOMEM;
    add_milestone(s, e);
    return PACT_OK;
  }
  bool money = e->kind == EVENT_REVENUE || e->kind == EVENT_PROFIT || e->kind == EVENT_PAYMENT;
  if (!money || !e->has_amount) return PACT_OK;
  if (!same_currency(s, e)) return PACT_ERR_INVALID;
  if (e->kind == EVENT_PAYMENT)
    return names_note(s->names, s->events_path, e) == PACT_OK ? add_payment(s, e) : PACT_ERR_NOMEM;
  PactDate last = e->has_end ? e->end : e->date;
  if (!s->has_data || e->date < s->data_first) s->data_first = e->date;
  if (!s->has_data || last > s->data_last) s->data_last = last;
  s->has_data = true;
  bool fresh = true;
  Takers *takers = takers_of(s, e, &fresh);
  /* The names are looked at when the party and stream are new to the takers (a counterparty
  ** is not in their key): an event like the last ones costs nothing more (names.h). */
  if ((fresh || e->counterparty.len) && names_note(s->names, s->events_path, e) != PACT_OK)
    return PACT_ERR_NOMEM;
  if (takers && takers->disjoint && e->date == last && e->amount_minor != 0) {
    /* A one-day event falls in at most one of its shares' windows when they are disjoint:
    ** the one the last such event fell in is asked first (events often come in date order),
    ** and the search ends at the first that holds the day. What it adds is what the loop
    ** below adds (share_add_span's one-day case); the other shares would add nothing. */
    Share *hit = takers->last_hit >= 0 ? &s->shares[takers->last_hit] : NULL;
    if (hit && hit->first <= last && last <= hit->last)
      return range_add(hit, last, last, e->amount_minor) ? PACT_OK : PACT_ERR_NOMEM;
    for (uint64_t todo = takers->shares; todo; todo &= todo - 1) {
      int index = __builtin_ctzll(todo);
      Share *share = &s->shares[index];
      if (last < share->first || last > share->last) continue;
      takers->last_hit = (int8_t)index;
      return range_add(share, last, last, e->amount_minor) ? PACT_OK : PACT_ERR_NOMEM;
    }
    return PACT_OK;
  }
  if (takers) {
    /* The same shares the loop below would take, in the same order (lowest index first). */
    for (uint64_t todo = takers->shares; todo; todo &= todo - 1) {
      Share *share = &s->shares[__builtin_ctzll(todo)];
      /* share_add_span's first question, asked here: the event's days meet the share's? */
      if (e->date > share->last || last < share->first) continue;
      if (e->date == last) { /* share_add_span's one-day case, without the call */
        if (e->amount_minor != 0 && !range_add(share, last, last, e->amount_minor))
          return PACT_ERR_NOMEM;
      } else if (!share_add_span(share, e->amount_minor, e->date, last)) {
        return PACT_ERR_NOMEM;
      }
    }
    return PACT_OK;
  }
  for (size_t i = 0; i < s->share_count; i++)
    if (share_takes(&s->shares[i], e) &&
        !share_add_span(&s->shares[i], e->amount_minor, e->date, last))
      return PACT_ERR_NOMEM;
  return PACT_OK;
}

PactStatus settle_merge(Settlement *into, Settlement *from) {
  for (size_t i = 0; i < into->share_count && i < from->share_count; i++) {
    Share *a = &into->shares[i];
    const Share *b = &from->shares[i];
    if (b->day_capacity == 0) continue;
    if (!share_reserve(a, b->day_capacity - 1)) return PACT_ERR_NOMEM;
    for (uint32_t d = 0; d < b->day_capacity; d++) a->diff[d] += b->diff[d];
  }
  for (size_t i = 0; i < into->milestone_count && i < from->milestone_count; i++) {
    MilestoneRecord *a = &into->milestones[i];
    const MilestoneRecord *b = &from->milestones[i];
    if (b->recorded && (!a->recorded || b->date < a->date)) a->date = b->date;
    a->recorded |= b->recorded;
  }
  if (from->has_data) {
    if (!into->has_data || from->data_first < into->data_first) into->data_first = from->data_first;
    if (!into->has_data || from->data_last > into->data_last) into->data_last = from->data_last;
    into->has_data = true;
  }
  if (from->payment_count) {
    size_t need = into->payment_count + from->payment_count;
    if (need > into->payment_capacity) {
      Payment *bigger = mem_realloc(into->payments, need * sizeof *bigger);
      if (!bigger) return PACT_ERR_NOMEM;
      into->payments = bigger;
      into->payment_capacity = need;
    }
    memcpy(into->payments + into->payment_count, from->payments,
           from->payment_count * sizeof *from->payments);
    into->payment_count = need;
    from->payment_count = 0; /* the ids are into's now */
  }
  PactStatus status = names_merge(into->names, from->names);
  if (status != PACT_OK) return status;
  if (from->events_path) into->events_path = from->events_path;
  if (from->diags != into->diags) diag_list_move(into->diags, from->diags);
  return PACT_OK;
}

/* ---------------------------------------------------------------- obligations */

/*
** Tiers as a function of the cumulative base. Tier i takes the cumulative base in [lo, hi):
** by cumulative base, hi is its bound; by cumulative paid, hi is where the amount owed at the
** tiers reaches its bound (lo + room / rate). A tier without a bound (and, by cumulative paid,
** a 0% tier, which never fills) takes everything above lo; past a last bounded tier no tier
** takes anything. A cumulative base below zero is taken at the first tier's rate.
*/
typedef struct TierSpan {
  Ratio lo, hi, rate;
  bool endless;
} TierSpan;

static bool tier_spans(const RevenueShare *r, TierSpan *spans, uint32_t *count) {
  bool by_paid = r->tier_basis == TIER_BY_PAID;
  Ratio lo = {0, 1}, owed = {0, 1};
  uint32_t n = 0;
  for (uint32_t i = 0; i < r->tier_count; i++) {
    TierSpan t = {.lo = lo, .hi = lo, .rate = ratio_of_rate(r->tiers[i].rate), .endless = false};
    if (!r->tiers[i].has_bound || (by_paid && t.rate.num == 0)) {
      t.endless = true;
      spans[n++] = t;
      break;
    }
    Ratio bound = ratio_make(r->tiers[i].bound_minor, 1), room;
    int cmp;
    if (by_paid) {
      if (!ratio_sub(bound, owed, &room)) return false;
      if (room.num > 0) {
        Ratio width;
        if (!ratio_mul(room, (Ratio){t.rate.den, t.rate.num}, &width) ||
            !ratio_add(lo, width, &t.hi))
          return false;
        owed = bound;
      }
    } else if (!ratio_cmp(bound, lo, &cmp)) {
      return false;
    } else if (cmp > 0) {
      t.hi = bound;
    }
    spans[n++] = t;
    lo = t.hi;
  }
  *count = n;
  return true;
}

/* The part of a cumulative base b that tier i takes: clamp(b, lo, hi) - lo, and for the first
** tier also any part below zero. */
static bool tier_take(const TierSpan *t, uint32_t i, Ratio b, Ratio *out) {
  int cmp;
  if (i == 0 && b.num < 0) {
    *out = b;
    return true;
  }
  if (!ratio_cmp(b, t->lo, &cmp)) return false;
  if (cmp <= 0) {
    *out = (Ratio){0, 1};
    return true;
  }
  Ratio top = b;
  if (!t->endless) {
    if (!ratio_cmp(b, t->hi, &cmp)) return false;
    if (cmp > 0) top = t->hi;
  }
  return ratio_sub(top, t->lo, out);
}

/* What is owed at the tiers for a cumulative base, exactly: f(b) = sum of rate x take. */
static bool tier_value(const TierSpan *spans, uint32_t count, PactWide base, Ratio *out) {
  Ratio b = ratio_make(base, 1), sum = {0, 1};
  for (uint32_t i = 0; i < count; i++) {
    Ratio take, part;
    if (!tier_take(&spans[i], i, b, &take) || !ratio_mul(spans[i].rate, take, &part) ||
        !ratio_add(sum, part, &sum))
      return false;
  }
  *out = sum;
  return true;
}

/* f(b) rounded once to minor units with the clause's rounding. */
static PactStatus tier_owed(const RevenueShare *r, PactWide base, int64_t *out) {
  TierSpan spans[PACT_TIERS_MAX];
  uint32_t count = 0;
  Ratio exact;
  if (r->tier_count > PACT_TIERS_MAX || !tier_spans(r, spans, &count) ||
      !tier_value(spans, count, base, &exact))
    return PACT_ERR_OVERFLOW;
  return money_round_quotient(exact.num, exact.den, r->rounding, out);
}

PactStatus settle_tier_parts(const Obligation *o, SettleTierPart *parts, uint32_t *count) {
  const RevenueShare *r = &o->clause->u.share;
  TierSpan spans[PACT_TIERS_MAX];
  uint32_t n = 0;
  *count = 0;
  if (r->tier_count > PACT_TIERS_MAX || !tier_spans(r, spans, &n)) return PACT_ERR_OVERFLOW;
  PactWide after;
  if (__builtin_add_overflow(o->counted_base_before, (PactWide)o->base_minor, &after))
    return PACT_ERR_OVERFLOW;
  for (uint32_t i = 0; i < n; i++) {
    Ratio t0, t1, take, amount;
    if (!tier_take(&spans[i], i, ratio_make(o->counted_base_before, 1), &t0) ||
        !tier_take(&spans[i], i, ratio_make(after, 1), &t1) || !ratio_sub(t1, t0, &take) ||
        !ratio_mul(spans[i].rate, take, &amount))
      return PACT_ERR_OVERFLOW;
    SettleTierPart *part = &parts[i];
    part->rate = r->tiers[i].rate;
    part->base_exact = take.den == 1;
    part->amount_exact = amount.den == 1;
    if (money_round_quotient(take.num, take.den, PACT_ROUND_HALF_EVEN, &part->base_minor) !=
            PACT_OK ||
        money_round_quotient(amount.num, amount.den, PACT_ROUND_HALF_EVEN, &part->amount_minor) !=
            PACT_OK)
      return PACT_ERR_OVERFLOW;
    /* The amount to four more places than the currency has, for the text. */
    Ratio scaled;
    if (!ratio_mul(amount, (Ratio){10000, 1}, &scaled) ||
        money_round_quotient(scaled.num, scaled.den, PACT_ROUND_HALF_EVEN, &part->amount_e4) !=
            PACT_OK)
      return PACT_ERR_OVERFLOW;
    part->amount_e4_exact = scaled.den == 1;
  }
  *count = n;
  return PACT_OK;
}

static bool push_obligation(Settlement *s, const Obligation *o) {
  if (s->obligation_count == s->obligation_capacity) {
    size_t capacity = s->obligation_capacity ? s->obligation_capacity * 2 : 64;
    Obligation *bigger = mem_realloc(s->obligations, capacity * sizeof *bigger);
    if (!bigger) return false;
    s->obligations = bigger;
    s->obligation_capacity = capacity;
  }
  s->obligations[s->obligation_count++] = *o;
  return true;
}

/* The day a clause stops: its window, cut by the first of its milestones recorded. */
static PactDate share_end(const Settlement *s, const Share *share) {
  PactDate end = share->open_ended ? s->data_last : share->last;
  const RefList *until = &share->clause->term.until;
  for (uint32_t u = 0; u < until->count; u++)
    for (size_t i = 0; i < s->milestone_count; i++) {
      const MilestoneRecord *m = &s->milestones[i];
      if (m->recorded && str_eq(m->id, until->items[u].name) && m->date - 1 < end)
        end = m->date - 1;
    }
  return end;
}

/* Turns the difference array into running sums: prefix[i] is the base of days [0, i). */
static void share_prefix(Share *share) {
  PactWide day = 0, total = 0;
  for (uint32_t i = 0; i < share->day_capacity; i++) {
    day += share->diff[i];
    share->diff[i] = total;
    total += day;
  }
}

/* The base of days [lo, hi]. Days past the array carry none: every range added closed within
** it, so the last prefix entry is the whole sum. */
static PactWide share_base(const Share *share, PactDate lo, PactDate hi) {
  if (!share->day_capacity) return 0;
  uint32_t a = (uint32_t)(lo - share->first), b = (uint32_t)(hi - share->first) + 1;
  uint32_t top = share->day_capacity - 1;
  return share->diff[b < top ? b : top] - share->diff[a < top ? a : top];
}

/*
** A located error for an amount of one clause in one period that does not fit in 64-bit
** minor units: it names the clause (at its line in the agreement) and the period.
*/
static PactStatus overflow(Settlement *s, const Clause *c, PactPeriod p, const char *what) {
  char label[24];
  pact_period_label(c->u.share.calendar, p, label, sizeof label);
  const Version *v = &s->ag->versions[c->version];
  if (c->id_span.source)
    diag_add(s->diags, DIAG_ERROR, "E1103", c->id_span.source, c->id_span.offset, c->id_span.length,
             "pactum never wraps money; check the event amounts of that period for a typo",
             "clause '%.*s' (version %.*s), %s: %s does not fit in 64-bit minor units",
             (int)c->id.len, c->id.ptr, (int)v->name.len, v->name.ptr, label, what);
  else
    diag_add_path(s->diags, DIAG_ERROR, "E1103", s->ag->path,
                  "pactum never wraps money; check the event amounts of that period for a typo",
                  "clause '%.*s' (version %.*s), %s: %s does not fit in 64-bit minor units",
                  (int)c->id.len, c->id.ptr, (int)v->name.len, v->name.ptr, label, what);
  return PACT_ERR_OVERFLOW;
}

/*
** What the cap's count and the tiers stand on as one wording is settled, period by period.
** owed: what the count owed so far (after the caps); raw: the same with this wording's
** periods taken before this cap (so that min(cap, raw) is what a cap never cut would allow);
** base: the cumulative base the tiers read.
*/
typedef struct Running {
  int64_t owed, raw;
  PactWide base;
} Running;

static PactStatus period_obligation(Settlement *s, const Share *share, Running *run, PactPeriod p,
                                    PactDate lo, PactDate hi) {
  const RevenueShare *r = &share->clause->u.share;
  const Clause *c = share->clause;
  PactWide wide_base = share_base(share, lo, hi);
  if (wide_base > INT64_MAX || wide_base < INT64_MIN) return overflow(s, c, p, "the base");
  Obligation o = {.clause = c,
                  .period = p,
                  .first = lo,
                  .last = hi,
                  .base_minor = (int64_t)wide_base,
                  .tiered = r->tier_count > 0,
                  .counted_base_before = run->base};
  PactWide base_after;
  if (__builtin_add_overflow(run->base, wide_base, &base_after))
    return overflow(s, c, p, "the cumulative base");
  if (r->tier_count) {
    /* Owed so far is f(cumulative base), rounded once; the period owes the difference. */
    if (tier_owed(r, run->base, &o.tiers_owed_before) != PACT_OK ||
        tier_owed(r, base_after, &o.tiers_owed_after) != PACT_OK)
      return overflow(s, c, p, "the amount owed at the tiers");
    if (pact_money_sub(o.tiers_owed_after, o.tiers_owed_before, &o.uncapped_minor) != PACT_OK)
      return overflow(s, c, p, "the amount before the cap");
  } else if (pact_money_mul_rate(o.base_minor, r->rate, r->rounding, &o.uncapped_minor) !=
             PACT_OK) {
    return overflow(s, c, p, "the amount before the cap");
  }
  o.amount_minor = o.uncapped_minor;
  int64_t raw_after;
  if (pact_money_add(run->raw, o.uncapped_minor, &raw_after) != PACT_OK)
    return overflow(s, c, p, "the amount owed so far without the cap");
  if (r->has_cap) {
    /* Owed so far is min(cap, raw): the period owes what takes the count there, never more
    ** than it would without the cap and never the other way (a cap claws nothing back). */
    int64_t target = raw_after < r->cap_minor ? raw_after : r->cap_minor, step;
    if (pact_money_sub(target, run->owed, &step) != PACT_OK)
      return overflow(s, c, p, "the room under the cap");
    int64_t low = o.uncapped_minor < 0 ? o.uncapped_minor : 0;
    int64_t high = o.uncapped_minor > 0 ? o.uncapped_minor : 0;
    o.amount_minor = step < low ? low : step > high ? high : step;
    o.cap_binds = o.amount_minor != o.uncapped_minor;
  }
  if (pact_money_add(run->owed, o.amount_minor, &run->owed) != PACT_OK)
    return overflow(s, c, p, "the amount owed so far");
  run->raw = raw_after;
  run->base = base_after;
  o.cumulative_minor = run->owed;
  o.accruing = s->options.has_as_of && p.last > s->options.as_of;
  o.has_due = r->has_due;
  o.due = p.last + r->due_days;
  return push_obligation(s, &o) ? PACT_OK : PACT_ERR_NOMEM;
}

/* Does `other`'s wording count under `mine`'s cap (and tiers)? Its own, always; with
** `counting all versions`, every earlier wording of the same clause id, whatever its counting. */
static bool counts_in(const Settlement *s, const Share *mine, const Share *other) {
  (void)s;
  if (other == mine) return true;
  return mine->clause->u.share.cap_counting == CAP_ALL_VERSIONS && other->family == mine->family &&
         other < mine;
}

static PactStatus settle_share(Settlement *s, Share *share) {
  if (!s->has_data) return PACT_OK;
  PactDate start = share->first > s->data_first ? share->first : s->data_first;
  PactDate end = share_end(s, share);
  if (end > s->data_last) end = s->data_last;
  /* On a statement date, what had accrued by then: no day after it counts, and the period it
  ** falls in is cut there (and marked accruing). */
  if (s->options.has_as_of && end > s->options.as_of) end = s->options.as_of;
  share_prefix(share);
  const PactCalendar cal = share->clause->u.share.calendar;
  Running run = {0, 0, 0};
  for (Share *other = s->shares; other < share; other++)
    if (counts_in(s, share, other)) {
      if (pact_money_add(run.owed, other->owed_minor, &run.owed) != PACT_OK ||
          __builtin_add_overflow(run.base, other->base_minor, &run.base))
        return overflow(s, share->clause, pact_period_of(cal, start), "what earlier wordings owed");
    }
  run.raw = run.owed;
  int64_t owed_before = run.owed;
  PactWide base_before = run.base;
  PactStatus status = PACT_OK;
  for (PactPeriod p = pact_period_of(cal, start);
       status == PACT_OK && start <= end && p.first <= end; p = pact_period_next(cal, p)) {
    PactDate lo = p.first > start ? p.first : start, hi = p.last < end ? p.last : end;
    status = period_obligation(s, share, &run, p, lo, hi);
  }
  if (status != PACT_OK) return status;
  if (pact_money_sub(run.owed, owed_before, &share->owed_minor) != PACT_OK)
    return overflow(s, share->clause, pact_period_of(cal, end), "what this wording owed in all");
  share->base_minor = run.base - base_before;
  return PACT_OK;
}

static int obligation_order(const void *pa, const void *pb) {
  const Obligation *a = pa, *b = pb;
  if (a->first != b->first) return a->first < b->first ? -1 : 1;
  return a->clause < b->clause ? -1 : a->clause > b->clause;
}

static bool reported(const Settlement *s, const Obligation *o) {
  if (s->options.has_from && o->last < s->options.from) return false;
  return !(s->options.has_through && o->first > s->options.through);
}

static SettleTotal *total_for(Settlement *s, int32_t payer, int32_t payee) {
  size_t t = 0;
  while (t < s->total_count && (s->totals[t].payer != payer || s->totals[t].payee != payee)) t++;
  if (t == s->total_count)
    s->totals[s->total_count++] = (SettleTotal){.payer = payer, .payee = payee};
  return &s->totals[t];
}

static PactStatus add_totals(Settlement *s) {
  s->totals = mem_calloc(s->obligation_count + s->pair_credit_count + 1, sizeof *s->totals);
  if (!s->totals) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < s->obligation_count; i++) {
    const Obligation *o = &s->obligations[i];
    const RevenueShare *r = &o->clause->u.share;
    SettleTotal *t = total_for(s, r->payer.index, r->payee.index);
    if (pact_money_add(t->amount_minor, o->amount_minor, &t->amount_minor) ||
        pact_money_add(t->uncapped_minor, o->uncapped_minor, &t->uncapped_minor) ||
        pact_money_add(t->paid_minor, o->paid_minor, &t->paid_minor) ||
        pact_money_add(t->outstanding_minor, o->amount_minor - o->paid_minor,
                       &t->outstanding_minor) ||
        (o->overdue &&
         pact_money_add(t->overdue_minor, o->amount_minor - o->paid_minor, &t->overdue_minor)) ||
        (o->accruing && pact_money_add(t->accruing_minor, o->amount_minor, &t->accruing_minor)))
      return fail(s, "E1103", "a total does not fit in 64-bit minor units");
  }
  for (size_t k = 0; k < s->pair_credit_count; k++) {
    SettleTotal *t = total_for(s, s->pair_credits[k].payer, s->pair_credits[k].payee);
    t->credit_minor = s->pair_credits[k].credit_minor;
    t->received_minor = s->pair_credits[k].received_minor;
  }
  return PACT_OK;
}

/* Oldest first: by due date (an obligation without one falls due on its last day). */
static int due_order(const void *pa, const void *pb) {
  const Obligation *a = *(const Obligation *const *)pa, *b = *(const Obligation *const *)pb;
  PactDate da = a->has_due ? a->due : a->last, db = b->has_due ? b->due : b->last;
  if (da != db) return da < db ? -1 : 1;
  return obligation_order(a, b);
}

/*
** Sets the payments of one payer to one payee, dated up to the statement date, against their
** obligations oldest first. A negative obligation (an adjustment down) needs no payment: it
** lowers what is owed in total. What is left over is a credit. Returns the credit.
*/
static PactWide allocate_pair(Settlement *s, Obligation **order, size_t count, int32_t payer,
                              int32_t payee, PactWide *received) {
  PactWide pool = 0;
  for (size_t i = 0; i < s->payment_count; i++) {
    const Payment *p = &s->payments[i];
    if (p->payer == payer && p->payee == payee && p->date <= s->options.as_of)
      pool += p->amount_minor;
  }
  *received = pool;
  for (size_t i = 0; i < count; i++) {
    Obligation *o = order[i];
    if (o->amount_minor <= 0) continue;
    PactWide set = pool < o->amount_minor ? (pool > 0 ? pool : 0) : o->amount_minor;
    o->paid_minor = (int64_t)set;
    pool -= set;
    PactDate due = o->has_due ? o->due : o->last;
    o->overdue = o->paid_minor < o->amount_minor && due < s->options.as_of;
  }
  return pool;
}

static bool same_pair(const Obligation *o, int32_t payer, int32_t payee) {
  return o->clause->u.share.payer.index == payer && o->clause->u.share.payee.index == payee;
}

/* The credit left for a pair, remembered for the totals. */
static bool remember_credit(Settlement *s, int32_t payer, int32_t payee, int64_t credit,
                            int64_t received) {
  SettleTotal *t = mem_realloc(s->pair_credits, (s->pair_credit_count + 1) * sizeof *t);
  if (!t) return false;
  s->pair_credits = t;
  t[s->pair_credit_count++] = (SettleTotal){
      .payer = payer, .payee = payee, .credit_minor = credit, .received_minor = received};
  return true;
}

/* Each pair of payer and payee, with obligations or payments, settled on its own. */
static PactStatus allocate_payments(Settlement *s) {
  if (!s->options.has_as_of) return PACT_OK;
  size_t count = s->obligation_count;
  Obligation **order = mem_malloc((count + 1) * sizeof *order);
  Obligation **pair = mem_malloc((count + 1) * sizeof *pair);
  PactStatus status = order && pair ? PACT_OK : PACT_ERR_NOMEM;
  for (size_t i = 0; status == PACT_OK && i < count; i++) order[i] = &s->obligations[i];
  if (status == PACT_OK && count > 1) qsort(order, count, sizeof *order, due_order);
  /* The pairs: those owing, then those only paying. */
  for (size_t i = 0; status == PACT_OK && i < count + s->payment_count; i++) {
    int32_t payer, payee;
    if (i < count) {
      payer = order[i]->clause->u.share.payer.index;
      payee = order[i]->clause->u.share.payee.index;
    } else {
      payer = s->payments[i - count].payer;
      payee = s->payments[i - count].payee;
    }
    bool seen = false;
    for (size_t k = 0; k < s->pair_credit_count && !seen; k++)
      seen = s->pair_credits[k].payer == payer && s->pair_credits[k].payee == payee;
    if (seen) continue;
    size_t n = 0;
    for (size_t k = 0; k < count; k++)
      if (same_pair(order[k], payer, payee)) pair[n++] = order[k];
    PactWide received;
    PactWide credit = allocate_pair(s, pair, n, payer, payee, &received);
    if (credit > INT64_MAX || credit < INT64_MIN || received > INT64_MAX) {
      const Str *from = &s->ag->parties[payer].id, *to = &s->ag->parties[payee].id;
      diag_add_path(s->diags, DIAG_ERROR, "E1103", s->events_path ? s->events_path : s->ag->path,
                    "pactum never wraps money; check the payment amounts for a typo",
                    "the payments from '%.*s' to '%.*s' do not fit in 64-bit minor units",
                    (int)from->len, from->ptr, (int)to->len, to->ptr);
      status = PACT_ERR_OVERFLOW;
    } else if (!remember_credit(s, payer, payee, (int64_t)credit, (int64_t)received)) {
      status = PACT_ERR_NOMEM;
    }
  }
  free(order);
  free(pair);
  return status;
}

PactStatus settle_finish(Settlement *s) {
  names_report(s->names, s->diags);
  PactStatus status = PACT_OK;
  for (size_t i = 0; i < s->share_count && status == PACT_OK; i++)
    status = settle_share(s, &s->shares[i]);
  if (status != PACT_OK) return status;
  if (s->obligation_count > 1)
    qsort(s->obligations, s->obligation_count, sizeof *s->obligations, obligation_order);
  status = allocate_payments(s);
  if (status != PACT_OK) return status;
  size_t kept = 0;
  for (size_t i = 0; i < s->obligation_count; i++)
    if (reported(s, &s->obligations[i])) s->obligations[kept++] = s->obligations[i];
  s->obligation_count = kept;
  s->finished = true;
  return add_totals(s);
}

/* ---------------------------------------------------------------- reading */

const Obligation *settle_obligations(const Settlement *s, size_t *count) {
  *count = s->obligation_count;
  return s->obligations;
}

const SettleTotal *settle_totals(const Settlement *s, size_t *count) {
  *count = s->total_count;
  return s->totals;
}

const Agreement *settle_agreement(const Settlement *s) { return s->ag; }

const SettleOptions *settle_options(const Settlement *s) { return &s->options; }

const Str *settle_party_id(const Settlement *s, int32_t index) { return &s->ag->parties[index].id; }

const SettlePayment *settle_payments(const Settlement *s, size_t *count) {
  *count = s->payment_count;
  return s->payments;
}

void settle_json_pair(JsonWriter *w, const Settlement *s, int32_t payer_index,
                      int32_t payee_index) {
  const Str *payer = settle_party_id(s, payer_index), *payee = settle_party_id(s, payee_index);
  json_key(w, "payer");
  json_string(w, payer->ptr, payer->len);
  json_key(w, "payee");
  json_string(w, payee->ptr, payee->len);
}

const char *settle_standing(const Obligation *o) {
  if (o->accruing) return "accruing";
  if (o->amount_minor < 0) return "credit";
  if (o->amount_minor == 0) return "none";
  if (o->paid_minor >= o->amount_minor) return "paid";
  return o->overdue ? "overdue" : "open";
}

static const Share *share_of(const Settlement *s, const Clause *clause) {
  for (size_t i = 0; i < s->share_count; i++)
    if (s->shares[i].clause == clause) return &s->shares[i];
  return NULL;
}

bool settle_event_part(const Settlement *s, const Obligation *o, const Event *e, int64_t *part) {
  const Share *share = share_of(s, o->clause);
  if (!share || !e->has_amount || !share_takes(share, e)) return false;
  PactDate last = e->has_end ? e->end : e->date;
  PactDate lo = e->date > o->first ? e->date : o->first, hi = last < o->last ? last : o->last;
  if (lo > hi) return false;
  *part = pact_money_split_range(e->amount_minor, (int64_t)last - e->date + 1, lo - e->date,
                                 (int64_t)hi - lo + 1);
  return true;
}

const Obligation *settle_cap_reached(const Settlement *s, const Obligation *o) {
  const Share *mine = share_of(s, o->clause);
  for (size_t i = 0; mine && i < s->obligation_count; i++) {
    const Share *other = share_of(s, s->obligations[i].clause);
    if (other && counts_in(s, mine, other) && s->obligations[i].cap_binds &&
        other->clause->u.share.has_cap &&
        other->clause->u.share.cap_minor == o->clause->u.share.cap_minor)
      return &s->obligations[i];
  }
  return NULL;
}

bool settle_ended_by(const Settlement *s, const Clause *clause, Str *milestone, PactDate *day) {
  const RefList *until = &clause->term.until;
  bool found = false;
  for (uint32_t u = 0; u < until->count; u++)
    for (size_t i = 0; i < s->milestone_count; i++) {
      const MilestoneRecord *m = &s->milestones[i];
      if (m->recorded && str_eq(m->id, until->items[u].name) && (!found || m->date < *day)) {
        *milestone = m->id;
        *day = m->date;
        found = true;
      }
    }
  return found;
}

void settle_free(Settlement *s) {
  if (!s) return;
  for (size_t i = 0; i < s->share_count; i++) free(s->shares[i].diff);
  free(s->shares);
  free(s->milestones);
  free(s->obligations);
  free(s->totals);
  for (size_t i = 0; i < s->payment_count; i++) free(s->payments[i].id);
  free(s->payments);
  free(s->pair_credits);
  names_free(s->names);
  free(s);
}
