/*
** test_embed.c -- libpactum as another program uses it: this file includes pactum.h and nothing
** else of the library, is compiled without src/ on its include path and links libpactum.a, whose
** only names are pactum.h's. It loads an agreement, reads events, keeps them in a ledger,
** settles from files and from the ledger (the same figures, to the cent), writes a statement,
** a journal and an explanation, decides, audits, reads diagnostics as values, and calls the
** library out of order (PACT_ERR_MISUSE, nothing changed).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pactum.h"
#include "unit.h"

static char folder[] = "/tmp/pactum-embed.XXXXXX";

/* What a writer wrote, as one text (free it). */
typedef struct Captured {
  char *text;
  size_t len;
  FILE *out;
} Captured;
static FILE *capture(Captured *c) { return c->out = open_memstream(&c->text, &c->len); }
static char *captured(Captured *c) {
  fclose(c->out);
  return c->text;
}

static PactAgreement *load(const char *path) {
  PactAgreement *ag = NULL;
  CHECK_EQ_INT(pact_agreement_load(path, &ag), PACT_OK);
  CHECK(ag && pact_agreement_error_count(ag) == 0);
  return ag;
}

/* The money of a settlement as one line per obligation and total. */
static char *figures(const PactSettlement *s) {
  Captured c;
  FILE *out = capture(&c);
  PactObligation o;
  for (size_t i = 0; pact_settlement_obligation(s, i, &o); i++)
    fprintf(out, "%s %s %s %s->%s %lld %lld %lld\n", o.clause, o.version, o.period, o.payer,
            o.payee, (long long)o.base_minor, (long long)o.amount_minor,
            (long long)o.cumulative_minor);
  PactSettleTotal t;
  for (size_t i = 0; pact_settlement_total(s, i, &t); i++)
    fprintf(out, "total %s->%s %lld %lld\n", t.payer, t.payee, (long long)t.amount_minor,
            (long long)t.uncapped_minor);
  return captured(&c);
}

static PactSettlement *settle_source(const PactAgreement *ag, const PactSource *source,
                                     PactDiagnostics *d, PactFeed **feed_out) {
  PactFeed *feed = NULL;
  PactSettlement *s = NULL;
  CHECK_EQ_INT(pact_feed_open(source, d, &feed), PACT_OK);
  if (feed) CHECK_EQ_INT(pact_settle(ag, feed, NULL, d, &s), PACT_OK);
  if (feed_out) *feed_out = feed;
  else pact_feed_close(feed);
  return s;
}

/* The statement on 2024-12-01 of the README's tour, and the years of the settlement s. */
static void test_statement(const PactAgreement *ag, const PactSettlement *s, PactDiagnostics *d) {
  Captured c;
  PactSettleOptions on_day = {.has_as_of = true};
  pact_date_parse("2024-12-01", 10, &on_day.as_of);
  const char *with_payments[] = {"tests/settle/amended.csv", "tests/settle/payments.csv"};
  PactSource paid = {with_payments, 2, NULL, false, 0, false, 0};
  PactFeed *paid_feed = NULL;
  PactSettlement *statement = NULL;
  CHECK_EQ_INT(pact_feed_open(&paid, d, &paid_feed), PACT_OK);
  if (paid_feed) CHECK_EQ_INT(pact_settle(ag, paid_feed, &on_day, d, &statement), PACT_OK);
  CHECK_EQ_INT(pact_statement_write(statement, PACT_FORM_JSON, d, capture(&c)), PACT_OK);
  char *owed = captured(&c);
  CHECK(owed && strstr(owed, "\"standing\"") && strstr(owed, "\"accruing\""));
  free(owed);
  CHECK_EQ_INT(pact_summary_write(s, PACT_FORM_TEXT, d, capture(&c)), PACT_OK);
  char *years = captured(&c);
  CHECK(years && strstr(years, "2024") && strstr(years, "1,042.35"));
  free(years);
  pact_settlement_free(statement);
  pact_feed_close(paid_feed);
}

/* A journal and an explanation of s (read from feed). */
static void test_writers(const PactSettlement *s, PactFeed *feed, PactDiagnostics *d) {
  Captured c;
  PactExportFormat format;
  CHECK(pact_export_format_find("beancount", &format));
  CHECK(!pact_export_format_find("excel", &format));
  CHECK_EQ_INT(pact_export_write(s, PACT_EXPORT_BEANCOUNT, capture(&c)), PACT_OK);
  char *journal = captured(&c);
  CHECK(journal && strstr(journal, "USD"));
  free(journal);
  PactExplainRequest why = {"fee", "2024-Q3", NULL};
  CHECK_EQ_INT(pact_explain_write(s, feed, &why, PACT_FORM_TEXT, d, capture(&c)), PACT_OK);
  char *explained = captured(&c);
  CHECK(explained && strstr(explained, "906.00"));
  free(explained);
}

/* The events of file kept in a ledger settle to the figures of s. */
static void test_ledger_same(const PactAgreement *ag, const PactSettlement *s, PactDiagnostics *d,
                             const char *file) {
  /* The same events kept in a ledger settle to the same figures. */
  char db[96];
  snprintf(db, sizeof db, "%s/embed.db", folder);
  PactLedger *ledger = NULL;
  CHECK_EQ_INT(pact_ledger_create(db, d, &ledger), PACT_OK);
  PactImportResult imported;
  PactImportOptions options = {.agreement = ag};
  CHECK_EQ_INT(pact_ledger_import(ledger, file, &options, d, &imported), PACT_OK);
  CHECK(imported.added > 0 && imported.known == 0);
  CHECK_EQ_INT(pact_ledger_import(ledger, file, &options, d, &imported), PACT_OK);
  CHECK(imported.added == 0 && imported.known > 0);
  PactVerifyResult verified;
  CHECK_EQ_INT(pact_ledger_verify(ledger, d, &verified), PACT_OK);
  CHECK(verified.events_in_force > 0);
  pact_ledger_close(ledger);
  PactSource from_ledger = {NULL, 0, db, false, 0, false, 0};
  PactSettlement *again = settle_source(ag, &from_ledger, d, NULL);
  char *a = s ? figures(s) : NULL, *b = again ? figures(again) : NULL;
  CHECK(a && b && strcmp(a, b) == 0 && strlen(a) > 40);
  free(a);
  free(b);

  pact_settlement_free(again);
}

static void test_settle(void) {
  PactAgreement *ag = load("tests/settle/amended.pact");
  if (!ag) return;
  CHECK_EQ_STR(pact_agreement_currency(ag), "USD");
  CHECK(pact_agreement_party(ag, "globex") >= 0);
  CHECK_EQ_INT(pact_agreement_party(ag, "Globex"), -1);
  PactDiagnostics *d = NULL;
  CHECK_EQ_INT(pact_diagnostics_new(&d), PACT_OK);

  /* From the file: 1,042.35 owed, 1,096.35 without the cap (README's tour, worked by hand in
  ** docs/settle.md). */
  const char *files[] = {"tests/settle/amended.csv"};
  PactSource from_files = {files, 1, NULL, false, 0, false, 0};
  PactFeed *feed = NULL;
  PactSettlement *s = settle_source(ag, &from_files, d, &feed);
  CHECK_EQ_INT(pact_diagnostics_error_count(d), 0);
  PactSettleTotal total;
  CHECK(s && pact_settlement_total(s, 0, &total));
  if (s && pact_settlement_total(s, 0, &total)) {
    CHECK_EQ_STR(total.payer, "globex");
    CHECK_EQ_STR(total.payee, "acme");
    CHECK_EQ_INT(total.amount_minor, 104235);
    CHECK_EQ_INT(total.uncapped_minor, 109635);
  }
  PactObligation first;
  CHECK(s && pact_settlement_obligation(s, 0, &first));
  if (s && pact_settlement_obligation(s, 0, &first)) {
    CHECK_EQ_STR(first.clause, "fee");
    CHECK_EQ_STR(first.version, "v1");
    CHECK_EQ_STR(first.period, "2024-Q1");
    CHECK_EQ_INT(first.base_minor, 12347);
    CHECK_EQ_INT(first.amount_minor, 1235);
  }
  /* Out of order: finished already. */
  CHECK_EQ_INT(pact_settle_finish(s), PACT_ERR_MISUSE);
  PactEvent none = {0};
  CHECK_EQ_INT(pact_settle_add(s, "x.csv", &none), PACT_ERR_MISUSE);
  CHECK(s && pact_settlement_total(s, 0, &total) && total.amount_minor == 104235);

  /* Written: the JSON document, a journal, an explanation. */
  Captured c;
  CHECK_EQ_INT(pact_settlement_write(s, PACT_FORM_JSON, d, capture(&c)), PACT_OK);
  char *json = captured(&c);
  CHECK(json && strstr(json, "\"amount\": \"1042.35\""));
  free(json);
  test_statement(ag, s, d);
  test_writers(s, feed, d);
  test_ledger_same(ag, s, d, files[0]);
  CHECK_EQ_INT(pact_diagnostics_error_count(d), 0);

  pact_settlement_free(s);
  pact_feed_close(feed);
  pact_diagnostics_free(d);
  pact_agreement_free(ag);
}

/* A bad event file: each problem a diagnostic with its place, read as a value. */
static void test_diagnostics(void) {
  PactDiagnostics *d = NULL;
  CHECK_EQ_INT(pact_diagnostics_new(&d), PACT_OK);
  static const char text[] =
      "id,kind,date,party,stream,amount,currency\n"
      "e1,revenue,2024-01-15,globex,retail,10.00,USD\n"
      "e2,revenue,2024-02-30,globex,retail,10.00,USD\n"
      "e3,refund,2024-03-01,globex,retail,10.00,USD\n";
  PactEventReader *r = NULL;
  CHECK_EQ_INT(pact_events_open_text("bad.csv", text, sizeof text - 1, d, &r), PACT_OK);
  PactEvent e;
  int read = 0;
  while (r && pact_events_next(r, &e)) {
    read++;
    CHECK_EQ_INT(e.kind, PACT_EVENT_REVENUE);
    CHECK_EQ_INT(e.amount_minor, 1000);
    CHECK(e.id.len == 2 && memcmp(e.id.ptr, "e1", 2) == 0);
  }
  CHECK_EQ_INT(read, 1);
  CHECK_EQ_INT(pact_events_error_count(r), 2);
  pact_events_close(r);
  CHECK_EQ_INT(pact_diagnostics_error_count(d), 2);
  PactDiagnostic one;
  CHECK(pact_diagnostics_get(d, 0, &one));
  CHECK_EQ_INT(one.severity, PACT_SEVERITY_ERROR);
  CHECK_EQ_STR(one.path, "bad.csv");
  CHECK_EQ_INT(one.line, 3);
  CHECK(one.message && strstr(one.message, "2024-02-30"));
  CHECK(!pact_diagnostics_get(d, 2, &one));
  pact_diagnostics_add(d, PACT_SEVERITY_WARNING, "W9000", "mine.csv", 7, NULL, "%d apples", 3);
  CHECK_EQ_INT(pact_diagnostics_warning_count(d), 1);
  CHECK(pact_diagnostics_get(d, 2, &one));
  CHECK_EQ_STR(one.message, "3 apples");
  CHECK_EQ_INT(one.line, 7);
  Captured c;
  pact_diagnostics_print(d, capture(&c), false);
  char *printed = captured(&c);
  CHECK(printed && strstr(printed, "bad.csv:3: error[") &&
        strstr(printed, "mine.csv:7: warning[W9000]: 3 apples"));
  free(printed);
  CHECK_EQ_STR(pact_status_name(PACT_ERR_MISUSE), "misuse");
  const char *words[] = {"settle", "statement", "explain"};
  CHECK_EQ_STR(pact_suggest("setle", 5, words, 3), "settle");
  CHECK(pact_suggest("audit", 5, words, 3) == NULL);
  pact_diagnostics_free(d);
  /* An agreement's own diagnostics, read the same way. */
  PactAgreement *bad = NULL;
  static const char broken[] =
      "agreement x {\n  currency USD\n}\nversion v1 {\n  effective 2024-02-30\n}\n";
  CHECK_EQ_INT(pact_agreement_load_text("x.pact", broken, sizeof broken - 1, &bad), PACT_OK);
  const PactDiagnostics *own = pact_agreement_diagnostics(bad);
  CHECK(pact_diagnostics_error_count(own) > 0);
  CHECK(pact_diagnostics_get(own, 0, &one) && strcmp(one.path, "x.pact") == 0 && one.line > 0);
  pact_agreement_free(bad);
}

static void test_decide_and_audit(void) {
  PactAgreement *ag = load("agreements/microsoft-openai");
  if (!ag) return;
  CHECK_EQ_STR(pact_agreement_version_on(ag, 20600), "2026-04-27"); /* 2026-05-26 */
  PactDiagnostics *d = NULL;
  CHECK_EQ_INT(pact_diagnostics_new(&d), PACT_OK);
  const char *clouds[] = {"tests/decide/clouds.csv"};
  PactSource source = {clouds, 1, NULL, false, 0, false, 0};
  PactFeed *feed = NULL;
  PactDecider *decider = NULL;
  CHECK_EQ_INT(pact_feed_open(&source, d, &feed), PACT_OK);
  if (feed) CHECK_EQ_INT(pact_decider_build(ag, feed, d, &decider), PACT_OK);
  PactDate on;
  pact_date_parse("2025-12-01", 10, &on);
  PactQuery q = {
      .kind = PACT_DECIDE_LAUNCH, .product = "responses-api", .provider = "amazon", .on = on};
  PactAnswer *answer = NULL;
  if (decider) CHECK_EQ_INT(pact_decide(decider, &q, &answer), PACT_OK);
  if (answer) {
    CHECK_EQ_INT(pact_answer_decision(answer), PACT_DECISION_NOT_PERMITTED);
    CHECK_EQ_STR(pact_decision_name(pact_answer_decision(answer)), "not_permitted");
    CHECK_EQ_STR(pact_answer_clause(answer), "azure-api");
    CHECK_EQ_STR(pact_answer_version(answer), "2025-10-28");
    CHECK(strlen(pact_answer_reason(answer)) > 20);
    Captured c;
    CHECK_EQ_INT(pact_answer_write(decider, &q, answer, PACT_FORM_JSON, d, capture(&c)), PACT_OK);
    char *json = captured(&c);
    CHECK(json && strstr(json, "\"decision\":\"not_permitted\""));
    free(json);
  }
  pact_answer_free(answer);
  /* A day before the agreement: an answer that says why. */
  q.on = 0;
  answer = NULL;
  if (decider) CHECK_EQ_INT(pact_decide(decider, &q, &answer), PACT_ERR_RANGE);
  CHECK(answer && strlen(pact_answer_reason(answer)) > 0);
  pact_answer_free(answer);
  pact_decider_free(decider);
  pact_feed_close(feed);

  const char *audited[] = {"tests/audit/events.csv"};
  PactSource audit_source = {audited, 1, NULL, false, 0, false, 0};
  CHECK_EQ_INT(pact_feed_open(&audit_source, d, &feed), PACT_OK);
  pact_date_parse("2026-11-27", 10, &on);
  Captured c;
  if (feed) CHECK_EQ_INT(pact_audit_write(ag, feed, on, PACT_FORM_JSON, d, capture(&c)), PACT_OK);
  char *audit = feed ? captured(&c) : NULL;
  CHECK(audit && strstr(audit, "\"breaches\""));
  free(audit);
  pact_feed_close(feed);
  pact_diagnostics_free(d);
  pact_agreement_free(ag);
}

int main(void) {
  if (!mkdtemp(folder)) return 1;
  test_settle();
  test_diagnostics();
  test_decide_and_audit();
  char command[64];
  snprintf(command, sizeof command, "rm -rf '%s'", folder);
  if (system(command) != 0) fprintf(stderr, "could not remove %s\n", folder);
  return check_summary();
}
