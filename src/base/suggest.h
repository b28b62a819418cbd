/*
** suggest.h -- "did you mean": the closest of a list of words to one that matched none.
*/
#ifndef PACT_SUGGEST_H
#define PACT_SUGGEST_H

#include <stddef.h>

/* The closest of candidates to name[0..len), for "did you mean"; NULL when none is close (at
** most a third of its length away, and never more than 3 edits). */
const char *suggest_closest(const char *name, size_t len, const char *const *candidates,
                            size_t count);
/* Insertions, deletions, substitutions and swaps of neighbours from a to b; SIZE_MAX when a
** word is longer than PACT_SUGGEST_LEN_MAX. */
size_t edit_distance(const char *a, size_t a_len, const char *b, size_t b_len);

#endif
