/*
** report_html.h -- a settled agreement as one self-contained HTML page: the terms in force on a
** day, the history of versions, the settlement by year and every obligation, the charts, each
** obligation explained in a <details>, sections a caller adds, and the diagnostics. No script,
** no network; every text from the agreement or the events escaped (svg_text).
*/
#ifndef PACT_REPORT_HTML_H
#define PACT_REPORT_HTML_H

#include <stdio.h>

#include "engine/settle.h"
#include "feed/feed.h"

typedef struct ReportRequest {
  const Settlement *settlement; /* finished, without an error */
  Feed *feed;                   /* the events it settled, read again for the explanations */
  PactDate on;                  /* the day whose terms are shown: a version is in force then */
  const char *sources;          /* where the events come from, or NULL */
  const PactReportSection *sections;
  size_t section_count;
} ReportRequest;

/* PACT_ERR_NOMEM; PACT_ERR_MISUSE for a settlement not finished; a section's own status. */
PactStatus report_html_write(const ReportRequest *request, DiagList *diags, FILE *out);

#endif
