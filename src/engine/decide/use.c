/*
** use.c -- whether a party may use a subject: the licence clauses (covers, excludes,
** exclusivity, until) of the version in force, and the grants made under them (decide_int.h).
*/
#include <string.h>

#include "engine/decide/decide_int.h"

typedef struct UntilDay {
  bool has_day;
  PactDate day;  /* the last day */
  Str milestone; /* not yet recorded, and it may end it sooner */
} UntilDay;

static void until_merge(UntilDay *u, const Term *term, const Ending *end, PactDate on) {
  if (term->has_through && (!u->has_day || term->through < u->day)) {
    u->has_day = true;
    u->day = term->through;
  }
  if (end->ends && end->day > on) {
    if (!u->has_day || end->day - 1 < u->day) {
      u->has_day = true;
      u->day = end->day - 1;
    }
  } else if (!end->ends && end->milestone.len && !u->milestone.len) {
    u->milestone = end->milestone;
  }
}

static void b_until(Buf *b, UntilDay u) {
  if (u.has_day) {
    b_str(b, " through ");
    b_date(b, u.day);
    if (u.milestone.len) {
      b_str(b, ", or until ");
      b_sym(b, u.milestone);
      b_str(b, " is recorded if that comes first");
    }
  } else if (u.milestone.len) {
    b_str(b, " until ");
    b_sym(b, u.milestone);
    b_str(b, " is recorded");
  }
}

/* Grants over the subject: its own, its kind's whole (model, models) or, for a whole kind,
** every grant of the kind. Calls back until it returns false. */
typedef bool (*GrantVisit)(void *context, const Entry *grant);

static void each_grant(const Decider *d, Str subject, uint32_t subject_sym, PactDate on,
                       GrantVisit visit, void *context) {
  Str kind = subject_kind(subject);
  uint32_t keys[3] = {subject_sym, 0, 0};
  Range ranges[3];
  uint32_t n = 0;
  if (!has_qualifier(subject)) {
    /* A whole kind: every grant of it, the kind's words included. */
    if (keys[0] && d->subject_of[keys[0]] >= 0)
      ranges[n++] = d->subjects[d->subject_of[keys[0]]].kind_grants;
    if (kind.len > 1 && kind.ptr[kind.len - 1] == 's') {
      uint32_t k = lookup_name(d, kind.ptr, kind.len - 1);
      if (k && d->subject_of[k] >= 0) ranges[n++] = d->subjects[d->subject_of[k]].kind_grants;
    }
  } else {
    if (keys[0] && d->subject_of[keys[0]] >= 0)
      ranges[n++] = d->subjects[d->subject_of[keys[0]]].grants;
    uint32_t k1 = lookup_name(d, kind.ptr, kind.len), k2 = lookup_plural(d, kind);
    if (k1 && d->subject_of[k1] >= 0) ranges[n++] = d->subjects[d->subject_of[k1]].grants;
    if (k2 && d->subject_of[k2] >= 0) ranges[n++] = d->subjects[d->subject_of[k2]].grants;
  }
  /* Newest first, over each list. */
  for (uint32_t r = 0; r < n; r++)
    for (uint32_t i = upto(d, ranges[r], on); i-- > 0;)
      if (!visit(context, &d->order[ranges[r].first + i])) return;
}

typedef struct GrantSearch {
  const Decider *d;
  Str subject, licensee;
  uint32_t licensee_sym; /* 0: no event names the licensee */
  PactDate on;
  int32_t found; /* the newest grant to the licensee, in force */
  /* Breaches: grants by licensor to others while an exclusive licence to licensee held. */
  Str licensor;
  uint32_t breaches[PACT_DECIDE_BREACH_GRANTS_MAX];
  uint32_t breach_count, breach_more;
  bool want_breaches;
} GrantSearch;

/* each_grant gives only grants whose subject overlaps: the checks here are on symbols and the
** breaches worked out beforehand, so that most grants are passed over without reading them. */
static bool find_grant(void *context, const Entry *entry) {
  GrantSearch *s = context;
  uint32_t e = entry->event;
  if (s->want_breaches) {
    if (entry->who == s->licensee_sym || !entry->aux) return true;
    const Plan *by = s->d->breach[e];
    if (!by || !str_eq(by->clause->u.licence.licensee.name, s->licensee) ||
        !str_eq(by->clause->u.licence.licensor.name, s->licensor))
      return true;
    if (s->breach_count < PACT_DECIDE_BREACH_GRANTS_MAX) s->breaches[s->breach_count++] = e;
    else s->breach_more++;
    return true;
  }
  if (!s->licensee_sym || entry->who != s->licensee_sym) return true;
  const DEvent *g = &s->d->events[e];
  if (g->has_end && g->end < s->on) return true;
  if (s->found < 0 || g->date > s->d->events[s->found].date) s->found = (int32_t)e;
  return true;
}

static void b_subject(Buf *b, const DecideQuery *q) {
  b_str(b, "'");
  b_text(b, q->subject);
  b_str(b, "'");
}

static void b_licence(Buf *b, const Plan *p) {
  const LicenceTerm *t = &p->clause->u.licence;
  b_sym(b, p->clause->id);
  b_str(b, ": ");
  b_sym(b, t->licensor.name);
  b_str(b, " licenses ");
  b_list(b, &t->covers, ", ");
  if (t->excludes.count) {
    b_str(b, " (not ");
    b_list(b, &t->excludes, ", ");
    b_str(b, ")");
  }
  b_str(b, " to ");
  b_sym(b, t->licensee.name);
}

/* The newest use of the subject by the licensee (a symbol), on or before the day, or -1. */
static int32_t last_use(const Decider *d, uint32_t subject, uint32_t licensee, PactDate on) {
  if (!subject || !licensee || d->subject_of[subject] < 0) return -1;
  Range r = d->subjects[d->subject_of[subject]].uses;
  for (uint32_t i = upto(d, r, on); i-- > 0;)
    if (d->order[r.first + i].who == licensee) return (int32_t)d->order[r.first + i].event;
  return -1;
}

/* A use question, with what the licence clauses in force say of it: the first clause of each
** role, and the texts the answer is built in. */
typedef struct Use {
  const Decider *d;
  const DecideQuery *q;
  DecideAnswer *a;
  Str subject, licensee;
  const Plan *held;     /* a licence to the licensee that covers the subject */
  const Plan *owned;    /* a licence by the licensee: the subject is its own */
  const Plan *excl;     /* an exclusive licence to someone else, on the day */
  const Plan *covering; /* any licence that covers the subject */
  const Plan *ended;    /* a licence to the licensee that a milestone ended */
  const Plan *excluded; /* a licence to the licensee that excludes the subject */
  const Str *excluded_word;
  Buf b, u; /* the reason, and until */
} Use;

/* The licence clauses in force on the day, read for the roles they play. */
static void match_licences(Use *x, const VersionPlan *vp) {
  PactDate on = x->q->on;
  for (uint32_t i = 0; i < vp->licence_count; i++) {
    const Plan *p = &vp->licences[i];
    const LicenceTerm *t = &p->clause->u.licence;
    if (!terms_clause_in_force(p->clause, on)) continue;
    const Str *out = list_covers(&t->excludes, x->subject);
    if (out) {
      if (!x->excluded && str_eq(t->licensee.name, x->licensee))
        x->excluded = p, x->excluded_word = out;
      continue;
    }
    if (!list_covers(&t->covers, x->subject)) continue;
    if (ended_by(&p->end, on)) {
      if (!x->ended && str_eq(t->licensee.name, x->licensee)) x->ended = p;
      continue;
    }
    if (!x->covering) x->covering = p;
    if (!x->held && str_eq(t->licensee.name, x->licensee)) x->held = p;
    if (!x->owned && str_eq(t->licensor.name, x->licensee)) x->owned = p;
    if (!x->excl && !str_eq(t->licensee.name, x->licensee) && exclusive_on(p, on)) x->excl = p;
  }
}

/* How long the held licence holds, exclusively or not, in words; the day the answer holds
** until. */
static UntilDay held_until(Use *x) {
  const Plan *held = x->held;
  const LicenceTerm *t = &held->clause->u.licence;
  PactDate on = x->q->on;
  Buf *b = &x->b;
  UntilDay until = {0};
  until_merge(&until, &held->clause->term, &held->end, on);
  if (x->a->exclusive) {
    UntilDay only = until;
    until_merge(&only, &t->exclusivity, &held->exclusivity, on);
    b_str(b, ", exclusively");
    b_until(b, only);
    if (only.has_day != until.has_day || only.day != until.day ||
        only.milestone.len != until.milestone.len) {
      b_str(b, "; the licence runs");
      b_until(b, until);
    }
    return only;
  }
  b_str(b, t->exclusive ? ", no longer exclusively" : ", not exclusively");
  if (t->exclusive && held->exclusivity.ends) {
    relies_on(x->a, held->exclusivity.event);
    b_str(b, " (exclusivity ended when ");
    b_sym(b, held->exclusivity.milestone);
    b_str(b, " was recorded on ");
    b_date(b, held->exclusivity.day);
    b_str(b, ", ");
    b_event(b, x->d, held->exclusivity.event);
    b_str(b, ")");
  }
  b_until(b, until);
  return until;
}

/* The grants by the licensor to others that breached the licensee's exclusivity when they were
** made: the first three named, the rest counted. */
static void note_breaches(Use *x, Str licensor) {
  const Decider *d = x->d;
  Buf *b = &x->b;
  GrantSearch s = {.d = d,
                   .subject = x->subject,
                   .licensee = x->licensee,
                   .on = x->q->on,
                   .found = -1,
                   .licensor = licensor,
                   .want_breaches = true,
                   .licensee_sym = lookup_name(d, x->licensee.ptr, x->licensee.len)};
  each_grant(d, x->subject, lookup_name(d, x->subject.ptr, x->subject.len), x->q->on, find_grant,
             &s);
  for (uint32_t i = 0; i < s.breach_count; i++) {
    const DEvent *g = &d->events[s.breaches[i]];
    relies_on(x->a, s.breaches[i]);
    b_str(b, "; ");
    b_sym(b, sym(d, g->party));
    b_str(b, "'s grant of '");
    b_sym(b, sym(d, g->subject));
    b_str(b, "' to ");
    b_sym(b, sym(d, g->counterparty));
    b_str(b, " on ");
    b_date(b, g->date);
    b_str(b, " (");
    b_event(b, d, s.breaches[i]);
    b_str(b, ") breaches that exclusivity");
  }
  if (s.breach_more) {
    b_str(b, "; and ");
    b_uint(b, s.breach_more);
    b_str(b, " more grants breach it");
  }
}

/* The licensee holds a licence that covers the subject: permitted. */
static void use_held(Use *x) {
  const Plan *held = x->held;
  DecideAnswer *a = x->a;
  Buf *b = &x->b;
  a->decision = DECISION_PERMITTED;
  a->clause = held->clause;
  a->exclusive = exclusive_on(held, x->q->on);
  b_licence(b, held);
  UntilDay until = held_until(x);
  if (until.has_day) b_date(&x->u, until.day);
  else if (until.milestone.len) b_sym(&x->u, until.milestone);
  b_str(b, ": ");
  b_text(b, x->q->licensee);
  b_str(b, " may use ");
  b_subject(b, x->q);
  note_breaches(x, held->clause->u.licence.licensor.name);
  note_ignored(x->d, &held->exclusivity, x->q->on, a, b);
  if (!held->exclusivity.ignored || !held->end.ignored ||
      held->exclusivity.ignored_event != held->end.ignored_event)
    note_ignored(x->d, &held->end, x->q->on, a, b);
}

/* The licensee is the licensor of a licence that covers the subject: permitted. */
static void use_owned(Use *x) {
  x->a->decision = DECISION_PERMITTED;
  x->a->clause = x->owned->clause;
  b_text(&x->b, x->q->licensee);
  b_str(&x->b, " is the licensor of ");
  b_subject(&x->b, x->q);
  b_str(&x->b, " under ");
  b_licence(&x->b, x->owned);
  b_str(&x->b, x->owned->clause->u.licence.exclusive ? ", exclusively" : "");
}

/* A grant to the licensee that an exclusive licence to another covers on the day: the grant
** breaches it, and the licensee may not use the subject. */
static void use_grant_breaches(Use *x, uint32_t grant, const Plan *against) {
  const Decider *d = x->d;
  const DEvent *g = &d->events[grant];
  Buf *b = &x->b;
  x->a->decision = DECISION_NOT_PERMITTED;
  x->a->clause = against->clause;
  b_licence(b, against);
  b_str(b, ", exclusively on ");
  b_date(b, x->q->on);
  b_str(b, "; ");
  b_sym(b, sym(d, g->party));
  b_str(b, "'s grant of '");
  b_sym(b, sym(d, g->subject));
  b_str(b, "' to ");
  b_text(b, x->q->licensee);
  b_str(b, " on ");
  b_date(b, g->date);
  b_str(b, " (");
  b_event(b, d, grant);
  b_str(b, ") breaches it, so ");
  b_text(b, x->q->licensee);
  b_str(b, " may not use ");
  b_subject(b, x->q);
  note_ignored(d, &against->exclusivity, x->q->on, x->a, b);
}

/* A grant to the licensee that no exclusive licence stands against: permitted, until the
** grant's end; the reason says if the grant breached an exclusive licence when it was made. */
static void use_grant_holds(Use *x, uint32_t grant) {
  const Decider *d = x->d;
  const DEvent *g = &d->events[grant];
  Buf *b = &x->b;
  x->a->decision = DECISION_PERMITTED;
  x->a->clause = x->covering ? x->covering->clause : NULL;
  if (g->has_end) b_date(&x->u, g->end);
  b_sym(b, sym(d, g->party));
  b_str(b, " granted ");
  b_text(b, x->q->licensee);
  b_str(b, " '");
  b_sym(b, sym(d, g->subject));
  b_str(b, "' on ");
  b_date(b, g->date);
  b_str(b, " (");
  b_event(b, d, grant);
  b_str(b, ")");
  if (g->has_end) {
    b_str(b, " through ");
    b_date(b, g->end);
  }
  if (x->covering) {
    b_str(b, ", and ");
    b_licence(b, x->covering);
    b_str(b, " only non-exclusively, so ");
    b_sym(b, x->covering->clause->u.licence.licensor.name);
    b_str(b, " may license others");
  } else {
    b_str(b, ", and no exclusive licence of these terms covers it");
  }
  const Plan *then;
  const VersionPlan *then_vp;
  if (grant_breaches(d, g, &then, &then_vp)) {
    b_str(b, "; the grant breached ");
    b_sym(b, then->clause->id);
    b_str(b, " (");
    b_sym(b, then_vp->version->name);
    b_str(b, "), exclusive to ");
    b_sym(b, then->clause->u.licence.licensee.name);
    b_str(b, " when it was made");
  }
  b_str(b, ": ");
  b_text(b, x->q->licensee);
  b_str(b, " may use ");
  b_subject(b, x->q);
}

/* No licence or grant in force gives the licensee the subject: not permitted, citing the
** exclusive licence to another, else one that covers it, else the one that ended or excludes. */
static void use_refused(Use *x) {
  const Plan *cite = x->excl       ? x->excl
                     : x->covering ? x->covering
                     : x->ended    ? x->ended
                                   : x->excluded;
  Buf *b = &x->b;
  x->a->decision = DECISION_NOT_PERMITTED;
  x->a->clause = cite ? cite->clause : NULL;
  if (x->ended) {
    relies_on(x->a, x->ended->end.event);
    b_sym(b, x->ended->clause->id);
    b_str(b, ", the licence to ");
    b_text(b, x->q->licensee);
    b_str(b, ", ended when ");
    b_sym(b, x->ended->end.milestone);
    b_str(b, " was recorded on ");
    b_date(b, x->ended->end.day);
    b_str(b, " (");
    b_event(b, x->d, x->ended->end.event);
    b_str(b, "); ");
  } else if (x->excluded) {
    b_sym(b, x->excluded->clause->id);
    b_str(b, " licenses ");
    b_list(b, &x->excluded->clause->u.licence.covers, ", ");
    b_str(b, " to ");
    b_text(b, x->q->licensee);
    b_str(b, " but excludes ");
    b_sym(b, *x->excluded_word);
    b_str(b, "; ");
  }
  if (x->excl) {
    b_licence(b, x->excl);
    b_str(b, ", exclusively on ");
    b_date(b, x->q->on);
    b_str(b, "; ");
  } else if (x->covering && x->covering != x->ended) {
    b_licence(b, x->covering);
    b_str(b, "; ");
  } else if (!x->ended && !x->excluded) {
    b_str(b, "no licence of these terms covers ");
    b_subject(b, x->q);
    b_str(b, "; ");
  }
  b_str(b, "no licence or grant in force gives ");
  b_text(b, x->q->licensee);
  b_str(b, " ");
  b_subject(b, x->q);
  b_str(b, " on ");
  b_date(b, x->q->on);
}

/* Without a licence of its own: by the newest grant to the licensee, else refused; the reason
** ends with the licensee's last use of the subject. */
static void use_by_grant(Use *x) {
  const Decider *d = x->d;
  GrantSearch s = {.d = d,
                   .subject = x->subject,
                   .licensee = x->licensee,
                   .on = x->q->on,
                   .found = -1,
                   .licensee_sym = lookup_name(d, x->licensee.ptr, x->licensee.len)};
  uint32_t subject_sym = lookup_name(d, x->subject.ptr, x->subject.len);
  each_grant(d, x->subject, subject_sym, x->q->on, find_grant, &s);
  int32_t use = last_use(d, subject_sym, s.licensee_sym, x->q->on);
  if (s.found >= 0) {
    const DEvent *g = &d->events[s.found];
    relies_on(x->a, (uint32_t)s.found);
    const Plan *against =
        exclusive_against(d, x->q->on, sym(d, g->party), x->subject, x->licensee, NULL);
    if (against) use_grant_breaches(x, (uint32_t)s.found, against);
    else use_grant_holds(x, (uint32_t)s.found);
  } else {
    use_refused(x);
  }
  if (use >= 0) {
    relies_on(x->a, (uint32_t)use);
    b_str(&x->b, "; ");
    b_text(&x->b, x->q->licensee);
    b_str(&x->b, " used it on ");
    b_date(&x->b, d->events[use].date);
    b_str(&x->b, " (");
    b_event(&x->b, d, (uint32_t)use);
    b_str(&x->b, ")");
  }
}

void use_query(const Decider *d, const DecideQuery *q, const VersionPlan *vp, DecideAnswer *a) {
  Use x = {.d = d,
           .q = q,
           .a = a,
           .subject = {q->subject.ptr, q->subject.len},
           .licensee = {q->licensee.ptr, q->licensee.len},
           .b = buf_on(a->reason, sizeof a->reason),
           .u = buf_on(a->until, sizeof a->until)};
  match_licences(&x, vp);
  if (x.held) use_held(&x);
  else if (x.owned) use_owned(&x);
  else use_by_grant(&x);
  buf_mark_cut(&x.u);
  reason_close(a, &x.b);
}
