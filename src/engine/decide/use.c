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
    char plural[256];
    uint32_t k1 = lookup_name(d, kind.ptr, kind.len), k2 = 0;
    if (kind.len + 1 < sizeof plural) {
      memcpy(plural, kind.ptr, kind.len);
      plural[kind.len] = 's';
      k2 = lookup_name(d, plural, kind.len + 1);
    }
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
  uint32_t breaches[3];
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
    if (s->breach_count < 3) s->breaches[s->breach_count++] = e;
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

void use_query(const Decider *d, const DecideQuery *q, const VersionPlan *vp, DecideAnswer *a) {
  Str subject = {q->subject.ptr, q->subject.len}, licensee = {q->licensee.ptr, q->licensee.len};
  const Plan *held = NULL, *owned = NULL, *excl = NULL, *covering = NULL, *ended = NULL,
             *excluded = NULL;
  const Str *excluded_word = NULL;
  for (uint32_t i = 0; i < vp->licence_count; i++) {
    const Plan *p = &vp->licences[i];
    const LicenceTerm *t = &p->clause->u.licence;
    if (!terms_clause_in_force(p->clause, q->on)) continue;
    const Str *out = list_covers(&t->excludes, subject);
    if (out) {
      if (!excluded && str_eq(t->licensee.name, licensee)) excluded = p, excluded_word = out;
      continue;
    }
    if (!list_covers(&t->covers, subject)) continue;
    if (ended_by(&p->end, q->on)) {
      if (!ended && str_eq(t->licensee.name, licensee)) ended = p;
      continue;
    }
    if (!covering) covering = p;
    if (!held && str_eq(t->licensee.name, licensee)) held = p;
    if (!owned && str_eq(t->licensor.name, licensee)) owned = p;
    if (!excl && !str_eq(t->licensee.name, licensee) && exclusive_on(p, q->on)) excl = p;
  }
  Buf b = buf_on(a->reason, sizeof a->reason);
  Buf u = buf_on(a->until, sizeof a->until);
  if (held) {
    const LicenceTerm *t = &held->clause->u.licence;
    a->decision = DECISION_PERMITTED;
    a->clause = held->clause;
    a->exclusive = exclusive_on(held, q->on);
    UntilDay until = {0};
    until_merge(&until, &held->clause->term, &held->end, q->on);
    b_licence(&b, held);
    if (a->exclusive) {
      UntilDay x = until;
      until_merge(&x, &t->exclusivity, &held->exclusivity, q->on);
      b_str(&b, ", exclusively");
      b_until(&b, x);
      if (x.has_day != until.has_day || x.day != until.day ||
          x.milestone.len != until.milestone.len) {
        b_str(&b, "; the licence runs");
        b_until(&b, until);
      }
      until = x;
    } else {
      b_str(&b, t->exclusive ? ", no longer exclusively" : ", not exclusively");
      if (t->exclusive && held->exclusivity.ends) {
        relies_on(a, held->exclusivity.event);
        b_str(&b, " (exclusivity ended when ");
        b_sym(&b, held->exclusivity.milestone);
        b_str(&b, " was recorded on ");
        b_date(&b, held->exclusivity.day);
        b_str(&b, ", ");
        b_event(&b, d, held->exclusivity.event);
        b_str(&b, ")");
      }
      b_until(&b, until);
    }
    if (until.has_day) b_date(&u, until.day);
    else if (until.milestone.len) b_sym(&u, until.milestone);
    b_str(&b, ": ");
    b_text(&b, q->licensee);
    b_str(&b, " may use ");
    b_subject(&b, q);
    GrantSearch s = {.d = d,
                     .subject = subject,
                     .licensee = licensee,
                     .on = q->on,
                     .found = -1,
                     .licensor = t->licensor.name,
                     .want_breaches = true,
                     .licensee_sym = lookup_name(d, licensee.ptr, licensee.len)};
    each_grant(d, subject, lookup_name(d, subject.ptr, subject.len), q->on, find_grant, &s);
    for (uint32_t i = 0; i < s.breach_count; i++) {
      const DEvent *g = &d->events[s.breaches[i]];
      relies_on(a, s.breaches[i]);
      b_str(&b, "; ");
      b_sym(&b, sym(d, g->party));
      b_str(&b, "'s grant of '");
      b_sym(&b, sym(d, g->subject));
      b_str(&b, "' to ");
      b_sym(&b, sym(d, g->counterparty));
      b_str(&b, " on ");
      b_date(&b, g->date);
      b_str(&b, " (");
      b_event(&b, d, s.breaches[i]);
      b_str(&b, ") breaches that exclusivity");
    }
    if (s.breach_more) {
      b_str(&b, "; and ");
      b_uint(&b, s.breach_more);
      b_str(&b, " more grants breach it");
    }
    note_ignored(d, &held->exclusivity, q->on, a, &b);
    if (!held->exclusivity.ignored || !held->end.ignored ||
        held->exclusivity.ignored_event != held->end.ignored_event)
      note_ignored(d, &held->end, q->on, a, &b);
    return;
  }
  if (owned) {
    a->decision = DECISION_PERMITTED;
    a->clause = owned->clause;
    b_text(&b, q->licensee);
    b_str(&b, " is the licensor of ");
    b_subject(&b, q);
    b_str(&b, " under ");
    b_licence(&b, owned);
    b_str(&b, owned->clause->u.licence.exclusive ? ", exclusively" : "");
    return;
  }
  GrantSearch s = {.d = d,
                   .subject = subject,
                   .licensee = licensee,
                   .on = q->on,
                   .found = -1,
                   .licensee_sym = lookup_name(d, licensee.ptr, licensee.len)};
  uint32_t subject_sym = lookup_name(d, subject.ptr, subject.len);
  each_grant(d, subject, subject_sym, q->on, find_grant, &s);
  int32_t use = last_use(d, subject_sym, s.licensee_sym, q->on);
  if (s.found >= 0) {
    const DEvent *g = &d->events[s.found];
    relies_on(a, (uint32_t)s.found);
    const Plan *against = exclusive_against(d, q->on, sym(d, g->party), subject, licensee, NULL);
    if (against) {
      const LicenceTerm *t = &against->clause->u.licence;
      a->decision = DECISION_NOT_PERMITTED;
      a->clause = against->clause;
      b_licence(&b, against);
      b_str(&b, ", exclusively on ");
      b_date(&b, q->on);
      b_str(&b, "; ");
      b_sym(&b, sym(d, g->party));
      b_str(&b, "'s grant of '");
      b_sym(&b, sym(d, g->subject));
      b_str(&b, "' to ");
      b_text(&b, q->licensee);
      b_str(&b, " on ");
      b_date(&b, g->date);
      b_str(&b, " (");
      b_event(&b, d, (uint32_t)s.found);
      b_str(&b, ") breaches it, so ");
      b_text(&b, q->licensee);
      b_str(&b, " may not use ");
      b_subject(&b, q);
      note_ignored(d, &against->exclusivity, q->on, a, &b);
      (void)t;
    } else {
      a->decision = DECISION_PERMITTED;
      a->clause = covering ? covering->clause : NULL;
      if (g->has_end) b_date(&u, g->end);
      b_sym(&b, sym(d, g->party));
      b_str(&b, " granted ");
      b_text(&b, q->licensee);
      b_str(&b, " '");
      b_sym(&b, sym(d, g->subject));
      b_str(&b, "' on ");
      b_date(&b, g->date);
      b_str(&b, " (");
      b_event(&b, d, (uint32_t)s.found);
      b_str(&b, ")");
      if (g->has_end) {
        b_str(&b, " through ");
        b_date(&b, g->end);
      }
      if (covering) {
        b_str(&b, ", and ");
        b_licence(&b, covering);
        b_str(&b, " only non-exclusively, so ");
        b_sym(&b, covering->clause->u.licence.licensor.name);
        b_str(&b, " may license others");
      } else {
        b_str(&b, ", and no exclusive licence of these terms covers it");
      }
      const Plan *then;
      const VersionPlan *then_vp;
      if (grant_breaches(d, g, &then, &then_vp)) {
        b_str(&b, "; the grant breached ");
        b_sym(&b, then->clause->id);
        b_str(&b, " (");
        b_sym(&b, then_vp->version->name);
        b_str(&b, "), exclusive to ");
        b_sym(&b, then->clause->u.licence.licensee.name);
        b_str(&b, " when it was made");
      }
      b_str(&b, ": ");
      b_text(&b, q->licensee);
      b_str(&b, " may use ");
      b_subject(&b, q);
    }
  } else {
    a->decision = DECISION_NOT_PERMITTED;
    const Plan *cite = excl ? excl : covering ? covering : ended ? ended : excluded;
    a->clause = cite ? cite->clause : NULL;
    if (ended) {
      relies_on(a, ended->end.event);
      b_sym(&b, ended->clause->id);
      b_str(&b, ", the licence to ");
      b_text(&b, q->licensee);
      b_str(&b, ", ended when ");
      b_sym(&b, ended->end.milestone);
      b_str(&b, " was recorded on ");
      b_date(&b, ended->end.day);
      b_str(&b, " (");
      b_event(&b, d, ended->end.event);
      b_str(&b, "); ");
    } else if (excluded) {
      b_sym(&b, excluded->clause->id);
      b_str(&b, " licenses ");
      b_list(&b, &excluded->clause->u.licence.covers, ", ");
      b_str(&b, " to ");
      b_text(&b, q->licensee);
      b_str(&b, " but excludes ");
      b_sym(&b, *excluded_word);
      b_str(&b, "; ");
    }
    if (excl) {
      b_licence(&b, excl);
      b_str(&b, ", exclusively on ");
      b_date(&b, q->on);
      b_str(&b, "; ");
    } else if (covering && covering != ended) {
      b_licence(&b, covering);
      b_str(&b, "; ");
    } else if (!ended && !excluded) {
      b_str(&b, "no licence of these terms covers ");
      b_subject(&b, q);
      b_str(&b, "; ");
    }
    b_str(&b, "no licence or grant in force gives ");
    b_text(&b, q->licensee);
    b_str(&b, " ");
    b_subject(&b, q);
    b_str(&b, " on ");
    b_date(&b, q->on);
  }
  if (use >= 0) {
    relies_on(a, (uint32_t)use);
    b_str(&b, "; ");
    b_text(&b, q->licensee);
    b_str(&b, " used it on ");
    b_date(&b, d->events[use].date);
    b_str(&b, " (");
    b_event(&b, d, (uint32_t)use);
    b_str(&b, ")");
  }
}
