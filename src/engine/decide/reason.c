/*
** reason.c -- the builders of the reasons an answer gives in words (decide_int.h): dates,
** numbers, events and lists into a fixed buffer, cut rather than overrun.
*/
#include <string.h>

#include "engine/decide/decide_int.h"
#include "events/rights.h"

void b_date(Buf *b, PactDate date) {
  char text[11];
  pact_date_format(date, text);
  b_mem(b, text, 10);
}

void b_uint(Buf *b, uint32_t n) {
  char text[10]; /* 4294967295 */
  size_t i = sizeof text;
  do {
    text[--i] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  for (; i < sizeof text; i++) b_mem(b, &text[i], 1); /* digit by digit: a count is short */
}

/* 'id', the way a reason names an event. */
void b_event(Buf *b, const Decider *d, uint32_t e) {
  b_str(b, "'");
  b_sym(b, id_sym(d, d->events[e].id));
  b_str(b, "'");
}

void b_list(Buf *b, const StrList *list, const char *sep) {
  for (uint32_t i = 0; i < list->count; i++) {
    if (i) b_str(b, sep);
    b_sym(b, list->items[i]);
  }
}

/* A scope or carve-out list in words: api-products -> API products. */
void b_words(Buf *b, const StrList *list) {
  for (uint32_t i = 0; i < list->count; i++) {
    if (i) b_str(b, i + 1 == list->count ? " and " : ", ");
    Str w = list->items[i];
    for (uint32_t k = 0; k < w.len; k++) {
      if (w.len - k >= 3 && memcmp(w.ptr + k, "api", 3) == 0 && (k == 0 || w.ptr[k - 1] == '-') &&
          (w.len - k == 3 || w.ptr[k + 3] == '-')) {
        b_str(b, "API");
        k += 2;
      } else {
        /* non-api-products: "non-API products" */
        bool keep = w.ptr[k] == '-' && k == 3 && memcmp(w.ptr, "non", 3) == 0;
        b_mem(b, w.ptr[k] == '-' && !keep ? " " : &w.ptr[k], 1);
      }
    }
  }
}

/* "; milestone 'x' recorded by 'y' on DAY ('m1') is ignored: only z may declare x on DAY, as V
** words it" (rights_may_declare's reason). */
void note_ignored(const Decider *d, const Ending *end, PactDate on, DecideAnswer *a, Buf *b) {
  if (!end->ignored || ended_by(end, on)) return;
  const DEvent *e = &d->events[end->ignored_event];
  if (e->date > on) return;
  relies_on(a, end->ignored_event);
  b_str(b, "; milestone '");
  b_sym(b, sym(d, e->subject));
  b_str(b, "' recorded by '");
  b_sym(b, sym(d, e->party));
  b_str(b, "' on ");
  b_date(b, e->date);
  b_str(b, " (");
  b_event(b, d, end->ignored_event);
  b_str(b, ") is ignored: ");
  Str subject = sym(d, e->subject), party = sym(d, e->party);
  char why[DECIDE_REASON_MAX]; /* as long as the reason it goes into */
  if (!rights_may_declare(d->ag, subject.ptr, subject.len, party.ptr, party.len, e->date, why,
                          sizeof why))
    b_str(b, why);
}

/* How much of b to keep so that room bytes fit after it: whole UTF-8 characters. */
static size_t keep_before(const Buf *b, size_t room) {
  size_t keep = b->cap - 1 - room;
  if (keep > b->len) keep = b->len;
  while (keep > 0 && ((unsigned char)b->p[keep] & 0xC0) == 0x80) keep--;
  return keep;
}

void buf_mark_cut(Buf *b) {
  if (!b->cut) return;
  b->len = keep_before(b, 3);
  b->p[b->len] = '\0';
  b_str(b, "...");
}

void reason_close(DecideAnswer *a, Buf *b) {
  char note[96];
  Buf n = buf_on(note, sizeof note);
  if (a->events_left_out) {
    b_str(&n, "; ");
    b_uint(&n, a->events_left_out);
    b_str(&n, a->events_left_out == 1 ? " more event" : " more events");
    b_str(&n, " not listed (an answer lists at most ");
    b_uint(&n, DECIDE_EVENTS_MAX);
    b_str(&n, ")");
  }
  if (!b->cut && n.len <= b->cap - 1 - b->len) {
    b_mem(b, note, n.len);
    return;
  }
  char mark[96];
  Buf m = buf_on(mark, sizeof mark);
  b_str(&m, " ... (cut: a reason holds at most ");
  b_uint(&m, DECIDE_REASON_MAX - 1);
  b_str(&m, " bytes)");
  b->len = keep_before(b, m.len + n.len);
  b->p[b->len] = '\0';
  b_mem(b, mark, m.len);
  b_mem(b, note, n.len);
  a->reason_cut = b->cut = true;
}
