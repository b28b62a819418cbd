/*
** months.c -- see months.h. The rows are an open-addressing table keyed on the months they
** cover; events in a row of a file mostly share their day, so the last day's month and the
** last row found are asked first.
*/
#include "store/months.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

typedef struct Row {
  int32_t first, last;
  uint64_t events, digest;
  char *ids[2]; /* the first and the last id, each in a buffer of its own */
  uint32_t len[2], room[2];
} Row;

struct EventMonths {
  Row *rows;
  size_t count, room;
  uint32_t *slots;  /* row index + 1; 0: empty */
  size_t capacity;  /* a power of two */
  int32_t last_row; /* the row the last event was counted in, or -1 */
  bool has_day;
  PactDate day; /* the last day whose month was asked, and its month */
  int32_t month;
};

int32_t event_month(PactDate day) {
  int year, month, d;
  pact_date_to_ymd(day, &year, &month, &d);
  return year * 12 + month - 1;
}

void event_months_of(const Event *e, int32_t *first, int32_t *last, bool *short_span) {
  *first = event_month(e->date);
  *last = e->has_end ? event_month(e->end) : *first;
  *short_span = !e->has_end || (int64_t)e->end - e->date < EVENT_MONTHS_SPAN_MAX;
}

int event_id_order(EventText a, EventText b) {
  uint32_t n = a.len < b.len ? a.len : b.len;
  int c = n ? memcmp(a.ptr, b.ptr, n) : 0;
  return c ? c : (a.len > b.len) - (a.len < b.len);
}

EventMonths *event_months_new(void) {
  EventMonths *m = mem_calloc(1, sizeof *m);
  if (m) m->last_row = -1;
  return m;
}

void event_months_free(EventMonths *m) {
  if (!m) return;
  for (size_t i = 0; i < m->count; i++) free(m->rows[i].ids[0]), free(m->rows[i].ids[1]);
  free(m->rows);
  free(m->slots);
  free(m);
}

size_t event_months_count(const EventMonths *m) { return m->count; }

void event_months_get(const EventMonths *m, size_t index, EventMonthRow *out) {
  const Row *r = &m->rows[index];
  *out = (EventMonthRow){
      r->first, r->last, r->events, r->digest, {r->ids[0], r->len[0]}, {r->ids[1], r->len[1]}};
}

static inline uint64_t key_of(int32_t first, int32_t last) {
  return (uint64_t)(uint32_t)first << 32 | (uint32_t)last;
}

static inline size_t slot_of(uint64_t key, size_t capacity) {
  key ^= key >> 29;
  key *= 0x9E3779B97F4A7C15ull;
  return (size_t)(key ^ (key >> 32)) & (capacity - 1);
}

static bool grow(EventMonths *m) {
  size_t capacity = m->capacity ? m->capacity * 2 : 256;
  uint32_t *slots = mem_calloc(capacity, sizeof *slots);
  if (!slots) return false;
  for (size_t i = 0; i < m->count; i++) {
    size_t at = slot_of(key_of(m->rows[i].first, m->rows[i].last), capacity);
    while (slots[at]) at = (at + 1) & (capacity - 1);
    slots[at] = (uint32_t)i + 1;
  }
  free(m->slots);
  m->slots = slots;
  m->capacity = capacity;
  return true;
}

/* The row of those months, found or added; NULL when memory runs out. */
static Row *row_of(EventMonths *m, int32_t first, int32_t last) {
  if (m->last_row >= 0 && m->rows[m->last_row].first == first && m->rows[m->last_row].last == last)
    return &m->rows[m->last_row];
  if (m->count + 1 > m->capacity / 2 && (m->count >= UINT32_MAX - 1 || !grow(m))) return NULL;
  uint64_t key = key_of(first, last);
  size_t at = slot_of(key, m->capacity);
  while (m->slots[at] &&
         key_of(m->rows[m->slots[at] - 1].first, m->rows[m->slots[at] - 1].last) != key)
    at = (at + 1) & (m->capacity - 1);
  if (!m->slots[at]) {
    if (m->count == m->room) {
      size_t room = m->room ? m->room * 2 : 64;
      Row *rows = mem_realloc(m->rows, room * sizeof *rows);
      if (!rows) return NULL;
      m->rows = rows;
      m->room = room;
    }
    m->rows[m->count] = (Row){first, last, 0, 0, {NULL, NULL}, {0, 0}, {0, 0}};
    m->slots[at] = (uint32_t)++m->count;
  }
  m->last_row = (int32_t)m->slots[at] - 1;
  return &m->rows[m->last_row];
}

/* Keeps id as the row's first (which 0) or last (1) id. */
static bool keep_id(Row *r, int which, EventText id) {
  if (id.len + 1 > r->room[which]) {
    uint32_t room = id.len + 1 < 32 ? 32 : id.len + 1;
    char *buf = mem_realloc(r->ids[which], room);
    if (!buf) return false;
    r->ids[which] = buf;
    r->room[which] = room;
  }
  if (id.len) memcpy(r->ids[which], id.ptr, id.len);
  r->ids[which][id.len] = '\0';
  r->len[which] = id.len;
  return true;
}

static PactStatus count_in(EventMonths *m, int32_t first, int32_t last, const Event *e,
                           uint64_t digest) {
  Row *r = row_of(m, first, last);
  if (!r) return PACT_ERR_NOMEM;
  if (r->events == 0) {
    if (!keep_id(r, 0, e->id) || !keep_id(r, 1, e->id)) return PACT_ERR_NOMEM;
  } else if (event_id_order(e->id, (EventText){r->ids[1], r->len[1]}) > 0) {
    if (!keep_id(r, 1, e->id)) return PACT_ERR_NOMEM;
  } else if (event_id_order(e->id, (EventText){r->ids[0], r->len[0]}) < 0) {
    if (!keep_id(r, 0, e->id)) return PACT_ERR_NOMEM;
  }
  r->events++;
  r->digest += digest;
  return PACT_OK;
}

PactStatus event_months_add(EventMonths *m, const Event *e, uint64_t digest) {
  int32_t first, last;
  bool short_span;
  if (!e->has_end && m->has_day && e->date == m->day) {
    first = last = m->month;
    short_span = true;
  } else {
    event_months_of(e, &first, &last, &short_span);
    m->has_day = true;
    m->day = e->date;
    m->month = first;
  }
  if (!short_span) return count_in(m, first, last, e, digest);
  for (int32_t month = first; month <= last; month++) {
    PactStatus status = count_in(m, month, month, e, digest);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}
