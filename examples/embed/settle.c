/*
** settle.c -- a program that embeds libpactum: it settles an agreement over an event file and
** prints, per payer and payee, what is owed with and without the caps, and the quarter each cap
** first bound. It includes pactum.h and nothing else of pactum, and builds from an installed
** copy:
**
**   cc settle.c $(pkg-config --cflags --libs pactum) -o settle
**   ./settle agreements/microsoft-openai examples/microsoft-openai/events.csv
**
** Exit status: 0, 1 when the agreement or the events have errors (they are printed), 2 usage.
*/
#include <stdio.h>
#include <string.h>

#include <pactum.h>

/* An amount in the currency's own minor units (2 places for USD, 0 for JPY). */
static void print_money(const char *label, int64_t minor, const char *code) {
  PactCurrency currency;
  if (!pact_currency_find(code, strlen(code), &currency)) currency.minor_digits = 2;
  char amount[40];
  pact_money_format_grouped(minor, currency.minor_digits, amount, sizeof amount);
  printf("  %-22s %s %s\n", label, code, amount);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: settle AGREEMENT EVENTS.csv\n");
    return 2;
  }
  PactAgreement *agreement = NULL;
  if (pact_agreement_load(argv[1], &agreement) != PACT_OK) return 1;
  if (pact_agreement_error_count(agreement)) {
    pact_diagnostics_print(pact_agreement_diagnostics(agreement), stderr, false);
    pact_agreement_free(agreement);
    return 1;
  }
  PactDiagnostics *diagnostics = NULL;
  PactFeed *feed = NULL;
  PactSettlement *settlement = NULL;
  const char *files[] = {argv[2]};
  PactSource source = {files, 1, NULL, false, 0, false, 0};
  PactStatus status = pact_diagnostics_new(&diagnostics);
  if (status == PACT_OK) status = pact_feed_open(&source, diagnostics, &feed);
  if (status == PACT_OK) status = pact_settle(agreement, feed, NULL, diagnostics, &settlement);
  /* Warnings say what was counted with a word; an error means the figures are not whole. */
  if (diagnostics) pact_diagnostics_print(diagnostics, stderr, false);
  int exit_status = status != PACT_OK || pact_diagnostics_error_count(diagnostics) ? 1 : 0;
  const char *currency = pact_agreement_currency(agreement);
  PactSettleTotal total;
  for (size_t i = 0; exit_status == 0 && pact_settlement_total(settlement, i, &total); i++) {
    printf("%s pays %s\n", total.payer, total.payee);
    print_money("owed", total.amount_minor, currency);
    print_money("without the caps", total.uncapped_minor, currency);
    PactObligation o;
    for (size_t k = 0; pact_settlement_obligation(settlement, k, &o); k++) {
      if (!o.cap_binds || strcmp(o.payer, total.payer) || strcmp(o.payee, total.payee)) continue;
      printf("  %-22s %s (%s, version %s)\n", "the cap first bound in", o.period, o.clause,
             o.version);
      break;
    }
  }
  pact_settlement_free(settlement);
  pact_feed_close(feed);
  pact_diagnostics_free(diagnostics);
  pact_agreement_free(agreement);
  return exit_status;
}
