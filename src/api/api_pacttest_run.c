/*
** api_pacttest_run.c -- pactum.h's scenario tests: the paths given (files, and folders walked for
** their .pacttest files in name order), each file read, its agreement loaded once for every file
** that names the same path (and once for each side a test compares), each test run
** (api_pacttest_figures.c), and the outcomes kept for pact_test_write (api_pacttest_write.c).
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "api/api.h"
#include "api/pacttest_int.h"
#include "base/mem.h"
#include "lang/file.h"

/* An agreement loaded for the run, by the path it was loaded from and its side (NULL: actual). */
typedef struct Loaded {
  char *path, *side;
  PactAgreement *ag;
} Loaded;

struct PactTestRun {
  DiagList diags; /* first: handed out as a PactDiagnostics */
  Arena arena;
  TestFile **files;
  size_t file_count;
  Loaded *loaded;
  size_t loaded_count;
  TestOutcomes outcomes;
};

bool pacttest_outcome_add(TestOutcomes *o, const char *file, uint32_t line, const char *test,
                          bool passed, const char *expected, const char *actual) {
  PactTestOutcome *item = arena_push(o->arena, (void **)&o->items, o->count, sizeof *item);
  if (!item) return false;
  *item = (PactTestOutcome){file,
                            line,
                            test,
                            passed,
                            arena_strndup(o->arena, expected, strlen(expected)),
                            arena_strndup(o->arena, actual, strlen(actual))};
  if (!item->expected || !item->actual) return false;
  o->count++;
  if (passed) o->passed++;
  else o->failed++;
  return true;
}

char *pacttest_line_text(TestFile *file, const Expectation *e) {
  return arena_strndup(&file->arena, file->source.text + e->offset, e->length);
}

PactStatus pacttest_agreement(PactTestRun *run, const char *path, const char *side,
                              PactAgreement **out) {
  if (side && !strcmp(side, "actual")) side = NULL;
  for (size_t i = 0; i < run->loaded_count; i++) {
    const Loaded *l = &run->loaded[i];
    if (!strcmp(l->path, path) && (l->side ? side && !strcmp(l->side, side) : !side)) {
      *out = l->ag;
      return PACT_OK;
    }
  }
  Loaded *l = arena_push(&run->arena, (void **)&run->loaded, run->loaded_count, sizeof *l);
  if (!l || !(l->path = arena_strndup(&run->arena, path, strlen(path)))) return PACT_ERR_NOMEM;
  l->side = side ? arena_strndup(&run->arena, side, strlen(side)) : NULL;
  if (side && !l->side) return PACT_ERR_NOMEM;
  PactStatus status = pact_agreement_load_side(path, side, &l->ag);
  if (status != PACT_OK) return status;
  run->loaded_count++;
  *out = l->ag;
  return PACT_OK;
}

/* The folder of a file's path ("" for a name alone). */
static char *folder_of(Arena *arena, const char *path) {
  const char *slash = strrchr(path, '/');
  return arena_strndup(arena, path, slash ? (size_t)(slash - path) : 0);
}

/* A file that could not be run counts as one failure, with its errors in the diagnostics. */
static PactStatus not_run(PactTestRun *run, const char *path, const char *why) {
  return pacttest_outcome_add(&run->outcomes, path, 0, "", false, "the file runs", why)
             ? PACT_OK
             : PACT_ERR_NOMEM;
}

static PactStatus run_loaded(PactTestRun *run, TestFile *f, const char *path) {
  char *dir = folder_of(&run->arena, path);
  if (!dir) return PACT_ERR_NOMEM;
  char *rel = pacttest_cstr(f, f->agreement);
  size_t dlen = strlen(dir);
  char *where = rel ? arena_alloc(&run->arena, dlen + strlen(rel) + 2) : NULL;
  if (!where) return PACT_ERR_NOMEM;
  if (dlen && rel[0] != '/') sprintf(where, "%s/%s", dir, rel);
  else strcpy(where, rel);
  struct stat st;
  if (stat(where, &st) != 0) {
    diag_add(&run->diags, DIAG_ERROR, TEST_E_MISSING, &f->source, f->agreement.offset,
             f->agreement.length, "the path is read from the test file's folder",
             "no agreement at '%s'", where);
    return not_run(run, path, "not run: its agreement is not there");
  }
  PactAgreement *ag = NULL;
  PactStatus status = pacttest_agreement(run, where, NULL, &ag);
  for (size_t t = 0; t < f->test_count && status == PACT_OK; t++)
    status = pacttest_run_case(f, &f->tests[t], ag, run, where, dir, &run->diags, &run->outcomes);
  return status;
}

static PactStatus run_file(PactTestRun *run, const char *path) {
  TestFile **slot = arena_push(&run->arena, (void **)&run->files, run->file_count, sizeof *slot);
  if (!slot || !(*slot = mem_calloc(1, sizeof **slot))) return PACT_ERR_NOMEM;
  run->file_count++;
  TestFile *f = *slot;
  char *text = NULL;
  size_t len = 0;
  arena_init(&f->arena);
  PactStatus status = read_file_text(path, &text, &len, &run->diags);
  if (status == PACT_ERR_NOMEM) return status;
  if (status != PACT_OK) return not_run(run, path, "not run: unreadable");
  bool parsed = pacttest_parse(f, path, text, len, &run->diags);
  free(text);
  if (!parsed) return PACT_ERR_NOMEM;
  if (!f->ok) return not_run(run, path, "not run: the file has errors");
  return run_loaded(run, f, path);
}

static int name_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_test_file(const char *name) {
  size_t n = strlen(name);
  return n > 9 && !strcmp(name + n - 9, ".pacttest");
}

/* Every .pacttest file in the folder and below, in name order. */
static PactStatus run_folder(PactTestRun *run, const char *path, int depth) {
  DIR *d = opendir(path);
  if (!d) {
    diag_add_path(&run->diags, DIAG_ERROR, "E0001", path, "check the path",
                  "cannot read the folder");
    return not_run(run, path, "not run: unreadable");
  }
  char **names = NULL;
  size_t count = 0;
  PactStatus status = PACT_OK;
  for (struct dirent *e; (e = readdir(d)) != NULL && status == PACT_OK;) {
    if (e->d_name[0] == '.') continue;
    char **slot = arena_push(&run->arena, (void **)&names, count, sizeof *slot);
    char *full = arena_alloc(&run->arena, strlen(path) + strlen(e->d_name) + 2);
    if (!slot || !full) status = PACT_ERR_NOMEM;
    else sprintf(*slot = full, "%s/%s", path, e->d_name), count++;
  }
  closedir(d);
  if (names) qsort(names, count, sizeof *names, name_cmp);
  for (size_t i = 0; i < count && status == PACT_OK; i++) {
    struct stat st;
    if (stat(names[i], &st) != 0) continue;
    if (S_ISDIR(st.st_mode) && depth < 16) status = run_folder(run, names[i], depth + 1);
    else if (S_ISREG(st.st_mode) && is_test_file(names[i])) status = run_file(run, names[i]);
  }
  return status;
}

PactStatus pact_test_run(const char *const *paths, size_t count, PactTestRun **out) {
  PactTestRun *run = mem_calloc(1, sizeof *run);
  *out = NULL;
  if (!run) return PACT_ERR_NOMEM;
  diag_list_init(&run->diags);
  arena_init(&run->arena);
  run->outcomes.arena = &run->arena;
  PactStatus status = PACT_OK;
  for (size_t i = 0; i < count && status == PACT_OK; i++) {
    struct stat st;
    if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) status = run_folder(run, paths[i], 0);
    else status = run_file(run, paths[i]);
  }
  if (status == PACT_ERR_NOMEM) {
    pact_test_run_free(run);
    return status;
  }
  *out = run;
  return PACT_OK;
}

void pact_test_run_free(PactTestRun *run) {
  if (!run) return;
  diag_list_free(&run->diags);
  for (size_t i = 0; i < run->loaded_count; i++) pact_agreement_free(run->loaded[i].ag);
  for (size_t i = 0; i < run->file_count; i++) {
    if (!run->files[i]) continue;
    pacttest_file_free(run->files[i]);
    free(run->files[i]);
  }
  arena_free(&run->arena);
  free(run);
}

size_t pact_test_outcome_count(const PactTestRun *run) { return run->outcomes.count; }

bool pact_test_outcome(const PactTestRun *run, size_t index, PactTestOutcome *out) {
  if (index >= run->outcomes.count) return false;
  *out = run->outcomes.items[index];
  return true;
}

size_t pact_test_passed(const PactTestRun *run) { return run->outcomes.passed; }
size_t pact_test_failed(const PactTestRun *run) { return run->outcomes.failed; }

const PactDiagnostics *pact_test_diagnostics(const PactTestRun *run) {
  return (const PactDiagnostics *)&run->diags;
}

PactStatus pact_test_check_text(const char *name, const char *text, size_t len,
                                PactDiagnostics *diagnostics, size_t *tests, size_t *expectations) {
  TestFile f;
  DiagList found;
  diag_list_init(&found);
  bool parsed = pacttest_parse(&f, name, text, len, &found);
  bool ok = f.ok;
  if (tests) *tests = f.test_count;
  if (expectations) *expectations = f.expect_count;
  /* The diagnostics point into the file's text, which goes now: they are kept by line. */
  for (size_t i = 0; i < found.count; i++) {
    const Diag *d = &found.items[i];
    uint32_t line = 0, column = 0;
    if (d->source) source_locate(d->source, d->offset, &line, &column);
    diag_add_line(api_list(diagnostics), d->severity, d->code, name, line, d->help, "%s",
                  d->message);
  }
  diag_list_free(&found);
  pacttest_file_free(&f);
  if (!parsed) return PACT_ERR_NOMEM;
  return ok ? PACT_OK : PACT_ERR_INVALID;
}
