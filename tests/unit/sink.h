/*
** sink.h -- a settlement fed as the program feeds one (pact_settle, on one thread): the tests
** that settle a feed and look inside the result share it. start begins afresh (a feed may read
** event files twice); visit adds an event, going on past one the settlement reports (memory
** running out, or a call out of order, ends the reading); summable lets a ledger give daily sums.
*/
#ifndef PACT_TESTS_SINK_H
#define PACT_TESTS_SINK_H

#include "engine/settle.h"

typedef struct Sink {
  const PactAgreement *ag;
  const SettleOptions *options;
  DiagList *diags;
  Settlement *s;
  long sums_seen; /* events of no id: the daily sums a ledger gave */
} Sink;

static inline PactStatus sink_start(void *context) {
  Sink *k = context;
  settle_free(k->s);
  k->s = NULL;
  return settle_begin(k->ag, k->options, k->diags, &k->s);
}

static inline PactStatus sink_visit(void *context, const char *source, const Event *event) {
  Sink *k = context;
  if (!event->id.len) k->sums_seen++;
  settle_set_events_path(k->s, source);
  PactStatus status = settle_add(k->s, event);
  return status == PACT_ERR_NOMEM || status == PACT_ERR_MISUSE ? status : PACT_OK;
}

static inline bool sink_summable(void *context, const Event *group) {
  const Sink *k = context;
  return k->s && settle_summable(k->s, group);
}

#endif
