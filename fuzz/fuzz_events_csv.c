/*
** fuzz_events_csv.c -- libFuzzer target for the CSV event reader (fuzz_events_jsonl.c includes
** this file to fuzz the JSON Lines reader the same way, with the formats swapped).
**
** The input is one event file, read with event_reader_open_text("fuzz.csv", ...) to its end.
** Every diagnostic is rendered (plain and coloured) to /dev/null. Besides the sanitizers, the
** target traps when the reader breaks a promise of src/events/events.h or docs/events.md:
**   - opening fails for anything but running out of memory, or the reading ends in a failure;
**   - an event breaks the model: no id, an unknown kind, a date outside 0001..9999, an end
**     before its date, an amount without a known currency, a kind without the fields it needs
**     (DESIGN.md's rules, written out again here), a response that answers anything but
**     accept, unable or unwilling, a text that holds a NUL or is not UTF-8;
**   - lines go backwards, or past the input's last line;
**   - the diagnostics are not exactly the reader's error count, are not E10xx errors located in
**     the file, or pass PACT_EVENT_ERRORS_MAX without ending in E1023;
**   - the events written out in the other format (JSON Lines here, with escapes chosen by a hash
**     of the input) do not read back as exactly the same events, with no diagnostic at all;
**   - the input read again with one allocation failing (src/base/mem.h; which one is chosen from a
**     hash of the input) does not give PACT_ERR_NOMEM or exactly the first reading.
**
** Build: clang -fsanitize=fuzzer,address,undefined -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L
**        -Iinclude -Isrc fuzz/fuzz_events_csv.c src/[a-z]*.c -o fuzz_events_csv
** Seeds: fuzz/corpus-events/ (both formats; each target reads every seed as its own format).
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "events/events.h"
#include "fuzz.h"

#ifndef FUZZ_EVENTS_NAME
#define FUZZ_EVENTS_NAME         "fuzz.csv"   /* the format under test, by its extension */
#define FUZZ_EVENTS_OTHER        "fuzz.jsonl" /* the format its events are written out in */
#define FUZZ_EVENTS_OTHER_IS_CSV 0
#endif

/* Inputs above this are skipped: the bugs live in small texts (the record limit, 1 MiB, has
** its own unit test). */
#define FUZZ_INPUT_MAX (256u * 1024u)

static void require(bool condition) {
  if (!condition) __builtin_trap();
}

/* ------------------------------------------------------------ the model's rules */

static bool utf8_text(EventText t) {
  for (uint32_t i = 0; i < t.len;) {
    uint32_t n = utf8_char_length(t.ptr + i, t.len - i > 4 ? 4 : t.len - i);
    if (n == 0 || t.ptr[i] == '\0') return false;
    i += n;
  }
  return true;
}

static bool is(EventText t, const char *word) {
  return t.len == strlen(word) && memcmp(t.ptr, word, t.len) == 0;
}

/* DESIGN.md, "Event fields", and the rules for each kind. */
static bool has_what_its_kind_needs(const Event *e) {
  bool money = e->party.len && e->has_amount;
  switch (e->kind) {
    case EVENT_REVENUE:
    case EVENT_PROFIT:
    case EVENT_PAYMENT:
    case EVENT_PURCHASE: return money;
    case EVENT_OFFER:
    case EVENT_LAUNCH: return e->party.len && e->counterparty.len && e->stream.len;
    case EVENT_RESPONSE:
      return e->ref.len &&
             (is(e->subject, "accept") || is(e->subject, "unable") || is(e->subject, "unwilling"));
    case EVENT_USE: return e->party.len && e->subject.len;
    case EVENT_GRANT: return e->party.len && e->counterparty.len && e->subject.len;
    case EVENT_MILESTONE: return e->subject.len > 0;
    case EVENT_CORRECTION: return e->ref.len > 0;
    case EVENT_KIND_COUNT: break;
  }
  return false;
}

static void check_event(const Event *e, uint32_t previous_line, uint32_t last_line) {
  PactDate first, last;
  require(pact_date_from_ymd(PACT_YEAR_MIN, 1, 1, &first) == PACT_OK);
  require(pact_date_from_ymd(PACT_YEAR_MAX, 12, 31, &last) == PACT_OK);
  require(e->id.len > 0 && (unsigned)e->kind < EVENT_KIND_COUNT);
  require(e->date >= first && e->date <= last);
  require(!e->has_end || (e->end >= e->date && e->end <= last));
  require(!e->has_amount || pact_currency_find(e->currency.code, strlen(e->currency.code), NULL));
  require(has_what_its_kind_needs(e));
  const EventText texts[] = {e->id,      e->party, e->counterparty, e->stream,
                             e->subject, e->ref,   e->note};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) require(utf8_text(texts[i]));
  require(e->line > previous_line && e->line <= last_line);
}

/* ------------------------------------------------------------ writing events out */

/* Length-prefixed, so that two dumps are equal only when the events are. */
static void dump_text(FILE *out, EventText t) {
  fprintf(out, "%u:", t.len);
  fwrite(t.ptr, 1, t.len, out);
}

static void dump_event(FILE *out, const Event *e) {
  fprintf(out, "%d %d %d %d %d %lld %s|", (int)e->kind, (int)e->date, (int)e->has_end,
          e->has_end ? (int)e->end : 0, (int)e->has_amount,
          e->has_amount ? (long long)e->amount_minor : 0LL, e->has_amount ? e->currency.code : "");
  const EventText texts[] = {e->id,      e->party, e->counterparty, e->stream,
                             e->subject, e->ref,   e->note};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) dump_text(out, texts[i]);
  fputc('\n', out);
}

static const char *const FIELDS[] = {"id",      "party", "counterparty", "stream",
                                     "subject", "ref",   "note"};

static void event_texts(const Event *e, EventText out[7]) {
  out[0] = e->id, out[1] = e->party, out[2] = e->counterparty, out[3] = e->stream;
  out[4] = e->subject, out[5] = e->ref, out[6] = e->note;
}


#if !FUZZ_EVENTS_OTHER_IS_CSV
/* A JSON string; with every_escape each character is written \uXXXX (pairs above U+FFFF). */
static void json_string(FILE *out, EventText t, bool every_escape) {
  fputc('"', out);
  for (uint32_t i = 0; i < t.len;) {
    unsigned char c = (unsigned char)t.ptr[i];
    uint32_t n = utf8_char_length(t.ptr + i, t.len - i > 4 ? 4 : t.len - i);
    if (n == 0) n = 1; /* not reached: texts are UTF-8 */
    if (every_escape) {
      uint32_t code = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
      for (uint32_t k = 1; k < n; k++) code = code << 6 | ((unsigned char)t.ptr[i + k] & 0x3Fu);
      if (code >= 0x10000)
        fprintf(out, "\\u%04x\\u%04X", 0xD800 + ((code - 0x10000) >> 10),
                0xDC00 + ((code - 0x10000) & 0x3FF));
      else fprintf(out, "\\u%04x", code);
    } else if (c == '"' || c == '\\') {
      fprintf(out, "\\%c", c);
    } else if (c < 0x20) {
      fprintf(out, "\\u%04x", c);
    } else {
      fwrite(t.ptr + i, 1, n, out);
    }
    i += n;
  }
  fputc('"', out);
}

static void write_jsonl(FILE *out, const Event *e, uint64_t hash) {
  char date[11], amount[48];
  EventText texts[7];
  event_texts(e, texts);
  pact_date_format(e->date, date);
  fprintf(out, "{\"kind\": \"%s\", \"date\": \"%s\"", event_kind_name(e->kind), date);
  if (e->has_end) {
    pact_date_format(e->end, date);
    fprintf(out, ", \"end\": \"%s\"", date);
  }
  if (e->has_amount) {
    pact_money_format(e->amount_minor, e->currency.minor_digits, amount, sizeof amount);
    if (hash & 2) fprintf(out, ", \"amount\": %s, \"currency\": \"%s\"", amount, e->currency.code);
    else fprintf(out, ", \"currency\": \"%s\", \"amount\": \"%s\"", e->currency.code, amount);
  }
  for (int i = 0; i < 7; i++) {
    if (texts[i].len == 0) {
      if (hash & 4) fprintf(out, ", \"%s\": null", FIELDS[i]);
      continue;
    }
    fprintf(out, ", \"%s\": ", FIELDS[i]);
    json_string(out, texts[i], (hash >> i) & 8);
  }
  fputs(hash & 1 ? "}\r\n" : "}\n", out);
}
#endif

#if FUZZ_EVENTS_OTHER_IS_CSV
static void csv_value(FILE *out, EventText t) {
  bool quote = t.len == 0 ? false
                          : memchr(t.ptr, ',', t.len) || memchr(t.ptr, '"', t.len) ||
                                memchr(t.ptr, '\n', t.len) || memchr(t.ptr, '\r', t.len);
  if (!quote) {
    fwrite(t.ptr, 1, t.len, out);
    return;
  }
  fputc('"', out);
  for (uint32_t i = 0; i < t.len; i++) {
    if (t.ptr[i] == '"') fputc('"', out);
    fputc(t.ptr[i], out);
  }
  fputc('"', out);
}

static void write_csv(FILE *out, const Event *e, uint64_t hash) {
  char date[11], amount[48] = "";
  EventText texts[7];
  event_texts(e, texts);
  pact_date_format(e->date, date);
  fprintf(out, "%s,%s,", event_kind_name(e->kind), date);
  if (e->has_end) {
    pact_date_format(e->end, date);
    fputs(date, out);
  }
  if (e->has_amount)
    pact_money_format(e->amount_minor, e->currency.minor_digits, amount, sizeof amount);
  fprintf(out, ",%s,%s", amount, e->has_amount ? e->currency.code : "");
  for (int i = 0; i < 7; i++) {
    fputc(',', out);
    csv_value(out, texts[i]);
  }
  fputs(hash & 1 ? "\r\n" : "\n", out);
}
#endif

/* ------------------------------------------------------------ one reading */

#if FUZZ_EVENTS_OTHER_IS_CSV
#define OTHER_HEADER "kind,date,end,amount,currency,id,party,counterparty,stream,subject,ref,note\n"
#define write_other  write_csv
#else
#define OTHER_HEADER ""
#define write_other  write_jsonl
#endif

typedef struct Reading {
  PactStatus status; /* of the open, or of the reading */
  size_t events, errors;
  char *dump; /* the events, without their lines */
  size_t dump_len;
  char *rendered; /* the diagnostics */
  size_t rendered_len;
  char *written; /* the events in the other format */
  size_t written_len;
} Reading;

static uint32_t lines_of(const char *text, size_t len) {
  uint32_t n = 1;
  for (size_t i = 0; i < len; i++) n += text[i] == '\n';
  return n;
}

static void check_diagnostics(const DiagList *diags, size_t errors, uint32_t last_line) {
  require(diags->count == errors && diags->errors == errors && diags->dropped == 0);
  require(errors <= PACT_EVENT_ERRORS_MAX + 1);
  for (size_t i = 0; i < diags->count; i++) {
    const Diag *d = &diags->items[i];
    require(d->severity == DIAG_ERROR && strncmp(d->code, "E10", 3) == 0 && d->message);
    require(d->line <= last_line && d->path && !d->source);
    require(strcmp(d->code, "E1023") != 0 || i + 1 == diags->count);
  }
  if (errors == PACT_EVENT_ERRORS_MAX + 1)
    require(strcmp(diags->items[errors - 1].code, "E1023") == 0);
}

static FILE *memory(char **buf, size_t *len) {
  FILE *f = open_memstream(buf, len);
  if (!f) abort();
  return f;
}

static Reading read_text(const char *name, const char *text, size_t len, uint64_t hash,
                         bool check) {
  Reading got;
  memset(&got, 0, sizeof got);
  DiagList diags;
  diag_list_init(&diags);
  FILE *dump = memory(&got.dump, &got.dump_len), *written = memory(&got.written, &got.written_len);
  fputs(OTHER_HEADER, written);
  EventReader *r = NULL;
  got.status = event_reader_open_text(name, text, len, &diags, &r);
  uint32_t last_line = lines_of(text, len), line = 0;
  if (got.status == PACT_OK) {
    Event e;
    while (event_reader_next(r, &e)) {
      if (check) check_event(&e, line, last_line);
      line = e.line;
      dump_event(dump, &e);
      write_other(written, &e, hash);
      got.events++;
    }
    require(!event_reader_next(r, &e));
    got.status = event_reader_status(r);
    got.errors = event_reader_error_count(r);
    event_reader_close(r);
  } else {
    require(r == NULL);
  }
  if (check) check_diagnostics(&diags, got.errors, last_line);
  FILE *rendered = memory(&got.rendered, &got.rendered_len);
  diag_render_all(rendered, &diags, false);
  if (check) diag_render_all(sink(), &diags, true);
  diag_list_free(&diags);
  fclose(dump);
  fclose(written);
  fclose(rendered);
  return got;
}

static bool same_reading(const Reading *a, const Reading *b) {
  return a->status == b->status && a->events == b->events && a->errors == b->errors &&
         a->dump_len == b->dump_len && memcmp(a->dump, b->dump, a->dump_len) == 0 &&
         a->rendered_len == b->rendered_len &&
         memcmp(a->rendered, b->rendered, a->rendered_len) == 0;
}

static void reading_free(Reading *reading) {
  free(reading->dump);
  free(reading->rendered);
  free(reading->written);
}

/* Deterministic per input, so that a reproducer replays the same choices. */
static uint64_t hash_bytes(const uint8_t *data, size_t size) {
  uint64_t h = 14695981039346656037u; /* FNV-1a */
  for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 1099511628211u;
  return h;
}

/* The valid events, written in the other format, read back: the same events, no problems. */
static void check_round_trip(const Reading *first, uint64_t hash) {
  Reading back = read_text(FUZZ_EVENTS_OTHER, first->written, first->written_len, hash, true);
  require(back.status == PACT_OK && back.errors == 0 && back.events == first->events);
  require(back.dump_len == first->dump_len && memcmp(back.dump, first->dump, back.dump_len) == 0);
  reading_free(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_INPUT_MAX) return -1; /* -1: do not add to the corpus */
  const char *text = (const char *)data;
  uint64_t hash = hash_bytes(data, size);

  mem_fail_countdown = 0;
  mem_allocation_count = 0;
  Reading first = read_text(FUZZ_EVENTS_NAME, text, size, hash, true);
  long allocations = mem_allocation_count;
  require(first.status == PACT_OK);
  check_round_trip(&first, hash);

  if (allocations > 0) {
    mem_fail_countdown = 1 + (long)(hash % (uint64_t)allocations);
    Reading again = read_text(FUZZ_EVENTS_NAME, text, size, hash, false);
    mem_fail_countdown = 0;
    require(again.status == PACT_ERR_NOMEM || same_reading(&again, &first));
    reading_free(&again);
  }
  reading_free(&first);
  return 0;
}
