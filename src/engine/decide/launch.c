/*
** launch.c -- where a product may launch: the cloud clauses (mode, scope, carve-outs,
** exceptions, window, silence) of the version in force, over the product's offers, answers and
** launches (decide_int.h).
*/
#include <string.h>

#include "engine/decide/decide_int.h"

enum { TAGS_MAX = 32 };

typedef struct Launch {
  const Decider *d;
  const DecideQuery *q;
  const VersionPlan *vp;
  const Product *product; /* NULL: no event names it */
  uint32_t offers_upto, launches_upto;
  Str tags[TAGS_MAX];
  uint32_t tag_count;
  bool api;
  uint32_t owner; /* the party of its first offer or launch, or 0 */
} Launch;

static void add_tags(Launch *l, const char *p, uint32_t len) {
  uint32_t i = 0;
  while (i < len) {
    while (i < len && (p[i] == ' ' || p[i] == ',' || p[i] == '+' || p[i] == ';')) i++;
    uint32_t start = i;
    while (i < len && p[i] != ' ' && p[i] != ',' && p[i] != '+' && p[i] != ';') i++;
    if (i > start && l->tag_count < TAGS_MAX) l->tags[l->tag_count++] = (Str){p + start, i - start};
  }
}

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

/* The offers of first refusal and primary clauses: the latest offer counts. */
static void decide_offer(const Launch *l, const Plan *p, DecideAnswer *a, Buf *b) {
  const Decider *d = l->d;
  const CloudTerm *t = &p->clause->u.cloud;
  Str provider = t->provider.name, customer = t->customer.name;
  bool primary = t->mode == MODE_PRIMARY;
  int32_t offer = -1;
  for (uint32_t i = l->offers_upto; i-- > 0 && l->product && p->provider;) {
    const Entry *entry = &d->order[l->product->offers.first + i];
    if (entry->who != p->provider) continue;
    uint32_t e = entry->event;
    const DEvent *o = &d->events[e];
    if (str_eq(sym(d, o->party), customer)) {
      offer = (int32_t)e;
      break;
    }
  }
  b_sym(b, p->clause->id);
  b_str(b, primary ? " makes " : " gives ");
  b_sym(b, provider);
  b_str(b, primary ? " the primary cloud for " : " a right of first refusal on ");
  b_words(b, &t->scope);
  b_str(b, primary ? ": a new product launches first on " : ": each need is offered to ");
  b_sym(b, provider);
  b_str(b, "; ");
  b_exceptions(b, t);
  b_str(b, ". ");
  if (offer < 0) {
    a->decision = DECISION_NOT_PERMITTED;
    b_product(b, l);
    b_str(b, " has not been offered to ");
    b_sym(b, provider);
    b_str(b, " by ");
    b_date(b, l->q->on);
    b_str(b, ", so it may not ");
    b_str(b, primary ? "launch first on " : "go to ");
    b_text(b, l->q->provider);
    return;
  }
  const DEvent *o = &d->events[offer];
  relies_on(a, (uint32_t)offer);
  PactDate deadline = o->date + (t->has_window ? t->window_days : 0);
  b_str(b, "Offered to ");
  b_sym(b, provider);
  b_str(b, " on ");
  b_date(b, o->date);
  b_str(b, " (");
  b_event(b, d, (uint32_t)offer);
  b_str(b, ")");
  if (t->has_window) {
    b_str(b, ", to answer within ");
    b_uint(b, (uint32_t)t->window_days);
    b_str(b, " days, by ");
    b_date(b, deadline);
  }
  /* The first answer in time by the provider offered to counts. */
  Range answers = d->answers[offer];
  int32_t answer = -1, wrong = -1, late = -1;
  for (uint32_t i = 0, n = upto(d, answers, l->q->on); i < n; i++) {
    uint32_t e = at(d, answers, i);
    const DEvent *r = &d->events[e];
    if (r->party != o->counterparty) {
      if (wrong < 0) wrong = (int32_t)e;
      continue;
    }
    if (t->has_window && r->date > deadline && t->silence_waives) {
      if (late < 0) late = (int32_t)e;
      continue;
    }
    answer = (int32_t)e;
    break;
  }
  char exception[DECIDE_EXCEPTION_MAX];
  Buf x = buf_on(exception, sizeof exception);
  if (answer >= 0) {
    const DEvent *r = &d->events[answer];
    relies_on(a, (uint32_t)answer);
    Answer said = (Answer)r->answer;
    b_str(b, "; ");
    b_sym(b, provider);
    b_str(b, " answered ");
    b_str(b, answer_name(said));
    b_str(b, " on ");
    b_date(b, r->date);
    b_str(b, " (");
    b_event(b, d, (uint32_t)answer);
    b_str(b, t->has_window && r->date > deadline ? ", after the window: late, but " : "");
    b_str(b, t->has_window && r->date > deadline
                 ? "these terms do not say silence waives, so it counts)"
                 : ")");
    if (said == ANSWER_ACCEPT) {
      a->decision = DECISION_NOT_PERMITTED;
      b_str(b, ": ");
      b_product(b, l);
      b_str(b, primary ? " must launch first on " : " goes to ");
      b_sym(b, provider);
      b_str(b, ", not ");
      b_text(b, l->q->provider);
    } else if (yields_to(t, provider, said)) {
      a->decision = DECISION_PERMITTED;
      b_sym(&x, provider);
      b_str(&x, " ");
      b_str(&x, answer_name(said));
      b_str(b, ": the exception applies, so ");
      b_product(b, l);
      b_str(b, " may ");
      b_str(b, primary ? "launch on " : "go to ");
      b_text(b, l->q->provider);
    } else {
      a->decision = DECISION_NOT_PERMITTED;
      b_str(b, ", but ");
      b_sym(b, p->clause->id);
      b_str(b, " yields to no such answer, so ");
      b_product(b, l);
      b_str(b, " may not ");
      b_str(b, primary ? "launch first on " : "go to ");
      b_text(b, l->q->provider);
    }
  } else if (t->has_window && l->q->on > deadline) {
    b_str(b, "; no answer came within the window");
    if (t->silence_waives) {
      a->decision = DECISION_PERMITTED;
      b_str(&x, "silence waives");
      b_str(b, ", and silence waives: ");
      b_product(b, l);
      b_str(b, " may ");
      b_str(b, primary ? "launch on " : "go to ");
      b_text(b, l->q->provider);
    } else {
      a->decision = DECISION_NOT_PERMITTED;
      b_str(b, ", and these terms do not say that silence waives: ");
      b_product(b, l);
      b_str(b, " may not ");
      b_str(b, primary ? "launch first on " : "go to ");
      b_text(b, l->q->provider);
    }
  } else {
    a->decision = DECISION_PENDING;
    a->has_deadline = t->has_window;
    a->deadline = deadline;
    b_str(b, "; no answer yet");
    b_str(b,
          t->has_window ? ": until the window closes " : " (these terms set no time to answer): ");
    b_product(b, l);
    b_str(b, " may not ");
    b_str(b, primary ? "launch first on " : "go to ");
    b_text(b, l->q->provider);
  }
  memcpy(a->exception, exception, sizeof exception);
  if (wrong >= 0) {
    const DEvent *r = &d->events[wrong];
    relies_on(a, (uint32_t)wrong);
    b_str(b, "; response ");
    b_event(b, d, (uint32_t)wrong);
    b_str(b, " is by '");
    b_sym(b, sym(d, r->party));
    b_str(b, "', not by ");
    b_sym(b, provider);
    b_str(b, ", to whom the offer was made: ignored");
  }
  if (late >= 0) {
    const DEvent *r = &d->events[late];
    relies_on(a, (uint32_t)late);
    b_str(b, "; response ");
    b_event(b, d, (uint32_t)late);
    b_str(b, " (");
    b_str(b, answer_name((Answer)r->answer));
    b_str(b, ", ");
    b_date(b, r->date);
    b_str(b, ") came after the window closed on ");
    b_date(b, deadline);
    b_str(b, ": late, and silence had already waived the right, so it changes nothing");
  }
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

/* One clause that governs the product: its verdict in a, its reason in b. */
static void decide_cloud(const Launch *l, const Plan *p, DecideAnswer *a, Buf *b) {
  const Decider *d = l->d;
  const CloudTerm *t = &p->clause->u.cloud;
  a->clause = p->clause;
  bool on_provider = text_is(l->q->provider, t->provider.name);
  if (t->mode == MODE_NONE) {
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
  } else if (on_provider) {
    a->decision = DECISION_PERMITTED;
    b_product(b, l);
    b_str(b, " launches on ");
    b_sym(b, t->provider.name);
    b_str(b, ", the provider ");
    b_sym(b, p->clause->id);
    b_str(b, t->mode == MODE_EXCLUSIVE ? " makes exclusive"
             : t->mode == MODE_PRIMARY ? " makes primary"
                                       : " gives the right of first refusal");
  } else if (t->mode == MODE_EXCLUSIVE) {
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
  } else {
    int32_t first_on_provider = -1;
    if (t->mode == MODE_PRIMARY && l->product && p->provider) {
      for (uint32_t i = 0; i < l->launches_upto; i++) {
        const Entry *entry = &d->order[l->product->launches.first + i];
        if (entry->who == p->provider) {
          first_on_provider = (int32_t)entry->event;
          break;
        }
      }
    }
    if (first_on_provider >= 0) {
      a->decision = DECISION_PERMITTED;
      relies_on(a, (uint32_t)first_on_provider);
      b_product(b, l);
      b_str(b, " launched on ");
      b_sym(b, t->provider.name);
      b_str(b, " on ");
      b_date(b, d->events[first_on_provider].date);
      b_str(b, " (");
      b_event(b, d, (uint32_t)first_on_provider);
      b_str(b, "), as ");
      b_sym(b, p->clause->id);
      b_str(b, " asks of a new product: it may also be delivered on ");
      b_text(b, l->q->provider);
    } else {
      decide_offer(l, p, a, b);
    }
  }
  note_ignored(d, &p->end, l->q->on, a, b);
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

void launch_query(const Decider *d, const DecideQuery *q, const VersionPlan *vp, DecideAnswer *a) {
  Launch l = {.d = d, .q = q, .vp = vp};
  uint32_t s = lookup_name(d, q->product.ptr, q->product.len);
  if (s && d->product_of[s] >= 0) l.product = &d->products[d->product_of[s]];
  add_tags(&l, q->tags.ptr, q->tags.len);
  Str name = subject_kind((Str){q->product.ptr, q->product.len});
  if (name.len < q->product.len) add_tags(&l, name.ptr, name.len);
  if (l.product) {
    l.offers_upto = upto(d, l.product->offers, q->on);
    l.launches_upto = upto(d, l.product->launches, q->on);
    for (uint32_t i = 0; i < l.offers_upto && l.tag_count < TAGS_MAX; i++) {
      Str subject = sym(d, d->order[l.product->offers.first + i].aux);
      add_tags(&l, subject.ptr, subject.len);
    }
    l.owner = l.product->owner;
  }
  l.api = (has_tag(&l, "api") || has_tag(&l, "api-product") || has_tag(&l, "api-products")) &&
          !has_tag(&l, "non-api") && !has_tag(&l, "non-api-product") &&
          !has_tag(&l, "non-api-products");

  DecideAnswer tmp;
  bool governed = false;
  const Plan *ended = NULL, *outside = NULL, *carved_by = NULL;
  const Str *carve = NULL;
  for (uint32_t i = 0; i < vp->cloud_count; i++) {
    const Plan *p = &vp->clouds[i];
    const CloudTerm *t = &p->clause->u.cloud;
    if (!terms_clause_in_force(p->clause, q->on)) continue;
    if (l.owner && !str_eq(sym(d, l.owner), t->customer.name)) continue;
    if (ended_by(&p->end, q->on)) {
      if (!ended) ended = p;
      continue;
    }
    if (!in_scope(&l, p)) {
      if (!outside) outside = p;
      continue;
    }
    const Str *w = carved(&l, p);
    if (w) {
      if (!carved_by) carved_by = p, carve = w;
      continue;
    }
    DecideAnswer *into = governed ? &tmp : a;
    into->event_count = 0;
    into->exception[0] = '\0';
    into->has_deadline = false;
    Buf b = buf_on(into->reason, sizeof into->reason);
    decide_cloud(&l, p, into, &b);
    if (governed && severity(tmp.decision) > severity(a->decision)) {
      const Version *version = a->version;
      *a = tmp;
      a->kind = q->kind;
      a->version = version;
    }
    governed = true;
  }
  Buf b = {a->reason, strlen(a->reason), sizeof a->reason};
  if (!governed) {
    a->decision = DECISION_PERMITTED;
    b = buf_on(a->reason, sizeof a->reason);
    if (carved_by) {
      a->clause = carved_by->clause;
      Buf x = buf_on(a->exception, sizeof a->exception);
      b_str(&x, "carve-out ");
      b_sym(&x, *carve);
      b_product(&b, &l);
      b_str(&b, " is ");
      b_sym(&b, *carve);
      b_str(&b, ", which ");
      b_sym(&b, carved_by->clause->id);
      b_str(&b, " carves out of ");
      b_sym(&b, carved_by->clause->u.cloud.provider.name);
      b_str(&b, "'s ");
      CloudMode mode = carved_by->clause->u.cloud.mode;
      b_str(&b, mode == MODE_EXCLUSIVE       ? "exclusivity"
                : mode == MODE_FIRST_REFUSAL ? "right of first refusal"
                : mode == MODE_PRIMARY       ? "primacy"
                                             : "terms");
      b_str(&b, ": it may launch on ");
      b_text(&b, q->provider);
      note_ignored(d, &carved_by->end, q->on, a, &b);
    } else if (ended) {
      const DEvent *m = &d->events[ended->end.event];
      a->clause = ended->clause;
      relies_on(a, ended->end.event);
      b_sym(&b, ended->clause->id);
      b_str(&b, " ended when ");
      b_sym(&b, ended->end.milestone);
      b_str(&b, " was recorded on ");
      b_date(&b, m->date);
      b_str(&b, " (");
      b_event(&b, d, ended->end.event);
      b_str(&b, "), and no other cloud clause governs ");
      b_product(&b, &l);
      b_str(&b, ": it may launch on ");
      b_text(&b, q->provider);
    } else if (outside) {
      const CloudTerm *t = &outside->clause->u.cloud;
      a->clause = outside->clause;
      b_sym(&b, outside->clause->id);
      b_str(&b, " governs only ");
      b_words(&b, &t->scope);
      b_str(&b, ", and ");
      b_product(&b, &l);
      bool is_new_only = t->scope.count == 1 && str_is(t->scope.items[0], "new-products");
      if (is_new_only && launched_before(&l, outside->start)) {
        uint32_t e = at(d, l.product->launches, 0);
        relies_on(a, e);
        b_str(&b, " launched on ");
        b_date(&b, d->events[e].date);
        b_str(&b, " (");
        b_event(&b, d, e);
        b_str(&b, "), before these terms began on ");
        b_date(&b, outside->start);
        b_str(&b, ": it is no new product");
      } else {
        b_str(&b, l.api ? " is an API product" : " is not one of them");
      }
      b_str(&b, "; it may launch on ");
      b_text(&b, q->provider);
    } else {
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
}
