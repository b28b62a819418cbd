/*
** forecast_draw.c -- a path's figures: the counter-based draws, the distributions, the growth
** from the period before and the multiple of revenue, each rounded to the cent at once
** (docs/forecast.md, "How a path is drawn").
*/
#include "base/fmath.h"
#include "base/money.h"
#include "engine/forecast_int.h"

/* SplitMix64's finaliser: a bijection of 64 bits that mixes every bit into every other. */
static uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= UINT64_C(0xBF58476D1CE4E5B9);
  x ^= x >> 27;
  x *= UINT64_C(0x94D049BB133111EB);
  return x ^ (x >> 31);
}

double forecast_draw(uint64_t seed, uint64_t path, uint64_t index) {
  uint64_t x = mix(seed + UINT64_C(0x9E3779B97F4A7C15));
  x = mix(x ^ (path * UINT64_C(0xD1B54A32D192ED03) + UINT64_C(0x8CB92BA72F3D8DD7)));
  x = mix(x ^ (index * UINT64_C(0xAEF17502108EF2D9) + UINT64_C(0x9E3779B97F4A7C15)));
  return (double)(x >> 11) * 0x1.0p-53;
}

/* The inverse of a distribution's cumulative function at u: uniform or triangular on [a, b]. */
static double inverse(ScenDist dist, double a, double b, double mode, double u) {
  if (dist == DIST_UNIFORM || b <= a) return a + u * (b - a);
  double f = (mode - a) / (b - a);
  if (u < f) return a + fm_sqrt(u * (b - a) * (mode - a));
  return b - fm_sqrt((1 - u) * (b - a) * (b - mode));
}

/* A double of cents to whole cents, to nearest with ties to even; false past 64 bits. */
static bool to_cents(double x, int64_t *out) { return fm_round_even(x, out); }

/* The factor a growth figure multiplies the period before by. */
static double growth_factor(const Figure *f, uint64_t seed, uint64_t path) {
  if (f->dist == DIST_NONE) return 1.0 + f->low;
  if (f->dist == DIST_LOGNORMAL) {
    double z = fm_normal_quantile(forecast_draw(seed, path, f->draw));
    double s = f->volatility;
    return (1.0 + f->low) * fm_exp(s * z - s * s / 2.0);
  }
  return 1.0 + inverse(f->dist, f->low, f->high, f->mode, forecast_draw(seed, path, f->draw));
}

int64_t forecast_month_amount(int64_t amount, uint32_t months, uint32_t month) {
  int64_t each = amount / months, left = amount - each * (int64_t)months;
  return each + (month < (uint64_t)left ? 1 : 0);
}

/* The revenue of a party in a year on this path: its figures' months in that year. */
static int64_t revenue_in_year(const Forecast *fc, Str party, int32_t year,
                               const int64_t *amounts) {
  const Scenario *sc = fc->sc;
  PactWide sum = 0;
  for (uint32_t s = 0; s < sc->series_count; s++) {
    const Series *se = &sc->series[s];
    if (se->kind != SERIES_REVENUE || !str_eq(se->party.name, party)) continue;
    for (uint32_t k = 0; k < se->figure_count; k++) {
      const Figure *f = &se->figures[k];
      int y, m, d;
      pact_date_to_ymd(f->first, &y, &m, &d);
      for (uint32_t i = 0; i < f->months; i++, m == 12 ? (m = 1, y++) : m++)
        if (y == year) sum += forecast_month_amount(amounts[fc->figure_at[s] + k], f->months, i);
    }
  }
  return sum > INT64_MAX ? INT64_MAX : (int64_t)sum;
}

static PactStatus figure_amount(const Forecast *fc, uint32_t s, uint32_t k, uint64_t path,
                                int64_t *amounts) {
  const Series *se = &fc->sc->series[s];
  const Figure *f = &se->figures[k];
  double x;
  if (f->kind == FIG_AMOUNT) {
    if (f->dist == DIST_NONE) {
      amounts[fc->figure_at[s] + k] = f->low_minor;
      return PACT_OK;
    }
    x = inverse(f->dist, (double)f->low_minor, (double)f->high_minor, (double)f->mode_minor,
                forecast_draw(fc->seed, path, f->draw));
  } else if (f->kind == FIG_GROWTH) {
    x = (double)amounts[fc->figure_at[s] + (uint32_t)f->before] * growth_factor(f, fc->seed, path);
  } else {
    double multiple = f->dist == DIST_NONE ? f->low
                                           : inverse(f->dist, f->low, f->high, f->mode,
                                                     forecast_draw(fc->seed, path, f->draw));
    x = multiple * (double)revenue_in_year(fc, se->party.name, f->year, amounts);
  }
  if (x < 0) x = 0; /* growth below -100% leaves nothing, not a negative revenue */
  return to_cents(x, &amounts[fc->figure_at[s] + k]) ? PACT_OK : PACT_ERR_OVERFLOW;
}

PactStatus forecast_figures(const Forecast *fc, uint64_t path, int64_t *amounts) {
  const Scenario *sc = fc->sc;
  for (int pass = 0; pass < 2; pass++) /* revenue first: a valuation may be a multiple of it */
    for (uint32_t s = 0; s < sc->series_count; s++) {
      if ((sc->series[s].kind == SERIES_VALUATION) != (pass == 1)) continue;
      for (uint32_t k = 0; k < sc->series[s].figure_count; k++) {
        PactStatus status = figure_amount(fc, s, k, path, amounts);
        if (status != PACT_OK) return status;
      }
    }
  return PACT_OK;
}
