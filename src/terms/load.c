/*
** load.c -- reading an agreement from disk (a folder of .pact files, or one file) or from
** memory, and the public functions that hand out its diagnostics.
*/
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/limits.h"
#include "base/mem.h"
#include "lang/file.h"
#include "terms/check.h"
#include "terms/side.h"
#include "terms/terms.h"

static PactAgreement *agreement_new(const char *path) {
  PactAgreement *ag = mem_calloc(1, sizeof *ag);
  if (!ag) return NULL;
  arena_init(&ag->arena);
  diag_list_init(&ag->diags);
  ag->path = arena_strndup(&ag->arena, path, strlen(path));
  if (!ag->path) {
    free(ag);
    return NULL;
  }
  return ag;
}

void pact_agreement_free(PactAgreement *ag) {
  if (!ag) return;
  for (uint32_t i = 0; i < ag->source_count; i++) source_free(&ag->sources[i]);
  free(ag->sources);
  diag_list_free(&ag->diags);
  arena_free(&ag->arena);
  free(ag);
}

static bool add_source(PactAgreement *ag, const char *path, const char *text, size_t len) {
  Source *sources = mem_realloc(ag->sources, (ag->source_count + 1) * sizeof *sources);
  if (!sources) return false;
  ag->sources = sources;
  if (!source_init(&sources[ag->source_count], path, text, len, ag->source_count)) return false;
  ag->source_count++;
  return true;
}

static bool add_file(PactAgreement *ag, const char *path) {
  char *text;
  size_t len;
  PactStatus status = read_file_text(path, &text, &len, &ag->diags);
  if (status != PACT_OK) return status != PACT_ERR_NOMEM; /* an unreadable file is reported */
  bool ok = add_source(ag, path, text, len);
  free(text);
  return ok;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *name, const char *suffix) {
  size_t n = strlen(name), s = strlen(suffix);
  return n > s && strcmp(name + n - s, suffix) == 0;
}

/* Every .pact file of a folder, in name order, so that reports come out the same every run. */
static bool add_folder(PactAgreement *ag, const char *path) {
  DIR *dir = opendir(path);
  if (!dir) {
    diag_add_path(&ag->diags, DIAG_ERROR, "E0001", path, "check the path", "cannot read: %s",
                  strerror(errno));
    return true;
  }
  char **names = NULL;
  size_t count = 0;
  bool ok = true;
  struct dirent *entry;
  while (ok && (entry = readdir(dir)) != NULL) {
    if (entry->d_name[0] == '.' || !has_suffix(entry->d_name, ".pact")) continue;
    if (count >= PACT_FILES_MAX) break;
    char **more = mem_realloc(names, (count + 1) * sizeof *names);
    ok = more != NULL;
    if (ok) {
      names = more;
      names[count] = mem_strdup(entry->d_name);
      ok = names[count++] != NULL;
    }
  }
  closedir(dir);
  if (ok && count) qsort(names, count, sizeof *names, compare_names);
  for (size_t i = 0; ok && i < count; i++) {
    size_t n = strlen(path) + strlen(names[i]) + 2;
    char *full = mem_malloc(n);
    ok = full != NULL;
    if (ok) {
      snprintf(full, n, "%s%s%s", path, has_suffix(path, "/") ? "" : "/", names[i]);
      ok = add_file(ag, full);
      free(full);
    }
  }
  for (size_t i = 0; i < count; i++) free(names[i]);
  free(names);
  if (ok && !count)
    diag_add_path(&ag->diags, DIAG_ERROR, "E0002", path, "an agreement folder holds .pact files",
                  "no .pact files in this folder");
  return ok;
}

/* The side's texts, kept with the agreement, and its label for people, whole however long. */
static bool set_side(PactAgreement *ag, const SideSpec *side) {
  Arena *a = &ag->arena;
  ag->side = side->kind;
  const char *before = "actual", *word = "", *after = "";
  if (side->kind == SIDE_AS_IF) {
    before = "as if ";
    word = ag->side_version = arena_strndup(a, side->version, strlen(side->version));
    after = " had stayed in force";
  } else if (side->kind == SIDE_PROPOSED) {
    before = "proposed: ";
    ag->side_latest = arena_strndup(a, side->latest, strlen(side->latest));
    word = ag->side_latest ? side->file : NULL;
  }
  if (!word) return false;
  size_t len = strlen(before) + strlen(word) + strlen(after);
  char *label = arena_alloc(a, len + 1);
  if (!label) return false;
  snprintf(label, len + 1, "%s%s%s", before, word, after);
  ag->side_label = label;
  return true;
}

PactStatus side_load(const char *path, const SideSpec *side, PactAgreement **out) {
  *out = NULL;
  PactAgreement *ag = agreement_new(path);
  if (!ag) return PACT_ERR_NOMEM;
  struct stat st;
  bool ok = set_side(ag, side);
  if (ok && stat(path, &st) != 0)
    diag_add_path(&ag->diags, DIAG_ERROR, "E0001", path,
                  "give an agreement's folder or a .pact file", "cannot read: %s", strerror(errno));
  else if (ok) ok = S_ISDIR(st.st_mode) ? add_folder(ag, path) : add_file(ag, path);
  /* The amendment is the last source: its version block is told apart by that. */
  if (ok && side->kind == SIDE_PROPOSED && !ag->diags.errors) ok = add_file(ag, side->file);
  if (ok && !ag->diags.errors) ok = check_agreement(ag);
  if (ok && !ag->diags.errors) ok = terms_name_texts(ag);
  if (!ok || ag->diags.lost) { /* a diagnostic lost for want of memory: no answer without it */
    pact_agreement_free(ag);
    return PACT_ERR_NOMEM;
  }
  *out = ag;
  return PACT_OK;
}

PactStatus pact_agreement_load(const char *path, PactAgreement **out) {
  const SideSpec actual = {SIDE_ACTUAL, NULL, NULL, NULL};
  return side_load(path, &actual, out);
}

PactStatus pact_agreement_load_text(const char *name, const char *text, size_t len,
                                    PactAgreement **out) {
  *out = NULL;
  PactAgreement *ag = agreement_new(name);
  if (!ag) return PACT_ERR_NOMEM;
  if (len > PACT_FILE_BYTES_MAX) {
    diag_add_path(&ag->diags, DIAG_ERROR, "E0003", ag->path,
                  "agreement files are text; check that this is the right input",
                  "text is larger than %u MiB", PACT_FILE_BYTES_MAX >> 20);
    *out = ag;
    return PACT_OK;
  }
  const SideSpec actual = {SIDE_ACTUAL, NULL, NULL, NULL};
  if (!set_side(ag, &actual) || !add_source(ag, name, text, len) || !check_agreement(ag) ||
      (!ag->diags.errors && !terms_name_texts(ag)) || ag->diags.lost) {
    pact_agreement_free(ag);
    return PACT_ERR_NOMEM;
  }
  *out = ag;
  return PACT_OK;
}

size_t pact_agreement_error_count(const PactAgreement *ag) { return ag->diags.errors; }
size_t pact_agreement_warning_count(const PactAgreement *ag) { return ag->diags.warnings; }

void pact_agreement_print_diagnostics(const PactAgreement *ag, FILE *out, bool color) {
  diag_render_all(out, &ag->diags, color);
}
