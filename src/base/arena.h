/*
** arena.h -- region allocation: one arena per load or request, freed all at once.
** Allocation failure is a value (NULL); chunks come from mem.h, where tests make them fail.
*/
#ifndef PACT_ARENA_H
#define PACT_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
  ArenaChunk *head;
  size_t bytes_total;
} Arena;

void arena_init(Arena *arena);
void arena_free(Arena *arena);
/* Zeroed, aligned for any type; NULL when memory runs out. */
void *arena_alloc(Arena *arena, size_t size);
/* Grows an array kept in the arena: returns a copy with room for new_count items. */
void *arena_grow(Arena *arena, void *items, size_t old_count, size_t new_count, size_t item_size);
/*
** Makes room for item number count of an array kept in the arena and returns it, zeroed.
** The array's capacity doubles when count reaches a power of two, so n pushes cost O(n);
** the caller stores the (possibly moved) array back and increments its count.
*/
void *arena_push(Arena *arena, void **items, size_t count, size_t item_size);
char *arena_strndup(Arena *arena, const char *text, size_t len);

#endif
