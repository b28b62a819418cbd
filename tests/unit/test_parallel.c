/*
** test_parallel.c -- a CSV event file settled on two threads (feed_all_parallel, settle_merge)
** gives exactly what one thread gives: the same status, obligations, totals, payments and
** rendered diagnostics, over many generated files -- quoted values with commas, line breaks
** and "", CRLF, a byte order mark, spans, payments, milestones, restatements, bad rows in
** either part, and cuts that would fall inside a quoted value. The size threshold is lowered
** so that small files are split. And what the program runs, pact_settle (the same reading,
** inside the library), gives what one thread gives, to the byte.
*/
#define _DEFAULT_SOURCE /* sysconf(_SC_NPROCESSORS_ONLN) */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/settle.h"
#include "feed/feed.h"
#include "render/settle_write.h"
#include "unit.h"
#include "clean.h"

#define ROUNDS 300

static const char agreement_text[] =
    "agreement props {\n  currency USD\n  party a \"A\"\n  party b \"B\"\n  party c \"C\"\n}\n"
    "version v1 {\n  effective 2020-01-01\n  source contract \"test\"\n"
    "  milestone stop {\n    says \"stop\"\n    declared by c\n  }\n"
    "  revenue-share all-of-a {\n    says \"all\"\n    payer a\n    payee c\n"
    "    base revenue of a\n    rate 100%\n    settle monthly\n    due 30 days after period end\n  "
    "}\n"
    "  revenue-share capped {\n    says \"capped\"\n    payer b\n    payee c\n"
    "    base revenue of b\n    streams include retail\n    rate 37.5%\n"
    "    through 2027-06-30\n    until stop\n    cap USD 12,345.67 counting this version\n    "
    "settle quarterly\n"
    "    rounding half-up\n  }\n}\n"
    "version v2 {\n  effective 2023-07-15\n  amends v1\n  source contract \"test\"\n"
    "  revenue-share all-of-a {\n    says \"all, again\"\n    payer a\n    payee c\n"
    "    base revenue of a\n    rate 100%\n    settle yearly\n  }\n}\n";

/* The consumer, as the command line's: a settlement, and forks with their own diagnostics. */
typedef struct Sink {
  const PactAgreement *ag;
  const SettleOptions *options;
  DiagList *diags;
  Settlement *s;
  DiagList own;
  int *joins;
} Sink;

static PactStatus sink_start(void *context) {
  Sink *k = context;
  settle_free(k->s);
  k->s = NULL;
  return settle_begin(k->ag, k->options, k->diags, &k->s);
}

static PactStatus sink_visit(void *context, const char *source, const Event *event) {
  Sink *k = context;
  settle_set_events_path(k->s, source);
  PactStatus status = settle_add(k->s, event);
  return status == PACT_ERR_NOMEM ? status : PACT_OK;
}

static void sink_discard(void *forked) {
  Sink *g = forked;
  settle_free(g->s);
  diag_list_free(&g->own);
  free(g);
}

static void *sink_fork(void *context) {
  const Sink *k = context;
  Sink *g = calloc(1, sizeof *g);
  if (!g) return NULL;
  *g = (Sink){k->ag, k->options, NULL, NULL, {0}, k->joins};
  diag_list_init(&g->own);
  g->diags = &g->own;
  if (settle_begin(k->ag, k->options, g->diags, &g->s) != PACT_OK) {
    sink_discard(g);
    return NULL;
  }
  return g;
}

static PactStatus sink_join(void *context, void *forked) {
  Sink *k = context;
  Sink *g = forked;
  PactStatus status = settle_merge(k->s, g->s);
  (*k->joins)++;
  sink_discard(g);
  return status;
}

/* What a settlement came to, rendered: status, diagnostics, obligations, totals, payments. */
static char *settle_files(const PactAgreement *ag, const char *const *files, int count,
                          bool parallel, int *joins) {
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  if (!out) return NULL;
  SettleOptions options = {0};
  options.has_as_of = true;
  pact_date_parse("2024-06-30", 10, &options.as_of);
  DiagList diags;
  diag_list_init(&diags);
  FeedOptions feed_options = {files, count, NULL, false, 0, false, 0};
  Feed *feed = NULL;
  PactStatus status = feed_open(&feed_options, &diags, &feed);
  Sink k = {ag, &options, &diags, NULL, {0}, joins};
  const FeedParallel p = {sink_fork, sink_join, sink_discard};
  if (status == PACT_OK)
    status = parallel ? feed_all_parallel(feed, &diags, sink_start, sink_visit, &p, &k)
                      : feed_all(feed, &diags, sink_start, sink_visit, &k);
  if (status == PACT_OK) status = settle_finish(k.s);
  fprintf(out, "status %d, %zu errors, %zu warnings, %zu dropped\n", (int)status, diags.errors,
          diags.warnings, diags.dropped);
  diag_render_all(out, &diags, false);
  if (status == PACT_OK) {
    size_t n;
    const Obligation *o = settle_obligations(k.s, &n);
    for (size_t i = 0; i < n; i++)
      fprintf(out,
              "%.*s %d..%d base %lld uncapped %lld amount %lld cum %lld due %d:%d cap %d "
              "tiered %d paid %lld overdue %d\n",
              (int)o[i].clause->id.len, o[i].clause->id.ptr, (int)o[i].first, (int)o[i].last,
              (long long)o[i].base_minor, (long long)o[i].uncapped_minor,
              (long long)o[i].amount_minor, (long long)o[i].cumulative_minor, o[i].has_due,
              (int)o[i].due, o[i].cap_binds, o[i].tiered, (long long)o[i].paid_minor, o[i].overdue);
    const SettleTotal *t = settle_totals(k.s, &n);
    for (size_t i = 0; i < n; i++)
      fprintf(out, "total %d->%d %lld %lld %lld %lld %lld\n", t[i].payer, t[i].payee,
              (long long)t[i].amount_minor, (long long)t[i].uncapped_minor,
              (long long)t[i].paid_minor, (long long)t[i].overdue_minor,
              (long long)t[i].credit_minor);
    const SettlePayment *pay = settle_payments(k.s, &n);
    for (size_t i = 0; i < n; i++)
      fprintf(out, "payment %s %d->%d %d %lld\n", pay[i].id, pay[i].payer, pay[i].payee,
              (int)pay[i].date, (long long)pay[i].amount_minor);
  }
  settle_free(k.s);
  feed_close(feed);
  diag_list_free(&diags);
  fclose(out);
  return text;
}

/*
** The settlement as JSON (with its status and diagnostics), read on one thread through the
** sink above, or as the program reads it: pact_settle, which reads a large file on two threads
** inside the library. The two must be the same text.
*/
static char *settle_json(const PactAgreement *ag, const char *const *files, int count,
                         bool public) {
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  if (!out) return NULL;
  PactDate as_of;
  pact_date_parse("2024-06-30", 10, &as_of);
  PactStatus status;
  if (public) {
    PactDiagnostics *d = NULL;
    PactFeed *feed = NULL;
    PactSettlement *s = NULL;
    PactSource source = {files, count, NULL, false, 0, false, 0};
    PactSettleOptions options = {.has_as_of = true, .as_of = as_of};
    status = pact_diagnostics_new(&d);
    if (status == PACT_OK) status = pact_feed_open(&source, d, &feed);
    if (status == PACT_OK) status = pact_settle(ag, feed, &options, d, &s);
    fprintf(out, "status %d\n", (int)status);
    if (d) pact_diagnostics_print(d, out, false);
    if (s) pact_settlement_write(s, PACT_FORM_JSON, d, out);
    pact_settlement_free(s);
    pact_feed_close(feed);
    pact_diagnostics_free(d);
  } else {
    SettleOptions options = {.has_as_of = true, .as_of = as_of};
    DiagList diags;
    diag_list_init(&diags);
    FeedOptions feed_options = {files, count, NULL, false, 0, false, 0};
    Feed *feed = NULL;
    int joins = 0;
    Sink k = {ag, &options, &diags, NULL, {0}, &joins};
    status = feed_open(&feed_options, &diags, &feed);
    if (status == PACT_OK) status = feed_all(feed, &diags, sink_start, sink_visit, &k);
    if (status == PACT_OK) status = settle_finish(k.s);
    fprintf(out, "status %d\n", (int)status);
    diag_render_all(out, &diags, false);
    if (status == PACT_OK) settle_write_json(k.s, &diags, out);
    settle_free(k.s);
    feed_close(feed);
    diag_list_free(&diags);
  }
  fclose(out);
  return text;
}

/* A random note: empty, plain, or quoted with commas, line breaks and doubled quotes. */
static void put_note(FILE *f, const char *eol, bool long_one) {
  int form = (int)(rng() % 6);
  if (!long_one && form < 3) {
    if (form == 1) fputs("plain note", f);
    return;
  }
  fputc('"', f);
  int parts = long_one ? 40 + (int)(rng() % 40) : 1 + (int)(rng() % 4);
  for (int i = 0; i < parts; i++) {
    switch (rng() % 4) {
      case 0: fputs("a, b", f); break;
      case 1: fputs(eol, f); break;
      case 2: fputs("say \"\"yes\"\"", f); break;
      default: fputs("x", f); break;
    }
    if (long_one) fputs(eol, f);
  }
  fputc('"', f);
}

/* Writes a random event file; some rows are bad, or otherwise unusual. */
static void write_file(const char *path, int round) {
  FILE *f = fopen(path, "wb");
  if (!f) return;
  bool crlf = rng() % 3 == 0;
  const char *eol = crlf ? "\r\n" : "\n";
  int rows = 20 + (int)(rng() % 400);
  int bad_row = rng() % 3 == 0 ? (int)(rng() % (unsigned)rows) : -1;
  int odd_row = rng() % 4 == 0 ? (int)(rng() % (unsigned)rows) : -1; /* EUR, self-ref... */
  int long_row = rng() % 2 ? rows / 2 - 2 + (int)(rng() % 5) : -1;   /* across the middle */
  bool restate = rng() % 4 == 0;
  /* Half the files number their ids so that they rise (e00007: read in runs without
  ** fingerprints), and some give a row again, identically, at a random later place. */
  bool rising = rng() % 2 == 0;
  int repeat_of = rng() % 3 == 0 ? (int)(rng() % (unsigned)rows) : -1;
  int repeat_at = repeat_of >= 0 ? repeat_of + 1 + (int)(rng() % (unsigned)(rows - repeat_of)) : -1;
  char repeated[256] = "";
  if (rng() % 3 == 0) fputs("\xEF\xBB\xBF", f);
  fprintf(f, "id,kind,date,end,party,counterparty,stream,subject,amount,currency,ref,note%s", eol);
  for (int i = 0; i < rows; i++) {
    char id[32], ref[32] = "";
    snprintf(id, sizeof id, rising ? "e%05d" : "e%d", i);
    int year = 2020 + (int)(rng() % 6), month = 1 + (int)(rng() % 12), day = 1 + (int)(rng() % 28);
    char date[16], end[16] = "";
    snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    if (rng() % 4 == 0) snprintf(end, sizeof end, "%04d-%02d-%02d", year + 1, month, day);
    const char *kind = "revenue", *party = rng() % 2 ? "a" : "b", *counterparty = "";
    const char *stream = rng() % 3 == 0 ? "wholesale" : "retail", *subject = "", *currency = "USD";
    char amount[32];
    snprintf(amount, sizeof amount, "%s%d.%02d", rng() % 8 == 0 ? "-" : "", (int)(rng() % 100000),
             (int)(rng() % 100));
    int pick = (int)(rng() % 40);
    if (pick < 3) {
      kind = "payment", counterparty = "c", end[0] = '\0';
      if (amount[0] == '-')
        memmove(amount, amount + 1, strlen(amount)); /* a payment is not negative */
      if (pick == 2) party = "x";                    /* not a party: a warning */
    } else if (pick == 3) {
      kind = "milestone", party = rng() % 2 ? "c" : "a", subject = "stop", amount[0] = '\0';
      currency = "", end[0] = '\0';
    } else if (pick == 4) {
      fputs(eol, f); /* a blank line */
    }
    /* Names that miss the agreement's: a party by case, a party it does not declare, a
    ** stream by case (warnings W1111-W1113, said once each, the same on one thread or two). */
    int name_pick = (int)(rng() % 60);
    if (name_pick == 0 && kind[0] == 'r') party = "A";
    else if (name_pick == 1 && kind[0] == 'r') party = "northwind";
    else if (name_pick == 2 && kind[0] == 'r') stream = "Retail";
    if (restate && i > 0 && rng() % 10 == 0)
      snprintf(ref, sizeof ref, rising ? "e%05d" : "e%d", i - 1);
    if (i == odd_row) {
      int what = (int)(rng() % 3);
      if (what == 0) currency = "EUR";
      else if (what == 1) snprintf(ref, sizeof ref, "%s", id); /* names itself */
      else kind = "launch", counterparty = "c", subject = "";
    }
    if (i == bad_row) {
      int what = (int)(rng() % 4);
      if (what == 0) snprintf(amount, sizeof amount, "12x");
      else if (what == 1) snprintf(date, sizeof date, "2021-02-30");
      else if (what == 2) kind = "revnue";
      else fputs("stray\"quote,", f);
    }
    if (i == repeat_at && repeated[0]) fprintf(f, "%s,%s", repeated, eol);
    char row[256];
    snprintf(row, sizeof row, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s", id, kind, date, end, party,
             counterparty, stream, subject, amount, currency, ref);
    if (i == repeat_of) snprintf(repeated, sizeof repeated, "%s", row);
    fprintf(f, "%s,", row);
    put_note(f, eol, i == long_row);
    fputs(eol, f);
  }
  if (round % 7 == 0) fputs("e-last,revenue,2021-01-01,,a,,retail,,1.00,USD,,\"open", f);
  fclose(f);
}

int main(void) {
  PactAgreement *ag = load_clean("props.pact", agreement_text, sizeof agreement_text - 1);
  if (!ag) return check_summary();
  char dir[] = "/tmp/pactum-parallel-XXXXXX";
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  char big[64], small[64];
  snprintf(big, sizeof big, "%s/events.csv", dir);
  snprintf(small, sizeof small, "%s/small.csv", dir);
  FILE *f = fopen(small, "w");
  if (f) {
    fputs("id,kind,date,party,stream,amount,currency\ns1,revenue,2021-03-04,a,retail,5.00,USD\n",
          f);
    fclose(f);
  }
  feed_parallel_min_bytes = 0;
  int joined_rounds = 0;
  for (int round = 0; round < ROUNDS; round++) {
    rng_state = 0x9E3779B97F4A7C15u ^ (uint64_t)(round + 1) * 0xBF58476D1CE4E5B9u;
    write_file(big, round);
    const char *files[2] = {small, big};
    int count = round % 2 ? 2 : 1;
    int joins_one = 0, joins_two = 0;
    char *one = settle_files(ag, files + 2 - count, count, false, &joins_one);
    char *two = settle_files(ag, files + 2 - count, count, true, &joins_two);
    CHECK(one && two);
    if (one && two && strcmp(one, two) != 0) {
      fprintf(stderr, "round %d: one thread and two differ\n--- one:\n%s--- two:\n%s", round, one,
              two);
      CHECK(false);
    }
    CHECK_EQ_INT(joins_one, 0);
    if (joins_two) joined_rounds++;
    free(one);
    free(two);
    /* What the program runs (pact_settle) is what one thread gives, to the byte. */
    if (round % 5 == 0) {
      char *alone = settle_json(ag, files + 2 - count, count, false);
      char *program = settle_json(ag, files + 2 - count, count, true);
      CHECK(alone && program && strcmp(alone, program) == 0);
      if (alone && program && strcmp(alone, program) != 0)
        fprintf(stderr, "round %d: pact_settle differs\n--- one:\n%s--- pact_settle:\n%s", round,
                alone, program);
      free(alone);
      free(program);
    }
  }
  /* Most files are clean enough to be read in two parts; the rest were read again. One
  ** processor reads every file on one thread. */
  if (sysconf(_SC_NPROCESSORS_ONLN) > 1) CHECK(joined_rounds > ROUNDS / 3);
  else CHECK_EQ_INT(joined_rounds, 0);
  printf("%d of %d rounds read on two threads\n", joined_rounds, ROUNDS);
  unlink(big);
  unlink(small);
  rmdir(dir);
  pact_agreement_free(ag);
  return check_summary();
}
