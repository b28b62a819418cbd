/*
** cmd_decide.c -- pactum decide: what a party may do on a date, and why.
**   decide launch --product P --provider X --on DATE
**   decide use --licensee L --subject S --on DATE
**   decide --batch QUERIES.jsonl
** each with EVENTS (--agreement PATH, and --events FILE... or --ledger FILE).
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Which question is asked (launch, use or a batch) and what it needs; how many of the plain
** arguments are event files. A usage error's exit status, or 0. */
static int decide_usage(const Options *o, bool *launch, int *files) {
  const char *what = o->path_count ? o->paths[0] : NULL;
  bool use = what && strcmp(what, "use") == 0;
  *launch = what && strcmp(what, "launch") == 0;
  *files = o->path_count - (*launch || use ? 1 : 0);
  if (!o->batch && !*launch && !use)
    return usage_error(o->command,
                       "decide what? start with 'launch' (--product P --provider X) "
                       "or 'use' (--licensee L --subject S), or give --batch FILE",
                       NULL);
  int usage = events_usage(o, o->path_count - *files);
  if (usage) return usage;
  if (!o->batch) {
    if (*launch && (!o->product || !o->provider))
      return usage_error(o->command, "decide launch needs --product P and --provider X", NULL);
    if (use && (!o->licensee || !o->subject))
      return usage_error(o->command, "decide use needs --licensee L and --subject S", NULL);
    if (!o->has_on) return usage_error(o->command, "give the day: --on DATE", NULL);
  }
  return 0;
}

/* --batch: one answer line per query line; false when any could not be answered. */
static bool decide_batch_lines(const Options *o, const PactDecider *d, FILE *queries) {
  size_t errors = 0;
  PactStatus done = pact_decide_batch(d, o->batch, queries, stdout, &errors);
  if (done != PACT_OK)
    fprintf(stderr, "pactum decide: %s\n",
            done == PACT_ERR_NOMEM ? "out of memory"
                                   : "could not read the queries or write the answers");
  if (errors)
    fprintf(stderr,
            "pactum decide: %zu of the queries in %s could not be answered (see their "
            "lines)\n",
            errors, o->batch);
  return done == PACT_OK && errors == 0;
}

/* decide launch or decide use: the one answer, as text or with --json as its document. */
static bool decide_one(const Options *o, const PactAgreement *ag, const PactDecider *d,
                       PactDiagnostics *diags, bool launch) {
  PactQuery q = {.kind = launch ? PACT_DECIDE_LAUNCH : PACT_DECIDE_USE, .on = o->on};
  if (launch) {
    q.product = o->product;
    q.provider = o->provider;
    q.tags = o->subject;
  } else {
    q.licensee = o->licensee;
    q.subject = o->subject;
  }
  PactAnswer *a = NULL;
  PactStatus status = pact_decide(d, &q, &a);
  bool ok = false;
  if (!a) {
    fprintf(stderr, "pactum decide: out of memory\n");
  } else if (status == PACT_ERR_RANGE) {
    not_in_force(o, ag, o->on, diags);
  } else if (status != PACT_OK) {
    const char *reason = pact_answer_reason(a);
    fputs("pactum decide: ", stderr);
    pact_write_text(stderr, reason, strlen(reason)); /* may quote the query: shown */
    fputc('\n', stderr);
  } else {
    status = pact_answer_write(d, &q, a, o->json ? PACT_FORM_JSON : PACT_FORM_TEXT, diags, stdout);
    if (status != PACT_OK)
      fprintf(stderr, "pactum decide: %s\n",
              status == PACT_ERR_NOMEM ? "out of memory" : "could not write the answer");
    ok = status == PACT_OK;
  }
  pact_answer_free(a);
  return ok;
}

int cmd_decide(const Options *o) {
  bool launch;
  int files;
  int status = decide_usage(o, &launch, &files);
  if (status) return status;
  FILE *queries = NULL;
  if (o->batch) {
    queries = strcmp(o->batch, "-") == 0 ? stdin : fopen(o->batch, "r");
    if (!queries) {
      fprintf(stderr, "pactum decide: cannot read %s\n", o->batch);
      return EXIT_INPUT;
    }
  }
  PactAgreement *ag = load(o, o->agreement, &status);
  if (!ag) {
    if (queries && queries != stdin) fclose(queries);
    return status;
  }
  PactSource source = {(const char *const *)o->paths + (o->path_count - files),
                       files,
                       o->ledger,
                       o->has_known_on,
                       o->known_on,
                       o->has_held_on,
                       o->held_on};
  PactDiagnostics *diags = diagnostics_new();
  PactFeed *feed = NULL;
  PactDecider *d = NULL;
  PactStatus read = diags ? pact_feed_open(&source, diags, &feed) : PACT_ERR_NOMEM;
  if (read == PACT_OK) read = pact_decider_build(ag, feed, diags, &d);
  bool ok = read == PACT_OK && pact_diagnostics_error_count(diags) == 0;
  /* A batch's lines are bare answers: its diagnostics go to stderr, --json or not. */
  if (o->json && !ok && diags) render_json_failure(ag, diags);
  if ((!o->json || queries) && diags) render(diags);
  if (read == PACT_ERR_NOMEM) fprintf(stderr, "pactum decide: out of memory\n");
  if (ok && queries) ok = decide_batch_lines(o, d, queries);
  else if (ok) ok = decide_one(o, ag, d, diags, launch);
  if (queries && queries != stdin) fclose(queries);
  pact_decider_free(d);
  pact_feed_close(feed);
  pact_diagnostics_free(diags);
  pact_agreement_free(ag);
  return ok ? 0 : EXIT_INPUT;
}

const Command command_decide = {
    "decide", cmd_decide,
    "decide launch EVENTS --product P --provider X --on DATE [--json]\n"
    "decide use EVENTS --licensee L --subject S --on DATE [--json]\n"
    "decide EVENTS --batch QUERIES.jsonl",
    "Whether a product may launch on a cloud provider on a day (the cloud clauses: "
    "exclusive, first refusal, primary or none, with their offers, answers, windows and "
    "silence), or whether a party may use a subject (the licence clauses and grants), with "
    "the clause and the version that decided it, the reason, the exception that applied, the "
    "day a pending offer must be answered by and the events relied on. --batch answers one "
    "JSON query per line with one JSON line each (docs/decide.md).\n\n" EVENTS_ABOUT,
    "pactum decide launch --agreement agreements/microsoft-openai \\\n"
    "    --events tests/decide/clouds.csv --product responses-api \\\n"
    "    --provider amazon --on 2025-12-01"};
