/*
** test_render.c -- what render writes of a settlement, over tests/settle/amended (its events
** and payments, on a statement date): every allocation of export_write (in its three formats)
** and of summary_write (table and JSON) failed in turn gives PACT_ERR_NOMEM with nothing
** written, or exactly what a run that failed nothing wrote; and a settlement not finished is
** PACT_ERR_MISUSE to the writers that return a status, and an empty table to those that do not.
*/
#define _DEFAULT_SOURCE /* open_memstream */
#include <stdlib.h>
#include <string.h>

#include "base/invariant.h"
#include "base/mem.h"
#include "engine/settle.h"
#include "feed/feed.h"
#include "render/explain.h"
#include "render/export.h"
#include "render/settle_write.h"
#include "render/summary.h"
#include "sink.h"
#include "unit.h"

static Settlement *settle_files(const PactAgreement *ag, const SettleOptions *options,
                                DiagList *diags, bool finish) {
  static const char *const files[] = {"tests/settle/amended.csv", "tests/settle/payments.csv"};
  FeedOptions feed_options = {files, 2, NULL, false, 0, false, 0};
  Feed *feed = NULL;
  Sink k = {ag, options, diags, NULL, 0};
  PactStatus status = feed_open(&feed_options, diags, &feed);
  if (status == PACT_OK) status = feed_all(feed, diags, sink_start, sink_visit, &k);
  if (status == PACT_OK && finish) status = settle_finish(k.s);
  feed_close(feed);
  if (status != PACT_OK) {
    settle_free(k.s);
    return NULL;
  }
  return k.s;
}

/* What one writer writes, and its status. */
typedef PactStatus (*Writer)(const Settlement *s, int how, FILE *out);

static PactStatus export_by(const Settlement *s, int how, FILE *out) {
  return export_write(s, (ExportFormat)how, out);
}

static PactStatus summary_by(const Settlement *s, int how, FILE *out) {
  DiagList diags;
  diag_list_init(&diags);
  PactStatus status = summary_write(s, how != 0, &diags, out);
  diag_list_free(&diags);
  return status;
}

static char *written(const Settlement *s, Writer writer, int how, long fail_at, PactStatus *status,
                     long *allocations) {
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  if (!out) return NULL;
  mem_allocation_count = 0;
  mem_fail_countdown = fail_at;
  *status = writer(s, how, out);
  mem_fail_countdown = 0;
  if (allocations) *allocations = mem_allocation_count;
  fclose(out);
  return text;
}

/* Every allocation of one writer failed in turn. */
static void sweep(const Settlement *s, Writer writer, int how, const char *name) {
  PactStatus status;
  long total = 0;
  char *expected = written(s, writer, how, 0, &status, &total);
  CHECK_EQ_INT(status, PACT_OK);
  CHECK(expected && strlen(expected) > 100);
  CHECK(total > 0);
  int wrong = 0, out_of_memory = 0;
  for (long n = 1; n <= total; n++) {
    char *got = written(s, writer, how, n, &status, NULL);
    if (status == PACT_ERR_NOMEM) {
      out_of_memory++;
      if (!got || got[0]) wrong++; /* nothing half written */
    } else if (status != PACT_OK || !got || !expected || strcmp(got, expected) != 0) {
      wrong++;
    }
    free(got);
  }
  if (wrong) fprintf(stderr, "%s: %d of %ld failed allocations went wrong\n", name, wrong, total);
  CHECK_EQ_INT(wrong, 0);
  CHECK(out_of_memory > 0);
  free(expected);
}

static void test_allocation_failures(const Settlement *s) {
  sweep(s, export_by, EXPORT_LEDGER, "export ledger");
  sweep(s, export_by, EXPORT_BEANCOUNT, "export beancount");
  sweep(s, export_by, EXPORT_CSV, "export csv");
  sweep(s, summary_by, 0, "summary");
  sweep(s, summary_by, 1, "summary --json");
}

/* A settlement not finished: nothing to write. */
static void test_unfinished(const PactAgreement *ag, const SettleOptions *options) {
  DiagList diags;
  diag_list_init(&diags);
  Settlement *s = settle_files(ag, options, &diags, false);
  CHECK(s != NULL);
  if (!s) return;
  PactStatus status;
  char *text = written(s, export_by, EXPORT_LEDGER, 0, &status, NULL);
  CHECK_EQ_INT(status, PACT_ERR_MISUSE);
  CHECK(text && !text[0]);
  free(text);
  text = written(s, summary_by, 0, 0, &status, NULL);
  CHECK_EQ_INT(status, PACT_ERR_MISUSE);
  CHECK(text && !text[0]);
  free(text);
  ExplainRequest request = {"fee", "2024-Q3", NULL, NULL, false};
  CHECK_EQ_INT(explain_write(s, &request, &diags, stdout), PACT_ERR_MISUSE);
  size_t size = 0;
  text = NULL;
  FILE *out = open_memstream(&text, &size);
  if (out) {
    settle_write_table(s, out);
    fclose(out);
  }
  CHECK(text && strstr(text, "period") && strstr(text, "\ntotals (USD)\n") && !strstr(text, "fee"));
  free(text);
  settle_free(s);
  diag_list_free(&diags);
}

int main(void) {
  PactAgreement *ag = NULL;
  CHECK_EQ_INT(pact_agreement_load("tests/settle/amended.pact", &ag), PACT_OK);
  if (!ag || pact_agreement_error_count(ag)) {
    pact_agreement_free(ag);
    return check_summary();
  }
  /* As pactum statement and export set it: a statement date, so payments count. */
  SettleOptions options = {0};
  options.has_as_of = true;
  pact_date_parse("2025-03-01", 10, &options.as_of);
  DiagList diags;
  diag_list_init(&diags);
  Settlement *s = settle_files(ag, &options, &diags, true);
  CHECK(s != NULL);
  CHECK_EQ_INT(diags.errors, 0);
  if (s) test_allocation_failures(s);
  test_unfinished(ag, &options);
  settle_free(s);
  diag_list_free(&diags);
  pact_agreement_free(ag);
  return check_summary();
}
