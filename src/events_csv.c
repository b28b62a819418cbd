/*
** events_csv.c -- the CSV event format: a header line naming the columns, then one event per
** record, split as RFC 4180 says (quoted values, "" for a quote, commas and newlines in quotes).
*/
#include <string.h>

#include "events.h"

/* Bytes 0x80..0xFF: the start, or a stray part, of a multi-byte character, checked as UTF-8. */
#define HIGH8 1, 1, 1, 1, 1, 1, 1, 1
#define HIGH64 HIGH8, HIGH8, HIGH8, HIGH8, HIGH8, HIGH8, HIGH8, HIGH8
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
** found without a branch per byte. A branch per byte mispredicts at the end of every value, and
** event values are short; with the mask, the next stop is one count of trailing zeros.
*/
#if defined(__SSE2__)
#include <emmintrin.h>

static uint64_t stop_mask(const char *p) {
  uint64_t mask = 0;
  for (int i = 0; i < 4; i++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
    __m128i comma = _mm_cmpeq_epi8(v, _mm_set1_epi8(','));
    __m128i lf = _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'));
    __m128i cr = _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'));
    __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    __m128i hit = _mm_or_si128(_mm_or_si128(comma, lf), _mm_or_si128(cr, quote));
    /* movemask takes each byte's high bit: a match, or a byte >= 0x80 of v itself. */
    mask |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(hit, v)) << (16 * i);
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

/* Classifies the 64 bytes from p, or what is left before end with a bit at end marking it. */
static uint64_t stop_block(const char *p, const char *end) {
  if (end - p >= 64) return stop_mask(p);
  uint64_t mask = (uint64_t)1 << (end - p);
  for (int i = 0; i < end - p; i++) mask |= (uint64_t)STOP_PLAIN[(uint8_t)p[i]] << i;
  return mask;
}

/* The next stop byte after those consumed (a stop at end marks the end of the window). The
** mask holds the stops not yet consumed of the 64 bytes from *base. */
static const char *next_stop(const char **base, uint64_t *mask, const char *end) {
  while (*mask == 0) { /* bounded: each pass moves 64 bytes on, and the end is a stop */
    *base += 64;
    *mask = stop_block(*base, end);
  }
  const char *stop = *base + __builtin_ctzll(*mask);
  *mask &= *mask - 1;
  return stop;
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
  uint32_t line;             /* the line at p */
  uint32_t record_line;
  EventText *cells;
  uint32_t *lines;
  const uint8_t *slots;
  uint32_t slot_count, sink;
  uint32_t fields;           /* the field being read (0-based), then how many the record has */
  uint64_t present;          /* slots given a value that is not empty */
  bool spans_lines;          /* a quoted value holds a line break */
  bool header;
  const char *code;          /* the record's first problem */
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
  if (s->header)
    snprintf(s->problem, sizeof s->problem, "%s in the header", what);
  else if (slot < EVENT_FIELD_COUNT)
    snprintf(s->problem, sizeof s->problem, "%s in column '%s'", what,
             event_field_name((EventField)slot));
  else
    snprintf(s->problem, sizeof s->problem, "%s in column %u", what, s->fields + 1);
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

/*
** The usual record, plain values and a line end after the last, split in one pass from a mask
** of its stop bytes, each stop one field's end. False for anything else (a quote, a lone CR, a
** byte >= 0x80, a wrong count, the end of the window): the general path below then reads the
** record from its start. The mask's unconsumed stops carry over to the next record.
*/
static bool csv_record_plain(CsvSplit *s) {
  EventReader *r = s->r;
  const char *p = s->p, *end = s->end, *base = r->scan_base;
  uint64_t mask = r->scan_mask;
  if (r->scan_at != p || !base) {
    base = p;
    mask = stop_block(p, end);
  }
  r->scan_at = NULL;
  EventText *cells = s->cells;
  const uint8_t *slots = s->slots;
  uint32_t count = s->slot_count;
  uint64_t present = 0;
  for (uint32_t column = 0; column < count; column++) {
    const char *stop = next_stop(&base, &mask, end);
    if (stop == end) return false;
    uint32_t slot = slots[column];
    cells[slot].ptr = p;
    cells[slot].len = (uint32_t)(stop - p);
    present |= (uint64_t)(stop != p) << slot;
    p = stop + 1;
    if (column + 1 < count) {
      if (*stop != ',') return false;
    } else if (*stop == '\r' && p < end && *p == '\n') {
      if (next_stop(&base, &mask, end) != p++) return false; /* the LF of a CRLF */
    } else if (*stop != '\n') {
      return false;
    }
  }
  r->scan_base = base;
  r->scan_mask = mask;
  r->scan_at = p;
  s->p = p;
  s->line++;
  s->fields = count;
  s->present = present;
  return true;
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
    if (csv_record_plain(s) || csv_record(s) != CSV_NEED_MORE) return csv_finish(r, s);
    if (!events_fill(r)) return EVENT_STEP_END;
  }
}

static void report_unknown_column(EventReader *r, EventText name, uint32_t line) {
  char shown[EVENT_SHOWN_BYTES], help[160];
  events_show(shown, name.ptr, name.len);
  const char *guess = events_field_suggest(name.ptr, name.len);
  if (guess) snprintf(help, sizeof help, "did you mean '%s'?", guess);
  else snprintf(help, sizeof help, "the columns are id, kind, date, end, party, counterparty, "
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

EventStep events_csv_read(EventReader *r, EventRow *row) {
  if (!r->header_read && !csv_read_header(r)) return EVENT_STEP_END;
  /* Columns the header lacks were never written: their values are still empty. */
  row->seen = row->spoiled = 0;
  row->amount_is_number = row->bad = false;
  CsvSplit s;
  csv_split_init(&s, row->values, row->lines, r->slot_of_column, r->column_count,
                 EVENT_FIELD_COUNT, false);
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
