/*
** cmd_compare.c -- pactum compare: the same events settled under two sides of an agreement (as
** it is, as if a version had stayed in force, or with a proposed amendment file), side by side
** with their difference, per payer and payee, per year and in total, per clause, and where each
** cap binds on each side (docs/compare.md).
*/
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* What one comparison holds open. */
typedef struct Compared {
  PactAgreement *a, *b;
  PactFeed *feed;
  PactComparison *c;
  PactDiagnostics *diags;
} Compared;

static int compared_close(Compared *x, int status) {
  pact_comparison_free(x->c);
  pact_feed_close(x->feed);
  pact_diagnostics_free(x->diags);
  pact_agreement_free(x->a);
  pact_agreement_free(x->b);
  return status;
}

/* Reads the events once for both sides and writes the comparison (charts when svg); the exit
** status. */
static int compare_run(const Options *o, Compared *x, bool svg) {
  bool shown = false;
  PactSettleOptions options = {o->has_from, o->has_through,
                               o->from,     o->through,
                               false,       0,
                               NULL,        isatty(STDERR_FILENO) ? events_progress : NULL,
                               &shown};
  PactSource source = events_source(o);
  bool ok = pact_feed_open(&source, x->diags, &x->feed) == PACT_OK &&
            pact_compare(x->a, x->b, x->feed, &options, x->diags, &x->c) == PACT_OK &&
            pact_diagnostics_error_count(x->diags) == 0;
  if (shown) fputs("\r\033[K", stderr);
  render_or_hold(o, x->diags);
  if (ok && svg) {
    ok = pact_comparison_svg_write(x->c, x->diags, stdout) == PACT_OK;
    render(x->diags);
  } else if (ok) {
    ok = pact_comparison_write(x->c, o->json ? PACT_FORM_JSON : PACT_FORM_TEXT, x->diags, stdout) ==
         PACT_OK;
  } else if (o->json) {
    render_json_failure(x->a, x->diags);
  }
  return ok ? 0 : EXIT_INPUT;
}

static int cmd_compare(const Options *given) {
  int usage = events_usage(given, 0);
  if (usage) return usage;
  Options copy = *given; /* --format json holds the diagnostics for the document, as --json */
  const Options *o = &copy;
  bool svg;
  if ((usage = format_text_json_svg(given, &copy.json, &svg))) return usage;
  if (!o->side_a || !o->side_b)
    return usage_error(o->command,
                       "name both sides: --a SIDE --b SIDE (actual, a version, or an "
                       "amendment file)",
                       NULL);
  Compared x = {0};
  int status = 0;
  if (!(x.a = load_side(o, o->agreement, "--a", o->side_a, &status))) return status;
  if (!(x.b = load_side(o, o->agreement, "--b", o->side_b, &status)))
    return compared_close(&x, status);
  if (!(x.diags = diagnostics_new())) return compared_close(&x, EXIT_INPUT);
  return compared_close(&x, compare_run(o, &x, svg));
}

const Command command_compare = {
    "compare", cmd_compare,
    "compare EVENTS --a SIDE --b SIDE [--from DATE] [--through DATE]\n"
    "               [--format text|json|svg] [--json]",
    "The same events settled under two sides of the agreement, read once: what each payer "
    "owes each payee on side a and side b, in total and year by year (a year counts what "
    "periods ending in it owe), the difference a - b, what each payment clause owes on each "
    "side, and where each cap binds on each side. A side is actual (the agreement as it is), "
    "a version's name (as if that version had stayed in force: no later amendment applies) "
    "or the path of a proposed amendment: a .pact file holding one version block that amends "
    "the latest version (docs/compare.md). --format svg draws it: for each payer and payee, a "
    "bar for each side in each year; for each capped clause, what is owed under it on each side "
    "against its cap, the period it binds on each side marked.\n\n" EVENTS_ABOUT,
    "pactum compare --agreement agreements/microsoft-openai \\\n"
    "    --events examples/microsoft-openai/events.csv --a 2025-10-28 --b actual"};
