/*
** model_int.h -- the event model's tables (events.c), for the one-pass check of the usual row
** (validate.c), which looks its kind up on every row and must not pay a call to do it. It
** includes nothing of the event model: its includers include events.h first.
*/
#ifndef PACT_MODEL_INT_H
#define PACT_MODEL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The kinds' names, by EventKind (EVENT_KIND_COUNT of them). */
extern const char *const events_kind_names[];
/* Kinds by first letter and length, which no two kinds share: one probe and one compare.
** An entry is the kind + 1; 0 is none. */
extern const uint8_t events_kind_slots[26][16];
/* What each kind needs beyond id, kind and date: bit (1 << EventField) for each, by EventKind. */
extern const uint32_t events_kind_needs[];

/* The entry of a first-letter-and-length table for name, or 0. */
static inline unsigned events_name_slot(const uint8_t slots[26][16], const char *name, size_t len) {
  if (len == 0 || len > 15 || name[0] < 'a' || name[0] > 'z') return 0;
  return slots[name[0] - 'a'][len];
}

/* A short compare written out: a call to memcmp costs more than these few bytes. Up to 16
** bytes are two word compares (overlapping when the length is not a multiple). */
static inline bool events_same_bytes(const char *a, const char *b, size_t len) {
  uint64_t x8, y8, u8, v8;
  uint32_t x4, y4, u4, v4;
  if (len >= 8 && len <= 16) {
    memcpy(&x8, a, 8), memcpy(&y8, b, 8), memcpy(&u8, a + len - 8, 8), memcpy(&v8, b + len - 8, 8);
    return x8 == y8 && u8 == v8;
  }
  if (len >= 4 && len < 8) {
    memcpy(&x4, a, 4), memcpy(&y4, b, 4), memcpy(&u4, a + len - 4, 4), memcpy(&v4, b + len - 4, 4);
    return x4 == y4 && u4 == v4;
  }
  for (; len; a++, b++, len--)
    if (*a != *b) return false;
  return true;
}

#endif
