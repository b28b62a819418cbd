/*
** strmap.h -- a map from names to small integers (party, clause and version indexes).
** Open addressing over FNV-1a hashes; keys are borrowed, never copied.
*/
#ifndef PACT_STRMAP_H
#define PACT_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct StrMapSlot {
  const char *key;
  uint32_t key_len;
  int32_t value;
} StrMapSlot;

typedef struct StrMap {
  StrMapSlot *slots;
  uint32_t capacity; /* a power of two, or 0 */
  uint32_t count;
} StrMap;

void strmap_init(StrMap *map);
void strmap_free(StrMap *map);
/* -1 when absent. */
int32_t strmap_get(const StrMap *map, const char *key, uint32_t key_len);
/* Sets key to value; false only when memory runs out. */
bool strmap_put(StrMap *map, const char *key, uint32_t key_len, int32_t value);
/* Sizes an empty map for count keys, so that filling it never rehashes. */
bool strmap_reserve(StrMap *map, uint32_t count);

#endif
