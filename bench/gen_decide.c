/*
** gen_decide.c -- writes a large, realistic event file and a file of queries for benchmarking
** `pactum decide --batch` and `pactum audit` against the reference agreement
** (agreements/microsoft-openai).
**
**   gen_decide SEED ROWS EVENTS.csv QUERIES QUERIES.jsonl
**
** EVENTS.csv has ROWS events (columns id,kind,date,end,party,counterparty,stream,subject,amount,
** currency,ref,note) dated 2019-01-01..2032-12-31, so that every version's rules matter:
**   - products (about ROWS/200 of them: `cluster-N`, `app-N`, `api:svc-N`, `research-N`, ...),
**     each from a day of its own, with a type in its offers' subject (`capacity`, `api`,
**     `research`, `training`, `api national-security`, `browser`, or none); offers by openai,
**     mostly to microsoft and some to other clouds (amazon, oracle, google, coreweave);
**     responses by microsoft (accept, unable, unwilling), some late (after the 30-day window),
**     some by the wrong party (openai), a few naming no offer; launches on azure and the other
**     clouds, some of them before a waiver (what an audit calls a breach);
**   - grants by openai of subjects `model:gpt-N`, `product:...`, `research:...`,
**     `hardware:...` (and a few of whole kinds: `models`) to licensees (amazon, oracle, google,
**     meta, apple, `licensee-N`, and microsoft), some with an `end`; uses of those subjects, most
**     by a licensee that holds a grant;
**   - milestones: `agi_declared` by microsoft in 2027 (not allowed to declare it: ignored),
**     by openai-board in 2029; `agi_verified` by the expert panel in 2031;
**   - revenue (daily and monthly), payments and purchases (azure-services), so the file looks
**     like a real ledger (decide skips them; settle and audit read them).
** Events are in date order with ids in generation order (not date order).
**
** QUERIES.jsonl has QUERIES lines, half launch and half use queries (as
** docs/decide.md's Batch section writes them), over days 2019-07-22..2032-12-31: products,
** providers, licensees and subjects that the events name (about 90%) and some they do not;
** 10% of the launch queries give the product's type ("subject"). No query asks about a day
** before the agreement, so every line is answered.
**
** The same arguments always give the same bytes (own PRNG, integer arithmetic). Only C11 and
** stdio; built by bench/decide.sh.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
/* True with probability per/1000. */
static int chance(uint32_t per_mille) { return rnd(1000) < per_mille; }

/* ---------------------------------------------------------------- dates */

static long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned mp = m > 2 ? m - 3 : m + 9;
  unsigned doy = (153 * mp + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long)doe - 719468;
}

static void put_date(char *p, long z) {
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
  sprintf(p, "%04ld-%02u-%02u", y, m, d);
}

/* ---------------------------------------------------------------- events */

enum {
  K_REVENUE,
  K_PAYMENT,
  K_PURCHASE,
  K_OFFER,
  K_RESPONSE,
  K_LAUNCH,
  K_GRANT,
  K_USE,
  K_MILESTONE
};
static const char *const kind_names[] = {"revenue", "payment", "purchase", "offer",    "response",
                                         "launch",  "grant",   "use",      "milestone"};

typedef struct Ev {
  long date, end; /* end 0: none */
  uint32_t id;    /* generation number */
  uint8_t kind;
  uint8_t answer;      /* response: 0 accept, 1 unable, 2 unwilling */
  uint16_t who, other; /* party, counterparty: indexes into parties */
  int32_t product;     /* offer, launch, response (stream): product; -1 none */
  int32_t subject;     /* grant, use: subject; offer: type */
  int32_t ref;         /* response: the offer's id, or -2 naming nothing */
  int64_t cents;
} Ev;

static const char *const parties[] = {"openai",       "microsoft",   "amazon", "oracle",
                                      "google",       "coreweave",   "meta",   "apple",
                                      "openai-board", "expert-panel"};
enum {
  P_OPENAI,
  P_MICROSOFT,
  P_AMAZON,
  P_ORACLE,
  P_GOOGLE,
  P_COREWEAVE,
  P_META,
  P_APPLE,
  P_BOARD,
  P_PANEL,
  P_FIXED
};
/* Licensees beyond the named ones: licensee-N, N = who - P_FIXED. */
enum { EXTRA_LICENSEES = 400 };

static void party_name(char *out, uint32_t who) {
  if (who < P_FIXED) strcpy(out, parties[who]);
  else sprintf(out, "licensee-%03u", who - P_FIXED);
}

static const char *const types[] = {
    "capacity", "api", "research", "training",   "api national-security",
    "browser",  "",    "app",      "api-product"};
static const uint32_t type_weights[] = {30, 22, 8, 5, 4, 6, 10, 12, 3}; /* sum 100 */
static const char *const prefixes[] = {"cluster", "app",     "api:svc", "research", "train",
                                       "gov",     "browser", "tool",    "agent"};

typedef struct Product {
  long born; /* its first day */
  uint8_t type, prefix;
  int32_t last_offer; /* the latest offer made (index in events), or -1 */
} Product;

static Product *products;
static uint32_t product_count;

static void product_name(char *out, int32_t p) {
  sprintf(out, "%s-%05d", prefixes[products[p].prefix], p);
}

/* Subjects: model:gpt-N, product:..., research:..., hardware:..., and the whole kinds. */
enum { S_MODELS = 120, S_PRODUCTS = 900, S_RESEARCH = 500, S_HARDWARE = 200 };
static const char *const whole_kinds[] = {"models", "products", "research", "hardware"};
enum { S_KINDS = 4, SUBJECTS = S_MODELS + S_PRODUCTS + S_RESEARCH + S_HARDWARE + S_KINDS };

static void subject_name(char *out, int32_t s) {
  if (s < S_MODELS) sprintf(out, "model:gpt-%d", s + 1);
  else if ((s -= S_MODELS) < S_PRODUCTS) sprintf(out, "product:tool-%03d", s);
  else if ((s -= S_PRODUCTS) < S_RESEARCH) sprintf(out, "research:paper-%03d", s);
  else if ((s -= S_RESEARCH) < S_HARDWARE) sprintf(out, "hardware:device-%03d", s);
  else strcpy(out, whole_kinds[s - S_HARDWARE]);
}

static long day_min, day_max, day_agreement, day_exclusive_ends;

static Ev *events;
static uint32_t count, cap;

static Ev *push(uint8_t kind, long date) {
  if (count == cap) {
    cap = cap ? cap * 2 : 1u << 16;
    events = realloc(events, (size_t)cap * sizeof *events);
    if (!events) {
      perror("gen_decide");
      exit(1);
    }
  }
  Ev *e = &events[count];
  memset(e, 0, sizeof *e);
  e->id = count++;
  e->kind = kind;
  e->date = date;
  e->product = e->subject = e->ref = -1;
  return e;
}

static long any_day(void) { return day_min + (long)rnd((uint32_t)(day_max - day_min + 1)); }
static long day_from(long first) {
  if (first > day_max) first = day_max;
  return first + (long)rnd((uint32_t)(day_max - first + 1));
}

static uint32_t other_cloud(void) {
  static const uint16_t clouds[] = {P_AMAZON, P_ORACLE, P_GOOGLE, P_COREWEAVE};
  return clouds[rnd(4)];
}

static uint32_t licensee(void) {
  uint32_t r = rnd(100);
  if (r < 45) return P_AMAZON + rnd(6); /* amazon .. apple */
  if (r < 50) return P_MICROSOFT;
  return P_FIXED + rnd(EXTRA_LICENSEES);
}

/* Grants made so far, per subject, to pick uses by a holder. */
typedef struct Held {
  uint16_t who;
  long from;
} Held;
static Held *held;
static uint32_t *held_count;
enum { HELD_MAX = 64 };

static int by_date(const void *pa, const void *pb) {
  const Ev *a = pa, *b = pb;
  if (a->date != b->date) return a->date < b->date ? -1 : 1;
  return (a->id > b->id) - (a->id < b->id);
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: gen_decide SEED ROWS EVENTS.csv QUERIES QUERIES.jsonl\n");
    return 2;
  }
  rng_state = strtoull(argv[1], NULL, 10);
  uint32_t rows = (uint32_t)strtoul(argv[2], NULL, 10);
  uint32_t queries = (uint32_t)strtoul(argv[4], NULL, 10);
  if (rows < 1000) {
    fprintf(stderr, "gen_decide: at least 1000 rows\n");
    return 2;
  }
  day_min = days_from_civil(2019, 1, 1);
  day_max = days_from_civil(2032, 12, 31);
  day_agreement = days_from_civil(2019, 7, 22);
  day_exclusive_ends = days_from_civil(2026, 4, 27);

  product_count = rows / 200;
  products = calloc(product_count, sizeof *products);
  held = calloc((size_t)SUBJECTS * HELD_MAX, sizeof *held);
  held_count = calloc(SUBJECTS, sizeof *held_count);
  if (!products || !held || !held_count) return 1;
  for (uint32_t p = 0; p < product_count; p++) {
    uint32_t r = rnd(100), t = 0;
    while (r >= type_weights[t]) r -= type_weights[t++];
    products[p].type = (uint8_t)t;
    products[p].prefix = (uint8_t)(t == 1 || t == 8 ? 2
                                   : t == 4         ? 5
                                   : t == 2         ? 3
                                   : t == 3         ? 4
                                   : t == 5         ? 6
                                   : rnd(2)         ? 0
                                   : rnd(2)         ? 1
                                                    : 7 + rnd(2));
    products[p].born = any_day();
    products[p].last_offer = -1;
  }

  /* The milestones: one ignored declaration, the board's, the panel's. */
  Ev *m = push(K_MILESTONE, days_from_civil(2027, 3, 15));
  m->who = P_MICROSOFT, m->subject = 0;
  m = push(K_MILESTONE, days_from_civil(2029, 9, 1));
  m->who = P_BOARD, m->subject = 0;
  m = push(K_MILESTONE, days_from_civil(2031, 6, 30));
  m->who = P_PANEL, m->subject = 1;

  /* Everything else, by share of the rows (per mille). */
  while (count < rows) {
    uint32_t r = rnd(1000);
    if (r < 330) { /* revenue: daily, some monthly */
      Ev *e = push(K_REVENUE, any_day());
      e->who = rnd(4) ? P_OPENAI : P_MICROSOFT;
      e->subject = e->who == P_OPENAI ? (int32_t)rnd(4) : 4 + (int32_t)rnd(2);
      e->cents = 100000 + (int64_t)rnd(100000000);
      if (chance(20)) e->end = e->date + 27;
    } else if (r < 360) {
      Ev *e = push(K_PAYMENT, any_day());
      e->who = P_OPENAI, e->other = P_MICROSOFT;
      e->cents = 1000000 + (int64_t)rnd(1000000000);
    } else if (r < 380) {
      Ev *e = push(K_PURCHASE, any_day());
      e->who = P_OPENAI, e->other = P_MICROSOFT;
      e->cents = 10000000 + (int64_t)rnd(2000000000);
    } else if (r < 500) { /* an offer, and most often its answer */
      int32_t p = (int32_t)rnd(product_count);
      Product *pr = &products[p];
      Ev *o = push(K_OFFER, day_from(pr->born));
      o->who = P_OPENAI;
      o->other = chance(850) ? P_MICROSOFT : other_cloud();
      o->product = p;
      o->subject = chance(900) ? pr->type : 6;
      uint32_t offer_id = o->id;
      long offered = o->date;
      uint32_t a = rnd(1000);
      if (a < 750) { /* answered */
        Ev *res = push(K_RESPONSE, offered + (chance(70) ? 31 + rnd(30) : rnd(29)));
        res->who = chance(30) ? P_OPENAI : (uint16_t)events[offer_id].other;
        res->answer = (uint8_t)(chance(400) ? 0 : chance(600) ? 1 : 2);
        res->ref = (int32_t)offer_id;
        if (res->date > day_max) res->date = day_max;
      } else if (a < 751) { /* names no offer */
        Ev *res = push(K_RESPONSE, offered + rnd(10));
        res->who = P_MICROSOFT, res->answer = 1, res->ref = -2, res->product = p;
        if (res->date > day_max) res->date = day_max;
      }
    } else if (r < 580) { /* a launch: on azure mostly, elsewhere sometimes */
      int32_t p = (int32_t)rnd(product_count);
      Ev *l = push(K_LAUNCH, day_from(products[p].born));
      l->who = P_OPENAI;
      l->other = chance(600) ? P_MICROSOFT : other_cloud();
      l->product = p;
    } else if (r < 660) { /* a grant */
      int32_t s = (int32_t)rnd(SUBJECTS - S_KINDS);
      if (chance(3)) s = SUBJECTS - S_KINDS + (int32_t)rnd(S_KINDS);
      Ev *g = push(K_GRANT, any_day());
      g->who = P_OPENAI;
      g->other = (uint16_t)licensee();
      /* While Microsoft's licence is exclusive, most grants are to it. */
      if (g->date < day_exclusive_ends && chance(850)) g->other = P_MICROSOFT;
      g->subject = s;
      if (chance(200)) g->end = g->date + 180 + rnd(1500);
      uint32_t *n = &held_count[s];
      Held *h = &held[(size_t)s * HELD_MAX];
      if (*n < HELD_MAX) h[(*n)++] = (Held){g->other, g->date};
      else h[rnd(HELD_MAX)] = (Held){g->other, g->date};
    } else { /* a use: most by a holder of a grant, after it */
      int32_t s = (int32_t)rnd(SUBJECTS - S_KINDS);
      Ev *u = push(K_USE, any_day());
      u->subject = s;
      uint32_t n = held_count[s];
      if (n && chance(850)) {
        Held h = held[(size_t)s * HELD_MAX + rnd(n)];
        u->who = h.who;
        u->date = day_from(h.from);
      } else {
        u->who = chance(300) ? P_MICROSOFT : (uint16_t)licensee();
      }
    }
  }
  qsort(events, count, sizeof *events, by_date);

  FILE *f = fopen(argv[3], "w");
  if (!f) {
    perror(argv[3]);
    return 1;
  }
  static char buf[1 << 20];
  setvbuf(f, buf, _IOFBF, sizeof buf);
  fputs("id,kind,date,end,party,counterparty,stream,subject,amount,currency,ref,note\n", f);
  static const char *const rev_streams[] = {"chatgpt", "api",          "chatgpt-enterprise",
                                            "sora",    "azure-openai", "bing"};
  static const char *const answers[] = {"accept", "unable", "unwilling"};
  static const char *const notes[] = {"",
                                      "",
                                      "",
                                      "",
                                      "",
                                      "",
                                      "",
                                      "\"per the quarterly review, v2\"",
                                      "from the warehouse export",
                                      "board pack"};
  char date[16], end[16], who[32], other[32], name[64];
  for (uint32_t i = 0; i < count; i++) {
    const Ev *e = &events[i];
    put_date(date, e->date);
    end[0] = '\0';
    if (e->end) put_date(end, e->end);
    party_name(who, e->who);
    fprintf(f, "ev%07u,%s,%s,%s,%s,", e->id, kind_names[e->kind], date, end, who);
    switch (e->kind) {
      case K_REVENUE:
        fprintf(f, ",%s,,%lld.%02lld,USD,,", rev_streams[e->subject], (long long)(e->cents / 100),
                (long long)(e->cents % 100));
        break;
      case K_PAYMENT:
        party_name(other, e->other);
        fprintf(f, "%s,,,%lld.%02lld,USD,,", other, (long long)(e->cents / 100),
                (long long)(e->cents % 100));
        break;
      case K_PURCHASE:
        party_name(other, e->other);
        fprintf(f, "%s,,azure-services,%lld.%02lld,USD,,", other, (long long)(e->cents / 100),
                (long long)(e->cents % 100));
        break;
      case K_OFFER:
        party_name(other, e->other);
        product_name(name, e->product);
        fprintf(f, "%s,%s,%s,,,,", other, name, types[e->subject]);
        break;
      case K_RESPONSE:
        if (e->product >= 0) product_name(name, e->product);
        else name[0] = '\0';
        if (e->ref >= 0) fprintf(f, ",%s,%s,,,ev%07u,", name, answers[e->answer], (uint32_t)e->ref);
        else fprintf(f, ",%s,%s,,,nothing-%07u,", name, answers[e->answer], e->id);
        break;
      case K_LAUNCH:
        party_name(other, e->other);
        product_name(name, e->product);
        fprintf(f, "%s,%s,,,,,", other, name);
        break;
      case K_GRANT:
        party_name(other, e->other);
        subject_name(name, e->subject);
        fprintf(f, "%s,,%s,,,,", other, name);
        break;
      case K_USE:
        subject_name(name, e->subject);
        fprintf(f, ",,%s,,,,", name);
        break;
      case K_MILESTONE: fprintf(f, ",,%s,,,,", e->subject ? "agi_verified" : "agi_declared"); break;
    }
    fputs(notes[rnd(10)], f);
    fputc('\n', f);
  }
  if (fclose(f) != 0) {
    perror(argv[3]);
    return 1;
  }

  /* The queries. */
  f = fopen(argv[5], "w");
  if (!f) {
    perror(argv[5]);
    return 1;
  }
  setvbuf(f, buf, _IOFBF, sizeof buf);
  static const char *const providers[] = {"microsoft", "amazon", "oracle", "google", "coreweave"};
  for (uint32_t i = 0; i < queries; i++) {
    put_date(date, day_agreement + (long)rnd((uint32_t)(day_max - day_agreement + 1)));
    if (i % 2 == 0) {
      if (chance(900)) product_name(name, (int32_t)rnd(product_count));
      else sprintf(name, "unknown-product-%u", rnd(1000));
      const char *provider = providers[rnd(5)];
      char cloud[32];
      if (chance(30)) {
        sprintf(cloud, "cloud-%u", rnd(50));
        provider = cloud;
      }
      fprintf(f, "{\"decide\":\"launch\",\"product\":\"%s\",\"provider\":\"%s\",", name, provider);
      if (chance(100)) fprintf(f, "\"subject\":\"%s\",", types[rnd(9)]);
      fprintf(f, "\"on\":\"%s\"}\n", date);
    } else {
      uint32_t r = rnd(1000);
      if (r < 900) subject_name(name, (int32_t)rnd(SUBJECTS));
      else sprintf(name, r < 950 ? "model:gpt-%u" : "dataset:corpus-%u", 500 + rnd(500));
      uint32_t l = rnd(100);
      if (l < 20) strcpy(who, "microsoft");
      else if (l < 22) strcpy(who, "openai");
      else if (l < 25) sprintf(who, "stranger-%u", rnd(100));
      else party_name(who, licensee());
      fprintf(f, "{\"decide\":\"use\",\"licensee\":\"%s\",\"subject\":\"%s\",\"on\":\"%s\"}\n", who,
              name, date);
    }
  }
  if (fclose(f) != 0) {
    perror(argv[5]);
    return 1;
  }
  free(events);
  free(products);
  free(held);
  free(held_count);
  return 0;
}
