/*
** gen_agreement.c -- writes a large, realistic .pact agreement for benchmarking `pactum check`.
**
**   gen_agreement SEED CLAUSES OUTFILE
**
** The output is one file: an `agreement` block (currency USD, six parties) and five versions,
** each amending the one before. The first version writes 60% of the clauses; each later one
** writes 10%, half of them replacing clauses in force and half new, and removes a few. CLAUSES
** counts clause blocks, the figure `pactum check` reports. The mix of kinds is that of a real
** partnership: revenue shares (a rate or tiers, dates, caps, settlement, due days, rounding,
** streams, reported and assumed endings), cloud clauses (every mode, scopes, carve-outs,
** exceptions, windows), licences (mostly non-exclusive; each exclusive one on its own subject
** such as model:m123, so none ever overlaps another), commitments, equity stakes and milestones
** that other clauses end `until`. Every clause says what it means in plain words, so the file
** checks clean: 0 errors, 0 warnings.
**
** The same SEED and CLAUSES always give the same bytes: the generator uses its own PRNG
** (splitmix64) and its own date arithmetic, nothing from the C library that could vary.
** Only C11 and stdio; built by bench/run.sh.
*/
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- randomness */

#include "rng.h"

/* True with probability percent/100. */
static int chance(uint32_t percent) { return rnd(100) < percent; }

/* ---------------------------------------------------------------- dates */

/* Room for any date snprintf could write; the dates written are all YYYY-MM-DD. */
enum { DAY_TEXT = 48 };

/* Days since 1970-01-01 from a civil date, and back (H. Hinnant's algorithms). */
static long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned mp = m > 2 ? m - 3 : m + 9;
  unsigned doy = (153 * mp + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, char out[DAY_TEXT]) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = (long)yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  snprintf(out, DAY_TEXT, "%04ld-%02u-%02u", y, m, d);
}

/* ---------------------------------------------------------------- the agreement's shape */

enum { VERSIONS = 5 };

static const char *const version_dates[VERSIONS] = {"2020-01-15", "2021-04-01", "2022-07-18",
                                                    "2023-10-02", "2025-01-20"};
static const char *const version_titles[VERSIONS] = {
    "Original partnership", "First amendment: new products and revised shares",
    "Second amendment: capacity and licences", "Third amendment: recapitalisation",
    "Fourth amendment: current terms"};
static const char *const version_sources[VERSIONS] = {
    "joint announcement, 2020-01-15", "amendment No. 1, signed 2021-03-22",
    "amendment No. 2, signed 2022-07-01", "amendment No. 3, signed 2023-09-15",
    "amendment No. 4, signed 2025-01-10"};

enum { PARTIES = 6 };
static const char *const party_ids[PARTIES] = {"northwind", "contoso", "fabrikam",
                                               "tailspin",  "litware", "review-board"};
static const char *const party_names[PARTIES] = {
    "Northwind Traders Inc.", "Contoso Ltd.",         "Fabrikam Cloud Services",
    "Tailspin Toys Corp.",    "Litware Research LLC", "Independent review board"};
/* The parties that trade; the review board only declares milestones. */
enum { TRADERS = 5 };

typedef enum Kind { K_SHARE, K_CLOUD, K_LICENCE, K_COMMIT, K_EQUITY, K_MILESTONE } Kind;

static const char *const kind_prefixes[] = {"share",  "cloud", "licence",
                                            "commit", "stake", "milestone"};

/* Everything a later version needs to know about a clause it may replace or remove. */
typedef struct Clause {
  uint32_t id; /* clause name: PREFIX-ID */
  uint8_t kind;
  uint8_t exclusive;    /* exclusive licence: subject and licensor never change */
  uint8_t subject_kind; /* 0 model, 1 product, 2 research */
  uint8_t licensor;
  int8_t touched; /* the last version that replaced or removed it */
  uint8_t live;
} Clause;

static Clause *clauses;
static uint32_t clause_total;
static uint32_t *live; /* indexes into clauses of those in force */
static uint32_t live_count;
static uint32_t *milestones; /* clause indexes of milestones (never removed) */
static uint32_t milestone_count;

static FILE *out;

/* ---------------------------------------------------------------- writing */

static const char *party(uint32_t p) { return party_ids[p]; }

static const char *display(uint32_t p) { return party_names[p]; }

static void pick_pair(uint32_t *a, uint32_t *b) {
  *a = rnd(TRADERS);
  *b = (*a + 1 + rnd(TRADERS - 1)) % TRADERS;
}

static uint32_t pick_milestone(void) { return milestones[rnd(milestone_count)]; }

/* "USD 250 million", "USD 5.6 billion", "USD 38 billion". */
static void format_money(uint32_t millions, char *buf, size_t size) {
  if (millions >= 1000 && millions % 100 == 0) {
    if (millions % 1000 == 0) snprintf(buf, size, "USD %u billion", millions / 1000);
    else snprintf(buf, size, "USD %u.%u billion", millions / 1000, (millions % 1000) / 100);
  } else {
    snprintf(buf, size, "USD %u million", millions);
  }
}

static void write_money(uint32_t millions) {
  char buf[64];
  format_money(millions, buf, sizeof buf);
  fputs(buf, out);
}

/* A rate of 0.5% to 49.5% in half points, or whole points. */
static void format_rate(char *buf, size_t size) {
  uint32_t halves = 1 + rnd(99);
  if (halves % 2) snprintf(buf, size, "%u.5%%", halves / 2);
  else snprintf(buf, size, "%u%%", halves / 2);
}

/* The clause's term: from, through and until lines; returns the through day or -1. */
typedef struct Term {
  long from, through; /* -1 when absent */
  int until;          /* clause index of the milestone, or -1 */
} Term;

static Term pick_term(long effective, long next_effective, int want_end) {
  Term t = {-1, -1, -1};
  long span = next_effective > effective ? next_effective - effective : 365;
  if (chance(55)) t.from = effective + rnd((uint32_t)(span < 90 ? span : 90));
  long start = t.from >= 0 ? t.from : effective;
  if (want_end || chance(50)) {
    uint32_t r = rnd(10);
    if (r < 6) t.through = start + 365 + rnd(365 * 7);
    else if (r < 8 && milestone_count) t.until = (int)pick_milestone();
    else if (milestone_count) {
      t.through = start + 365 + rnd(365 * 7);
      t.until = (int)pick_milestone();
    } else {
      t.through = start + 365 + rnd(365 * 7);
    }
  }
  return t;
}

static void write_term(const Term *t, int assumed_end) {
  char day[DAY_TEXT];
  if (t->from >= 0) {
    civil_from_days(t->from, day);
    fprintf(out, "    from %s\n", day);
  }
  if (t->through >= 0) {
    civil_from_days(t->through, day);
    fprintf(
        out, "    through %s%s\n", day,
        assumed_end ? " assumed \"the amendment gives the year only; read as its last day\"" : "");
  }
  if (t->until >= 0)
    fprintf(out, "    until %s-%06u\n", kind_prefixes[K_MILESTONE], clauses[t->until].id);
}

static void term_words(const Term *t, char *buf, size_t size) {
  char day[DAY_TEXT];
  if (t->through >= 0 && t->until >= 0) {
    civil_from_days(t->through, day);
    snprintf(buf, size, "through %s, or until milestone %06u if that comes first", day,
             clauses[t->until].id);
  } else if (t->through >= 0) {
    civil_from_days(t->through, day);
    snprintf(buf, size, "through %s", day);
  } else if (t->until >= 0) {
    snprintf(buf, size, "until milestone %06u is declared", clauses[t->until].id);
  } else {
    snprintf(buf, size, "for as long as the agreement runs");
  }
}

static const char *const streams[] = {
    "api",        "consumer-subscriptions", "enterprise", "search-ads", "marketplace", "devices",
    "consulting", "hosted-models"};
static const char *const periods[] = {"monthly", "quarterly", "half-yearly", "yearly"};
static const char *const roundings[] = {"half-even", "half-up", "half-down", "down",
                                        "up",        "floor",   "ceiling"};

static void write_share(const Clause *c, long effective, long next_effective) {
  uint32_t payer, payee;
  pick_pair(&payer, &payee);
  int profit = chance(15);
  int tiered = chance(25);
  int capped = chance(45);
  Term t = pick_term(effective, next_effective, !capped);
  char rate[16], when[160];
  format_rate(rate, sizeof rate);
  term_words(&t, when, sizeof when);
  const char *period = periods[rnd(100) < 70 ? 1 : rnd(4)];
  fprintf(out, "  revenue-share %s-%06u {\n", kind_prefixes[K_SHARE], c->id);
  if (tiered)
    fprintf(out,
            "    says \"%s pays %s a tiered share of its %s, falling as cumulative payments "
            "grow, %s.\"\n",
            display(payer), display(payee), profit ? "profits" : "revenue", when);
  else
    fprintf(out, "    says \"%s pays %s %s of its %s, settled %s, %s.\"\n", display(payer),
            display(payee), rate, profit ? "profits" : "revenue", period, when);
  if (chance(20))
    fprintf(out, "    source reported \"Trade press report no. %u\"\n", rnd(900) + 100);
  if (chance(10)) fprintf(out, "    section \"%u.%u\"\n", 3 + rnd(9), 1 + rnd(12));
  fprintf(out, "    payer %s\n    payee %s\n", party(payer), party(payee));
  fprintf(out, "    base %s of %s\n", profit ? "profit" : "revenue", party(payer));
  if (chance(35)) {
    uint32_t a = rnd(8), b = (a + 1 + rnd(7)) % 8;
    fprintf(out, "    streams %s %s, %s\n", chance(70) ? "include" : "exclude", streams[a],
            streams[b]);
  }
  if (tiered) {
    uint32_t tiers = 2 + rnd(3), bound = 0;
    uint32_t pct = 60 + rnd(30);
    fprintf(out, "    tiers by cumulative %s {\n", chance(70) ? "paid" : "base");
    for (uint32_t i = 0; i < tiers; i++) {
      bound += 500 + 500 * rnd(20);
      if (i + 1 == tiers && chance(50)) {
        fprintf(out, "      rate %u%% thereafter\n", pct);
      } else {
        fprintf(out, "      rate %u%% up to %s", pct, chance(15) ? "about " : "");
        write_money(bound);
        fputc('\n', out);
      }
      pct = pct / 2 + rnd(5);
    }
    fputs("    }\n", out);
  } else if (chance(25)) {
    fprintf(out, "    rate %s%s reported \"Business daily, %u\"\n", chance(20) ? "about " : "",
            rate, 2019 + rnd(6));
  } else {
    fprintf(out, "    rate %s\n", rate);
  }
  write_term(&t, chance(20));
  if (capped) {
    fputs("    cap ", out);
    if (chance(10)) fputs("about ", out);
    write_money(100 * (1 + rnd(400)));
    fprintf(out, " counting %s", chance(60) ? "this version" : "all versions");
    if (chance(20)) fputs(" reported \"Financial weekly\"", out);
    fputc('\n', out);
  }
  if (chance(50))
    fprintf(out, "    settle %s assumed \"settlement terms are not public; calendar periods\"\n",
            period);
  else fprintf(out, "    settle %s\n", period);
  if (chance(10)) fputs("    fiscal year starts july\n", out);
  if (chance(60)) fprintf(out, "    due %u days after period end\n", 15 + 15 * rnd(6));
  if (chance(40)) fprintf(out, "    rounding %s\n", roundings[rnd(7)]);
  fputs("  }\n", out);
}

static const char *const scopes[] = {"all-workloads", "new-capacity", "new-products",
                                     "products",      "api-products", "non-api-products"};
static const char *const carve_outs[] = {"research", "training", "national-security",
                                         "non-api-products", "api-products"};
static const char *const mode_words[] = {"exclusive", "first-refusal", "primary", "none"};

static void write_cloud(const Clause *c, long effective, long next_effective) {
  uint32_t provider, customer;
  pick_pair(&provider, &customer);
  uint32_t mode = rnd(4);
  int offers = mode == 1 || mode == 2;
  Term t = pick_term(effective, next_effective, 0);
  char when[160];
  term_words(&t, when, sizeof when);
  uint32_t scope = rnd(6), carve = rnd(5);
  fprintf(out, "  cloud %s-%06u {\n", kind_prefixes[K_CLOUD], c->id);
  fprintf(out, "    says \"%s is %s's %s cloud for %s, %s.\"\n", display(provider),
          display(customer), mode_words[mode], scopes[scope], when);
  fprintf(out, "    provider %s\n    customer %s\n", party(provider), party(customer));
  fprintf(out, "    mode %s\n", mode_words[mode]);
  if (chance(30)) fprintf(out, "    scope %s, %s\n", scopes[scope], scopes[(scope + 1) % 6]);
  else fprintf(out, "    scope %s\n", scopes[scope]);
  if (chance(50)) {
    if (chance(30))
      fprintf(out, "    carve-out %s, %s\n", carve_outs[carve], carve_outs[(carve + 1) % 5]);
    else fprintf(out, "    carve-out %s\n", carve_outs[carve]);
  }
  if (offers) {
    uint32_t r = rnd(3);
    if (r != 1) fprintf(out, "    unless %s unable\n", party(provider));
    if (r != 0) fprintf(out, "    unless %s unwilling\n", party(provider));
    if (chance(70)) {
      fprintf(out, "    window %u days%s\n", 15 + 15 * rnd(4),
              chance(50) ? " assumed \"the public terms give no time to answer\"" : "");
      if (chance(60)) fputs("    silence waives\n", out);
    }
  }
  write_term(&t, 0);
  fputs("  }\n", out);
}

static const char *const subject_prefix[] = {"model", "product", "research"};
static const char *const broad_subjects[] = {"models", "products", "research", "hardware"};

static void write_licence(const Clause *c, long effective, long next_effective) {
  uint32_t licensor = c->licensor, licensee = (licensor + 1 + rnd(TRADERS - 1)) % TRADERS;
  Term t = pick_term(effective, next_effective, 0);
  char when[160];
  term_words(&t, when, sizeof when);
  fprintf(out, "  licence %s-%06u {\n", kind_prefixes[K_LICENCE], c->id);
  if (c->exclusive) {
    fprintf(out, "    says \"%s licenses %s m%u to %s exclusively, %s.\"\n", display(licensor),
            subject_prefix[c->subject_kind], c->id, display(licensee), when);
  } else {
    fprintf(out, "    says \"%s licenses its IP to %s, non-exclusively, %s.\"\n", display(licensor),
            display(licensee), when);
  }
  if (chance(15)) fprintf(out, "    source reported \"Industry newsletter, issue %u\"\n", rnd(300));
  fprintf(out, "    licensor %s\n    licensee %s\n", party(licensor), party(licensee));
  if (c->exclusive) {
    /* A subject of its own: model:m000123 overlaps no other exclusive licence. */
    fprintf(out, "    covers %s:m%06u\n", subject_prefix[c->subject_kind], c->id);
    write_term(&t, 0);
    uint32_t r = rnd(3);
    if (r == 0 || !milestone_count) {
      fputs("    exclusive\n", out);
    } else if (r == 1) {
      fprintf(out, "    exclusive until %s-%06u\n", kind_prefixes[K_MILESTONE],
              clauses[pick_milestone()].id);
    } else {
      char day[DAY_TEXT];
      long start = t.from >= 0 ? t.from : effective;
      civil_from_days(start + 180 + rnd(365 * 3), day);
      fprintf(out, "    exclusive through %s\n", day);
    }
  } else {
    /* Two different broad subjects a and b, and a third, x, that neither covers. */
    uint32_t a = rnd(4), b = (a + 1 + rnd(3)) % 4, x = (a + 1) % 4;
    if (x == b) x = (x + 1) % 4;
    if (x == a) x = (x + 1) % 4;
    int two = chance(50);
    if (two) fprintf(out, "    covers %s, %s\n", broad_subjects[a], broad_subjects[b]);
    else if (chance(50)) fprintf(out, "    covers %s\n", broad_subjects[a]);
    else fprintf(out, "    covers %s, model:shared-%u\n", broad_subjects[a], rnd(500));
    if (chance(25)) {
      if (chance(50)) fprintf(out, "    excludes %s\n", broad_subjects[x]);
      else fprintf(out, "    excludes model:internal-%u\n", rnd(100));
    }
    write_term(&t, 0);
    fprintf(out, "    non-exclusive%s\n",
            chance(20) ? " assumed \"the amendment does not say; read as non-exclusive\"" : "");
  }
  fputs("  }\n", out);
}

static void write_commitment(const Clause *c, long effective, long next_effective) {
  uint32_t by, to;
  pick_pair(&by, &to);
  uint32_t millions = 50 * (1 + rnd(2000));
  int investment = chance(40);
  fprintf(out, "  commitment %s-%06u {\n", kind_prefixes[K_COMMIT], c->id);
  char amount[64];
  format_money(millions, amount, sizeof amount);
  fprintf(out, "    says \"%s commits to %s %s: %s.\"\n", display(by),
          investment ? "invest in" : "buy services from", display(to), amount);
  fprintf(out, "    by %s\n    to %s\n    amount ", party(by), party(to));
  write_money(millions);
  if (chance(20)) fputs(" official \"annual report, commitments note\"", out);
  fprintf(out, "\n    of %s\n", investment ? "investment" : "cloud-services");
  if (chance(30)) {
    Term t = pick_term(effective, next_effective, 1);
    write_term(&t, 0);
  }
  fputs("  }\n", out);
}

static void write_equity(const Clause *c) {
  uint32_t holder, in;
  pick_pair(&holder, &in);
  uint32_t tenths = 5 + rnd(395);
  int about = chance(40);
  fprintf(out, "  equity %s-%06u {\n", kind_prefixes[K_EQUITY], c->id);
  fprintf(out, "    says \"%s holds %s%u.%u%% of %s.\"\n", display(holder), about ? "about " : "",
          tenths / 10, tenths % 10, display(in));
  fprintf(out, "    holder %s\n    in %s\n    stake %s%u.%u%%\n", party(holder), party(in),
          about ? "about " : "", tenths / 10, tenths % 10);
  fputs("  }\n", out);
}

static void write_milestone(const Clause *c) {
  uint32_t a = rnd(PARTIES);
  fprintf(out, "  milestone %s-%06u {\n", kind_prefixes[K_MILESTONE], c->id);
  fprintf(out, "    says \"The day %s declares milestone %06u reached.\"\n", display(a), c->id);
  if (chance(30)) fprintf(out, "    source reported \"Analyst note %u\"\n", rnd(1000));
  if (a != PARTIES - 1 && chance(25))
    fprintf(out, "    declared by %s, %s\n", party(a), party(PARTIES - 1));
  else fprintf(out, "    declared by %s\n", party(a));
  fputs("  }\n", out);
}

static void write_clause(const Clause *c, long effective, long next_effective) {
  switch ((Kind)c->kind) {
    case K_SHARE: write_share(c, effective, next_effective); break;
    case K_CLOUD: write_cloud(c, effective, next_effective); break;
    case K_LICENCE: write_licence(c, effective, next_effective); break;
    case K_COMMIT: write_commitment(c, effective, next_effective); break;
    case K_EQUITY: write_equity(c); break;
    case K_MILESTONE: write_milestone(c); break;
  }
  fputc('\n', out);
}

/* ---------------------------------------------------------------- the clauses */

/* Kind mix, in percent: shares 34, cloud 14, licences 20, commitments 12, equity 8,
** milestones 12. */
static Kind pick_kind(void) {
  uint32_t r = rnd(100);
  if (r < 34) return K_SHARE;
  if (r < 48) return K_CLOUD;
  if (r < 68) return K_LICENCE;
  if (r < 80) return K_COMMIT;
  if (r < 88) return K_EQUITY;
  return K_MILESTONE;
}

static uint32_t new_clause(Kind kind) {
  uint32_t index = clause_total++;
  Clause *c = &clauses[index];
  memset(c, 0, sizeof *c);
  c->id = index + 1;
  c->kind = (uint8_t)kind;
  c->touched = -1;
  c->live = 1;
  if (kind == K_LICENCE) {
    c->licensor = (uint8_t)rnd(TRADERS);
    c->exclusive = (uint8_t)chance(15);
    c->subject_kind = (uint8_t)rnd(3);
  }
  live[live_count++] = index;
  if (kind == K_MILESTONE) milestones[milestone_count++] = index;
  return index;
}

/* A clause in force that this version has not touched yet; milestones only when asked. */
static int pick_live(int version, int allow_milestones) {
  for (int tries = 0; tries < 64 && live_count; tries++) {
    uint32_t slot = rnd(live_count);
    Clause *c = &clauses[live[slot]];
    if (c->touched == version) continue;
    if (c->kind == K_MILESTONE && !allow_milestones) continue;
    return (int)slot;
  }
  return -1;
}

static int write_version(int v, uint32_t own) {
  long effective = days_from_civil(atol(version_dates[v]), (unsigned)atoi(version_dates[v] + 5),
                                   (unsigned)atoi(version_dates[v] + 8));
  long next = v + 1 < VERSIONS ? days_from_civil(atol(version_dates[v + 1]),
                                                 (unsigned)atoi(version_dates[v + 1] + 5),
                                                 (unsigned)atoi(version_dates[v + 1] + 8))
                               : effective + 730;
  fprintf(out, "version %s {\n", version_dates[v]);
  fprintf(out, "  title \"%s\"\n", version_titles[v]);
  fprintf(out, "  effective %s\n", version_dates[v]);
  if (v > 0) fprintf(out, "  amends %s\n", version_dates[v - 1]);
  fprintf(out, "  source official \"%s\"\n", version_sources[v]);
  fprintf(out, "  says \"%s: %u clauses written by this version.\"\n\n", version_titles[v], own);
  uint32_t replaced = 0;
  if (v > 0) {
    /* Removals first: a fifth as many as the clauses the version writes. */
    uint32_t removals = own / 5;
    for (uint32_t r = 0; r < removals; r++) {
      int slot = pick_live(v, 0);
      if (slot < 0) break;
      uint32_t index = live[slot];
      clauses[index].live = 0;
      clauses[index].touched = (int8_t)v;
      live[slot] = live[--live_count];
      fprintf(out, "  remove %s-%06u \"ended by amendment No. %d\"\n",
              kind_prefixes[clauses[index].kind], clauses[index].id, v);
    }
    if (removals) fputc('\n', out);
    replaced = own / 2;
  }
  /* The first version starts with a milestone, so that `until` always has one to name. */
  uint32_t written = 0;
  if (v == 0 && own > 0) {
    write_clause(&clauses[new_clause(K_MILESTONE)], effective, next);
    written++;
  }
  for (; written < own; written++) {
    if (written < replaced) {
      int slot = pick_live(v, 1);
      if (slot >= 0) {
        Clause *c = &clauses[live[slot]];
        c->touched = (int8_t)v;
        write_clause(c, effective, next);
        continue;
      }
    }
    Clause *c = &clauses[new_clause(pick_kind())];
    c->touched = (int8_t)v;
    write_clause(c, effective, next);
  }
  fputs("}\n\n", out);
  return !ferror(out);
}

static int usage(void) {
  fputs(
      "usage: gen_agreement SEED CLAUSES OUTFILE\n"
      "  writes one .pact agreement of CLAUSES clause blocks over five versions;\n"
      "  the same SEED and CLAUSES always give the same file\n",
      stderr);
  return 2;
}

int main(int argc, char **argv) {
  if (argc != 4) return usage();
  char *end;
  errno = 0;
  unsigned long long seed = strtoull(argv[1], &end, 10);
  if (errno || *end || end == argv[1]) return usage();
  unsigned long count = strtoul(argv[2], &end, 10);
  if (errno || *end || end == argv[2] || count == 0 || count > 10000000ul) return usage();
  rng_state = seed;
  uint32_t total = (uint32_t)count;

  clauses = malloc(total * sizeof *clauses);
  live = malloc(total * sizeof *live);
  milestones = malloc(total * sizeof *milestones);
  if (!clauses || !live || !milestones) {
    fputs("gen_agreement: out of memory\n", stderr);
    return 1;
  }
  out = fopen(argv[3], "wb");
  if (!out) {
    fprintf(stderr, "gen_agreement: cannot write %s: %s\n", argv[3], strerror(errno));
    return 1;
  }
  static char buffer[1 << 20];
  setvbuf(out, buffer, _IOFBF, sizeof buffer);

  fprintf(out,
          "# Generated by bench/gen_agreement %llu %u: a benchmark agreement, not a real "
          "one.\n\n",
          seed, total);
  fprintf(out,
          "agreement bench-%llu {\n  title \"Generated benchmark agreement (seed %llu, %u "
          "clauses)\"\n  currency USD\n",
          seed, seed, total);
  for (int p = 0; p < PARTIES; p++)
    fprintf(out, "  party %s \"%s\"\n", party_ids[p], party_names[p]);
  fputs("}\n\n", out);

  /* 60% of the clauses in the first version, 10% in each later one; the first takes the
  ** remainder so that the total is exact. */
  uint32_t later = total / 10, first = total - later * (VERSIONS - 1);
  int ok = 1;
  for (int v = 0; v < VERSIONS && ok; v++) ok = write_version(v, v == 0 ? first : later);
  if (fclose(out) != 0) ok = 0;
  if (!ok) {
    fprintf(stderr, "gen_agreement: error writing %s\n", argv[3]);
    return 1;
  }
  free(clauses);
  free(live);
  free(milestones);
  return 0;
}
