/*
** feed.c -- pactum.h's events in force, over the library's feed (feed/feed.h).
*/
#include <stdlib.h>

#include "api/api.h"
#include "base/mem.h"

PactStatus pact_feed_open(const PactSource *source, PactDiagnostics *d, PactFeed **out) {
  *out = NULL;
  FeedOptions options = {source->files,        source->file_count, source->ledger,
                         source->has_known_on, source->known_on,   source->has_held_on,
                         source->held_on};
  PactFeed *f = mem_calloc(1, sizeof *f);
  if (!f) return PACT_ERR_NOMEM;
  PactStatus status = feed_open(&options, api_list(d), &f->feed);
  if (status != PACT_OK) {
    free(f);
    return status;
  }
  *out = f;
  return PACT_OK;
}

void pact_feed_close(PactFeed *feed) {
  if (!feed) return;
  feed_close(feed->feed);
  free(feed);
}

typedef struct Visiting {
  PactStatus (*start)(void *context);
  PactEventVisit visit;
  void *context;
} Visiting;

static PactStatus visiting_start(void *context) {
  const Visiting *v = context;
  return v->start ? v->start(v->context) : PACT_OK;
}

static PactStatus visiting_event(void *context, const char *source, const Event *event) {
  const Visiting *v = context;
  PactEvent e;
  api_event_out(event, &e);
  return v->visit(v->context, source, &e);
}

PactStatus pact_feed_each(PactFeed *feed, PactDiagnostics *d, PactStatus (*start)(void *context),
                          PactEventVisit visit, void *context) {
  Visiting v = {start, visit, context};
  return feed_all(feed->feed, api_list(d), visiting_start, visiting_event, &v);
}
