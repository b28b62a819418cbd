/*
** check.c -- turns syntax trees into an Agreement: the agreement block, versions, their
** history and terms, and the checks a careful reviewer would make across clauses.
*/
#include "terms/check.h"

#include <string.h>

#include "base/limits.h"
#include "base/strmap.h"
#include "terms/clause.h"
#include "terms/read.h"
#include "terms/scenario.h"
#include "terms/side.h"

typedef struct Loader {
  Agreement *ag;
  Checker ck; /* ck.tree changes as each file is read */
  SyntaxTree *trees;
  StrMap versions; /* version name -> index */
} Loader;

static void use_tree(Loader *ld, uint32_t index) { ld->ck.tree = &ld->trees[index]; }

/* ---------------------------------------------------------------- agreement block */

/* party -> 'party' ID STRING */
static void read_party_line(Loader *ld, Cursor *c) {
  Agreement *ag = ld->ag;
  Party party = {0};
  if (!read_word(c, "the party's id", &party.id, &party.span)) return;
  party.id = str_dup(&ld->ck, party.id.ptr, party.id.len); /* NUL-terminated for suggestions */
  if (!read_string(c, "the party's display name in quotes", &party.name) || !expect_end(c)) return;
  int32_t existing = strmap_get(&ld->ck.parties, party.id.ptr, party.id.len);
  if (existing >= 0) {
    ck_report(&ld->ck, DIAG_ERROR, "E0305", party.span, "give each party one line",
              "party '%.*s' is declared twice", (int)party.id.len, party.id.ptr);
    return;
  }
  Party *slot = arena_push(&ag->arena, (void **)&ag->parties, ag->party_count, sizeof *slot);
  if (!slot || !strmap_put(&ld->ck.parties, party.id.ptr, party.id.len, (int32_t)ag->party_count)) {
    ld->ck.out_of_memory = true;
    return;
  }
  *slot = party;
  ag->party_count++;
}

static void read_currency_line(Loader *ld, Cursor *c) {
  Str code;
  Span span;
  if (!read_word(c, "a currency code such as USD", &code, &span) || !expect_end(c)) return;
  if (pact_currency_find(code.ptr, code.len, &ld->ag->currency)) {
    ld->ag->has_currency = true;
    return;
  }
  char help[128] = "use an ISO 4217 code such as USD or EUR";
  currency_case_hint(code.ptr, code.len, help, sizeof help);
  ck_report(&ld->ck, DIAG_ERROR, "E0306", span, help, "unknown currency '%.*s'", (int)code.len,
            code.ptr);
}

static void read_agreement_block(Loader *ld, const Node *node) {
  Agreement *ag = ld->ag;
  Cursor c;
  cursor_init(&c, &ld->ck, node);
  if (ag->has_block) {
    ck_report(&ld->ck, DIAG_ERROR, "E0305", span_of(&ld->ck, &node->items[0]),
              "an agreement has one agreement block; put its versions in version blocks",
              "a second agreement block");
    return;
  }
  ag->has_block = true;
  if (!read_word(&c, "the agreement's id", &ag->id, &ag->id_span)) ag->id = (Str){"", 0};
  expect_end(&c);
  if (!node->has_block) return;
  bool currency_line = false; /* a currency line that failed is reported as itself */
  for (uint32_t i = 0; i < node->child_count; i++) {
    const Node *line = &node->children[i];
    if (line->kind != NODE_STMT || line->poisoned) continue;
    Cursor lc;
    cursor_init(&lc, &ld->ck, line);
    if (token_is(ld->ck.tree, &line->items[0], "party")) {
      read_party_line(ld, &lc);
    } else if (token_is(ld->ck.tree, &line->items[0], "currency")) {
      currency_line = true;
      read_currency_line(ld, &lc);
    } else if (token_is(ld->ck.tree, &line->items[0], "title")) {
      if (read_string(&lc, "the title in quotes", &ag->title)) expect_end(&lc);
    } else if (token_is(ld->ck.tree, &line->items[0], "says") ||
               token_is(ld->ck.tree, &line->items[0], "source")) {
      /* accepted for the reader; nothing to check beyond the line's form */
    } else {
      static const char *const words[] = {"title", "currency", "party", "says", "source"};
      Str w = str_of(&ld->ck, &line->items[0]);
      const char *guess = closest_name(w, words, 5);
      if (guess && strcmp(guess, "currency") == 0) currency_line = true; /* said once, here */
      char help[160];
      snprintf(help, sizeof help, "%s%s%sthe agreement block takes: title, currency, party",
               guess ? "did you mean '" : "", guess ? guess : "", guess ? "'? " : "");
      ck_report(&ld->ck, DIAG_ERROR, "E0204", span_of(&ld->ck, &line->items[0]), help,
                "unknown term '%.*s' in the agreement block", (int)w.len, w.ptr);
    }
  }
  if (!ag->has_currency && !currency_line)
    ck_report(&ld->ck, DIAG_ERROR, "E0208", ag->id_span, "add a line: currency USD",
              "the agreement has no currency");
}

/* ---------------------------------------------------------------- version blocks */

static bool push_clause(Loader *ld, Version *v, Clause *clause) {
  Clause **slot = arena_push(&ld->ag->arena, (void **)&v->own, v->own_count, sizeof *slot);
  if (!slot) return false;
  *slot = clause;
  v->own_count++;
  ld->ag->clause_count++;
  return true;
}

/* remove -> 'remove' CLAUSE [ STRING ] */
static void read_removal(Loader *ld, Version *v, Cursor *c) {
  Removal r = {.clause.index = -1, .span = span_of(&ld->ck, &c->node->items[0])};
  if (!read_word(c, "the clause that ends", &r.clause.name, &r.clause.span)) return;
  if (cursor_peek(c) && cursor_peek(c)->type == TOK_STRING) read_string(c, "why", &r.why);
  if (!expect_end(c)) return;
  Removal *slot = arena_push(&ld->ag->arena, (void **)&v->removals, v->removal_count, sizeof *slot);
  if (!slot) {
    ld->ck.out_of_memory = true;
    return;
  }
  *slot = r;
  v->removal_count++;
}

/* Returns the word it suggests, or NULL. */
static const char *report_unknown_version_line(Loader *ld, const Node *line) {
  static const char *const words[] = {"title",   "effective",  "amends",        "source",
                                      "says",    "remove",     "revenue-share", "cloud",
                                      "licence", "commitment", "equity",        "milestone"};
  Str w = str_of(&ld->ck, &line->items[0]);
  const char *guess = closest_name(w, words, sizeof words / sizeof *words);
  char help[256];
  snprintf(help, sizeof help,
           "%s%s%sa version takes: title, effective, amends, source, says, remove, and clauses "
           "(revenue-share, cloud, licence, commitment, equity, milestone)",
           guess ? "did you mean '" : "", guess ? guess : "", guess ? "'? " : "");
  ck_report(&ld->ck, DIAG_ERROR, "E0204", span_of(&ld->ck, &line->items[0]), help,
            "unknown term '%.*s' in a version", (int)w.len, w.ptr);
  return guess;
}

static void read_version_line(Loader *ld, Version *v, uint32_t index, const Node *line,
                              const Token **seen) {
  const SyntaxTree *tree = ld->ck.tree;
  const Token *kw = &line->items[0];
  ClauseKind kind;
  if (clause_kind_find(tree, kw, &kind)) {
    Clause *clause = clause_read(&ld->ck, line, kind, index);
    if (!clause || !push_clause(ld, v, clause)) ld->ck.out_of_memory = true;
    return;
  }
  static const char *const single[] = {"title", "effective", "amends", "source", "says"};
  int which = -1;
  for (int i = 0; i < 5; i++)
    if (token_is(tree, kw, single[i])) which = i;
  if (which < 0 && !token_is(tree, kw, "remove")) {
    const char *guess = report_unknown_version_line(ld, line);
    /* `efective 2024-01-01` is reported once, not again as a missing effective date. */
    if (guess && strcmp(guess, "effective") == 0) seen[5] = kw;
    return;
  }
  if (which >= 0 && seen[which]) {
    ck_report(&ld->ck, DIAG_ERROR, "E0207", span_of(&ld->ck, kw), "keep one",
              "'%s' is given twice in this version", single[which]);
    return;
  }
  if (which >= 0) seen[which] = kw;
  Cursor c;
  cursor_init(&c, &ld->ck, line);
  switch (which) {
    case 0:
      if (read_string(&c, "the title in quotes", &v->title)) expect_end(&c);
      break;
    case 1:
      v->has_effective =
          read_date(&c, "a date", &v->effective, &v->effective_span) && expect_end(&c);
      note_add(&ld->ck, &v->notes, "effective", c.cite);
      break;
    case 2:
      v->amends.index = -1;
      v->has_amends = true; /* even when unreadable: then it is reported, not taken as a gap */
      if (read_name(&c, "the version it amends", &v->amends.name, &v->amends.span)) expect_end(&c);
      break;
    case 3:
      if (read_source_line(&c, &v->source)) expect_end(&c);
      break;
    case 4:
      if (read_string(&c, "what the version does, in quotes", &v->says)) expect_end(&c);
      break;
    default: read_removal(ld, v, &c); break;
  }
}

/* version -> 'version' ( DATE | WORD ) '{' { version-line } '}' */
static void read_version_block(Loader *ld, const Node *node) {
  Agreement *ag = ld->ag;
  if (ag->version_count >= PACT_VERSIONS_MAX) return;
  Version *v = arena_push(&ag->arena, (void **)&ag->versions, ag->version_count, sizeof *v);
  if (!v) {
    ld->ck.out_of_memory = true;
    return;
  }
  uint32_t index = ag->version_count++;
  v->next = -1;
  v->amends.index = -1;
  const Token *name = node->item_count > 1 ? &node->items[1] : NULL;
  if (!name || (name->type != TOK_WORD && name->type != TOK_DATE)) {
    ck_report(&ld->ck, DIAG_ERROR, "E0205", span_of(&ld->ck, name ? name : &node->items[0]),
              "name the version by its date or a word: version 2026-04-27 {",
              "expected the version's name after 'version'");
    v->name = (Str){"", 0};
    v->name_span = span_of(&ld->ck, &node->items[0]);
  } else {
    v->name = str_of(&ld->ck, name);
    v->name = str_dup(&ld->ck, v->name.ptr, v->name.len);
    v->name_span = span_of(&ld->ck, name);
    if (node->item_count > 2)
      ck_report(&ld->ck, DIAG_ERROR, "E0209", span_of(&ld->ck, &node->items[2]),
                "write: version NAME {", "unexpected text after the version's name");
  }
  if (!node->has_block) {
    ck_report(&ld->ck, DIAG_ERROR, "E0212", span_of(&ld->ck, &node->items[0]),
              "open the version's block with '{' at the end of the line",
              "'version' needs a block");
    return;
  }
  const Token *seen[6] = {0}; /* the single lines; [5]: a misspelt effective line */
  for (uint32_t i = 0; i < node->child_count && !ld->ck.out_of_memory; i++) {
    const Node *line = &node->children[i];
    if (line->kind == NODE_STMT && !line->poisoned) read_version_line(ld, v, index, line, seen);
  }
  if (!v->has_effective && !seen[1] && !seen[5])
    ck_report(&ld->ck, DIAG_ERROR, "E0208", v->name_span,
              "add a line: effective YYYY-MM-DD (the first day it is in force)",
              "version '%.*s' has no effective date", (int)v->name.len, v->name.ptr);
}

static void read_top_level(Loader *ld, bool versions) {
  for (uint32_t f = 0; f < ld->ag->source_count; f++) {
    use_tree(ld, f);
    const Node *root = &ld->trees[f].root;
    for (uint32_t i = 0; i < root->child_count; i++) {
      const Node *node = &root->children[i];
      if (node->kind != NODE_STMT || node->poisoned) continue;
      const Token *kw = &node->items[0];
      if (token_is(ld->ck.tree, kw, "agreement")) {
        if (!versions) read_agreement_block(ld, node);
      } else if (token_is(ld->ck.tree, kw, "version")) {
        if (versions) read_version_block(ld, node);
      } else if (token_is(ld->ck.tree, kw, "scenario")) {
        /* read once the terms are known (read_scenarios) */
      } else if (!versions) {
        static const char *const words[] = {"agreement", "version", "scenario"};
        Str w = str_of(&ld->ck, kw);
        const char *guess = closest_name(w, words, 3);
        char help[160];
        snprintf(help, sizeof help,
                 "%s%s%sa file holds 'agreement', 'version' and 'scenario' blocks",
                 guess ? "did you mean '" : "", guess ? guess : "", guess ? "'? " : "");
        ck_report(&ld->ck, DIAG_ERROR, "E0204", span_of(&ld->ck, kw), help,
                  "unknown statement '%.*s' at the top of the file", (int)w.len, w.ptr);
      }
    }
  }
}

/* ---------------------------------------------------------------- history */

static bool index_versions(Loader *ld) {
  Agreement *ag = ld->ag;
  for (uint32_t i = 0; i < ag->version_count; i++) {
    Version *v = &ag->versions[i];
    if (!v->name.len) continue;
    int32_t other = strmap_get(&ld->versions, v->name.ptr, v->name.len);
    if (other >= 0) {
      ck_report(&ld->ck, DIAG_ERROR, "E0305", v->name_span, "give each version its own name",
                "version '%.*s' is defined twice", (int)v->name.len, v->name.ptr);
      continue;
    }
    if (!strmap_put(&ld->versions, v->name.ptr, v->name.len, (int32_t)i)) return false;
  }
  return true;
}

static void resolve_amends(Loader *ld) {
  Agreement *ag = ld->ag;
  for (uint32_t i = 0; i < ag->version_count; i++) {
    Version *v = &ag->versions[i];
    if (!v->has_amends || !v->amends.name.len) continue;
    v->amends.index = strmap_get(&ld->versions, v->amends.name.ptr, v->amends.name.len);
    if (v->amends.index >= 0) continue;
    const char *names[64];
    size_t n = 0;
    for (uint32_t k = 0; k < ag->version_count && n < 64; k++)
      if (k != i && ag->versions[k].name.len) names[n++] = ag->versions[k].name.ptr;
    const char *guess = closest_name(v->amends.name, names, n);
    char help[160];
    if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
    else snprintf(help, sizeof help, "name a version defined in the agreement's files");
    ck_report(&ld->ck, DIAG_ERROR, "E0303", v->amends.span, help, "unknown version '%.*s'",
              (int)v->amends.name.len, v->amends.name.ptr);
  }
}

/* Follows each version's amends chain; a chain that returns to where it started is a cycle. */
static bool report_cycles(Loader *ld) {
  Agreement *ag = ld->ag;
  uint32_t *stamp = arena_alloc(&ag->arena, (ag->version_count + 1) * sizeof *stamp);
  if (!stamp) return false;
  bool found = false;
  for (uint32_t start = 0; start < ag->version_count; start++) {
    uint32_t i = start;
    while (ag->versions[i].amends.index >= 0 && stamp[i] == 0) {
      stamp[i] = start + 1;
      i = (uint32_t)ag->versions[i].amends.index;
    }
    if (stamp[i] != start + 1) continue;
    /* i is on a cycle first met from start: report it once, at its first version. */
    char path[512];
    size_t n = 0;
    uint32_t k = i;
    do {
      Version *v = &ag->versions[k];
      n += (size_t)snprintf(path + n, sizeof path - (n < sizeof path ? n : sizeof path), "%.*s -> ",
                            (int)v->name.len, v->name.ptr);
      if (n >= sizeof path) n = sizeof path - 1;
      k = (uint32_t)v->amends.index;
    } while (k != i);
    snprintf(path + n, sizeof path - n, "%.*s", (int)ag->versions[i].name.len,
             ag->versions[i].name.ptr);
    ck_report(&ld->ck, DIAG_ERROR, "E0601", ag->versions[i].amends.span,
              "the first version amends nothing, and each later one amends the one before it",
              "the amendments form a cycle: %s", path);
    found = true;
    for (k = 0; k < ag->version_count; k++)
      if (stamp[k] == start + 1) stamp[k] = UINT32_MAX;
  }
  return found;
}

static void link_history(Loader *ld, bool broken) {
  Agreement *ag = ld->ag;
  int32_t root = -1;
  for (uint32_t i = 0; i < ag->version_count; i++) {
    Version *v = &ag->versions[i];
    if (v->has_amends) {
      if (v->amends.index < 0) {
        broken = true;
        continue;
      }
      Version *parent = &ag->versions[v->amends.index];
      if (parent->next >= 0) {
        Version *other = &ag->versions[parent->next];
        char help[200];
        snprintf(help, sizeof help, "'%.*s' amends it too; a later version amends the latest",
                 (int)other->name.len, other->name.ptr);
        ck_report(&ld->ck, DIAG_ERROR, "E0604", v->amends.span, help,
                  "two versions amend '%.*s': the history must be one line", (int)parent->name.len,
                  parent->name.ptr);
        broken = true;
        continue;
      }
      parent->next = (int32_t)i;
      continue;
    }
    if (root < 0) {
      root = (int32_t)i;
      continue;
    }
    /* Two first versions: report the later one as the gap. */
    Version *first = &ag->versions[root];
    Version *gap = v;
    if (v->has_effective && first->has_effective && v->effective < first->effective) {
      gap = first;
      first = v;
      root = (int32_t)i;
    }
    char help[200];
    snprintf(help, sizeof help, "add: amends %.*s (or the version it follows)",
             (int)first->name.len, first->name.ptr);
    ck_report(&ld->ck, DIAG_ERROR, "E0602", gap->name_span, help,
              "gap in the history: version '%.*s' amends nothing, but '%.*s' is the first version",
              (int)gap->name.len, gap->name.ptr, (int)first->name.len, first->name.ptr);
    broken = true;
  }
  if (root < 0 || broken) return;
  ag->history = arena_alloc(&ag->arena, ag->version_count * sizeof *ag->history);
  if (!ag->history) {
    ld->ck.out_of_memory = true;
    return;
  }
  for (int32_t i = root; i >= 0; i = ag->versions[i].next)
    ag->history[ag->history_count++] = (uint32_t)i;
  ag->history_ok = ag->history_count == ag->version_count;
}

static void check_history_dates(Loader *ld) {
  Agreement *ag = ld->ag;
  for (uint32_t h = 1; h < ag->history_count; h++) {
    Version *prev = &ag->versions[ag->history[h - 1]];
    Version *v = &ag->versions[ag->history[h]];
    if (!prev->has_effective || !v->has_effective) continue;
    if (v->effective > prev->effective) {
      prev->has_last_day = true;
      prev->last_day = v->effective - 1;
      continue;
    }
    char a[11], b[11];
    pact_date_format(v->effective, a);
    pact_date_format(prev->effective, b);
    char help[160];
    snprintf(help, sizeof help, "'%.*s' takes effect on %s; an amendment takes effect after it",
             (int)prev->name.len, prev->name.ptr, b);
    if (v->effective == prev->effective)
      ck_report(&ld->ck, DIAG_ERROR, "E0603", v->effective_span, help,
                "versions overlap: '%.*s' takes effect on the same day as the version it amends",
                (int)v->name.len, v->name.ptr);
    else
      ck_report(&ld->ck, DIAG_ERROR, "E0403", v->effective_span, help,
                "dates out of order: '%.*s' takes effect on %s, before the version it amends",
                (int)v->name.len, v->name.ptr, a);
  }
}

static void resolve_history(Loader *ld) {
  Agreement *ag = ld->ag;
  if (!ag->version_count) {
    if (ag->diags.errors) return; /* a misspelt 'version' is already reported */
    diag_add_path(&ag->diags, DIAG_ERROR, "E0602", ag->path,
                  "add a block: version 2026-01-01 { effective 2026-01-01 ... }",
                  "the agreement has no versions");
    return;
  }
  if (!index_versions(ld)) {
    ld->ck.out_of_memory = true;
    return;
  }
  resolve_amends(ld);
  if (ag->side == SIDE_PROPOSED) side_check_amendment(&ld->ck);
  bool cycles = report_cycles(ld);
  link_history(ld, cycles);
  check_history_dates(ld);
  if (ag->side == SIDE_AS_IF && !side_truncate(&ld->ck)) ld->ck.out_of_memory = true;
}

/* ---------------------------------------------------------------- terms */

static void report_unknown_clause(Loader *ld, const Ref *ref, const Version *parent,
                                  const char *what) {
  const char *names[64];
  size_t n = 0;
  for (uint32_t k = 0; parent && k < parent->term_count && n < 64; k++)
    names[n++] = parent->terms[k]->id.ptr;
  const char *guess = closest_name(ref->name, names, n);
  char help[200];
  if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
  else snprintf(help, sizeof help, "name a clause in force under the version it amends");
  ck_report(&ld->ck, DIAG_ERROR, "E0304", ref->span, help, "unknown %s '%.*s'", what,
            (int)ref->name.len, ref->name.ptr);
}

/* The removal in v that names a clause id, or NULL. */
static const Removal *removal_of(const Version *v, Str id) {
  for (uint32_t r = 0; r < v->removal_count; r++)
    if (v->removals[r].clause.index >= 0 && str_eq(v->removals[r].clause.name, id))
      return &v->removals[r];
  return NULL;
}

/* The terms of v: its parent's, less removals, with its own clauses replacing or added. */
static bool build_terms(Loader *ld, Version *v, const Version *parent, StrMap *ids) {
  Agreement *ag = ld->ag;
  uint32_t inherited = parent ? parent->term_count : 0;
  v->terms = arena_alloc(&ag->arena, (inherited + v->own_count + 1) * sizeof(Clause *));
  if (!v->terms) return false;
  if (inherited) memcpy(v->terms, parent->terms, inherited * sizeof(Clause *));
  v->term_count = inherited;
  for (uint32_t r = 0; r < v->removal_count; r++) {
    Ref *ref = &v->removals[r].clause;
    ref->index = strmap_get(ids, ref->name.ptr, ref->name.len);
    if (ref->index < 0 || !v->terms[ref->index]) {
      report_unknown_clause(ld, ref, parent, "clause");
      ref->index = -1;
      continue;
    }
    v->terms[ref->index] = NULL;
  }
  StrMap own;
  strmap_init(&own);
  bool ok = strmap_reserve(&own, v->own_count);
  for (uint32_t k = 0; k < v->own_count && ok; k++) {
    Clause *c = v->own[k];
    if (!c->id.len) continue;
    if (strmap_get(&own, c->id.ptr, c->id.len) >= 0) {
      ck_report(&ld->ck, DIAG_ERROR, "E0305", c->id_span, "give each clause its own name",
                "clause '%.*s' is defined twice in this version", (int)c->id.len, c->id.ptr);
      continue;
    }
    ok = strmap_put(&own, c->id.ptr, c->id.len, (int32_t)k);
    int32_t at = strmap_get(ids, c->id.ptr, c->id.len);
    /* An inherited slot emptied above was removed by this version: the removal is looked for
    ** only then, so that a version of many clauses and removals costs no product of the two. */
    const Removal *removed =
        at >= 0 && (uint32_t)at < inherited && !v->terms[at] ? removal_of(v, c->id) : NULL;
    if (removed) {
      /* Which one the parties meant is not for pactum to guess: neither is taken. */
      uint32_t line, column;
      source_locate(removed->span.source, removed->span.offset, &line, &column);
      char help[200];
      snprintf(help, sizeof help,
               "line %u removes it; keep the remove (the clause ends) or the "
               "new clause (it replaces the old one), not both",
               line);
      ck_report(&ld->ck, DIAG_ERROR, "E0214", c->id_span, help,
                "'%.*s' is both removed and redefined in this version", (int)c->id.len, c->id.ptr);
      continue;
    }
    if (at >= 0 && v->terms[at] && v->terms[at]->kind != c->kind) {
      char help[200];
      snprintf(help, sizeof help,
               "it was a %s clause; give the new clause a new name, or "
               "'remove' the old one",
               clause_kind_name(v->terms[at]->kind));
      ck_report(&ld->ck, DIAG_ERROR, "E0213", c->id_span, help,
                "'%.*s' replaces a clause of another kind", (int)c->id.len, c->id.ptr);
    }
    if (at >= 0) {
      v->terms[at] = c;
    } else {
      v->terms[v->term_count] = c;
      ok = ok && strmap_put(ids, c->id.ptr, c->id.len, (int32_t)v->term_count);
      v->term_count++;
    }
  }
  strmap_free(&own);
  return ok;
}

/* Drops removed clauses (NULL slots) and rebuilds the id map to match. */
static bool compact_terms(Version *v, StrMap *ids) {
  uint32_t n = 0;
  for (uint32_t k = 0; k < v->term_count; k++)
    if (v->terms[k]) v->terms[n++] = v->terms[k];
  if (n == v->term_count) return true; /* nothing removed: the map is still right */
  v->term_count = n;
  strmap_free(ids);
  if (!strmap_reserve(ids, n)) return false;
  for (uint32_t k = 0; k < n; k++)
    if (!strmap_put(ids, v->terms[k]->id.ptr, v->terms[k]->id.len, (int32_t)k)) return false;
  return true;
}

static void check_until_refs(Loader *ld, const Version *v, const StrMap *ids, const RefList *refs) {
  for (uint32_t u = 0; u < refs->count; u++) {
    const Ref *ref = &refs->items[u];
    int32_t at = strmap_get(ids, ref->name.ptr, ref->name.len);
    if (at >= 0 && v->terms[at]->kind == CLAUSE_MILESTONE) continue;
    const char *names[64];
    size_t n = 0;
    for (uint32_t k = 0; k < v->term_count && n < 64; k++)
      if (v->terms[k]->kind == CLAUSE_MILESTONE) names[n++] = v->terms[k]->id.ptr;
    const char *guess = closest_name(ref->name, names, n);
    char help[200];
    if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
    else
      snprintf(help, sizeof help, "declare it: milestone %.*s { declared by PARTY }",
               (int)ref->name.len, ref->name.ptr);
    if (at >= 0)
      ck_report(&ld->ck, DIAG_ERROR, "E0302", ref->span, help,
                "'%.*s' is a %s clause, not a milestone", (int)ref->name.len, ref->name.ptr,
                clause_kind_name(v->terms[at]->kind));
    else
      ck_report(&ld->ck, DIAG_ERROR, "E0302", ref->span, help, "unknown milestone '%.*s'",
                (int)ref->name.len, ref->name.ptr);
  }
}

static bool refs_name(const RefList *refs, Str name) {
  for (uint32_t u = 0; u < refs->count; u++)
    if (str_eq(refs->items[u].name, name)) return true;
  return false;
}

/* A version may not remove a milestone that a clause still in force ends on. */
static void check_removed_milestones(Loader *ld, const Version *v, const Version *parent) {
  for (uint32_t r = 0; r < v->removal_count; r++) {
    const Removal *rm = &v->removals[r];
    if (rm->clause.index < 0 || !parent ||
        parent->terms[rm->clause.index]->kind != CLAUSE_MILESTONE)
      continue;
    for (uint32_t k = 0; k < v->term_count; k++) {
      const Clause *c = v->terms[k];
      if (&ld->ag->versions[c->version] == v) continue; /* its own clauses are checked apart */
      bool uses = refs_name(&c->term.until, rm->clause.name) ||
                  (c->kind == CLAUSE_LICENCE &&
                   refs_name(&c->u.licence.exclusivity.until, rm->clause.name));
      if (!uses) continue;
      char help[200];
      snprintf(help, sizeof help, "restate '%.*s' without it, or keep the milestone",
               (int)c->id.len, c->id.ptr);
      ck_report(&ld->ck, DIAG_ERROR, "E0302", rm->clause.span, help,
                "milestone '%.*s' is removed, but '%.*s' still ends on it",
                (int)rm->clause.name.len, rm->clause.name.ptr, (int)c->id.len, c->id.ptr);
      break;
    }
  }
}

/* Milestone names are checked against the terms of the version that uses them. */
static void check_milestone_refs(Loader *ld, const Version *v, const StrMap *ids) {
  for (uint32_t k = 0; k < v->own_count; k++) {
    const Clause *c = v->own[k];
    check_until_refs(ld, v, ids, &c->term.until);
    if (c->kind == CLAUSE_LICENCE) check_until_refs(ld, v, ids, &c->u.licence.exclusivity.until);
  }
}

static void resolve_terms(Loader *ld) {
  Agreement *ag = ld->ag;
  StrMap ids;
  strmap_init(&ids);
  if (!strmap_reserve(&ids, ag->clause_count)) {
    ld->ck.out_of_memory = true;
    return;
  }
  const Version *parent = NULL;
  for (uint32_t h = 0; h < ag->history_count && !ld->ck.out_of_memory; h++) {
    Version *v = &ag->versions[ag->history[h]];
    ld->ck.tree = NULL;
    if (!build_terms(ld, v, parent, &ids) || !compact_terms(v, &ids)) {
      ld->ck.out_of_memory = true;
      break;
    }
    check_milestone_refs(ld, v, &ids);
    check_removed_milestones(ld, v, parent);
    parent = v;
  }
  strmap_free(&ids);
}

/* ---------------------------------------------------------------- cross-checks */

/* See crosscheck.c. */

/* ---------------------------------------------------------------- the whole load */

/* The scenario blocks of the agreement's files, checked against its terms (only when the terms
** themselves checked clean: a scenario of broken terms could only repeat their errors). */
static bool read_scenarios(Loader *ld) {
  Agreement *ag = ld->ag;
  if (ag->diags.errors || !ag->history_ok) return true;
  for (uint32_t f = 0; f < ag->source_count; f++)
    if (!scenario_read_tree(&ld->ck, &ld->trees[f], false, &ag->scenarios, &ag->scenario_count))
      return false;
  return true;
}

bool check_agreement(Agreement *ag) {
  Loader ld = {.ag = ag};
  ld.ck.agreement = ag;
  ld.ck.diags = &ag->diags;
  ld.ck.arena = &ag->arena;
  strmap_init(&ld.ck.parties);
  strmap_init(&ld.versions);
  ld.trees = arena_alloc(&ag->arena, (ag->source_count + 1) * sizeof *ld.trees);
  bool ok = ld.trees != NULL;
  for (uint32_t f = 0; ok && f < ag->source_count; f++)
    ok = parse_source(&ag->sources[f], &ag->arena, &ag->diags, &ld.trees[f]);
  if (ok) {
    read_top_level(&ld, false);
    if (!ag->has_block && !ag->diags.errors) /* else a misspelt block is already reported */
      diag_add_path(&ag->diags, DIAG_ERROR, "E0308", ag->path,
                    "add an agreement block with its currency and parties (see "
                    "docs/language.md); a version file is checked with its folder",
                    "no agreement block");
    read_top_level(&ld, true);
    resolve_history(&ld);
    if (ag->history_ok && !ld.ck.out_of_memory) resolve_terms(&ld);
    if (!ld.ck.out_of_memory) cross_check(&ld.ck);
    ok = !ld.ck.out_of_memory && read_scenarios(&ld);
  }
  strmap_free(&ld.ck.parties);
  strmap_free(&ld.versions);
  diag_list_sort(&ag->diags);
  return ok;
}
