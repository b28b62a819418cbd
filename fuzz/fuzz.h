/*
** fuzz.h -- what every fuzz target shares: the libFuzzer entry point's declaration and a sink
** for output that is rendered only to exercise the code that renders it.
*/
#ifndef PACT_FUZZ_H
#define PACT_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* /dev/null, opened once for the whole run. */
static inline FILE *sink(void) {
  static FILE *null_out;
  if (!null_out) {
    null_out = fopen("/dev/null", "w");
    if (!null_out) abort();
  }
  return null_out;
}

#endif
