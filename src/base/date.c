/*
** date.c -- civil dates as day counts, and the settlement periods (months to years) that hold them.
** Pure integer arithmetic on the proleptic Gregorian calendar; the clock is read only by today.
*/
#include "base/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define DAYS_PER_ERA     146097 /* 400 Gregorian years, which repeat exactly */
#define ERA_DAY_OF_EPOCH 719468 /* days from 0000-03-01 to 1970-01-01 */
#define SECONDS_PER_DAY  86400

static int64_t floor_div(int64_t a, int64_t b) {
  int64_t quotient = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient;
}

static int64_t floor_mod(int64_t a, int64_t b) { return a - floor_div(a, b) * b; }

/* ------------------------------------------------------------ day counting */

/*
** The day-count algorithms count years from March, which puts the leap day at the end of the
** year: month lengths from March repeat 31,30,31,30,31 (hence 153 days per 5 months), and the
** 400-year era repeats exactly. The idea is Howard Hinnant's "chrono-compatible" algorithms.
*/
int64_t date_days_from_civil(int64_t year, int month, int day) {
  int64_t march_year = year - (month <= 2);
  int64_t era = floor_div(march_year, 400);
  int64_t year_of_era = march_year - era * 400; /* 0..399 */
  int month_from_march = (month + 9) % 12;      /* March 0 .. February 11 */
  int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * DAYS_PER_ERA + day_of_era - ERA_DAY_OF_EPOCH;
}

void date_civil_from_days(int64_t days, int64_t *year, int *month, int *day) {
  int64_t era_days = days + ERA_DAY_OF_EPOCH;
  int64_t era = floor_div(era_days, DAYS_PER_ERA);
  int64_t day_of_era = era_days - era * DAYS_PER_ERA; /* 0..146096 */
  /* Undo the leap days: one every 4 years (1460 days), none at 100, one again at 400. */
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int month_from_march = (int)((5 * day_of_year + 2) / 153);
  *day = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  *month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  *year = era * 400 + year_of_era + (*month <= 2);
}

/* ------------------------------------------------------------------- dates */

bool pact_is_leap_year(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int pact_days_in_month(int year, int month) {
  static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && pact_is_leap_year(year)) return 29;
  return DAYS[month - 1];
}

PactStatus pact_date_from_ymd(int year, int month, int day, PactDate *out) {
  if (year < PACT_YEAR_MIN || year > PACT_YEAR_MAX) return PACT_ERR_RANGE;
  if (month < 1 || month > 12) return PACT_ERR_RANGE;
  if (day < 1 || day > pact_days_in_month(year, month)) return PACT_ERR_RANGE;
  *out = (PactDate)date_days_from_civil(year, month, day);
  return PACT_OK;
}

void pact_date_to_ymd(PactDate date, int *year, int *month, int *day) {
  int64_t civil_year;
  int civil_month, civil_day;
  date_civil_from_days(date, &civil_year, &civil_month, &civil_day);
  if (year) *year = (int)civil_year; /* |year| < 6 million for any int32 day count */
  if (month) *month = civil_month;
  if (day) *day = civil_day;
}

/* Reads exactly count decimal digits. */
static bool digits_read(const char *text, int count, int *out) {
  int value = 0;
  for (int i = 0; i < count; i++) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

/* date -> dddd '-' dd '-' dd   and nothing else: no signs, spaces, short fields or suffixes */
PactStatus pact_date_parse(const char *text, size_t len, PactDate *out) {
  int year, month, day;
  if (text == NULL || len != 10 || text[4] != '-' || text[7] != '-') return PACT_ERR_SYNTAX;
  if (!digits_read(text, 4, &year) || !digits_read(text + 5, 2, &month) ||
      !digits_read(text + 8, 2, &day)) {
    return PACT_ERR_SYNTAX;
  }
  return pact_date_from_ymd(year, month, day, out);
}

static void digits_write(char *text, int count, int value) {
  for (int i = count - 1; i >= 0; i--, value /= 10) text[i] = (char)('0' + value % 10);
}

/* A day outside years 1..9999 would not fit the buffer; it is written "0000-00-00", which no
** parse accepts, rather than as a plausible wrong date. */
void pact_date_format(PactDate date, char buf[11]) {
  int year = 0, month = 0, day = 0;
  if (date >= DATE_FIRST && date <= DATE_LAST) pact_date_to_ymd(date, &year, &month, &day);
  digits_write(buf, 4, year);
  buf[4] = '-';
  digits_write(buf + 5, 2, month);
  buf[7] = '-';
  digits_write(buf + 8, 2, day);
  buf[10] = '\0';
}

/* Exact for any two days of years 1..9999 (they are fewer than 3.7 million days apart). */
int32_t pact_days_between(PactDate a, PactDate b) { return (int32_t)((int64_t)b - a); }

/* 1970-01-01 was a Thursday (ISO day 4). */
int pact_date_weekday(PactDate date) { return (int)floor_mod((int64_t)date + 3, 7) + 1; }

PactStatus pact_date_add_months(PactDate date, int months, PactDate *out) {
  if (date < DATE_FIRST || date > DATE_LAST) return PACT_ERR_RANGE;
  int year, month, day;
  pact_date_to_ymd(date, &year, &month, &day);
  int64_t month_count = (int64_t)year * 12 + (month - 1) + months; /* months since year 0 */
  int64_t target_year = floor_div(month_count, 12);
  int target_month = (int)(month_count - target_year * 12) + 1;
  if (target_year < PACT_YEAR_MIN || target_year > PACT_YEAR_MAX) return PACT_ERR_RANGE;
  int last_day = pact_days_in_month((int)target_year, target_month);
  return pact_date_from_ymd((int)target_year, target_month, day < last_day ? day : last_day, out);
}

PactDate pact_date_today(void) {
  time_t now = time(NULL);
  return (PactDate)floor_div((int64_t)now, SECONDS_PER_DAY);
}

/* ----------------------------------------------------------------- periods */

/* Periods are runs of months counted from year 0 (month_count = year * 12 + month - 1), so a
** fiscal year is just a different starting month and nothing wraps around December. */

const char *pact_period_kind_name(PactPeriodKind kind) {
  switch (kind) {
    case PACT_PERIOD_MONTH: return "monthly";
    case PACT_PERIOD_QUARTER: return "quarterly";
    case PACT_PERIOD_HALF: return "half-yearly";
    case PACT_PERIOD_YEAR: return "yearly";
  }
  return "unknown";
}

/* Neither function below can report an error, so an impossible calendar is read as the
** plain calendar year: unknown kind -> yearly, start month outside 1..12 -> January. */
static PactCalendar calendar_checked(PactCalendar calendar) {
  if ((unsigned)calendar.kind > PACT_PERIOD_YEAR) calendar.kind = PACT_PERIOD_YEAR;
  if (calendar.fiscal_start_month < 1 || calendar.fiscal_start_month > 12) {
    calendar.fiscal_start_month = 1;
  }
  return calendar;
}

static int period_month_count(PactPeriodKind kind) {
  switch (kind) {
    case PACT_PERIOD_MONTH: return 1;
    case PACT_PERIOD_QUARTER: return 3;
    case PACT_PERIOD_HALF: return 6;
    case PACT_PERIOD_YEAR: return 12;
  }
  return 12;
}

static int64_t month_first_day(int64_t month_count) {
  int64_t year = floor_div(month_count, 12);
  return date_days_from_civil(year, (int)(month_count - year * 12) + 1, 1);
}

PactPeriod pact_period_of(PactCalendar calendar, PactDate date) {
  calendar = calendar_checked(calendar);
  int64_t year;
  int month, day;
  date_civil_from_days(date, &year, &month, &day);
  int64_t month_count = year * 12 + (month - 1);
  int months_into_year = (month - calendar.fiscal_start_month + 12) % 12;
  int64_t year_first_month = month_count - months_into_year;
  int period_months = period_month_count(calendar.kind);
  int64_t first_month = year_first_month + months_into_year / period_months * period_months;
  /* A fiscal year is named by the calendar year it ends in; a January year ends in its own. */
  int64_t start_year = floor_div(year_first_month, 12);
  PactPeriod period;
  period.first = (PactDate)month_first_day(first_month);
  period.last = (PactDate)(month_first_day(first_month + period_months) - 1);
  period.year = (int)(calendar.fiscal_start_month == 1 ? start_year : start_year + 1);
  period.index = months_into_year / period_months + 1;
  return period;
}

PactPeriod pact_period_next(PactCalendar calendar, PactPeriod p) {
  return pact_period_of(calendar, (PactDate)((int64_t)p.last + 1));
}

size_t pact_period_label(PactCalendar calendar, PactPeriod p, char *buf, size_t buf_size) {
  calendar = calendar_checked(calendar);
  const char *prefix = calendar.fiscal_start_month == 1 ? "" : "FY";
  if (buf == NULL) buf_size = 0;
  int len = 0;
  switch (calendar.kind) {
    case PACT_PERIOD_MONTH:
      len = snprintf(buf, buf_size, "%s%04d-%02d", prefix, p.year, p.index);
      break;
    case PACT_PERIOD_QUARTER:
      len = snprintf(buf, buf_size, "%s%04d-Q%d", prefix, p.year, p.index);
      break;
    case PACT_PERIOD_HALF:
      len = snprintf(buf, buf_size, "%s%04d-H%d", prefix, p.year, p.index);
      break;
    case PACT_PERIOD_YEAR: len = snprintf(buf, buf_size, "%s%04d", prefix, p.year); break;
  }
  return len < 0 ? 0 : (size_t)len;
}

/* ---------------------------------------------------------------- period labels */

static bool all_digits(const char *t, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (t[i] < '0' || t[i] > '9') return false;
  return n > 0;
}

static int digits_value(const char *t, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; i++) v = v * 10 + (t[i] - '0');
  return v;
}

/* label -> [ 'FY' ] YYYY [ '-' ( MM | 'Q' digit | 'H' digit ) ] */
static PactStatus label_read(const char *t, size_t n, PactPeriodLabel *out) {
  *out = (PactPeriodLabel){PACT_PERIOD_YEAR, false, 0, 1};
  if (n >= 2 && t[0] == 'F' && t[1] == 'Y') out->fiscal = true, t += 2, n -= 2;
  if (n < 4 || !all_digits(t, 4)) return PACT_ERR_SYNTAX;
  out->year = digits_value(t, 4);
  if (n == 4) return out->year >= 1 ? PACT_OK : PACT_ERR_RANGE;
  if (t[4] != '-') return PACT_ERR_SYNTAX;
  const char *part = t + 5;
  size_t len = n - 5;
  if (len == 2 && (part[0] == 'Q' || part[0] == 'H') && all_digits(part + 1, 1)) {
    out->kind = part[0] == 'Q' ? PACT_PERIOD_QUARTER : PACT_PERIOD_HALF;
    out->index = part[1] - '0';
    int most = part[0] == 'Q' ? 4 : 2;
    return out->index >= 1 && out->index <= most && out->year >= 1 ? PACT_OK : PACT_ERR_RANGE;
  }
  if (len == 2 && all_digits(part, 2)) {
    out->kind = PACT_PERIOD_MONTH;
    out->index = digits_value(part, 2);
    return out->index >= 1 && out->index <= 12 && out->year >= 1 ? PACT_OK : PACT_ERR_RANGE;
  }
  return PACT_ERR_SYNTAX;
}

/*
** The label a text plainly means: letters in upper case, separators dropped, then the fiscal
** mark, the year and the part in any order a person writes them (2025Q3, Q3 2025, 2025/q3).
*/
static bool label_suggest(const char *text, size_t len, char *out) {
  char t[24];
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    char c = text[i];
    if (c == ' ' || c == '-' || c == '/' || c == '_' || c == '.') continue;
    if (n == sizeof t - 1) return false;
    t[n++] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
  }
  bool fiscal = n >= 2 && t[0] == 'F' && t[1] == 'Y';
  const char *r = t + (fiscal ? 2 : 0);
  size_t m = n - (fiscal ? 2 : 0);
  const char *year = NULL, *part = "";
  size_t part_len = 0;
  if (m >= 4 && all_digits(r, 4)) {
    year = r, part = r + 4, part_len = m - 4;
  } else if (m == 6 && (r[0] == 'Q' || r[0] == 'H') && all_digits(r + 2, 4)) {
    year = r + 2, part = r, part_len = 2;
  }
  if (!year) return false;
  char label[16];
  int written;
  if (part_len == 0) written = snprintf(label, sizeof label, "%s%.4s", fiscal ? "FY" : "", year);
  else if (part_len == 2)
    written = snprintf(label, sizeof label, "%s%.4s-%.2s", fiscal ? "FY" : "", year, part);
  else return false;
  PactPeriodLabel parsed;
  if (written < 0 || label_read(label, (size_t)written, &parsed) != PACT_OK) return false;
  memcpy(out, label, (size_t)written + 1);
  return true;
}

PactStatus pact_period_label_parse(const char *text, size_t len, PactPeriodLabel *out,
                                   char *suggestion) {
  if (suggestion) suggestion[0] = '\0';
  PactStatus status = label_read(text, len, out);
  if (status == PACT_ERR_SYNTAX && suggestion) label_suggest(text, len, suggestion);
  return status;
}
