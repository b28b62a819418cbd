/*
** rng.h -- the benchmark generators' randomness: splitmix64, seeded by the caller through
** rng_state, so that a seed gives the same file on every machine.
*/
#ifndef PACT_BENCH_RNG_H
#define PACT_BENCH_RNG_H

#include <stdint.h>

static uint64_t rng_state;

static uint64_t rng_next(void) {
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0. The tiny modulo bias does not matter here. */
static uint32_t rnd(uint32_t n) { return (uint32_t)(rng_next() % n); }

#endif
