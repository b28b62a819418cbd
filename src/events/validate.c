/*
** validate.c -- the checks every row of an event file must pass, each problem reported at its
** line with its value: the id, the kind, the dates, the amount and its currency, the fields the
** kind needs; and the one pass that takes the usual good row at once.
*/
#include "events/reader_int.h"

#include <string.h>

#include "base/money.h"
#include "base/suggest.h"
#include "events/model_int.h"

#define FIELD_BIT(f) (1u << (f))

static const char *const ANSWERS[] = {"accept", "unable", "unwilling"};

/* ------------------------------------------------------------------ checking */

/* Error paths are kept out of line and out of the way: they run once per problem, the checks
** around them once per row. */
#define COLD __attribute__((cold, noinline))

static bool given(const EventRow *row, EventField f) { return row->given & FIELD_BIT(f); }

/* Where a value starts: its record's line, unless the record spans lines. */
static uint32_t row_line(const EventRow *row, EventField f) {
  return row->spans_lines ? row->lines[f] : row->line;
}

/* Given and not already reported: worth checking. */
static bool checkable(const EventRow *row, EventField f) {
  return row->values[f].len > 0 && !(row->spoiled & FIELD_BIT(f));
}

/* "what 'value' in column 'name'", the usual form of a bad value. */
COLD static void report_value(EventReader *r, const EventRow *row, EventField f, const char *code,
                              const char *help, const char *what) {
  char shown[EVENT_SHOWN_BYTES];
  events_show(shown, row->values[f].ptr, row->values[f].len);
  events_report(r, row_line(row, f), code, help, "%s '%s' in %s '%s'", what, shown, r->field_word,
                event_field_name(f));
}

COLD static bool report_missing(EventReader *r, const EventRow *row, EventField f) {
  events_report(r, row->line, "E1011", "every event has an id, a kind and a date", "missing '%s'",
                event_field_name(f));
  return false;
}

static bool check_present(EventReader *r, const EventRow *row, EventField f) {
  return given(row, f) || report_missing(r, row, f);
}

static bool check_id(EventReader *r, const EventRow *row, Event *out) {
  if (!check_present(r, row, EVENT_FIELD_ID) || !checkable(row, EVENT_FIELD_ID)) return false;
  out->id = row->values[EVENT_FIELD_ID];
  return true;
}

COLD static bool report_kind(EventReader *r, const EventRow *row) {
  EventText kind = row->values[EVENT_FIELD_KIND];
  const char *guess = suggest_closest(kind.ptr, kind.len, events_kind_names, EVENT_KIND_COUNT);
  char help[160];
  if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
  else
    snprintf(help, sizeof help,
             "kinds are revenue, profit, payment, purchase, offer, "
             "response, launch, use, grant, milestone and correction");
  char shown[EVENT_SHOWN_BYTES];
  events_show(shown, kind.ptr, kind.len);
  events_report(r, row_line(row, EVENT_FIELD_KIND), "E1012", help, "unknown kind '%s'", shown);
  return false;
}

static bool check_kind(EventReader *r, const EventRow *row, Event *out) {
  if (!check_present(r, row, EVENT_FIELD_KIND) || !checkable(row, EVENT_FIELD_KIND)) return false;
  EventText kind = row->values[EVENT_FIELD_KIND];
  return event_kind_find(kind.ptr, kind.len, &out->kind) || report_kind(r, row);
}

/* Why a well-formed date is impossible, for the help line. */
static void impossible_date_help(const char *text, char *help, size_t size) {
  int year = 0, month = 0;
  for (int i = 0; i < 4; i++) year = year * 10 + (text[i] - '0');
  month = (text[5] - '0') * 10 + (text[6] - '0');
  if (year < PACT_YEAR_MIN) snprintf(help, size, "years run from 0001 to 9999");
  else if (month < 1 || month > 12) snprintf(help, size, "months run from 01 to 12");
  else snprintf(help, size, "%.7s has %d days", text, pact_days_in_month(year, month));
}

/* The month of a date's first eight bytes, "YYYY-MM-": its first day and length. */
static __attribute__((noinline)) PactStatus month_parse(const unsigned char *t, uint64_t key,
                                                        EventMonth *month) {
  if (t[4] != '-' || t[7] != '-') return PACT_ERR_SYNTAX;
  unsigned y0 = t[0] - 48u, y1 = t[1] - 48u, y2 = t[2] - 48u, y3 = t[3] - 48u;
  unsigned m0 = t[5] - 48u, m1 = t[6] - 48u;
  if ((y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) | (m0 > 9) | (m1 > 9)) return PACT_ERR_SYNTAX;
  int year = (int)(y0 * 1000 + y1 * 100 + y2 * 10 + y3), number = (int)(m0 * 10 + m1);
  PactDate first;
  PactStatus status = pact_date_from_ymd(year, number, 1, &first);
  if (status != PACT_OK) return status;
  month->key = key;
  month->first = first;
  month->days = pact_days_in_month(year, number);
  return PACT_OK;
}

/*
** YYYY-MM-DD as pact_date_parse reads it (PACT_ERR_SYNTAX for the form, PACT_ERR_RANGE for a
** day that does not exist), with months cached by their text: the dates of a file mostly fall
** in a few years, and a span's two dates in one month.
*/
static inline __attribute__((always_inline)) PactStatus date_parse(EventReader *r, EventText text,
                                                                   PactDate *out) {
  const unsigned char *t = (const unsigned char *)text.ptr;
  if (text.len != 10) return PACT_ERR_SYNTAX;
  unsigned d0 = t[8] - 48u, d1 = t[9] - 48u;
  if ((d0 > 9) | (d1 > 9)) return PACT_ERR_SYNTAX;
  uint64_t key;
  memcpy(&key, t, 8);
  /* The slot: the year in the century and the month, from the raw text (checked by the key),
  ** so that the months of 21 years in a row never share one. */
  unsigned slot = t[2] * 120u + t[3] * 12u + t[5] * 10u + t[6];
  EventMonth *month = &r->months[slot & (EVENT_MONTHS_CACHED - 1)];
  if (month->key != key) {
    PactStatus status = month_parse(t, key, month);
    if (status != PACT_OK) return status;
  }
  int day = (int)(d0 * 10 + d1);
  if (day < 1 || day > month->days) return PACT_ERR_RANGE;
  *out = month->first + day - 1;
  return PACT_OK;
}

COLD static bool report_date(EventReader *r, const EventRow *row, EventField f, PactStatus status) {
  EventText text = row->values[f];
  char help[64];
  if (status == PACT_ERR_RANGE) impossible_date_help(text.ptr, help, sizeof help);
  else snprintf(help, sizeof help, "write dates as YYYY-MM-DD");
  report_value(r, row, f, "E1004", help,
               status == PACT_ERR_RANGE ? "impossible date" : "malformed date");
  return false;
}

static bool check_date(EventReader *r, const EventRow *row, EventField f, PactDate *out) {
  PactStatus status = date_parse(r, row->values[f], out);
  return status == PACT_OK || report_date(r, row, f, status);
}

COLD static bool report_end_before_date(EventReader *r, const EventRow *row, const Event *e) {
  char end[11], date[11];
  pact_date_format(e->end, end);
  pact_date_format(e->date, date);
  events_report(r, row_line(row, EVENT_FIELD_END), "E1005",
                "end is the last day of the span, on or after date", "end '%s' is before date '%s'",
                end, date);
  return false;
}

static bool check_dates(EventReader *r, const EventRow *row, Event *out) {
  bool date_ok = check_present(r, row, EVENT_FIELD_DATE) && checkable(row, EVENT_FIELD_DATE) &&
                 check_date(r, row, EVENT_FIELD_DATE, &out->date);
  if (!given(row, EVENT_FIELD_END)) return date_ok;
  out->has_end = checkable(row, EVENT_FIELD_END) && check_date(r, row, EVENT_FIELD_END, &out->end);
  if (!date_ok || !out->has_end) return false;
  return out->end >= out->date || report_end_before_date(r, row, out);
}

COLD static bool report_currency(EventReader *r, const EventRow *row) {
  EventText code = row->values[EVENT_FIELD_CURRENCY];
  char upper[4] = {0}, help[96];
  for (uint32_t i = 0; i < 3 && code.len == 3; i++)
    upper[i] = code.ptr[i] >= 'a' && code.ptr[i] <= 'z' ? (char)(code.ptr[i] - 32) : code.ptr[i];
  if (code.len == 3 && pact_currency_find(upper, 3, NULL))
    snprintf(help, sizeof help, "did you mean '%s'? codes are upper case", upper);
  else snprintf(help, sizeof help, "write an ISO 4217 code such as USD, EUR or JPY");
  char shown[EVENT_SHOWN_BYTES];
  events_show(shown, code.ptr, code.len);
  events_report(r, row_line(row, EVENT_FIELD_CURRENCY), "E1009", help, "unknown currency '%s'",
                shown);
  return false;
}

static bool check_currency(EventReader *r, const EventRow *row, Event *out) {
  EventText code = row->values[EVENT_FIELD_CURRENCY];
  if (code.len == 3 && events_same_bytes(code.ptr, r->currency_cache.code, 3)) {
    out->currency = r->currency_cache;
    return true;
  }
  if (pact_currency_find(code.ptr, code.len, &out->currency)) {
    r->currency_cache = out->currency;
    return true;
  }
  return report_currency(r, row);
}


/* An amount's value: digits * 10^power, with no trailing zeros in digits (unless it is 0). */
typedef struct AmountScan {
  uint64_t digits;
  int32_t power;
  bool negative;
  bool overflow; /* more significant digits than 64 bits hold */
} AmountScan;

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* 10^k, and the largest digits that can take k more digits (the last up to 9) without
** overflow: no division while scanning. */
static const uint64_t POW10[20] = {
    1u,
    10u,
    100u,
    1000u,
    10000u,
    100000u,
    1000000u,
    10000000u,
    100000000u,
    1000000000u,
    10000000000u,
    100000000000u,
    1000000000000u,
    10000000000000u,
    100000000000000u,
    1000000000000000u,
    10000000000000000u,
    100000000000000000u,
    1000000000000000000u,
    10000000000000000000u,
};
#define ROOM(power) ((UINT64_MAX - 9) / (power))
static const uint64_t DIGITS_ROOM[20] = {
    UINT64_MAX,
    ROOM(10u),
    ROOM(100u),
    ROOM(1000u),
    ROOM(10000u),
    ROOM(100000u),
    ROOM(1000000u),
    ROOM(10000000u),
    ROOM(100000000u),
    ROOM(1000000000u),
    ROOM(10000000000u),
    ROOM(100000000000u),
    ROOM(1000000000000u),
    ROOM(10000000000000u),
    ROOM(100000000000000u),
    ROOM(1000000000000000u),
    ROOM(10000000000000000u),
    ROOM(100000000000000000u),
    ROOM(1000000000000000000u),
    ROOM(10000000000000000000u),
};

/*
** One digit. Zeros are owed rather than multiplied in, and paid only when a nonzero digit
** follows, so 1.50000, 0.000001 and 1000000000000000000000 are all exact; digits overflows
** only when the significant digits themselves do not fit.
*/
static void amount_digit(AmountScan *a, uint32_t *zeros_owed, char c) {
  if (c == '0') {
    (*zeros_owed)++;
    return;
  }
  uint32_t shift = *zeros_owed + 1;
  *zeros_owed = 0;
  if (a->digits == 0 && !a->overflow)
    a->digits = (uint64_t)(c - '0'); /* leading zeros count for nothing */
  else if (shift < 20 && a->digits <= DIGITS_ROOM[shift])
    a->digits = a->digits * POW10[shift] + (uint64_t)(c - '0');
  else a->overflow = true;
}

/* The exponent of a JSON number: [eE][+-]?digits, capped far beyond any amount. */
static bool amount_exponent(const char **p, const char *end, int32_t *out) {
  bool negative = false;
  int32_t value = 0;
  if (*p < end && (**p == '+' || **p == '-')) negative = *(*p)++ == '-';
  if (*p == end || !is_digit(**p)) return false;
  for (; *p < end && is_digit(**p); (*p)++)
    if (value < 100000) value = value * 10 + (**p - '0');
  *out = negative ? -value : value;
  return true;
}

/*
** An amount's text: -?digits(.digits)? ; a JSON number by its own grammar (no leading zeros,
** an optional exponent). Never through a double.
*/
static bool amount_scan(const char *p, size_t len, bool json_number, AmountScan *a);

/*
** Digits eight at a time (SWAR), where words are little-endian: the first byte of a text is then
** the lowest of the word loaded from it.
*/
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define EVENTS_SWAR 1

static uint64_t load8(const char *p) {
  uint64_t word;
  memcpy(&word, p, 8);
  return word;
}

/*
** How many of the eight bytes of word, from the first, are decimal digits (0..8). Less '0',
** a digit is 0..9 and one more than 9 sets its byte's top bit once 0x76 is added; a byte below
** '0' sets it by wrapping. Borrows and carries run only from a byte that is not a digit up
** into the bytes after it, so the first such byte is always marked, and found.
*/
static unsigned digits_lead(uint64_t word) {
  uint64_t x = word - 0x3030303030303030u;
  uint64_t marks = (x | (x + 0x7676767676767676u)) & 0x8080808080808080u;
  return marks ? (unsigned)__builtin_ctzll(marks) >> 3 : 8;
}

/* The number the first n (1..8) bytes of word spell, all digits: they are moved to the top of
** the word (zeros before them), then bytes are paired into 2, 4 and 8 digits. */
static uint64_t digits_value(uint64_t word, unsigned n) {
  uint64_t v = (word & 0x0F0F0F0F0F0F0F0Fu) << (8 * (8 - n));
  v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFu;
  v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFu;
  return (v * 10000 + (v >> 32)) & 0xFFFFFFFFu;
}
#else
#define EVENTS_SWAR 0
#endif

/* The usual amount, -?digits(.digits)? with at most 18 digits, which cannot overflow: no zeros
** owed, one multiply-add per digit. False when it is anything else. */
/* A run of decimal digits from p appended to *value, four at a time while it can; the end of
** the run. The caller bounds the run so that it cannot overflow. */
static const char *digit_run(const char *p, const char *end, uint64_t *value) {
  uint64_t v = *value;
  while (end - p >= 4) { /* bounded: p moves on by four */
    unsigned a = (unsigned)(p[0] - '0'), b = (unsigned)(p[1] - '0');
    unsigned c = (unsigned)(p[2] - '0'), d = (unsigned)(p[3] - '0');
    if ((a > 9) | (b > 9) | (c > 9) | (d > 9)) break;
    v = v * 10000 + a * 1000 + b * 100 + c * 10 + d;
    p += 4;
  }
  for (unsigned d; p < end && (d = (unsigned)(*p - '0')) <= 9; p++) v = v * 10 + d;
  *value = v;
  return p;
}

static bool amount_scan_short(const char *p, size_t len, AmountScan *a) {
  const char *end = p + len;
  uint64_t digits = 0;
  a->negative = p < end && *p == '-';
  p += a->negative;
  const char *integer = p;
  if (end - p > 19) return false;
  p = digit_run(p, end, &digits);
  if (p == integer) return false;
  a->power = 0;
  if (p < end && *p == '.') {
    const char *fraction = ++p;
    p = digit_run(p, end, &digits);
    a->power = -(int32_t)(p - fraction);
    if (p == fraction) return false;
  }
  a->digits = digits;
  a->overflow = false;
  return p == end;
}

static bool amount_scan(const char *p, size_t len, bool json_number, AmountScan *a) {
  if (!json_number && amount_scan_short(p, len, a)) return true;
  const char *end = p + len;
  uint32_t zeros_owed = 0;
  int32_t fraction_digits = 0, exponent = 0;
  memset(a, 0, sizeof *a);
  if (p < end && *p == '-') a->negative = true, p++;
  const char *integer = p;
  for (; p < end && is_digit(*p); p++) amount_digit(a, &zeros_owed, *p);
  if (p == integer || (json_number && p - integer > 1 && *integer == '0')) return false;
  if (p < end && *p == '.') {
    const char *fraction = ++p;
    for (; p < end && is_digit(*p); p++) amount_digit(a, &zeros_owed, *p);
    fraction_digits = (int32_t)(p - fraction);
    if (fraction_digits == 0) return false;
  }
  if (json_number && p < end && (*p == 'e' || *p == 'E')) {
    p++;
    if (!amount_exponent(&p, end, &exponent)) return false;
  }
  a->power = (int32_t)zeros_owed - fraction_digits + exponent;
  return p == end;
}

/*
** The usual amount in minor units, -?digits(.digits)? with no more places than the currency
** has and at most 18 digits once scaled to minor units (so nothing can overflow), a JSON
** number's integer part without a leading zero; false for anything else, which amount_scan
** and amount_to_minor then read (and report) in full. The value is the same they give: the
** digits scaled by the places missing, the sign applied (-0 is 0).
*/
static bool amount_fast(const EventReader *r, EventText text, bool json_number, int minor_digits,
                        int64_t *out) {
#if EVENTS_SWAR
  /* Eight bytes at a time, when the 24 bytes from the text are inside the window (so every
  ** load is): the digits before the point, then those after it. A value of more than seven
  ** digits before the point (eight with none after) takes the scalar way below. */
  uintptr_t at = (uintptr_t)text.ptr, from = (uintptr_t)r->data, to = from + r->len;
  if (at >= from && at < to && to - at >= 24 && text.len <= 16 && minor_digits <= 8) {
    const char *p = text.ptr;
    unsigned negative = p[0] == '-', rest = text.len - negative;
    uint64_t word = load8(p + negative);
    unsigned n = digits_lead(word);
    if (n > rest) n = rest; /* the digits of the text, not of what follows it */
    if (n < 8 || rest == 8) {
      if (n == 0 || (json_number && n > 1 && p[negative] == '0')) return false;
      uint64_t value = digits_value(word, n);
      unsigned places = 0;
      if (n < rest) {
        places = rest - n - 1;
        if (p[negative + n] != '.' || places == 0 || places > (unsigned)minor_digits) return false;
        uint64_t fraction = load8(p + negative + n + 1); /* at most 17 bytes from p */
        if (digits_lead(fraction) < places) return false;
        value = value * POW10[places] + digits_value(fraction, places);
      }
      /* At most 7 + 8 digits, scaled to at most 8 + 8: no overflow. */
      value *= POW10[minor_digits - (int)places];
      *out = negative ? -(int64_t)value : (int64_t)value;
      return true;
    }
  }
#endif
  const char *p = text.ptr, *end = text.ptr + text.len;
  bool negative = p < end && *p == '-';
  p += negative;
  const char *integer = p;
  uint64_t value = 0;
  if (end - p > 18) return false;
  p = digit_run(p, end, &value);
  size_t integer_digits = (size_t)(p - integer);
  if (integer_digits == 0 || (json_number && integer_digits > 1 && *integer == '0')) return false;
  size_t places = 0;
  if (p < end && *p == '.') {
    const char *fraction = ++p;
    p = digit_run(p, end, &value);
    places = (size_t)(p - fraction);
    if (places == 0) return false;
  }
  if (p != end || places > (size_t)minor_digits || integer_digits + (size_t)minor_digits > 18)
    return false;
  value *= POW10[minor_digits - (int)places];
  *out = negative ? -(int64_t)value : (int64_t)value;
  return true;
}

/* Minor units of a currency with minor_digits places, or PACT_ERR_PRECISION (a nonzero digit
** past the currency's places) or PACT_ERR_OVERFLOW. */
static PactStatus amount_to_minor(AmountScan a, int minor_digits, int64_t *out) {
  if (a.digits == 0 && !a.overflow) {
    *out = 0;
    return PACT_OK;
  }
  int32_t shift = minor_digits + a.power;
  for (; shift < 0 && a.digits % 10 == 0 && !a.overflow; shift++) a.digits /= 10; /* 1.500 */
  if (shift < 0) return PACT_ERR_PRECISION;
  if (a.overflow) return PACT_ERR_OVERFLOW;
  uint64_t limit = a.negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
  for (; shift > 0; shift--) {
    if (a.digits > limit / 10) return PACT_ERR_OVERFLOW;
    a.digits *= 10;
  }
  if (a.digits > limit) return PACT_ERR_OVERFLOW;
  *out = a.negative ? (int64_t)(0 - a.digits) : (int64_t)a.digits;
  return PACT_OK;
}

COLD static void report_amount(EventReader *r, const EventRow *row, PactStatus status,
                               PactCurrency currency) {
  EventText text = row->values[EVENT_FIELD_AMOUNT];
  char shown[EVENT_SHOWN_BYTES], help[160];
  events_show(shown, text.ptr, text.len);
  uint32_t line = row_line(row, EVENT_FIELD_AMOUNT);
  if (status == PACT_ERR_PRECISION) {
    snprintf(help, sizeof help, "%s has %u decimal place%s; amounts are exact, never rounded",
             currency.code, currency.minor_digits, currency.minor_digits == 1 ? "" : "s");
    events_report(r, line, "E1007", help, "amount '%s' has more decimal places than %s allows",
                  shown, currency.code);
  } else if (status == PACT_ERR_OVERFLOW) {
    char largest[48];
    pact_money_format(INT64_MAX, currency.minor_digits, largest, sizeof largest);
    snprintf(help, sizeof help, "the largest %s amount is %s", currency.code, largest);
    events_report(r, line, "E1008", help, "amount '%s' is too large for 64-bit minor units", shown);
  } else {
    const char *form = row->amount_is_number
                           ? "a JSON number such as -1234.5 or 1.2e3, or a string"
                           : "digits with an optional '-' and '.', no grouping: -1234.50";
    snprintf(help, sizeof help, "write %s", form);
    report_value(r, row, EVENT_FIELD_AMOUNT, "E1006", help, "malformed amount");
  }
}

/* The amount in minor units of its currency; the currency's own check comes first. */
static bool check_amount(EventReader *r, const EventRow *row, bool currency_ok, Event *out) {
  EventText text = row->values[EVENT_FIELD_AMOUNT];
  AmountScan scan;
  if (!amount_scan(text.ptr, text.len, row->amount_is_number, &scan)) {
    report_amount(r, row, PACT_ERR_SYNTAX, out->currency);
    return false;
  }
  if (!given(row, EVENT_FIELD_CURRENCY)) {
    char shown[EVENT_SHOWN_BYTES], help[96];
    events_show(shown, text.ptr, text.len);
    snprintf(help, sizeof help, "give its ISO 4217 code in %s 'currency'", r->field_word);
    events_report(r, row_line(row, EVENT_FIELD_AMOUNT), "E1010", help,
                  "amount '%s' without a currency", shown);
    return false;
  }
  if (!currency_ok) return false;
  PactStatus status = amount_to_minor(scan, out->currency.minor_digits, &out->amount_minor);
  if (status != PACT_OK) report_amount(r, row, status, out->currency);
  out->has_amount = status == PACT_OK;
  return out->has_amount;
}

static bool check_money(EventReader *r, const EventRow *row, Event *out) {
  bool currency_ok = true;
  if (given(row, EVENT_FIELD_CURRENCY))
    currency_ok = checkable(row, EVENT_FIELD_CURRENCY) && check_currency(r, row, out);
  if (!given(row, EVENT_FIELD_AMOUNT)) return currency_ok;
  if (!checkable(row, EVENT_FIELD_AMOUNT)) return false;
  return check_amount(r, row, currency_ok, out);
}

/* "party, amount and currency" */
static void list_fields(uint32_t mask, char *buf, size_t size) {
  size_t n = 0, count = 0, total = 0;
  for (int f = 0; f < EVENT_FIELD_COUNT; f++) total += (mask >> f) & 1;
  buf[0] = '\0';
  for (int f = 0; f < EVENT_FIELD_COUNT && n < size; f++) {
    if (!(mask & FIELD_BIT(f))) continue;
    const char *sep = count == 0 ? "" : count + 1 == total ? " and " : ", ";
    n += (size_t)snprintf(buf + n, size - n, "%s%s", sep, event_field_name((EventField)f));
    count++;
  }
}

COLD static void report_needs(EventReader *r, const EventRow *row, EventKind kind,
                              EventField missing) {
  const char *article = kind == EVENT_OFFER ? "an" : "a"; /* "a use": a 'y' sound */
  char fields[96], help[160];
  list_fields(events_kind_needs[kind], fields, sizeof fields);
  snprintf(help, sizeof help, "%s %s event has %s", article, events_kind_names[kind], fields);
  events_report(r, row->line, "E1013", help, "%s %s event needs '%s'", article,
                events_kind_names[kind], event_field_name(missing));
}

static bool check_needs(EventReader *r, const EventRow *row, EventKind kind) {
  uint32_t needs = events_kind_needs[kind];
  bool ok = true;
  for (uint32_t todo = needs; todo; todo &= todo - 1) { /* each needed field, in order */
    int f = __builtin_ctz(todo);
    if (given(row, (EventField)f)) continue;
    /* An amount without a currency was reported as such (E1010). */
    if (f == EVENT_FIELD_CURRENCY && given(row, EVENT_FIELD_AMOUNT)) {
      ok = false;
      continue;
    }
    report_needs(r, row, kind, (EventField)f);
    ok = false;
  }
  return ok;
}

static bool check_answer(EventReader *r, const EventRow *row) {
  EventText answer = row->values[EVENT_FIELD_SUBJECT];
  for (size_t i = 0; i < 3; i++)
    if (answer.len == strlen(ANSWERS[i]) && memcmp(answer.ptr, ANSWERS[i], answer.len) == 0)
      return true;
  const char *guess = suggest_closest(answer.ptr, answer.len, ANSWERS, 3);
  char shown[EVENT_SHOWN_BYTES], help[96];
  events_show(shown, answer.ptr, answer.len);
  if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
  else snprintf(help, sizeof help, "a response's subject is its answer");
  events_report(r, row_line(row, EVENT_FIELD_SUBJECT), "E1014", help,
                "a response answers accept, unable or unwilling, not '%s'", shown);
  return false;
}

/* A payment of a negative amount: money going back is a payment the other way. */
static bool check_payment(EventReader *r, const EventRow *row, const Event *e) {
  if (e->kind != EVENT_PAYMENT || !e->has_amount || e->amount_minor >= 0) return true;
  char shown[EVENT_SHOWN_BYTES];
  EventText amount = row->values[EVENT_FIELD_AMOUNT];
  events_show(shown, amount.ptr, amount.len);
  events_report(r, row_line(row, EVENT_FIELD_AMOUNT), "E1024",
                "a payment is money its party paid its counterparty; record money paid back as a "
                "payment of the other party, with the parties the other way round",
                "a payment of a negative amount ('%s')", shown);
  return false;
}

static void copy_texts(const EventRow *row, Event *out) {
  out->party = row->values[EVENT_FIELD_PARTY];
  out->counterparty = row->values[EVENT_FIELD_COUNTERPARTY];
  out->stream = row->values[EVENT_FIELD_STREAM];
  out->subject = row->values[EVENT_FIELD_SUBJECT];
  out->ref = row->values[EVENT_FIELD_REF];
  out->note = row->values[EVENT_FIELD_NOTE];
}

/* Sets every member one by one: a memset of the whole struct compiles to `rep stos`, which
** costs more per row than all the checks together. */
static void event_clear(Event *out, uint32_t line) {
  out->id = (EventText){NULL, 0};
  out->kind = EVENT_REVENUE;
  out->date = out->end = 0;
  out->has_end = out->has_amount = false;
  out->amount_minor = 0;
  memset(out->currency.code, 0, sizeof out->currency.code);
  out->currency.minor_digits = 0;
  out->line = line;
}

/*
** The usual row, checked in one pass: id, kind and date there, a known kind (not a response)
** with every field it needs, good dates, a known currency and an amount that scans quickly (see
** amount_fast). The checks of events_validate report nothing for such a row and give this very
** event, so it is given at once; anything else -- a problem, or only a form this path does not
** read -- returns false having changed nothing but the caches of months and currency, and the
** full checks then run as they always do.
*/
bool events_validate_fast(EventReader *r, const EventText *const *values, uint32_t present,
                          bool amount_is_number, uint32_t line, Event *out) {
  const uint32_t basic =
      FIELD_BIT(EVENT_FIELD_ID) | FIELD_BIT(EVENT_FIELD_KIND) | FIELD_BIT(EVENT_FIELD_DATE);
  if ((present & basic) != basic || r->done) return false;
  EventText text = *values[EVENT_FIELD_KIND];
  unsigned slot = events_name_slot(events_kind_slots, text.ptr, text.len);
  if (slot == 0 || !events_same_bytes(text.ptr, events_kind_names[slot - 1], text.len))
    return false;
  EventKind kind = (EventKind)(slot - 1);
  if ((events_kind_needs[kind] & ~present) || kind == EVENT_RESPONSE) return false;
  PactDate date, end = 0;
  if (date_parse(r, *values[EVENT_FIELD_DATE], &date) != PACT_OK) return false;
  bool has_end = present & FIELD_BIT(EVENT_FIELD_END);
  if (has_end && (date_parse(r, *values[EVENT_FIELD_END], &end) != PACT_OK || end < date))
    return false;
  PactCurrency currency = {{0, 0, 0, 0}, 0};
  if (present & FIELD_BIT(EVENT_FIELD_CURRENCY)) {
    text = *values[EVENT_FIELD_CURRENCY];
    const char *cached = r->currency_cache.code;
    if (text.len == 3 && text.ptr[0] == cached[0] && text.ptr[1] == cached[1] &&
        text.ptr[2] == cached[2]) {
      currency = r->currency_cache;
    } else {
      if (!pact_currency_find(text.ptr, text.len, &currency)) return false;
      r->currency_cache = currency;
    }
  }
  bool has_amount = present & FIELD_BIT(EVENT_FIELD_AMOUNT);
  int64_t amount = 0;
  if (has_amount) {
    if (!(present & FIELD_BIT(EVENT_FIELD_CURRENCY))) return false;
    if (!amount_fast(r, *values[EVENT_FIELD_AMOUNT], amount_is_number, currency.minor_digits,
                     &amount))
      return false;
    if (amount < 0 && kind == EVENT_PAYMENT) return false; /* E1024, said by the full checks */
  }
  out->id = *values[EVENT_FIELD_ID];
  out->kind = kind;
  out->date = date;
  out->has_end = has_end;
  out->end = end;
  out->party = *values[EVENT_FIELD_PARTY];
  out->counterparty = *values[EVENT_FIELD_COUNTERPARTY];
  out->stream = *values[EVENT_FIELD_STREAM];
  out->subject = *values[EVENT_FIELD_SUBJECT];
  out->ref = *values[EVENT_FIELD_REF];
  out->note = *values[EVENT_FIELD_NOTE];
  out->has_amount = has_amount;
  out->amount_minor = amount;
  out->currency = currency;
  out->line = line;
  return true;
}

bool events_validate(EventReader *r, EventRow *row, Event *out) {
  if (row == &r->row && !row->spoiled && !row->bad &&
      events_validate_fast(r, r->row_values, row->present, row->amount_is_number, row->line, out))
    return true;
  row->given = row->present | row->spoiled;
  event_clear(out, row->line);
  bool ok = check_id(r, row, out);
  bool kind_ok = check_kind(r, row, out);
  ok &= kind_ok;
  ok &= check_dates(r, row, out);
  bool money_ok = check_money(r, row, out);
  ok &= money_ok;
  if (kind_ok && money_ok) ok &= check_payment(r, row, out);
  if (kind_ok) {
    ok &= check_needs(r, row, out->kind);
    if (out->kind == EVENT_RESPONSE && checkable(row, EVENT_FIELD_SUBJECT))
      ok &= check_answer(r, row);
  }
  copy_texts(row, out);
  return ok && !row->bad && !r->done;
}

const char *events_field_suggest(const char *name, size_t len) {
  const char *names[EVENT_FIELD_COUNT];
  for (int f = 0; f < EVENT_FIELD_COUNT; f++) names[f] = event_field_name((EventField)f);
  return suggest_closest(name, (uint32_t)len, names, EVENT_FIELD_COUNT);
}
