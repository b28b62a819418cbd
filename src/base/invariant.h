/*
** invariant.h -- what pactum holds for true, said in the code where it is cheap to check (after
** SQLite's ALWAYS and NEVER). With PACT_DEBUG defined (make test's sanitizer build, the
** fuzzers) the first that fails stops the program, naming it; a release build keeps the
** defensive branch and carries on.
**
**   if (NEVER(index >= count)) return NULL;   a branch that should never be taken
**   if (ALWAYS(list != NULL)) use(list);      a condition that should always hold
**   pact_assert(total == sum);                a check only a debug build makes (not evaluated
**                                             in a release build, so it may cost a loop)
**
** A caller's mistake is not an invariant: a call out of order (settle_add after settle_finish)
** returns PACT_ERR_MISUSE in every build, and stops nothing, so that a test can make it.
*/
#ifndef PACT_INVARIANT_H
#define PACT_INVARIANT_H

#include "pactum.h"

#ifdef PACT_DEBUG
#include <stdio.h>
#include <stdlib.h>

_Noreturn static inline void pact_invariant_failed(const char *what, const char *file, int line) {
  fprintf(stderr, "%s:%d: invariant does not hold: %s\n", file, line, what);
  abort();
}

#define ALWAYS(x)      ((x) ? 1 : (pact_invariant_failed(#x, __FILE__, __LINE__), 0))
#define NEVER(x)       ((x) ? (pact_invariant_failed(#x, __FILE__, __LINE__), 1) : 0)
#define pact_assert(x) ((x) ? (void)0 : pact_invariant_failed(#x, __FILE__, __LINE__))
#else
#define ALWAYS(x)      (x)
#define NEVER(x)       (x)
#define pact_assert(x) ((void)sizeof(!(x)))
#endif

#endif
