/*
** test_ledger.c -- properties of the ledger over random event files: import(A); import(A)
** holds what import(A) holds (and the second import leaves the file byte for byte as it was);
** A then B holds what B then A holds; and the events in force read from a ledger are the events
** in force read from the files, restatements and corrections applied.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feed.h"
#include "ledger.h"
#include "unit.h"

#define ROUNDS 12
#define EVENTS_PER_FILE 300


static char folder[] = "/tmp/pactum-test-ledger.XXXXXX";

/*
** A random event file: revenue and payments with random spans and amounts; some events are
** restated or corrected by later ones, and some ids repeat with the same content (overlap with
** the other file). Ids are drawn from a shared pool so that two files overlap.
*/
static void write_file(const char *path, uint32_t salt) {
  FILE *f = fopen(path, "w");
  fprintf(f, "id,kind,date,end,party,counterparty,stream,amount,currency,ref\n");
  for (uint32_t i = 0; i < EVENTS_PER_FILE; i++) {
    uint32_t n = (uint32_t)(rng() % 500); /* the pool: the same n is the same event */
    uint64_t h = n * 2654435761u;
    int month = 1 + (int)(h % 12), day = 1 + (int)(h / 12 % 28), span = (int)(h / 336 % 3);
    bool payment = h % 7 == 0;
    long cents = (long)(h % 1000000) - (h % 11 == 0 ? 500000 : 0);
    if (h % 13 == 0 && n > 10) {
      /* a restatement (or, one time in three, a correction) of an earlier event of the pool */
      uint32_t target = n - 1 - (uint32_t)(h % 10);
      uint64_t th = target * 2654435761u;
      bool target_payment = th % 7 == 0;
      if (h % 3 == 0 || (th % 13 == 0 && target > 10)) {
        fprintf(f, "c%u,correction,2024-%02d-%02d,,,,,,,%s%u\n", n, month, day,
                (th % 13 == 0 && target > 10) ? "r" : "e", target);
      } else {
        fprintf(f, "r%u,%s,2024-%02d-%02d,,a,%s,retail,%ld.%02ld,USD,e%u\n", n,
                target_payment ? "payment" : "revenue", month, day, target_payment ? "b" : "",
                labs(cents) / 100, labs(cents) % 100, target);
      }
      continue;
    }
    fprintf(f, "e%u,%s,2024-%02d-%02d,%s,a,%s,retail,%s%ld.%02ld,USD,\n", n,
            payment ? "payment" : "revenue", month, day,
            span ? (month < 12 ? "2024-12-31" : "") : "", payment ? "b" : "",
            cents < 0 ? "-" : "", labs(cents) / 100, labs(cents) % 100);
  }
  (void)salt;
  fclose(f);
}

/* The events in force, one line each, sorted: what a report would read. */
typedef struct Lines {
  char **items;
  size_t count, capacity;
} Lines;

static PactStatus collect(void *context, const char *source, const Event *e) {
  (void)source;
  Lines *l = context;
  if (l->count == l->capacity) {
    l->capacity = l->capacity ? l->capacity * 2 : 256;
    l->items = realloc(l->items, l->capacity * sizeof *l->items);
  }
  char day[11], end[11] = "";
  pact_date_format(e->date, day);
  if (e->has_end) pact_date_format(e->end, end);
  char *line = malloc(256);
  snprintf(line, 256, "%.*s|%s|%s|%s|%.*s|%.*s|%lld|%.*s", (int)e->id.len, e->id.ptr,
           event_kind_name(e->kind), day, end, (int)e->party.len, e->party.ptr,
           (int)e->counterparty.len, e->counterparty.ptr, (long long)e->amount_minor,
           (int)e->ref.len, e->ref.ptr);
  l->items[l->count++] = line;
  return PACT_OK;
}

static int line_order(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lines_free(Lines *l) {
  for (size_t i = 0; i < l->count; i++) free(l->items[i]);
  free(l->items);
  memset(l, 0, sizeof *l);
}

static bool same_lines(const Lines *x, const Lines *y) {
  if (x->count != y->count) return false;
  for (size_t i = 0; i < x->count; i++)
    if (strcmp(x->items[i], y->items[i]) != 0) return false;
  return true;
}

/* Reads a feed to its end (twice for files that hold restatements), sorted. */
static Lines read_feed(const FeedOptions *options) {
  Lines l = {0};
  DiagList diags;
  diag_list_init(&diags);
  Feed *feed;
  CHECK(feed_open(options, &diags, &feed) == PACT_OK);
  for (bool again = true; again;) {
    lines_free(&l);
    CHECK(feed_each(feed, &diags, collect, &l, &again) == PACT_OK);
  }
  feed_close(feed);
  CHECK_EQ_INT(diags.errors, 0);
  diag_list_free(&diags);
  qsort(l.items, l.count, sizeof *l.items, line_order);
  return l;
}

static Lines ledger_lines(const char *db) {
  FeedOptions options = {.ledger = db};
  return read_feed(&options);
}

static void import(const char *db, const char *file) {
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger;
  CHECK(ledger_create(db, &diags, &ledger) == PACT_OK);
  ImportResult result;
  CHECK(ledger_import(ledger, file, NULL, &diags, &result) == PACT_OK);
  ledger_close(ledger);
  CHECK_EQ_INT(diags.errors, 0);
  diag_list_free(&diags);
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  *len = (size_t)ftell(f);
  rewind(f);
  char *data = malloc(*len + 1);
  if (fread(data, 1, *len, f) != *len) *len = 0;
  fclose(f);
  return data;
}

static void one_round(int round) {
  char a[128], b[128], ab[128], ba[128], aa[128];
  snprintf(a, sizeof a, "%s/a%d.csv", folder, round);
  snprintf(b, sizeof b, "%s/b%d.csv", folder, round);
  snprintf(ab, sizeof ab, "%s/ab%d.db", folder, round);
  snprintf(ba, sizeof ba, "%s/ba%d.db", folder, round);
  snprintf(aa, sizeof aa, "%s/aa%d.db", folder, round);
  write_file(a, 1);
  write_file(b, 2);

  /* import(A); import(A) is import(A), to the byte. */
  import(aa, a);
  size_t len1, len2;
  char *once = slurp(aa, &len1);
  import(aa, a);
  char *twice = slurp(aa, &len2);
  CHECK(once && twice && len1 == len2 && memcmp(once, twice, len1) == 0);
  free(once);
  free(twice);

  /* A then B holds what B then A holds. */
  import(ab, a);
  import(ab, b);
  import(ba, b);
  import(ba, a);
  Lines x = ledger_lines(ab), y = ledger_lines(ba);
  CHECK(x.count > 0);
  CHECK(same_lines(&x, &y));

  /* The ledger's events in force are the files' events in force. */
  const char *files[] = {a, b};
  FeedOptions from_files = {.files = files, .file_count = 2};
  Lines z = read_feed(&from_files);
  /* Event files are read as given: an event repeated in them is read each time (only a ledger
  ** knows which events it already holds), so compare each event once. */
  size_t kept = 0;
  for (size_t i = 0; i < z.count; i++) {
    if (kept && strcmp(z.items[kept - 1], z.items[i]) == 0) {
      free(z.items[i]);
      continue;
    }
    z.items[kept++] = z.items[i];
  }
  z.count = kept;
  CHECK(same_lines(&x, &z));
  if (!same_lines(&x, &z)) fprintf(stderr, "round %d: ledger %zu events, files %zu\n", round, x.count, z.count);
  lines_free(&x);
  lines_free(&y);
  lines_free(&z);
}

int main(void) {
  if (!mkdtemp(folder)) {
    perror("mkdtemp");
    return 1;
  }
  const char *seed = getenv("PACTUM_TEST_SEED");
  rng_state = seed ? strtoull(seed, NULL, 10) : 20261127;
  if (!rng_state) rng_state = 1;
  for (int round = 0; round < ROUNDS; round++) one_round(round);
  char command[128];
  snprintf(command, sizeof command, "rm -rf %s", folder);
  if (system(command) != 0) fprintf(stderr, "could not remove %s\n", folder);
  return check_summary();
}
