/*
** mem.h -- every heap allocation of the library goes through here, so that a test can make
** the n-th one fail and prove that each failure path is handled (like SQLite's test malloc).
*/
#ifndef PACT_MEM_H
#define PACT_MEM_H

#include <stddef.h>

/* For tests: when positive, counts down on each allocation of this thread; the one that reaches
** zero fails. */
extern _Thread_local long mem_fail_countdown;
/* How many allocations this thread made since the last reset (for sizing a failure sweep). */
extern _Thread_local long mem_allocation_count;

void *mem_malloc(size_t size);
void *mem_calloc(size_t count, size_t size);
void *mem_realloc(void *p, size_t size);
char *mem_strdup(const char *text);

#endif
