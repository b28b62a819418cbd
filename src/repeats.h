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
  uint64_t *slots;     /* open addressing; 0 is empty, so each is stored with bit 48 set */
  uint32_t mask;
  uint32_t count;
} Suspects;

/* Sorts the fingerprints out: every one noted more than once goes into *out (initialised
** here; empty when nothing repeats). The fingerprints are freed as they are sorted out.
** PACT_ERR_NOMEM. */
PactStatus repeats_suspects(Repeats *repeats, Suspects *out);
bool suspects_has(const Suspects *suspects, uint64_t hash);
void suspects_free(Suspects *suspects);

#endif
