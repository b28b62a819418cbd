/*
** suggest.c -- the distance between two words (Damerau-Levenshtein, optimal string alignment)
** and the closest candidate within it.
*/
#include "base/suggest.h"

#include <stdint.h>
#include <string.h>

#include "base/limits.h"

size_t edit_distance(const char *a, size_t a_len, const char *b, size_t b_len) {
  size_t rows[3][PACT_SUGGEST_LEN_MAX + 1];
  if (a_len > PACT_SUGGEST_LEN_MAX || b_len > PACT_SUGGEST_LEN_MAX) return SIZE_MAX;
  size_t *before = rows[0], *prev = rows[1], *row = rows[2];
  for (size_t j = 0; j <= b_len; j++) prev[j] = j;
  for (size_t i = 1; i <= a_len; i++) {
    row[0] = i;
    for (size_t j = 1; j <= b_len; j++) {
      size_t best = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      if (prev[j] + 1 < best) best = prev[j] + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          before[j - 2] + 1 < best)
        best = before[j - 2] + 1;
      row[j] = best;
    }
    size_t *spare = before;
    before = prev;
    prev = row;
    row = spare;
  }
  return prev[b_len];
}

const char *suggest_closest(const char *name, size_t len, const char *const *candidates,
                            size_t count) {
  const char *best = NULL;
  size_t best_distance = len / 3 + 1;
  if (best_distance > 3) best_distance = 3;
  for (size_t i = 0; i < count; i++) {
    size_t d = edit_distance(name, len, candidates[i], strlen(candidates[i]));
    if (d <= best_distance && (!best || d < best_distance)) {
      best = candidates[i];
      best_distance = d;
    }
  }
  return best;
}
