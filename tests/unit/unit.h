/*
** unit.h -- the unit tests' tiny harness: CHECK macros that count, and a summary line.
** Each test program ends with check_summary(), which prints "N passed, N failed".
*/
#ifndef PACT_TESTS_CHECK_H
#define PACT_TESTS_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (cond) {                                                                                    \
      check_passed++;                                                                              \
    } else {                                                                                       \
      check_failed++;                                                                              \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                     \
    }                                                                                              \
  } while (0)

#define CHECK_EQ_INT(actual, expected)                                                             \
  do {                                                                                             \
    long long a_ = (long long)(actual), e_ = (long long)(expected);                                \
    if (a_ == e_) {                                                                                \
      check_passed++;                                                                              \
    } else {                                                                                       \
      check_failed++;                                                                              \
      fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__, #actual, a_, e_);  \
    }                                                                                              \
  } while (0)

#define CHECK_EQ_STR(actual, expected)                                                             \
  do {                                                                                             \
    const char *a_ = (actual), *e_ = (expected);                                                   \
    if (a_ && e_ && strcmp(a_, e_) == 0) {                                                         \
      check_passed++;                                                                              \
    } else {                                                                                       \
      check_failed++;                                                                              \
      fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #actual,       \
              a_ ? a_ : "(null)", e_ ? e_ : "(null)");                                             \
    }                                                                                              \
  } while (0)

/* Property tests draw from xorshift64: fast, and the same sequence for the same seed. */
static uint64_t rng_state = 1;
static inline uint64_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

static inline int check_summary(void) {
  printf("%d passed, %d failed\n", check_passed, check_failed);
  return check_failed ? 1 : 0;
}

#endif
