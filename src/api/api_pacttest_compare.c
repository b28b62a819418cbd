/*
** api_pacttest_compare.c -- the figures of a scenario test that compares two sides of its
** agreement (`compare SIDE with SIDE`, docs/testing.md). Each side is resolved as `pactum compare
** --a/--b` resolves it (actual, a version's name, or a proposed amendment file, here relative to
** the test file) and loaded once for the run; each compared line (total, year, clause, cap) is
** written twice in the file's own words, as expected from the line and as found in
** pact_compare's rows, so that a failure reads as a diff of two lines.
*/
#include <string.h>
#include <sys/stat.h>

#include "api/pacttest_int.h"

/* ---------------------------------------------------------------- the sides */

static bool word_eq(TestWord w, const char *s) {
  return strlen(s) == w.len && !memcmp(s, w.ptr, w.len);
}

static bool is_version(const PactAgreement *ag, TestWord w) {
  for (size_t i = 0; i < pact_agreement_version_count(ag); i++) {
    const char *name = pact_agreement_version_name(ag, i);
    if (name && word_eq(w, name)) return true;
  }
  return false;
}

/* E1603 at a side that names no version and no file: the closest version (or actual), and
** what a side may be. */
static void unknown_side(TestFile *file, TestWord w, const PactAgreement *ag, const char *where,
                         DiagList *diags) {
  const char *names[64];
  size_t count = 0;
  char versions[256] = "";
  size_t used = 0;
  names[count++] = "actual";
  for (size_t i = 0; i < pact_agreement_version_count(ag) && count < 64; i++) {
    const char *name = pact_agreement_version_name(ag, i);
    if (!name) continue;
    names[count++] = name;
    if (used < sizeof versions)
      used +=
          (size_t)snprintf(versions + used, sizeof versions - used, "%s%s", i ? ", " : "", name);
  }
  const char *near = pact_suggest(w.ptr, w.len, names, count);
  char help[512];
  snprintf(help, sizeof help,
           "%s%s%sa side is actual, a version (%s) or an amendment file, "
           "relative to the test file",
           near ? "did you mean '" : "", near ? near : "", near ? "'? " : "", versions);
  diag_add(diags, DIAG_ERROR, TEST_E_UNKNOWN, &file->source, w.offset, w.length, help,
           "'%.*s' is no version of the agreement, and there is no file at '%s'", (int)w.len, w.ptr,
           where);
}

/* One side's agreement: *out NULL and PACT_ERR_RANGE (said) when it names nothing. */
static PactStatus side_of(TestFile *file, TestWord w, PactTestRun *run, const char *path,
                          const PactAgreement *ag, const char *dir, DiagList *diags,
                          const PactAgreement **out) {
  *out = NULL;
  PactAgreement *loaded = NULL;
  PactStatus status = PACT_OK;
  if (word_eq(w, "actual")) {
    *out = ag;
    return PACT_OK;
  }
  char *name = pacttest_cstr(file, w);
  if (!name) return PACT_ERR_NOMEM;
  if (is_version(ag, w)) {
    status = pacttest_agreement(run, path, name, &loaded);
    *out = loaded;
    return status;
  }
  /* A proposed amendment: a file, read from the test file's folder. */
  TestText where = {{0}, 0};
  if (*dir && name[0] != '/') pacttest_add(&where, "%s/", dir);
  pacttest_add(&where, "%s", name);
  struct stat st;
  bool fits = where.len < sizeof where.buf - 1;
  if (!fits || stat(where.buf, &st) != 0 || !S_ISREG(st.st_mode)) {
    unknown_side(file, w, ag, where.buf, diags);
    return PACT_ERR_RANGE;
  }
  status = pacttest_agreement(run, path, where.buf, &loaded);
  if (status == PACT_ERR_RANGE) unknown_side(file, w, ag, where.buf, diags);
  *out = loaded;
  return status;
}

PactStatus pacttest_sides(TestFile *file, const TestCase *test, PactTestRun *run,
                          const char *agreement_path, const PactAgreement *ag, const char *dir,
                          DiagList *diags, const PactAgreement *out[2]) {
  PactStatus a = side_of(file, test->sides[0], run, agreement_path, ag, dir, diags, &out[0]);
  if (a == PACT_ERR_NOMEM) return a;
  PactStatus b = side_of(file, test->sides[1], run, agreement_path, ag, dir, diags, &out[1]);
  return a != PACT_OK ? a : b;
}

/* ---------------------------------------------------------------- the compared lines */

static void add_side(TestText *t, TestWord w) {
  if (w.quoted) pacttest_add(t, "\"%.*s\"", (int)w.len, w.ptr);
  else pacttest_add(t, "%.*s", (int)w.len, w.ptr);
}

/* The words of a total, year or clause line with figures v, as far as e names them. */
static void write_row(TestText *t, const Expectation *e, const PactAgreement *ag,
                      const int64_t v[FIG_COUNT]) {
  if (e->kind == EXPECT_CMP_YEAR) pacttest_add(t, "year %d ", e->year);
  if (e->kind == EXPECT_CMP_CLAUSE)
    pacttest_add(t, "clause %.*s ", (int)e->clause.len, e->clause.ptr);
  else
    pacttest_add(t, "%s%.*s to %.*s ", e->kind == EXPECT_CMP_TOTAL ? "total " : "",
                 (int)e->payer.len, e->payer.ptr, (int)e->payee.len, e->payee.ptr);
  pacttest_add_money(t, ag, "", v[FIG_AMOUNT]);
  pacttest_add_money(t, ag, " against", v[FIG_AGAINST]);
  if (e->figures & (1u << FIG_DIFFERENCE))
    pacttest_add_money(t, ag, " difference", v[FIG_DIFFERENCE]);
}

/* The words of a cap line: free, or binds from and through (as far as e names them, or from
** alone when e expected it free). */
static void write_cap(TestText *t, const Expectation *e, bool binds, const char *from,
                      const char *through) {
  pacttest_add(t, "cap %.*s %s on ", (int)e->clause.len, e->clause.ptr, binds ? "binds" : "free");
  add_side(t, e->side);
  if (!binds) return;
  if (e->binds_from.len || e->cap_binds == 0) pacttest_add(t, " from %s", from);
  if (e->binds_through.len) pacttest_add(t, " through %s", through);
}

static bool names_pair(const Expectation *e, const char *payer, const char *payee) {
  return payer && payee && word_eq(e->payer, payer) && word_eq(e->payee, payee);
}

/* The comparison's figures for a total, year or clause line; false when it has no such row. */
static bool row_figures(const Expectation *e, const PactComparison *c, int64_t v[FIG_COUNT]) {
  PactCompareRow row;
  PactCompareClause clause;
  bool found = false;
  if (e->kind == EXPECT_CMP_TOTAL)
    for (size_t i = 0; !found && pact_comparison_total(c, i, &row); i++)
      found = names_pair(e, row.payer, row.payee);
  else if (e->kind == EXPECT_CMP_YEAR)
    for (size_t i = 0; !found && pact_comparison_year(c, i, &row); i++)
      found = row.year == e->year && names_pair(e, row.payer, row.payee);
  else
    for (size_t i = 0; !found && pact_comparison_clause(c, i, &clause); i++)
      if ((found = word_eq(e->clause, clause.clause)))
        row = (PactCompareRow){clause.payer,   clause.payee,   0,
                               clause.a_minor, clause.b_minor, clause.difference_minor};
  if (!found) return false;
  v[FIG_AMOUNT] = row.a_minor;
  v[FIG_AGAINST] = row.b_minor;
  v[FIG_DIFFERENCE] = row.difference_minor;
  return true;
}

static bool same_word(TestWord a, TestWord b) {
  return a.len == b.len && !memcmp(a.ptr, b.ptr, a.len);
}

/* Where a cap line's clause binds on its side: the first period any of its caps cut there, and
** the last. */
static void cap_figures(const Expectation *e, const PactComparison *c, const TestCase *test,
                        TestText *got) {
  PactCompareSide side = same_word(e->side, test->sides[0]) ? PACT_SIDE_A : PACT_SIDE_B;
  PactCompareCap cap, first = {0}, last = {0};
  bool binds = false;
  for (size_t i = 0; pact_comparison_cap(c, i, &cap); i++) {
    if (cap.side != side || !word_eq(e->clause, cap.clause)) continue;
    if (!binds || cap.first < first.first) first = cap;
    if (!binds || cap.last > last.last) last = cap;
    binds = true;
  }
  write_cap(got, e, binds, first.binds_from, last.binds_through);
}

void pacttest_compared(const Expectation *e, const PactAgreement *ag, const PactComparison *c,
                       const TestCase *test, const int64_t expected[FIG_COUNT], TestText *want,
                       TestText *got) {
  if (e->kind == EXPECT_CMP_CAP) {
    char from[16], through[16];
    snprintf(from, sizeof from, "%.*s", (int)e->binds_from.len, e->binds_from.ptr);
    snprintf(through, sizeof through, "%.*s", (int)e->binds_through.len, e->binds_through.ptr);
    write_cap(want, e, e->cap_binds == 1, from, through);
    if (c) cap_figures(e, c, test, got);
    return;
  }
  write_row(want, e, ag, expected);
  if (!c) return;
  int64_t v[FIG_COUNT] = {0};
  if (row_figures(e, c, v)) write_row(got, e, ag, v);
  else if (e->kind == EXPECT_CMP_CLAUSE)
    pacttest_add(got, "no payment clause %.*s on either side", (int)e->clause.len, e->clause.ptr);
  else if (e->kind == EXPECT_CMP_YEAR)
    pacttest_add(got, "no figures of %d: the comparison's years are those with obligations",
                 e->year);
  else pacttest_add(got, "nothing owed between them on either side: no total");
}
