/*
** diagnostics.c -- pactum.h's diagnostics over the library's lists (base/diag.h), and the
** writers of outside text.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/mem.h"
#include "base/suggest.h"
#include "render/describe.h"
#include "terms/terms.h"

PactStatus pact_diagnostics_new(PactDiagnostics **out) {
  *out = mem_calloc(1, sizeof **out);
  if (!*out) return PACT_ERR_NOMEM;
  diag_list_init(&(*out)->list);
  return PACT_OK;
}

void pact_diagnostics_free(PactDiagnostics *d) {
  if (!d) return;
  diag_list_free(&d->list);
  free(d);
}

void pact_diagnostics_clear(PactDiagnostics *d) {
  diag_list_free(&d->list);
  diag_list_init(&d->list);
}

size_t pact_diagnostics_count(const PactDiagnostics *d) { return d->list.count; }
size_t pact_diagnostics_error_count(const PactDiagnostics *d) { return d->list.errors; }
size_t pact_diagnostics_warning_count(const PactDiagnostics *d) { return d->list.warnings; }
size_t pact_diagnostics_lost_count(const PactDiagnostics *d) { return d->list.lost; }

bool pact_diagnostics_get(const PactDiagnostics *d, size_t index, PactDiagnostic *out) {
  if (index >= d->list.count) return false;
  const Diag *diag = &d->list.items[index];
  uint32_t line = 0, column = 0;
  if (diag->source) source_locate(diag->source, diag->offset, &line, &column);
  else line = diag->line;
  *out = (PactDiagnostic){(PactSeverity)diag->severity,
                          diag->code,
                          diag->source ? diag->source->path : diag->path,
                          line,
                          column,
                          diag->message ? diag->message : "(out of memory)",
                          diag->help};
  return true;
}

void pact_diagnostics_add(PactDiagnostics *d, PactSeverity severity, const char *code,
                          const char *path, uint32_t line, const char *help, const char *format,
                          ...) {
  va_list args;
  va_start(args, format);
  char small[512], *text = small;
  int n = vsnprintf(small, sizeof small, format, args);
  va_end(args);
  if (n >= (int)sizeof small && (text = mem_malloc((size_t)n + 1)) != NULL) {
    va_start(args, format);
    vsnprintf(text, (size_t)n + 1, format, args);
    va_end(args);
  }
  DiagSeverity s = severity == PACT_SEVERITY_ERROR     ? DIAG_ERROR
                   : severity == PACT_SEVERITY_WARNING ? DIAG_WARNING
                                                       : DIAG_NOTE;
  if (path)
    diag_add_line(&d->list, s, code, path, line, help, "%s", text ? text : "(out of memory)");
  else diag_add_path(&d->list, s, code, NULL, help, "%s", text ? text : "(out of memory)");
  if (text != small) free(text);
}

void pact_diagnostics_move(PactDiagnostics *into, PactDiagnostics *from) {
  diag_list_move(&into->list, &from->list);
}

void pact_diagnostics_print(const PactDiagnostics *d, FILE *out, bool color) {
  diag_render_all(out, &d->list, color);
}

const PactDiagnostics *pact_agreement_diagnostics(const PactAgreement *agreement) {
  /* The list is the first and only member of a PactDiagnostics. */
  return (const PactDiagnostics *)(const void *)&agreement->diags;
}

size_t pact_diagnostics_lost_anywhere(void) { return diag_lost_anywhere(); }

const char *pact_suggest(const char *word, size_t len, const char *const *candidates,
                         size_t count) {
  return suggest_closest(word, len, candidates, count);
}

size_t pact_write_text(FILE *out, const char *text, size_t len) {
  return text_write(out, text, len);
}

void pact_write_text_padded(FILE *out, const char *text, size_t len, int width) {
  text_write_padded(out, text, len, width);
}

void pact_write_failure_json(FILE *out, const PactAgreement *agreement, const PactDiagnostics *d) {
  json_report_failure(out, agreement, api_clist(d));
}
