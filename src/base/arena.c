/*
** arena.c -- region allocation for loads and requests.
** Chunks double in size up to a ceiling; nothing is freed until the whole arena is.
*/
#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define ARENA_CHUNK_MIN 4096u
#define ARENA_CHUNK_MAX (4u * 1024u * 1024u)
#define ARENA_ALIGN     16u

struct ArenaChunk {
  ArenaChunk *next;
  size_t size;
  size_t used;
  _Alignas(16) unsigned char data[];
};

void arena_init(Arena *arena) {
  arena->head = NULL;
  arena->bytes_total = 0;
}

void arena_free(Arena *arena) {
  ArenaChunk *chunk = arena->head;
  while (chunk) {
    ArenaChunk *next = chunk->next;
    free(chunk);
    chunk = next;
  }
  arena->head = NULL;
  arena->bytes_total = 0;
}

static ArenaChunk *arena_new_chunk(Arena *arena, size_t need) {
  size_t size = arena->head ? arena->head->size * 2 : ARENA_CHUNK_MIN;
  if (size > ARENA_CHUNK_MAX) size = ARENA_CHUNK_MAX;
  if (size < need) size = need;
  ArenaChunk *chunk = mem_malloc(sizeof(ArenaChunk) + size);
  if (!chunk) return NULL;
  chunk->size = size;
  chunk->used = 0;
  chunk->next = arena->head;
  arena->head = chunk;
  arena->bytes_total += size;
  return chunk;
}

void *arena_alloc(Arena *arena, size_t size) {
  if (size > SIZE_MAX / 2) return NULL;
  size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (size == 0) size = ARENA_ALIGN;
  ArenaChunk *chunk = arena->head;
  if (!chunk || chunk->size - chunk->used < size) {
    chunk = arena_new_chunk(arena, size);
    if (!chunk) return NULL;
  }
  void *p = chunk->data + chunk->used;
  chunk->used += size;
  memset(p, 0, size);
  return p;
}

void *arena_grow(Arena *arena, void *items, size_t old_count, size_t new_count, size_t item_size) {
  if (new_count != 0 && item_size > SIZE_MAX / 2 / new_count) return NULL;
  void *p = arena_alloc(arena, new_count * item_size);
  if (p && items && old_count) memcpy(p, items, old_count * item_size);
  return p;
}

void *arena_push(Arena *arena, void **items, size_t count, size_t item_size) {
  /* Capacity is implied by count: the smallest power of two >= count, at least 4. */
  if (count == 0 || (count >= 4 && (count & (count - 1)) == 0)) {
    void *bigger = arena_grow(arena, *items, count, count ? count * 2 : 4, item_size);
    if (!bigger) return NULL;
    *items = bigger;
  }
  void *slot = (char *)*items + count * item_size;
  memset(slot, 0, item_size);
  return slot;
}

char *arena_strndup(Arena *arena, const char *text, size_t len) {
  char *p = arena_alloc(arena, len + 1);
  if (!p) return NULL;
  if (len) memcpy(p, text, len);
  p[len] = '\0';
  return p;
}
