/*
** fmath.h -- the few functions of real numbers a forecast needs (square root, logarithm,
** exponential, the inverse of the normal distribution, rounding to a whole number), written with
** nothing but IEEE addition, multiplication and division, so that the library needs no libm and
** a seeded forecast draws the same figures on every machine and compiler. Floating point is for
** draws and growth factors only: never for an amount (docs/forecast.md).
*/
#ifndef PACT_FMATH_H
#define PACT_FMATH_H

#include <stdbool.h>
#include <stdint.h>

double fm_sqrt(double x);                    /* x >= 0 */
double fm_log(double x);                     /* x > 0 */
double fm_exp(double x);                     /* |x| < 700 */
double fm_pow(double base, double exponent); /* base > 0 */
/* The value z with P(Z <= z) = p for a standard normal Z, 0 < p < 1 (Acklam's rational
** approximation, relative error below 1.2e-9, refined once by Halley's method). */
double fm_normal_quantile(double p);
/* x rounded to the nearest whole number, ties to even; false when it does not fit in int64. */
bool fm_round_even(double x, int64_t *out);

#endif
