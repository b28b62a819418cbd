/*
** test_render.c -- what render writes of a settlement, over tests/settle/amended (its events
** and payments, on a statement date): a settlement not finished is PACT_ERR_MISUSE to the
** writers that return a status, and an empty table to those that do not.
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
#include "unit.h"

/* The settlement as the program makes it: the feed's events, one thread. */
typedef struct Sink {
  const PactAgreement *ag;
  const SettleOptions *options;
  DiagList *diags;
  Settlement *s;
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

static Settlement *settle_files(const PactAgreement *ag, const SettleOptions *options,
                                DiagList *diags, bool finish) {
  static const char *const files[] = {"tests/settle/amended.csv", "tests/settle/payments.csv"};
  FeedOptions feed_options = {files, 2, NULL, false, 0, false, 0};
  Feed *feed = NULL;
  Sink k = {ag, options, diags, NULL};
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
  test_unfinished(ag, &options);
  settle_free(s);
  diag_list_free(&diags);
  pact_agreement_free(ag);
  return check_summary();
}
