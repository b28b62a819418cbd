/*
** side.c -- see side.h: the two steps of checking an agreement on a side other than its own,
** made on the versions as read (never on their text).
*/
#include "terms/side.h"

#include <string.h>

#include "base/invariant.h"

/* ---------------------------------------------------------------- a proposed amendment */

/* The version of the agreement as it is that the amendment must amend (not one of its own). */
static int32_t latest_version(const Agreement *ag, const Source *file) {
  for (uint32_t i = 0; i < ag->version_count; i++) {
    const Version *v = &ag->versions[i];
    if (v->name_span.source != file && str_eq_cstr(v->name, ag->side_latest)) return (int32_t)i;
  }
  return -1;
}

void side_check_amendment(Checker *ck) {
  Agreement *ag = ck->agreement;
  if (NEVER(ag->source_count == 0)) return;
  const Source *file = &ag->sources[ag->source_count - 1];
  Version *proposed = NULL;
  for (uint32_t i = 0; i < ag->version_count; i++) {
    Version *v = &ag->versions[i];
    if (v->name_span.source != file) continue;
    if (!proposed) {
      proposed = v;
      continue;
    }
    ck_report(ck, DIAG_ERROR, "E0606", v->name_span,
              "propose one amendment per file; compare the others one at a time",
              "a proposed amendment holds one version block, and '%.*s' is a second",
              (int)v->name.len, v->name.ptr);
  }
  char help[160];
  snprintf(help, sizeof help, "write: amends %s", ag->side_latest);
  if (!proposed) {
    diag_add_path(ck->diags, DIAG_ERROR, "E0606", file->path, help,
                  "the proposed amendment holds no version block");
    return;
  }
  if (!proposed->has_amends) {
    ck_report(ck, DIAG_ERROR, "E0605", proposed->name_span, help,
              "a proposed amendment amends the latest version, '%s', and '%.*s' amends nothing",
              ag->side_latest, (int)proposed->name.len, proposed->name.ptr);
  } else if (proposed->amends.name.len && !str_eq_cstr(proposed->amends.name, ag->side_latest)) {
    ck_report(ck, DIAG_ERROR, "E0605", proposed->amends.span, help,
              "a proposed amendment amends the latest version, '%s', not '%.*s'", ag->side_latest,
              (int)proposed->amends.name.len, proposed->amends.name.ptr);
  } else {
    return;
  }
  /* Reported: the history is read as if it were right, so that nothing else says it again. */
  int32_t latest = latest_version(ag, file);
  if (latest < 0) return;
  proposed->has_amends = true;
  proposed->amends.index = latest;
}

/* ---------------------------------------------------------------- as if a version stayed */

/* Moves the versions kept (kept[i] >= 0) to the front in their order, numbering them anew in
** kept[], and points every index into the versions at the new numbers. */
static void renumber(Agreement *ag, int32_t *kept) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < ag->version_count; i++) {
    if (kept[i] < 0) continue;
    kept[i] = (int32_t)n;
    if (n != i) ag->versions[n] = ag->versions[i];
    n++;
  }
  ag->clause_count = 0;
  for (uint32_t i = 0; i < n; i++) {
    Version *v = &ag->versions[i];
    if (v->amends.index >= 0) v->amends.index = kept[v->amends.index];
    v->next = v->next >= 0 ? kept[v->next] : -1;
    for (uint32_t k = 0; k < v->own_count; k++) v->own[k]->version = i;
    ag->clause_count += v->own_count;
  }
  for (uint32_t h = 0; h < ag->history_count; h++) ag->history[h] = (uint32_t)kept[ag->history[h]];
  ag->version_count = n;
}

bool side_truncate(Checker *ck) {
  Agreement *ag = ck->agreement;
  if (!ag->history_ok) return true; /* the history's errors are reported */
  uint32_t keep = 0;
  for (uint32_t h = 0; h < ag->history_count && !keep; h++)
    if (str_eq_cstr(ag->versions[ag->history[h]].name, ag->side_version)) keep = h + 1;
  if (!keep) {
    diag_add_path(ck->diags, DIAG_ERROR, "E0605", ag->path, "name a version of the agreement",
                  "no version '%s' in the agreement's history", ag->side_version);
    return true;
  }
  int32_t *kept = arena_alloc(ck->arena, (ag->version_count + 1) * sizeof *kept);
  if (!kept) return false;
  for (uint32_t i = 0; i < ag->version_count; i++) kept[i] = -1;
  for (uint32_t h = 0; h < keep; h++) kept[ag->history[h]] = 0;
  ag->history_count = keep;
  renumber(ag, kept);
  /* The version kept runs on: no later version gives it a last day. */
  Version *last = &ag->versions[ag->history[keep - 1]];
  last->next = -1;
  last->has_last_day = false;
  return true;
}
