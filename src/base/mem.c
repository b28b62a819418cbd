/*
** mem.c -- the library's allocator: the C library's, with a failure switch for tests.
** Never fails on purpose unless a test set mem_fail_countdown.
*/
#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

/* Per thread: a test sets them on its own thread, and workers answering a batch count their own. */
_Thread_local long mem_fail_countdown;
_Thread_local long mem_allocation_count;

static int mem_should_fail(void) {
  mem_allocation_count++;
  return mem_fail_countdown > 0 && --mem_fail_countdown == 0;
}

void *mem_malloc(size_t size) { return mem_should_fail() ? NULL : malloc(size); }

void *mem_calloc(size_t count, size_t size) {
  return mem_should_fail() ? NULL : calloc(count, size);
}

void *mem_realloc(void *p, size_t size) { return mem_should_fail() ? NULL : realloc(p, size); }

char *mem_strdup(const char *text) {
  size_t n = strlen(text) + 1;
  char *copy = mem_malloc(n);
  if (copy) memcpy(copy, text, n);
  return copy;
}
