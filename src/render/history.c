/*
** history.c -- what each amendment changed: clauses added, changed (term by term) and removed;
** and the checker's summary of what each payment clause can ever pay.
*/
#include <string.h>

#include "base/jsonw.h"
#include "base/strmap.h"
#include "render/describe.h"
#include "terms/terms.h"

typedef struct Change {
  const Clause *before; /* NULL when added */
  const Clause *after;
} Change;

static const Clause *find_in(const Version *v, const StrMap *ids, Str id) {
  if (!v) return NULL;
  int32_t at = strmap_get(ids, id.ptr, id.len);
  return at >= 0 ? v->terms[at] : NULL;
}

static bool index_terms(const Version *v, StrMap *ids) {
  strmap_init(ids);
  for (uint32_t k = 0; v && k < v->term_count; k++)
    if (!strmap_put(ids, v->terms[k]->id.ptr, v->terms[k]->id.len, (int32_t)k)) return false;
  return true;
}

/* Two rows' values are the same terms when they differ only in DEFAULT_MARK. */
static bool same_value(const char *a, const char *b) {
  const char *ma = strstr(a, " " DEFAULT_MARK), *mb = strstr(b, " " DEFAULT_MARK);
  size_t na = ma ? (size_t)(ma - a) : strlen(a), nb = mb ? (size_t)(mb - b) : strlen(b);
  return na == nb && memcmp(a, b, na) == 0;
}

/* Calls visit for each row that differs between two clauses of the same id. */
typedef void (*DiffVisit)(void *ctx, const char *field, const char *before, const char *after);

/* Returns how many rows differ. */
static int diff_rows(const Agreement *ag, const Clause *a, const Clause *b, DiffVisit visit,
                     void *ctx) {
  int differ = 0;
  Row ra[ROWS_MAX], rb[ROWS_MAX]; /* on the stack: no state shared between calls */
  size_t na = clause_rows(ag, a, ra), nb = clause_rows(ag, b, rb);
  for (size_t j = 0; j < nb; j++) {
    /* A restated clause starts with its version unless it says otherwise: not a change. */
    if (!b->term.has_from && strcmp(rb[j].name, "start") == 0) continue;
    const char *before = NULL;
    for (size_t i = 0; i < na && !before; i++)
      if (strcmp(ra[i].name, rb[j].name) == 0) before = ra[i].value;
    if (!before || !same_value(before, rb[j].value)) {
      if (visit) visit(ctx, rb[j].name, before, rb[j].value);
      differ++;
    }
  }
  for (size_t i = 0; i < na; i++) {
    bool kept = false;
    for (size_t j = 0; j < nb && !kept; j++) kept = strcmp(ra[i].name, rb[j].name) == 0;
    if (!kept) {
      if (visit) visit(ctx, ra[i].name, ra[i].value, NULL);
      differ++;
    }
  }
  return differ;
}

bool terms_clause_restated(const Agreement *ag, const Clause *before, const Clause *after) {
  return before == after || (before->kind == after->kind && str_eq(before->id, after->id) &&
                             diff_rows(ag, before, after, NULL, NULL) == 0);
}

/* ---------------------------------------------------------------- for people */

static void print_diff_row(void *ctx, const char *field, const char *before, const char *after) {
  FILE *out = ctx;
  if (!before) fprintf(out, "      %-10s now %s\n", field, after);
  else if (!after) fprintf(out, "      %-10s no longer: %s\n", field, before);
  else fprintf(out, "      %-10s %s\n      %-10s -> %s\n", field, before, "", after);
}

static void print_says(FILE *out, Str says) { text_wrap(out, "      ", says, 88); }

static void history_text_version(const Agreement *ag, const Version *v, const Version *parent,
                                 const StrMap *parent_ids, FILE *out) {
  char day[11];
  pact_date_format(v->effective, day);
  fprintf(out, "\n%s  version %.*s", day, (int)v->name.len, v->name.ptr);
  if (v->title.len) fprintf(out, ": %.*s", (int)v->title.len, v->title.ptr);
  fputc('\n', out);
  if (v->source.certainty != CERT_NONE)
    fprintf(out, "  source: %s, %.*s\n", certainty_name(v->source.certainty),
            (int)v->source.text.len, v->source.text.ptr);
  for (uint32_t k = 0; k < v->own_count; k++) {
    const Clause *c = v->own[k];
    const Clause *before = find_in(parent, parent_ids, c->id);
    bool same = before && diff_rows(ag, before, c, NULL, NULL) == 0;
    fprintf(out, "  %s %s %.*s\n",
            same     ? "restated"
            : before ? "changed"
                     : "added  ",
            clause_kind_name(c->kind), (int)c->id.len, c->id.ptr);
    if (before && !same) diff_rows(ag, before, c, print_diff_row, out);
    else print_says(out, c->says);
  }
  for (uint32_t r = 0; r < v->removal_count; r++) {
    const Removal *rm = &v->removals[r];
    const Clause *before = find_in(parent, parent_ids, rm->clause.name);
    fprintf(out, "  removed %s %.*s\n", before ? clause_kind_name(before->kind) : "clause",
            (int)rm->clause.name.len, rm->clause.name.ptr);
    print_says(out, rm->why);
  }
}

/* ---------------------------------------------------------------- for scripts */

static void json_diff_row(void *ctx, const char *field, const char *before, const char *after) {
  JsonWriter *w = ctx;
  json_object_begin(w);
  json_key(w, "field");
  json_cstring(w, field);
  json_key(w, "before");
  json_cstring(w, before);
  json_key(w, "after");
  json_cstring(w, after);
  json_object_end(w);
}

static void history_json_version(const Agreement *ag, const Version *v, const Version *parent,
                                 const StrMap *parent_ids, JsonWriter *w) {
  char day[11];
  json_object_begin(w);
  json_key(w, "version");
  json_string(w, v->name.ptr, v->name.len);
  json_key(w, "title");
  json_string(w, v->title.ptr, v->title.len);
  json_key(w, "effective");
  pact_date_format(v->effective, day);
  json_cstring(w, day);
  json_key(w, "last_day");
  if (v->has_last_day) {
    pact_date_format(v->last_day, day);
    json_cstring(w, day);
  } else {
    json_null(w);
  }
  json_key(w, "amends");
  if (parent) json_string(w, parent->name.ptr, parent->name.len);
  else json_null(w);
  json_key(w, "changes");
  json_array_begin(w);
  for (uint32_t k = 0; k < v->own_count; k++) {
    const Clause *c = v->own[k];
    const Clause *before = find_in(parent, parent_ids, c->id);
    json_object_begin(w);
    json_key(w, "change");
    json_cstring(w, !before                                ? "added"
                    : diff_rows(ag, before, c, NULL, NULL) ? "changed"
                                                           : "restated");
    json_key(w, "id");
    json_string(w, c->id.ptr, c->id.len);
    json_key(w, "kind");
    json_cstring(w, clause_kind_json_name(c->kind));
    json_key(w, "fields");
    json_array_begin(w);
    if (before) diff_rows(ag, before, c, json_diff_row, w);
    json_array_end(w);
    json_object_end(w);
  }
  for (uint32_t r = 0; r < v->removal_count; r++) {
    const Removal *rm = &v->removals[r];
    json_object_begin(w);
    json_key(w, "change");
    json_cstring(w, "removed");
    json_key(w, "id");
    json_string(w, rm->clause.name.ptr, rm->clause.name.len);
    json_key(w, "why");
    json_string(w, rm->why.ptr, rm->why.len);
    json_object_end(w);
  }
  json_array_end(w);
  json_object_end(w);
}

PactStatus pact_history(const PactAgreement *ag, bool json, FILE *out) {
  if (ag->diags.errors || !ag->history_ok) return PACT_ERR_INVALID;
  JsonWriter w;
  json_init(&w, out);
  if (json) {
    json_report_begin(&w, out, ag);
    json_key(&w, "versions");
    json_array_begin(&w);
  } else {
    fprintf(out, "%.*s: what each version changed\n",
            (int)(ag->title.len ? ag->title.len : ag->id.len),
            ag->title.len ? ag->title.ptr : ag->id.ptr);
  }
  const Version *parent = NULL;
  StrMap ids;
  strmap_init(&ids);
  PactStatus status = PACT_OK;
  for (uint32_t h = 0; h < ag->history_count; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    if (json) history_json_version(ag, v, parent, &ids, &w);
    else history_text_version(ag, v, parent, &ids, out);
    strmap_free(&ids);
    if (!index_terms(v, &ids)) {
      status = PACT_ERR_NOMEM;
      break;
    }
    parent = v;
  }
  strmap_free(&ids);
  if (json) {
    json_array_end(&w);
    json_report_close(&w, ag, NULL);
  }
  return status;
}
