/*
** crosscheck.c -- what a careful reviewer checks once every clause reads well on its own:
** dates in order, payments with a bound, exceptions that can apply, exclusivity that clashes.
*/
#include <stdlib.h>
#include <string.h>

#include "base/strmap.h"
#include "terms/check.h"

/* The last day a clause stays in the terms as written: through the versions after its own that
** carry it or restate it unchanged. False when it stays to the end of the history. */
static bool carried_last_day(const Agreement *ag, const Clause *c, const Version *v,
                             PactDate *out) {
  if (!ag->history_ok) {
    *out = v->last_day;
    return v->has_last_day;
  }
  uint32_t h = 0;
  while (h < ag->history_count && &ag->versions[ag->history[h]] != v) h++;
  const Version *last = v;
  for (h++; h < ag->history_count; h++) {
    const Version *next = &ag->versions[ag->history[h]];
    bool kept = false;
    for (uint32_t k = 0; k < next->term_count && !kept; k++)
      kept = str_eq(next->terms[k]->id, c->id) && terms_clause_restated(ag, c, next->terms[k]);
    if (!kept) break;
    last = next;
  }
  *out = last->last_day;
  return last->has_last_day;
}

static void check_term_dates(Checker *ck, const Clause *c, const Version *v) {
  char a[11], b[11];
  PactDate last_day;
  const Term *t = &c->term;
  if (t->has_from && t->has_through && t->through < t->from) {
    pact_date_format(t->from, a);
    pact_date_format(t->through, b);
    char help[128];
    snprintf(help, sizeof help, "it starts on %s; the last day must not come before it", a);
    ck_report(ck, DIAG_ERROR, "E0402", t->through_span, help,
              "dates out of order: '%.*s' ends on %s, before it starts", (int)c->id.len, c->id.ptr,
              b);
    return;
  }
  if (c->kind == CLAUSE_LICENCE && c->u.licence.exclusivity.has_through && t->has_from &&
      c->u.licence.exclusivity.through < t->from) {
    pact_date_format(c->u.licence.exclusivity.through, b);
    ck_report(ck, DIAG_ERROR, "E0402", c->u.licence.exclusivity.through_span,
              "exclusivity ends on or after the day the licence starts",
              "dates out of order: exclusivity of '%.*s' ends on %s, before the licence starts",
              (int)c->id.len, c->id.ptr, b);
  }
  if (v->has_effective && t->has_through && t->through < v->effective) {
    pact_date_format(v->effective, a);
    char help[160];
    snprintf(help, sizeof help,
             "version '%.*s' takes effect on %s; remove the clause or fix "
             "its dates",
             (int)v->name.len, v->name.ptr, a);
    ck_report(ck, DIAG_WARNING, "W0404", t->through_span, help,
              "'%.*s' is never in force: it ends before its version takes effect", (int)c->id.len,
              c->id.ptr);
  } else if (v->has_last_day && t->has_from && t->from > v->last_day &&
             carried_last_day(ck->agreement, c, v, &last_day) && t->from > last_day) {
    /* A clause carried into later versions unchanged is in force under them. */
    pact_date_format(last_day, a);
    char help[160];
    snprintf(help, sizeof help,
             "version '%.*s' is in force through %s; move the clause to a "
             "later version",
             (int)v->name.len, v->name.ptr, a);
    ck_report(ck, DIAG_WARNING, "W0404", t->from_span, help,
              "'%.*s' is never in force: it starts after its version ends", (int)c->id.len,
              c->id.ptr);
  }
}

static void check_distinct(Checker *ck, const Clause *c, const Ref *a, const Ref *b,
                           const char *role_a, const char *role_b) {
  if (!a->name.len || !b->name.len || a->index < 0 || a->index != b->index) return;
  ck_report(ck, DIAG_ERROR, "E0506", b->span, "name two different parties",
            "'%.*s' is both %s and %s of '%.*s'", (int)b->name.len, b->name.ptr, role_a, role_b,
            (int)c->id.len, c->id.ptr);
}

static void check_share(Checker *ck, const Clause *c) {
  const RevenueShare *s = &c->u.share;
  check_distinct(ck, c, &s->payer, &s->payee, "payer", "payee");
  if (c->term.has_through || c->term.until.count || terms_bounded(c)) return;
  ck_report(ck, DIAG_WARNING, "W0701", c->id_span,
            "add an end (through DATE, until MILESTONE) or a cap (cap USD ...)",
            "revenue share '%.*s' is unbounded: it has neither an end nor a cap", (int)c->id.len,
            c->id.ptr);
}

static void check_exception(Checker *ck, const Clause *c, uint32_t index) {
  const CloudTerm *t = &c->u.cloud;
  const CloudException *ex = &t->exceptions[index];
  for (uint32_t k = 0; k < index; k++)
    if (t->exceptions[k].answer == ex->answer && t->exceptions[k].party.index == ex->party.index) {
      ck_report(ck, DIAG_ERROR, "E0207", ex->span, "keep one", "the same exception is given twice");
      return;
    }
  if (t->mode == MODE_EXCLUSIVE || t->mode == MODE_NONE) {
    char help[200];
    snprintf(help, sizeof help,
             "exceptions apply to offers, which only 'first-refusal' and "
             "'primary' clauses take; change the mode or remove the exception");
    ck_report(ck, DIAG_ERROR, "E0703", ex->span, help,
              "this exception can never apply: a cloud clause in mode '%s' takes no offers",
              cloud_mode_name(t->mode));
    return;
  }
  if (ex->party.index >= 0 && t->provider.index >= 0 && ex->party.index != t->provider.index) {
    char help[200];
    snprintf(help, sizeof help, "only the provider, '%.*s', answers offers: unless %.*s %s",
             (int)t->provider.name.len, t->provider.name.ptr, (int)t->provider.name.len,
             t->provider.name.ptr, answer_name(ex->answer));
    ck_report(ck, DIAG_ERROR, "E0703", ex->party.span, help,
              "this exception can never apply: '%.*s' is not the provider and never answers an "
              "offer",
              (int)ex->party.name.len, ex->party.name.ptr);
  }
}

static void check_cloud(Checker *ck, const Clause *c) {
  const CloudTerm *t = &c->u.cloud;
  check_distinct(ck, c, &t->provider, &t->customer, "provider", "customer");
  for (uint32_t k = 0; k < t->exception_count; k++) check_exception(ck, c, k);
  bool takes_offers = t->mode == MODE_FIRST_REFUSAL || t->mode == MODE_PRIMARY;
  if (!takes_offers && (t->has_window || t->silence_waives))
    ck_report(ck, DIAG_WARNING, "W0707", c->id_span,
              "a response window matters only to 'first-refusal' and 'primary' clauses",
              "'%.*s' has a response window but takes no offers", (int)c->id.len, c->id.ptr);
  if (t->silence_waives && !t->has_window)
    ck_report(ck, DIAG_ERROR, "E0208", c->id_span, "add a line: window 30 days",
              "'silence waives' needs a response window");
}

static void check_plain_words(Checker *ck, const Clause *c) {
  if (!c->says.len)
    ck_report(ck, DIAG_WARNING, "W0704", c->id_span,
              "add a line saying what it means: says \"...\"",
              "clause '%.*s' says nothing in plain words", (int)c->id.len, c->id.ptr);
  if (c->source.certainty == CERT_NONE)
    ck_report(ck, DIAG_WARNING, "W0705", c->id_span,
              "add: source official \"who, when\" (or reported, assumed, contract), here or in "
              "its version",
              "clause '%.*s' does not say where it comes from", (int)c->id.len, c->id.ptr);
}

static void check_clause(Checker *ck, Clause *c, const Version *v) {
  if (c->source.certainty == CERT_NONE) c->source = v->source;
  if (c->poisoned) return; /* its errors are reported; more would only repeat them */
  check_plain_words(ck, c);
  check_term_dates(ck, c, v);
  switch (c->kind) {
    case CLAUSE_REVENUE_SHARE: check_share(ck, c); break;
    case CLAUSE_CLOUD: check_cloud(ck, c); break;
    case CLAUSE_LICENCE:
      check_distinct(ck, c, &c->u.licence.licensor, &c->u.licence.licensee, "licensor", "licensee");
      break;
    case CLAUSE_COMMITMENT:
      check_distinct(ck, c, &c->u.commitment.by, &c->u.commitment.to, "committed by", "to");
      break;
    case CLAUSE_EQUITY:
      check_distinct(ck, c, &c->u.equity.holder, &c->u.equity.in, "holder", "issuer");
      break;
    default: break;
  }
}

/* ---- exclusive licences that overlap ---- */

/* "model:gpt-6" belongs to "models"; "research:x" to "research". */
static Str subject_category(Str subject) {
  static const char *const prefixes[] = {"model", "product", "research", "hardware"};
  static const char *const categories[] = {"models", "products", "research", "hardware"};
  const char *colon = memchr(subject.ptr, ':', subject.len);
  if (!colon) return subject;
  Str prefix = {subject.ptr, (uint32_t)(colon - subject.ptr)};
  for (int i = 0; i < 4; i++)
    if (str_eq_cstr(prefix, prefixes[i]))
      return (Str){categories[i], (uint32_t)strlen(categories[i])};
  return subject;
}

static bool subjects_overlap(Str a, Str b) {
  if (str_eq(a, b)) return true;
  bool a_specific = memchr(a.ptr, ':', a.len) != NULL,
       b_specific = memchr(b.ptr, ':', b.len) != NULL;
  if (a_specific == b_specific) return false;
  return str_eq(subject_category(a_specific ? a : b), a_specific ? b : a);
}

static bool excluded(const LicenceTerm *l, Str subject) {
  for (uint32_t i = 0; i < l->excludes.count; i++)
    if (str_eq(l->excludes.items[i], subject)) return true;
  return false;
}

/* The days a licence is exclusive within its version: [first, last]; last may be open. */
typedef struct Window {
  PactDate first, last;
  bool open_ended;
} Window;

static Window exclusive_window(const Clause *c, const Version *v) {
  Window w = {v->effective, 0, true};
  if (c->term.has_from && c->term.from > w.first) w.first = c->term.from;
  PactDate ends[3];
  int n = 0;
  if (c->term.has_through) ends[n++] = c->term.through;
  if (c->u.licence.exclusivity.has_through) ends[n++] = c->u.licence.exclusivity.through;
  if (v->has_last_day) ends[n++] = v->last_day;
  for (int i = 0; i < n; i++)
    if (w.open_ended || ends[i] < w.last) {
      w.last = ends[i];
      w.open_ended = false;
    }
  return w;
}

static bool windows_overlap(Window a, Window b) {
  bool a_before_b = !a.open_ended && a.last < b.first;
  bool b_before_a = !b.open_ended && b.last < a.first;
  return !a_before_b && !b_before_a;
}

static bool shared_subject(const Clause *a, const Clause *b, Str *out) {
  const LicenceTerm *la = &a->u.licence, *lb = &b->u.licence;
  for (uint32_t i = 0; i < la->covers.count; i++)
    for (uint32_t j = 0; j < lb->covers.count; j++) {
      Str x = la->covers.items[i], y = lb->covers.items[j];
      if (subjects_overlap(x, y) && !excluded(la, y) && !excluded(lb, x)) {
        *out = memchr(x.ptr, ':', x.len) ? x : y;
        return true;
      }
    }
  return false;
}

static void report_overlap(Checker *ck, const Clause *a, const Clause *b, Str subject, Window w) {
  const LicenceTerm *la = &a->u.licence, *lb = &b->u.licence;
  char day[11];
  pact_date_format(w.first, day);
  char help[256];
  snprintf(help, sizeof help,
           "'%.*s' also grants it exclusively; end one before the other "
           "starts, or make one non-exclusive",
           (int)b->id.len, b->id.ptr);
  if (la->licensee.index != lb->licensee.index)
    ck_report(ck, DIAG_ERROR, "E0702", a->id_span, help,
              "exclusive licences overlap: '%.*s' and '%.*s' both license %.*s exclusively, to "
              "'%.*s' and to '%.*s', from %s",
              (int)a->id.len, a->id.ptr, (int)b->id.len, b->id.ptr, (int)subject.len, subject.ptr,
              (int)la->licensee.name.len, la->licensee.name.ptr, (int)lb->licensee.name.len,
              lb->licensee.name.ptr, day);
  else
    ck_report(ck, DIAG_WARNING, "W0708", a->id_span, help,
              "exclusive licences overlap: '%.*s' and '%.*s' both license %.*s exclusively to "
              "'%.*s' from %s",
              (int)a->id.len, a->id.ptr, (int)b->id.len, b->id.ptr, (int)subject.len, subject.ptr,
              (int)la->licensee.name.len, la->licensee.name.ptr, day);
}

/* One subject of one exclusive licence in force, for finding overlaps by sorting. */
typedef struct Grant {
  int32_t licensor;
  Str category; /* "models" for both "models" and "model:gpt-6" */
  Str subject;
  uint32_t term; /* index in the version's terms */
} Grant;

static int str_cmp(Str a, Str b) {
  int c = memcmp(a.ptr, b.ptr, a.len < b.len ? a.len : b.len);
  return c ? c : (a.len > b.len) - (a.len < b.len);
}

static int grant_cmp(const void *pa, const void *pb) {
  const Grant *a = pa, *b = pb;
  if (a->licensor != b->licensor) return a->licensor < b->licensor ? -1 : 1;
  int c = str_cmp(a->category, b->category);
  return c ? c : str_cmp(a->subject, b->subject);
}

static bool is_exclusive_licence(const Clause *c) {
  return c->kind == CLAUSE_LICENCE && c->u.licence.exclusive && !c->poisoned &&
         c->u.licence.licensor.index >= 0;
}

/* Every (licensor, subject) of the exclusive licences in force, sorted. */
static Grant *collect_grants(Checker *ck, const Version *v, size_t *count) {
  size_t n = 0;
  for (uint32_t k = 0; k < v->term_count; k++)
    if (is_exclusive_licence(v->terms[k])) n += v->terms[k]->u.licence.covers.count;
  *count = 0;
  if (!n) return NULL;
  Grant *grants = arena_alloc(ck->arena, n * sizeof *grants);
  if (!grants) {
    ck->out_of_memory = true;
    return NULL;
  }
  for (uint32_t k = 0; k < v->term_count; k++) {
    const Clause *c = v->terms[k];
    if (!is_exclusive_licence(c)) continue;
    for (uint32_t i = 0; i < c->u.licence.covers.count; i++) {
      Str subject = c->u.licence.covers.items[i];
      grants[(*count)++] =
          (Grant){c->u.licence.licensor.index, subject_category(subject), subject, k};
    }
  }
  qsort(grants, *count, sizeof *grants, grant_cmp);
  return grants;
}

/* The first grant not below key (by licensor and category, and subject when given). */
static size_t grant_lower_bound(const Grant *grants, size_t count, const Grant *key) {
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (grant_cmp(&grants[mid], key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

typedef struct OverlapScan {
  Checker *ck;
  const Agreement *ag;
  const Version *v;
  uint32_t a_term;
  Window wa;
  uint32_t *compared; /* per term: 1 + the term it was last compared with */
} OverlapScan;

static void compare_licences(OverlapScan *scan, uint32_t b_term) {
  const Version *v = scan->v;
  const Clause *a = v->terms[scan->a_term], *b = v->terms[b_term];
  if (b_term == scan->a_term || scan->compared[b_term] == scan->a_term + 1) return;
  scan->compared[b_term] = scan->a_term + 1;
  /* A pair written by this version is reported once, at the later clause. */
  if (&scan->ag->versions[b->version] == v && b_term > scan->a_term) return;
  Str subject;
  Window wb = exclusive_window(b, v);
  if (!windows_overlap(scan->wa, wb) || !shared_subject(a, b, &subject)) return;
  Window both = scan->wa;
  if (wb.first > both.first) both.first = wb.first;
  report_overlap(scan->ck, a, b, subject, both);
}

/* Compares with the grants of one licensor and category, of one subject (or all of them). */
static void scan_range(OverlapScan *scan, const Grant *grants, size_t count, Grant key,
                       bool whole_category) {
  size_t i = grant_lower_bound(grants, count, &key);
  for (; i < count && grants[i].licensor == key.licensor &&
         str_eq(grants[i].category, key.category) &&
         (whole_category || str_eq(grants[i].subject, key.subject));
       i++)
    compare_licences(scan, grants[i].term);
}

/*
** Compares each exclusive licence a version writes with the exclusive licences in force beside
** it that share a licensor and a subject. Sorting the grants makes this near-linear: a licence
** of one model meets only the licences of that model and of all models.
*/
static void check_exclusive_overlaps(Checker *ck, const Agreement *ag, const Version *v) {
  if (!v->has_effective) return;
  size_t count;
  Grant *grants = collect_grants(ck, v, &count);
  if (!grants) return;
  OverlapScan scan = {ck, ag, v, 0, {0, 0, true}, NULL};
  scan.compared = arena_alloc(ck->arena, (v->term_count + 1) * sizeof *scan.compared);
  if (!scan.compared) {
    ck->out_of_memory = true;
    return;
  }
  for (uint32_t k = 0; k < v->term_count; k++) {
    const Clause *a = v->terms[k];
    if (!is_exclusive_licence(a) || &ag->versions[a->version] != v) continue;
    scan.a_term = k;
    scan.wa = exclusive_window(a, v);
    for (uint32_t i = 0; i < a->u.licence.covers.count; i++) {
      Str subject = a->u.licence.covers.items[i];
      Grant key = {a->u.licence.licensor.index, subject_category(subject), subject, 0};
      bool general = str_eq(key.category, subject);
      if (general) {
        key.subject = (Str){"", 0};
        scan_range(&scan, grants, count, key, true);
      } else {
        scan_range(&scan, grants, count, key, false);
        key.subject = key.category; /* the licences of the whole category */
        scan_range(&scan, grants, count, key, false);
      }
    }
  }
}

void cross_check(Checker *ck) {
  Agreement *ag = ck->agreement;
  for (uint32_t i = 0; i < ag->version_count; i++) {
    Version *v = &ag->versions[i];
    for (uint32_t k = 0; k < v->own_count; k++) check_clause(ck, v->own[k], v);
  }
  if (!ag->history_ok) return;
  for (uint32_t h = 0; h < ag->history_count; h++)
    check_exclusive_overlaps(ck, ag, &ag->versions[ag->history[h]]);
}
