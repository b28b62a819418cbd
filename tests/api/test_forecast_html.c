/*
** test_forecast_html.c -- pact_forecast_html_write as a report section's writer would call it,
** through pactum.h alone: the toy agreement forecast on two sides (tests/forecast/toy.pact
** against the proposed 5% amendment) and on one; each body, wrapped in a <div>, is well-formed
** XML (xmllint), holds the hand-worked figures, and is the same bytes on a second run.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pactum.h"
#include "unit.h"

/* The section's body for the toy's forecast, side b NULL for one side (free it). */
static char *body(const char *side_b) {
  PactAgreement *a = NULL, *b = NULL;
  CHECK_EQ_INT(pact_agreement_load_side("tests/forecast/toy.pact", "actual", &a), PACT_OK);
  if (side_b)
    CHECK_EQ_INT(pact_agreement_load_side("tests/forecast/toy.pact", side_b, &b), PACT_OK);
  PactDiagnostics *d = NULL;
  CHECK_EQ_INT(pact_diagnostics_new(&d), PACT_OK);
  PactScenario *sc = NULL;
  CHECK_EQ_INT(pact_scenario_load(a, "tests/forecast/toy-scenario.pact", d, &sc), PACT_OK);
  const PactAgreement *ags[2] = {a, b};
  PactForecastOptions o = {0};
  o.sides = side_b != NULL;
  PactForecast *fc = NULL;
  CHECK_EQ_INT(pact_forecast(ags, side_b ? 2 : 1, sc, NULL, &o, d, &fc), PACT_OK);
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  fputs("<div>", out);
  CHECK_EQ_INT(pact_forecast_html_write(fc, out), PACT_OK);
  fputs("</div>\n", out);
  fclose(out);
  pact_forecast_free(fc);
  pact_diagnostics_free(d);
  pact_scenario_free(sc);
  pact_agreement_free(a);
  pact_agreement_free(b);
  return text;
}

/* Whether xmllint reads the text as well-formed XML. */
static bool well_formed(const char *text) {
  char path[] = "/tmp/pactum-forecast-html.XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return false;
  FILE *f = fdopen(fd, "w");
  fputs(text, f);
  fclose(f);
  char command[128];
  snprintf(command, sizeof command, "xmllint --noout '%s'", path);
  bool ok = system(command) == 0;
  unlink(path);
  return ok;
}

int main(void) {
  char *two = body("tests/forecast/toy-rate-5.pact"),
       *again = body("tests/forecast/toy-rate-5.pact");
  CHECK(well_formed(two));
  CHECK_EQ_STR(two, again);
  /* The toy by hand (docs/forecast.md): a 900.00, b 540.00, a - b 360.00 in all; side a's cap
  ** binds in 2027-Q4. Texts from outside are escaped: the arrow's > as &gt;. */
  CHECK(strstr(two,
               "<td>total</td><td>globex -&gt; acme</td><td class=\"num\">900.00</td>"
               "<td class=\"num\">540.00</td><td class=\"num\">360.00</td>") != NULL);
  CHECK(strstr(two, "side b: proposed: tests/forecast/toy-rate-5.pact") != NULL);
  CHECK(strstr(two, "<td>2027-Q4</td>") != NULL);
  CHECK(strstr(two, "<svg") != NULL);
  char *one = body(NULL);
  CHECK(well_formed(one));
  CHECK(strstr(one, "<td>2027</td><td>globex -&gt; acme</td><td class=\"num\">660.00</td>") !=
        NULL);
  free(two);
  free(again);
  free(one);
  CHECK_EQ_INT(pact_forecast_html_write(NULL, stdout), PACT_ERR_MISUSE);
  return check_summary();
}
