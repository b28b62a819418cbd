/*
** api_pacttest_write.c -- what `pactum test` prints of a run: each failed expectation as a diff
** ("- expected", "+ actual") under its test's name and file:line, a line per file that ran
** clean, and last "N passed, N failed"; or one JSON document with every outcome and the
** diagnostics of the test files.
*/
#include <string.h>

#include "api/api.h"
#include "base/jsonw.h"
#include "render/describe.h"

static void write_text(const PactTestRun *run, FILE *out) {
  PactTestOutcome o;
  const char *test = NULL;
  for (size_t i = 0; pact_test_outcome(run, i, &o); i++) {
    if (o.passed) continue;
    if (!test || strcmp(test, o.test) != 0 || !o.line) {
      fputs("\nFAIL ", out);
      pact_write_text(out, o.file, strlen(o.file));
      if (*o.test) {
        fputs(": ", out);
        pact_write_text(out, o.test, strlen(o.test));
      }
      fputc('\n', out);
    }
    test = o.test;
    if (o.line) {
      fputs("  ", out);
      pact_write_text(out, o.file, strlen(o.file));
      fprintf(out, ":%u\n", o.line);
    }
    fputs("  - ", out);
    pact_write_text(out, o.expected, strlen(o.expected));
    fputs("\n  + ", out);
    pact_write_text(out, o.actual, strlen(o.actual));
    fputc('\n', out);
  }
  if (pact_test_failed(run)) fputc('\n', out);
  fprintf(out, "%zu passed, %zu failed\n", pact_test_passed(run), pact_test_failed(run));
}

static void write_json(const PactTestRun *run, FILE *out) {
  JsonWriter w;
  json_report_begin(&w, out, NULL);
  json_key(&w, "passed");
  json_int(&w, (int64_t)pact_test_passed(run));
  json_key(&w, "failed");
  json_int(&w, (int64_t)pact_test_failed(run));
  json_key(&w, "outcomes");
  json_array_begin(&w);
  PactTestOutcome o;
  for (size_t i = 0; pact_test_outcome(run, i, &o); i++) {
    json_object_begin(&w);
    json_key(&w, "file");
    json_cstring(&w, o.file);
    json_key(&w, "line");
    json_int(&w, o.line);
    json_key(&w, "test");
    json_cstring(&w, o.test);
    json_key(&w, "passed");
    json_bool(&w, o.passed);
    json_key(&w, "expected");
    json_cstring(&w, o.expected);
    json_key(&w, "actual");
    json_cstring(&w, o.actual);
    json_object_end(&w);
  }
  json_array_end(&w);
  json_report_close(&w, NULL, api_clist(pact_test_diagnostics(run)));
}

PactStatus pact_test_write(const PactTestRun *run, PactForm form, FILE *out) {
  if (form == PACT_FORM_JSON) write_json(run, out);
  else write_text(run, out);
  return ferror(out) ? PACT_ERR_IO : PACT_OK;
}
