/*
** ratio.h -- exact ratios of wide integers, for what must not round until the very end (the
** amount owed at tiers, the width of a tier bounded by what it pays). Every operation says when
** its result would not fit, instead of wrapping.
*/
#ifndef PACT_RATIO_H
#define PACT_RATIO_H

#include <stdbool.h>

#include "base/money.h"

typedef struct Ratio {
  PactWide num, den; /* den > 0, reduced */
} Ratio;

/* num / den reduced, its sign on the numerator; den must not be 0. */
Ratio ratio_make(PactWide num, PactWide den);
/* a x b, a + b and a - b; false on overflow (*out is then unchanged). */
bool ratio_mul(Ratio a, Ratio b, Ratio *out);
bool ratio_add(Ratio a, Ratio b, Ratio *out);
bool ratio_sub(Ratio a, Ratio b, Ratio *out);
/* Sign of a - b, or false on overflow. */
bool ratio_cmp(Ratio a, Ratio b, int *out);
/* A rate as a ratio: 0.375 is 3/8. */
Ratio ratio_of_rate(PactDecimal rate);

#endif
