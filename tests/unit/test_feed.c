/*
** test_feed.c -- the events a report reads are the same however they are given: event files and
** a fresh ledger given the same files; the files in any order; a file split in two, given
** twice, overlapping another, with rows repeated; a restatement and its restatement back. Each
** pair gives the same obligations, totals and payments, or both refuse the input. Random event
** sets, seeded; each rule also has a small case in tests/cli/test_inputs.sh. And a feed read with
** each of its allocations failing in turn runs out of memory or gives exactly the events in
** force, from event files or from a ledger.
*/
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "engine/settle.h"
#include "feed/feed.h"
#include "feed/repeats.h"
#include "store/ledger.h"
#include "sink.h"
#include "unit.h"
#include "clean.h"

#define ROUNDS 150

static const char agreement_text[] =
    "agreement props {\n  currency USD\n  party a \"A\"\n  party b \"B\"\n  party c \"C\"\n}\n"
    "version v1 {\n  effective 2020-01-01\n  source contract \"test\"\n"
    "  milestone stop {\n    says \"stop\"\n    declared by c\n  }\n"
    "  revenue-share fee {\n    says \"fee\"\n    payer a\n    payee c\n"
    "    base revenue of a\n    rate 12.5%\n    settle quarterly\n    due 30 days after period "
    "end\n"
    "  }\n"
    "  revenue-share capped {\n    says \"capped\"\n    payer b\n    payee c\n"
    "    base revenue of b\n    streams include retail\n    rate 37.5%\n"
    "    until stop\n    cap USD 12,345.67 counting all versions\n    settle quarterly\n  }\n}\n"
    "version v2 {\n  effective 2023-07-15\n  amends v1\n  source contract \"test\"\n"
    "  revenue-share fee {\n    says \"fee, again\"\n    payer a\n    payee c\n"
    "    base revenue of a\n    rate 20%\n    settle yearly\n  }\n}\n";

/* ---------------------------------------------------------------- random events */

typedef struct Row {
  char text[160]; /* the CSV line, without its line break */
  char id[16];
} Row;

typedef struct Rows {
  Row *items;
  int count;
} Rows;

static const char header[] =
    "id,kind,date,end,party,counterparty,stream,subject,amount,currency,ref";
enum { FIELD_AMOUNT = 8, FIELDS = 11 };

static void random_day(char *out, int year_first) {
  snprintf(out, 11, "%04d-%02d-%02d", year_first + (int)(rng() % 5), 1 + (int)(rng() % 12),
           1 + (int)(rng() % 28));
}

/* Event i's id: e7, or e0007 in the rounds whose files hold ids that rise from row to row (the
** reading then keeps runs of them without fingerprints, repeats.h; e10 sorts before e9). */
static bool rising_ids;
static void id_of(char *out, size_t size, int i) {
  snprintf(out, size, rising_ids ? "e%04d" : "e%d", i);
}

/* A revenue event of a or b, perhaps a span, perhaps negative. */
static void revenue_row(Row *r, const char *id, const char *ref) {
  char day[11], end[16] = "";
  random_day(day, 2020);
  if (rng() % 4 == 0) snprintf(end, sizeof end, "%d-12-31", atoi(day) % 10000 + 1);
  snprintf(r->id, sizeof r->id, "%s", id);
  snprintf(r->text, sizeof r->text, "%s,revenue,%s,%s,%s,,%s,,%s%d.%02d,USD,%s", id, day, end,
           rng() % 2 ? "a" : "b", rng() % 3 ? "retail" : "wholesale", rng() % 9 ? "" : "-",
           (int)(rng() % 20000), (int)(rng() % 100), ref);
}

/* An event set: revenue, payments, a milestone now and then, restatements and corrections of
** earlier events, each superseded at most once. */
static Rows random_rows(void) {
  int n = 5 + (int)(rng() % 60);
  Rows rows = {calloc((size_t)n, sizeof(Row)), n};
  bool *superseded = calloc((size_t)n, sizeof *superseded);
  for (int i = 0; i < n; i++) {
    Row *r = &rows.items[i];
    char id[16], day[11];
    id_of(id, sizeof id, i);
    int pick = (int)(rng() % 20);
    int target = i > 0 ? (int)(rng() % (unsigned)i) : -1;
    if (target >= 0 && superseded[target]) target = -1;
    if (pick < 3) {
      random_day(day, 2020);
      snprintf(r->id, sizeof r->id, "%s", id);
      snprintf(r->text, sizeof r->text, "%s,payment,%s,,a,c,,,%d.00,USD,", id, day,
               (int)(rng() % 3000));
    } else if (pick == 3) {
      random_day(day, 2022);
      snprintf(r->id, sizeof r->id, "%s", id);
      snprintf(r->text, sizeof r->text, "%s,milestone,%s,,c,,,stop,,,", id, day);
    } else if (pick == 4 && target >= 0) {
      random_day(day, 2020);
      snprintf(r->id, sizeof r->id, "%s", id);
      char ref[16];
      id_of(ref, sizeof ref, target);
      snprintf(r->text, sizeof r->text, "%s,correction,%s,,a,,,,,,%s", id, day, ref);
      superseded[target] = true;
    } else if (pick == 5 && target >= 0 && strstr(rows.items[target].text, ",revenue,")) {
      char ref[16];
      id_of(ref, sizeof ref, target);
      revenue_row(r, id, ref);
      superseded[target] = true;
    } else {
      revenue_row(r, id, "");
    }
  }
  free(superseded);
  return rows;
}

/* A row like r but for its id, and its amount and ref where given (NULL: as they are). */
static Row row_with(const Row *r, const char *id, const char *amount, const char *ref) {
  char copy[160];
  const char *fields[FIELDS];
  snprintf(copy, sizeof copy, "%s", r->text);
  char *p = copy;
  for (int f = 0; f < FIELDS; f++) {
    fields[f] = p;
    char *comma = strchr(p, ',');
    if (comma) *comma = '\0', p = comma + 1;
    else p += strlen(p);
  }
  fields[0] = id;
  if (amount) fields[FIELD_AMOUNT] = amount;
  if (ref) fields[FIELDS - 1] = ref;
  Row out;
  snprintf(out.id, sizeof out.id, "%s", id);
  size_t at = 0;
  for (int f = 0; f < FIELDS; f++)
    at += (size_t)snprintf(out.text + at, sizeof out.text - at, "%s%s", f ? "," : "", fields[f]);
  return out;
}

static void write_rows(const char *path, const Row *const *rows, int count) {
  FILE *f = fopen(path, "w");
  if (!f) return;
  fprintf(f, "%s\n", header);
  for (int i = 0; i < count; i++) fprintf(f, "%s\n", rows[i]->text);
  fclose(f);
}

/* ---------------------------------------------------------------- settling */

static long sums_seen; /* events of no id: the daily sums a ledger gave (not a vacuous test) */

static int line_order(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lines of text sorted, as one text: payments come in file order from files, date order from
** a ledger, and nothing depends on their order. */
static char *sorted_lines(char *text) {
  char *lines[4096];
  int n = 0;
  for (char *save = NULL, *line = strtok_r(text, "\n", &save); line && n < 4096;
       line = strtok_r(NULL, "\n", &save))
    lines[n++] = line;
  qsort(lines, (size_t)n, sizeof *lines, line_order);
  char *out = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&out, &size);
  for (int i = 0; i < n; i++) fprintf(f, "%s\n", lines[i]);
  fclose(f);
  return out;
}

/* What the events settle to: "refused" when the input has errors, else every obligation,
** total and payment (sorted). */
/* summed: a ledger may give the reading its daily sums (what settle does). */
static char *settle_feed_text_as(const PactAgreement *ag, const FeedOptions *feed_options,
                                 bool summed) {
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  SettleOptions options = {0};
  options.has_as_of = true;
  pact_date_parse("2025-06-30", 10, &options.as_of);
  DiagList diags;
  diag_list_init(&diags);
  Feed *feed = NULL;
  PactStatus status = feed_open(feed_options, &diags, &feed);
  Sink k = {ag, &options, &diags, NULL, 0};
  if (status == PACT_OK && summed) feed_set_summable(feed, sink_summable, &k);
  if (status == PACT_OK) status = feed_all(feed, &diags, sink_start, sink_visit, &k);
  if (status == PACT_OK) status = settle_finish(k.s);
  if (status != PACT_OK || diags.errors) {
    fprintf(out, "refused\n");
  } else {
    size_t n;
    const Obligation *o = settle_obligations(k.s, &n);
    for (size_t i = 0; i < n; i++)
      fprintf(out, "%.*s v%u %d..%d base %lld amount %lld cum %lld paid %lld\n",
              (int)o[i].clause->id.len, o[i].clause->id.ptr, o[i].clause->version, (int)o[i].first,
              (int)o[i].last, (long long)o[i].base_minor, (long long)o[i].amount_minor,
              (long long)o[i].cumulative_minor, (long long)o[i].paid_minor);
    const SettleTotal *t = settle_totals(k.s, &n);
    for (size_t i = 0; i < n; i++)
      fprintf(out, "total %d->%d %lld %lld %lld %lld\n", t[i].payer, t[i].payee,
              (long long)t[i].amount_minor, (long long)t[i].uncapped_minor,
              (long long)t[i].paid_minor, (long long)t[i].credit_minor);
    const SettlePayment *pay = settle_payments(k.s, &n);
    for (size_t i = 0; i < n; i++)
      fprintf(out, "payment %s %d %lld\n", pay[i].id, (int)pay[i].date,
              (long long)pay[i].amount_minor);
  }
  sums_seen += k.sums_seen;
  settle_free(k.s);
  feed_close(feed);
  diag_list_free(&diags);
  fclose(out);
  char *sorted = sorted_lines(text);
  free(text);
  return sorted;
}

static int sums_mismatches, undos;

/* What the events settle to, read event by event; a ledger is read both ways (its daily sums,
** and event by event), which must agree to the last line. */
static char *settle_feed_text(const PactAgreement *ag, const FeedOptions *feed_options) {
  char *whole = settle_feed_text_as(ag, feed_options, false);
  if (!feed_options->ledger) return whole;
  char *summed = settle_feed_text_as(ag, feed_options, true);
  if (!whole || !summed || strcmp(whole, summed) != 0) {
    sums_mismatches++;
    if (sums_mismatches <= 3)
      fprintf(stderr, "the daily sums and the events differ:\n--- events:\n%s--- sums:\n%s",
              whole ? whole : "", summed ? summed : "");
  }
  free(summed);
  return whole;
}

static char *settle_files(const PactAgreement *ag, const char *const *files, int count) {
  FeedOptions options = {files, count, NULL, false, 0, false, 0};
  return settle_feed_text(ag, &options);
}

/* A fresh ledger given the files, one import each; "refused" when any import is. */
static char *settle_ledger(const PactAgreement *ag, const char *path, const char *const *files,
                           int count) {
  unlink(path);
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger = NULL;
  bool refused = ledger_create(path, &diags, &ledger) != PACT_OK;
  for (int i = 0; !refused && i < count; i++) {
    ImportResult result;
    if (ledger_import(ledger, files[i], NULL, &diags, &result) != PACT_OK) refused = true;
  }
  ledger_close(ledger);
  diag_list_free(&diags);
  if (refused) return strdup("refused\n");
  FeedOptions options = {NULL, 0, path, false, 0, false, 0};
  return settle_feed_text(ag, &options);
}

/* The events of one period as lines, in the order given: those of a whole reading whose days
** meet the period (filter), or all that a reading of the period gives. */
typedef struct DayLines {
  FILE *out;
  bool filter;
  PactDate first, last;
} DayLines;

static PactStatus day_line(void *context, const char *source, const Event *e) {
  DayLines *d = context;
  PactDate last = e->has_end ? e->end : e->date;
  if (d->filter && (e->date > d->last || last < d->first)) return PACT_OK;
  fprintf(d->out, "%.*s %s %d..%d %.*s %.*s %lld %.*s %s:%u\n", (int)e->id.len, e->id.ptr,
          event_kind_name(e->kind), (int)e->date, (int)last, (int)e->party.len, e->party.ptr,
          (int)e->stream.len, e->stream.ptr, (long long)e->amount_minor, (int)e->ref.len,
          e->ref.ptr, source, e->line);
  return PACT_OK;
}

static char *period_lines(Ledger *ledger, bool by_days, PactDate first, PactDate last) {
  char *text = NULL;
  size_t size = 0;
  DayLines d = {open_memstream(&text, &size), !by_days, first, last};
  LedgerQuery query = {.has_days = by_days, .first = first, .last = last};
  DiagList diags;
  diag_list_init(&diags);
  PactStatus status = ledger_each(ledger, &query, &diags, day_line, &d);
  if (status != PACT_OK || diags.errors) fprintf(d.out, "refused\n");
  diag_list_free(&diags);
  fclose(d.out);
  return text;
}

/* The reading of one period (explain's: each import's record of where its events are, and the
** events of its months) gives the events of a whole reading whose days meet the period, in the
** same order. */
static bool period_reading_agrees(const char *db, PactDate first, PactDate last) {
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger = NULL;
  bool same = false;
  if (ledger_open(db, &diags, &ledger) == PACT_OK) {
    char *whole = period_lines(ledger, false, first, last);
    char *period = period_lines(ledger, true, first, last);
    same = whole && period && strcmp(whole, period) == 0 && !strstr(whole, "refused");
    if (!same)
      fprintf(stderr,
              "the period %d..%d: a whole reading and the period's differ\n--- whole:\n%s"
              "--- period:\n%s",
              (int)first, (int)last, whole ? whole : "", period ? period : "");
    free(whole);
    free(period);
  }
  ledger_close(ledger);
  diag_list_free(&diags);
  return same;
}

/* ---------------------------------------------------------------- the properties */

static int mismatches, refused_rounds;

static void expect_same(const char *what, int round, const char *a, const char *b) {
  CHECK(a && b);
  if (a && b && strcmp(a, b) != 0) {
    if (mismatches++ < 5)
      fprintf(stderr, "round %d: %s differs\n--- expected:\n%s--- got:\n%s", round, what, a, b);
    CHECK(false);
  }
}

/* Settles the files (through files, or a ledger at path given them) and expects the figures
** of the whole. */
static void same_files(const PactAgreement *ag, const char *what, int round, const char *expected,
                       const char *const *files, int count) {
  char *got = settle_files(ag, files, count);
  expect_same(what, round, expected, got);
  free(got);
}

static void same_ledger(const PactAgreement *ag, const char *path, const char *what, int round,
                        const char *expected, const char *const *files, int count) {
  char *got = settle_ledger(ag, path, files, count);
  expect_same(what, round, expected, got);
  free(got);
}

static void one_round(const PactAgreement *ag, const char *dir, int round) {
  Rows rows = random_rows();
  int n = rows.count;
  const Row **all = calloc((size_t)n * 2 + 2, sizeof *all);
  for (int i = 0; i < n; i++) all[i] = &rows.items[i];
  char whole[96], part1[96], part2[96], again[96], ledger[96];
  snprintf(whole, sizeof whole, "%s/whole.csv", dir);
  snprintf(part1, sizeof part1, "%s/part1.csv", dir);
  snprintf(part2, sizeof part2, "%s/part2.csv", dir);
  snprintf(again, sizeof again, "%s/again.csv", dir);
  snprintf(ledger, sizeof ledger, "%s/ledger.db", dir);
  write_rows(whole, all, n);
  char *expected = settle_files(ag, (const char *[]){whole}, 1);
  if (strcmp(expected, "refused\n") == 0) refused_rounds++;

  /* Split in two, at random (each row in one part, in order), in either order of files. */
  const Row **first = calloc((size_t)n + 1, sizeof *first),
            **second = calloc((size_t)n + 1, sizeof *second);
  int a = 0, b = 0;
  for (int i = 0; i < n; i++) {
    if (rng() % 2) first[a++] = all[i];
    else second[b++] = all[i];
  }
  write_rows(part1, first, a);
  write_rows(part2, second, b);
  const char *split[] = {part1, part2}, *reversed[] = {part2, part1};
  same_files(ag, "split in two", round, expected, split, 2);
  same_files(ag, "split, other order", round, expected, reversed, 2);
  same_ledger(ag, ledger, "a ledger given the parts", round, expected, split, 2);
  same_ledger(ag, ledger, "a ledger given the parts in the other order", round, expected, reversed,
              2);

  /* Given twice; and overlapping: the whole, then a random part of it again. */
  const char *twice[] = {whole, whole}, *overlap[] = {whole, part1};
  same_files(ag, "given twice", round, expected, twice, 2);
  same_files(ag, "overlapping", round, expected, overlap, 2);
  same_ledger(ag, ledger, "a ledger given overlapping files", round, expected, overlap, 2);

  /* Rows repeated inside one file, anywhere after the first. */
  int m = 0;
  const Row **repeated = calloc((size_t)n * 2 + 1, sizeof *repeated);
  for (int i = 0; i < n; i++) {
    repeated[m++] = all[i];
    if (rng() % 4 == 0) repeated[m++] = all[rng() % (unsigned)(i + 1)];
  }
  write_rows(again, repeated, m);
  same_files(ag, "rows repeated", round, expected, (const char *[]){again}, 1);

  /* A restatement of a revenue event that nothing supersedes, and its restatement back to the
  ** first figure: the same as neither. */
  int target = -1;
  for (int i = 0; i < n && target < 0; i++) {
    bool taken = false;
    for (int k = 0; k < n; k++) {
      const char *ref = strrchr(rows.items[k].text, ',') + 1;
      if (strcmp(ref, rows.items[i].id) == 0) taken = true;
    }
    const char *text = rows.items[i].text;
    if (!taken && strstr(text, ",revenue,") && text[strlen(text) - 1] == ',') target = i;
  }
  if (target >= 0) {
    char figure[16];
    snprintf(figure, sizeof figure, "%d.00", (int)(rng() % 5000));
    Row there = row_with(&rows.items[target], "rX", figure, rows.items[target].id);
    Row back = row_with(&rows.items[target], "rY", NULL, "rX");
    const Row *extra[] = {&there, &back};
    write_rows(part2, extra, 2);
    const char *with[] = {whole, part2};
    same_files(ag, "a restatement and its restatement back", round, expected, with, 2);
    same_ledger(ag, ledger, "a restatement and back, in a ledger", round, expected, with, 2);
  }

  /* The same id with other content: both refuse it. */
  const char *text = rows.items[0].text;
  if (strstr(text, ",revenue,") || strstr(text, ",payment,")) {
    Row other = row_with(&rows.items[0], rows.items[0].id, "0.01", NULL);
    const Row *changed[] = {&other};
    write_rows(part2, changed, 1);
    const char *conflict[] = {whole, part2};
    same_files(ag, "the same id with other content (files)", round, "refused\n", conflict, 2);
    same_ledger(ag, ledger, "the same id with other content (ledger)", round, "refused\n", conflict,
                2);
  }
  free(expected);
  free(repeated);
  free(first);
  free(second);
  free(all);
  free(rows.items);
}

/* ---------------------------------------------------------------- fingerprints */

/* Ids of up to eight bytes of one length never collide; every id met twice is a suspect and no
** id met once is, whatever the lists' sizes. */
static void test_repeats(void) {
  Repeats *r = repeats_new();
  char id[16];
  int added = 0;
  for (int i = 0; i < 300000; i++) {
    int n = snprintf(id, sizeof id, "r%07d", i);
    added += repeats_add(r, repeats_hash(id, (uint32_t)n));
  }
  for (int i = 0; i < 300000; i += 1000) { /* 300 ids given again */
    int n = snprintf(id, sizeof id, "r%07d", i);
    added += repeats_add(r, repeats_hash(id, (uint32_t)n));
  }
  CHECK_EQ_INT(added, 300300);
  CHECK_EQ_INT(repeats_count(r), 300300);
  Suspects s;
  CHECK_EQ_INT(repeats_suspects(r, &s), PACT_OK);
  CHECK_EQ_INT(s.count, 300);
  int found = 0, wrong = 0;
  for (int i = 0; i < 300000; i++) {
    int n = snprintf(id, sizeof id, "r%07d", i);
    bool suspect = suspects_has(&s, repeats_hash(id, (uint32_t)n));
    if (i % 1000 == 0) found += suspect;
    else wrong += suspect;
  }
  CHECK_EQ_INT(found, 300);
  CHECK_EQ_INT(wrong, 0);
  suspects_free(&s);
  repeats_free(r);
}

/* Two readings' fingerprints merged, each past the point where chunks come from slabs and
** together past the point where two threads sort them out: the ids both met, and only those. */
static void test_repeats_merged(void) {
  Repeats *a = repeats_new(), *b = repeats_new();
  char id[16];
  bool ok = true;
  for (int i = 0; i < 700000; i++) { /* a: 0..699,999; b: 600,000..1,299,999 */
    int n = snprintf(id, sizeof id, "m%07d", i);
    ok = ok && repeats_add(a, repeats_hash(id, (uint32_t)n));
    n = snprintf(id, sizeof id, "m%07d", i + 600000);
    ok = ok && repeats_add(b, repeats_hash(id, (uint32_t)n));
  }
  CHECK(ok);
  CHECK(repeats_merge(a, b));
  CHECK_EQ_INT(repeats_count(a), 1400000);
  CHECK_EQ_INT(repeats_count(b), 0);
  repeats_free(b);
  Suspects s;
  CHECK_EQ_INT(repeats_suspects(a, &s), PACT_OK);
  CHECK_EQ_INT(s.count, 100000);
  int found = 0, wrong = 0;
  for (int i = 0; i < 1300000; i++) {
    int n = snprintf(id, sizeof id, "m%07d", i);
    bool suspect = suspects_has(&s, repeats_hash(id, (uint32_t)n));
    if (i >= 600000 && i < 700000) found += suspect;
    else wrong += suspect;
  }
  CHECK_EQ_INT(found, 100000);
  CHECK_EQ_INT(wrong, 0);
  suspects_free(&s);
  repeats_free(a);
}

/* ---------------------------------------------------------------- allocation failures */

/* What a reading gave, as lines in a buffer of its own: the collector allocates nothing, so
** that every allocation counted is the reading's. */
typedef struct Given {
  char text[1 << 16];
  size_t len;
  bool full;
} Given;

static PactStatus given_start(void *context) {
  Given *g = context;
  g->len = 0;
  g->full = false;
  return PACT_OK;
}

static PactStatus given_visit(void *context, const char *source, const Event *e) {
  Given *g = context;
  int n = snprintf(g->text + g->len, sizeof g->text - g->len,
                   "%.*s %s %d..%d %.*s %.*s %lld %.*s %s:%u\n", (int)e->id.len, e->id.ptr,
                   event_kind_name(e->kind), (int)e->date, (int)(e->has_end ? e->end : e->date),
                   (int)e->party.len, e->party.ptr, (int)e->stream.len, e->stream.ptr,
                   (long long)e->amount_minor, (int)e->ref.len, e->ref.ptr, source, e->line);
  if (n < 0 || (size_t)n >= sizeof g->text - g->len) g->full = true;
  else g->len += (size_t)n;
  return PACT_OK;
}

static bool given_summable(void *context, const Event *group) {
  (void)context, (void)group;
  return true;
}

/* How a sweep reads its feed: event files, or a ledger as a report reads it (whole, by its
** daily sums, or one period's days). */
typedef enum SweepHow { SWEEP_FILES, SWEEP_LEDGER, SWEEP_SUMS, SWEEP_DAYS } SweepHow;

/* One reading of the feed into g; its status. */
static PactStatus sweep_read(const FeedOptions *options, SweepHow how, Given *g, size_t *errors) {
  DiagList diags;
  diag_list_init(&diags);
  Feed *feed = NULL;
  given_start(g);
  PactStatus status = feed_open(options, &diags, &feed);
  if (status == PACT_OK && how == SWEEP_SUMS) feed_set_summable(feed, given_summable, NULL);
  if (status == PACT_OK && how == SWEEP_DAYS) {
    PactDate first, last;
    pact_date_parse("2021-04-01", 10, &first);
    pact_date_parse("2021-09-30", 10, &last);
    feed_set_days(feed, true, first, last);
  }
  if (status == PACT_OK) status = feed_all(feed, &diags, given_start, given_visit, g);
  feed_close(feed);
  *errors = diags.errors;
  diag_list_free(&diags);
  return status;
}

/*
** The feed read with each of its allocations failing in turn, the n-th for every n up to the
** last a clean reading makes: the reading fails with PACT_ERR_NOMEM, or gives exactly the events
** in force, with no error said. Some failures must be met, or the sweep tested nothing.
*/
static void sweep_allocations(const char *what, const FeedOptions *options, SweepHow how) {
  static Given expected, got;
  size_t errors;
  mem_allocation_count = 0;
  CHECK_EQ_INT(sweep_read(options, how, &expected, &errors), PACT_OK);
  long total = mem_allocation_count;
  CHECK_EQ_INT(errors, 0);
  CHECK(!expected.full && expected.len > 0);
  int wrong = 0, out_of_memory = 0;
  for (long n = 1; n <= total; n++) {
    mem_fail_countdown = n;
    PactStatus status = sweep_read(options, how, &got, &errors);
    mem_fail_countdown = 0;
    if (status == PACT_ERR_NOMEM) {
      out_of_memory++;
      continue;
    }
    if (status == PACT_OK && errors == 0 && !got.full && got.len == expected.len &&
        memcmp(got.text, expected.text, got.len) == 0)
      continue;
    if (wrong++ < 3)
      fprintf(stderr, "%s: allocation %ld of %ld failing: status %d, %zu errors, events:\n%.*s",
              what, n, total, (int)status, errors, (int)got.len, got.text);
  }
  CHECK_EQ_INT(wrong, 0);
  CHECK(out_of_memory > 0);
  printf("%s: %ld allocations failed in turn, %d readings ran out of memory, %d wrong\n", what,
         total, out_of_memory, wrong);
}

static void write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f) return;
  fputs(text, f);
  fclose(f);
}

/* Event files with restatements, a correction, repeats (a row again in its file, rows of one
** file in another, a file given twice) and runs of rising ids and of others; then a ledger
** given them. */
static void test_allocation_failures(const char *dir) {
  char a[96], b[96], db[96];
  snprintf(a, sizeof a, "%s/sweep-a.csv", dir);
  snprintf(b, sizeof b, "%s/sweep-b.csv", dir);
  snprintf(db, sizeof db, "%s/sweep.db", dir);
  write_text(a,
             "id,kind,date,end,party,counterparty,stream,subject,amount,currency,ref\n"
             "e01,revenue,2021-01-05,,a,,retail,,100.00,USD,\n"
             "e02,revenue,2021-02-10,2021-03-10,b,,retail,,250.50,USD,\n"
             "e03,payment,2021-03-01,,a,c,,,40.00,USD,\n"
             "e04,revenue,2021-05-20,,a,,wholesale,,-12.25,USD,\n"
             "x9,revenue,2021-06-01,,b,,retail,,75.00,USD,\n"
             "e02,revenue,2021-02-10,2021-03-10,b,,retail,,250.50,USD,\n"
             "r1,revenue,2021-01-05,,a,,retail,,120.00,USD,e01\n"
             "c1,correction,2021-07-01,,a,,,,,,e04\n"
             "m1,milestone,2021-08-15,,c,,,stop,,,\n");
  write_text(b,
             "id,kind,date,end,party,counterparty,stream,subject,amount,currency,ref\n"
             "e03,payment,2021-03-01,,a,c,,,40.00,USD,\n"
             "f01,revenue,2021-09-09,,b,,retail,,33.33,USD,\n"
             "a5,revenue,2021-04-04,2021-04-30,a,,retail,,90.00,USD,\n"
             "r2,revenue,2021-06-01,,b,,retail,,70.00,USD,x9\n"
             "p7,payment,2021-10-01,,b,c,,,15.00,USD,\n"
             "r3,payment,2021-10-01,,b,c,,,16.00,USD,p7\n");
  const char *files[] = {a, b, a};
  FeedOptions from_files = {files, 3, NULL, false, 0, false, 0};
  sweep_allocations("event files", &from_files, SWEEP_FILES);
  unlink(db);
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger = NULL;
  CHECK_EQ_INT(ledger_create(db, &diags, &ledger), PACT_OK);
  for (int i = 0; ledger && i < 2; i++) {
    ImportResult result;
    CHECK_EQ_INT(ledger_import(ledger, files[i], NULL, &diags, &result), PACT_OK);
  }
  ledger_close(ledger);
  CHECK_EQ_INT(diags.errors, 0);
  diag_list_free(&diags);
  FeedOptions from_ledger = {NULL, 0, db, false, 0, false, 0};
  sweep_allocations("a ledger", &from_ledger, SWEEP_LEDGER);
  sweep_allocations("a ledger's daily sums", &from_ledger, SWEEP_SUMS);
  sweep_allocations("a ledger's days", &from_ledger, SWEEP_DAYS);
  char wal[128], shm[128];
  snprintf(wal, sizeof wal, "%s-wal", db);
  snprintf(shm, sizeof shm, "%s-shm", db);
  unlink(a), unlink(b), unlink(db), unlink(wal), unlink(shm);
}

/* ---------------------------------------------------------------- simulation */

/* One step's file of the simulation: 1 to 4 rows recorded by party (index p of parties): its
** revenue (numbered by next_id, now and then a span or a refund), restatements and corrections
** of its own ids or of the next one, payments, the milestone, and now and then an event that is
** not its to record. */
static void write_step_file(const char *path, const char *const *parties, int p, int step,
                            int *next_id) {
  const char *party = parties[p];
  FILE *f = fopen(path, "w");
  fprintf(f, "%s\n", header);
  int rows = 1 + (int)(rng() % 4);
  for (int r = 0; r < rows; r++) {
    char day[11];
    random_day(day, 2020);
    int what = (int)(rng() % 10);
    char id[32];
    snprintf(id, sizeof id, "%s%d-%d", party, step, r);
    if (what < 4 || next_id[p] == 0) { /* its revenue, numbered: a0, a1, ... */
      /* Now and then a span: within a month, across a quarter, or longer than the daily
      ** sums take (read as itself); now and then a refund. */
      char end[11] = "";
      int span = (int)(rng() % 8);
      if (span >= 5) {
        PactDate d0, d1;
        pact_date_parse(day, 10, &d0);
        d1 = d0 + (span == 5 ? 27 : span == 6 ? 95 : 400);
        pact_date_format(d1, end);
      }
      fprintf(f, "%s%d,revenue,%s,%s,%s,,%s,,%s%d.%02d,USD,\n", party, next_id[p], day, end, party,
              rng() % 3 ? "retail" : "wholesale", rng() % 9 ? "" : "-", (int)(rng() % 5000),
              (int)(rng() % 100));
      next_id[p]++;
    } else if (what < 6) { /* a restatement of one of its own, or of one not yet recorded */
      int back = (int)(rng() % (unsigned)(next_id[p] + 1));
      fprintf(f, "%s,revenue,%s,,%s,,retail,,%d.00,USD,%s%d\n", id, day, party, (int)(rng() % 3000),
              party, back);
    } else if (what == 6) { /* a payment to c */
      if (p != 2)
        fprintf(f, "%s,payment,%s,,%s,c,,,%d.00,USD,\n", id, day, party, (int)(rng() % 800));
    } else if (what == 7) { /* the milestone: c's to declare; now and then another tries */
      if (p == 2 || rng() % 4 == 0) fprintf(f, "%s,milestone,%s,,%s,,,stop,,,\n", id, day, party);
    } else if (what == 8) { /* revenue of another party: not this one's to record */
      if (rng() % 3 == 0)
        fprintf(f, "%s,revenue,%s,,%s,,retail,,1.00,USD,\n", id, day, parties[(p + 1) % 3]);
    } else { /* a correction of one of its own events */
      fprintf(f, "%s,correction,%s,,%s,,,,,,%s%d\n", id, day, party, party,
              (int)(rng() % (unsigned)(next_id[p] + 1)));
    }
  }
  fclose(f);
}

/*
** A seeded simulation of a shared ledger: parties a, b and c take turns importing small files
** under --as (their revenue, restatements and corrections of their own events, some before the
** event they name arrives, payments, the milestone; now and then an event that is not theirs to
** record, which refuses the whole file), and after every step the ledger is read, through a
** snapshot, and must settle exactly as the files that landed settle when given as event files
** (the model: what committed, in the order it committed); and a random period read as explain
** reads it (through each import's record of where its events are) must give the events a
** whole reading gives of its days, in the same order. PACTUM_SIM_STEPS sets the steps per seed
** and PACTUM_SIM_SEEDS the seeds; a failure prints its seed and step, which reproduce it.
*/
static int simulate(const PactAgreement *ag, const char *dir, uint64_t seed, int steps) {
  rng_state = seed ? seed : 1;
  char db[128];
  snprintf(db, sizeof db, "%s/sim.db", dir);
  unlink(db);
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger = NULL;
  CHECK(ledger_create(db, &diags, &ledger) == PACT_OK);
  ledger_close(ledger);
  char **landed = calloc((size_t)steps + 1, sizeof *landed);
  int64_t *seqs = calloc((size_t)steps + 1, sizeof *seqs), next_seq = 0;
  int landed_count = 0, refused = 0, wrong = 0;
  /* The ids each party recorded (revenue), to restate or correct. */
  static const char *const parties[] = {"a", "b", "c"};
  int next_id[3] = {0, 0, 0};
  for (int step = 0; step < steps && wrong == 0; step++) {
    int p = (int)(rng() % 3);
    const char *party = parties[p];
    char path[128];
    snprintf(path, sizeof path, "%s/sim-%d.csv", dir, step);
    write_step_file(path, parties, p, step, next_id);
    /* Ids: a party's revenue is numbered (a0, a1, ...), its other events named by step and row
    ** (a7-2); restatements and corrections name one of its revenue ids, or the next one, not
    ** recorded yet. */
    Ledger *l = NULL;
    CHECK(ledger_open_write(db, NULL, &diags, &l) == PACT_OK);
    ImportOptions options = {0};
    options.agreement = ag;
    options.as = party;
    ImportResult result;
    PactStatus status = l ? ledger_import(l, path, &options, &diags, &result) : PACT_ERR_IO;
    ledger_close(l);
    if (status == PACT_OK) {
      seqs[landed_count] = result.added ? ++next_seq : 0;
      landed[landed_count++] = strdup(path);
    } else {
      refused++;
    }
    /* Now and then an import is withdrawn: the model forgets its file. */
    if (landed_count && rng() % 12 == 0) {
      int i = (int)(rng() % (unsigned)landed_count);
      Ledger *u = NULL;
      UndoResult undone;
      if (seqs[i] && ledger_open_write(db, NULL, &diags, &u) == PACT_OK &&
          ledger_undo(u, seqs[i], NULL, &diags, &undone) == PACT_OK) {
        free(landed[i]);
        memmove(landed + i, landed + i + 1, (size_t)(landed_count - i - 1) * sizeof *landed);
        memmove(seqs + i, seqs + i + 1, (size_t)(landed_count - i - 1) * sizeof *seqs);
        landed_count--;
        undos++;
      }
      ledger_close(u);
    }
    if (getenv("PACTUM_SIM_SAY")) diag_render_all(stderr, &diags, false);
    diag_list_free(&diags);
    diag_list_init(&diags);
    /* The ledger, read now, against the model: the files that landed. */
    FeedOptions ledger_options = {NULL, 0, db, false, 0, false, 0};
    char *got = settle_feed_text(ag, &ledger_options);
    char *want = settle_files(ag, (const char *const *)landed, landed_count);
    if (!got || !want || strcmp(got, want) != 0) {
      wrong++;
      fprintf(stderr,
              "simulation seed %llu, step %d (%s as %s): the ledger and the files differ\n"
              "--- files:\n%s--- ledger:\n%s",
              (unsigned long long)seed, step, path, party, want ? want : "", got ? got : "");
    }
    /* A period as explain reads it: a quarter, or some days, of the years the events fall in. */
    PactDate first, last;
    char from[11];
    random_day(from, 2020);
    pact_date_parse(from, 10, &first);
    last = first + (PactDate)(rng() % 3 ? 90 : rng() % 400);
    if (!period_reading_agrees(db, first, last)) {
      wrong++;
      fprintf(stderr, "simulation seed %llu, step %d (%s as %s): the reading of a period differs\n",
              (unsigned long long)seed, step, path, party);
    }
    free(got);
    free(want);
  }
  CHECK_EQ_INT(wrong, 0);
  /* Most imports land (the refused ones are the parties' overreach): else it tests nothing. */
  CHECK(landed_count * 4 > steps);
  for (int i = 0; i < landed_count; i++) free(landed[i]);
  free(landed);
  free(seqs);
  diag_list_free(&diags);
  return refused;
}

int main(void) {
  test_repeats();
  test_repeats_merged();
  PactAgreement *ag = load_clean("props.pact", agreement_text, sizeof agreement_text - 1);
  if (!ag) return check_summary();
  char dir[] = "/tmp/pactum-feed-XXXXXX";
  if (!mkdtemp(dir)) return 1;
  test_allocation_failures(dir);
  for (int round = 0; round < ROUNDS; round++) {
    rng_state = 0xD1B54A32D192ED03u ^ (uint64_t)(round + 1) * 0x9E3779B97F4A7C15u;
    rising_ids = round % 2 == 1;
    one_round(ag, dir, round);
  }
  /* The simulation: a few seeds in make test; PACTUM_SIM_SEEDS and PACTUM_SIM_STEPS for more. */
  const char *seeds_env = getenv("PACTUM_SIM_SEEDS"), *steps_env = getenv("PACTUM_SIM_STEPS");
  int sim_seeds = seeds_env ? atoi(seeds_env) : 4, sim_steps = steps_env ? atoi(steps_env) : 40;
  int sim_refused = 0;
  for (int k = 0; k < sim_seeds; k++)
    sim_refused += simulate(ag, dir, 20261203u + (uint64_t)k, sim_steps);
  printf("simulation: %d seeds of %d steps, %d imports refused as they should be, %d undone\n",
         sim_seeds, sim_steps, sim_refused, undos);
  CHECK(sim_seeds == 0 || undos > 0);
  CHECK(sim_seeds == 0 || sim_refused > 0);
  CHECK_EQ_INT(sums_mismatches, 0);
  CHECK(sums_seen > 0);
  printf("the daily sums gave %ld sums, settling as the events do\n", sums_seen);
  {
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -f %s/sim-*.csv %s/sim.db %s/sim.db-wal %s/sim.db-shm", dir, dir,
             dir, dir);
    CHECK_EQ_INT(system(cmd), 0);
  }
  const char *names[] = {"whole.csv", "part1.csv",     "part2.csv",    "again.csv",
                         "ledger.db", "ledger.db-wal", "ledger.db-shm"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    unlink(path);
  }
  rmdir(dir);
  /* The rounds are worth something only when most event sets settle. */
  CHECK(refused_rounds < ROUNDS / 10);
  printf("%d of %d event sets refused as they were\n", refused_rounds, ROUNDS);
  pact_agreement_free(ag);
  return check_summary();
}
