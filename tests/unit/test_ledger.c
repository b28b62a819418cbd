/*
** test_ledger.c -- properties of the ledger over random event files: import(A); import(A)
** holds what import(A) holds (and the second import leaves the file byte for byte as it was);
** A then B holds what B then A holds; and the events in force read from a ledger are the events
** in force read from the files, restatements and corrections applied. And for files that may
** conflict (one id with two contents, two restatements of one event): every order of importing
** them imports them all and settles alike, or every order refuses a file; a refused file leaves
** nothing behind, so the ledger settles as the files it took, read as event files, settle.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine/settle.h"
#include "feed/feed.h"
#include "pactum.h"
#include "store/ledger.h"
#include "unit.h"

#define ROUNDS          12
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
    long cents =
        (long)(h % 1000000) - (h % 11 == 0 && !payment ? 500000 : 0); /* refunds, not paybacks */
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
            span ? (month < 12 ? "2024-12-31" : "") : "", payment ? "b" : "", cents < 0 ? "-" : "",
            labs(cents) / 100, labs(cents) % 100);
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
  if (!same_lines(&x, &z))
    fprintf(stderr, "round %d: ledger %zu events, files %zu\n", round, x.count, z.count);
  lines_free(&x);
  lines_free(&y);
  lines_free(&z);
}

/* ---------------------------------------------------------------- any order of import */

#define ORDER_FILES  3
#define ORDER_ROUNDS 40

/*
** A file of globex's software revenue (amended.pact counts it): ids from a pool where the same
** id is mostly the same event (one time in 40 another amount: a conflict); restatements r<n>_<k>
** of the first 12 events of the pool (two with another k restate one event twice), and now and
** then a correction of one.
*/
static void write_order_file(const char *path) {
  FILE *f = fopen(path, "w");
  fprintf(f, "id,kind,date,party,stream,amount,currency,ref\n");
  int events = 6 + (int)(rng() % 14);
  for (int i = 0; i < events; i++) {
    uint32_t n = (uint32_t)(rng() % 60), roll = (uint32_t)(rng() % 40);
    uint64_t h = n * 2654435761u;
    int month = 1 + (int)(h % 12), day = 1 + (int)(h / 12 % 28);
    long cents = 100 + (long)(h % 500000);
    if (roll < 5) { /* a restatement */
      uint32_t target = n % 12, k = (uint32_t)(rng() % 3);
      fprintf(f, "r%u_%u,revenue,2024-%02d-%02d,globex,software,%ld.%02ld,USD,e%u\n", target, k,
              1 + (int)(target % 12), 1 + (int)(target % 28), (cents + k * 777) / 100,
              (cents + k * 777) % 100, target);
    } else if (roll == 5) { /* a correction */
      fprintf(f, "c%u,correction,2024-%02d-%02d,globex,,,,e%u\n", n % 12, month, day, n % 12);
    } else {
      if (roll == 6) cents += 1; /* the same id, another amount */
      fprintf(f, "e%u,revenue,2024-%02d-%02d,globex,software,%ld.%02ld,USD,\n", n, month, day,
              cents / 100, cents % 100);
    }
  }
  fclose(f);
}

/* The settlement of a feed's events under the agreement, one line per obligation. */
typedef struct Settling {
  const Agreement *ag;
  Settlement *s;
  DiagList *diags;
} Settling;

static PactStatus settling_start(void *context) {
  Settling *g = context;
  settle_free(g->s);
  g->s = NULL;
  SettleOptions options = {0};
  return settle_begin(g->ag, &options, g->diags, &g->s);
}

static PactStatus settling_visit(void *context, const char *source, const Event *e) {
  Settling *g = context;
  settle_set_events_path(g->s, source);
  return settle_add(g->s, e);
}

static char *settlement_text(const Agreement *ag, const FeedOptions *options, bool *ok) {
  DiagList diags;
  diag_list_init(&diags);
  Feed *feed;
  Settling g = {ag, NULL, &diags};
  *ok = feed_open(options, &diags, &feed) == PACT_OK &&
        feed_all(feed, &diags, settling_start, settling_visit, &g) == PACT_OK &&
        settle_finish(g.s) == PACT_OK && diags.errors == 0;
  feed_close(feed);
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  if (*ok) {
    size_t count;
    const Obligation *o = settle_obligations(g.s, &count);
    for (size_t i = 0; i < count; i++)
      fprintf(out, "%.*s %u %lld %lld %lld\n", (int)o[i].clause->id.len, o[i].clause->id.ptr,
              o[i].clause->version, (long long)o[i].base_minor, (long long)o[i].amount_minor,
              (long long)o[i].cumulative_minor);
  }
  fclose(out);
  settle_free(g.s);
  diag_list_free(&diags);
  return text;
}

/* Returns whether every order took every file. */
static bool order_round(const Agreement *ag, int round) {
  char files[ORDER_FILES][128];
  for (int f = 0; f < ORDER_FILES; f++) {
    snprintf(files[f], sizeof files[f], "%s/o%d-%d.csv", folder, round, f);
    write_order_file(files[f]);
  }
  static const int orders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
                                   {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
  char *first_text = NULL;
  bool first_all = false;
  for (int k = 0; k < 6; k++) {
    char db[128];
    snprintf(db, sizeof db, "%s/o%d-%d.db", folder, round, k);
    DiagList diags;
    diag_list_init(&diags);
    Ledger *ledger;
    CHECK(ledger_create(db, &diags, &ledger) == PACT_OK);
    const char *taken[ORDER_FILES];
    int taken_count = 0;
    for (int i = 0; i < ORDER_FILES; i++) {
      const char *file = files[orders[k][i]];
      ImportResult result;
      size_t errors = diags.errors;
      PactStatus status = ledger_import(ledger, file, NULL, &diags, &result);
      /* Refused with a reason, or taken without one. */
      CHECK((status == PACT_OK) == (diags.errors == errors));
      if (status == PACT_OK) taken[taken_count++] = file;
    }
    ledger_close(ledger);
    diag_list_free(&diags);
    bool all = taken_count == ORDER_FILES;
    /* Every order takes every file, or none does. */
    if (k == 0) first_all = all;
    CHECK_EQ_INT(all, first_all);
    /* What was refused left nothing: the ledger settles as the files it took. */
    FeedOptions from_ledger = {.ledger = db};
    FeedOptions from_files = {.files = taken, .file_count = taken_count};
    bool ok_ledger, ok_files;
    char *ledger_text = settlement_text(ag, &from_ledger, &ok_ledger);
    char *files_text = settlement_text(ag, &from_files, &ok_files);
    CHECK(ok_ledger);
    CHECK(ok_files);
    CHECK_EQ_STR(ledger_text, files_text);
    free(files_text);
    /* When every file was taken, every order settles alike. */
    if (all && k == 0) first_text = ledger_text;
    else if (all) {
      CHECK_EQ_STR(ledger_text, first_text);
      free(ledger_text);
    } else {
      free(ledger_text);
    }
  }
  free(first_text);
  return first_all;
}

/*
** A report reads one snapshot: an import that commits while a feed is open is not seen by any
** of its readings (a restatement never counts beside the event it replaces), and the next
** report sees it whole.
*/
static void snapshot_reads(void) {
  char db[160], a[160], b[160];
  snprintf(db, sizeof db, "%s/snapshot.db", folder);
  snprintf(a, sizeof a, "%s/snapshot-a.csv", folder);
  snprintf(b, sizeof b, "%s/snapshot-b.csv", folder);
  FILE *f = fopen(a, "w");
  fputs("id,kind,date,party,amount,currency,ref\ne1,revenue,2024-02-01,globex,100.00,USD,\n", f);
  fclose(f);
  f = fopen(b, "w");
  fputs(
      "id,kind,date,party,amount,currency,ref\ne1r,revenue,2024-02-01,globex,50.00,USD,e1\n"
      "e2,revenue,2024-02-02,globex,7.00,USD,\n",
      f);
  fclose(f);
  import(db, a);
  DiagList diags;
  diag_list_init(&diags);
  FeedOptions options = {.ledger = db};
  Feed *feed;
  CHECK(feed_open(&options, &diags, &feed) == PACT_OK);
  Lines before = {0}, during = {0};
  bool again;
  CHECK(feed_each(feed, &diags, collect, &before, &again) == PACT_OK);
  import(db, b); /* another connection commits while the report is open */
  CHECK(feed_each(feed, &diags, collect, &during, &again) == PACT_OK);
  feed_close(feed);
  CHECK_EQ_INT(diags.errors, 0);
  diag_list_free(&diags);
  CHECK_EQ_INT(before.count, 1);
  CHECK(before.count == 1 && strncmp(before.items[0], "e1|", 3) == 0);
  CHECK(same_lines(&before, &during));
  Lines after = ledger_lines(db);
  CHECK_EQ_INT(after.count, 2); /* e1r replaces e1; e2 */
  CHECK(after.count == 2 && strncmp(after.items[0], "e1r|", 4) == 0 &&
        strncmp(after.items[1], "e2|", 3) == 0);
  lines_free(&before);
  lines_free(&during);
  lines_free(&after);
}

/* ---------------------------------------------------------------- the file, and who waits */

/* A file's bytes, for comparing before and after (NULL: no file). */
static char *file_bytes(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *bytes = malloc((size_t)n + 1);
  *size = bytes ? fread(bytes, 1, (size_t)n, f) : 0;
  fclose(f);
  return bytes;
}

static bool same_file(const char *path, const char *bytes, size_t size) {
  size_t now_size;
  char *now = file_bytes(path, &now_size);
  bool same = now && now_size == size && memcmp(now, bytes, size) == 0;
  free(now);
  return same;
}

static bool exists(const char *path, const char *suffix) {
  char name[256];
  snprintf(name, sizeof name, "%s%s", path, suffix);
  return access(name, F_OK) == 0;
}

static bool has_code(const DiagList *diags, const char *code) {
  for (size_t i = 0; i < diags->count; i++)
    if (strcmp(diags->items[i].code, code) == 0) return true;
  return false;
}

/*
** Files that are not ledgers, drawn at random (seeded): random bytes, or SQLite's 16-byte magic
** followed by random bytes, of random lengths. Reading them and opening them to write refuse
** them, and their bytes are as they were, with no -wal or -shm beside them; init refuses those
** that do not even begin like a database.
*/
static void random_files_refused(void) {
  char path[200];
  snprintf(path, sizeof path, "%s/random.db", folder);
  for (int round = 0; round < 60; round++) {
    size_t size = 1 + (size_t)(rng() % 9000);
    bool magic = round % 2 == 0 && size > 16;
    char *bytes = malloc(size);
    for (size_t i = 0; i < size; i++) bytes[i] = (char)(rng() & 0xff);
    if (magic) memcpy(bytes, "SQLite format 3", 16);
    FILE *f = fopen(path, "wb");
    fwrite(bytes, 1, size, f);
    fclose(f);
    for (int how = 0; how < 3; how++) {
      if (how == 2 && magic) continue;
      DiagList diags;
      diag_list_init(&diags);
      Ledger *ledger = NULL;
      PactStatus status = how == 0   ? ledger_open(path, &diags, &ledger)
                          : how == 1 ? ledger_open_write(path, NULL, &diags, &ledger)
                                     : ledger_create(path, &diags, &ledger);
      CHECK(status != PACT_OK);
      CHECK(diags.errors > 0);
      ledger_close(ledger);
      diag_list_free(&diags);
      CHECK(same_file(path, bytes, size));
      CHECK(!exists(path, "-wal") && !exists(path, "-shm") && !exists(path, "-journal"));
    }
    free(bytes);
  }
}

static int waits_told;
static void told(const char *path) {
  (void)path;
  waits_told++;
}

static double seconds_since(const struct timespec *start) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/*
** A write lock held by another connection: an import waits its bound (0.3 s), says once that
** it waits, gives up with E1230 and writes nothing; once the lock is let go it lands.
*/
static void import_waits_its_bound(void) {
  char db[200], file[200];
  snprintf(db, sizeof db, "%s/wait.db", folder);
  snprintf(file, sizeof file, "%s/wait.csv", folder);
  FILE *f = fopen(file, "w");
  fputs("id,kind,date,party,amount,currency\nw1,revenue,2024-02-01,globex,1.00,USD\n", f);
  fclose(f);
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger;
  CHECK(ledger_create(db, &diags, &ledger) == PACT_OK);
  ledger_close(ledger);
  sqlite3 *other;
  CHECK(sqlite3_open(db, &other) == SQLITE_OK);
  CHECK(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
  LedgerWriteOptions options = {0.3, told};
  waits_told = 0;
  CHECK(ledger_open_write(db, &options, &diags, &ledger) == PACT_OK);
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  ImportResult result;
  CHECK(ledger_import(ledger, file, NULL, &diags, &result) != PACT_OK);
  double waited = seconds_since(&start);
  CHECK(waited >= 0.25 && waited < 2.0);
  CHECK(has_code(&diags, "E1230"));
  CHECK_EQ_INT(waits_told, 1);
  CHECK_EQ_INT(result.added, 0);
  sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close(other);
  diag_list_free(&diags);
  diag_list_init(&diags);
  CHECK(ledger_import(ledger, file, NULL, &diags, &result) == PACT_OK);
  CHECK_EQ_INT(result.added, 1);
  CHECK_EQ_INT(diags.errors, 0);
  ledger_close(ledger);
  diag_list_free(&diags);
}

/*
** A reader of a ledger at rest reads its main file alone (immutable). While it is open, an
** import, in this process or in another, leaves the main file byte for byte as it was (what it
** writes waits in the log), and the reader's snapshot is the ledger as it was; once the reader
** has gone, the next read sees the import.
*/
static void imports_beside_an_immutable_reader(void) {
  char db[200], a[200], b[200];
  snprintf(db, sizeof db, "%s/beside.db", folder);
  snprintf(a, sizeof a, "%s/beside-a.csv", folder);
  snprintf(b, sizeof b, "%s/beside-b.csv", folder);
  write_file(a, 1);
  write_file(b, 2);
  import(db, a);
  CHECK(!exists(db, "-wal"));
  Lines before = ledger_lines(db);
  for (int in_child = 0; in_child < 2; in_child++) {
    size_t size;
    char *bytes = file_bytes(db, &size);
    DiagList diags;
    diag_list_init(&diags);
    FeedOptions options = {.ledger = db};
    Feed *feed;
    CHECK(feed_open(&options, &diags, &feed) == PACT_OK);
    CHECK(!exists(db, "-wal") && !exists(db, "-shm"));
    if (in_child) {
      fflush(NULL);
      int failed_before = check_failed;
      pid_t child = fork();
      if (child == 0) {
        import(db, b);
        _exit(check_failed > failed_before ? 1 : 0);
      }
      int status = 0;
      CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    } else {
      import(db, b);
    }
    CHECK(same_file(db, bytes, size));
    Lines during = {0};
    bool again;
    CHECK(feed_each(feed, &diags, collect, &during, &again) == PACT_OK);
    qsort(during.items, during.count, sizeof *during.items, line_order);
    CHECK(same_lines(&before, &during));
    feed_close(feed);
    CHECK_EQ_INT(diags.errors, 0);
    diag_list_free(&diags);
    Lines after = ledger_lines(db);
    CHECK(!same_lines(&before, &after));
    lines_free(&during);
    lines_free(&after);
    free(bytes);
    if (!in_child) { /* again from the ledger as it was */
      unlink(db);
      import(db, a);
    }
  }
  lines_free(&before);
}

/* ---------------------------------------------------------------- who recorded what, when */

/* The machine's clock, as the tests set it (seconds since 1970, UTC). */
static int64_t clock_now;
static int64_t test_now(void) { return clock_now; }

static PactStatus add_amount(void *context, const char *source, const Event *e) {
  *(int64_t *)context += e->amount_minor;
  return PACT_OK;
}

static bool any_group(void *context, const Event *group) {
  (void)context, (void)group;
  return true;
}

static size_t count_code(const DiagList *diags, const char *code) {
  size_t n = 0;
  for (size_t i = 0; i < diags->count; i++) n += strcmp(diags->items[i].code, code) == 0;
  return n;
}

/* The sum of the ledger's amounts as known on (or, held, as held on) a day, and its W1223s. */
static int64_t sum_on(const char *db, PactDate day, bool held, size_t *backdated) {
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger;
  int64_t sum = 0;
  CHECK(ledger_open(db, &diags, &ledger) == PACT_OK);
  LedgerQuery query = {.has_known_on = !held, .known_on = day, .has_held_on = held, .held_on = day};
  CHECK(ledger_each(ledger, &query, &diags, add_amount, &sum) == PACT_OK);
  CHECK_EQ_INT(diags.errors, 0);
  /* The reading a settlement makes (daily sums, where they can serve) adds up the same. */
  int64_t summed = 0;
  DiagList quiet;
  diag_list_init(&quiet);
  query.summable = any_group;
  CHECK(ledger_each(ledger, &query, &quiet, add_amount, &summed) == PACT_OK);
  CHECK_EQ_INT(quiet.errors, 0);
  CHECK_EQ_INT(summed, sum);
  /* And the reading of one period (explain), through each import's record of where its events
  ** are (by a scan as known on a day before an undo): every event is of 2024-01-15. */
  query.summable = NULL;
  query.has_days = true;
  pact_date_parse("2024-01-01", 10, &query.first);
  pact_date_parse("2024-03-31", 10, &query.last);
  int64_t in_days = 0;
  CHECK(ledger_each(ledger, &query, &quiet, add_amount, &in_days) == PACT_OK);
  CHECK_EQ_INT(quiet.errors, 0);
  CHECK_EQ_INT(in_days, sum);
  pact_date_parse("2024-02-01", 10, &query.first);
  in_days = 0;
  CHECK(ledger_each(ledger, &query, &quiet, add_amount, &in_days) == PACT_OK);
  CHECK_EQ_INT(in_days, 0);
  diag_list_free(&quiet);
  *backdated = count_code(&diags, "W1223");
  ledger_close(ledger);
  diag_list_free(&diags);
  return sum;
}

/*
** A seeded history of imports and undos, each written at a time of the (test's) machine clock
** and claiming a day on or before it (backdated, with a reason, now and then). Then for every
** day: as held on it, the ledger holds exactly what was written by its end, less what undos
** written by then withdrew, and says nothing of backdating; as known on it, what the acts
** claimed by then, and one W1223 for each act it counts that was written after it. And a
** backdated import without a reason, or one on a day to come, is refused and writes nothing.
*/
#define ACTS_STEPS 40
static void acts_by_the_clock(void) {
  char db[256], file[256];
  snprintf(db, sizeof db, "%s/acts.db", folder);
  const PactDate start = 20454; /* 2026-01-01 */
  struct {
    PactDate written, claimed, undo_written, undo_claimed;
    int64_t amount;
    bool undone;
  } acts[ACTS_STEPS];
  int count = 0;
  ledger_test_clock(test_now);
  clock_now = (int64_t)start * 86400 + 3600;
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger;
  CHECK(ledger_create(db, &diags, &ledger) == PACT_OK);
  for (int step = 0; step < ACTS_STEPS; step++) {
    clock_now += (int64_t)(rng() % 3) * 86400 + (int64_t)(rng() % 3600);
    PactDate today = (PactDate)(clock_now / 86400);
    if (count && rng() % 4 == 0) { /* an undo of one not undone yet, on a day on or after it */
      int k = (int)(rng() % (uint64_t)count);
      if (acts[k].undone) continue;
      PactDate claimed =
          acts[k].claimed + (PactDate)(rng() % (uint64_t)(today - acts[k].claimed + 1));
      UndoOptions undo = {claimed != today, claimed, NULL, claimed != today ? "late" : NULL};
      UndoResult result;
      CHECK(ledger_undo(ledger, k + 1, &undo, &diags, &result) == PACT_OK);
      CHECK_EQ_INT(result.withdrawn, 1);
      acts[k].undone = true;
      acts[k].undo_written = today;
      acts[k].undo_claimed = claimed;
      continue;
    }
    int64_t amount = 1 + (int64_t)(rng() % 100000);
    snprintf(file, sizeof file, "%s/act-%d.csv", folder, count);
    FILE *f = fopen(file, "w");
    fprintf(f,
            "id,kind,date,party,stream,amount,currency\nr%d,revenue,2024-01-15,a,retail,%lld.%"
            "02lld,USD\n",
            count, (long long)(amount / 100), (long long)(amount % 100));
    fclose(f);
    PactDate claimed = rng() % 3 ? today : today - (PactDate)(1 + rng() % 40);
    ImportOptions options = {0};
    options.has_recorded_on = claimed != today;
    options.recorded_on = claimed;
    ImportResult result;
    if (claimed != today && rng() % 4 == 0) {
      /* Without a reason: refused, and nothing is written. */
      size_t size;
      char *bytes = file_bytes(db, &size);
      CHECK(ledger_import(ledger, file, &options, &diags, &result) == PACT_ERR_INVALID);
      CHECK(has_code(&diags, "E1260"));
      CHECK(same_file(db, bytes, size));
      free(bytes);
      diag_list_free(&diags);
      diag_list_init(&diags);
    }
    options.backdated_because = claimed != today ? "found later" : NULL;
    CHECK(ledger_import(ledger, file, &options, &diags, &result) == PACT_OK);
    CHECK_EQ_INT(result.added, 1);
    acts[count].written = today;
    acts[count].claimed = claimed;
    acts[count].amount = amount;
    acts[count].undone = false;
    count++;
  }
  /* A day to come is refused by the library too. */
  ImportOptions future = {0};
  future.has_recorded_on = true;
  future.recorded_on = (PactDate)(clock_now / 86400) + 1;
  future.backdated_because = "x";
  ImportResult result;
  CHECK(ledger_import(ledger, file, &future, &diags, &result) == PACT_ERR_INVALID);
  CHECK(has_code(&diags, "E1261"));
  diag_list_free(&diags);
  ledger_close(ledger);
  PactDate last = (PactDate)(clock_now / 86400);
  for (PactDate day = start - 45; day <= last + 1; day++) {
    int64_t held = 0, known = 0;
    size_t warned = 0;
    for (int k = 0; k < count; k++) {
      if (acts[k].written <= day && !(acts[k].undone && acts[k].undo_written <= day))
        held += acts[k].amount;
      if (acts[k].claimed <= day && !(acts[k].undone && acts[k].undo_claimed <= day))
        known += acts[k].amount;
      warned += acts[k].claimed <= day && acts[k].written > day;
      warned += acts[k].undone && acts[k].undo_claimed <= day && acts[k].undo_written > day;
    }
    size_t got_warned;
    CHECK_EQ_INT(sum_on(db, day, true, &got_warned), held);
    CHECK_EQ_INT(got_warned, 0);
    CHECK_EQ_INT(sum_on(db, day, false, &got_warned), known);
    CHECK_EQ_INT(got_warned, warned);
  }
  ledger_test_clock(NULL);
}

int main(void) {
  if (!mkdtemp(folder)) {
    perror("mkdtemp");
    return 1;
  }
  const char *seed = getenv("PACTUM_TEST_SEED");
  rng_state = seed ? strtoull(seed, NULL, 10) : 20261127;
  if (!rng_state) rng_state = 1;
  snapshot_reads();
  acts_by_the_clock();
  random_files_refused();
  import_waits_its_bound();
  imports_beside_an_immutable_reader();
  for (int round = 0; round < ROUNDS; round++) one_round(round);
  PactAgreement *ag;
  CHECK(pact_agreement_load("tests/settle/amended.pact", &ag) == PACT_OK);
  CHECK_EQ_INT(pact_agreement_error_count(ag), 0);
  int taken_rounds = 0;
  for (int round = 0; round < ORDER_ROUNDS; round++) taken_rounds += order_round(ag, round);
  /* The files drawn are both kinds: some rounds take every file, some refuse one. */
  CHECK(taken_rounds > 0);
  CHECK(taken_rounds < ORDER_ROUNDS);
  fprintf(stderr, "any order: %d of %d rounds took every file\n", taken_rounds, ORDER_ROUNDS);
  pact_agreement_free(ag);
  char command[128];
  snprintf(command, sizeof command, "rm -rf %s", folder);
  if (system(command) != 0) fprintf(stderr, "could not remove %s\n", folder);
  return check_summary();
}
