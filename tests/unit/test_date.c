/*
** test_date.c -- unit tests of civil dates and settlement periods, calendar and fiscal.
** Includes a walk over every day of years 1..9999 against a naive day-by-day counter.
*/
#include "base/date.h"
#include "pactum.h"
#include "unit.h"

#include <time.h>

#define TEXT(s) (s), (sizeof(s) - 1)

enum { SENTINEL = 4242 };

static PactDate ymd(int year, int month, int day) {
  PactDate date = SENTINEL;
  PactStatus status = pact_date_from_ymd(year, month, day, &date);
  if (status != PACT_OK) fprintf(stderr, "%04d-%02d-%02d is not a date\n", year, month, day);
  return date;
}

static const char *date_text(PactDate date) {
  static char buf[11];
  pact_date_format(date, buf);
  return buf;
}

static const char *label_text(PactCalendar calendar, PactPeriod period) {
  static char buf[32];
  size_t len = pact_period_label(calendar, period, buf, sizeof buf);
  CHECK_EQ_INT(len, strlen(buf));
  return buf;
}

static PactCalendar calendar_of(PactPeriodKind kind, int fiscal_start_month) {
  PactCalendar calendar = {kind, (uint8_t)fiscal_start_month};
  return calendar;
}

/* ------------------------------------------------------------------- dates */

static void test_leap_years(void) {
  CHECK(!pact_is_leap_year(1900));
  CHECK(pact_is_leap_year(2000));
  CHECK(pact_is_leap_year(2024));
  CHECK(!pact_is_leap_year(2025));
  CHECK(!pact_is_leap_year(2026));
  CHECK(!pact_is_leap_year(2100));
  CHECK(pact_is_leap_year(2400));
  CHECK(pact_is_leap_year(4));
  CHECK(!pact_is_leap_year(1));
}

static void test_days_in_month(void) {
  static const int days_2025[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int month = 1; month <= 12; month++) {
    CHECK_EQ_INT(pact_days_in_month(2025, month), days_2025[month - 1]);
    CHECK_EQ_INT(pact_days_in_month(2024, month), days_2025[month - 1] + (month == 2));
  }
  CHECK_EQ_INT(pact_days_in_month(1900, 2), 28);
  CHECK_EQ_INT(pact_days_in_month(2000, 2), 29);
  CHECK_EQ_INT(pact_days_in_month(2026, 0), 0);
  CHECK_EQ_INT(pact_days_in_month(2026, 13), 0);
}

static void test_from_ymd(void) {
  CHECK_EQ_INT(ymd(1970, 1, 1), 0);
  CHECK_EQ_INT(ymd(1969, 12, 31), -1);
  CHECK_EQ_INT(ymd(2000, 3, 1), 11017);
  CHECK_EQ_INT(ymd(2024, 2, 29), 19782);
  CHECK_EQ_INT(ymd(2026, 4, 27), 20570);
  CHECK_EQ_INT(ymd(1, 1, 1), DATE_FIRST);
  CHECK_EQ_INT(ymd(1, 1, 1), -719162);
  CHECK_EQ_INT(ymd(9999, 12, 31), DATE_LAST);
  CHECK_EQ_INT(ymd(9999, 12, 31), 2932896);
  PactDate date = SENTINEL;
  CHECK_EQ_INT(pact_date_from_ymd(2026, 2, 30, &date), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_from_ymd(2025, 2, 29, &date), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_from_ymd(1900, 2, 29, &date), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_from_ymd(2026, 4, 31, &date), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_from_ymd(2026, 1, 0, &date), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_from_ymd(2026, 1, 32, &date), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_from_ymd(2026, 0, 1, &date), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_from_ymd(2026, 13, 1, &date), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_from_ymd(0, 12, 31, &date), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_from_ymd(10000, 1, 1, &date), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_from_ymd(-1, 1, 1, &date), PACT_ERR_RANGE);
  CHECK_EQ_INT(date, SENTINEL); /* untouched */
}

static void test_to_ymd(void) {
  int year = 0, month = 0, day = 0;
  pact_date_to_ymd(20570, &year, &month, &day);
  CHECK_EQ_INT(year, 2026);
  CHECK_EQ_INT(month, 4);
  CHECK_EQ_INT(day, 27);
  pact_date_to_ymd(-1, &year, &month, &day);
  CHECK_EQ_INT(year, 1969);
  CHECK_EQ_INT(month, 12);
  CHECK_EQ_INT(day, 31);
  pact_date_to_ymd(DATE_FIRST - 1, &year, &month, &day); /* outside the range, still exact */
  CHECK_EQ_INT(year, 0);
  CHECK_EQ_INT(month, 12);
  CHECK_EQ_INT(day, 31);
  pact_date_to_ymd(DATE_LAST + 1, &year, &month, &day);
  CHECK_EQ_INT(year, 10000);
  CHECK_EQ_INT(month, 1);
  CHECK_EQ_INT(day, 1);
  pact_date_to_ymd(20570, NULL, &month, NULL); /* any output may be left out */
  CHECK_EQ_INT(month, 4);
}

static void test_parse(void) {
  PactDate date = SENTINEL;
  CHECK_EQ_INT(pact_date_parse(TEXT("2026-04-27"), &date), PACT_OK);
  CHECK_EQ_INT(date, 20570);
  CHECK_EQ_INT(pact_date_parse(TEXT("1970-01-01"), &date), PACT_OK);
  CHECK_EQ_INT(date, 0);
  CHECK_EQ_INT(pact_date_parse(TEXT("0001-01-01"), &date), PACT_OK);
  CHECK_EQ_INT(date, DATE_FIRST);
  CHECK_EQ_INT(pact_date_parse(TEXT("9999-12-31"), &date), PACT_OK);
  CHECK_EQ_INT(date, DATE_LAST);
  CHECK_EQ_INT(pact_date_parse(TEXT("2024-02-29"), &date), PACT_OK);
  CHECK_EQ_INT(date, 19782);
  CHECK_EQ_INT(pact_date_parse("2026-04-27T00:00:00Z", 10, &date), PACT_OK); /* only len */
  CHECK_EQ_INT(date, 20570);
}

static void test_parse_rejects(void) {
  static const char *const bad_form[] = {
      "2026-1-05",  "2026-01-5",  "26-01-05",         "2026/01/05",  "2026-01-05x",
      "",           "2026",       "2026-01",          "2026-01-05 ", " 2026-01-05",
      "+026-01-05", "-026-01-05", "2026-O1-05",       "2026-01-0a",  "20260105",
      "2026--1-05", "2026-01--5", "2026-01-05T00:00", "2026.01.05",
  };
  static const char *const bad_day[] = {
      "2026-13-01", "2026-00-10", "2026-01-00", "2026-02-30", "2025-02-29",
      "1900-02-29", "0000-01-01", "2026-04-31", "2026-12-32", "2026-99-99",
  };
  PactDate date = SENTINEL;
  for (size_t i = 0; i < sizeof bad_form / sizeof bad_form[0]; i++) {
    PactStatus status = pact_date_parse(bad_form[i], strlen(bad_form[i]), &date);
    if (status != PACT_ERR_SYNTAX) fprintf(stderr, "parsing \"%s\"\n", bad_form[i]);
    CHECK_EQ_INT(status, PACT_ERR_SYNTAX);
  }
  for (size_t i = 0; i < sizeof bad_day / sizeof bad_day[0]; i++) {
    PactStatus status = pact_date_parse(bad_day[i], strlen(bad_day[i]), &date);
    if (status != PACT_ERR_RANGE) fprintf(stderr, "parsing \"%s\"\n", bad_day[i]);
    CHECK_EQ_INT(status, PACT_ERR_RANGE);
  }
  CHECK_EQ_INT(pact_date_parse("2026-04-2\0", 10, &date), PACT_ERR_SYNTAX);
  CHECK_EQ_INT(pact_date_parse(NULL, 0, &date), PACT_ERR_SYNTAX);
  CHECK_EQ_INT(pact_date_parse(NULL, 10, &date), PACT_ERR_SYNTAX);
  CHECK_EQ_INT(date, SENTINEL);
}

static void test_format(void) {
  CHECK_EQ_STR(date_text(0), "1970-01-01");
  CHECK_EQ_STR(date_text(20570), "2026-04-27");
  CHECK_EQ_STR(date_text(DATE_FIRST), "0001-01-01");
  CHECK_EQ_STR(date_text(DATE_LAST), "9999-12-31");
  /* outside years 1..9999: a text that no parse accepts */
  CHECK_EQ_STR(date_text(DATE_FIRST - 1), "0000-00-00");
  CHECK_EQ_STR(date_text(DATE_LAST + 1), "0000-00-00");
  CHECK_EQ_STR(date_text(INT32_MIN), "0000-00-00");
  CHECK_EQ_STR(date_text(INT32_MAX), "0000-00-00");
  PactDate date = SENTINEL;
  CHECK_EQ_INT(pact_date_parse(date_text(INT32_MAX), 10, &date), PACT_ERR_RANGE);
}

/* Walks every day from 0001-01-01 to 9999-12-31 with a naive counter (day + 1, roll over at
** the month's length), and checks each conversion against it. Problems are counted, not
** reported one by one, so the summary stays readable. */
static void test_every_day(void) {
  static const char *const digits = "0123456789";
  long problems = 0, days = 0;
  PactDate expected = DATE_FIRST;
  int weekday = 1; /* 0001-01-01 was a Monday in the proleptic Gregorian calendar */
  for (int year = PACT_YEAR_MIN; year <= PACT_YEAR_MAX; year++) {
    for (int month = 1; month <= 12; month++) {
      int month_days = pact_days_in_month(year, month);
      for (int day = 1; day <= month_days; day++, expected++, days++) {
        char text[11] = {digits[year / 1000],
                         digits[year / 100 % 10],
                         digits[year / 10 % 10],
                         digits[year % 10],
                         '-',
                         digits[month / 10],
                         digits[month % 10],
                         '-',
                         digits[day / 10],
                         digits[day % 10],
                         '\0'};
        PactDate date = SENTINEL, parsed = SENTINEL;
        int y = 0, m = 0, d = 0;
        if (pact_date_from_ymd(year, month, day, &date) != PACT_OK || date != expected) problems++;
        pact_date_to_ymd(expected, &y, &m, &d);
        if (y != year || m != month || d != day) problems++;
        if (strcmp(date_text(expected), text) != 0) problems++;
        if (pact_date_parse(text, 10, &parsed) != PACT_OK || parsed != expected) problems++;
        if (pact_date_weekday(expected) != weekday) problems++;
        weekday = weekday % 7 + 1;
      }
    }
  }
  CHECK_EQ_INT(problems, 0);
  CHECK_EQ_INT(days, 3652059); /* 9999 years of 365.2425 days, less a quarter day */
  CHECK_EQ_INT(expected, DATE_LAST + 1);
}

static void test_weekday(void) {
  CHECK_EQ_INT(pact_date_weekday(ymd(2026, 4, 27)), 1); /* Monday */
  CHECK_EQ_INT(pact_date_weekday(ymd(2026, 5, 3)), 7);  /* Sunday */
  CHECK_EQ_INT(pact_date_weekday(ymd(1970, 1, 1)), 4);  /* Thursday */
  CHECK_EQ_INT(pact_date_weekday(ymd(1969, 12, 31)), 3);
  CHECK_EQ_INT(pact_date_weekday(ymd(2000, 1, 1)), 6);
  CHECK_EQ_INT(pact_date_weekday(ymd(1, 1, 1)), 1);
  CHECK_EQ_INT(pact_date_weekday(ymd(9999, 12, 31)), 5);
  CHECK(pact_date_weekday(INT32_MIN) >= 1 && pact_date_weekday(INT32_MIN) <= 7);
  CHECK(pact_date_weekday(INT32_MAX) >= 1 && pact_date_weekday(INT32_MAX) <= 7);
}

static PactDate add_months(PactDate date, int months) {
  PactDate out = SENTINEL;
  PactStatus status = pact_date_add_months(date, months, &out);
  if (status != PACT_OK) fprintf(stderr, "add_months(%s, %d) failed\n", date_text(date), months);
  return out;
}

static void test_add_months(void) {
  CHECK_EQ_STR(date_text(add_months(ymd(2024, 1, 31), 1)), "2024-02-29");
  CHECK_EQ_STR(date_text(add_months(ymd(2025, 1, 31), 1)), "2025-02-28");
  CHECK_EQ_STR(date_text(add_months(ymd(2026, 3, 31), -1)), "2026-02-28");
  CHECK_EQ_STR(date_text(add_months(ymd(2024, 3, 31), -1)), "2024-02-29");
  CHECK_EQ_STR(date_text(add_months(ymd(2024, 2, 29), 12)), "2025-02-28");
  CHECK_EQ_STR(date_text(add_months(ymd(2024, 2, 29), -12)), "2023-02-28");
  CHECK_EQ_STR(date_text(add_months(ymd(2024, 2, 29), 48)), "2028-02-29");
  CHECK_EQ_STR(date_text(add_months(ymd(2026, 1, 31), 2)), "2026-03-31"); /* no drift */
  CHECK_EQ_STR(date_text(add_months(ymd(2026, 5, 31), 1)), "2026-06-30");
  CHECK_EQ_STR(date_text(add_months(ymd(2026, 4, 27), 0)), "2026-04-27");
  CHECK_EQ_STR(date_text(add_months(ymd(2026, 1, 15), -1)), "2025-12-15");
  CHECK_EQ_STR(date_text(add_months(ymd(2026, 12, 15), 1)), "2027-01-15");
  CHECK_EQ_STR(date_text(add_months(ymd(2026, 4, 27), 13)), "2027-05-27");
  CHECK_EQ_STR(date_text(add_months(ymd(2026, 4, 27), -25)), "2024-03-27");
  CHECK_EQ_STR(date_text(add_months(ymd(2026, 4, 27), 56)), "2030-12-27");
  CHECK_EQ_STR(date_text(add_months(ymd(1, 1, 31), 119987)), "9999-12-31");
  CHECK_EQ_STR(date_text(add_months(ymd(9999, 12, 31), -119987)), "0001-01-31");
  PactDate out = SENTINEL;
  CHECK_EQ_INT(pact_date_add_months(ymd(9999, 12, 1), 1, &out), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_add_months(ymd(1, 1, 31), -1, &out), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_add_months(ymd(2026, 4, 27), INT32_MAX, &out), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_add_months(ymd(2026, 4, 27), INT32_MIN, &out), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_add_months(DATE_LAST + 1, -1, &out), PACT_ERR_RANGE);
  CHECK_EQ_INT(pact_date_add_months(DATE_FIRST - 1, 1, &out), PACT_ERR_RANGE);
  CHECK_EQ_INT(out, SENTINEL);
}

static void test_days_between(void) {
  CHECK_EQ_INT(pact_days_between(ymd(2026, 1, 1), ymd(2026, 12, 31)), 364);
  CHECK_EQ_INT(pact_days_between(ymd(2024, 1, 1), ymd(2024, 12, 31)), 365);
  CHECK_EQ_INT(pact_days_between(ymd(2026, 12, 31), ymd(2026, 1, 1)), -364);
  CHECK_EQ_INT(pact_days_between(ymd(2026, 4, 27), ymd(2026, 4, 27)), 0);
  CHECK_EQ_INT(pact_days_between(ymd(2026, 4, 1), ymd(2026, 6, 30)) + 1, 91); /* 2026-Q2 */
  CHECK_EQ_INT(pact_days_between(ymd(2026, 4, 27), ymd(2030, 12, 31)), 1709); /* the sunset */
  CHECK_EQ_INT(pact_days_between(DATE_FIRST, DATE_LAST), 3652058);
  CHECK_EQ_INT(pact_days_between(DATE_LAST, DATE_FIRST), -3652058);
}

static void test_today(void) {
  PactDate before = (PactDate)(time(NULL) / 86400);
  PactDate today = pact_date_today();
  PactDate after = (PactDate)(time(NULL) / 86400);
  CHECK(today >= before && today <= after);
  CHECK(today >= ymd(2024, 1, 1));
  CHECK(today <= DATE_LAST);
}

/* ----------------------------------------------------------------- periods */

static void test_period_kind_names(void) {
  CHECK_EQ_STR(pact_period_kind_name(PACT_PERIOD_MONTH), "monthly");
  CHECK_EQ_STR(pact_period_kind_name(PACT_PERIOD_QUARTER), "quarterly");
  CHECK_EQ_STR(pact_period_kind_name(PACT_PERIOD_HALF), "half-yearly");
  CHECK_EQ_STR(pact_period_kind_name(PACT_PERIOD_YEAR), "yearly");
  CHECK_EQ_STR(pact_period_kind_name((PactPeriodKind)9), "unknown");
}

/* Checks a period's days, year, index and label in one line of the test. */
static void check_period(PactCalendar calendar, PactPeriod period, const char *first,
                         const char *last, int year, int index, const char *label) {
  CHECK_EQ_STR(date_text(period.first), first);
  CHECK_EQ_STR(date_text(period.last), last);
  CHECK_EQ_INT(period.year, year);
  CHECK_EQ_INT(period.index, index);
  CHECK_EQ_STR(label_text(calendar, period), label);
}

static void test_quarters(void) {
  PactCalendar quarters = calendar_of(PACT_PERIOD_QUARTER, 1);
  check_period(quarters, pact_period_of(quarters, ymd(2026, 4, 27)), "2026-04-01", "2026-06-30",
               2026, 2, "2026-Q2");
  check_period(quarters, pact_period_of(quarters, ymd(2026, 3, 31)), "2026-01-01", "2026-03-31",
               2026, 1, "2026-Q1");
  check_period(quarters, pact_period_of(quarters, ymd(2026, 1, 1)), "2026-01-01", "2026-03-31",
               2026, 1, "2026-Q1");
  check_period(quarters, pact_period_of(quarters, ymd(2026, 12, 31)), "2026-10-01", "2026-12-31",
               2026, 4, "2026-Q4");
  PactPeriod q4 = pact_period_of(quarters, ymd(2026, 11, 15));
  check_period(quarters, pact_period_next(quarters, q4), "2027-01-01", "2027-03-31", 2027, 1,
               "2027-Q1");
  /* 2030-Q4 is the last quarter of the 2026 revenue share ("until 2030") */
  check_period(quarters, pact_period_of(quarters, ymd(2030, 12, 31)), "2030-10-01", "2030-12-31",
               2030, 4, "2030-Q4");
  check_period(quarters, pact_period_of(quarters, ymd(2024, 2, 29)), "2024-01-01", "2024-03-31",
               2024, 1, "2024-Q1");
}

static void test_months(void) {
  PactCalendar months = calendar_of(PACT_PERIOD_MONTH, 1);
  check_period(months, pact_period_of(months, ymd(2024, 2, 10)), "2024-02-01", "2024-02-29", 2024,
               2, "2024-02");
  check_period(months, pact_period_of(months, ymd(2025, 2, 28)), "2025-02-01", "2025-02-28", 2025,
               2, "2025-02");
  check_period(months, pact_period_of(months, ymd(2026, 5, 1)), "2026-05-01", "2026-05-31", 2026, 5,
               "2026-05");
  PactPeriod december = pact_period_of(months, ymd(2026, 12, 31));
  check_period(months, pact_period_next(months, december), "2027-01-01", "2027-01-31", 2027, 1,
               "2027-01");
}

static void test_halves_and_years(void) {
  PactCalendar halves = calendar_of(PACT_PERIOD_HALF, 1);
  check_period(halves, pact_period_of(halves, ymd(2026, 4, 27)), "2026-01-01", "2026-06-30", 2026,
               1, "2026-H1");
  check_period(halves, pact_period_of(halves, ymd(2026, 7, 1)), "2026-07-01", "2026-12-31", 2026, 2,
               "2026-H2");
  PactPeriod h2 = pact_period_of(halves, ymd(2026, 12, 31));
  check_period(halves, pact_period_next(halves, h2), "2027-01-01", "2027-06-30", 2027, 1,
               "2027-H1");
  PactCalendar years = calendar_of(PACT_PERIOD_YEAR, 1);
  check_period(years, pact_period_of(years, ymd(2026, 4, 27)), "2026-01-01", "2026-12-31", 2026, 1,
               "2026");
  check_period(years, pact_period_of(years, ymd(1, 1, 1)), "0001-01-01", "0001-12-31", 1, 1,
               "0001");
  check_period(years, pact_period_of(years, ymd(9999, 12, 31)), "9999-01-01", "9999-12-31", 9999, 1,
               "9999");
}

static void test_fiscal_july(void) {
  PactCalendar quarters = calendar_of(PACT_PERIOD_QUARTER, 7);
  check_period(quarters, pact_period_of(quarters, ymd(2025, 7, 1)), "2025-07-01", "2025-09-30",
               2026, 1, "FY2026-Q1");
  check_period(quarters, pact_period_of(quarters, ymd(2026, 6, 30)), "2026-04-01", "2026-06-30",
               2026, 4, "FY2026-Q4");
  check_period(quarters, pact_period_of(quarters, ymd(2026, 4, 27)), "2026-04-01", "2026-06-30",
               2026, 4, "FY2026-Q4");
  check_period(quarters, pact_period_of(quarters, ymd(2025, 12, 31)), "2025-10-01", "2025-12-31",
               2026, 2, "FY2026-Q2");
  check_period(quarters, pact_period_of(quarters, ymd(2026, 1, 1)), "2026-01-01", "2026-03-31",
               2026, 3, "FY2026-Q3");
  PactPeriod q4 = pact_period_of(quarters, ymd(2026, 6, 1));
  check_period(quarters, pact_period_next(quarters, q4), "2026-07-01", "2026-09-30", 2027, 1,
               "FY2027-Q1");
  PactCalendar years = calendar_of(PACT_PERIOD_YEAR, 7);
  check_period(years, pact_period_of(years, ymd(2025, 7, 1)), "2025-07-01", "2026-06-30", 2026, 1,
               "FY2026");
  check_period(years, pact_period_of(years, ymd(2026, 6, 30)), "2025-07-01", "2026-06-30", 2026, 1,
               "FY2026");
  PactCalendar months = calendar_of(PACT_PERIOD_MONTH, 7);
  check_period(months, pact_period_of(months, ymd(2025, 7, 15)), "2025-07-01", "2025-07-31", 2026,
               1, "FY2026-01");
  check_period(months, pact_period_of(months, ymd(2025, 11, 30)), "2025-11-01", "2025-11-30", 2026,
               5, "FY2026-05");
  check_period(months, pact_period_of(months, ymd(2026, 6, 30)), "2026-06-01", "2026-06-30", 2026,
               12, "FY2026-12");
  PactCalendar halves = calendar_of(PACT_PERIOD_HALF, 7);
  check_period(halves, pact_period_of(halves, ymd(2026, 2, 1)), "2026-01-01", "2026-06-30", 2026, 2,
               "FY2026-H2");
}

static void test_fiscal_other_starts(void) {
  /* April start (UK, Japan, India): named by the year it ends in, like every fiscal year here */
  PactCalendar april = calendar_of(PACT_PERIOD_YEAR, 4);
  check_period(april, pact_period_of(april, ymd(2026, 4, 1)), "2026-04-01", "2027-03-31", 2027, 1,
               "FY2027");
  check_period(april, pact_period_of(april, ymd(2026, 3, 31)), "2025-04-01", "2026-03-31", 2026, 1,
               "FY2026");
  /* October start (US federal): FY2026 began 2025-10-01 */
  PactCalendar october = calendar_of(PACT_PERIOD_QUARTER, 10);
  check_period(october, pact_period_of(october, ymd(2025, 10, 1)), "2025-10-01", "2025-12-31", 2026,
               1, "FY2026-Q1");
  /* December start: the leap day lands in the fiscal year's third month */
  PactCalendar december = calendar_of(PACT_PERIOD_MONTH, 12);
  check_period(december, pact_period_of(december, ymd(2024, 2, 29)), "2024-02-01", "2024-02-29",
               2024, 3, "FY2024-03");
  check_period(december, pact_period_of(december, ymd(2023, 12, 1)), "2023-12-01", "2023-12-31",
               2024, 1, "FY2024-01");
  /* a fiscal year that runs past 9999 still has exact bounds */
  PactCalendar july = calendar_of(PACT_PERIOD_YEAR, 7);
  PactPeriod last = pact_period_of(july, DATE_LAST);
  CHECK_EQ_INT(last.year, 10000);
  CHECK_EQ_STR(date_text(last.first), "9999-07-01");
  CHECK_EQ_INT(last.last, DATE_LAST + 182);
  CHECK_EQ_STR(label_text(july, last), "FY10000");
}

static void test_calendar_misuse(void) {
  /* no status to return, so an impossible calendar is read as the plain calendar year */
  PactCalendar no_start = calendar_of(PACT_PERIOD_QUARTER, 0);
  check_period(no_start, pact_period_of(no_start, ymd(2026, 4, 27)), "2026-04-01", "2026-06-30",
               2026, 2, "2026-Q2");
  PactCalendar month_13 = calendar_of(PACT_PERIOD_QUARTER, 13);
  check_period(month_13, pact_period_of(month_13, ymd(2026, 4, 27)), "2026-04-01", "2026-06-30",
               2026, 2, "2026-Q2");
  PactCalendar no_kind = calendar_of((PactPeriodKind)9, 1);
  check_period(no_kind, pact_period_of(no_kind, ymd(2026, 4, 27)), "2026-01-01", "2026-12-31", 2026,
               1, "2026");
}

static void test_label_truncation(void) {
  PactCalendar quarters = calendar_of(PACT_PERIOD_QUARTER, 7);
  PactPeriod period = pact_period_of(quarters, ymd(2025, 7, 1));
  char buf[5] = "zzzz";
  CHECK_EQ_INT(pact_period_label(quarters, period, buf, sizeof buf), 9);
  CHECK_EQ_STR(buf, "FY20");
  CHECK_EQ_INT(pact_period_label(quarters, period, NULL, 0), 9);
  CHECK_EQ_INT(pact_period_label(quarters, period, NULL, 100), 9);
}

/* For every day of 2020..2031, every kind and every fiscal start: the period holds the day,
** starts on a month's first day, spans the right number of months, and its next one follows
** without a gap. */
static int period_problems(PactCalendar calendar, PactDate date) {
  static const int span_months[] = {1, 3, 6, 12};
  static const int per_year[] = {12, 4, 2, 1};
  int problems = 0, year, month, day;
  PactPeriod period = pact_period_of(calendar, date);
  PactPeriod next = pact_period_next(calendar, period);
  if (date < period.first || date > period.last) problems++;
  if (next.first != period.last + 1) problems++;
  if (period.index < 1 || period.index > per_year[calendar.kind]) problems++;
  pact_date_to_ymd(period.first, &year, &month, &day);
  PactDate span_end = SENTINEL;
  if (pact_date_add_months(period.first, span_months[calendar.kind], &span_end) != PACT_OK ||
      span_end != period.last + 1 || day != 1) {
    problems++;
  }
  if (period.index == 1 && month != calendar.fiscal_start_month) problems++;
  int expected_next_index = period.index % per_year[calendar.kind] + 1;
  int expected_next_year = period.year + (expected_next_index == 1);
  if (next.index != expected_next_index || next.year != expected_next_year) problems++;
  return problems;
}

static void test_period_properties(void) {
  int problems = 0;
  for (int kind = PACT_PERIOD_MONTH; kind <= PACT_PERIOD_YEAR; kind++) {
    for (int start = 1; start <= 12; start++) {
      PactCalendar calendar = calendar_of((PactPeriodKind)kind, start);
      for (PactDate date = ymd(2020, 1, 1); date <= ymd(2031, 12, 31); date++) {
        problems += period_problems(calendar, date);
      }
    }
  }
  CHECK_EQ_INT(problems, 0);
}

int main(void) {
  test_leap_years();
  test_days_in_month();
  test_from_ymd();
  test_to_ymd();
  test_parse();
  test_parse_rejects();
  test_format();
  test_every_day();
  test_weekday();
  test_add_months();
  test_days_between();
  test_today();
  test_period_kind_names();
  test_quarters();
  test_months();
  test_halves_and_years();
  test_fiscal_july();
  test_fiscal_other_starts();
  test_calendar_misuse();
  test_label_truncation();
  test_period_properties();
  return check_summary();
}
