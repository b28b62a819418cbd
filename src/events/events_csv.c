/*
** events_csv.c -- the CSV event format: a header line naming the columns, then one event per
** record, split as RFC 4180 says (quoted values, "" for a quote, commas and newlines in quotes).
*/
#include <string.h>

#include "base/utf8.h"
#include "events/reader_int.h"

/* Bytes 0x80..0xFF: the start, or a stray part, of a multi-byte character, checked as UTF-8. */
#define HIGH8   1, 1, 1, 1, 1, 1, 1, 1
#define HIGH64  HIGH8, HIGH8, HIGH8, HIGH8, HIGH8, HIGH8, HIGH8, HIGH8
#define HIGH128 HIGH64, HIGH64

/* Where a scan of an unquoted value stops: everything else is plain text. */
static const uint8_t STOP_PLAIN[256] = {
    [','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [0x80] = HIGH128,
};
/* Where a scan of a quoted value stops. */
static const uint8_t STOP_QUOTED[256] = {['\n'] = 1, ['"'] = 1, [0x80] = HIGH128};

/* Columns of the header, numbered as themselves. */
static const uint8_t HEADER_SLOTS[PACT_EVENT_COLUMNS_MAX] = {
    0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
};

/*
** Finding where unquoted values stop, 64 bytes at a time: a mask of the bytes STOP_PLAIN names,
** found without a branch per byte, then written out as a list of offsets (see csv_scan). A
** branch per byte mispredicts at the end of every value, and event values are short; with the
** list, splitting a record is one step per value, its count known in advance. The mask may
** mark more than STOP_PLAIN (SSE2 marks every control byte, with one compare for them and the
** bytes >= 0x80): events_csv_fast takes a record only when each stop it meets is its comma or
** its line end, so a stray mark only sends that record (one with a tab) the general way.
*/
#if defined(__SSE2__)
#include <emmintrin.h>

static uint64_t stop_mask(const char *p) {
  uint64_t mask = 0;
  for (int i = 0; i < 4; i++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
    __m128i comma = _mm_cmpeq_epi8(v, _mm_set1_epi8(','));
    __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    /* Signed bytes below 0x20: the control bytes, CR and LF among them, and 0x80..0xFF. */
    __m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
    mask |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(comma, quote), low))
            << (16 * i);
  }
  return mask;
}
#else
static uint64_t stop_mask(const char *p) {
  uint64_t mask = 0;
  for (int i = 0; i < 64; i++) mask |= (uint64_t)STOP_PLAIN[(uint8_t)p[i]] << i;
  return mask;
}
#endif

static uint32_t bit_count(uint64_t x) {
#if defined(__POPCNT__)
  return (uint32_t)__builtin_popcountll(x);
#else
  x = x - ((x >> 1) & 0x5555555555555555u);
  x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
  return (uint32_t)((x * 0x0101010101010101u) >> 56);
#endif
}

/*
** Writes the offsets at + i of the bits i of mask, lowest first, to out; their count. Twelve
** are written at a time whatever the count, so that the loop runs once for a usual block (a
** record of 60 bytes has about ten stops) and its branch is foreseen: out has room for the
** count rounded up to 12, and the entries past the count are left over (the bit 63 or'd in
** keeps the count of trailing zeros of a mask with no bits left defined; what it gives there is
** never read).
*/
static uint32_t stop_list(size_t *out, size_t at, uint64_t mask) {
  uint32_t n = bit_count(mask);
  const uint64_t top = (uint64_t)1 << 63;
  for (uint32_t i = 0; i < n; i += 12) { /* bounded: at most six passes */
#define STOP_STEP(k) out[i + k] = at + (unsigned)__builtin_ctzll(mask | top), mask &= mask - 1
    STOP_STEP(0), STOP_STEP(1), STOP_STEP(2), STOP_STEP(3), STOP_STEP(4), STOP_STEP(5);
    STOP_STEP(6), STOP_STEP(7), STOP_STEP(8), STOP_STEP(9), STOP_STEP(10), STOP_STEP(11);
#undef STOP_STEP
  }
  return n;
}

/* Lists the stops of up to eight more blocks of the window (the last one maybe shorter),
** after moving those not yet used to the front. */
static __attribute__((noinline)) void csv_scan(EventReader *r) {
  uint32_t n = r->stop_count - r->stop_next;
  if (r->stop_next) memmove(r->stops, r->stops + r->stop_next, n * sizeof *r->stops);
  r->stop_next = 0;
  size_t at = r->scan_to, len = r->len;
  for (int block = 0; block < 8 && !r->scan_ended; block++) {
    uint64_t mask;
    if (len - at >= 64) {
      mask = stop_mask(r->data + at);
    } else {
      mask = 0;
      for (size_t i = at; i < len; i++)
        mask |= (uint64_t)STOP_PLAIN[(uint8_t)r->data[i]] << (i - at);
      r->scan_ended = true;
    }
    n += stop_list(r->stops + n, at, mask);
    at = len - at >= 64 ? at + 64 : len;
  }
  r->stop_count = n;
  r->scan_to = at;
}

static const char QUOTE_HELP[] =
    "quote the whole value and double each quote inside it: \"say \"\"yes\"\"\"";

typedef enum CsvEnd { CSV_NEXT_FIELD, CSV_END_RECORD, CSV_NEED_MORE } CsvEnd;

/* One record being split. Values go to cells[slots[column]], or to cells[sink] for columns
** past slot_count; a problem is kept, not reported, until the record is known to be whole
** (a stream may have to read the record again once more of it has arrived). */
typedef struct CsvSplit {
  EventReader *r;
  const char *p, *end;
  uint32_t line; /* the line at p */
  uint32_t record_line;
  EventText *cells;
  uint32_t *lines;
  const uint8_t *slots;
  uint32_t slot_count, sink;
  uint32_t fields;  /* the field being read (0-based), then how many the record has */
  uint64_t present; /* slots given a value that is not empty */
  bool spans_lines; /* a quoted value holds a line break */
  bool header;
  const char *code; /* the record's first problem */
  const char *help;
  uint32_t problem_line;
  char problem[192];
} CsvSplit;

/* Everything but the problem's text, which is written only with its code. */
static void csv_split_init(CsvSplit *s, EventText *cells, uint32_t *lines, const uint8_t *slots,
                           uint32_t slot_count, uint32_t sink, bool header) {
  s->r = NULL;
  s->p = s->end = NULL;
  s->line = s->record_line = 0;
  s->cells = cells;
  s->lines = lines;
  s->slots = slots;
  s->slot_count = slot_count;
  s->sink = sink;
  s->fields = 0;
  s->present = 0;
  s->spans_lines = false;
  s->header = header;
  s->code = s->help = NULL;
  s->problem_line = 0;
}

static uint32_t slot_of(const CsvSplit *s) {
  return s->fields < s->slot_count ? s->slots[s->fields] : s->sink;
}

static void set_text(EventText *out, const char *from, const char *to) {
  out->ptr = from;
  out->len = (uint32_t)(to - from); /* a longer record is refused as a whole (E1022) */
}

/* Keeps the record's first problem: "what in column 'note'". */
static void csv_problem(CsvSplit *s, const char *code, uint32_t line, const char *help,
                        const char *what) {
  if (s->code) return;
  uint32_t slot = slot_of(s);
  s->code = code;
  s->help = help;
  s->problem_line = line;
  if (s->header) snprintf(s->problem, sizeof s->problem, "%s in the header", what);
  else if (slot < EVENT_FIELD_COUNT)
    snprintf(s->problem, sizeof s->problem, "%s in column '%s'", what,
             event_field_name((EventField)slot));
  else snprintf(s->problem, sizeof s->problem, "%s in column %u", what, s->fields + 1);
}

/* A byte >= 0x80 at p: the length of its character; 1 after noting a byte that is not UTF-8;
** 0 when the window ends inside the character. */
static uint32_t csv_utf8(CsvSplit *s, const char *p, uint32_t line) {
  size_t left = (size_t)(s->end - p);
  uint32_t n = utf8_char_length(p, left > 4 ? 4 : (uint32_t)left);
  if (n) return n;
  if (left < 4 && !s->r->complete) return 0;
  char what[48];
  snprintf(what, sizeof what, "invalid UTF-8 (byte 0x%02x)", (unsigned char)*p);
  csv_problem(s, "E1003", line, "save the file as UTF-8", what);
  return 1;
}

/* An unquoted value from start: up to a comma, a line end (LF or CRLF) or the end. */
static CsvEnd csv_plain(CsvSplit *s, const char *start, EventText *out) {
  const char *p = start, *end = s->end;
  for (;;) { /* bounded: p moves forward on every pass */
    while (p < end && !STOP_PLAIN[(uint8_t)*p]) p++;
    if (p == end) {
      if (!s->r->complete) return CSV_NEED_MORE;
      set_text(out, start, p);
      s->p = p;
      return CSV_END_RECORD;
    }
    char c = *p;
    if (c == ',' || c == '\n') {
      set_text(out, start, p);
      s->p = p + 1;
      s->line += c == '\n';
      return c == ',' ? CSV_NEXT_FIELD : CSV_END_RECORD;
    }
    if (c == '\r') {
      if (p + 1 == end && !s->r->complete) return CSV_NEED_MORE;
      if (p + 1 < end && p[1] == '\n') {
        set_text(out, start, p);
        s->p = p + 2;
        s->line++;
        return CSV_END_RECORD;
      }
      p++; /* a lone CR is part of the value */
      continue;
    }
    if (c == '"') {
      csv_problem(s, "E1019", s->line, QUOTE_HELP, "a quote inside an unquoted value");
      p++;
      continue;
    }
    uint32_t n = csv_utf8(s, p, s->line);
    if (n == 0) return CSV_NEED_MORE;
    p += n;
  }
}

/* A quoted value's text, with each "" made one quote in the reader's scratch buffer. */
static bool csv_unquote(CsvSplit *s, EventText *out, const char *from, const char *to,
                        bool doubled) {
  if (!doubled) {
    set_text(out, from, to);
    return true;
  }
  EventReader *r = s->r;
  if (!events_scratch_reserve(r, (size_t)(to - from))) return false;
  char *text = r->scratch + r->scratch_len;
  size_t n = 0;
  for (const char *p = from; p < to; p++) {
    text[n++] = *p;
    if (*p == '"') p++; /* the second of a pair */
  }
  r->scratch_len += n;
  out->ptr = text;
  out->len = (uint32_t)n;
  return true;
}

/* After a closing quote: a comma, a line end or the end; anything else is reported and
** skipped up to the next comma or line end. */
static CsvEnd csv_after_quote(CsvSplit *s) {
  const char *p = s->p, *end = s->end;
  if (p == end) return s->r->complete ? CSV_END_RECORD : CSV_NEED_MORE;
  if (*p == ',' || *p == '\n') {
    s->p = p + 1;
    s->line += *p == '\n';
    return *p == ',' ? CSV_NEXT_FIELD : CSV_END_RECORD;
  }
  if (*p == '\r' && p + 1 == end && !s->r->complete) return CSV_NEED_MORE;
  if (*p == '\r' && p + 1 < end && p[1] == '\n') {
    s->p = p + 2;
    s->line++;
    return CSV_END_RECORD;
  }
  csv_problem(s, "E1019", s->line, QUOTE_HELP, "text after the closing quote");
  EventText ignored;
  return csv_plain(s, p, &ignored);
}

/* quoted -> '"' { char | '""' | newline } '"' */
static CsvEnd csv_quoted(CsvSplit *s, EventText *out) {
  const char *start = s->p + 1, *p = start, *end = s->end;
  uint32_t line = s->line;
  bool doubled = false;
  for (;;) { /* bounded: p moves forward on every pass */
    while (p < end && !STOP_QUOTED[(uint8_t)*p]) p++;
    if (p == end) {
      if (!s->r->complete) return CSV_NEED_MORE;
      csv_problem(s, "E1019", s->line,
                  "close it: a quoted value may span lines, so the rest of the file was read "
                  "as this value",
                  "a quote that is never closed");
      set_text(out, start, end);
      s->p = end;
      s->line = line;
      return CSV_END_RECORD;
    }
    if (*p == '\n') {
      line++;
      p++;
      s->spans_lines = true;
    } else if (*p == '"') {
      if (p + 1 < end && p[1] == '"') {
        doubled = true;
        p += 2;
        continue;
      }
      if (p + 1 == end && !s->r->complete) return CSV_NEED_MORE;
      break;
    } else {
      uint32_t n = csv_utf8(s, p, line);
      if (n == 0) return CSV_NEED_MORE;
      p += n;
    }
  }
  if (!csv_unquote(s, out, start, p, doubled)) return CSV_END_RECORD; /* the reader stopped */
  s->p = p + 1;
  s->line = line;
  return csv_after_quote(s);
}

/* record -> field { ',' field } ( CRLF | LF | end ) */
static CsvEnd csv_record(CsvSplit *s) {
  s->present = 0;
  for (s->fields = 0;; s->fields++) { /* bounded: a field consumes input or ends the record */
    uint32_t slot = slot_of(s);
    s->lines[slot] = s->line;
    CsvEnd how = s->p < s->end && *s->p == '"' ? csv_quoted(s, &s->cells[slot])
                                               : csv_plain(s, s->p, &s->cells[slot]);
    if (how != CSV_NEED_MORE) s->present |= (uint64_t)(s->cells[slot].len > 0) << slot;
    if (how == CSV_END_RECORD) s->fields++;
    if (how != CSV_NEXT_FIELD) return how;
  }
}

/* Skips empty lines before a record; false when the window ends in one (a CR, then more). */
static bool skip_blank_lines(EventReader *r) {
  for (;;) { /* bounded: each pass consumes a line end */
    const char *p = r->data + r->pos, *end = r->data + r->len;
    size_t n = p < end && *p == '\n' ? 1 : p + 1 < end && p[0] == '\r' && p[1] == '\n' ? 2 : 0;
    if (n == 0) return !(p + 1 == end && *p == '\r' && !r->complete);
    r->pos += n;
    r->line++;
  }
}

/* The record's end is known: checks the limits and reports a kept problem. */
static EventStep csv_finish(EventReader *r, CsvSplit *s) {
  size_t record_bytes = (size_t)(s->p - (r->data + r->pos));
  r->pos += record_bytes;
  r->line = s->line;
  if (r->done) return EVENT_STEP_END;
  if (record_bytes > PACT_EVENT_RECORD_BYTES_MAX) {
    events_report(r, s->record_line, "E1022",
                  "an unclosed quote swallows the rest of a file; check the quotes",
                  "a record longer than %u bytes", PACT_EVENT_RECORD_BYTES_MAX);
    r->done = true;
  } else if (r->line > PACT_EVENT_LINES_MAX) {
    events_report(r, s->record_line, "E1022", "split the file", "more than %u lines",
                  PACT_EVENT_LINES_MAX);
    r->done = true;
  }
  if (r->done) return EVENT_STEP_END;
  if (!s->code) return EVENT_STEP_ROW;
  events_report(r, s->problem_line, s->code, s->help, "%s", s->problem);
  return EVENT_STEP_SKIP;
}

/* Splits the next record into s's cells, reading more of a stream as it needs. */
static EventStep csv_split(EventReader *r, CsvSplit *s) {
  for (;;) { /* bounded: each pass reads more of the input, which is bounded */
    if (r->done) return EVENT_STEP_END;
    if (!skip_blank_lines(r)) {
      if (!events_fill(r)) return EVENT_STEP_END;
      continue;
    }
    if (r->pos == r->len && r->complete) return EVENT_STEP_END;
    s->r = r;
    s->p = r->data + r->pos;
    s->end = r->data + r->len;
    s->line = s->record_line = r->line;
    s->code = NULL;
    s->spans_lines = false;
    r->scratch_len = 0;
    if (csv_record(s) != CSV_NEED_MORE) return csv_finish(r, s);
    if (!events_fill(r)) return EVENT_STEP_END;
  }
}

static void report_unknown_column(EventReader *r, EventText name, uint32_t line) {
  char shown[EVENT_SHOWN_BYTES], help[160];
  events_show(shown, name.ptr, name.len);
  const char *guess = events_field_suggest(name.ptr, name.len);
  if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
  else
    snprintf(help, sizeof help,
             "the columns are id, kind, date, end, party, counterparty, "
             "stream, subject, amount, currency, ref and note");
  events_report(r, line, "E1016", help, "unknown column '%s'", shown);
}

/* Which field each column holds; unknown and repeated columns are reported and ignored. */
static void csv_map_columns(EventReader *r, const EventText *names, uint32_t line) {
  uint32_t seen = 0;
  for (uint32_t i = 0; i < r->column_count; i++) {
    EventField f = event_field_find(names[i].ptr, names[i].len);
    r->slot_of_column[i] = EVENT_FIELD_COUNT;
    if (f == EVENT_FIELD_COUNT) {
      report_unknown_column(r, names[i], line);
    } else if (seen & (1u << f)) {
      events_report(r, line, "E1017", "each column appears once", "column '%s' appears twice",
                    event_field_name(f));
    } else {
      r->slot_of_column[i] = (uint8_t)f;
      seen |= 1u << f;
    }
  }
  for (int f = 0; f < EVENT_FIELD_COUNT; f++) r->field_cells[f] = &r->no_value;
  for (uint32_t i = 0; i < r->column_count; i++) {
    uint32_t slot = r->slot_of_column[i];
    r->column_bits[i] = slot < EVENT_FIELD_COUNT ? 1u << slot : 0;
    if (slot < EVENT_FIELD_COUNT) r->field_cells[slot] = &r->cells[i];
  }
  for (EventField f = EVENT_FIELD_ID; f <= EVENT_FIELD_DATE; f++) {
    if (seen & (1u << f)) continue;
    events_report(r, line, "E1018", "every event has an id, a kind and a date",
                  "the header has no '%s' column", event_field_name(f));
    r->done = true;
  }
}

/* header -> record naming the columns. False when no rows can be read. */
static bool csv_read_header(EventReader *r) {
  EventText names[PACT_EVENT_COLUMNS_MAX + 1] = {{0}};
  uint32_t lines[PACT_EVENT_COLUMNS_MAX + 1];
  CsvSplit s;
  csv_split_init(&s, names, lines, HEADER_SLOTS, PACT_EVENT_COLUMNS_MAX, PACT_EVENT_COLUMNS_MAX,
                 true);
  r->header_read = true;
  EventStep step = csv_split(r, &s);
  if (step == EVENT_STEP_END && !r->done)
    events_report(r, r->line, "E1018", "the first line names the columns: id,kind,date,...",
                  "no header line: the file is empty");
  if (step != EVENT_STEP_ROW) {
    r->done = true;
    return false;
  }
  if (s.fields > PACT_EVENT_COLUMNS_MAX) {
    events_report(r, s.record_line, "E1022", "the columns are the twelve event fields",
                  "the header has %u columns; at most %d are read", s.fields,
                  PACT_EVENT_COLUMNS_MAX);
    r->done = true;
    return false;
  }
  r->column_count = s.fields;
  csv_map_columns(r, names, s.record_line);
  return !r->done;
}

/*
** The usual record, split from the list of stops: plain values, a comma after each but the
** last, LF or CRLF after that, the whole inside the window and within the limits. This is what
** csv_split and csv_finish make of such a record, and all they would do. Its values go to
** r->cells by column; when events_validate_fast takes them, *step is EVENT_STEP_EVENT with out
** set, else they are laid out in the row as the general path lays them out and *step is
** EVENT_STEP_ROW. False for anything else -- a quote, a lone CR, a control byte, a byte >=
** 0x80, a wrong count, the end of the window, a limit -- and nothing is consumed: the general
** path reads the record from its start and reports what it must.
*/
bool events_csv_fast(EventReader *r, EventRow *row, Event *out, EventStep *step) {
  if (r->done) return false;
  size_t pos = r->pos, len = r->len;
  const char *data = r->data;
  if (pos < len && (data[pos] == '\n' || data[pos] == '\r')) { /* rare: one call per line */
    if (!skip_blank_lines(r)) return false;
    pos = r->pos;
  }
  if (pos >= len) return false;
  if (!r->scan_valid || pos < r->scan_from || pos > r->scan_to) {
    r->scan_valid = true;
    r->scan_ended = false;
    r->scan_from = r->scan_to = pos;
    r->stop_next = r->stop_count = 0;
  }
  uint32_t next = r->stop_next, count = r->column_count;
  while (next < r->stop_count && r->stops[next] < pos) next++; /* a record read the other way */
  r->stop_next = next;
  /* count stops end the record, one more for the LF of a CRLF. */
  while (r->stop_count - r->stop_next <= count && !r->scan_ended) csv_scan(r);
  uint32_t have = r->stop_count - r->stop_next;
  if (have < count) return false;
  const size_t *stop = r->stops + r->stop_next;
  const uint32_t *bits = r->column_bits;
  EventText *cells = r->cells;
  uint32_t fields = 0; /* the fields given a value that is not empty */
  size_t at = pos;
  uint32_t column = 0;
  for (; column + 1 < count; column++) {
    size_t end = stop[column];
    cells[column].ptr = data + at;
    cells[column].len = (uint32_t)(end - at);
    fields |= end != at ? bits[column] : 0;
    at = end + 1;
    if (data[end] != ',') return false;
  }
  size_t last = stop[column];
  cells[column].ptr = data + at;
  cells[column].len = (uint32_t)(last - at);
  fields |= last != at ? bits[column] : 0;
  at = last + 1;
  uint32_t used = count;
  if (data[last] == '\r' && have > count && stop[count] == last + 1 && data[last + 1] == '\n') {
    used++, at++; /* CRLF */
  } else if (data[last] != '\n') {
    return false;
  }
  if (at - pos > PACT_EVENT_RECORD_BYTES_MAX || r->line >= PACT_EVENT_LINES_MAX) return false;
  r->stop_next += used;
  r->pos = at;
  r->scratch_len = 0;
  uint32_t line = r->line++;
  if (events_validate_fast(r, r->field_cells, fields, false, line, out)) {
    *step = EVENT_STEP_EVENT;
    return true;
  }
  for (column = 0; column < count; column++) row->values[r->slot_of_column[column]] = cells[column];
  row->line = line;
  row->spans_lines = false;
  row->present = fields;
  row->seen = row->spoiled = 0;
  row->amount_is_number = row->bad = false;
  *step = EVENT_STEP_ROW;
  return true;
}

bool events_csv_header(EventReader *r) {
  if (!r->header_read) return csv_read_header(r);
  return !r->done;
}

EventStep events_csv_read(EventReader *r, EventRow *row, Event *out) {
  if (!r->header_read) { /* (after it, event_reader_next tries events_csv_fast first) */
    EventStep fast;
    if (!csv_read_header(r)) return EVENT_STEP_END;
    if (events_csv_fast(r, row, out, &fast)) return fast;
  }
  /* Columns the header lacks were never written: their values are still empty. */
  row->seen = row->spoiled = 0;
  row->amount_is_number = row->bad = false;
  CsvSplit s;
  csv_split_init(&s, row->values, row->lines, r->slot_of_column, r->column_count, EVENT_FIELD_COUNT,
                 false);
  EventStep step = csv_split(r, &s);
  if (step != EVENT_STEP_ROW) return step;
  row->line = s.record_line;
  row->spans_lines = s.spans_lines;
  row->present = (uint32_t)s.present & ((1u << EVENT_FIELD_COUNT) - 1); /* not the sink */
  if (s.fields == r->column_count) return EVENT_STEP_ROW;
  events_report(r, s.record_line, "E1015", "quote a value that holds a comma: \"1,000\"",
                "a row of %u field%s; the header has %u", s.fields, s.fields == 1 ? "" : "s",
                r->column_count);
  return EVENT_STEP_SKIP;
}
