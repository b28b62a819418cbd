/*
** reader_int.h -- inside the event reader: what reader.c (opening, input, splitting), validate.c
** (the checks of every row) and the two formats, events_csv.c and events_jsonl.c, share. Nothing
** outside these files includes it: other layers see events.h only.
*/
#ifndef PACT_READER_INT_H
#define PACT_READER_INT_H

#include "events/events.h"

typedef enum EventFormat { EVENT_FORMAT_CSV, EVENT_FORMAT_JSONL } EventFormat;

/* A record split into its fields, before validation. */
typedef struct EventRow {
  EventText values[EVENT_FIELD_COUNT + 1]; /* the last slot swallows columns that are no field */
  uint32_t lines[EVENT_FIELD_COUNT + 1];   /* where each value starts, when spans_lines */
  uint32_t line;                           /* where the record starts */
  bool spans_lines;      /* a CSV record with a quoted line break (else lines is not kept) */
  uint32_t seen;         /* fields given (JSON null included): a second one is a duplicate */
  uint32_t spoiled;      /* fields whose value was already reported: not checked again */
  uint32_t present;      /* fields with a value (len > 0), as the format's reader found them */
  uint32_t given;        /* present or spoiled: set by events_validate */
  bool amount_is_number; /* a JSON number: its grammar, with an exponent */
  bool bad;              /* something was reported: validate the rest, but never deliver it */
} EventRow;

enum { EVENT_MONTHS_CACHED = 256 }; /* a power of two: 21 years of months */
/* Stops a CSV scan holds at most: those left of a record (at most one per column) and eight
** blocks of 64 bytes, each written out twelve at a time (see csv_scan). */
enum { EVENT_STOPS_MAX = PACT_EVENT_COLUMNS_MAX + 8 * 64 + 32 };
enum { EVENT_KEYS_CACHED = 16, EVENT_KEY_CACHED_BYTES = 16 };
typedef struct EventKey {
  uint8_t len, field; /* len 0: none yet (an empty key names no field) */
  char text[EVENT_KEY_CACHED_BYTES];
} EventKey;
typedef struct EventMonth {
  uint64_t key; /* the bytes "YYYY-MM-" of a date (0: none, as no text holds a NUL) */
  PactDate first;
  int32_t days;
} EventMonth;

typedef enum EventStep {
  EVENT_STEP_ROW,   /* a record to validate */
  EVENT_STEP_EVENT, /* a record already validated into the event: it is good */
  EVENT_STEP_SKIP,  /* a record that was reported and skipped */
  EVENT_STEP_END    /* the end of the input, or a problem that ends the reading */
} EventStep;

struct EventReader {
  char *path; /* names the file in diagnostics */
  DiagList *diags;
  EventFormat format;
  const char *field_word; /* "column" (CSV) or "field" (JSON Lines), for messages */
  PactStatus status;
  bool done; /* nothing more to read: the end, a problem that stops it, a failure */
  uint32_t error_count;

  /* The input: data[pos, len) is not read yet; line is the line of data[pos]. complete means
  ** data holds everything up to the end (mapped, in memory, or a stream at its end). */
  const char *data;
  size_t len, pos;
  uint32_t line;
  bool complete;
  void *map;
  size_t map_len;
  bool map_borrowed; /* the second part of a split file: another reader unmaps it */
  bool split;        /* the first part of a split file: it ends at len, on split_line */
  uint32_t split_line;
  size_t map_released; /* the mapped bytes before this were handed back (reader.c) */
  int fd;              /* the stream read in pieces, or -1 */
  bool owns_fd;
  char *buffer; /* a stream's pieces */
  size_t buffer_cap;

  /* CSV: which field each column holds (EVENT_FIELD_COUNT: none). */
  bool header_read;
  uint32_t column_count;
  uint8_t slot_of_column[PACT_EVENT_COLUMNS_MAX];

  /* Values decoded from escapes ("" in CSV, \n or \u00e9 in JSON) for the current record.
  ** Sized once to the longest record, so it never moves while a record points into it. */
  char *scratch;
  size_t scratch_len;

  /* The last currency found: event files rarely change currency from row to row. */
  PactCurrency currency_cache;
  /* Months dates fell in, with their first day and length, by their year and month. */
  EventMonth months[EVENT_MONTHS_CACHED];

  /* CSV: where the bytes that stop an unquoted value are (a comma, CR, LF, a quote, a byte
  ** >= 0x80), found ahead of the reading 64 bytes at a time (events_csv.c, csv_scan): stops[
  ** stop_next, stop_count) are the offsets in data of every one in [scan_from, scan_to), in
  ** order; scan_ended when scan_to is the window's end. Valid only while scan_valid: a stream's
  ** new piece moves the window and clears it. */
  bool scan_valid, scan_ended;
  size_t scan_from, scan_to;
  uint32_t stop_next, stop_count;
  size_t stops[EVENT_STOPS_MAX];
  /* CSV: a usual record's values by column (see events_csv_fast), and where each field's
  ** value is among them; a field the header lacks (or names only twice) has no_value, which
  ** stays empty. Set with the header. */
  EventText cells[PACT_EVENT_COLUMNS_MAX];
  uint32_t column_bits[PACT_EVENT_COLUMNS_MAX]; /* the field bit of each column's, or 0 */
  const EventText *field_cells[EVENT_FIELD_COUNT];
  EventText no_value;
  /* JSON Lines: the keys met at each position of a line, and the field each names; the
  ** row's values that may not be empty (bit f: values[f]), for the next line to clear. */
  EventKey keys[EVENT_KEYS_CACHED];
  uint32_t json_stale;
  /* The row's own values, by field (&row.values[f]): what events_validate_fast reads for a
  ** row. Set when the reader is made. */
  const EventText *row_values[EVENT_FIELD_COUNT];

  /* The record being read. Kept here so that a CSV column absent from the header stays empty
  ** without clearing the row for every record. */
  EventRow row;
};

/* Reports an error at a line of the file (0: the file as a whole), rendered
** "file:line: error[CODE]: message"; stops the reader after PACT_EVENT_ERRORS_MAX errors. */
void events_report(EventReader *r, uint32_t line, const char *code, const char *help,
                   const char *format, ...) __attribute__((format(printf, 5, 6)));
/* Stops the reader because of a failure (PACT_ERR_NOMEM, PACT_ERR_IO). */
void events_fail(EventReader *r, PactStatus status);
/* Writes text as a diagnostic quotes it (text_show_char, diag.h: control characters and bytes
** that are not UTF-8 escaped),
** at most PACT_EVENT_VALUE_SHOWN_MAX characters. buf holds EVENT_SHOWN_BYTES. */
enum { EVENT_SHOWN_BYTES = PACT_EVENT_VALUE_SHOWN_MAX * TEXT_SHOWN_CHAR_MAX + 8 };
void events_show(char *buf, const char *text, size_t len);
/* The closest field name, for "did you mean"; NULL when none is close. */
const char *events_field_suggest(const char *name, size_t len);

/* For a stream whose window ends inside the record at data[pos]: reads more of it, or learns
** that the input ends there (r->complete). False when the reader stopped instead: the record is
** longer than PACT_EVENT_RECORD_BYTES_MAX, a read failed, or the new bytes hold a NUL. */
bool events_fill(EventReader *r);
/* Room for n more decoded bytes in the scratch buffer; false when the reader stopped. */
bool events_scratch_reserve(EventReader *r, size_t n);

/* Validates a split record and fills out; false (after reporting) when it is not an event. */
bool events_validate(EventReader *r, EventRow *row, Event *out);
/* The usual good record, validated at once from its values (values[f] points to field f's)
** and the fields present (a value not empty), nothing reported or spoiled: true with out set
** exactly as events_validate sets it. False (nothing reported, nothing changed but caches)
** when the record may be anything else: events_validate then reads it in full. */
bool events_validate_fast(EventReader *r, const EventText *const *values, uint32_t present,
                          bool amount_is_number, uint32_t line, Event *out);

/* The next record: a row to validate, or (CSV) an event already validated into out. */
EventStep events_csv_read(EventReader *r, EventRow *row, Event *out);
/* The usual CSV record (after the header), when the next one is: true with *step
** EVENT_STEP_EVENT (out is the event) or EVENT_STEP_ROW (row is to validate). False, having
** read nothing, when events_csv_read must read the next record. */
bool events_csv_fast(EventReader *r, EventRow *row, Event *out, EventStep *step);
/* Reads the header, if not yet read; false when no rows can be read. */
bool events_csv_header(EventReader *r);
EventStep events_jsonl_read(EventReader *r, EventRow *row, Event *out);

#endif
