/*
** gen_events.c -- writes a large, realistic CSV of revenue events for benchmarking
** `pactum settle` and `pactum import` against the reference agreement
** (agreements/microsoft-openai).
**
**   gen_events SEED ROWS OUTFILE.csv [OUTFILE.journal]
**
** The CSV has the columns of docs/events.md's example (id,kind,date,end,party,stream,amount,
** currency,note): what a warehouse export of daily usage revenue looks like. ROWS rows are
** spread evenly over the days 2019-01-01..2032-12-31, in date order, ids ascending
** (ev00000001, ...). Each row is one day's revenue of one party in
** one stream: `openai` in chatgpt, chatgpt-enterprise, api, licensing, sora and devices (every
** one of them counts in openai-pays-microsoft), `microsoft` in azure-openai and bing (the two
** streams microsoft-pays-openai takes) and in azure, m365-copilot, github-copilot and a few rows
** with no stream (which no clause takes). A stream has rows only from the day it launched.
** Each stream's revenue follows yearly figures (millions of USD, interpolated day by day), so
** that OpenAI's revenue passes USD 100 billion a year in 2027 and the USD 38 billion cap of the
** 2026 terms is reached in 2028; a row's amount is its share of its stream's day, times a
** random 0.5..1.5.
**
** Besides the plain single-day rows:
**   - 1% of the rows are monthly invoices: `date` the first day of the row's month, `end` its
**     last day (split over the days by the reader); 5% of those are credit notes (negative);
**   - 0.3% are refunds: a negative single-day amount;
**   - 0.1% carry a quoted note with a comma in it ("usage true-up, ticket 12345").
** Every amount has exactly two decimals. Every row is valid: `pactum settle` reads it cleanly.
**
** With a fourth argument the same events are also written as an hledger journal: one
** transaction per event (date, id), a posting to revenue:PARTY:STREAM (`unattributed` for no
** stream) and a balancing posting to `clearing`. A monthly invoice is split in the journal
** over its days (one posting per day, with a posting date), exactly as pactum splits it: whole
** cents, as evenly as possible, the leftover cents to the earliest days, a negative amount the
** same with its sign. hledger has no such split of its own.
**
** The same SEED and ROWS always give the same bytes: the generator uses its own PRNG
** (splitmix64), integer arithmetic only and its own date arithmetic. Only C11 and stdio;
** built by bench/settle.sh.
*/
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- randomness */

#include "rng.h"

/* ---------------------------------------------------------------- dates */

/* Days since 1970-01-01 from a civil date, and back (H. Hinnant's algorithms). */
static long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned mp = m > 2 ? m - 3 : m + 9;
  unsigned doy = (153 * mp + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long)doe - 719468;
}

typedef struct Civil {
  int y, m, d;
} Civil;

static Civil civil_from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = (long)yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  return (Civil){(int)y, (int)m, (int)d};
}

static int days_in_month(int y, int m) {
  static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return n[m - 1];
}

/* YYYY-MM-DD into p (10 bytes); returns p + 10. */
static char *put_date(char *p, long day) {
  Civil c = civil_from_days(day);
  p[0] = (char)('0' + c.y / 1000);
  p[1] = (char)('0' + c.y / 100 % 10);
  p[2] = (char)('0' + c.y / 10 % 10);
  p[3] = (char)('0' + c.y % 10);
  p[4] = '-';
  p[5] = (char)('0' + c.m / 10);
  p[6] = (char)('0' + c.m % 10);
  p[7] = '-';
  p[8] = (char)('0' + c.d / 10);
  p[9] = (char)('0' + c.d % 10);
  return p + 10;
}

/* ---------------------------------------------------------------- the streams */

enum { FIRST_YEAR = 2019, LAST_YEAR = 2032, YEARS = LAST_YEAR - FIRST_YEAR + 2 };

typedef struct Stream {
  const char *party, *stream, *account; /* stream "" is a row with no stream */
  int launch_y, launch_m, launch_d;     /* no rows before this day */
  uint32_t weight;                      /* share of the rows among the streams live that day */
  /* Revenue in millions of USD a year, 2019..2033; a day's revenue is interpolated between
  ** its year's figure and the next one's. */
  int64_t millions[YEARS];
} Stream;

static const Stream streams[] = {
    {"openai",
     "chatgpt",
     "chatgpt",
     2022,
     11,
     30,
     24,
     {0, 0, 0, 30, 700, 2700, 9000, 19000, 36000, 58000, 82000, 110000, 140000, 170000, 200000}},
    {"openai",
     "chatgpt-enterprise",
     "chatgpt-enterprise",
     2023,
     8,
     28,
     10,
     {0, 0, 0, 0, 50, 600, 2500, 6000, 12000, 20000, 28000, 38000, 48000, 58000, 68000}},
    {"openai",
     "api",
     "api",
     2020,
     6,
     11,
     20,
     {0, 5, 30, 200, 500, 1000, 2500, 5000, 10000, 18000, 28000, 40000, 52000, 64000, 76000}},
    {"openai",
     "licensing",
     "licensing",
     2019,
     1,
     1,
     2,
     {10, 15, 20, 30, 40, 60, 90, 120, 150, 180, 210, 240, 270, 300, 330}},
    {"openai",
     "sora",
     "sora",
     2024,
     12,
     9,
     4,
     {0, 0, 0, 0, 0, 5, 200, 600, 1500, 3000, 5000, 7000, 9000, 11000, 13000}},
    {"openai",
     "devices",
     "devices",
     2027,
     1,
     1,
     3,
     {0, 0, 0, 0, 0, 0, 0, 0, 500, 3000, 6000, 10000, 14000, 18000, 22000}},
    {"microsoft",
     "azure-openai",
     "azure-openai",
     2021,
     11,
     2,
     12,
     {0, 0, 5, 40, 300, 1000, 2200, 3500, 5000, 6500, 8000, 9500, 11000, 12500, 14000}},
    {"microsoft",
     "bing",
     "bing",
     2019,
     1,
     1,
     8,
     {80, 100, 120, 150, 200, 330, 700, 1000, 1200, 1400, 1600, 1800, 1900, 2000, 2100}},
    {"microsoft",
     "azure",
     "azure",
     2019,
     1,
     1,
     10,
     {20000, 26000, 35000, 45000, 56000, 72000, 95000, 120000, 145000, 170000, 195000, 220000,
      240000, 260000, 280000}},
    {"microsoft",
     "m365-copilot",
     "m365-copilot",
     2023,
     11,
     1,
     5,
     {0, 0, 0, 0, 100, 2000, 6000, 12000, 18000, 24000, 30000, 36000, 42000, 48000, 54000}},
    {"microsoft",
     "github-copilot",
     "github-copilot",
     2022,
     6,
     21,
     4,
     {0, 0, 0, 50, 300, 800, 1500, 2500, 3500, 4500, 5500, 6500, 7500, 8500, 9500}},
    {"microsoft",
     "",
     "unattributed",
     2019,
     1,
     1,
     1,
     {50, 50, 60, 60, 70, 70, 80, 80, 90, 90, 100, 100, 110, 110, 120}},
};
enum { STREAMS = sizeof streams / sizeof streams[0] };

static long launch_day[STREAMS];

/* A stream's revenue on a day, in cents. */
static int64_t day_revenue(int s, long day) {
  Civil c = civil_from_days(day);
  long jan1 = days_from_civil(c.y, 1, 1), days = days_from_civil(c.y + 1, 1, 1) - jan1;
  long into = day - jan1;
  int i = c.y - FIRST_YEAR;
  const int64_t *a = streams[s].millions;
  /* (a[i] * (days - into) + a[i+1] * into) / days millions a year, / days a day, in cents */
  int64_t yearly = (a[i] * (days - into) + a[i + 1] * into) * 100000000 / days;
  return yearly / days;
}

/* ---------------------------------------------------------------- output */

static FILE *csv, *journal;

static char *put_text(char *p, const char *s) {
  size_t n = strlen(s);
  memcpy(p, s, n);
  return p + n;
}

static char *put_u(char *p, uint64_t v, int width) {
  char t[24];
  int n = 0;
  do {
    t[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n < width) t[n++] = '0';
  while (n) *p++ = t[--n];
  return p;
}

/* Cents as a decimal with two places: -1234.05 */
static char *put_amount(char *p, int64_t cents) {
  uint64_t m = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
  if (cents < 0) *p++ = '-';
  p = put_u(p, m / 100, 1);
  *p++ = '.';
  return put_u(p, m % 100, 2);
}

/* One event: the CSV row, and the journal transaction when asked for. */
static void emit(uint64_t id, long d0, long d1, int s, int64_t cents, const char *note) {
  char row[256], *p = row;
  p = put_text(p, "ev");
  p = put_u(p, id, 8);
  p = put_text(p, ",revenue,");
  p = put_date(p, d0);
  *p++ = ',';
  if (d1 != d0) p = put_date(p, d1);
  *p++ = ',';
  p = put_text(p, streams[s].party);
  *p++ = ',';
  p = put_text(p, streams[s].stream);
  *p++ = ',';
  p = put_amount(p, cents);
  p = put_text(p, ",USD,");
  p = put_text(p, note);
  *p++ = '\n';
  fwrite(row, 1, (size_t)(p - row), csv);
  if (!journal) return;

  char head[64], *h = head;
  h = put_date(h, d0);
  h = put_text(h, " ev");
  h = put_u(h, id, 8);
  *h++ = '\n';
  fwrite(head, 1, (size_t)(h - head), journal);
  int64_t days = d1 - d0 + 1, mag = cents < 0 ? -cents : cents, sign = cents < 0 ? -1 : 1;
  int64_t q = mag / days, r = mag % days;
  for (long d = d0; d <= d1; d++) {
    char line[160], *l = line;
    l = put_text(l, "    revenue:");
    l = put_text(l, streams[s].party);
    *l++ = ':';
    l = put_text(l, streams[s].account);
    l = put_text(l, "  ");
    l = put_amount(l, sign * (q + (d - d0 < r ? 1 : 0)));
    if (d1 != d0) {
      l = put_text(l, "  ; date:");
      l = put_date(l, d);
    }
    *l++ = '\n';
    fwrite(line, 1, (size_t)(l - line), journal);
  }
  fputs("    clearing\n\n", journal);
}

static int usage(void) {
  fputs("usage: gen_events SEED ROWS OUTFILE.csv [OUTFILE.journal]\n", stderr);
  return 2;
}

int main(int argc, char **argv) {
  if (argc != 4 && argc != 5) return usage();
  char *end;
  errno = 0;
  unsigned long long seed = strtoull(argv[1], &end, 10);
  if (errno || *end || end == argv[1]) return usage();
  unsigned long long rows = strtoull(argv[2], &end, 10);
  if (errno || *end || end == argv[2] || rows == 0 || rows > 4000000000ull) return usage();
  rng_state = seed;

  csv = fopen(argv[3], "wb");
  if (!csv) {
    fprintf(stderr, "gen_events: cannot write %s: %s\n", argv[3], strerror(errno));
    return 1;
  }
  static char csv_buffer[1 << 20], journal_buffer[1 << 20];
  setvbuf(csv, csv_buffer, _IOFBF, sizeof csv_buffer);
  if (argc == 5) {
    journal = fopen(argv[4], "wb");
    if (!journal) {
      fprintf(stderr, "gen_events: cannot write %s: %s\n", argv[4], strerror(errno));
      return 1;
    }
    setvbuf(journal, journal_buffer, _IOFBF, sizeof journal_buffer);
    fprintf(journal,
            "; Generated by bench/gen_events %llu %llu: the events of %s as a journal.\n"
            "; Amounts in USD; a monthly invoice is split over its days.\n\n",
            seed, rows, argv[3]);
  }
  fputs("id,kind,date,end,party,stream,amount,currency,note\n", csv);

  for (int s = 0; s < STREAMS; s++)
    launch_day[s] = days_from_civil(streams[s].launch_y, (unsigned)streams[s].launch_m,
                                    (unsigned)streams[s].launch_d);
  long first = days_from_civil(FIRST_YEAR, 1, 1), last = days_from_civil(LAST_YEAR, 12, 31);
  uint64_t days = (uint64_t)(last - first + 1), id = 0;

  for (long day = first; day <= last; day++) {
    uint64_t i = (uint64_t)(day - first), k = (i + 1) * rows / days - i * rows / days;
    if (!k) continue;
    /* The streams live today, their weights and revenue. */
    int live[STREAMS], n = 0;
    uint32_t total_weight = 0;
    int64_t revenue[STREAMS];
    for (int s = 0; s < STREAMS; s++)
      if (day >= launch_day[s]) {
        live[n++] = s;
        total_weight += streams[s].weight;
        revenue[s] = day_revenue(s, day);
      }
    Civil c = civil_from_days(day);
    long month_first = days_from_civil(c.y, (unsigned)c.m, 1);
    long month_last = month_first + days_in_month(c.y, c.m) - 1;
    for (uint64_t i = 0; i < k; i++) {
      uint32_t pick = rnd(total_weight);
      int s = live[0];
      for (int j = 0; j < n; j++) {
        if (pick < streams[live[j]].weight) {
          s = live[j];
          break;
        }
        pick -= streams[live[j]].weight;
      }
      /* Its share of the stream's day: revenue / expected rows of the stream, times 0.5..1.5. */
      int64_t cents = revenue[s] * total_weight * (int64_t)(50 + rnd(101)) /
                      ((int64_t)k * streams[s].weight * 100);
      uint32_t roll = rnd(10000);
      char note[64] = "";
      long d0 = day, d1 = day;
      if (roll < 100) { /* a monthly invoice */
        d0 = month_first;
        d1 = month_last;
        cents *= d1 - d0 + 1;
        if (rnd(100) < 5) {
          cents = -cents * (1 + rnd(20)) / 100;
          strcpy(note, "credit note");
        } else {
          strcpy(note, "monthly invoice");
        }
      } else if (roll < 130) { /* a refund */
        cents = -cents * (5 + rnd(96)) / 100;
        strcpy(note, "refund");
      } else if (roll < 140) {
        snprintf(note, sizeof note, "\"usage true-up, ticket %u\"", 10000 + rnd(90000));
      }
      emit(++id, d0, d1, s, cents, note);
    }
  }

  int ok = fclose(csv) == 0;
  if (journal && fclose(journal) != 0) ok = 0;
  if (!ok) {
    fprintf(stderr, "gen_events: error writing %s\n", argv[3]);
    return 1;
  }
  return 0;
}
