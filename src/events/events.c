/*
** events.c -- the event model and its reader: kinds and fields, opening a file (mapped, or read
** in pieces from a pipe), reporting problems by line, and the checks every row must pass.
*/
#define _DEFAULT_SOURCE /* madvise(MADV_DONTNEED), beside POSIX: see map_release */
#include "events/events.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/money.h"
#include "base/spool.h"
#include "base/suggest.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Bytes asked of read() at a time when a file cannot be mapped. */
enum { EVENT_READ_BYTES = 256 * 1024 };

/* A mapped file's pages are handed back behind the reading this many bytes at a time (a power
** of two, so a multiple of the page size), so that what is resident stays flat whatever the
** size of the file. */
enum { EVENT_MAP_RELEASE_BYTES = 8 * 1024 * 1024 };

#define FIELD_BIT(f) (1u << (f))

/* ------------------------------------------------------------- kinds and fields */

static const char *const KIND_NAMES[EVENT_KIND_COUNT] = {
    "revenue", "profit", "payment", "purchase",  "offer",      "response",
    "launch",  "use",    "grant",   "milestone", "correction",
};

/* Kinds by first letter and length, which no two kinds share: one probe and one compare.
** An entry is the kind + 1; 0 is none. */
static const uint8_t KIND_SLOTS[26][16] = {
    ['r' - 'a'][7] = 1 + EVENT_REVENUE,     ['p' - 'a'][6] = 1 + EVENT_PROFIT,
    ['p' - 'a'][7] = 1 + EVENT_PAYMENT,     ['p' - 'a'][8] = 1 + EVENT_PURCHASE,
    ['o' - 'a'][5] = 1 + EVENT_OFFER,       ['r' - 'a'][8] = 1 + EVENT_RESPONSE,
    ['l' - 'a'][6] = 1 + EVENT_LAUNCH,      ['u' - 'a'][3] = 1 + EVENT_USE,
    ['g' - 'a'][5] = 1 + EVENT_GRANT,       ['m' - 'a'][9] = 1 + EVENT_MILESTONE,
    ['c' - 'a'][10] = 1 + EVENT_CORRECTION,
};

static const char *const FIELD_NAMES[EVENT_FIELD_COUNT] = {
    "id",     "kind",    "date",   "end",      "party", "counterparty",
    "stream", "subject", "amount", "currency", "ref",   "note",
};

/* Fields the same way: first letter and length tell them apart. */
static const uint8_t FIELD_SLOTS[26][16] = {
    ['i' - 'a'][2] = 1 + EVENT_FIELD_ID,     ['k' - 'a'][4] = 1 + EVENT_FIELD_KIND,
    ['d' - 'a'][4] = 1 + EVENT_FIELD_DATE,   ['e' - 'a'][3] = 1 + EVENT_FIELD_END,
    ['p' - 'a'][5] = 1 + EVENT_FIELD_PARTY,  ['c' - 'a'][12] = 1 + EVENT_FIELD_COUNTERPARTY,
    ['s' - 'a'][6] = 1 + EVENT_FIELD_STREAM, ['s' - 'a'][7] = 1 + EVENT_FIELD_SUBJECT,
    ['a' - 'a'][6] = 1 + EVENT_FIELD_AMOUNT, ['c' - 'a'][8] = 1 + EVENT_FIELD_CURRENCY,
    ['r' - 'a'][3] = 1 + EVENT_FIELD_REF,    ['n' - 'a'][4] = 1 + EVENT_FIELD_NOTE,
};

/* What each kind needs beyond id, kind and date (DESIGN.md, "Event fields"). */
#define NEEDS(a, b, c)                                                                             \
  (FIELD_BIT(EVENT_FIELD_##a) | FIELD_BIT(EVENT_FIELD_##b) | FIELD_BIT(EVENT_FIELD_##c))
static const uint32_t KIND_NEEDS[EVENT_KIND_COUNT] = {
    [EVENT_REVENUE] = NEEDS(PARTY, AMOUNT, CURRENCY),
    [EVENT_PROFIT] = NEEDS(PARTY, AMOUNT, CURRENCY),
    [EVENT_PAYMENT] = NEEDS(PARTY, AMOUNT, CURRENCY),
    [EVENT_PURCHASE] = NEEDS(PARTY, AMOUNT, CURRENCY),
    [EVENT_OFFER] = NEEDS(PARTY, COUNTERPARTY, STREAM),
    [EVENT_RESPONSE] = NEEDS(SUBJECT, REF, REF),
    [EVENT_LAUNCH] = NEEDS(PARTY, COUNTERPARTY, STREAM),
    [EVENT_USE] = NEEDS(PARTY, SUBJECT, SUBJECT),
    [EVENT_GRANT] = NEEDS(PARTY, COUNTERPARTY, SUBJECT),
    [EVENT_MILESTONE] = NEEDS(SUBJECT, SUBJECT, SUBJECT),
    [EVENT_CORRECTION] = NEEDS(REF, REF, REF),
};

static const char *const ANSWERS[] = {"accept", "unable", "unwilling"};

/* The entry of a first-letter-and-length table for name, or 0. */
static unsigned name_slot(const uint8_t slots[26][16], const char *name, size_t len) {
  if (len == 0 || len > 15 || name[0] < 'a' || name[0] > 'z') return 0;
  return slots[name[0] - 'a'][len];
}

uint32_t event_kind_needs(EventKind kind) {
  return (unsigned)kind < EVENT_KIND_COUNT ? KIND_NEEDS[kind] : 0;
}

const char *event_kind_name(EventKind kind) {
  return (unsigned)kind < EVENT_KIND_COUNT ? KIND_NAMES[kind] : "unknown";
}

/* A short compare written out: a call to memcmp costs more than these few bytes. Up to 16
** bytes are two word compares (overlapping when the length is not a multiple). */
static inline bool same_bytes(const char *a, const char *b, size_t len) {
  uint64_t x8, y8, u8, v8;
  uint32_t x4, y4, u4, v4;
  if (len >= 8 && len <= 16) {
    memcpy(&x8, a, 8), memcpy(&y8, b, 8), memcpy(&u8, a + len - 8, 8), memcpy(&v8, b + len - 8, 8);
    return x8 == y8 && u8 == v8;
  }
  if (len >= 4 && len < 8) {
    memcpy(&x4, a, 4), memcpy(&y4, b, 4), memcpy(&u4, a + len - 4, 4), memcpy(&v4, b + len - 4, 4);
    return x4 == y4 && u4 == v4;
  }
  for (; len; a++, b++, len--)
    if (*a != *b) return false;
  return true;
}

bool event_supersedes(EventKind by, EventKind target) {
  if (by == EVENT_CORRECTION) return true;
  return by == target && (by == EVENT_REVENUE || by == EVENT_PAYMENT || by == EVENT_PURCHASE);
}

bool event_kind_supersedes(EventKind kind) {
  return kind == EVENT_CORRECTION || kind == EVENT_REVENUE || kind == EVENT_PAYMENT ||
         kind == EVENT_PURCHASE;
}

bool event_kind_find(const char *name, size_t len, EventKind *out) {
  unsigned slot = name_slot(KIND_SLOTS, name, len);
  if (slot == 0 || !same_bytes(name, KIND_NAMES[slot - 1], len)) return false;
  if (out) *out = (EventKind)(slot - 1);
  return true;
}

const char *event_field_name(EventField field) {
  return (unsigned)field < EVENT_FIELD_COUNT ? FIELD_NAMES[field] : "unknown";
}

EventField event_field_find(const char *name, size_t len) {
  unsigned slot = name_slot(FIELD_SLOTS, name, len);
  if (slot == 0 || !same_bytes(name, FIELD_NAMES[slot - 1], len)) return EVENT_FIELD_COUNT;
  return (EventField)(slot - 1);
}

const char *events_field_suggest(const char *name, size_t len) {
  return suggest_closest(name, (uint32_t)len, FIELD_NAMES, EVENT_FIELD_COUNT);
}

/* ------------------------------------------------------------------ reporting */

void events_fail(EventReader *r, PactStatus status) {
  if (r->status == PACT_OK) r->status = status;
  r->done = true;
}

/*
** An event file's diagnostics carry no Source, because a large file is never copied whole: they
** are located by path and line (diag_add_line keeps its own copy of the path).
*/
static void events_add(EventReader *r, uint32_t line, const char *code, const char *help,
                       const char *message) {
  DiagList *diags = r->diags;
  size_t before = diags->count;
  r->error_count++;
  diag_add_line(diags, DIAG_ERROR, code, r->path, line, help, "%s", message);
  if (diags->count == before) {
    if (before < PACT_DIAGNOSTICS_MAX) events_fail(r, PACT_ERR_NOMEM); /* else counted, dropped */
    return;
  }
  const Diag *diag = &diags->items[before];
  if (!diag->message || !diag->path_copy || (help && !diag->help)) events_fail(r, PACT_ERR_NOMEM);
}

void events_report(EventReader *r, uint32_t line, const char *code, const char *help,
                   const char *format, ...) {
  if (r->done) return;
  if (r->error_count >= PACT_EVENT_ERRORS_MAX) {
    char message[128];
    snprintf(message, sizeof message, "too many problems: stopped reading after %d errors",
             PACT_EVENT_ERRORS_MAX);
    events_add(r, line, "E1023",
               "check that this is an event file, fix the first problems and run again", message);
    r->done = true;
    return;
  }
  char message[1024];
  va_list args;
  va_start(args, format);
  vsnprintf(message, sizeof message, format, args);
  va_end(args);
  events_add(r, line, code, help, message);
}

void events_show(char *buf, const char *text, size_t len) {
  size_t n = 0, at = 0;
  for (int chars = 0; at < len && chars < PACT_EVENT_VALUE_SHOWN_MAX; chars++) {
    size_t used;
    n += text_show_char(buf + n, text + at, len - at, &used); /* as every report shows it */
    at += used;
  }
  if (at < len) memcpy(buf + n, "...", 3), n += 3;
  buf[n] = '\0';
}

/* ---------------------------------------------------------------------- input */

static EventReader *reader_new(const char *path, DiagList *diags) {
  EventReader *r = mem_calloc(1, sizeof *r);
  if (!r) return NULL;
  r->path = mem_strdup(path);
  if (!r->path) {
    free(r);
    return NULL;
  }
  r->diags = diags;
  for (int f = 0; f < EVENT_FIELD_COUNT; f++) r->row_values[f] = &r->row.values[f];
  r->fd = -1;
  r->line = 1;
  r->data = "";
  return r;
}

void event_reader_close(EventReader *r) {
  if (!r) return;
  if (r->map && !r->map_borrowed) munmap(r->map, r->map_len);
  if (r->owns_fd && r->fd >= 0) close(r->fd);
  free(r->buffer);
  free(r->scratch);
  free(r->path);
  free(r);
}

PactStatus event_reader_status(const EventReader *r) { return r->status; }

size_t event_reader_error_count(const EventReader *r) { return r->error_count; }

static uint32_t count_lines(const char *from, const char *to) {
  uint32_t n = 0;
  for (const char *p = from; p < to && (p = memchr(p, '\n', (size_t)(to - p))) != NULL; p++) n++;
  return n;
}

/*
** Hands the mapped bytes [from, to) back to the kernel (from on a page). They stay readable:
** a private read-only mapping of a file reads them again from the file (from the page cache)
** if they are touched, so an event's texts never go bad; they only stop counting as resident
** memory. Where madvise cannot do that, nothing is handed back.
*/
static void map_forget(EventReader *r, size_t from, size_t to) {
#ifdef MADV_DONTNEED
  if (to > from) (void)madvise((char *)r->map + from, to - from, MADV_DONTNEED);
#else
  (void)r, (void)from, (void)to;
#endif
}

/* Hands back what the reading has left behind, in whole steps of EVENT_MAP_RELEASE_BYTES. */
static void map_release(EventReader *r) {
  size_t to = r->pos / EVENT_MAP_RELEASE_BYTES * EVENT_MAP_RELEASE_BYTES;
  map_forget(r, r->map_released, to);
  r->map_released = to;
}

/* One error for a file that is not text, at its first NUL byte; nothing more is read. A mapped
** file is checked a step at a time, each handed back once checked (see map_forget). */
static bool check_text(EventReader *r, size_t from) {
  const char *nul = NULL;
  if (r->map) {
    for (size_t at = from; at < r->len && !nul; at += EVENT_MAP_RELEASE_BYTES) {
      size_t n = r->len - at < EVENT_MAP_RELEASE_BYTES ? r->len - at : EVENT_MAP_RELEASE_BYTES;
      nul = memchr(r->data + at, '\0', n);
      map_forget(r, at, at + n);
    }
  } else {
    nul = memchr(r->data + from, '\0', r->len - from);
  }
  if (!nul) return true;
  events_report(r, r->line + count_lines(r->data + r->pos, nul), "E1002",
                "event files are CSV or JSON Lines text; check that this is the right file",
                "not a text file: it holds a NUL byte");
  r->done = true;
  return false;
}

/* Room at the end of the buffer for a read: the unread part moves to the front only when the
** room runs short (a pipe may deliver a few bytes per read), and the buffer grows only when
** one unfinished record fills it. */
static bool stream_make_room(EventReader *r) {
  if (r->buffer && r->buffer_cap - r->len >= EVENT_READ_BYTES / 2) return true;
  size_t keep = r->len - r->pos;
  if (r->pos) memmove(r->buffer, r->buffer + r->pos, keep);
  r->pos = 0;
  r->len = keep;
  if (r->buffer_cap - keep < EVENT_READ_BYTES / 2) {
    size_t cap = keep + EVENT_READ_BYTES;
    char *bigger = mem_realloc(r->buffer, cap);
    if (!bigger) {
      events_fail(r, PACT_ERR_NOMEM);
      return false;
    }
    r->buffer = bigger;
    r->buffer_cap = cap;
  }
  r->data = r->buffer;
  return true;
}

/* One read() onto the end of the window; at the end of input sets complete. */
static bool stream_read(EventReader *r) {
  if (!stream_make_room(r)) return false;
  r->scan_valid = false; /* the window moves and grows: the CSV scan of it is void */
  ssize_t n = -1;
  for (int attempt = 0; attempt < 100 && n < 0; attempt++) {
    n = read(r->fd, r->buffer + r->len, r->buffer_cap - r->len);
    if (n < 0 && errno != EINTR) break;
  }
  if (n < 0) {
    events_report(r, 0, "E1001", "check the path", "cannot read: %s", strerror(errno));
    events_fail(r, PACT_ERR_IO);
    return false;
  }
  size_t from = r->len;
  r->len += (size_t)n;
  if (n == 0) r->complete = true;
  return check_text(r, from);
}

/*
** A record is read again from its start after each fill, so a long one (a big quoted value
** arriving from a pipe a few bytes at a time) would cost its length times the reads. Past
** 64 KiB the unfinished record is therefore at least doubled before it is read again: the
** cost stays linear, and short records still go on as soon as any byte arrives.
*/
bool events_fill(EventReader *r) {
  if (r->done) return false;
  if (r->complete) return true; /* callers then read what is there as the end */
  size_t partial = r->len - r->pos;
  if (partial >= PACT_EVENT_RECORD_BYTES_MAX) {
    events_report(r, r->line, "E1022",
                  "an unclosed quote swallows the rest of a file; check the quotes",
                  "a record longer than %u bytes", PACT_EVENT_RECORD_BYTES_MAX);
    r->done = true;
    return false;
  }
  size_t target = partial < 65536 ? partial + 1 : partial * 2;
  if (target > PACT_EVENT_RECORD_BYTES_MAX) target = PACT_EVENT_RECORD_BYTES_MAX;
  while (r->len - r->pos < target && !r->complete) /* bounded: each read adds or ends */
    if (!stream_read(r)) return false;
  return true;
}

bool events_scratch_reserve(EventReader *r, size_t n) {
  if (!r->scratch) {
    /* Decoded values are never longer than their record, and a record is bounded: one buffer
    ** of that size never moves, so earlier values of the record stay where they are. */
    r->scratch = mem_malloc(PACT_EVENT_RECORD_BYTES_MAX);
    if (!r->scratch) {
      events_fail(r, PACT_ERR_NOMEM);
      return false;
    }
  }
  if (n <= PACT_EVENT_RECORD_BYTES_MAX - r->scratch_len) return true;
  events_report(r, r->line, "E1022", NULL, "a record longer than %u bytes",
                PACT_EVENT_RECORD_BYTES_MAX);
  r->done = true;
  return false;
}

static bool has_extension(const char *name, const char *ext) {
  size_t n = strlen(name), e = strlen(ext);
  if (n <= e) return false;
  for (size_t i = 0; i < e; i++) {
    char c = name[n - e + i];
    if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != ext[i]) return false;
  }
  return true;
}

/* The format a name says, or -1 when it says none. */
static int format_of_name(const char *name) {
  if (has_extension(name, ".csv")) return EVENT_FORMAT_CSV;
  if (has_extension(name, ".jsonl") || has_extension(name, ".ndjson")) return EVENT_FORMAT_JSONL;
  return -1;
}

/* The first byte that is not white space, or -1 when the window holds none. */
static int first_byte(const EventReader *r) {
  for (size_t i = r->pos; i < r->len; i++) {
    char c = r->data[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return (unsigned char)c;
  }
  return -1;
}

/* Skips a byte order mark and settles the format: by name, else by the first byte. A stream
** is read until it shows enough (bounded by the record limit). */
static void reader_start(EventReader *r, const char *name) {
  while (r->fd >= 0 && !r->complete && !r->done && r->len - r->pos < 3) stream_read(r);
  if (r->len - r->pos >= 3 && memcmp(r->data + r->pos, "\xEF\xBB\xBF", 3) == 0) r->pos += 3;
  int format = format_of_name(name);
  while (format < 0 && first_byte(r) < 0 && r->fd >= 0 && !r->complete && !r->done &&
         r->len - r->pos < PACT_EVENT_RECORD_BYTES_MAX)
    stream_read(r);
  if (format < 0) format = first_byte(r) == '{' ? EVENT_FORMAT_JSONL : EVENT_FORMAT_CSV;
  r->format = (EventFormat)format;
  r->field_word = format == EVENT_FORMAT_CSV ? "column" : "field";
}

/* After starting: PACT_OK, or the failure that stopped it (the reader is then freed). */
static PactStatus reader_finish_open(EventReader *r, EventReader **out) {
  PactStatus status = r->status;
  if (status != PACT_OK) {
    event_reader_close(r);
    return status;
  }
  *out = r;
  return PACT_OK;
}

PactStatus event_reader_open_text(const char *name, const char *text, size_t len, DiagList *diags,
                                  EventReader **out) {
  *out = NULL;
  EventReader *r = reader_new(name, diags);
  if (!r) return PACT_ERR_NOMEM;
  r->data = text ? text : "";
  r->len = text ? len : 0;
  r->complete = true;
  if (check_text(r, 0)) reader_start(r, name);
  return reader_finish_open(r, out);
}

/* Maps a regular file; false leaves it to be read in pieces. */
static bool reader_map(EventReader *r, int fd, const struct stat *st) {
  if (!S_ISREG(st->st_mode) || st->st_size <= 0 || (uintmax_t)st->st_size > SIZE_MAX) return false;
  size_t size = (size_t)st->st_size;
  void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (map == MAP_FAILED) return false;
  posix_madvise(map, size, POSIX_MADV_SEQUENTIAL);
  r->map = map;
  r->map_len = size;
  r->data = map;
  r->len = size;
  r->complete = true;
  return true;
}

static PactStatus report_unreadable(EventReader *r, int error) {
  events_report(r, 0, "E1001", "check the path", "cannot read: %s", strerror(error));
  PactStatus status = r->status == PACT_ERR_NOMEM ? PACT_ERR_NOMEM : PACT_ERR_IO;
  event_reader_close(r);
  return status;
}

PactStatus event_reader_open(const char *path, DiagList *diags, EventReader **out) {
  *out = NULL;
  bool is_stdin = strcmp(path, "-") == 0;
  EventReader *r = reader_new(is_stdin ? "<stdin>" : path, diags);
  if (!r) return PACT_ERR_NOMEM;
  int fd, error;
  bool copy_failed;
  PactStatus status = spool_open(path, &fd, &error, &copy_failed);
  if (status == PACT_ERR_NOMEM) {
    event_reader_close(r);
    return status;
  }
  if (status != PACT_OK && copy_failed) {
    events_report(r, 0, "E1001", "set TMPDIR to a folder with room, or give the events as a file",
                  "cannot keep this input for a second reading: %s", strerror(error));
    status = r->status == PACT_ERR_NOMEM ? PACT_ERR_NOMEM : PACT_ERR_IO;
    event_reader_close(r);
    return status;
  }
  if (status != PACT_OK) return report_unreadable(r, error);
  struct stat st;
  error = fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
  if (error) {
    close(fd);
    return report_unreadable(r, error);
  }
  if (reader_map(r, fd, &st)) {
    close(fd);
    if (check_text(r, 0)) reader_start(r, path);
  } else if (S_ISREG(st.st_mode) && st.st_size == 0) {
    close(fd);
    r->complete = true;
    reader_start(r, path);
  } else {
    r->fd = fd; /* a file that cannot be mapped is read in pieces */
    r->owns_fd = true;
    reader_start(r, path);
  }
  return reader_finish_open(r, out);
}

PactStatus event_reader_open_stream(const char *name, int fd, DiagList *diags, EventReader **out) {
  *out = NULL;
  EventReader *r = reader_new(name, diags);
  if (!r) return PACT_ERR_NOMEM;
  r->fd = fd;
  reader_start(r, name);
  return reader_finish_open(r, out);
}

/* ------------------------------------------------------------------ checking */

/* Error paths are kept out of line and out of the way: they run once per problem, the checks
** around them once per row. */
#define COLD __attribute__((cold, noinline))

static bool given(const EventRow *row, EventField f) { return row->given & FIELD_BIT(f); }

/* Where a value starts: its record's line, unless the record spans lines. */
static uint32_t row_line(const EventRow *row, EventField f) {
  return row->spans_lines ? row->lines[f] : row->line;
}

/* Given and not already reported: worth checking. */
static bool checkable(const EventRow *row, EventField f) {
  return row->values[f].len > 0 && !(row->spoiled & FIELD_BIT(f));
}

/* "what 'value' in column 'name'", the usual form of a bad value. */
COLD static void report_value(EventReader *r, const EventRow *row, EventField f, const char *code,
                              const char *help, const char *what) {
  char shown[EVENT_SHOWN_BYTES];
  events_show(shown, row->values[f].ptr, row->values[f].len);
  events_report(r, row_line(row, f), code, help, "%s '%s' in %s '%s'", what, shown, r->field_word,
                FIELD_NAMES[f]);
}

COLD static bool report_missing(EventReader *r, const EventRow *row, EventField f) {
  events_report(r, row->line, "E1011", "every event has an id, a kind and a date", "missing '%s'",
                FIELD_NAMES[f]);
  return false;
}

static bool check_present(EventReader *r, const EventRow *row, EventField f) {
  return given(row, f) || report_missing(r, row, f);
}

static bool check_id(EventReader *r, const EventRow *row, Event *out) {
  if (!check_present(r, row, EVENT_FIELD_ID) || !checkable(row, EVENT_FIELD_ID)) return false;
  out->id = row->values[EVENT_FIELD_ID];
  return true;
}

COLD static bool report_kind(EventReader *r, const EventRow *row) {
  EventText kind = row->values[EVENT_FIELD_KIND];
  const char *guess = suggest_closest(kind.ptr, kind.len, KIND_NAMES, EVENT_KIND_COUNT);
  char help[160];
  if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
  else
    snprintf(help, sizeof help,
             "kinds are revenue, profit, payment, purchase, offer, "
             "response, launch, use, grant, milestone and correction");
  char shown[EVENT_SHOWN_BYTES];
  events_show(shown, kind.ptr, kind.len);
  events_report(r, row_line(row, EVENT_FIELD_KIND), "E1012", help, "unknown kind '%s'", shown);
  return false;
}

static bool check_kind(EventReader *r, const EventRow *row, Event *out) {
  if (!check_present(r, row, EVENT_FIELD_KIND) || !checkable(row, EVENT_FIELD_KIND)) return false;
  EventText kind = row->values[EVENT_FIELD_KIND];
  return event_kind_find(kind.ptr, kind.len, &out->kind) || report_kind(r, row);
}

/* Why a well-formed date is impossible, for the help line. */
static void impossible_date_help(const char *text, char *help, size_t size) {
  int year = 0, month = 0;
  for (int i = 0; i < 4; i++) year = year * 10 + (text[i] - '0');
  month = (text[5] - '0') * 10 + (text[6] - '0');
  if (year < PACT_YEAR_MIN) snprintf(help, size, "years run from 0001 to 9999");
  else if (month < 1 || month > 12) snprintf(help, size, "months run from 01 to 12");
  else snprintf(help, size, "%.7s has %d days", text, pact_days_in_month(year, month));
}

/* The month of a date's first eight bytes, "YYYY-MM-": its first day and length. */
static __attribute__((noinline)) PactStatus month_parse(const unsigned char *t, uint64_t key,
                                                        EventMonth *month) {
  if (t[4] != '-' || t[7] != '-') return PACT_ERR_SYNTAX;
  unsigned y0 = t[0] - 48u, y1 = t[1] - 48u, y2 = t[2] - 48u, y3 = t[3] - 48u;
  unsigned m0 = t[5] - 48u, m1 = t[6] - 48u;
  if ((y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) | (m0 > 9) | (m1 > 9)) return PACT_ERR_SYNTAX;
  int year = (int)(y0 * 1000 + y1 * 100 + y2 * 10 + y3), number = (int)(m0 * 10 + m1);
  PactDate first;
  PactStatus status = pact_date_from_ymd(year, number, 1, &first);
  if (status != PACT_OK) return status;
  month->key = key;
  month->first = first;
  month->days = pact_days_in_month(year, number);
  return PACT_OK;
}

/*
** YYYY-MM-DD as pact_date_parse reads it (PACT_ERR_SYNTAX for the form, PACT_ERR_RANGE for a
** day that does not exist), with months cached by their text: the dates of a file mostly fall
** in a few years, and a span's two dates in one month.
*/
static inline __attribute__((always_inline)) PactStatus date_parse(EventReader *r, EventText text,
                                                                   PactDate *out) {
  const unsigned char *t = (const unsigned char *)text.ptr;
  if (text.len != 10) return PACT_ERR_SYNTAX;
  unsigned d0 = t[8] - 48u, d1 = t[9] - 48u;
  if ((d0 > 9) | (d1 > 9)) return PACT_ERR_SYNTAX;
  uint64_t key;
  memcpy(&key, t, 8);
  /* The slot: the year in the century and the month, from the raw text (checked by the key),
  ** so that the months of 21 years in a row never share one. */
  unsigned slot = t[2] * 120u + t[3] * 12u + t[5] * 10u + t[6];
  EventMonth *month = &r->months[slot & (EVENT_MONTHS_CACHED - 1)];
  if (month->key != key) {
    PactStatus status = month_parse(t, key, month);
    if (status != PACT_OK) return status;
  }
  int day = (int)(d0 * 10 + d1);
  if (day < 1 || day > month->days) return PACT_ERR_RANGE;
  *out = month->first + day - 1;
  return PACT_OK;
}

COLD static bool report_date(EventReader *r, const EventRow *row, EventField f, PactStatus status) {
  EventText text = row->values[f];
  char help[64];
  if (status == PACT_ERR_RANGE) impossible_date_help(text.ptr, help, sizeof help);
  else snprintf(help, sizeof help, "write dates as YYYY-MM-DD");
  report_value(r, row, f, "E1004", help,
               status == PACT_ERR_RANGE ? "impossible date" : "malformed date");
  return false;
}

static bool check_date(EventReader *r, const EventRow *row, EventField f, PactDate *out) {
  PactStatus status = date_parse(r, row->values[f], out);
  return status == PACT_OK || report_date(r, row, f, status);
}

COLD static bool report_end_before_date(EventReader *r, const EventRow *row, const Event *e) {
  char end[11], date[11];
  pact_date_format(e->end, end);
  pact_date_format(e->date, date);
  events_report(r, row_line(row, EVENT_FIELD_END), "E1005",
                "end is the last day of the span, on or after date", "end '%s' is before date '%s'",
                end, date);
  return false;
}

static bool check_dates(EventReader *r, const EventRow *row, Event *out) {
  bool date_ok = check_present(r, row, EVENT_FIELD_DATE) && checkable(row, EVENT_FIELD_DATE) &&
                 check_date(r, row, EVENT_FIELD_DATE, &out->date);
  if (!given(row, EVENT_FIELD_END)) return date_ok;
  out->has_end = checkable(row, EVENT_FIELD_END) && check_date(r, row, EVENT_FIELD_END, &out->end);
  if (!date_ok || !out->has_end) return false;
  return out->end >= out->date || report_end_before_date(r, row, out);
}

COLD static bool report_currency(EventReader *r, const EventRow *row) {
  EventText code = row->values[EVENT_FIELD_CURRENCY];
  char upper[4] = {0}, help[96];
  for (uint32_t i = 0; i < 3 && code.len == 3; i++)
    upper[i] = code.ptr[i] >= 'a' && code.ptr[i] <= 'z' ? (char)(code.ptr[i] - 32) : code.ptr[i];
  if (code.len == 3 && pact_currency_find(upper, 3, NULL))
    snprintf(help, sizeof help, "did you mean '%s'? codes are upper case", upper);
  else snprintf(help, sizeof help, "write an ISO 4217 code such as USD, EUR or JPY");
  char shown[EVENT_SHOWN_BYTES];
  events_show(shown, code.ptr, code.len);
  events_report(r, row_line(row, EVENT_FIELD_CURRENCY), "E1009", help, "unknown currency '%s'",
                shown);
  return false;
}

static bool check_currency(EventReader *r, const EventRow *row, Event *out) {
  EventText code = row->values[EVENT_FIELD_CURRENCY];
  if (code.len == 3 && same_bytes(code.ptr, r->currency_cache.code, 3)) {
    out->currency = r->currency_cache;
    return true;
  }
  if (pact_currency_find(code.ptr, code.len, &out->currency)) {
    r->currency_cache = out->currency;
    return true;
  }
  return report_currency(r, row);
}


/* An amount's value: digits * 10^power, with no trailing zeros in digits (unless it is 0). */
typedef struct AmountScan {
  uint64_t digits;
  int32_t power;
  bool negative;
  bool overflow; /* more significant digits than 64 bits hold */
} AmountScan;

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* 10^k, and the largest digits that can take k more digits (the last up to 9) without
** overflow: no division while scanning. */
static const uint64_t POW10[20] = {
    1u,
    10u,
    100u,
    1000u,
    10000u,
    100000u,
    1000000u,
    10000000u,
    100000000u,
    1000000000u,
    10000000000u,
    100000000000u,
    1000000000000u,
    10000000000000u,
    100000000000000u,
    1000000000000000u,
    10000000000000000u,
    100000000000000000u,
    1000000000000000000u,
    10000000000000000000u,
};
#define ROOM(power) ((UINT64_MAX - 9) / (power))
static const uint64_t DIGITS_ROOM[20] = {
    UINT64_MAX,
    ROOM(10u),
    ROOM(100u),
    ROOM(1000u),
    ROOM(10000u),
    ROOM(100000u),
    ROOM(1000000u),
    ROOM(10000000u),
    ROOM(100000000u),
    ROOM(1000000000u),
    ROOM(10000000000u),
    ROOM(100000000000u),
    ROOM(1000000000000u),
    ROOM(10000000000000u),
    ROOM(100000000000000u),
    ROOM(1000000000000000u),
    ROOM(10000000000000000u),
    ROOM(100000000000000000u),
    ROOM(1000000000000000000u),
    ROOM(10000000000000000000u),
};

/*
** One digit. Zeros are owed rather than multiplied in, and paid only when a nonzero digit
** follows, so 1.50000, 0.000001 and 1000000000000000000000 are all exact; digits overflows
** only when the significant digits themselves do not fit.
*/
static void amount_digit(AmountScan *a, uint32_t *zeros_owed, char c) {
  if (c == '0') {
    (*zeros_owed)++;
    return;
  }
  uint32_t shift = *zeros_owed + 1;
  *zeros_owed = 0;
  if (a->digits == 0 && !a->overflow)
    a->digits = (uint64_t)(c - '0'); /* leading zeros count for nothing */
  else if (shift < 20 && a->digits <= DIGITS_ROOM[shift])
    a->digits = a->digits * POW10[shift] + (uint64_t)(c - '0');
  else a->overflow = true;
}

/* The exponent of a JSON number: [eE][+-]?digits, capped far beyond any amount. */
static bool amount_exponent(const char **p, const char *end, int32_t *out) {
  bool negative = false;
  int32_t value = 0;
  if (*p < end && (**p == '+' || **p == '-')) negative = *(*p)++ == '-';
  if (*p == end || !is_digit(**p)) return false;
  for (; *p < end && is_digit(**p); (*p)++)
    if (value < 100000) value = value * 10 + (**p - '0');
  *out = negative ? -value : value;
  return true;
}

/*
** An amount's text: -?digits(.digits)? ; a JSON number by its own grammar (no leading zeros,
** an optional exponent). Never through a double.
*/
static bool amount_scan(const char *p, size_t len, bool json_number, AmountScan *a);

/*
** Digits eight at a time (SWAR), where words are little-endian: the first byte of a text is then
** the lowest of the word loaded from it.
*/
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define EVENTS_SWAR 1

static uint64_t load8(const char *p) {
  uint64_t word;
  memcpy(&word, p, 8);
  return word;
}

/*
** How many of the eight bytes of word, from the first, are decimal digits (0..8). Less '0',
** a digit is 0..9 and one more than 9 sets its byte's top bit once 0x76 is added; a byte below
** '0' sets it by wrapping. Borrows and carries run only from a byte that is not a digit up
** into the bytes after it, so the first such byte is always marked, and found.
*/
static unsigned digits_lead(uint64_t word) {
  uint64_t x = word - 0x3030303030303030u;
  uint64_t marks = (x | (x + 0x7676767676767676u)) & 0x8080808080808080u;
  return marks ? (unsigned)__builtin_ctzll(marks) >> 3 : 8;
}

/* The number the first n (1..8) bytes of word spell, all digits: they are moved to the top of
** the word (zeros before them), then bytes are paired into 2, 4 and 8 digits. */
static uint64_t digits_value(uint64_t word, unsigned n) {
  uint64_t v = (word & 0x0F0F0F0F0F0F0F0Fu) << (8 * (8 - n));
  v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFu;
  v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFu;
  return (v * 10000 + (v >> 32)) & 0xFFFFFFFFu;
}
#else
#define EVENTS_SWAR 0
#endif

/* The usual amount, -?digits(.digits)? with at most 18 digits, which cannot overflow: no zeros
** owed, one multiply-add per digit. False when it is anything else. */
/* A run of decimal digits from p appended to *value, four at a time while it can; the end of
** the run. The caller bounds the run so that it cannot overflow. */
static const char *digit_run(const char *p, const char *end, uint64_t *value) {
  uint64_t v = *value;
  while (end - p >= 4) { /* bounded: p moves on by four */
    unsigned a = (unsigned)(p[0] - '0'), b = (unsigned)(p[1] - '0');
    unsigned c = (unsigned)(p[2] - '0'), d = (unsigned)(p[3] - '0');
    if ((a > 9) | (b > 9) | (c > 9) | (d > 9)) break;
    v = v * 10000 + a * 1000 + b * 100 + c * 10 + d;
    p += 4;
  }
  for (unsigned d; p < end && (d = (unsigned)(*p - '0')) <= 9; p++) v = v * 10 + d;
  *value = v;
  return p;
}

static bool amount_scan_short(const char *p, size_t len, AmountScan *a) {
  const char *end = p + len;
  uint64_t digits = 0;
  a->negative = p < end && *p == '-';
  p += a->negative;
  const char *integer = p;
  if (end - p > 19) return false;
  p = digit_run(p, end, &digits);
  if (p == integer) return false;
  a->power = 0;
  if (p < end && *p == '.') {
    const char *fraction = ++p;
    p = digit_run(p, end, &digits);
    a->power = -(int32_t)(p - fraction);
    if (p == fraction) return false;
  }
  a->digits = digits;
  a->overflow = false;
  return p == end;
}

static bool amount_scan(const char *p, size_t len, bool json_number, AmountScan *a) {
  if (!json_number && amount_scan_short(p, len, a)) return true;
  const char *end = p + len;
  uint32_t zeros_owed = 0;
  int32_t fraction_digits = 0, exponent = 0;
  memset(a, 0, sizeof *a);
  if (p < end && *p == '-') a->negative = true, p++;
  const char *integer = p;
  for (; p < end && is_digit(*p); p++) amount_digit(a, &zeros_owed, *p);
  if (p == integer || (json_number && p - integer > 1 && *integer == '0')) return false;
  if (p < end && *p == '.') {
    const char *fraction = ++p;
    for (; p < end && is_digit(*p); p++) amount_digit(a, &zeros_owed, *p);
    fraction_digits = (int32_t)(p - fraction);
    if (fraction_digits == 0) return false;
  }
  if (json_number && p < end && (*p == 'e' || *p == 'E')) {
    p++;
    if (!amount_exponent(&p, end, &exponent)) return false;
  }
  a->power = (int32_t)zeros_owed - fraction_digits + exponent;
  return p == end;
}

/*
** The usual amount in minor units, -?digits(.digits)? with no more places than the currency
** has and at most 18 digits once scaled to minor units (so nothing can overflow), a JSON
** number's integer part without a leading zero; false for anything else, which amount_scan
** and amount_to_minor then read (and report) in full. The value is the same they give: the
** digits scaled by the places missing, the sign applied (-0 is 0).
*/
static bool amount_fast(const EventReader *r, EventText text, bool json_number, int minor_digits,
                        int64_t *out) {
#if EVENTS_SWAR
  /* Eight bytes at a time, when the 24 bytes from the text are inside the window (so every
  ** load is): the digits before the point, then those after it. A value of more than seven
  ** digits before the point (eight with none after) takes the scalar way below. */
  uintptr_t at = (uintptr_t)text.ptr, from = (uintptr_t)r->data, to = from + r->len;
  if (at >= from && at < to && to - at >= 24 && text.len <= 16 && minor_digits <= 8) {
    const char *p = text.ptr;
    unsigned negative = p[0] == '-', rest = text.len - negative;
    uint64_t word = load8(p + negative);
    unsigned n = digits_lead(word);
    if (n > rest) n = rest; /* the digits of the text, not of what follows it */
    if (n < 8 || rest == 8) {
      if (n == 0 || (json_number && n > 1 && p[negative] == '0')) return false;
      uint64_t value = digits_value(word, n);
      unsigned places = 0;
      if (n < rest) {
        places = rest - n - 1;
        if (p[negative + n] != '.' || places == 0 || places > (unsigned)minor_digits) return false;
        uint64_t fraction = load8(p + negative + n + 1); /* at most 17 bytes from p */
        if (digits_lead(fraction) < places) return false;
        value = value * POW10[places] + digits_value(fraction, places);
      }
      /* At most 7 + 8 digits, scaled to at most 8 + 8: no overflow. */
      value *= POW10[minor_digits - (int)places];
      *out = negative ? -(int64_t)value : (int64_t)value;
      return true;
    }
  }
#endif
  const char *p = text.ptr, *end = text.ptr + text.len;
  bool negative = p < end && *p == '-';
  p += negative;
  const char *integer = p;
  uint64_t value = 0;
  if (end - p > 18) return false;
  p = digit_run(p, end, &value);
  size_t integer_digits = (size_t)(p - integer);
  if (integer_digits == 0 || (json_number && integer_digits > 1 && *integer == '0')) return false;
  size_t places = 0;
  if (p < end && *p == '.') {
    const char *fraction = ++p;
    p = digit_run(p, end, &value);
    places = (size_t)(p - fraction);
    if (places == 0) return false;
  }
  if (p != end || places > (size_t)minor_digits || integer_digits + (size_t)minor_digits > 18)
    return false;
  value *= POW10[minor_digits - (int)places];
  *out = negative ? -(int64_t)value : (int64_t)value;
  return true;
}

/* Minor units of a currency with minor_digits places, or PACT_ERR_PRECISION (a nonzero digit
** past the currency's places) or PACT_ERR_OVERFLOW. */
static PactStatus amount_to_minor(AmountScan a, int minor_digits, int64_t *out) {
  if (a.digits == 0 && !a.overflow) {
    *out = 0;
    return PACT_OK;
  }
  int32_t shift = minor_digits + a.power;
  for (; shift < 0 && a.digits % 10 == 0 && !a.overflow; shift++) a.digits /= 10; /* 1.500 */
  if (shift < 0) return PACT_ERR_PRECISION;
  if (a.overflow) return PACT_ERR_OVERFLOW;
  uint64_t limit = a.negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
  for (; shift > 0; shift--) {
    if (a.digits > limit / 10) return PACT_ERR_OVERFLOW;
    a.digits *= 10;
  }
  if (a.digits > limit) return PACT_ERR_OVERFLOW;
  *out = a.negative ? (int64_t)(0 - a.digits) : (int64_t)a.digits;
  return PACT_OK;
}

COLD static void report_amount(EventReader *r, const EventRow *row, PactStatus status,
                               PactCurrency currency) {
  EventText text = row->values[EVENT_FIELD_AMOUNT];
  char shown[EVENT_SHOWN_BYTES], help[160];
  events_show(shown, text.ptr, text.len);
  uint32_t line = row_line(row, EVENT_FIELD_AMOUNT);
  if (status == PACT_ERR_PRECISION) {
    snprintf(help, sizeof help, "%s has %u decimal place%s; amounts are exact, never rounded",
             currency.code, currency.minor_digits, currency.minor_digits == 1 ? "" : "s");
    events_report(r, line, "E1007", help, "amount '%s' has more decimal places than %s allows",
                  shown, currency.code);
  } else if (status == PACT_ERR_OVERFLOW) {
    char largest[48];
    pact_money_format(INT64_MAX, currency.minor_digits, largest, sizeof largest);
    snprintf(help, sizeof help, "the largest %s amount is %s", currency.code, largest);
    events_report(r, line, "E1008", help, "amount '%s' is too large for 64-bit minor units", shown);
  } else {
    const char *form = row->amount_is_number
                           ? "a JSON number such as -1234.5 or 1.2e3, or a string"
                           : "digits with an optional '-' and '.', no grouping: -1234.50";
    snprintf(help, sizeof help, "write %s", form);
    report_value(r, row, EVENT_FIELD_AMOUNT, "E1006", help, "malformed amount");
  }
}

/* The amount in minor units of its currency; the currency's own check comes first. */
static bool check_amount(EventReader *r, const EventRow *row, bool currency_ok, Event *out) {
  EventText text = row->values[EVENT_FIELD_AMOUNT];
  AmountScan scan;
  if (!amount_scan(text.ptr, text.len, row->amount_is_number, &scan)) {
    report_amount(r, row, PACT_ERR_SYNTAX, out->currency);
    return false;
  }
  if (!given(row, EVENT_FIELD_CURRENCY)) {
    char shown[EVENT_SHOWN_BYTES], help[96];
    events_show(shown, text.ptr, text.len);
    snprintf(help, sizeof help, "give its ISO 4217 code in %s 'currency'", r->field_word);
    events_report(r, row_line(row, EVENT_FIELD_AMOUNT), "E1010", help,
                  "amount '%s' without a currency", shown);
    return false;
  }
  if (!currency_ok) return false;
  PactStatus status = amount_to_minor(scan, out->currency.minor_digits, &out->amount_minor);
  if (status != PACT_OK) report_amount(r, row, status, out->currency);
  out->has_amount = status == PACT_OK;
  return out->has_amount;
}

static bool check_money(EventReader *r, const EventRow *row, Event *out) {
  bool currency_ok = true;
  if (given(row, EVENT_FIELD_CURRENCY))
    currency_ok = checkable(row, EVENT_FIELD_CURRENCY) && check_currency(r, row, out);
  if (!given(row, EVENT_FIELD_AMOUNT)) return currency_ok;
  if (!checkable(row, EVENT_FIELD_AMOUNT)) return false;
  return check_amount(r, row, currency_ok, out);
}

/* "party, amount and currency" */
static void list_fields(uint32_t mask, char *buf, size_t size) {
  size_t n = 0, count = 0, total = 0;
  for (int f = 0; f < EVENT_FIELD_COUNT; f++) total += (mask >> f) & 1;
  buf[0] = '\0';
  for (int f = 0; f < EVENT_FIELD_COUNT && n < size; f++) {
    if (!(mask & FIELD_BIT(f))) continue;
    const char *sep = count == 0 ? "" : count + 1 == total ? " and " : ", ";
    n += (size_t)snprintf(buf + n, size - n, "%s%s", sep, FIELD_NAMES[f]);
    count++;
  }
}

COLD static void report_needs(EventReader *r, const EventRow *row, EventKind kind,
                              EventField missing) {
  const char *article = kind == EVENT_OFFER ? "an" : "a"; /* "a use": a 'y' sound */
  char fields[96], help[160];
  list_fields(KIND_NEEDS[kind], fields, sizeof fields);
  snprintf(help, sizeof help, "%s %s event has %s", article, KIND_NAMES[kind], fields);
  events_report(r, row->line, "E1013", help, "%s %s event needs '%s'", article, KIND_NAMES[kind],
                FIELD_NAMES[missing]);
}

static bool check_needs(EventReader *r, const EventRow *row, EventKind kind) {
  uint32_t needs = KIND_NEEDS[kind];
  bool ok = true;
  for (uint32_t todo = needs; todo; todo &= todo - 1) { /* each needed field, in order */
    int f = __builtin_ctz(todo);
    if (given(row, (EventField)f)) continue;
    /* An amount without a currency was reported as such (E1010). */
    if (f == EVENT_FIELD_CURRENCY && given(row, EVENT_FIELD_AMOUNT)) {
      ok = false;
      continue;
    }
    report_needs(r, row, kind, (EventField)f);
    ok = false;
  }
  return ok;
}

static bool check_answer(EventReader *r, const EventRow *row) {
  EventText answer = row->values[EVENT_FIELD_SUBJECT];
  for (size_t i = 0; i < 3; i++)
    if (answer.len == strlen(ANSWERS[i]) && memcmp(answer.ptr, ANSWERS[i], answer.len) == 0)
      return true;
  const char *guess = suggest_closest(answer.ptr, answer.len, ANSWERS, 3);
  char shown[EVENT_SHOWN_BYTES], help[96];
  events_show(shown, answer.ptr, answer.len);
  if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
  else snprintf(help, sizeof help, "a response's subject is its answer");
  events_report(r, row_line(row, EVENT_FIELD_SUBJECT), "E1014", help,
                "a response answers accept, unable or unwilling, not '%s'", shown);
  return false;
}

/* A payment of a negative amount: money going back is a payment the other way. */
static bool check_payment(EventReader *r, const EventRow *row, const Event *e) {
  if (e->kind != EVENT_PAYMENT || !e->has_amount || e->amount_minor >= 0) return true;
  char shown[EVENT_SHOWN_BYTES];
  EventText amount = row->values[EVENT_FIELD_AMOUNT];
  events_show(shown, amount.ptr, amount.len);
  events_report(r, row_line(row, EVENT_FIELD_AMOUNT), "E1024",
                "a payment is money its party paid its counterparty; record money paid back as a "
                "payment of the other party, with the parties the other way round",
                "a payment of a negative amount ('%s')", shown);
  return false;
}

static void copy_texts(const EventRow *row, Event *out) {
  out->party = row->values[EVENT_FIELD_PARTY];
  out->counterparty = row->values[EVENT_FIELD_COUNTERPARTY];
  out->stream = row->values[EVENT_FIELD_STREAM];
  out->subject = row->values[EVENT_FIELD_SUBJECT];
  out->ref = row->values[EVENT_FIELD_REF];
  out->note = row->values[EVENT_FIELD_NOTE];
}

/* Sets every member one by one: a memset of the whole struct compiles to `rep stos`, which
** costs more per row than all the checks together. */
static void event_clear(Event *out, uint32_t line) {
  out->id = (EventText){NULL, 0};
  out->kind = EVENT_REVENUE;
  out->date = out->end = 0;
  out->has_end = out->has_amount = false;
  out->amount_minor = 0;
  memset(out->currency.code, 0, sizeof out->currency.code);
  out->currency.minor_digits = 0;
  out->line = line;
}

/*
** The usual row, checked in one pass: id, kind and date there, a known kind (not a response)
** with every field it needs, good dates, a known currency and an amount that scans quickly (see
** amount_fast). The checks of events_validate report nothing for such a row and give this very
** event, so it is given at once; anything else -- a problem, or only a form this path does not
** read -- returns false having changed nothing but the caches of months and currency, and the
** full checks then run as they always do.
*/
bool events_validate_fast(EventReader *r, const EventText *const *values, uint32_t present,
                          bool amount_is_number, uint32_t line, Event *out) {
  const uint32_t basic =
      FIELD_BIT(EVENT_FIELD_ID) | FIELD_BIT(EVENT_FIELD_KIND) | FIELD_BIT(EVENT_FIELD_DATE);
  if ((present & basic) != basic || r->done) return false;
  EventText text = *values[EVENT_FIELD_KIND];
  unsigned slot = name_slot(KIND_SLOTS, text.ptr, text.len);
  if (slot == 0 || !same_bytes(text.ptr, KIND_NAMES[slot - 1], text.len)) return false;
  EventKind kind = (EventKind)(slot - 1);
  if ((KIND_NEEDS[kind] & ~present) || kind == EVENT_RESPONSE) return false;
  PactDate date, end = 0;
  if (date_parse(r, *values[EVENT_FIELD_DATE], &date) != PACT_OK) return false;
  bool has_end = present & FIELD_BIT(EVENT_FIELD_END);
  if (has_end && (date_parse(r, *values[EVENT_FIELD_END], &end) != PACT_OK || end < date))
    return false;
  PactCurrency currency = {{0, 0, 0, 0}, 0};
  if (present & FIELD_BIT(EVENT_FIELD_CURRENCY)) {
    text = *values[EVENT_FIELD_CURRENCY];
    const char *cached = r->currency_cache.code;
    if (text.len == 3 && text.ptr[0] == cached[0] && text.ptr[1] == cached[1] &&
        text.ptr[2] == cached[2]) {
      currency = r->currency_cache;
    } else {
      if (!pact_currency_find(text.ptr, text.len, &currency)) return false;
      r->currency_cache = currency;
    }
  }
  bool has_amount = present & FIELD_BIT(EVENT_FIELD_AMOUNT);
  int64_t amount = 0;
  if (has_amount) {
    if (!(present & FIELD_BIT(EVENT_FIELD_CURRENCY))) return false;
    if (!amount_fast(r, *values[EVENT_FIELD_AMOUNT], amount_is_number, currency.minor_digits,
                     &amount))
      return false;
    if (amount < 0 && kind == EVENT_PAYMENT) return false; /* E1024, said by the full checks */
  }
  out->id = *values[EVENT_FIELD_ID];
  out->kind = kind;
  out->date = date;
  out->has_end = has_end;
  out->end = end;
  out->party = *values[EVENT_FIELD_PARTY];
  out->counterparty = *values[EVENT_FIELD_COUNTERPARTY];
  out->stream = *values[EVENT_FIELD_STREAM];
  out->subject = *values[EVENT_FIELD_SUBJECT];
  out->ref = *values[EVENT_FIELD_REF];
  out->note = *values[EVENT_FIELD_NOTE];
  out->has_amount = has_amount;
  out->amount_minor = amount;
  out->currency = currency;
  out->line = line;
  return true;
}

bool events_validate(EventReader *r, EventRow *row, Event *out) {
  if (row == &r->row && !row->spoiled && !row->bad &&
      events_validate_fast(r, r->row_values, row->present, row->amount_is_number, row->line, out))
    return true;
  row->given = row->present | row->spoiled;
  event_clear(out, row->line);
  bool ok = check_id(r, row, out);
  bool kind_ok = check_kind(r, row, out);
  ok &= kind_ok;
  ok &= check_dates(r, row, out);
  bool money_ok = check_money(r, row, out);
  ok &= money_ok;
  if (kind_ok && money_ok) ok &= check_payment(r, row, out);
  if (kind_ok) {
    ok &= check_needs(r, row, out->kind);
    if (out->kind == EVENT_RESPONSE && checkable(row, EVENT_FIELD_SUBJECT))
      ok &= check_answer(r, row);
  }
  copy_texts(row, out);
  return ok && !row->bad && !r->done;
}

bool event_reader_next(EventReader *r, Event *out) {
  for (;;) { /* bounded by the input: each pass consumes a record, or the reader stops */
    if (r->done) return false;
    if (r->map && r->pos >= r->map_released + 2 * (size_t)EVENT_MAP_RELEASE_BYTES) map_release(r);
    EventStep step;
    if (r->format == EVENT_FORMAT_CSV && r->header_read &&
        events_csv_fast(r, &r->row, out, &step)) {
      if (step == EVENT_STEP_EVENT) return true;
      if (events_validate(r, &r->row, out)) return true;
      continue;
    }
    step = r->format == EVENT_FORMAT_CSV ? events_csv_read(r, &r->row, out)
                                         : events_jsonl_read(r, &r->row, out);
    if (step == EVENT_STEP_EVENT) return true;
    if (step == EVENT_STEP_END) {
      r->done = true;
      return false;
    }
    if (step == EVENT_STEP_ROW && events_validate(r, &r->row, out)) return true;
  }
}

/* ------------------------------------------------------------------ splitting */

/* The quotes and line feeds in [from, to), 64 bytes at a time where SSE2 allows. */
static void count_quotes_lines(const char *from, const char *to, size_t *quotes, size_t *lines) {
  size_t q = 0, n = 0;
  const char *p = from;
#if defined(__SSE2__)
  for (; to - p >= 64; p += 64) {
    uint64_t mq = 0, ml = 0;
    for (int i = 0; i < 4; i++) {
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
      unsigned quote = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
      unsigned feed = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
      mq |= (uint64_t)quote << (16 * i);
      ml |= (uint64_t)feed << (16 * i);
    }
    q += (size_t)__builtin_popcountll(mq);
    n += (size_t)__builtin_popcountll(ml);
  }
#endif
  for (; p < to; p++) q += *p == '"', n += *p == '\n';
  *quotes += q;
  *lines += n;
}

typedef struct CountJob {
  EventReader *r;
  size_t from, to;
  size_t quotes, lines;
} CountJob;

/* Counts a step at a time, each handed back once counted (as check_text does), so that what
** is resident stays flat. */
static void *count_job(void *arg) {
  CountJob *job = arg;
  for (size_t at = job->from, next; at < job->to; at = next) {
    next = (at / EVENT_MAP_RELEASE_BYTES + 1) * EVENT_MAP_RELEASE_BYTES; /* on a step */
    if (next > job->to) next = job->to;
    count_quotes_lines(job->r->data + at, job->r->data + next, &job->quotes, &job->lines);
    if (at % EVENT_MAP_RELEASE_BYTES == 0 && next % EVENT_MAP_RELEASE_BYTES == 0)
      map_forget(job->r, at, next);
  }
  return NULL;
}

/*
** The first line start past the middle of [r->pos, r->len) with an even count of quotes before
** it, and the line feeds before it; 0 when there is none before the end. The first half is
** counted on two threads (the count is what the second part waits for).
*/
static size_t split_point(EventReader *r, size_t *lines) {
  size_t at = r->pos + (r->len - r->pos) / 2;
  CountJob jobs[2] = {{r, r->pos, r->pos + (at - r->pos) / 2, 0, 0},
                      {r, r->pos + (at - r->pos) / 2, at, 0, 0}};
  pthread_t thread;
  if (pthread_create(&thread, NULL, count_job, &jobs[1]) == 0) {
    count_job(&jobs[0]);
    pthread_join(thread, NULL);
  } else {
    count_job(&jobs[0]);
    count_job(&jobs[1]);
  }
  size_t quotes = jobs[0].quotes + jobs[1].quotes;
  *lines = jobs[0].lines + jobs[1].lines;
  for (;;) { /* bounded: at moves forward to the end */
    const char *nl = memchr(r->data + at, '\n', r->len - at);
    if (!nl) return 0;
    size_t next = (size_t)(nl - r->data) + 1;
    count_quotes_lines(r->data + at, r->data + next, &quotes, lines);
    at = next;
    if (at >= r->len) return 0;
    if (quotes % 2 == 0) return at;
  }
}

PactStatus event_reader_split(EventReader *r, size_t min_bytes, DiagList *diags,
                              EventReader **second) {
  *second = NULL;
  if (!r->map || r->map_borrowed || r->split || r->format != EVENT_FORMAT_CSV ||
      r->map_len < min_bytes || r->done || r->status != PACT_OK || r->error_count)
    return PACT_OK;
  if (!events_csv_header(r) || r->error_count || r->status != PACT_OK) return PACT_OK;
  size_t lines;
  size_t cut = split_point(r, &lines);
  if (cut == 0 || r->line + lines > PACT_EVENT_LINES_MAX) return PACT_OK;
  EventReader *s = reader_new(r->path, diags);
  if (!s) return PACT_ERR_NOMEM;
  s->format = r->format;
  s->field_word = r->field_word;
  s->data = r->data;
  s->len = r->len;
  s->pos = cut;
  s->line = r->line + (uint32_t)lines;
  s->complete = true;
  s->map = r->map;
  s->map_len = r->map_len;
  s->map_borrowed = true;
  /* Only pages past the cut are handed back by this reader, on whole steps (see map_release). */
  s->map_released =
      (cut + EVENT_MAP_RELEASE_BYTES - 1) / EVENT_MAP_RELEASE_BYTES * EVENT_MAP_RELEASE_BYTES;
  s->header_read = true;
  s->column_count = r->column_count;
  memcpy(s->slot_of_column, r->slot_of_column, sizeof s->slot_of_column);
  memcpy(s->column_bits, r->column_bits, sizeof s->column_bits);
  for (int f = 0; f < EVENT_FIELD_COUNT; f++) s->field_cells[f] = &s->no_value;
  for (uint32_t i = 0; i < s->column_count; i++) {
    uint32_t slot = s->slot_of_column[i];
    if (slot < EVENT_FIELD_COUNT) s->field_cells[slot] = &s->cells[i];
  }
  r->len = cut;
  r->split = true;
  r->split_line = s->line;
  r->scan_valid = false;
  *second = s;
  return PACT_OK;
}

bool event_reader_split_clean(const EventReader *r) {
  return r->split && r->status == PACT_OK && r->error_count == 0 && r->pos == r->len &&
         r->line == r->split_line;
}
