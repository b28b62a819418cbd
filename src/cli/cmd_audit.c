/*
** cmd_audit.c -- pactum audit: what is open on a day (answers, payments, commitments) and what
** the terms in force did not permit, and why.
*/
#include "cli.h"

static int cmd_audit(const Options *o) {
  int status = events_usage(o, 0);
  if (status) return status;
  PactAgreement *ag = load(o, o->agreement, &status);
  if (!ag) return status;
  PactDate on = o->has_on ? o->on : pact_date_today();
  if (!pact_agreement_version_on(ag, on)) {
    not_in_force(o, ag, on, NULL);
    pact_agreement_free(ag);
    return EXIT_INPUT;
  }
  PactSource source = events_source(o);
  PactDiagnostics *diags = diagnostics_new();
  PactFeed *feed = NULL;
  bool ok = diags && pact_feed_open(&source, diags, &feed) == PACT_OK &&
            pact_audit_write(ag, feed, on, o->json ? PACT_FORM_JSON : PACT_FORM_TEXT, diags,
                             stdout) == PACT_OK &&
            pact_diagnostics_error_count(diags) == 0;
  if (!ok && o->json && diags) render_json_failure(ag, diags);
  if (diags) render_or_hold(o, diags);
  pact_diagnostics_free(diags);
  pact_feed_close(feed);
  pact_agreement_free(ag);
  return ok ? 0 : EXIT_INPUT;
}

const Command command_audit = {
    "audit", cmd_audit, "audit EVENTS [--on DATE] [--json]",
    "What is open on a day and what was breached: the answers due on offers, the payments "
    "due, accruing and overdue, what is left of each commitment, and the launches, uses and "
    "grants the terms in force did not permit, each with its clause, its version and the "
    "events it rests on (docs/audit.md).\n\n" EVENTS_ABOUT,
    "pactum audit --agreement agreements/microsoft-openai \\\n"
    "    --events tests/audit/events.csv --on 2026-11-27"};
