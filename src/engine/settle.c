/*
** settle.c -- settlement of every revenue-share clause over a stream of events.
** Bases are kept per clause and day as difference arrays, so a span event costs O(1) and
** memory depends on the days a clause is in force, never on the number of events.
** Here the settlement is set up, takes its events and is read; settle_obligations.c finishes it.
*/
#include "engine/settle.h"

#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/mem.h"
#include "base/money.h"
#include "base/strmap.h"
#include "engine/settle_int.h"
#include "events/names.h"
#include "events/rights.h"

/* ---------------------------------------------------------------- setting up */

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
  pact_assert(share->first <= lo && lo <= hi && hi <= share->last);
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
  if (s->stage != SETTLE_OPEN) return PACT_ERR_MISUSE;
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
  /* Two open settlements of the same agreement (so with the same shares and milestones). */
  if (into == from || into->stage != SETTLE_OPEN || from->stage != SETTLE_OPEN ||
      into->ag != from->ag)
    return PACT_ERR_MISUSE;
  pact_assert(into->share_count == from->share_count &&
              into->milestone_count == from->milestone_count);
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

PactStatus settle_clone(const Settlement *from, DiagList *diags, Settlement **out) {
  *out = NULL;
  if (from->stage != SETTLE_OPEN) return PACT_ERR_MISUSE;
  Settlement *s;
  PactStatus status = settle_begin(from->ag, &from->options, diags, &s);
  if (status != PACT_OK) return status;
  for (size_t i = 0; i < s->share_count && status == PACT_OK; i++) {
    const Share *b = &from->shares[i];
    if (b->day_capacity == 0) continue;
    if (!share_reserve(&s->shares[i], b->day_capacity - 1)) status = PACT_ERR_NOMEM;
    else memcpy(s->shares[i].diff, b->diff, b->day_capacity * sizeof *b->diff);
  }
  memcpy(s->milestones, from->milestones, from->milestone_count * sizeof *s->milestones);
  s->has_data = from->has_data;
  s->data_first = from->data_first;
  s->data_last = from->data_last;
  s->events_path = from->events_path;
  memcpy(s->takers, from->takers, sizeof s->takers);
  if (status == PACT_OK && from->payment_count) {
    s->payments = mem_malloc(from->payment_count * sizeof *s->payments);
    if (!s->payments) status = PACT_ERR_NOMEM;
    else s->payment_capacity = from->payment_count;
  }
  for (size_t i = 0; status == PACT_OK && i < from->payment_count; i++) {
    Payment p = from->payments[i];
    if (!(p.id = mem_strdup(p.id))) status = PACT_ERR_NOMEM;
    else s->payments[s->payment_count++] = p;
  }
  if (status != PACT_OK) {
    settle_free(s);
    return status;
  }
  *out = s;
  return PACT_OK;
}

/* ---------------------------------------------------------------- reading */

PactStatus settle_readable(const Settlement *s) {
  return s->stage == SETTLE_FINISHED ? PACT_OK : PACT_ERR_MISUSE;
}

const Obligation *settle_obligations(const Settlement *s, size_t *count) {
  bool ready = s->stage == SETTLE_FINISHED;
  *count = ready ? s->obligation_count : 0;
  return ready ? s->obligations : NULL;
}

const SettleTotal *settle_totals(const Settlement *s, size_t *count) {
  bool ready = s->stage == SETTLE_FINISHED;
  *count = ready ? s->total_count : 0;
  return ready ? s->totals : NULL;
}

const Agreement *settle_agreement(const Settlement *s) { return s->ag; }

const SettleOptions *settle_options(const Settlement *s) { return &s->options; }

const Str *settle_party_id(const Settlement *s, int32_t index) {
  pact_assert(index >= 0 && (uint32_t)index < s->ag->party_count);
  return &s->ag->parties[index].id;
}

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

const Share *settle_share_of(const Settlement *s, const Clause *clause) {
  for (size_t i = 0; i < s->share_count; i++)
    if (s->shares[i].clause == clause) return &s->shares[i];
  return NULL;
}

bool settle_event_part(const Settlement *s, const Obligation *o, const Event *e, int64_t *part) {
  const Share *share = settle_share_of(s, o->clause);
  if (NEVER(!share) || !e->has_amount || !share_takes(share, e)) return false;
  PactDate last = e->has_end ? e->end : e->date;
  PactDate lo = e->date > o->first ? e->date : o->first, hi = last < o->last ? last : o->last;
  if (lo > hi) return false;
  *part = pact_money_split_range(e->amount_minor, (int64_t)last - e->date + 1, lo - e->date,
                                 (int64_t)hi - lo + 1);
  return true;
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
