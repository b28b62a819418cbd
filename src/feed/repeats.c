/*
** repeats.c -- see repeats.h. Fingerprints are appended to chunked lists, one list per value of
** the hash's top eight bits, and sorted out list by list in an open-addressed table.
*/
#define _DEFAULT_SOURCE /* madvise */
#include "feed/repeats.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "base/mem.h"

enum {
  REPEATS_LISTS = 1 << REPEATS_LIST_BITS,
  REPEATS_ENTRY_BYTES = 6,  /* the hash's low 48 bits */
  REPEATS_CHUNK_FIRST = 16, /* entries in a list's first chunk: small files stay small */
  REPEATS_CHUNK_MAX = 1024, /* and at most, so that a list wastes at most 6 KB */
  /* Past this many fingerprints, full-size chunks are cut from 2 MiB slabs the kernel may back
  ** with huge pages: ten million events touch 60 MB, and a fault per 4 KB page of it costs
  ** more than sorting the fingerprints out (most of all in a virtual machine). */
  REPEATS_SLAB_AFTER = 1 << 16,
  REPEATS_SLAB_BYTES = 2 << 20
};

typedef struct Chunk {
  struct Chunk *next;
  uint32_t count, capacity;
  uint32_t in_slab;        /* cut from a slab: freed with the slabs, not alone */
  unsigned char entries[]; /* capacity x 6 bytes */
} Chunk;

/* A slab's allocation starts with this; the slab itself is the next 2 MiB boundary on. */
typedef struct Slab {
  struct Slab *next;
} Slab;

/* Where a list's next entry goes, and where its last chunk ends: all that an add touches
** besides the entry itself, 4 KB for every list, so that it stays in the first-level cache. */
typedef struct Cursor {
  unsigned char *next, *end;
} Cursor;

struct Repeats {
  Cursor cursor[REPEATS_LISTS];
  Chunk *head[REPEATS_LISTS];
  Chunk *tail[REPEATS_LISTS]; /* its count is kept in the cursor until the chunk fills */
  uint64_t count;
  Slab *slabs;
  unsigned char *slab_next, *slab_end; /* the room left in the newest slab */
};

Repeats *repeats_new(void) { return mem_calloc(1, sizeof(Repeats)); }

static void list_free(Chunk *chunk) {
  while (chunk) {
    Chunk *next = chunk->next;
    if (!chunk->in_slab) free(chunk);
    chunk = next;
  }
}

static void slabs_free(Repeats *r) {
  for (Slab *slab = r->slabs, *next; slab; slab = next) {
    next = slab->next;
    free(slab);
  }
  r->slabs = NULL;
  r->slab_next = r->slab_end = NULL;
}

void repeats_free(Repeats *r) {
  if (!r) return;
  for (uint32_t i = 0; i < REPEATS_LISTS; i++) list_free(r->head[i]);
  slabs_free(r);
  free(r);
}

/* Room for one chunk of size bytes from the newest slab, or a new one; NULL when memory runs
** out. The room before the slab's boundary holds its header; the pages are asked for as huge
** ones where the kernel offers them (MADV_HUGEPAGE, a hint: without it they are small). */
static void *slab_take(Repeats *r, size_t size) {
  if ((size_t)(r->slab_end - r->slab_next) < size) {
    unsigned char *raw = mem_malloc(2 * (size_t)REPEATS_SLAB_BYTES + sizeof(Slab));
    if (!raw) return NULL;
    uintptr_t at = ((uintptr_t)raw + sizeof(Slab) + REPEATS_SLAB_BYTES - 1) &
                   ~(uintptr_t)(REPEATS_SLAB_BYTES - 1);
    Slab *slab = (Slab *)raw;
    slab->next = r->slabs;
    r->slabs = slab;
    r->slab_next = raw + (at - (uintptr_t)raw);
    r->slab_end = r->slab_next + REPEATS_SLAB_BYTES;
#ifdef MADV_HUGEPAGE
    (void)madvise(r->slab_next, REPEATS_SLAB_BYTES, MADV_HUGEPAGE);
#endif
  }
  void *chunk = r->slab_next;
  r->slab_next += (size + 15) & ~(size_t)15;
  return chunk;
}

uint64_t repeats_count(const Repeats *r) { return r->count; }

/* Writes the count of list i's last chunk back from its cursor. */
static void cursor_settle(Repeats *r, uint32_t i) {
  Chunk *c = r->tail[i];
  if (c) c->count = (uint32_t)((r->cursor[i].next - c->entries) / REPEATS_ENTRY_BYTES);
}

/* A new last chunk for list i, twice the size of the one before, up to the most. */
static bool chunk_add(Repeats *r, uint32_t i) {
  cursor_settle(r, i);
  uint32_t capacity = r->tail[i] ? r->tail[i]->capacity * 2 : REPEATS_CHUNK_FIRST;
  if (capacity > REPEATS_CHUNK_MAX) capacity = REPEATS_CHUNK_MAX;
  size_t size = sizeof(Chunk) + (size_t)capacity * REPEATS_ENTRY_BYTES;
  bool in_slab = capacity == REPEATS_CHUNK_MAX && r->count >= REPEATS_SLAB_AFTER;
  Chunk *c = in_slab ? slab_take(r, size) : mem_malloc(size);
  if (!c) return false;
  c->in_slab = in_slab;
  c->next = NULL;
  c->count = 0;
  c->capacity = capacity;
  if (r->tail[i]) r->tail[i]->next = c;
  else r->head[i] = c;
  r->tail[i] = c;
  r->cursor[i] = (Cursor){c->entries, c->entries + (size_t)capacity * REPEATS_ENTRY_BYTES};
  return true;
}

bool repeats_add(Repeats *r, uint64_t hash) {
  uint32_t i = (uint32_t)(hash >> (64 - REPEATS_LIST_BITS));
  Cursor *cursor = &r->cursor[i];
  if (cursor->next == cursor->end && !chunk_add(r, i)) return false;
  uint32_t low = (uint32_t)hash;
  uint16_t high = (uint16_t)(hash >> 32);
  memcpy(cursor->next, &low, 4);
  memcpy(cursor->next + 4, &high, 2);
  cursor->next += REPEATS_ENTRY_BYTES;
  r->count++;
  return true;
}

bool repeats_merge(Repeats *into, Repeats *from) {
  for (uint32_t i = 0; i < REPEATS_LISTS; i++) {
    if (!from->head[i]) continue;
    cursor_settle(into, i);
    cursor_settle(from, i);
    if (into->tail[i]) into->tail[i]->next = from->head[i];
    else into->head[i] = from->head[i];
    into->tail[i] = from->tail[i];
    into->cursor[i] = from->cursor[i];
    from->head[i] = from->tail[i] = NULL;
    from->cursor[i] = (Cursor){NULL, NULL};
  }
  into->count += from->count;
  from->count = 0;
  /* The slabs go with the chunks cut from them; into's own newest slab stays its newest. */
  Slab **end = &into->slabs;
  while (*end) end = &(*end)->next;
  *end = from->slabs;
  from->slabs = NULL;
  from->slab_next = from->slab_end = NULL;
  return true;
}

/* ---------------------------------------------------------------- suspects */

static const uint64_t STORED = (uint64_t)1 << 48; /* never set in a fingerprint */

static uint32_t slot_of(uint64_t key, uint32_t mask) {
  return (uint32_t)((key * 0x9E3779B97F4A7C15u) >> 32) & mask;
}

/* Adds key to an open-addressed table with room; true when it was there already. */
static bool table_put(uint64_t *slots, uint32_t mask, uint64_t key) {
  for (uint32_t at = slot_of(key, mask);; at = (at + 1) & mask) {
    if (slots[at] == 0) {
      slots[at] = key;
      return false;
    }
    if (slots[at] == key) return true;
  }
}

static bool suspects_grow(Suspects *s) {
  uint32_t capacity = s->slots ? (s->mask + 1) * 2 : 64;
  uint64_t *slots = mem_calloc(capacity, sizeof *slots);
  if (!slots) return false;
  for (uint32_t i = 0; s->slots && i <= s->mask; i++)
    if (s->slots[i]) table_put(slots, capacity - 1, s->slots[i]);
  free(s->slots);
  s->slots = slots;
  s->mask = capacity - 1;
  return true;
}

static bool suspects_add(Suspects *s, uint64_t fingerprint) {
  if ((!s->slots || (s->count + 1) * 2 > s->mask + 1) && !suspects_grow(s)) return false;
  if (!table_put(s->slots, s->mask, fingerprint | STORED)) s->count++;
  return true;
}

bool suspects_has(const Suspects *s, uint64_t hash) {
  if (!s->count) return false;
  uint64_t key = repeats_fingerprint(hash) | STORED;
  for (uint32_t at = slot_of(key, s->mask);; at = (at + 1) & s->mask) {
    if (s->slots[at] == key) return true;
    if (s->slots[at] == 0) return false;
  }
}

void suspects_free(Suspects *s) {
  free(s->slots);
  *s = (Suspects){0};
}

/* Every entry of list i, put into a table sized for the longest list: the ones met before go
** into the suspects, as whole fingerprints (the list's number is their top bits). */
/* Puts a batch of keys into the table, each slot fetched ahead of its turn: the table is
** larger than the first-level cache, and its slots are met at random. */
static bool put_batch(const uint64_t *keys, uint32_t n, uint64_t *table, uint32_t mask,
                      uint64_t top, Suspects *out) {
  for (uint32_t k = 0; k < n; k++) __builtin_prefetch(&table[(uint32_t)keys[k] & mask], 1);
  for (uint32_t k = 0; k < n; k++) {
    uint64_t key = keys[k] | STORED;
    for (uint32_t at = (uint32_t)key & mask;; at = (at + 1) & mask) {
      if (table[at] >> (64 - REPEATS_LIST_BITS) != top || table[at] == 0) {
        table[at] = key;
        break;
      }
      if (table[at] == key) {
        if (!suspects_add(out, keys[k])) return false;
        break;
      }
    }
  }
  return true;
}

/* Every entry of list i, put into a table sized for it: the ones met before go into the
** suspects, as whole fingerprints (the list's number is their top bits). The fingerprints'
** low bits are a hash's: they place a key in the table as they are. A slot holding another
** list's key is empty for this one, so the table is cleared once, not once per list. */
static bool sort_list(Repeats *r, uint32_t i, uint64_t *table, uint32_t mask, Suspects *out) {
  enum { BATCH = 32 };
  uint64_t keys[BATCH];
  uint32_t n = 0;
  bool ok = true;
  const uint64_t top = (uint64_t)i << (64 - REPEATS_LIST_BITS);
  for (Chunk *c = r->head[i]; c && ok; c = c->next)
    for (uint32_t k = 0; k < c->count && ok; k++) {
      uint32_t low;
      uint16_t high;
      memcpy(&low, c->entries + (size_t)k * REPEATS_ENTRY_BYTES, 4);
      memcpy(&high, c->entries + (size_t)k * REPEATS_ENTRY_BYTES + 4, 2);
      keys[n++] = top | (uint64_t)high << 32 | low;
      if (n == BATCH) {
        ok = put_batch(keys, n, table, mask, i, out);
        n = 0;
      }
    }
  if (ok && n) ok = put_batch(keys, n, table, mask, i, out);
  list_free(r->head[i]);
  r->head[i] = r->tail[i] = NULL;
  r->cursor[i] = (Cursor){NULL, NULL};
  return ok;
}

static uint64_t list_length(const Repeats *r, uint32_t i) {
  uint64_t n = 0;
  for (const Chunk *c = r->head[i]; c; c = c->next) n += c->count;
  return n;
}

/* Room for twice a list's entries, at least 64 slots. */
static uint64_t table_capacity(uint64_t entries) {
  uint64_t capacity = 64;
  while (capacity < entries + entries / 2) capacity *= 2;
  return capacity;
}

/* The lists [from, to) sorted out into their own suspects, with their own table. */
typedef struct SortJob {
  Repeats *repeats;
  uint32_t from, to;
  Suspects suspects;
  PactStatus status;
} SortJob;

static void *sort_lists(void *arg) {
  SortJob *job = arg;
  Repeats *r = job->repeats;
  uint64_t longest = 0;
  for (uint32_t i = job->from; i < job->to; i++) {
    uint64_t n = list_length(r, i);
    if (n > longest) longest = n;
  }
  job->status = PACT_OK;
  if (!longest) return NULL;
  if (table_capacity(longest) > UINT32_MAX) {
    job->status = PACT_ERR_NOMEM;
    return NULL;
  }
  uint64_t *table = mem_calloc(table_capacity(longest), sizeof *table);
  if (!table) job->status = PACT_ERR_NOMEM;
  for (uint32_t i = job->from; i < job->to && job->status == PACT_OK; i++) {
    if (!r->head[i]) continue;
    uint64_t capacity = table_capacity(list_length(r, i));
    if (!sort_list(r, i, table, (uint32_t)(capacity - 1), &job->suspects))
      job->status = PACT_ERR_NOMEM;
  }
  free(table);
  return NULL;
}

/* Below this many fingerprints one thread sorts them out: a thread costs more than it saves. */
enum { REPEATS_THREADED_MIN = 1 << 20 };

PactStatus repeats_suspects(Repeats *r, Suspects *out) {
  *out = (Suspects){0};
  for (uint32_t i = 0; i < REPEATS_LISTS; i++) cursor_settle(r, i);
  SortJob jobs[2] = {{r, 0, REPEATS_LISTS / 2, {0}, PACT_OK},
                     {r, REPEATS_LISTS / 2, REPEATS_LISTS, {0}, PACT_OK}};
  pthread_t thread;
  bool threaded =
      r->count >= REPEATS_THREADED_MIN && pthread_create(&thread, NULL, sort_lists, &jobs[1]) == 0;
  sort_lists(&jobs[0]);
  if (threaded) pthread_join(thread, NULL);
  else sort_lists(&jobs[1]);
  PactStatus status = jobs[0].status != PACT_OK ? jobs[0].status : jobs[1].status;
  *out = jobs[0].suspects;
  for (uint32_t i = 0; status == PACT_OK && jobs[1].suspects.slots && i <= jobs[1].suspects.mask;
       i++)
    if (jobs[1].suspects.slots[i] && !suspects_add(out, jobs[1].suspects.slots[i] & ~STORED))
      status = PACT_ERR_NOMEM;
  suspects_free(&jobs[1].suspects);
  for (uint32_t i = 0; i < REPEATS_LISTS; i++) list_free(r->head[i]);
  slabs_free(r);
  memset(r->head, 0, sizeof r->head);
  memset(r->tail, 0, sizeof r->tail);
  memset(r->cursor, 0, sizeof r->cursor);
  r->count = 0;
  if (status != PACT_OK) suspects_free(out);
  return status;
}

/* ---------------------------------------------------------------- runs of rising ids */

static int id_cmp(const char *a, uint32_t a_len, const char *b, uint32_t b_len) {
  uint32_t n = a_len < b_len ? a_len : b_len;
  int c = n ? memcmp(a, b, n) : 0;
  return c ? c : (a_len > b_len) - (a_len < b_len);
}

void id_order_init(IdOrder *o, uint32_t file_index) {
  *o = (IdOrder){0};
  o->run.file_index = file_index;
}

/* 8 bytes as a big-endian number: comparing two such numbers compares the bytes in order. */
static inline uint64_t load_be64(const char *p) {
  uint64_t x;
  memcpy(&x, p, 8);
  return __builtin_bswap64(x);
}

int id_order_next(IdOrder *o, const char *id, uint32_t len, uint32_t line) {
  if (o->closed) return 0;
  IdRun *r = &o->run;
  /* Every row of a file asks this, so the common case -- an id of 8 to 16 bytes after one of
  ** the same length (ev00000041 after ev00000040) -- is compared and kept in two words each,
  ** without a call; it answers as id_cmp and the memcpy below would. */
  if (o->count && len == r->high_len && len >= 8 && len <= 16 && r->high_room >= 16) {
    uint64_t a = load_be64(id), b = load_be64(r->high);
    uint64_t c = load_be64(id + len - 8), d = load_be64(r->high + len - 8);
    if (a < b || (a == b && c <= d)) {
      o->closed = true;
      return 0;
    }
    memcpy(r->high, id, 8);
    memcpy(r->high + len - 8, id + len - 8, 8);
    r->last_line = line;
    o->count++;
    return 1;
  }
  if (o->count && id_cmp(id, len, r->high, r->high_len) <= 0) {
    o->closed = true;
    return 0;
  }
  if (!o->count) {
    if (!(r->low = mem_malloc(len + 1u))) return -1;
    memcpy(r->low, id, len);
    r->low_len = len;
    r->first_line = line;
  }
  if (len + 1u > r->high_room) {
    uint32_t room = len + 1u < 64 ? 64 : len + 1u;
    char *bigger = mem_realloc(r->high, room);
    if (!bigger) return -1;
    r->high = bigger;
    r->high_room = room;
  }
  memcpy(r->high, id, len);
  r->high_len = len;
  r->last_line = line;
  o->count++;
  return 1;
}

void id_order_free(IdOrder *o) {
  free(o->run.low);
  free(o->run.high);
  o->run.low = o->run.high = NULL;
  o->count = 0;
}

bool id_runs_take(IdRun **runs, size_t *count, IdOrder *o) {
  if (!o->count) {
    id_order_free(o);
    return true;
  }
  IdRun *bigger = mem_realloc(*runs, (*count + 1) * sizeof *bigger);
  if (!bigger) {
    id_order_free(o);
    return false;
  }
  *runs = bigger;
  bigger[(*count)++] = o->run;
  o->run.low = o->run.high = NULL;
  o->count = 0;
  return true;
}

void id_runs_free(IdRun *runs, size_t count) {
  for (size_t i = 0; i < count; i++) {
    free(runs[i].low);
    free(runs[i].high);
  }
  free(runs);
}

static int run_order(const void *pa, const void *pb) {
  const IdRun *a = pa, *b = pb;
  return id_cmp(a->low, a->low_len, b->low, b->low_len);
}

bool id_runs_disjoint(IdRun *runs, size_t count) {
  if (count > 1) qsort(runs, count, sizeof *runs, run_order);
  for (size_t i = 1; i < count; i++)
    if (id_cmp(runs[i - 1].high, runs[i - 1].high_len, runs[i].low, runs[i].low_len) >= 0)
      return false;
  return true;
}
