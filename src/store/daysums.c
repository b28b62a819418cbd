/*
** daysums.c -- see daysums.h. Groups (kind, party, stream, currency) are kept once each; the
** sums are an open-addressing table keyed on group and day. Events in a row mostly share their
** group, so the last group found is asked first.
*/
#include "store/daysums.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"

typedef struct Group {
  EventKind kind;
  EventText party, stream; /* copies in the arena */
  PactCurrency currency;
} Group;

typedef struct Slot {
  uint64_t key; /* group index + 1 in the high half, day in the low; 0: empty */
  int64_t amount_minor;
  int64_t events;
} Slot;

struct DaySums {
  Arena arena;
  Group *groups;
  uint32_t group_count;
  int32_t last_group;
  Slot *slots;
  size_t capacity, count; /* capacity: a power of two */
  size_t *order;          /* slot of the i-th sum, in the order first met */
  bool overflowed;
};

bool day_sums_takes(const Event *e) {
  if (e->kind != EVENT_REVENUE && e->kind != EVENT_PROFIT) return false;
  if (!e->has_amount || e->amount_minor == INT64_MIN || !e->party.len) return false;
  if (e->ref.len || e->counterparty.len) return false;
  return !e->has_end || (int64_t)e->end - e->date < DAY_SUMS_SPAN_MAX;
}

DaySums *day_sums_new(void) {
  DaySums *d = mem_calloc(1, sizeof *d);
  if (!d) return NULL;
  arena_init(&d->arena);
  d->last_group = -1;
  return d;
}

void day_sums_free(DaySums *d) {
  if (!d) return;
  arena_free(&d->arena);
  free(d->slots);
  free(d->order);
  free(d);
}

bool day_sums_overflowed(const DaySums *d) { return d->overflowed; }
size_t day_sums_count(const DaySums *d) { return d->count; }

static bool text_same(EventText a, EventText b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static bool group_is(const Group *g, const Event *e) {
  return g->kind == e->kind && text_same(g->party, e->party) && text_same(g->stream, e->stream) &&
         strcmp(g->currency.code, e->currency.code) == 0;
}

static EventText text_copy(Arena *arena, EventText t, bool *ok) {
  if (!t.len) return t;
  char *copy = arena_strndup(arena, t.ptr, t.len);
  if (!copy) *ok = false;
  return (EventText){copy, t.len};
}

/* The group's index, found or added; -1 when memory runs out. A ledger's events have a few
** groups (a party's streams), so a linear search behind the last-found cache is enough. */
static int32_t group_of(DaySums *d, const Event *e) {
  if (d->last_group >= 0 && group_is(&d->groups[d->last_group], e)) return d->last_group;
  for (uint32_t i = 0; i < d->group_count; i++)
    if (group_is(&d->groups[i], e)) return d->last_group = (int32_t)i;
  if (d->group_count >= INT32_MAX - 1) return -1;
  Group *g = arena_push(&d->arena, (void **)&d->groups, d->group_count, sizeof *g);
  if (!g) return -1;
  bool ok = true;
  *g = (Group){e->kind, text_copy(&d->arena, e->party, &ok), text_copy(&d->arena, e->stream, &ok),
               e->currency};
  if (!ok) return -1;
  d->groups = g - d->group_count;
  return d->last_group = (int32_t)d->group_count++;
}

static inline uint64_t slot_hash(uint64_t key) {
  key ^= key >> 31;
  key *= 0x9E3779B97F4A7C15ull;
  return key ^ (key >> 29);
}

static bool grow(DaySums *d) {
  size_t capacity = d->capacity ? d->capacity * 2 : 1024;
  Slot *slots = mem_calloc(capacity, sizeof *slots);
  size_t *order = mem_realloc(d->order, capacity / 2 * sizeof *order);
  if (!slots || !order) {
    free(slots);
    if (order) d->order = order;
    return false;
  }
  d->order = order;
  for (size_t i = 0; i < d->count; i++) {
    const Slot *old = &d->slots[d->order[i]];
    size_t at = slot_hash(old->key) & (capacity - 1);
    while (slots[at].key) at = (at + 1) & (capacity - 1);
    slots[at] = *old;
    d->order[i] = at;
  }
  free(d->slots);
  d->slots = slots;
  d->capacity = capacity;
  return true;
}

static PactStatus add_day(DaySums *d, int32_t group, PactDate day, int64_t part, int64_t events) {
  if (d->count + 1 > d->capacity / 2 && !grow(d)) return PACT_ERR_NOMEM;
  uint64_t key = (uint64_t)(group + 1) << 32 | (uint32_t)day;
  size_t at = slot_hash(key) & (d->capacity - 1);
  while (d->slots[at].key && d->slots[at].key != key) at = (at + 1) & (d->capacity - 1);
  Slot *slot = &d->slots[at];
  if (!slot->key) {
    slot->key = key;
    d->order[d->count++] = at;
  }
  if (__builtin_add_overflow(slot->amount_minor, part, &slot->amount_minor) ||
      __builtin_add_overflow(slot->events, events, &slot->events))
    d->overflowed = true;
  return PACT_OK;
}

/* An event's parts on its days, with the sign given (1: added, -1: taken out). */
static PactStatus add_parts(DaySums *d, const Event *e, int64_t sign_of_event) {
  int32_t group = group_of(d, e);
  if (group < 0) return PACT_ERR_NOMEM;
  PactDate last = e->has_end ? e->end : e->date;
  if (last == e->date)
    return add_day(d, group, e->date, sign_of_event * e->amount_minor, sign_of_event);
  uint64_t q, r;
  int64_t sign;
  event_span_split(e->amount_minor, e->date, last, &q, &r, &sign);
  /* Every day of the span has a sum, a day whose part is zero too: the days the events cover
  ** are part of what a settlement reads (the data's first and last day). */
  for (PactDate day = e->date; day <= last; day++) {
    uint64_t part = q + ((uint64_t)(day - e->date) < r ? 1 : 0);
    PactStatus status = add_day(d, group, day, sign_of_event * sign * (int64_t)part, sign_of_event);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

PactStatus day_sums_add(DaySums *d, const Event *e) { return add_parts(d, e, 1); }

PactStatus day_sums_take(DaySums *d, const Event *e) { return add_parts(d, e, -1); }

PactStatus day_sums_put(DaySums *d, const DaySum *sum) {
  Event e;
  day_sum_event(sum, &e);
  int32_t group = group_of(d, &e);
  if (group < 0) return PACT_ERR_NOMEM;
  return add_day(d, group, sum->day, sum->amount_minor, sum->events);
}

void day_sums_get(const DaySums *d, size_t index, DaySum *out) {
  const Slot *slot = &d->slots[d->order[index]];
  const Group *g = &d->groups[(slot->key >> 32) - 1];
  *out = (DaySum){g->kind,
                  g->party,
                  g->stream,
                  g->currency,
                  (PactDate)(uint32_t)slot->key,
                  slot->amount_minor,
                  slot->events};
}

void day_sum_event(const DaySum *sum, Event *out) {
  memset(out, 0, sizeof *out);
  out->kind = sum->kind;
  out->date = sum->day;
  out->party = sum->party;
  out->stream = sum->stream;
  out->has_amount = true;
  out->amount_minor = sum->amount_minor;
  out->currency = sum->currency;
}
