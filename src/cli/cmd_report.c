/*
** cmd_report.c -- pactum report: the agreement, its terms on a day, its settlement over the
** events, the charts and every obligation explained, as one HTML page (pact_report_write),
** written whole to its file (a temporary beside it, then renamed) or to standard output.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Where the events come from, for the page's heading: the files, or the ledger. */
static void sources_text(const Options *o, char *buf, size_t size) {
  size_t n = 0;
  buf[0] = '\0';
  if (o->ledger) {
    snprintf(buf, size, "the ledger %s", o->ledger);
    return;
  }
  for (int i = 0; i < o->path_count && n < size; i++)
    n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "", o->paths[i]);
}

/* E1401: the page cannot be written where -o says; nothing is left there. */
static int cannot_write(const char *path, int error) {
  PactDiagnostics *diags = diagnostics_new();
  if (!diags) return EXIT_INPUT;
  pact_diagnostics_add(diags, PACT_SEVERITY_ERROR, "E1401", path, 0,
                       "write the report into a folder that exists and that you may write to",
                       "the report cannot be written: %s", strerror(error));
  render(diags);
  pact_diagnostics_free(diags);
  return EXIT_INPUT;
}

/* The output: standard output for "-", else a temporary file beside the report (*temp, to be
** renamed or removed). NULL (said) when it cannot be made. */
static FILE *output_open(const char *path, char **temp) {
  *temp = NULL;
  if (strcmp(path, "-") == 0) return stdout;
  size_t n = strlen(path) + 16;
  if (!(*temp = malloc(n))) return NULL;
  snprintf(*temp, n, "%s.tmp-XXXXXX", path);
  int fd = mkstemp(*temp);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) {
    cannot_write(path, errno);
    if (fd >= 0) {
      close(fd);
      unlink(*temp);
    }
    free(*temp);
    *temp = NULL;
    return NULL;
  }
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask); /* a page to share, as any file the user makes */
  return f;
}

/* Puts the written page in place (or, when ok is false, removes it); the exit status. */
static int output_close(const char *path, FILE *f, char *temp, bool ok) {
  if (!temp) return ok ? 0 : EXIT_INPUT;
  int error = 0;
  if (ok && (fflush(f) != 0 || fsync(fileno(f)) != 0)) error = errno;
  if (fclose(f) != 0 && ok && !error) error = errno;
  if (ok && !error && rename(temp, path) != 0) error = errno;
  if (!ok || error) unlink(temp);
  free(temp);
  if (error) return cannot_write(path, error);
  return ok ? 0 : EXIT_INPUT;
}

static int report_run(const Options *o, PactAgreement *ag, PactDiagnostics *diags) {
  PactDate on = o->has_on ? o->on : pact_date_today();
  if (!pact_agreement_version_on(ag, on)) {
    not_in_force(o, ag, on, NULL);
    return EXIT_INPUT;
  }
  PactSource source = {(const char *const *)o->paths,
                       o->path_count,
                       o->ledger,
                       o->has_known_on,
                       o->known_on,
                       o->has_held_on,
                       o->held_on};
  PactFeed *feed = NULL;
  if (pact_feed_open(&source, diags, &feed) != PACT_OK) {
    render(diags);
    return EXIT_INPUT;
  }
  char *temp;
  FILE *out = output_open(o->output, &temp);
  int status = EXIT_INPUT;
  if (out) {
    char sources[1024];
    sources_text(o, sources, sizeof sources);
    PactReportOptions options = {true, on, sources, NULL, 0};
    PactStatus written = pact_report_write(ag, feed, &options, diags, out);
    if (written == PACT_ERR_NOMEM) fprintf(stderr, "pactum report: out of memory\n");
    status = output_close(o->output, out, temp, written == PACT_OK);
  }
  render(diags);
  pact_feed_close(feed);
  return status;
}

static int cmd_report(const Options *o) {
  int usage = events_usage(o, 0);
  if (usage) return usage;
  if (!o->output)
    return usage_error(o->command,
                       "say where to write the page: -o report.html (- for standard "
                       "output)",
                       NULL);
  int status = 0;
  PactAgreement *ag = load(o, o->agreement, &status);
  if (!ag) return status;
  PactDiagnostics *diags = diagnostics_new();
  status = diags ? report_run(o, ag, diags) : EXIT_INPUT;
  pact_diagnostics_free(diags);
  pact_agreement_free(ag);
  return status;
}

const Command command_report = {
    "report", cmd_report, "report EVENTS [--on DATE] -o FILE",
    "One HTML page for people who read rather than type: the agreement's title, the terms in "
    "force on the day (what pactum show says) and the history of its versions, the settlement "
    "by year and every obligation, the charts (settle --format svg), why each obligation is "
    "what it is (what pactum explain says; click one to open it), and the diagnostics. It "
    "needs no network and runs no script. The page is written whole or not at all; -o - "
    "writes it to standard output (docs/report.md).\n\n" EVENTS_ABOUT,
    "pactum report --agreement agreements/microsoft-openai \\\n"
    "    --events examples/microsoft-openai/events.csv -o report.html"};
