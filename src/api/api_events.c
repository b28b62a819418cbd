/*
** events.c -- pactum.h's event readers, over the library's (events/events.h).
*/
#include <stdlib.h>

#include "api/api.h"
#include "base/mem.h"

_Static_assert((int)PACT_EVENT_KIND_COUNT == (int)EVENT_KIND_COUNT, "one public kind per kind");
_Static_assert((int)PACT_EVENT_CORRECTION == (int)EVENT_CORRECTION, "kinds in the same order");
_Static_assert((int)PACT_EVENT_MILESTONE == (int)EVENT_MILESTONE, "kinds in the same order");

static PactText text_out(EventText t) { return (PactText){t.ptr, t.len}; }
static EventText text_in(PactText t) { return (EventText){t.ptr, t.len}; }

void api_event_out(const Event *in, PactEvent *out) {
  *out = (PactEvent){text_out(in->id),
                     (PactEventKind)in->kind,
                     in->date,
                     in->has_end,
                     in->end,
                     text_out(in->party),
                     text_out(in->counterparty),
                     text_out(in->stream),
                     text_out(in->subject),
                     text_out(in->ref),
                     text_out(in->note),
                     in->has_amount,
                     in->amount_minor,
                     in->currency,
                     in->line};
}

void api_event_in(const PactEvent *in, Event *out) {
  *out = (Event){text_in(in->id),
                 (EventKind)in->kind,
                 in->date,
                 in->has_end,
                 in->end,
                 text_in(in->party),
                 text_in(in->counterparty),
                 text_in(in->stream),
                 text_in(in->subject),
                 text_in(in->ref),
                 text_in(in->note),
                 in->has_amount,
                 in->amount_minor,
                 in->currency,
                 in->line};
}

const char *pact_event_kind_name(PactEventKind kind) {
  return (int)kind >= 0 && kind < PACT_EVENT_KIND_COUNT ? event_kind_name((EventKind)kind) : NULL;
}

bool pact_event_kind_find(const char *name, size_t len, PactEventKind *out) {
  EventKind kind;
  if (!event_kind_find(name, len, &kind)) return false;
  *out = (PactEventKind)kind;
  return true;
}

struct PactEventReader {
  EventReader *reader;
};

static PactStatus wrap(PactStatus status, EventReader *reader, PactEventReader **out) {
  if (status != PACT_OK) return status;
  if (!(*out = mem_malloc(sizeof **out))) {
    event_reader_close(reader);
    return PACT_ERR_NOMEM;
  }
  (*out)->reader = reader;
  return PACT_OK;
}

PactStatus pact_events_open(const char *path, PactDiagnostics *d, PactEventReader **out) {
  *out = NULL;
  EventReader *r = NULL;
  PactStatus status = event_reader_open(path, api_list(d), &r);
  return wrap(status, r, out);
}

PactStatus pact_events_open_text(const char *name, const char *text, size_t len, PactDiagnostics *d,
                                 PactEventReader **out) {
  *out = NULL;
  EventReader *r = NULL;
  PactStatus status = event_reader_open_text(name, text, len, api_list(d), &r);
  return wrap(status, r, out);
}

bool pact_events_next(PactEventReader *reader, PactEvent *out) {
  Event e;
  if (!event_reader_next(reader->reader, &e)) return false;
  api_event_out(&e, out);
  return true;
}

PactStatus pact_events_status(const PactEventReader *reader) {
  return event_reader_status(reader->reader);
}

size_t pact_events_error_count(const PactEventReader *reader) {
  return event_reader_error_count(reader->reader);
}

void pact_events_close(PactEventReader *reader) {
  if (!reader) return;
  event_reader_close(reader->reader);
  free(reader);
}
