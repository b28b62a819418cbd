/*
** test_events.c -- the event readers: every diagnostic pinned by the files in tests/events,
** CSV quoting, JSON escapes and numbers, both formats agreeing, pipes, limits, failing memory.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/mem.h"
#include "events/events.h"
#include "events/reader_int.h" /* events_show, as every report shows a value */
#include "unit.h"

#define TEXT(s)    (s), (sizeof(s) - 1)
#define EVENTS_DIR "tests/events"

/* ------------------------------------------------------------------ a reading as text */

/* Text as C would write it between quotes, so that a dump stays one line per event. */
static void dump_escaped(FILE *out, EventText text) {
  for (uint32_t i = 0; i < text.len; i++) {
    unsigned char c = (unsigned char)text.ptr[i];
    if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
    else if (c == '\n') fputs("\\n", out);
    else if (c == '\t') fputs("\\t", out);
    else if (c < 0x20) fprintf(out, "\\x%02x", c);
    else fputc(c, out);
  }
}

static void dump_text(FILE *out, const char *key, EventText text) {
  if (text.len == 0) return;
  fprintf(out, " %s=\"", key);
  dump_escaped(out, text);
  fputc('"', out);
}

/* One line per event: "line 2: revenue id 2026-05-01..2026-05-31 USD 12.50 party=...". */
static void dump_event(FILE *out, const Event *e, bool with_line) {
  char date[11], end[11], amount[48];
  pact_date_format(e->date, date);
  if (with_line) fprintf(out, "line %u: ", e->line);
  fprintf(out, "%s ", event_kind_name(e->kind));
  dump_escaped(out, e->id);
  fprintf(out, " %s", date);
  if (e->has_end) {
    pact_date_format(e->end, end);
    fprintf(out, "..%s", end);
  }
  if (e->has_amount) {
    pact_money_format(e->amount_minor, e->currency.minor_digits, amount, sizeof amount);
    fprintf(out, " %s %s", e->currency.code, amount);
  }
  dump_text(out, "party", e->party);
  dump_text(out, "counterparty", e->counterparty);
  dump_text(out, "stream", e->stream);
  dump_text(out, "subject", e->subject);
  dump_text(out, "ref", e->ref);
  dump_text(out, "note", e->note);
  fputc('\n', out);
}

/* Reads every event of an opened reader (or reports why it did not open), then renders the
** diagnostics: the whole outcome of a reading as one string. */
static char *dump_reading(PactStatus open_status, EventReader *r, DiagList *diags,
                          bool with_lines) {
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  size_t events = 0, errors = 0;
  PactStatus status = open_status;
  if (open_status == PACT_OK) {
    Event e;
    while (event_reader_next(r, &e)) {
      dump_event(out, &e, with_lines);
      events++;
    }
    CHECK(!event_reader_next(r, &e)); /* the end stays the end */
    status = event_reader_status(r);
    errors = event_reader_error_count(r);
    event_reader_close(r);
  }
  if (with_lines) diag_render_all(out, diags, false);
  fprintf(out, "%s: %zu events, %zu errors\n", pact_status_name(status), events, errors);
  fclose(out);
  return text;
}

static char *dump_input(const char *name, const char *text, size_t len) {
  DiagList diags;
  diag_list_init(&diags);
  EventReader *r = NULL;
  PactStatus status = event_reader_open_text(name, text, len, &diags, &r);
  CHECK(status == PACT_OK || r == NULL);
  char *dump = dump_reading(status, r, &diags, true);
  diag_list_free(&diags);
  return dump;
}

static char *dump_file(const char *path) {
  DiagList diags;
  diag_list_init(&diags);
  EventReader *r = NULL;
  PactStatus status = event_reader_open(path, &diags, &r);
  CHECK(status == PACT_OK || r == NULL);
  char *dump = dump_reading(status, r, &diags, true);
  diag_list_free(&diags);
  return dump;
}

/* Only the events, without their lines: what two formats must agree on. */
static char *dump_events(const char *path) {
  DiagList diags;
  diag_list_init(&diags);
  EventReader *r = NULL;
  PactStatus status = event_reader_open(path, &diags, &r);
  char *dump = dump_reading(status, r, &diags, false);
  CHECK_EQ_INT(diags.count, 0);
  diag_list_free(&diags);
  return dump;
}

static char *file_contents(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *text = NULL;
  size_t n = 0, got;
  char buf[65536];
  while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
    text = realloc(text, n + got + 1);
    memcpy(text + n, buf, got);
    n += got;
  }
  fclose(f);
  text = realloc(text, n + 1);
  text[n] = '\0';
  *len = n;
  return text;
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  if (!f) return;
  fputs(text, f);
  fclose(f);
}

/* Every occurrence of from in text replaced with to (a new string). */
static char *replace_all(const char *text, const char *from, const char *to) {
  char *out = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  size_t n = strlen(from);
  for (const char *p = text; *p;) {
    const char *hit = strstr(p, from);
    if (!hit) {
      fputs(p, f);
      break;
    }
    fwrite(p, 1, (size_t)(hit - p), f);
    fputs(to, f);
    p = hit + n;
  }
  fclose(f);
  return out;
}

/* ------------------------------------------------------------------ pipes */

/* Another process writes text into a pipe in small, uneven pieces, so that a reader's window
** ends anywhere: inside a value, a quote pair, a CRLF, a UTF-8 character. The pipe's read end,
** named path ("/dev/fd/N"). */
static int pipe_writer(const char *text, size_t len, pid_t *child, char *path, size_t path_size) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  *child = fork();
  if (*child == 0) {
    struct timespec pause = {0, 100000};
    close(fds[0]);
    for (size_t at = 0, piece = 1; at < len; at += piece, piece = piece % 7 + 1) {
      if (piece > len - at) piece = len - at;
      if (write(fds[1], text + at, piece) != (ssize_t)piece) _exit(1);
      /* Now and then the reader catches up and gets a short read. */
      if (piece == 3 && at % 1000 < 7) nanosleep(&pause, NULL);
    }
    _exit(0);
  }
  close(fds[1]);
  snprintf(path, path_size, "/dev/fd/%d", fds[0]);
  return fds[0];
}

/* The pipe read once in pieces (stream), or opened by name, which keeps a copy (spool.h). */
static char *dump_pipe(const char *text, size_t len, bool stream, char *path, size_t path_size) {
  pid_t child;
  int fd = pipe_writer(text, len, &child, path, path_size);
  if (fd < 0) return NULL;
  char *dump;
  if (stream) {
    DiagList diags;
    diag_list_init(&diags);
    EventReader *r = NULL;
    PactStatus status = event_reader_open_stream(path, fd, &diags, &r);
    dump = dump_reading(status, r, &diags, true);
    diag_list_free(&diags);
  } else {
    dump = dump_file(path);
  }
  close(fd);
  waitpid(child, NULL, 0); /* it may have died of SIGPIPE: a reader can stop early */
  return dump;
}

/* The same text read four ways (in memory, mapped from a file, from a pipe in pieces, from a
** pipe's kept copy) says the same. */
static void check_three_ways(const char *name, const char *text, size_t len) {
  char *memory = dump_input(name, text, len);
  char tmp[] = "/tmp/pactum-events-XXXXXX";
  int fd = mkstemp(tmp);
  CHECK(fd >= 0);
  if (fd < 0) return;
  CHECK(write(fd, text, len) == (ssize_t)len);
  close(fd);
  char *mapped = dump_file(tmp);
  char *mapped_named = replace_all(mapped, tmp, name);
  CHECK_EQ_STR(mapped_named, memory);
  /* A stream is checked for NUL bytes piece by piece, so rows before the piece that holds
  ** one may be read first: only texts without one read the same from a pipe in pieces. Its
  ** kept copy is read as a file is, whatever it holds. */
  char pipe_path[64], *piped = NULL, *piped_named = NULL;
  if (!memchr(text, '\0', len)) {
    piped = dump_pipe(text, len, true, pipe_path, sizeof pipe_path);
    piped_named = piped ? replace_all(piped, pipe_path, name) : NULL;
    CHECK_EQ_STR(piped_named, memory);
  }
  char *kept = dump_pipe(text, len, false, pipe_path, sizeof pipe_path);
  char *kept_named = kept ? replace_all(kept, pipe_path, name) : NULL;
  CHECK_EQ_STR(kept_named, memory);
  unlink(tmp);
  free(memory);
  free(mapped);
  free(mapped_named);
  free(piped);
  free(piped_named);
  free(kept);
  free(kept_named);
}

/* ------------------------------------------------------------------ golden files */

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
** Each file in tests/events is read, and the reading (events, diagnostics, status) must match
** the file beside it ending in .expected, exactly. UPDATE=1 rewrites them.
*/
static void test_golden_files(void) {
  DIR *dir = opendir(EVENTS_DIR);
  CHECK(dir != NULL);
  if (!dir) return;
  char *names[256];
  size_t count = 0;
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL && count < 256) {
    const char *n = entry->d_name;
    size_t len = strlen(n);
    if (n[0] == '.' || (len > 9 && strcmp(n + len - 9, ".expected") == 0)) continue;
    names[count++] = strdup(n);
  }
  closedir(dir);
  qsort(names, count, sizeof *names, compare_names);
  CHECK(count >= 10);
  bool update = getenv("UPDATE") && strcmp(getenv("UPDATE"), "1") == 0;
  for (size_t i = 0; i < count; i++) {
    char path[512], expected_path[600];
    snprintf(path, sizeof path, EVENTS_DIR "/%s", names[i]);
    snprintf(expected_path, sizeof expected_path, "%s.expected", path);
    char *got = dump_file(path);
    if (update) write_file(expected_path, got);
    size_t len;
    char *want = file_contents(expected_path, &len);
    if (!want || strcmp(got, want) != 0) fprintf(stderr, "golden: %s differs\n", path);
    CHECK_EQ_STR(got, want);
    char *text = file_contents(path, &len);
    if (text) check_three_ways(path, text, len);
    free(text);
    free(want);
    free(got);
    free(names[i]);
  }
}

/* The same events written as CSV and as JSON Lines read the same, line numbers aside. */
static void test_formats_agree(void) {
  char *csv = dump_events(EVENTS_DIR "/good.csv");
  char *jsonl = dump_events(EVENTS_DIR "/good.jsonl");
  CHECK_EQ_STR(csv, jsonl);
  CHECK(strstr(csv, "ok: 12 events, 0 errors") != NULL);
  free(csv);
  free(jsonl);
}

/* ------------------------------------------------------------------ the model */

static void test_kinds_and_fields(void) {
  for (int k = 0; k < EVENT_KIND_COUNT; k++) {
    const char *name = event_kind_name((EventKind)k);
    EventKind found = EVENT_KIND_COUNT;
    CHECK(event_kind_find(name, strlen(name), &found));
    CHECK_EQ_INT(found, k);
  }
  for (int f = 0; f < EVENT_FIELD_COUNT; f++) {
    const char *name = event_field_name((EventField)f);
    CHECK_EQ_INT(event_field_find(name, strlen(name)), f);
  }
  EventKind kind;
  CHECK(!event_kind_find(TEXT("Revenue"), &kind));
  CHECK(!event_kind_find(TEXT("revenues"), &kind));
  CHECK(!event_kind_find(TEXT("revenu"), &kind));
  CHECK(!event_kind_find(TEXT("responsf"), &kind));
  CHECK(!event_kind_find(TEXT(""), &kind));
  CHECK(!event_kind_find(TEXT("a-very-long-name-of-no-kind"), &kind));
  CHECK_EQ_INT(event_field_find(TEXT("amounts")), EVENT_FIELD_COUNT);
  CHECK_EQ_INT(event_field_find(TEXT("Amount")), EVENT_FIELD_COUNT);
  CHECK_EQ_INT(event_field_find(TEXT("counterparti")), EVENT_FIELD_COUNT);
  CHECK_EQ_STR(event_kind_name(EVENT_KIND_COUNT), "unknown");
  CHECK_EQ_STR(events_field_suggest(TEXT("ammount")), "amount");
  CHECK_EQ_STR(events_field_suggest(TEXT(" note")), "note");
  CHECK(events_field_suggest(TEXT("xyzzy")) == NULL);
}

/* ------------------------------------------------------------------ CSV quoting */

static void check_csv(const char *text, const char *want) {
  char *got = dump_input("t.csv", text, strlen(text));
  CHECK_EQ_STR(got, want);
  if (strcmp(got, want) != 0) fprintf(stderr, "for input:\n%s\n", text);
  free(got);
}

static void test_csv_quoting(void) {
  /* A quoted comma, a quoted newline (later rows keep their own lines), "" for a quote. */
  check_csv(
      "id,kind,date,subject,note\n"
      "m1,milestone,2026-01-01,agi,\"one, two\"\n"
      "m2,milestone,2026-01-02,agi,\"first\nsecond\nthird\"\n"
      "m3,milestone,2026-01-03,agi,\"say \"\"yes\"\"\"\n"
      "m4,milestone,2026-01-04,agi,\"\"\"\"\n"
      "m5,milestone,2026-01-05,agi,\"\"\n"
      "m6,milestone,2026-02-30,agi,bad\n",
      "line 2: milestone m1 2026-01-01 subject=\"agi\" note=\"one, two\"\n"
      "line 3: milestone m2 2026-01-02 subject=\"agi\" note=\"first\\nsecond\\nthird\"\n"
      "line 6: milestone m3 2026-01-03 subject=\"agi\" note=\"say \\\"yes\\\"\"\n"
      "line 7: milestone m4 2026-01-04 subject=\"agi\" note=\"\\\"\"\n"
      "line 8: milestone m5 2026-01-05 subject=\"agi\"\n"
      "t.csv:9: error[E1004]: impossible date '2026-02-30' in column 'date'\n"
      "      = help: 2026-02 has 28 days\n"
      "ok: 5 events, 1 errors\n");
  /* CRLF everywhere, a BOM, no line end at the end, a quoted CRLF kept as it is. */
  check_csv(
      "\xEF\xBB\xBFid,kind,date,subject,note\r\n"
      "m1,milestone,2026-01-01,agi,\"a\r\nb\"\r\n"
      "m2,milestone,2026-01-02,agi,plain\r\n"
      "m3,milestone,2026-01-03,agi,last",
      "line 2: milestone m1 2026-01-01 subject=\"agi\" note=\"a\\x0d\\nb\"\n"
      "line 4: milestone m2 2026-01-02 subject=\"agi\" note=\"plain\"\n"
      "line 5: milestone m3 2026-01-03 subject=\"agi\" note=\"last\"\n"
      "ok: 3 events, 0 errors\n");
  /* Blank lines are skipped; a lone CR is part of a value; an empty value is absent. */
  check_csv(
      "\n\nid,kind,date,subject,note\n\nm1,milestone,2026-01-01,agi,a\rb\n\r\n"
      "m2,milestone,2026-01-02,agi,\n\n",
      "line 5: milestone m1 2026-01-01 subject=\"agi\" note=\"a\\x0db\"\n"
      "line 7: milestone m2 2026-01-02 subject=\"agi\"\n"
      "ok: 2 events, 0 errors\n");
  /* Columns in any order, any subset with id, kind and date; a quoted header. */
  check_csv("\"date\",kind,id\n2026-03-01,milestone,m1\n",
            "t.csv:2: error[E1013]: a milestone event needs 'subject'\n"
            "      = help: a milestone event has subject\n"
            "ok: 0 events, 1 errors\n");
  /* A quoted value at the very end, without its line end; and one with a quote inside. */
  check_csv("id,kind,date,subject\nm1,milestone,2026-01-01,\"a\"\"b\"",
            "line 2: milestone m1 2026-01-01 subject=\"a\\\"b\"\n"
            "ok: 1 events, 0 errors\n");
  /* Rows with too few and too many fields; the line numbers after a multi-line value. */
  check_csv(
      "id,kind,date,subject\n"
      "m1,milestone,\"2026-01-01\",\"x\ny\"\n"
      "m2,milestone\n"
      "m3,milestone,2026-01-03,agi,extra\n"
      "m4,milestone,2026-01-04,agi\n",
      "line 2: milestone m1 2026-01-01 subject=\"x\\ny\"\n"
      "line 6: milestone m4 2026-01-04 subject=\"agi\"\n"
      "t.csv:4: error[E1015]: a row of 2 fields; the header has 4\n"
      "      = help: quote a value that holds a comma: \"1,000\"\n"
      "t.csv:5: error[E1015]: a row of 5 fields; the header has 4\n"
      "      = help: quote a value that holds a comma: \"1,000\"\n"
      "ok: 2 events, 2 errors\n");
  /* The line of a problem inside a multi-line record is the line of its value. */
  check_csv(
      "id,kind,date,subject,note\n"
      "m1,milestone,2026-01-01,agi,\"x\ny\",\n"
      "m2,milestone,2026-01-02,\"a\nb\",\"c\nd\xff\"\n",
      "t.csv:2: error[E1015]: a row of 6 fields; the header has 5\n"
      "      = help: quote a value that holds a comma: \"1,000\"\n"
      "t.csv:6: error[E1003]: invalid UTF-8 (byte 0xff) in column 'note'\n"
      "      = help: save the file as UTF-8\n"
      "ok: 0 events, 2 errors\n");
  /* Only a header: no events, no errors. */
  check_csv("id,kind,date\n", "ok: 0 events, 0 errors\n");
  check_csv("id,kind,date", "ok: 0 events, 0 errors\n");
  /* Text after a closing quote, and a quote inside an unquoted value, in the header. */
  check_csv(
      "id,\"kind\"x,date\n",
      "t.csv:1: error[E1019]: text after the closing quote in the header\n"
      "      = help: quote the whole value and double each quote inside it: \"say \"\"yes\"\"\"\n"
      "ok: 0 events, 1 errors\n");
}

/* Values a reader must take exactly: amounts at the edges of int64, currencies' places. */
static void test_amounts(void) {
  check_csv(
      "id,kind,date,party,amount,currency\n"
      "a1,revenue,2026-01-01,p,92233720368547758.07,USD\n"
      "a2,revenue,2026-01-01,p,-92233720368547758.08,USD\n"
      "a3,revenue,2026-01-01,p,92233720368547758.08,USD\n"
      "a4,revenue,2026-01-01,p,1.500,USD\n"
      "a5,revenue,2026-01-01,p,5.0,JPY\n"
      "a6,revenue,2026-01-01,p,5.5,JPY\n"
      "a7,revenue,2026-01-01,p,0.001,BHD\n"
      "a8,revenue,2026-01-01,p,0000012.30000000000000000000000000,USD\n"
      "a9,revenue,2026-01-01,p,0.000000000000000000000001,USD\n"
      "b1,revenue,2026-01-01,p,-0,USD\n"
      "b2,revenue,2026-01-01,p,1e2,USD\n"
      "b3,revenue,2026-01-01,p,+1,USD\n"
      "b4,revenue,2026-01-01,p,.5,USD\n"
      "b5,revenue,2026-01-01,p,1.,USD\n"
      "b6,revenue,2026-01-01,p,\"1,000.00\",USD\n"
      "b7,revenue,2026-01-01,p, 1,USD\n"
      "b8,revenue,2026-01-01,p,123456789012345678901234567890.5,USD\n"
      "b9,revenue,2026-01-01,p,5,XXX\n",
      "line 2: revenue a1 2026-01-01 USD 92233720368547758.07 party=\"p\"\n"
      "line 3: revenue a2 2026-01-01 USD -92233720368547758.08 party=\"p\"\n"
      "line 5: revenue a4 2026-01-01 USD 1.50 party=\"p\"\n"
      "line 6: revenue a5 2026-01-01 JPY 5 party=\"p\"\n"
      "line 8: revenue a7 2026-01-01 BHD 0.001 party=\"p\"\n"
      "line 9: revenue a8 2026-01-01 USD 12.30 party=\"p\"\n"
      "line 11: revenue b1 2026-01-01 USD 0.00 party=\"p\"\n"
      "t.csv:4: error[E1008]: amount '92233720368547758.08' is too large for 64-bit minor units\n"
      "      = help: the largest USD amount is 92233720368547758.07\n"
      "t.csv:7: error[E1007]: amount '5.5' has more decimal places than JPY allows\n"
      "      = help: JPY has 0 decimal places; amounts are exact, never rounded\n"
      "t.csv:10: error[E1007]: amount '0.000000000000000000000001' has more decimal places than "
      "USD allows\n"
      "      = help: USD has 2 decimal places; amounts are exact, never rounded\n"
      "t.csv:12: error[E1006]: malformed amount '1e2' in column 'amount'\n"
      "      = help: write digits with an optional '-' and '.', no grouping: -1234.50\n"
      "t.csv:13: error[E1006]: malformed amount '+1' in column 'amount'\n"
      "      = help: write digits with an optional '-' and '.', no grouping: -1234.50\n"
      "t.csv:14: error[E1006]: malformed amount '.5' in column 'amount'\n"
      "      = help: write digits with an optional '-' and '.', no grouping: -1234.50\n"
      "t.csv:15: error[E1006]: malformed amount '1.' in column 'amount'\n"
      "      = help: write digits with an optional '-' and '.', no grouping: -1234.50\n"
      "t.csv:16: error[E1006]: malformed amount '1,000.00' in column 'amount'\n"
      "      = help: write digits with an optional '-' and '.', no grouping: -1234.50\n"
      "t.csv:17: error[E1006]: malformed amount ' 1' in column 'amount'\n"
      "      = help: write digits with an optional '-' and '.', no grouping: -1234.50\n"
      "t.csv:18: error[E1008]: amount '123456789012345678901234567890.5' is too large for 64-bit "
      "minor units\n"
      "      = help: the largest USD amount is 92233720368547758.07\n"
      "t.csv:19: error[E1009]: unknown currency 'XXX'\n"
      "      = help: write an ISO 4217 code such as USD, EUR or JPY\n"
      "ok: 7 events, 11 errors\n");
}

/* ------------------------------------------------------------------ JSON Lines */

static void check_jsonl(const char *text, const char *want) {
  char *got = dump_input("t.jsonl", text, strlen(text));
  CHECK_EQ_STR(got, want);
  if (strcmp(got, want) != 0) fprintf(stderr, "for input:\n%s\n", text);
  free(got);
}

static void test_jsonl_strings(void) {
  check_jsonl(
      "{\"id\": \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"kind\": \"milestone\", "
      "\"date\": \"2026-01-01\", \"subject\": \"\\u00e9\\u00E9\\u20ac\\ud83d\\ude00\\u0041\"}\n"
      "{\"i\\u0064\": \"escaped key\", \"kind\": \"milestone\", \"date\": \"2026-01-02\", "
      "\"subject\": \"caf\xc3\xa9 \xf0\x9f\x98\x80\"}\n",
      "line 1: milestone a\\\"b\\\\c/d\\x08\\x0c\\n\\x0d\\t 2026-01-01 "
      "subject=\"\xc3\xa9\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"
      "A\"\n"
      "line 2: milestone escaped key 2026-01-02 subject=\"caf\xc3\xa9 \xf0\x9f\x98\x80\"\n"
      "ok: 2 events, 0 errors\n");
  /* Surrogates: a low one first, a high one at the end of the string, a high then a BMP one. */
  check_jsonl(
      "{\"id\": \"\\udc00\"}\n{\"id\": \"\\ud83d\"}\n{\"id\": \"\\ud83d\\u0041\"}\n"
      "{\"id\": \"\\uDBFF\\uDFFF\", \"kind\": \"milestone\", \"date\": \"2026-01-01\", "
      "\"subject\": \"max\"}\n",
      "line 4: milestone \xf4\x8f\xbf\xbf 2026-01-01 subject=\"max\"\n"
      "t.jsonl:1: error[E1020]: lone surrogate '\\udc00' in field 'id'\n"
      "      = help: the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; a character "
      "above U+FFFF is a surrogate pair: \\ud83d\\ude00\n"
      "t.jsonl:2: error[E1020]: lone surrogate '\\ud83d' in field 'id'\n"
      "      = help: the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; a character "
      "above U+FFFF is a surrogate pair: \\ud83d\\ude00\n"
      "t.jsonl:3: error[E1020]: lone surrogate '\\ud83d' in field 'id'\n"
      "      = help: the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; a character "
      "above U+FFFF is a surrogate pair: \\ud83d\\ude00\n"
      "ok: 1 events, 3 errors\n");
  /* An escape cut by the end of the line; a string cut by it; a raw line break is the end. */
  check_jsonl("{\"id\": \"a\\\n{\"id\": \"abc\n{\"id\": \"a\\u00\n",
              "t.jsonl:1: error[E1020]: unknown escape '\\' in field 'id'\n"
              "      = help: the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; a "
              "character above U+FFFF is a surrogate pair: \\ud83d\\ude00\n"
              "t.jsonl:2: error[E1020]: a string that is never closed, found the end of the line\n"
              "      = help: close it with '\"' on the same line\n"
              "t.jsonl:3: error[E1020]: malformed escape '\\u00' in field 'id'\n"
              "      = help: the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; a "
              "character above U+FFFF is a surrogate pair: \\ud83d\\ude00\n"
              "ok: 0 events, 3 errors\n");
}

static void test_jsonl_numbers(void) {
  check_jsonl(
      "{\"id\": \"n1\", \"kind\": \"revenue\", \"date\": \"2026-01-01\", \"party\": \"p\", "
      "\"amount\": 1.5e3, \"currency\": \"USD\"}\n"
      "{\"id\": \"n2\", \"kind\": \"revenue\", \"date\": \"2026-01-01\", \"party\": \"p\", "
      "\"amount\": -0.5, \"currency\": \"USD\"}\n"
      "{\"id\": \"n3\", \"kind\": \"revenue\", \"date\": \"2026-01-01\", \"party\": \"p\", "
      "\"amount\": 12345E-2, \"currency\": \"USD\"}\n"
      "{\"id\": \"n4\", \"kind\": \"revenue\", \"date\": \"2026-01-01\", \"party\": \"p\", "
      "\"amount\": 1E+2, \"currency\": \"JPY\"}\n"
      "{\"id\": \"n5\", \"kind\": \"revenue\", \"date\": \"2026-01-01\", \"party\": \"p\", "
      "\"amount\": 0.10, \"currency\": \"USD\"}\n"
      "{\"id\": \"n6\", \"kind\": \"revenue\", \"date\": \"2026-01-01\", \"party\": \"p\", "
      "\"amount\": 0.1000000000000000055511151231257827, \"currency\": \"USD\"}\n"
      "{\"id\": \"n7\", \"kind\": \"revenue\", \"date\": \"2026-01-01\", \"party\": \"p\", "
      "\"amount\": 1e400, \"currency\": \"USD\"}\n"
      "{\"id\": \"n8\", \"kind\": \"revenue\", \"date\": \"2026-01-01\", \"party\": \"p\", "
      "\"amount\": 1e, \"currency\": \"USD\"}\n"
      "{\"id\": \"n9\", \"kind\": \"revenue\", \"date\": \"2026-01-01\", \"party\": \"p\", "
      "\"amount\": -, \"currency\": \"USD\"}\n"
      "{\"id\": \"m1\", \"kind\": \"revenue\", \"date\": \"2026-01-01\", \"party\": \"p\", "
      "\"amount\": 92233720368547758.07, \"currency\": \"USD\"}\n"
      "{\"id\": \"m2\", \"kind\": \"revenue\", \"date\": \"2026-01-01\", \"party\": \"p\", "
      "\"amount\": 0e999999999, \"currency\": \"USD\"}\n",
      "line 1: revenue n1 2026-01-01 USD 1500.00 party=\"p\"\n"
      "line 2: revenue n2 2026-01-01 USD -0.50 party=\"p\"\n"
      "line 3: revenue n3 2026-01-01 USD 123.45 party=\"p\"\n"
      "line 4: revenue n4 2026-01-01 JPY 100 party=\"p\"\n"
      "line 5: revenue n5 2026-01-01 USD 0.10 party=\"p\"\n"
      "line 10: revenue m1 2026-01-01 USD 92233720368547758.07 party=\"p\"\n"
      "line 11: revenue m2 2026-01-01 USD 0.00 party=\"p\"\n"
      "t.jsonl:6: error[E1007]: amount '0.1000000000000000055511151231257827' has more decimal "
      "places than USD allows\n"
      "      = help: USD has 2 decimal places; amounts are exact, never rounded\n"
      "t.jsonl:7: error[E1008]: amount '1e400' is too large for 64-bit minor units\n"
      "      = help: the largest USD amount is 92233720368547758.07\n"
      "t.jsonl:8: error[E1006]: malformed amount '1e' in field 'amount'\n"
      "      = help: write a JSON number such as -1234.5 or 1.2e3, or a string\n"
      "t.jsonl:9: error[E1006]: malformed amount '-' in field 'amount'\n"
      "      = help: write a JSON number such as -1234.5 or 1.2e3, or a string\n"
      "ok: 7 events, 4 errors\n");
  /* A number anywhere but the amount is the wrong type; so are true, false, objects, arrays. */
  check_jsonl(
      "{\"id\": \"x\", \"kind\": \"milestone\", \"date\": 20260101, \"subject\": false}\n"
      "{\"id\": \"y\", \"kind\": \"milestone\", \"date\": \"2026-01-01\", \"subject\": [\"agi\"]}\n"
      "{\"id\": \"z\", \"kind\": \"milestone\", \"date\": \"2026-01-01\", \"subject\": \"agi\", "
      "\"nope\": {}}\n",
      "t.jsonl:1: error[E1021]: field 'date' is a number\n"
      "      = help: write the value as a string, or null when it is absent\n"
      "t.jsonl:1: error[E1021]: field 'subject' is false\n"
      "      = help: write the value as a string, or null when it is absent\n"
      "t.jsonl:2: error[E1021]: field 'subject' is an array\n"
      "      = help: write the value as a string, or null when it is absent\n"
      "t.jsonl:3: error[E1016]: unknown field 'nope'\n"
      "      = help: did you mean 'note'?\n"
      "ok: 0 events, 4 errors\n");
}

/* ------------------------------------------------------------------ formats, files, limits */

static void test_format_detection(void) {
  const char *json =
      "{\"id\": \"m\", \"kind\": \"milestone\", \"date\": \"2026-01-01\", \"subject\": \"s\"}\n";
  const char *csv = "id,kind,date,subject\nm,milestone,2026-01-01,s\n";
  const char *one = "ok: 1 events, 0 errors\n";
  char *got;
  static const char *const json_names[] = {"a.jsonl", "A.JSONL", "b.ndjson", "events", "e.txt"};
  for (size_t i = 0; i < 5; i++) {
    got = dump_input(json_names[i], json, strlen(json));
    CHECK(strstr(got, one) != NULL);
    free(got);
  }
  static const char *const csv_names[] = {"a.csv", "A.CsV", "events", "-"};
  for (size_t i = 0; i < 4; i++) {
    got = dump_input(csv_names[i], csv, strlen(csv));
    CHECK(strstr(got, one) != NULL);
    free(got);
  }
  /* The first byte decides after a BOM and white space; the extension decides over it. */
  got = dump_input("events", TEXT("\xEF\xBB\xBF \r\n\t{\"id\": \"m\", \"kind\": \"milestone\", "
                                  "\"date\": \"2026-01-01\", \"subject\": \"s\"}"));
  CHECK(strstr(got, one) != NULL);
  free(got);
  got = dump_input("x.csv", json, strlen(json));
  CHECK(strstr(got, "x.csv:1: error[E1019]: a quote inside an unquoted value in the header") !=
        NULL);
  free(got);
  got = dump_input("x.jsonl", csv, strlen(csv));
  CHECK(strstr(got, "x.jsonl:1: error[E1020]: expected '{' to start an event, found 'i'") != NULL);
  free(got);
  got = dump_input("empty.jsonl", "", 0);
  CHECK_EQ_STR(got, "ok: 0 events, 0 errors\n");
  free(got);
}

static void test_unreadable(void) {
  char *got = dump_file(EVENTS_DIR "/no-such-file.csv");
  CHECK_EQ_STR(
      got,
      "tests/events/no-such-file.csv: error[E1001]: cannot read: No such file or directory\n"
      "      = help: check the path\n"
      "io: 0 events, 0 errors\n");
  free(got);
  got = dump_file(EVENTS_DIR);
  CHECK_EQ_STR(got,
               "tests/events: error[E1001]: cannot read: Is a directory\n"
               "      = help: check the path\n"
               "io: 0 events, 0 errors\n");
  free(got);
}

/* Standard input as "-", given a file or a pipe. */
static void test_stdin(void) {
  const char *csv = "id,kind,date,subject\nm,milestone,2026-01-01,s\nn,milestone,2026-13-01,s\n";
  int saved = dup(STDIN_FILENO);
  int fds[2];
  CHECK(pipe(fds) == 0);
  CHECK(write(fds[1], csv, strlen(csv)) == (ssize_t)strlen(csv));
  close(fds[1]);
  dup2(fds[0], STDIN_FILENO);
  close(fds[0]);
  char *got = dump_file("-");
  CHECK_EQ_STR(got,
               "line 2: milestone m 2026-01-01 subject=\"s\"\n"
               "<stdin>:3: error[E1004]: impossible date '2026-13-01' in column 'date'\n"
               "      = help: months run from 01 to 12\n"
               "ok: 1 events, 1 errors\n");
  free(got);
  dup2(saved, STDIN_FILENO);
  close(saved);
}

/* A long text built by repeating a row, with a header. */
static char *repeat(const char *header, const char *row, int count, size_t *len) {
  size_t h = strlen(header), n = strlen(row);
  char *text = malloc(h + n * (size_t)count + 1);
  memcpy(text, header, h);
  for (int i = 0; i < count; i++) memcpy(text + h + n * (size_t)i, row, n);
  *len = h + n * (size_t)count;
  text[*len] = '\0';
  return text;
}

static size_t count_of(const char *text, const char *what) {
  size_t n = 0;
  for (const char *p = text; (p = strstr(p, what)) != NULL; p++) n++;
  return n;
}

static void test_too_many_problems(void) {
  size_t len;
  char *text = repeat("id,kind,date\n", "x,revenu,2026-01-01\n", 150, &len);
  char *got = dump_input("t.csv", text, len);
  CHECK_EQ_INT(count_of(got, "error[E1012]"), PACT_EVENT_ERRORS_MAX);
  CHECK(strstr(got,
               "t.csv:102: error[E1023]: too many problems: stopped reading after 100 errors\n") !=
        NULL);
  CHECK(strstr(got, "ok: 0 events, 101 errors\n") != NULL);
  free(got);
  free(text);
  /* 100 errors exactly is not too many. */
  text = repeat("id,kind,date\n", "x,revenu,2026-01-01\n", PACT_EVENT_ERRORS_MAX, &len);
  got = dump_input("t.csv", text, len);
  CHECK_EQ_INT(count_of(got, "E1023"), 0);
  CHECK(strstr(got, "ok: 0 events, 100 errors\n") != NULL);
  free(got);
  free(text);
}

static void test_limits(void) {
  size_t len;
  /* A record over the limit, from an unclosed quote: one error, and the reading stops. */
  char *text =
      repeat("id,kind,date,note\nm,milestone,2026-01-01,\"", "0123456789abcdef\n", 70000, &len);
  char *got = dump_input("t.csv", text, len);
  CHECK_EQ_STR(got,
               "t.csv:2: error[E1022]: a record longer than 1048576 bytes\n"
               "      = help: an unclosed quote swallows the rest of a file; check the quotes\n"
               "ok: 0 events, 1 errors\n");
  free(got);
  check_three_ways("t.csv", text, len);
  free(text);
  /* One JSON line over the limit. */
  text = repeat("{\"note\": \"", "0123456789abcdef", 70000, &len);
  got = dump_input("t.jsonl", text, len);
  CHECK_EQ_STR(got,
               "t.jsonl:1: error[E1022]: a line longer than 1048576 bytes\n"
               "      = help: each line holds one event\n"
               "ok: 0 events, 1 errors\n");
  free(got);
  free(text);
  /* A value with escapes just under the limit is fine. */
  text = repeat("id,kind,date,subject\nm,milestone,2026-01-01,\"", "\"\"", 500000, &len);
  text = realloc(text, len + 3);
  memcpy(text + len, "\"\n", 3);
  len += 2;
  got = dump_input("t.csv", text, len);
  CHECK(strstr(got, "ok: 1 events, 0 errors\n") != NULL);
  free(got);
  free(text);
  /* A header of more columns than are read. */
  text = repeat("", "id,", PACT_EVENT_COLUMNS_MAX, &len);
  text = realloc(text, len + 3);
  memcpy(text + len, "x\n", 3);
  got = dump_input("t.csv", text, len + 2);
  CHECK_EQ_STR(got,
               "t.csv:1: error[E1022]: the header has 33 columns; at most 32 are read\n"
               "      = help: the columns are the twelve event fields\n"
               "ok: 0 events, 1 errors\n");
  free(got);
  free(text);
}

/* Diagnostics quote what they found without sending control bytes to a terminal, and cut a
** long value. */
static void test_shown_values(void) {
  char shown[EVENT_SHOWN_BYTES];
  events_show(shown, TEXT("a\tb\nc\x01\x7f\xff"
                          "caf\xc3\xa9"));
  CHECK_EQ_STR(shown, "a\\tb\\nc\\x01\\x7f\\xffcaf\xc3\xa9");
  char long_value[200];
  memset(long_value, 'x', sizeof long_value);
  events_show(shown, long_value, sizeof long_value);
  CHECK_EQ_INT(strlen(shown), PACT_EVENT_VALUE_SHOWN_MAX + 3);
  CHECK(strcmp(shown + PACT_EVENT_VALUE_SHOWN_MAX, "...") == 0);
}

/* ------------------------------------------------------------------ failing allocations */

/*
** Every allocation of a reading fails in turn: the reading reports PACT_ERR_NOMEM (from the
** open or from event_reader_status), or it is exactly the normal one.
*/
static void check_allocation_failures(const char *name, const char *text, size_t len,
                                      bool from_file) {
  mem_allocation_count = 0;
  char *want = from_file ? dump_file(name) : dump_input(name, text, len);
  long total = mem_allocation_count;
  CHECK(total >= 2);
  int wrong = 0, out_of_memory = 0;
  for (long n = 1; n <= total; n++) {
    mem_fail_countdown = n;
    char *got = from_file ? dump_file(name) : dump_input(name, text, len);
    mem_fail_countdown = 0;
    const char *status = strrchr(got, '\n') ? got : "";
    if (strstr(status, "nomem: ")) out_of_memory++;
    else if (strcmp(got, want) != 0) {
      wrong++;
      fprintf(stderr, "allocation %ld of %ld: %s\n", n, total, got);
    }
    free(got);
  }
  CHECK_EQ_INT(wrong, 0);
  CHECK(out_of_memory > 0);
  free(want);
}

static void test_allocation_failures(void) {
  static const char *const files[] = {"errors.csv", "errors.jsonl",       "good.csv",
                                      "good.jsonl", "header-unknown.csv", "not-text.csv"};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char path[256];
    snprintf(path, sizeof path, EVENTS_DIR "/%s", files[i]);
    size_t len;
    char *text = file_contents(path, &len);
    CHECK(text != NULL);
    if (!text) continue;
    check_allocation_failures(path, text, len, false);
    check_allocation_failures(path, NULL, 0, true);
    free(text);
  }
}

int main(void) {
  test_kinds_and_fields();
  test_golden_files();
  test_formats_agree();
  test_csv_quoting();
  test_amounts();
  test_jsonl_strings();
  test_jsonl_numbers();
  test_format_detection();
  test_unreadable();
  test_stdin();
  test_too_many_problems();
  test_limits();
  test_shown_values();
  test_allocation_failures();
  return check_summary();
}
