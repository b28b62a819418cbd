/*
** api_report.c -- pactum.h's report: the events settled, then the page (render/report_html.h).
*/
#include <string.h>

#include "api/api.h"
#include "render/report_html.h"
#include "render/svg.h"

void pact_write_html_text(FILE *out, const char *text, size_t len) { svg_text(out, text, len); }

/* E1130 when no version is in force on the day the terms are to be shown. */
static PactStatus in_force(const PactAgreement *ag, PactDate on, PactDiagnostics *d) {
  if (pact_agreement_version_on(ag, on)) return PACT_OK;
  char asked[11], first[11], help[64];
  pact_date_format(on, asked);
  pact_date_format(pact_agreement_first_day(ag), first);
  snprintf(help, sizeof help, "ask for a day on or after %s", first);
  pact_diagnostics_add(d, PACT_SEVERITY_ERROR, "E1130", ag->path, 0, help,
                       "no version of the agreement is in force on %s; its first version takes "
                       "effect on %s",
                       asked, first);
  return PACT_ERR_RANGE;
}

PactStatus pact_report_write(const PactAgreement *ag, PactFeed *feed,
                             const PactReportOptions *options, PactDiagnostics *d, FILE *out) {
  if (!ag || !feed || !d || !out || ag->diags.errors) return PACT_ERR_MISUSE;
  PactReportOptions none = {0};
  if (!options) options = &none;
  if (options->section_count && !options->sections) return PACT_ERR_MISUSE;
  PactDate on = options->has_on ? options->on : pact_date_today();
  PactStatus status = in_force(ag, on, d);
  if (status != PACT_OK) return status;
  size_t errors = pact_diagnostics_error_count(d);
  PactSettlement *p = NULL;
  status = pact_settle(ag, feed, NULL, d, &p);
  if (status == PACT_OK && pact_diagnostics_error_count(d) > errors) status = PACT_ERR_INVALID;
  if (status == PACT_OK) {
    ReportRequest request = {
        p->s, feed->feed, on, options->sources, options->sections, options->section_count};
    status = report_html_write(&request, &d->list, out);
  }
  pact_settlement_free(p);
  if (status == PACT_OK && ferror(out)) status = PACT_ERR_IO;
  return status;
}
