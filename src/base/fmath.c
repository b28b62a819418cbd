/*
** fmath.c -- square root, logarithm, exponential and the normal quantile from the four
** operations alone (see fmath.h for why).
*/
#include "base/fmath.h"

#include <string.h>

static const double LN2 = 0.69314718055994530942;

double fm_sqrt(double x) {
  if (!(x > 0)) return 0;
  double r = x > 1 ? x : 1; /* Newton from above converges monotonically */
  for (int i = 0; i < 2000; i++) {
    double next = 0.5 * (r + x / r);
    if (next >= r) break;
    r = next;
  }
  return r;
}

/* x = m * 2^e with m in [1, 2), by the bits of the double. */
static double split_exponent(double x, int *e) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  *e = (int)((bits >> 52) & 0x7FF) - 1023;
  bits = (bits & ~(UINT64_C(0x7FF) << 52)) | (UINT64_C(1023) << 52);
  double m;
  memcpy(&m, &bits, sizeof m);
  return m;
}

double fm_log(double x) {
  if (!(x > 0)) return -1e308;
  int e;
  double m = split_exponent(x, &e);
  if (m > 1.4142135623730951) m /= 2, e++;
  /* log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172: the series converges fast. */
  double s = (m - 1) / (m + 1), s2 = s * s, term = s, sum = 0;
  for (int k = 1; k < 60; k += 2) {
    sum += term / k;
    term *= s2;
  }
  return 2 * sum + e * LN2;
}

double fm_exp(double x) {
  if (x > 700) x = 700;
  if (x < -700) return 0;
  int k = (int)(x / LN2 + (x < 0 ? -0.5 : 0.5));
  double r = x - k * LN2, term = 1, sum = 1;
  for (int n = 1; n < 30; n++) {
    term *= r / n;
    sum += term;
  }
  uint64_t bits = (uint64_t)(k + 1023) << 52; /* 2^k, k in the normal range */
  double scale;
  memcpy(&scale, &bits, sizeof scale);
  return sum * scale;
}

double fm_pow(double base, double exponent) { return fm_exp(exponent * fm_log(base)); }

/* The standard normal's cumulative function by its series (for the refinement, |z| < 8). */
static double normal_cdf(double z) {
  if (z < -8) return 0;
  if (z > 8) return 1;
  double term = z, sum = z, z2 = z * z;
  for (int n = 1; n < 200; n++) {
    term *= -z2 / (2.0 * n);
    double add = term / (2 * n + 1);
    sum += add;
    if (add < 1e-18 && add > -1e-18) break;
  }
  return 0.5 + sum * 0.3989422804014327;
}

double fm_normal_quantile(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  if (p <= 0) p = 1e-300;
  if (p >= 1) p = 1 - 1e-16;
  double q, r, z;
  if (p < 0.02425 || p > 1 - 0.02425) {
    q = fm_sqrt(-2 * fm_log(p < 0.5 ? p : 1 - p));
    z = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    if (p > 0.5) z = -z;
  } else {
    q = p - 0.5;
    r = q * q;
    z = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  if (z > -8 && z < 8) { /* one step of Halley's method */
    double e = normal_cdf(z) - p;
    double u = e * 2.5066282746310002 * fm_exp(z * z / 2);
    z = z - u / (1 + z * u / 2);
  }
  return z;
}

bool fm_round_even(double x, int64_t *out) {
  if (!(x < 9.2e18 && x > -9.2e18)) return false;
  int64_t whole = (int64_t)x; /* toward zero */
  double frac = x - (double)whole;
  if (frac < 0) frac = -frac;
  int64_t away = x < 0 ? whole - 1 : whole + 1;
  if (frac > 0.5 || (frac == 0.5 && (whole % 2) != 0)) whole = away;
  *out = whole;
  return true;
}
