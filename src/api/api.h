/*
** api.h -- what the files of src/api share: the public handles as they are inside, and the
** conversions between the public types of pactum.h and the library's own. Only src/api
** includes it.
**
** The public types are the library's contract, kept apart from its working types so that
** either can change without the other: an event handed out is copied into a PactEvent (a
** dozen fields), never aliased, and a handle wraps the working object it stands for.
*/
#ifndef PACT_API_H
#define PACT_API_H

#include "base/arena.h"
#include "base/diag.h"
#include "engine/settle.h"
#include "events/events.h"
#include "feed/feed.h"
#include "pactum.h"

struct PactDiagnostics {
  DiagList list; /* first: an agreement's own list is handed out as a PactDiagnostics */
};

struct PactFeed {
  Feed *feed;
};

/* A settlement: the working one, the agreement it settles, the list its diagnostics go to
** (api_settle.c; read by the report too, api_report.c). */
struct PactSettlement {
  Settlement *s;
  const Agreement *ag;
  DiagList *diags;
  bool finished;
  bool ended;              /* finish was called (once is all it may be) */
  Arena arena;             /* the strings below, and the options' period */
  const char **clause_ids; /* each obligation's clause id as a C string, once finished */
};

/* The most settlements one reading of a feed serves (compare: two sides). */
enum { API_SIDES_MAX = 4 };

/*
** Settles the events of a feed once for count agreements (at most API_SIDES_MAX): out[i] is
** agreements[i]'s settlement, its diagnostics in diags[i] (diags[0] is the list the feed
** rewinds on a restart; the others are emptied then). A large event file is read on two
** threads. On failure every out[i] is NULL.
*/
PactStatus api_settle_feed(PactFeed *feed, size_t count, const PactAgreement *const *agreements,
                           const PactSettleOptions *options, DiagList *const *diags,
                           PactSettlement **out);

/* The list inside a handle; NULL for NULL. */
static inline DiagList *api_list(PactDiagnostics *d) { return d ? &d->list : NULL; }
static inline const DiagList *api_clist(const PactDiagnostics *d) { return d ? &d->list : NULL; }

/* An event of the library as the public type, and back. */
void api_event_out(const Event *in, PactEvent *out);
void api_event_in(const PactEvent *in, Event *out);

#endif
