/*
** repeats.h -- finding the ids that a reading of event files meets more than once, in little
** memory: a fingerprint per event, looked at once the reading ends.
**
** A report over event files must count an event given twice (two files that overlap, a file
** given twice, a row repeated) once, and refuse an id given with two contents, as the ledger
** does. Keeping every id would cost as much memory as the ids; instead each id leaves a 56-bit
** fingerprint (6 bytes, in one of 256 lists chosen by its top bits: appends that stay in
** cache), and the end of the reading sorts each list out in a small table that stays in cache
** too. A fingerprint met twice only makes its id a suspect: the reading that follows compares
** the suspects' events in full (feed.c), so a collision of two ids costs time, never a figure.
** Ten million events cost about 60 MB; two distinct ids among them share a fingerprint with a
** chance of about 1 in 3,000.
*/
#ifndef PACT_REPEATS_H
#define PACT_REPEATS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "pactum.h"

typedef struct Repeats Repeats;

Repeats *repeats_new(void);
void repeats_free(Repeats *repeats);

/* The 64-bit hash of an id. Ids of up to eight bytes of one length never collide. */
static inline uint64_t repeats_hash(const char *id, uint32_t len) {
  const uint64_t k = 0x9E3779B97F4A7C15u;
  uint64_t h = 0x6A09E667F3BCC909u ^ len, w;
  for (; len > 8; id += 8, len -= 8) {
    memcpy(&w, id, 8);
    h = (h ^ w) * k;
    h ^= h >> 29;
  }
  w = 0;
  memcpy(&w, id, len);
  h = (h ^ w) * k; /* each step a bijection of h: ids of up to eight bytes cannot collide */
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93u;
  return h ^ (h >> 32);
}

/* A fingerprint is the hash's top REPEATS_LIST_BITS (which list holds it) and its low 48 bits
** (what the list holds); two ids are suspects when theirs are equal. */
enum { REPEATS_LIST_BITS = 8 };
static inline uint64_t repeats_fingerprint(uint64_t hash) {
  const uint64_t top = ~(uint64_t)0 << (64 - REPEATS_LIST_BITS), low = ((uint64_t)1 << 48) - 1;
  return hash & (top | low);
}

/* Notes one event's id by its hash; false when memory runs out. */
bool repeats_add(Repeats *repeats, uint64_t hash);
/* Moves every fingerprint of from into into (from is left empty); false when memory runs out. */
bool repeats_merge(Repeats *into, Repeats *from);
/* The fingerprints noted so far. */
uint64_t repeats_count(const Repeats *repeats);

/* A set of fingerprints: the suspects, met more than once. */
typedef struct Suspects {
  uint64_t *slots; /* open addressing; 0 is empty, so each is stored with bit 48 set */
  uint32_t mask;
  uint32_t count;
} Suspects;

/* Sorts the fingerprints out: every one noted more than once goes into *out (initialised
** here; empty when nothing repeats). The fingerprints are freed as they are sorted out.
** PACT_ERR_NOMEM. */
PactStatus repeats_suspects(Repeats *repeats, Suspects *out);
bool suspects_has(const Suspects *suspects, uint64_t hash);
void suspects_free(Suspects *suspects);

/*
** Ids in increasing order need no fingerprints. Exports number their events (sequence numbers,
** dated ids), so a file's ids most often rise from row to row, and ids that strictly rise
** cannot repeat. A reading keeps the rows that do so (from its first row, until an id is not
** greater than the one before) as a run: where its ids start and end, and its lines, but no
** fingerprint. The runs of all the files are compared at the end of the reading: when every id
** read was in a run and no two runs overlap, no id can repeat; otherwise the runs' rows are read
** again for their fingerprints (feed.c), so a run costs time, never a figure.
*/
typedef struct IdRun {
  uint32_t file_index;
  uint32_t first_line, last_line;
  char *low, *high; /* the run's first and last ids, copied */
  uint32_t low_len, high_len;
  uint32_t high_room;
} IdRun;

typedef struct IdOrder {
  IdRun run;
  uint64_t count; /* the rows in the run */
  bool closed;    /* an id did not rise: the rows after are fingerprinted */
} IdOrder;

/* An empty run for the rows of file_index. */
void id_order_init(IdOrder *order, uint32_t file_index);
/* 1 when the id rises above the one before (the row joins the run, no fingerprint needed), 0
** when it does not (the run is closed: fingerprint this row and every later one), -1 when
** memory runs out. */
int id_order_next(IdOrder *order, const char *id, uint32_t len, uint32_t line);
/* Frees what order holds. */
void id_order_free(IdOrder *order);
/* Moves the run out of order (nothing when it holds no row); false when memory runs out. */
bool id_runs_take(IdRun **runs, size_t *count, IdOrder *order);
void id_runs_free(IdRun *runs, size_t count);
/* True when no two runs share an id range: their ids cannot repeat one another. Sorts runs. */
bool id_runs_disjoint(IdRun *runs, size_t count);

#endif
