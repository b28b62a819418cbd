/*
** ratio.c -- see ratio.h.
*/
#include "base/ratio.h"

static PactWide wide_abs(PactWide x) { return x < 0 ? -x : x; }

static PactWide wide_gcd(PactWide a, PactWide b) {
  a = wide_abs(a);
  b = wide_abs(b);
  while (b) {
    PactWide t = a % b;
    a = b;
    b = t;
  }
  return a ? a : 1;
}

Ratio ratio_make(PactWide num, PactWide den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  PactWide g = wide_gcd(num, den);
  return (Ratio){num / g, den / g};
}

bool ratio_mul(Ratio a, Ratio b, Ratio *out) {
  PactWide g1 = wide_gcd(a.num, b.den), g2 = wide_gcd(b.num, a.den);
  PactWide n, d;
  if (__builtin_mul_overflow(a.num / g1, b.num / g2, &n) ||
      __builtin_mul_overflow(a.den / g2, b.den / g1, &d))
    return false;
  *out = ratio_make(n, d);
  return true;
}

bool ratio_add(Ratio a, Ratio b, Ratio *out) {
  PactWide g = wide_gcd(a.den, b.den), x, y, n, d;
  if (__builtin_mul_overflow(a.num, b.den / g, &x) ||
      __builtin_mul_overflow(b.num, a.den / g, &y) || __builtin_add_overflow(x, y, &n) ||
      __builtin_mul_overflow(a.den / g, b.den, &d))
    return false;
  *out = ratio_make(n, d);
  return true;
}

bool ratio_sub(Ratio a, Ratio b, Ratio *out) { return ratio_add(a, (Ratio){-b.num, b.den}, out); }

bool ratio_cmp(Ratio a, Ratio b, int *out) {
  Ratio d;
  if (!ratio_sub(a, b, &d)) return false;
  *out = (d.num > 0) - (d.num < 0);
  return true;
}

Ratio ratio_of_rate(PactDecimal rate) {
  PactWide den = 1;
  for (int i = 0; i < rate.scale; i++) den *= 10;
  return ratio_make(rate.units, den);
}
