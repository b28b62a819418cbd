/*
** test_decide.c -- the decide engine and the audit when memory runs out. Each sweep counts the
** allocations of a run (mem_allocation_count), then fails each in turn (mem_fail_countdown): the
** run must say PACT_ERR_NOMEM (or count the diagnostic it lost, as the program then says), or
** give exactly what it gives with memory to spare, never another answer. The runs: building a
** decider over the CSV files of tests/decide/ and the bundled agreement, then answering launch
** and use questions written as JSON; answering a launch and a use question with a decider
** already built (their writers); and an audit written as JSON over tests/audit/events.csv.
**
** And the room of an answer (base/limits.h): past it, the answer says what it left out.
** DECIDE_VERBOSE=1 says how many allocations each sweep failed.
*/
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/audit.h"
#include "engine/decide.h"
#include "feed/feed.h"
#include "pactum.h"
#include "unit.h"

static const char *const decide_files[] = {"tests/decide/clouds.csv", "tests/decide/licences.csv",
                                           "tests/decide/agi.csv"};

static EventText text_of(const char *s) { return (EventText){s, (uint32_t)strlen(s)}; }

static DecideQuery launch_query(const char *product, const char *provider, const char *day) {
  DecideQuery q = {
      .kind = DECIDE_LAUNCH, .product = text_of(product), .provider = text_of(provider)};
  pact_date_parse(day, strlen(day), &q.on);
  return q;
}

static DecideQuery use_query(const char *licensee, const char *subject, const char *day) {
  DecideQuery q = {.kind = DECIDE_USE, .licensee = text_of(licensee), .subject = text_of(subject)};
  pact_date_parse(day, strlen(day), &q.on);
  return q;
}

/* The questions a built decider is asked: offers answered and pending, a carve-out, a response
** that answers nothing, a milestone, a grant that breached an exclusive licence. */
static DecideQuery question(int i) {
  switch (i) {
    case 0: return launch_query("frontier-cluster", "oracle", "2025-03-20");
    case 1: return launch_query("pending-cluster", "amazon", "2025-09-15");
    case 2: return launch_query("research-cluster", "oracle", "2025-08-02");
    case 3: return launch_query("responses-api", "amazon", "2025-12-10");
    case 4: return use_query("microsoft", "model:gpt-6", "2024-06-01");
    case 5: return use_query("amazon", "model:gpt-4", "2026-06-01");
    default: return use_query("amazon", "models", "2027-02-01");
  }
}
enum { QUESTIONS = 7 };

/* ---------------------------------------------------------------- building a decider */

typedef struct Building {
  const Agreement *ag;
  DiagList *diags;
  Decider *d;
} Building;

static PactStatus building_start(void *context) {
  Building *b = context;
  decide_free(b->d);
  b->d = NULL;
  return decide_begin(b->ag, b->diags, &b->d);
}

static PactStatus building_visit(void *context, const char *source, const Event *event) {
  return decide_add(((Building *)context)->d, source, event);
}

/* The decider over the test's event files, as `decide` builds it. */
static PactStatus build(const Agreement *ag, DiagList *diags, Decider **out) {
  FeedOptions options = {.files = decide_files, .file_count = 3};
  Feed *feed = NULL;
  Building b = {ag, diags, NULL};
  PactStatus status = feed_open(&options, diags, &feed);
  if (status == PACT_OK) status = feed_all(feed, diags, building_start, building_visit, &b);
  if (status == PACT_OK) status = decide_finish(b.d);
  feed_close(feed);
  *out = b.d;
  return status;
}

/* Question i answered as `decide ... --json` writes it; NULL when the writer ran out of
** memory. */
static char *answer_json(const Decider *d, int i, const DiagList *diags) {
  DecideQuery q = question(i);
  DecideAnswer *a = malloc(sizeof *a);
  DecideText t = {0};
  if (!a || decide_query(d, &q, a) != PACT_OK) {
    free(a);
    return strdup("no answer");
  }
  decide_write_report(d, a, diags, &t);
  free(a);
  if (t.failed) {
    decide_text_free(&t);
    return NULL;
  }
  return t.ptr;
}

/* Every question's answer, one after another; NULL when a writer ran out of memory. */
static char *all_answers(const Decider *d, const DiagList *diags) {
  size_t len = 0;
  char *all = calloc(1, 1);
  for (int i = 0; i < QUESTIONS && all; i++) {
    char *one = answer_json(d, i, diags);
    if (!one) {
      free(all);
      return NULL;
    }
    size_t n = strlen(one);
    char *bigger = realloc(all, len + n + 1);
    if (bigger) memcpy(bigger + len, one, n + 1), len += n;
    else free(all);
    all = bigger;
    free(one);
  }
  return all;
}

/* Builds the decider and answers every question, as the n-th allocation fails (0: none fails).
** *out is the answers, or NULL when the run said it ran out of memory. */
static PactStatus build_and_answer(const Agreement *ag, long n, char **out) {
  DiagList diags;
  diag_list_init(&diags);
  Decider *d = NULL;
  *out = NULL;
  mem_fail_countdown = n;
  PactStatus status = build(ag, &diags, &d);
  char *answers = status == PACT_OK ? all_answers(d, &diags) : NULL;
  mem_fail_countdown = 0;
  if (status == PACT_OK && !answers) status = PACT_ERR_NOMEM;
  if (status == PACT_OK && diags.lost) status = PACT_ERR_NOMEM; /* the program says so */
  if (status == PACT_OK) *out = answers;
  else free(answers);
  decide_free(d);
  diag_list_free(&diags);
  return status;
}

static void test_building(const Agreement *ag) {
  char *expected;
  mem_allocation_count = 0;
  CHECK_EQ_INT(build_and_answer(ag, 0, &expected), PACT_OK);
  long total = mem_allocation_count;
  CHECK(expected != NULL && strstr(expected, "\"decision\":\"pending\"") != NULL);
  CHECK(expected != NULL && strstr(expected, "W1301") != NULL); /* its warning, in the answers */
  CHECK(total > 20);
  int wrong = 0, out_of_memory = 0;
  for (long n = 1; n <= total; n++) {
    char *got;
    PactStatus status = build_and_answer(ag, n, &got);
    if (status == PACT_ERR_NOMEM) out_of_memory++;
    else if (status != PACT_OK || !got || !expected || strcmp(got, expected) != 0) wrong++;
    free(got);
  }
  CHECK_EQ_INT(wrong, 0);
  CHECK(out_of_memory > 0);
  if (getenv("DECIDE_VERBOSE"))
    printf("building: %ld allocations, %d out of memory\n", total, out_of_memory);
  free(expected);
}

/* ---------------------------------------------------------------- answering */

/* One question's answer written, as the n-th allocation of the writer fails. */
static void test_answering(const Agreement *ag) {
  DiagList diags;
  diag_list_init(&diags);
  Decider *d = NULL;
  CHECK_EQ_INT(build(ag, &diags, &d), PACT_OK);
  int questions[] = {1, 4}; /* a launch pending an answer; a use with an exclusive licence */
  for (size_t k = 0; k < sizeof questions / sizeof *questions; k++) {
    mem_allocation_count = 0;
    char *expected = answer_json(d, questions[k], &diags);
    long total = mem_allocation_count;
    CHECK(expected != NULL && total > 0);
    int wrong = 0, out_of_memory = 0;
    for (long n = 1; n <= total; n++) {
      mem_fail_countdown = n;
      char *got = answer_json(d, questions[k], &diags);
      mem_fail_countdown = 0;
      if (!got) out_of_memory++;
      else if (!expected || strcmp(got, expected) != 0) wrong++;
      free(got);
    }
    CHECK_EQ_INT(wrong, 0);
    CHECK_EQ_INT(out_of_memory, total);
    free(expected);
  }
  decide_free(d);
  diag_list_free(&diags);
}

/* ---------------------------------------------------------------- an audit */

/* The audit of tests/audit/events.csv on a day, as `audit --json` writes it, as the n-th
** allocation fails; *out is NULL when the run said it ran out of memory. */
static PactStatus audit_json(const Agreement *ag, long n, char **out) {
  static const char *const files[] = {"tests/audit/events.csv"};
  FeedOptions options = {.files = files, .file_count = 1};
  DiagList diags;
  diag_list_init(&diags);
  char *text = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&text, &size);
  PactDate on;
  pact_date_parse("2026-11-27", 10, &on);
  Feed *feed = NULL;
  mem_fail_countdown = n;
  PactStatus status = feed_open(&options, &diags, &feed);
  if (status == PACT_OK) status = audit_write(ag, feed, on, true, &diags, f);
  mem_fail_countdown = 0;
  feed_close(feed);
  fclose(f);
  if (status == PACT_OK && (diags.lost || diags.errors)) status = PACT_ERR_NOMEM;
  *out = NULL;
  if (status == PACT_OK) *out = text;
  else free(text);
  diag_list_free(&diags);
  return status;
}

static void test_audit(const Agreement *ag) {
  char *expected;
  mem_allocation_count = 0;
  CHECK_EQ_INT(audit_json(ag, 0, &expected), PACT_OK);
  long total = mem_allocation_count;
  CHECK(expected != NULL && strstr(expected, "\"answer_due\"") != NULL);
  CHECK(total > 20);
  int wrong = 0, out_of_memory = 0;
  for (long n = 1; n <= total; n++) {
    char *got;
    PactStatus status = audit_json(ag, n, &got);
    if (status == PACT_ERR_NOMEM) out_of_memory++;
    else if (status != PACT_OK || !got || !expected || strcmp(got, expected) != 0) wrong++;
    free(got);
  }
  CHECK_EQ_INT(wrong, 0);
  CHECK(out_of_memory > 0);
  if (getenv("DECIDE_VERBOSE"))
    printf("audit: %ld allocations, %d out of memory\n", total, out_of_memory);
  free(expected);
}

/* ---------------------------------------------------------------- the room of an answer */

static Event event(const char *id, EventKind kind, const char *day, const char *party,
                   const char *counterparty, const char *stream, const char *subject,
                   const char *ref) {
  Event e;
  memset(&e, 0, sizeof e);
  e.id = text_of(id);
  e.kind = kind;
  pact_date_parse(day, strlen(day), &e.date);
  e.party = text_of(party);
  e.counterparty = text_of(counterparty);
  e.stream = text_of(stream);
  e.subject = text_of(subject);
  e.ref = text_of(ref);
  e.line = 2;
  return e;
}

/* An offer and twenty responses that answer nothing: the answer lists twelve events and counts
** the rest; a long product name fills the reason, which is cut and says so. */
static void test_room(const Agreement *ag) {
  DiagList diags;
  diag_list_init(&diags);
  Decider *d = NULL;
  CHECK_EQ_INT(decide_begin(ag, &diags, &d), PACT_OK);
  Event o = event("o-many", EVENT_OFFER, "2026-05-01", "openai", "microsoft", "many", "", "");
  CHECK_EQ_INT(decide_add(d, "room.csv", &o), PACT_OK);
  for (int i = 0; i < 20; i++) {
    char id[24], ref[24];
    snprintf(id, sizeof id, "r-%d", i);
    snprintf(ref, sizeof ref, "none-%d", i);
    Event r = event(id, EVENT_RESPONSE, "2026-05-02", "microsoft", "", "many", "unable", ref);
    CHECK_EQ_INT(decide_add(d, "room.csv", &r), PACT_OK);
  }
  CHECK_EQ_INT(decide_finish(d), PACT_OK);
  CHECK_EQ_INT(diags.warnings, 20); /* W1301, each response */
  DecideAnswer *a = malloc(sizeof *a);
  DecideQuery q = launch_query("many", "google", "2026-05-20");
  CHECK_EQ_INT(decide_query(d, &q, a), PACT_OK);
  CHECK_EQ_INT(a->decision, DECISION_PENDING);
  CHECK_EQ_INT(a->event_count, DECIDE_EVENTS_MAX);
  CHECK_EQ_INT(a->events_left_out, 21 - DECIDE_EVENTS_MAX);
  CHECK(a->reason_cut == false);
  const char *tail = "; 9 more events not listed (an answer lists at most 12)";
  size_t len = strlen(a->reason);
  CHECK(len > strlen(tail) && strcmp(a->reason + len - strlen(tail), tail) == 0);

  char product[3000];
  memset(product, 'p', sizeof product - 1);
  product[sizeof product - 1] = '\0';
  q = launch_query(product, "google", "2026-05-20");
  CHECK_EQ_INT(decide_query(d, &q, a), PACT_OK);
  CHECK(a->reason_cut);
  CHECK_EQ_INT(strlen(a->reason), DECIDE_REASON_MAX - 1);
  tail = "p ... (cut: a reason holds at most 2047 bytes)";
  len = strlen(a->reason);
  CHECK(strcmp(a->reason + len - strlen(tail), tail) == 0);
  free(a);
  decide_free(d);
  diag_list_free(&diags);
}

/* Calls out of order are refused, and change nothing: a question before the decider is built, a
** second build, an event after it. */
static void test_order(const Agreement *ag) {
  DiagList diags;
  diag_list_init(&diags);
  Decider *d = NULL;
  CHECK_EQ_INT(decide_begin(ag, &diags, &d), PACT_OK);
  if (!d) return;
  Event e = {.id = {"l1", 2},
             .kind = EVENT_LAUNCH,
             .party = {"openai", 6},
             .counterparty = {"amazon", 6},
             .subject = {"responses-api", 13},
             .line = 2};
  pact_date_parse("2025-12-01", 10, &e.date);
  CHECK_EQ_INT(decide_add(d, "order.csv", &e), PACT_OK);
  DecideQuery q = {.kind = DECIDE_LAUNCH,
                   .product = {"responses-api", 13},
                   .provider = {"amazon", 6},
                   .on = e.date};
  DecideAnswer *a = calloc(1, sizeof *a);
  if (!a) return;
  CHECK_EQ_INT(decide_query(d, &q, a), PACT_ERR_MISUSE);
  CHECK(strstr(a->reason, "before decide_finish") != NULL);
  CHECK_EQ_INT(decide_finish(d), PACT_OK);
  CHECK_EQ_INT(decide_finish(d), PACT_ERR_MISUSE);
  CHECK_EQ_INT(decide_add(d, "order.csv", &e), PACT_ERR_MISUSE);
  CHECK_EQ_INT(decide_query(d, &q, a), PACT_OK);
  CHECK(a->version != NULL && a->reason[0] != '\0'); /* answered, by the version of the day */
  free(a);
  decide_free(d);
  diag_list_free(&diags);
}

int main(void) {
  PactAgreement *ag = NULL;
  CHECK_EQ_INT(pact_agreement_load("agreements/microsoft-openai", &ag), PACT_OK);
  if (!ag) return check_summary();
  test_building(ag);
  test_answering(ag);
  test_audit(ag);
  test_room(ag);
  test_order(ag);
  pact_agreement_free(ag);
  return check_summary();
}
