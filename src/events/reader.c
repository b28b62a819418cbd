/*
** reader.c -- the event reader: opening a file (mapped, or read in pieces from a pipe),
** reporting problems by line, reading record after record, and cutting a large file in two.
*/
#define _DEFAULT_SOURCE /* madvise(MADV_DONTNEED), beside POSIX: see map_release */
#include "events/reader_int.h"

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
#include "base/spool.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Bytes asked of read() at a time when a file cannot be mapped. */
enum { EVENT_READ_BYTES = 256 * 1024 };

/* A mapped file's pages are handed back behind the reading this many bytes at a time (a power
** of two, so a multiple of the page size), so that what is resident stays flat whatever the
** size of the file. */
enum { EVENT_MAP_RELEASE_BYTES = 8 * 1024 * 1024 };

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

/* ------------------------------------------------------------------ reading */

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
