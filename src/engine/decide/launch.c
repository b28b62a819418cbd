/*
** launch.c -- where a product may launch: the cloud clauses (mode, scope, carve-outs,
** exceptions, window, silence) of the version in force, over the product's offers, answers and
** launches (decide_int.h).
*/
#include <string.h>

#include "engine/decide/decide_int.h"

typedef struct Launch {
  const Decider *d;
  const DecideQuery *q;
  const VersionPlan *vp;
  const Product *product; /* NULL: no event names it */
  uint32_t offers_upto, launches_upto;
  Str tags[PACT_DECIDE_TAGS_MAX]; /* the words of its type, each once */
  uint32_t tag_count;
  bool tags_left_out; /* a word past the room for them, not read (the reason says) */
  bool api;
  uint32_t owner; /* the party of its first offer or launch, or 0 */
  /* The first clause in force that a milestone ended, whose scope missed the product, or that
  ** carved it out (with the carve-out's word): cited when no clause governs the product. */
  const Plan *ended, *outside, *carved_by;
  const Str *carve;
} Launch;

static bool has_tag(const Launch *l, const char *word) {
  for (uint32_t i = 0; i < l->tag_count; i++)
    if (str_is(l->tags[i], word)) return true;
  return false;
}

static bool has_tag_str(const Launch *l, Str word) {
  for (uint32_t i = 0; i < l->tag_count; i++)
    if (str_eq(l->tags[i], word)) return true;
  return false;
}

/* The words of a type (separated by spaces, commas, '+' or ';'), each once. */
static void add_tags(Launch *l, const char *p, uint32_t len) {
  uint32_t i = 0;
  while (i < len) {
    while (i < len && (p[i] == ' ' || p[i] == ',' || p[i] == '+' || p[i] == ';')) i++;
    uint32_t start = i;
    while (i < len && p[i] != ' ' && p[i] != ',' && p[i] != '+' && p[i] != ';') i++;
    Str word = {p + start, i - start};
    if (i == start || has_tag_str(l, word)) continue;
    if (l->tag_count < PACT_DECIDE_TAGS_MAX) l->tags[l->tag_count++] = word;
    else l->tags_left_out = true;
  }
}

/* Launched (anywhere) before a day. */
static bool launched_before(const Launch *l, PactDate day) {
  return l->product && l->product->launches.count &&
         l->d->events[at(l->d, l->product->launches, 0)].date < day;
}

static bool scope_word(const Launch *l, const Plan *p, Str w) {
  if (str_is(w, "all-workloads") || str_is(w, "products") || str_is(w, "new-capacity")) return true;
  if (str_is(w, "new-products")) return !launched_before(l, p->start);
  if (str_is(w, "api-products")) return l->api;
  if (str_is(w, "non-api-products")) return !l->api;
  return has_tag_str(l, w);
}

static bool carve_word(const Launch *l, Str w) {
  if (str_is(w, "api-products")) return l->api;
  if (str_is(w, "non-api-products")) return !l->api;
  return has_tag_str(l, w);
}

static bool in_scope(const Launch *l, const Plan *p) {
  const StrList *scope = &p->clause->u.cloud.scope;
  if (!scope->count) return true;
  for (uint32_t i = 0; i < scope->count; i++)
    if (scope_word(l, p, scope->items[i])) return true;
  return false;
}

/* The carve-out that takes the product out of the clause, or NULL. */
static const Str *carved(const Launch *l, const Plan *p) {
  const StrList *out = &p->clause->u.cloud.carve_outs;
  for (uint32_t i = 0; i < out->count; i++)
    if (carve_word(l, out->items[i])) return &out->items[i];
  return NULL;
}

static void b_product(Buf *b, const Launch *l) {
  b_str(b, "'");
  b_text(b, l->q->product);
  b_str(b, "'");
}

/* "unable or unwilling" */
static void b_exceptions(Buf *b, const CloudTerm *t) {
  if (!t->exception_count) {
    b_str(b, "no answer lets it go elsewhere");
    return;
  }
  b_str(b, "it may go elsewhere only if ");
  for (uint32_t i = 0; i < t->exception_count; i++) {
    if (i) b_str(b, i + 1 == t->exception_count ? " or " : ", ");
    if (i == 0 || !str_eq(t->exceptions[i].party.name, t->exceptions[i - 1].party.name)) {
      b_sym(b, t->exceptions[i].party.name);
      b_str(b, " is ");
    }
    b_str(b, answer_name(t->exceptions[i].answer));
  }
}

static bool yields_to(const CloudTerm *t, Str party, Answer answer) {
  for (uint32_t i = 0; i < t->exception_count; i++)
    if (t->exceptions[i].answer == answer && str_eq(t->exceptions[i].party.name, party))
      return true;
  return false;
}

/* Where the product may go, or may not: "launch on X" (primary, may), "launch first on X"
** (primary, may not), "go to X" (first refusal). */
static void b_go(Buf *b, const Launch *l, bool primary, bool may) {
  b_str(b, !primary ? "go to " : may ? "launch on " : "launch first on ");
  b_text(b, l->q->provider);
}

static void b_may(Buf *b, const Launch *l, bool primary) {
  b_product(b, l);
  b_str(b, " may ");
  b_go(b, l, primary, true);
}

static void b_may_not(Buf *b, const Launch *l, bool primary) {
  b_product(b, l);
  b_str(b, " may not ");
  b_go(b, l, primary, false);
}

/* The latest offer of the product by the clause's customer to its provider, on or before the
** day, or -1. */
static int32_t latest_offer(const Launch *l, const Plan *p) {
  const Decider *d = l->d;
  Str customer = p->clause->u.cloud.customer.name;
  for (uint32_t i = l->offers_upto; i-- > 0 && l->product && p->provider;) {
    const Entry *entry = &d->order[l->product->offers.first + i];
    if (entry->who != p->provider) continue;
    if (str_eq(sym(d, d->events[entry->event].party), customer)) return (int32_t)entry->event;
  }
  return -1;
}

/* "C makes X the primary cloud for new products: a new product launches first on X; it may go
** elsewhere only if X is unable or unwilling. " (or the same of a right of first refusal) */
static void b_offer_terms(Buf *b, const Plan *p) {
  const CloudTerm *t = &p->clause->u.cloud;
  bool primary = t->mode == MODE_PRIMARY;
  b_sym(b, p->clause->id);
  b_str(b, primary ? " makes " : " gives ");
  b_sym(b, t->provider.name);
  b_str(b, primary ? " the primary cloud for " : " a right of first refusal on ");
  b_words(b, &t->scope);
  b_str(b, primary ? ": a new product launches first on " : ": each need is offered to ");
  b_sym(b, t->provider.name);
  b_str(b, "; ");
  b_exceptions(b, t);
  b_str(b, ". ");
}

/* The latest offer under a first refusal or primary clause, and the answer being built. */
typedef struct Offer {
  const Launch *l;
  const Plan *p;
  const CloudTerm *t;
  Str provider;
  bool primary;
  uint32_t event;
  const DEvent *o;
  PactDate deadline; /* the offer's date plus the clause's window */
  DecideAnswer *a;
  Buf *b;
  Buf x; /* the exception that applied */
} Offer;

/* The first answer in time by the provider offered to, which counts, or -1; the first by
** anyone else (ignored) in *wrong, and in *late the first that came after the window when
** silence waives (too late to count). */
static int32_t first_answer(const Offer *f, int32_t *wrong, int32_t *late) {
  const Decider *d = f->l->d;
  Range answers = d->answers[f->event];
  *wrong = *late = -1;
  for (uint32_t i = 0, n = upto(d, answers, f->l->q->on); i < n; i++) {
    uint32_t e = at(d, answers, i);
    const DEvent *r = &d->events[e];
    if (r->party != f->o->counterparty) {
      if (*wrong < 0) *wrong = (int32_t)e;
      continue;
    }
    if (f->t->has_window && r->date > f->deadline && f->t->silence_waives) {
      if (*late < 0) *late = (int32_t)e;
      continue;
    }
    return (int32_t)e;
  }
  return -1;
}

/* The provider answered: accept keeps the product, an answer the clause yields to lets it go. */
static void offer_answered(Offer *f, uint32_t answer) {
  const Decider *d = f->l->d;
  const DEvent *r = &d->events[answer];
  Buf *b = f->b;
  bool late = f->t->has_window && r->date > f->deadline;
  relies_on(f->a, answer);
  Answer said = (Answer)r->answer;
  b_str(b, "; ");
  b_sym(b, f->provider);
  b_str(b, " answered ");
  b_str(b, answer_name(said));
  b_str(b, " on ");
  b_date(b, r->date);
  b_str(b, " (");
  b_event(b, d, answer);
  b_str(b, late ? ", after the window: late, but " : "");
  b_str(b, late ? "these terms do not say silence waives, so it counts)" : ")");
  if (said == ANSWER_ACCEPT) {
    f->a->decision = DECISION_NOT_PERMITTED;
    b_str(b, ": ");
    b_product(b, f->l);
    b_str(b, f->primary ? " must launch first on " : " goes to ");
    b_sym(b, f->provider);
    b_str(b, ", not ");
    b_text(b, f->l->q->provider);
  } else if (yields_to(f->t, f->provider, said)) {
    f->a->decision = DECISION_PERMITTED;
    b_sym(&f->x, f->provider);
    b_str(&f->x, " ");
    b_str(&f->x, answer_name(said));
    b_str(b, ": the exception applies, so ");
    b_may(b, f->l, f->primary);
  } else {
    f->a->decision = DECISION_NOT_PERMITTED;
    b_str(b, ", but ");
    b_sym(b, f->p->clause->id);
    b_str(b, " yields to no such answer, so ");
    b_may_not(b, f->l, f->primary);
  }
}

/* No answer: past the window, silence decides; within it (or with no window), pending. */
static void offer_unanswered(Offer *f) {
  Buf *b = f->b;
  if (f->t->has_window && f->l->q->on > f->deadline) {
    b_str(b, "; no answer came within the window");
    if (f->t->silence_waives) {
      f->a->decision = DECISION_PERMITTED;
      b_str(&f->x, "silence waives");
      b_str(b, ", and silence waives: ");
      b_may(b, f->l, f->primary);
    } else {
      f->a->decision = DECISION_NOT_PERMITTED;
      b_str(b, ", and these terms do not say that silence waives: ");
      b_may_not(b, f->l, f->primary);
    }
    return;
  }
  f->a->decision = DECISION_PENDING;
  f->a->has_deadline = f->t->has_window;
  f->a->deadline = f->deadline;
  b_str(b, "; no answer yet");
  b_str(b,
        f->t->has_window ? ": until the window closes " : " (these terms set no time to answer): ");
  b_may_not(b, f->l, f->primary);
}

/* Answers that do not count, named: one by another party, one too late to change anything. */
static void note_wrong_answers(Offer *f, int32_t wrong, int32_t late) {
  const Decider *d = f->l->d;
  Buf *b = f->b;
  if (wrong >= 0) {
    relies_on(f->a, (uint32_t)wrong);
    b_str(b, "; response ");
    b_event(b, d, (uint32_t)wrong);
    b_str(b, " is by '");
    b_sym(b, sym(d, d->events[wrong].party));
    b_str(b, "', not by ");
    b_sym(b, f->provider);
    b_str(b, ", to whom the offer was made: ignored");
  }
  if (late >= 0) {
    const DEvent *r = &d->events[late];
    relies_on(f->a, (uint32_t)late);
    b_str(b, "; response ");
    b_event(b, d, (uint32_t)late);
    b_str(b, " (");
    b_str(b, answer_name((Answer)r->answer));
    b_str(b, ", ");
    b_date(b, r->date);
    b_str(b, ") came after the window closed on ");
    b_date(b, f->deadline);
    b_str(b, ": late, and silence had already waived the right, so it changes nothing");
  }
}

/* The offers of first refusal and primary clauses: the latest offer counts. */
static void decide_offer(const Launch *l, const Plan *p, DecideAnswer *a, Buf *b) {
  const CloudTerm *t = &p->clause->u.cloud;
  bool primary = t->mode == MODE_PRIMARY;
  b_offer_terms(b, p);
  int32_t offer = latest_offer(l, p);
  if (offer < 0) {
    a->decision = DECISION_NOT_PERMITTED;
    b_product(b, l);
    b_str(b, " has not been offered to ");
    b_sym(b, t->provider.name);
    b_str(b, " by ");
    b_date(b, l->q->on);
    b_str(b, ", so it may not ");
    b_go(b, l, primary, false);
    return;
  }
  const DEvent *o = &l->d->events[offer];
  Offer f = {l,
             p,
             t,
             t->provider.name,
             primary,
             (uint32_t)offer,
             o,
             o->date + (t->has_window ? t->window_days : 0),
             a,
             b,
             buf_on(a->exception, sizeof a->exception)};
  relies_on(a, (uint32_t)offer);
  b_str(b, "Offered to ");
  b_sym(b, f.provider);
  b_str(b, " on ");
  b_date(b, o->date);
  b_str(b, " (");
  b_event(b, l->d, (uint32_t)offer);
  b_str(b, ")");
  if (t->has_window) {
    b_str(b, ", to answer within ");
    b_uint(b, (uint32_t)t->window_days);
    b_str(b, " days, by ");
    b_date(b, f.deadline);
  }
  int32_t wrong, late, answer = first_answer(&f, &wrong, &late);
  if (answer >= 0) offer_answered(&f, (uint32_t)answer);
  else offer_unanswered(&f);
  buf_mark_cut(&f.x);
  note_wrong_answers(&f, wrong, late);
}

/* Responses for the product that answer no offer, named so that the user can mend them. */
static void note_orphans(const Launch *l, DecideAnswer *a, Buf *b) {
  if (!l->product) return;
  const Decider *d = l->d;
  Range r = l->product->orphans;
  for (uint32_t i = 0, n = upto(d, r, l->q->on); i < n; i++) {
    uint32_t e = at(d, r, i);
    relies_on(a, e);
    b_str(b, "; response ");
    b_event(b, d, e);
    b_str(b, " names '");
    b_sym(b, ref_sym(d, d->events[e].ref));
    b_str(b, "' in ref, which is no offer: ignored");
  }
}

/* A clause of mode none: the product may launch anywhere. */
static void cloud_anywhere(const Launch *l, const Plan *p, DecideAnswer *a, Buf *b) {
  const CloudTerm *t = &p->clause->u.cloud;
  a->decision = DECISION_PERMITTED;
  b_sym(b, p->clause->id);
  b_str(b, " sets no cloud for ");
  b_sym(b, t->customer.name);
  b_str(b, "'s ");
  b_words(b, &t->scope);
  b_str(b, ": ");
  b_product(b, l);
  b_str(b, " may launch on any cloud, ");
  b_text(b, l->q->provider);
  b_str(b, " included");
}

/* The product launches on the clause's own provider. */
static void cloud_on_provider(const Launch *l, const Plan *p, DecideAnswer *a, Buf *b) {
  const CloudTerm *t = &p->clause->u.cloud;
  a->decision = DECISION_PERMITTED;
  b_product(b, l);
  b_str(b, " launches on ");
  b_sym(b, t->provider.name);
  b_str(b, ", the provider ");
  b_sym(b, p->clause->id);
  b_str(b, t->mode == MODE_EXCLUSIVE ? " makes exclusive"
           : t->mode == MODE_PRIMARY ? " makes primary"
                                     : " gives the right of first refusal");
}

/* An exclusive clause, and another provider: not permitted (until the milestone, if any). */
static void cloud_exclusive(const Launch *l, const Plan *p, DecideAnswer *a, Buf *b) {
  const CloudTerm *t = &p->clause->u.cloud;
  a->decision = DECISION_NOT_PERMITTED;
  b_sym(b, p->clause->id);
  b_str(b, " makes ");
  b_sym(b, t->provider.name);
  b_str(b, " the exclusive cloud for ");
  b_sym(b, t->customer.name);
  b_str(b, "'s ");
  b_words(b, &t->scope);
  if (p->clause->term.until.count && !ended_by(&p->end, l->q->on)) {
    b_str(b, " until ");
    b_sym(b, p->end.milestone);
    b_str(b, p->end.ends ? " (recorded " : " is recorded");
    if (p->end.ends) {
      b_date(b, p->end.day);
      b_str(b, ")");
    }
  }
  b_str(b, ": ");
  b_product(b, l);
  b_str(b, " may launch only on ");
  b_sym(b, t->provider.name);
  b_str(b, ", not on ");
  b_text(b, l->q->provider);
}

/* The product's first launch on a primary clause's provider, on or before the day, or -1. */
static int32_t first_on_provider(const Launch *l, const Plan *p) {
  if (p->clause->u.cloud.mode != MODE_PRIMARY || !l->product || !p->provider) return -1;
  for (uint32_t i = 0; i < l->launches_upto; i++) {
    const Entry *entry = &l->d->order[l->product->launches.first + i];
    if (entry->who == p->provider) return (int32_t)entry->event;
  }
  return -1;
}

/* A primary clause, and a product that launched on its provider first: permitted anywhere. */
static void cloud_launched(const Launch *l, const Plan *p, uint32_t first, DecideAnswer *a,
                           Buf *b) {
  a->decision = DECISION_PERMITTED;
  relies_on(a, first);
  b_product(b, l);
  b_str(b, " launched on ");
  b_sym(b, p->clause->u.cloud.provider.name);
  b_str(b, " on ");
  b_date(b, l->d->events[first].date);
  b_str(b, " (");
  b_event(b, l->d, first);
  b_str(b, "), as ");
  b_sym(b, p->clause->id);
  b_str(b, " asks of a new product: it may also be delivered on ");
  b_text(b, l->q->provider);
}

/* One clause that governs the product: its verdict in a, its reason in b. */
static void decide_cloud(const Launch *l, const Plan *p, DecideAnswer *a, Buf *b) {
  const CloudTerm *t = &p->clause->u.cloud;
  a->clause = p->clause;
  int32_t first;
  if (t->mode == MODE_NONE) cloud_anywhere(l, p, a, b);
  else if (text_is(l->q->provider, t->provider.name)) cloud_on_provider(l, p, a, b);
  else if (t->mode == MODE_EXCLUSIVE) cloud_exclusive(l, p, a, b);
  else if ((first = first_on_provider(l, p)) >= 0) cloud_launched(l, p, (uint32_t)first, a, b);
  else decide_offer(l, p, a, b);
  note_ignored(l->d, &p->end, l->q->on, a, b);
  note_orphans(l, a, b);
}

static int severity(Decision d) {
  return d == DECISION_NOT_PERMITTED ? 2 : d == DECISION_PENDING ? 1 : 0;
}

static bool is_party(const Agreement *ag, EventText t) {
  for (uint32_t i = 0; i < ag->party_count; i++)
    if (text_is(t, ag->parties[i].id)) return true;
  return false;
}

/* The product as the events up to the day know it: its lists, its type (the words of the
** question, of its name's qualifier and of its offers' subjects) and its owner. */
static void launch_read(Launch *l) {
  const Decider *d = l->d;
  const DecideQuery *q = l->q;
  uint32_t s = lookup_name(d, q->product.ptr, q->product.len);
  if (s && d->product_of[s] >= 0) l->product = &d->products[d->product_of[s]];
  add_tags(l, q->tags.ptr, q->tags.len);
  Str name = subject_kind((Str){q->product.ptr, q->product.len});
  if (name.len < q->product.len) add_tags(l, name.ptr, name.len);
  if (l->product) {
    l->offers_upto = upto(d, l->product->offers, q->on);
    l->launches_upto = upto(d, l->product->launches, q->on);
    for (uint32_t i = 0; i < l->offers_upto && !l->tags_left_out; i++) {
      Str subject = sym(d, d->order[l->product->offers.first + i].aux);
      add_tags(l, subject.ptr, subject.len);
    }
    l->owner = l->product->owner;
  }
  l->api = (has_tag(l, "api") || has_tag(l, "api-product") || has_tag(l, "api-products")) &&
           !has_tag(l, "non-api") && !has_tag(l, "non-api-product") &&
           !has_tag(l, "non-api-products");
}

/* The cloud clauses in force, in turn: each that governs the product decides, and the strictest
** decision wins, in a. The first clause that a milestone ended, whose scope missed the product or
** that carved it out is kept in l, to be cited when none governs. False when none did. */
static bool launch_govern(Launch *l, DecideAnswer *a) {
  DecideAnswer tmp;
  bool governed = false;
  PactDate on = l->q->on;
  for (uint32_t i = 0; i < l->vp->cloud_count; i++) {
    const Plan *p = &l->vp->clouds[i];
    if (!terms_clause_in_force(p->clause, on)) continue;
    if (l->owner && !str_eq(sym(l->d, l->owner), p->clause->u.cloud.customer.name)) continue;
    if (ended_by(&p->end, on)) {
      if (!l->ended) l->ended = p;
      continue;
    }
    if (!in_scope(l, p)) {
      if (!l->outside) l->outside = p;
      continue;
    }
    const Str *w = carved(l, p);
    if (w) {
      if (!l->carved_by) l->carved_by = p, l->carve = w;
      continue;
    }
    DecideAnswer *into = governed ? &tmp : a;
    into->event_count = into->events_left_out = 0;
    into->exception[0] = '\0';
    into->has_deadline = false;
    Buf b = buf_on(into->reason, sizeof into->reason);
    decide_cloud(l, p, into, &b);
    into->reason_cut = b.cut;
    if (governed && severity(tmp.decision) > severity(a->decision)) {
      const Version *version = a->version;
      *a = tmp;
      a->kind = l->q->kind;
      a->version = version;
    }
    governed = true;
  }
  return governed;
}

/* No clause governs: a carve-out took the product out of one. */
static void launch_carved(const Launch *l, DecideAnswer *a, Buf *b) {
  const Plan *p = l->carved_by;
  a->clause = p->clause;
  Buf x = buf_on(a->exception, sizeof a->exception);
  b_str(&x, "carve-out ");
  b_sym(&x, *l->carve);
  buf_mark_cut(&x);
  b_product(b, l);
  b_str(b, " is ");
  b_sym(b, *l->carve);
  b_str(b, ", which ");
  b_sym(b, p->clause->id);
  b_str(b, " carves out of ");
  b_sym(b, p->clause->u.cloud.provider.name);
  b_str(b, "'s ");
  CloudMode mode = p->clause->u.cloud.mode;
  b_str(b, mode == MODE_EXCLUSIVE       ? "exclusivity"
           : mode == MODE_FIRST_REFUSAL ? "right of first refusal"
           : mode == MODE_PRIMARY       ? "primacy"
                                        : "terms");
  b_str(b, ": it may launch on ");
  b_text(b, l->q->provider);
  note_ignored(l->d, &p->end, l->q->on, a, b);
}

/* No clause governs: a milestone ended one. */
static void launch_after_end(const Launch *l, DecideAnswer *a, Buf *b) {
  const Plan *p = l->ended;
  const DEvent *m = &l->d->events[p->end.event];
  a->clause = p->clause;
  relies_on(a, p->end.event);
  b_sym(b, p->clause->id);
  b_str(b, " ended when ");
  b_sym(b, p->end.milestone);
  b_str(b, " was recorded on ");
  b_date(b, m->date);
  b_str(b, " (");
  b_event(b, l->d, p->end.event);
  b_str(b, "), and no other cloud clause governs ");
  b_product(b, l);
  b_str(b, ": it may launch on ");
  b_text(b, l->q->provider);
}

/* No clause governs: one's scope does not reach the product (a product launched before primary
** terms for new products began is no new product). */
static void launch_outside(const Launch *l, DecideAnswer *a, Buf *b) {
  const Plan *p = l->outside;
  const CloudTerm *t = &p->clause->u.cloud;
  a->clause = p->clause;
  b_sym(b, p->clause->id);
  b_str(b, " governs only ");
  b_words(b, &t->scope);
  b_str(b, ", and ");
  b_product(b, l);
  bool is_new_only = t->scope.count == 1 && str_is(t->scope.items[0], "new-products");
  if (is_new_only && launched_before(l, p->start)) {
    uint32_t e = at(l->d, l->product->launches, 0);
    relies_on(a, e);
    b_str(b, " launched on ");
    b_date(b, l->d->events[e].date);
    b_str(b, " (");
    b_event(b, l->d, e);
    b_str(b, "), before these terms began on ");
    b_date(b, p->start);
    b_str(b, ": it is no new product");
  } else {
    b_str(b, l->api ? " is an API product" : " is not one of them");
  }
  b_str(b, "; it may launch on ");
  b_text(b, l->q->provider);
}

void launch_query(const Decider *d, const DecideQuery *q, const VersionPlan *vp, DecideAnswer *a) {
  Launch l = {.d = d, .q = q, .vp = vp};
  launch_read(&l);
  Buf b = {a->reason, 0, sizeof a->reason, false};
  if (launch_govern(&l, a)) {
    b.len = strlen(a->reason);
    b.cut = a->reason_cut;
  } else {
    a->decision = DECISION_PERMITTED;
    b = buf_on(a->reason, sizeof a->reason);
    if (l.carved_by) launch_carved(&l, a, &b);
    else if (l.ended) launch_after_end(&l, a, &b);
    else if (l.outside) launch_outside(&l, a, &b);
    else {
      b_str(&b, "no cloud clause of these terms governs ");
      b_product(&b, &l);
      b_str(&b, ": it may launch on ");
      b_text(&b, q->provider);
    }
  }
  if (!l.product) {
    b_str(&b, "; no event names product ");
    b_product(&b, &l);
  }
  if (!is_party(d->ag, q->provider) && !lookup_name(d, q->provider.ptr, q->provider.len)) {
    b_str(&b, "; no event names provider '");
    b_text(&b, q->provider);
    b_str(&b, "' and it is no party: read as a cloud outside the agreement");
  }
  if (l.tags_left_out) {
    b_str(&b, "; only the first ");
    b_uint(&b, PACT_DECIDE_TAGS_MAX);
    b_str(&b, " words of the product's type were read");
  }
  reason_close(a, &b);
}
