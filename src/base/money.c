/*
** money.c -- exact money: currencies, decimals, rounding, parsing, formatting and splitting.
** Amounts are int64 minor units; intermediates are PactWide. Never floating point, never a wrap.
*/
#include "base/money.h"

#include <string.h>

#include "base/invariant.h"

/* ------------------------------------------------------------------ status */

const char *pact_status_name(PactStatus status) {
#ifndef PACT_HAS_MISUSE
  if (status == PACT_ERR_MISUSE) return "misuse"; /* until pactum.h has it (base/invariant.h) */
#endif
  switch (status) {
    case PACT_OK: return "ok";
    case PACT_ERR_SYNTAX: return "syntax";
    case PACT_ERR_RANGE: return "range";
    case PACT_ERR_OVERFLOW: return "overflow";
    case PACT_ERR_PRECISION: return "precision";
    case PACT_ERR_NOMEM: return "nomem";
    case PACT_ERR_IO: return "io";
    case PACT_ERR_INVALID: return "invalid";
    case PACT_ERR_MISUSE: return "misuse";
  }
  return "unknown";
}

/* -------------------------------------------------------------- currencies */

/*
** ISO 4217 codes that have a minor unit, with its decimal places (the standard's own numbers:
** BHD/IQD/JOD/KWD/LYD/OMR/TND 3, CLF/UYW 4, ISK/JPY/KRW/VND/... 0). Sorted by code, because
** currency_find searches it by halves; the tests look every entry up to keep it sorted.
*/
static const PactCurrency CURRENCIES[] = {
    {"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2}, {"ARS", 2}, {"AUD", 2},
    {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2}, {"BDT", 2}, {"BGN", 2}, {"BHD", 3}, {"BIF", 0},
    {"BMD", 2}, {"BND", 2}, {"BOB", 2}, {"BOV", 2}, {"BRL", 2}, {"BSD", 2}, {"BTN", 2}, {"BWP", 2},
    {"BYN", 2}, {"BZD", 2}, {"CAD", 2}, {"CDF", 2}, {"CHE", 2}, {"CHF", 2}, {"CHW", 2}, {"CLF", 4},
    {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"COU", 2}, {"CRC", 2}, {"CUP", 2}, {"CVE", 2}, {"CZK", 2},
    {"DJF", 0}, {"DKK", 2}, {"DOP", 2}, {"DZD", 2}, {"EGP", 2}, {"ERN", 2}, {"ETB", 2}, {"EUR", 2},
    {"FJD", 2}, {"FKP", 2}, {"GBP", 2}, {"GEL", 2}, {"GHS", 2}, {"GIP", 2}, {"GMD", 2}, {"GNF", 0},
    {"GTQ", 2}, {"GYD", 2}, {"HKD", 2}, {"HNL", 2}, {"HTG", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2},
    {"INR", 2}, {"IQD", 3}, {"IRR", 2}, {"ISK", 0}, {"JMD", 2}, {"JOD", 3}, {"JPY", 0}, {"KES", 2},
    {"KGS", 2}, {"KHR", 2}, {"KMF", 0}, {"KPW", 2}, {"KRW", 0}, {"KWD", 3}, {"KYD", 2}, {"KZT", 2},
    {"LAK", 2}, {"LBP", 2}, {"LKR", 2}, {"LRD", 2}, {"LSL", 2}, {"LYD", 3}, {"MAD", 2}, {"MDL", 2},
    {"MGA", 2}, {"MKD", 2}, {"MMK", 2}, {"MNT", 2}, {"MOP", 2}, {"MRU", 2}, {"MUR", 2}, {"MVR", 2},
    {"MWK", 2}, {"MXN", 2}, {"MXV", 2}, {"MYR", 2}, {"MZN", 2}, {"NAD", 2}, {"NGN", 2}, {"NIO", 2},
    {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"OMR", 3}, {"PAB", 2}, {"PEN", 2}, {"PGK", 2}, {"PHP", 2},
    {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2}, {"RON", 2}, {"RSD", 2}, {"RUB", 2}, {"RWF", 0},
    {"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2}, {"SEK", 2}, {"SGD", 2}, {"SHP", 2}, {"SLE", 2},
    {"SOS", 2}, {"SRD", 2}, {"SSP", 2}, {"STN", 2}, {"SVC", 2}, {"SYP", 2}, {"SZL", 2}, {"THB", 2},
    {"TJS", 2}, {"TMT", 2}, {"TND", 3}, {"TOP", 2}, {"TRY", 2}, {"TTD", 2}, {"TWD", 2}, {"TZS", 2},
    {"UAH", 2}, {"UGX", 0}, {"USD", 2}, {"USN", 2}, {"UYI", 0}, {"UYU", 2}, {"UYW", 4}, {"UZS", 2},
    {"VED", 2}, {"VES", 2}, {"VND", 0}, {"VUV", 0}, {"WST", 2}, {"XAF", 0}, {"XCD", 2}, {"XCG", 2},
    {"XOF", 0}, {"XPF", 0}, {"YER", 2}, {"ZAR", 2}, {"ZMW", 2}, {"ZWG", 2},
};
#define CURRENCY_COUNT (sizeof CURRENCIES / sizeof CURRENCIES[0])

const PactCurrency *money_currency_table(size_t *count) {
  *count = CURRENCY_COUNT;
  return CURRENCIES;
}

static bool currency_code_valid(const char *code, size_t code_len) {
  if (code == NULL || code_len != 3) return false;
  for (size_t i = 0; i < 3; i++) {
    if (code[i] < 'A' || code[i] > 'Z') return false;
  }
  return true;
}

bool pact_currency_find(const char *code, size_t code_len, PactCurrency *out) {
  if (!currency_code_valid(code, code_len)) return false;
  size_t low = 0, high = CURRENCY_COUNT;
  while (low < high) {
    size_t mid = low + (high - low) / 2;
    int order = memcmp(code, CURRENCIES[mid].code, 3);
    if (order == 0) {
      if (out) *out = CURRENCIES[mid];
      return true;
    }
    if (order < 0) high = mid;
    else low = mid + 1;
  }
  return false;
}

/* ---------------------------------------------------------------- rounding */

static const char *const ROUNDING_NAMES[] = {
    "half-even", "half-up", "half-down", "down", "up", "floor", "ceiling",
};
#define ROUNDING_COUNT (sizeof ROUNDING_NAMES / sizeof ROUNDING_NAMES[0])

const char *pact_rounding_name(PactRounding mode) {
  if ((unsigned)mode >= ROUNDING_COUNT) return "unknown";
  return ROUNDING_NAMES[mode];
}

bool pact_rounding_find(const char *name, size_t name_len, PactRounding *out) {
  if (name == NULL) return false;
  for (size_t i = 0; i < ROUNDING_COUNT; i++) {
    if (strlen(ROUNDING_NAMES[i]) == name_len && memcmp(ROUNDING_NAMES[i], name, name_len) == 0) {
      if (out) *out = (PactRounding)i;
      return true;
    }
  }
  return false;
}

/* Whether a quotient that is not exact moves one unit away from zero (else it is truncated).
** half_order compares the remainder with half the denominator: <0 below, 0 a tie, >0 above. */
static bool rounds_away(PactRounding mode, bool negative, int half_order, bool truncated_odd) {
  switch (mode) {
    case PACT_ROUND_HALF_EVEN: return half_order > 0 || (half_order == 0 && truncated_odd);
    case PACT_ROUND_HALF_UP: return half_order >= 0;
    case PACT_ROUND_HALF_DOWN: return half_order > 0;
    case PACT_ROUND_DOWN: return false;
    case PACT_ROUND_UP: return true;
    case PACT_ROUND_FLOOR: return negative;
    case PACT_ROUND_CEILING: return !negative;
  }
  return false; /* not reached: money_round_quotient rejects unknown modes */
}

static bool wide_fits_int64(PactWide value) {
  return value >= (PactWide)INT64_MIN && value <= (PactWide)INT64_MAX;
}

PactStatus money_round_quotient(PactWide numerator, PactWide denominator, PactRounding mode,
                                int64_t *out) {
  if (denominator <= 0 || (unsigned)mode >= ROUNDING_COUNT) return PACT_ERR_RANGE;
  PactWide quotient = numerator / denominator; /* C truncates toward zero */
  PactWide remainder = numerator % denominator;
  if (remainder != 0) {
    bool negative = numerator < 0;
    PactWide below = negative ? -remainder : remainder; /* distance to the truncated value */
    PactWide above = denominator - below;               /* distance to the next one out */
    int half_order = below < above ? -1 : below > above ? 1 : 0; /* no 2*below: it may overflow */
    if (rounds_away(mode, negative, half_order, quotient % 2 != 0)) quotient += negative ? -1 : 1;
  }
  if (!wide_fits_int64(quotient)) return PACT_ERR_OVERFLOW;
  *out = (int64_t)quotient;
  return PACT_OK;
}

/* ---------------------------------------------------------------- decimals */

/* 10^0 .. 10^18: every power that fits in int64, and so every scale a PactDecimal may have. */
static const int64_t POW10[PACT_DECIMAL_SCALE_MAX + 1] = {
    1,
    10,
    100,
    1000,
    10000,
    100000,
    1000000,
    10000000,
    100000000,
    1000000000,
    10000000000,
    100000000000,
    1000000000000,
    10000000000000,
    100000000000000,
    1000000000000000,
    10000000000000000,
    100000000000000000,
    1000000000000000000,
};

/* The magnitude of INT64_MIN, the largest a parsed or formatted magnitude can be. */
#define MAGNITUDE_MAX ((PactWide)INT64_MAX + 1)

typedef struct DecimalScan {
  const char *at, *end;
  PactWide magnitude; /* stops growing once past MAGNITUDE_MAX: by then it cannot fit */
  size_t places;
} DecimalScan;

static bool scan_next_is(const DecimalScan *scan, char c) {
  return scan->at < scan->end && *scan->at == c;
}

/* digits -> [0-9]*   Returns how many were consumed, folding them into the magnitude. */
static size_t scan_digits(DecimalScan *scan) {
  size_t count = 0;
  while (scan->at < scan->end && *scan->at >= '0' && *scan->at <= '9') {
    if (scan->magnitude <= MAGNITUDE_MAX) {
      scan->magnitude = scan->magnitude * 10 + (*scan->at - '0');
    }
    scan->at++;
    count++;
  }
  return count;
}

/* integer -> digits | group (',' ddd)+   where group is 1..3 digits and ddd exactly three */
static bool scan_integer(DecimalScan *scan, bool allow_grouping) {
  size_t first_count = scan_digits(scan);
  if (first_count == 0) return false;
  if (!scan_next_is(scan, ',')) return true;
  if (!allow_grouping || first_count > 3) return false;
  while (scan_next_is(scan, ',')) {
    scan->at++;
    if (scan_digits(scan) != 3) return false;
  }
  return true;
}

/* decimal -> ['-'] integer ['.' digits] */
PactStatus pact_decimal_parse(const char *text, size_t len, bool allow_grouping, PactDecimal *out) {
  if (text == NULL) return PACT_ERR_SYNTAX;
  DecimalScan scan = {text, text + len, 0, 0};
  bool negative = scan_next_is(&scan, '-');
  if (negative) scan.at++;
  if (!scan_integer(&scan, allow_grouping)) return PACT_ERR_SYNTAX;
  if (scan_next_is(&scan, '.')) {
    scan.at++;
    scan.places = scan_digits(&scan);
    if (scan.places == 0) return PACT_ERR_SYNTAX;
  }
  if (scan.at != scan.end) return PACT_ERR_SYNTAX;
  if (scan.places > PACT_DECIMAL_SCALE_MAX) return PACT_ERR_PRECISION;
  if (scan.magnitude > (negative ? MAGNITUDE_MAX : MAGNITUDE_MAX - 1)) return PACT_ERR_OVERFLOW;
  out->units = (int64_t)(negative ? -scan.magnitude : scan.magnitude);
  out->scale = (uint8_t)scan.places;
  return PACT_OK;
}

static int wide_order(PactWide a, PactWide b) { return a < b ? -1 : a > b ? 1 : 0; }

static int int64_sign(int64_t value) { return value < 0 ? -1 : value > 0 ? 1 : 0; }

/* Brings the smaller scale up to the larger one; past 18 places of difference a nonzero
** coarse value outweighs anything an int64 can hold at the fine scale, so the signs decide. */
int pact_decimal_cmp(PactDecimal a, PactDecimal b) {
  if (a.scale > b.scale) return -pact_decimal_cmp(b, a);
  unsigned difference = (unsigned)(b.scale - a.scale);
  if (difference > PACT_DECIMAL_SCALE_MAX) {
    return a.units != 0 ? int64_sign(a.units) : -int64_sign(b.units);
  }
  return wide_order((PactWide)a.units * POW10[difference], (PactWide)b.units);
}

/* Uses up places first (12.5% is 0.125 shifted by 2: units 125, scale 1), and multiplies the
** units only for what is left, so a shift fails only when the value really does not fit. */
PactStatus pact_decimal_shift(PactDecimal value, int exponent, PactDecimal *out) {
  if (exponent < 0) return PACT_ERR_RANGE;
  if (exponent <= value.scale) {
    out->units = value.units;
    out->scale = (uint8_t)(value.scale - exponent);
    return PACT_OK;
  }
  int growth = exponent - value.scale;
  if (value.units != 0 && growth > PACT_DECIMAL_SCALE_MAX) return PACT_ERR_OVERFLOW;
  PactWide units = value.units == 0 ? 0 : (PactWide)value.units * POW10[growth];
  if (!wide_fits_int64(units)) return PACT_ERR_OVERFLOW;
  out->units = (int64_t)units;
  out->scale = 0;
  return PACT_OK;
}

PactDecimal pact_decimal_normalize(PactDecimal value, uint8_t min_scale) {
  while (value.scale > min_scale && value.units % 10 == 0) {
    value.units /= 10;
    value.scale--;
  }
  return value;
}

/* ------------------------------------------------------------- formatting */

/* snprintf's contract: write what fits, always NUL-terminate, count everything. */
typedef struct TextOut {
  char *buf;
  size_t size;
  size_t len; /* the full length, even past what fits */
} TextOut;

static TextOut text_open(char *buf, size_t buf_size) {
  TextOut out = {buf, buf == NULL ? 0 : buf_size, 0};
  if (out.size > 0) out.buf[0] = '\0';
  return out;
}

static void text_put(TextOut *out, const char *text, size_t len) {
  if (out->size > 0 && out->len < out->size - 1) {
    size_t room = out->size - 1 - out->len;
    size_t count = len < room ? len : room;
    memcpy(out->buf + out->len, text, count);
    out->buf[out->len + count] = '\0';
  }
  out->len += len;
}

/* Sign, up to 39 digits with 12 commas, a point and up to 255 places. */
#define FIXED_TEXT_MAX 320

/* Writes magnitude / 10^places in full, with commas between thousands when grouped. */
static void text_put_fixed(TextOut *out, PactWide magnitude, bool negative, unsigned places,
                           bool grouped) {
  char text[FIXED_TEXT_MAX];
  char *at = text + sizeof text; /* filled from the right */
  for (unsigned i = 0; i < places; i++, magnitude /= 10) *--at = (char)('0' + magnitude % 10);
  if (places > 0) *--at = '.';
  int group_len = 0;
  do {
    if (grouped && group_len == 3) {
      *--at = ',';
      group_len = 0;
    }
    *--at = (char)('0' + magnitude % 10);
    magnitude /= 10;
    group_len++;
  } while (magnitude != 0);
  if (negative) *--at = '-';
  text_put(out, at, (size_t)(text + sizeof text - at));
}

static PactWide int64_magnitude(int64_t value) {
  return value < 0 ? -(PactWide)value : (PactWide)value;
}

size_t pact_decimal_format(PactDecimal value, char *buf, size_t buf_size) {
  TextOut out = text_open(buf, buf_size);
  text_put_fixed(&out, int64_magnitude(value.units), value.units < 0, value.scale, false);
  return out.len;
}

size_t pact_rate_format(PactDecimal rate, char *buf, size_t buf_size) {
  enum { PLACES_MIN = 2 };
  PactDecimal shortest = pact_decimal_normalize(rate, PLACES_MIN);
  PactWide magnitude = int64_magnitude(shortest.units);
  unsigned places = shortest.scale;
  for (; places < PLACES_MIN; places++) magnitude *= 10; /* 1 -> "1.00", 0.2 -> "0.20" */
  TextOut out = text_open(buf, buf_size);
  text_put_fixed(&out, magnitude, shortest.units < 0, places, false);
  return out.len;
}

/* Moves the point two places right in the wide type, where even INT64_MAX * 100 fits. */
size_t pact_rate_format_percent(PactDecimal rate, char *buf, size_t buf_size) {
  PactWide magnitude = int64_magnitude(rate.units);
  unsigned places = rate.scale;
  for (int shift = 0; shift < 2; shift++) {
    if (places > 0) places--;
    else magnitude *= 10;
  }
  while (places > 0 && magnitude % 10 == 0) {
    magnitude /= 10;
    places--;
  }
  TextOut out = text_open(buf, buf_size);
  text_put_fixed(&out, magnitude, rate.units < 0, places, false);
  text_put(&out, "%", 1);
  return out.len;
}

size_t pact_money_format(int64_t minor, uint8_t minor_digits, char *buf, size_t buf_size) {
  TextOut out = text_open(buf, buf_size);
  text_put_fixed(&out, int64_magnitude(minor), minor < 0, minor_digits, false);
  return out.len;
}

size_t pact_money_format_grouped(int64_t minor, uint8_t minor_digits, char *buf, size_t buf_size) {
  TextOut out = text_open(buf, buf_size);
  text_put_fixed(&out, int64_magnitude(minor), minor < 0, minor_digits, true);
  return out.len;
}

/* ------------------------------------------------------------------ money */

/* Shifting by the currency's places leaves an integer unless the amount has more places than
** the currency; trailing zeros (24.690 USD) are dropped first, so they are no error. */
PactStatus pact_money_from_decimal(PactDecimal amount, uint8_t minor_digits, int64_t *out_minor) {
  PactDecimal minor;
  PactStatus status = pact_decimal_shift(amount, minor_digits, &minor);
  if (status != PACT_OK) return status;
  minor = pact_decimal_normalize(minor, 0);
  if (minor.scale != 0) return PACT_ERR_PRECISION;
  *out_minor = minor.units;
  return PACT_OK;
}

PactStatus pact_money_parse(const char *text, size_t len, uint8_t minor_digits,
                            int64_t *out_minor) {
  PactDecimal amount;
  PactStatus status = pact_decimal_parse(text, len, true, &amount);
  if (status != PACT_OK) return status;
  return pact_money_from_decimal(amount, minor_digits, out_minor);
}

static PactStatus wide_store(PactWide value, int64_t *out) {
  if (!wide_fits_int64(value)) return PACT_ERR_OVERFLOW;
  *out = (int64_t)value;
  return PACT_OK;
}

PactStatus pact_money_add(int64_t a, int64_t b, int64_t *out) {
  return wide_store((PactWide)a + b, out);
}

PactStatus pact_money_sub(int64_t a, int64_t b, int64_t *out) {
  return wide_store((PactWide)a - b, out);
}

/* One product, one division, one rounding: |amount * units| < 2^126 always fits. */
PactStatus pact_money_mul_rate(int64_t amount_minor, PactDecimal rate, PactRounding mode,
                               int64_t *out_minor) {
  if (rate.scale > PACT_DECIMAL_SCALE_MAX) return PACT_ERR_RANGE;
  PactWide product = (PactWide)amount_minor * rate.units;
  return money_round_quotient(product, POW10[rate.scale], mode, out_minor);
}

/* --------------------------------------------------------------- splitting */

/*
** Part i is total / n, plus one unit of the total's sign for each of the first |total % n|
** parts. C's truncating division gives exactly that for negative totals too (-10 / 3 is -3
** with remainder -1: parts -4, -3, -3). Invalid arguments (n <= 0, a range outside the parts)
** give 0, since these return amounts rather than a status.
*/
int64_t pact_money_split_part(int64_t total, int64_t part_count, int64_t index) {
  if (part_count <= 0 || index < 0 || index >= part_count) return 0;
  int64_t base = total / part_count;
  int64_t leftover = total % part_count; /* same sign as total, |leftover| < part_count */
  int64_t leftover_count = leftover < 0 ? -leftover : leftover;
  if (index < leftover_count) return base + (total < 0 ? -1 : 1);
  return base;
}

int64_t pact_money_split_range(int64_t total, int64_t part_count, int64_t first, int64_t count) {
  if (part_count <= 0 || first < 0 || count < 0 || first > part_count) return 0;
  if (count > part_count - first) return 0;
  int64_t base = total / part_count;
  int64_t leftover = total % part_count;
  int64_t leftover_count = leftover < 0 ? -leftover : leftover;
  int64_t end = first + count; /* <= part_count: no overflow */
  int64_t extra_end = end < leftover_count ? end : leftover_count;
  int64_t with_extra = extra_end > first ? extra_end - first : 0; /* parts that get one more */
  /* A sum of parts lies between 0 and total, so it fits; the wide type keeps the steps exact. */
  PactWide sum = (PactWide)base * count + (PactWide)with_extra * (total < 0 ? -1 : 1);
  return (int64_t)sum;
}
