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
  b_mem(b, text + i, sizeof text - i);
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
  char why[300];
  if (!rights_may_declare(d->ag, subject.ptr, subject.len, party.ptr, party.len, e->date, why,
                          sizeof why))
    b_str(b, why);
}
