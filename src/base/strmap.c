/*
** strmap.c -- open-addressing hash map from borrowed names to indexes.
** Grows at 50% load, so lookups stay short for the largest generated agreements.
*/
#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static uint32_t hash_name(const char *key, uint32_t len) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < len; i++) h = (h ^ (unsigned char)key[i]) * 16777619u;
  return h;
}

void strmap_init(StrMap *map) { memset(map, 0, sizeof *map); }

void strmap_free(StrMap *map) {
  free(map->slots);
  memset(map, 0, sizeof *map);
}

static StrMapSlot *strmap_find(const StrMap *map, const char *key, uint32_t len) {
  uint32_t mask = map->capacity - 1;
  for (uint32_t i = hash_name(key, len) & mask;; i = (i + 1) & mask) {
    StrMapSlot *slot = &map->slots[i];
    if (!slot->key || (slot->key_len == len && memcmp(slot->key, key, len) == 0)) return slot;
  }
}

int32_t strmap_get(const StrMap *map, const char *key, uint32_t key_len) {
  if (!map->capacity) return -1;
  const StrMapSlot *slot = strmap_find(map, key, key_len);
  return slot->key ? slot->value : -1;
}

static bool strmap_grow(StrMap *map) {
  uint32_t capacity = map->capacity ? map->capacity * 2 : 16;
  if (capacity < map->capacity) return false;
  StrMap bigger = {mem_calloc(capacity, sizeof(StrMapSlot)), capacity, 0};
  if (!bigger.slots) return false;
  for (uint32_t i = 0; i < map->capacity; i++)
    if (map->slots[i].key) {
      *strmap_find(&bigger, map->slots[i].key, map->slots[i].key_len) = map->slots[i];
      bigger.count++;
    }
  free(map->slots);
  *map = bigger;
  return true;
}

bool strmap_put(StrMap *map, const char *key, uint32_t key_len, int32_t value) {
  if ((map->count + 1) * 2 > map->capacity && !strmap_grow(map)) return false;
  StrMapSlot *slot = strmap_find(map, key, key_len);
  if (!slot->key) {
    slot->key = key;
    slot->key_len = key_len;
    map->count++;
  }
  slot->value = value;
  return true;
}

bool strmap_reserve(StrMap *map, uint32_t count) {
  uint32_t capacity = 16;
  while (capacity < count * 2 + 2) {
    if (capacity > UINT32_MAX / 2) return false;
    capacity *= 2;
  }
  if (map->capacity >= capacity) return true;
  StrMapSlot *slots = mem_calloc(capacity, sizeof *slots);
  if (!slots) return false;
  free(map->slots); /* the map is empty: nothing to move */
  map->slots = slots;
  map->capacity = capacity;
  map->count = 0;
  return true;
}
