/*
** feed.h -- the events a report reads: event files, or a ledger as known on a day, with
** restatements and corrections applied, so that every report sees the events in force.
**
** The rule (the ledger's queries say the same): an event whose ref names another event
** supersedes it when it is a correction (which withdraws an event of any kind), or when it is a
** revenue, payment or purchase event and the event it names is of its own kind (a restatement,
** which replaces it). A superseded event is kept -- history is never rewritten -- and is read by
** no report, unless the report asks what was known on a day before the superseding event was
** recorded. Superseding is final: to undo a restatement, restate it again.
*/
#ifndef PACT_FEED_H
#define PACT_FEED_H

#include "events/events.h"

typedef struct FeedOptions {
  const char *const *files; /* event files, read in this order */
  int file_count;
  const char *ledger; /* or a ledger (not both) */
  bool has_known_on;
  PactDate known_on; /* a ledger as known on this day (the days its imports claim) */
  bool has_held_on;
  PactDate held_on; /* or as it held on this day, by the machine's clock */
} FeedOptions;

typedef struct Feed Feed;

/* Opens the ledger, if any (PACT_ERR_IO, reported, when it cannot be). */
PactStatus feed_open(const FeedOptions *options, DiagList *diags, Feed **out);
void feed_close(Feed *feed);
/* A ledger's events in the order of their ids rather than by date (no sort: for a reader that
** does not need date order). Event files are read as they are, either way. */
void feed_set_ledger_by_id(Feed *feed, bool by_id);
/* A reader that needs only what revenue and profit add up to by day: a ledger may give it
** daily sums instead of those events (LedgerQuery.summable). Event files are read as they are. */
void feed_set_summable(Feed *feed, bool (*summable)(void *context, const Event *group),
                       void *context);
/* From a ledger, only the events whose days meet [first, last] (has_days false: every day);
** event files are read whole, and the reader keeps to its days itself. */
void feed_set_days(Feed *feed, bool has_days, PactDate first, PactDate last);
/* File by file, the text of the events in memory instead of the file at the path (texts[f]
** NULL: file f is read from its path). files[f] then names the text in diagnostics and chooses
** its format; the texts must outlive the feed. Set before reading. */
void feed_set_texts(Feed *feed, const char *const *texts, const size_t *text_lens);
/* Whether the events come from a ledger by id (feed_set_ledger_by_id on a ledger). */
bool feed_ledger_by_id(const Feed *feed);

/* source is the file the event was read from (for a ledger: the file it was imported from). */
typedef PactStatus (*FeedVisit)(void *context, const char *source, const Event *event);

/*
** Calls visit for every event in force; stops at the first status that is not PACT_OK, and
** returns PACT_ERR_INVALID when an event file has errors (reported). Event files tell what
** supersedes what only as they are read: the first pass over files that hold a restatement or a
** correction visits every event and sets *again, and the caller starts over; later passes skip
** the superseded events. Memory grows with the number of such events only.
*/
PactStatus feed_each(Feed *feed, DiagList *diags, FeedVisit visit, void *context, bool *again);

/*
** The whole reading, restarts included: before each pass, diags is rewound to where it was and
** start(context) sets the consumer up afresh (freeing what an earlier pass built); then every
** event in force is given to visit. Returns the last pass's status.
*/
PactStatus feed_all(Feed *feed, DiagList *diags, PactStatus (*start)(void *context),
                    FeedVisit visit, void *context);

/*
** A consumer that can take a large event file on two threads (settle; decide and audit keep
** one). fork makes a second consumer, independent of the first and of any other fork; join
** merges a fork into the consumer as if its events had been given to it after those it holds
** (its diagnostics after the consumer's), and frees the fork; discard frees a fork unjoined.
*/
typedef struct FeedParallel {
  void *(*fork)(void *context); /* NULL when it cannot be made */
  PactStatus (*join)(void *context, void *forked);
  void (*discard)(void *forked);
} FeedParallel;

/* Files smaller than this are read on one thread (tests lower it). */
extern size_t feed_parallel_min_bytes;

/*
** feed_all, with a large mapped CSV file of the first pass (or of a pass with nothing to
** supersede) read in two parts at once: each part into a fork of the consumer, on its own
** thread, joined in the file's order. When either part reports a problem of the file, or
** anything else unusual happens, both are thrown away and the file is read again on one
** thread, so what is reported is always what one thread reports.
*/
PactStatus feed_all_parallel(Feed *feed, DiagList *diags, PactStatus (*start)(void *context),
                             FeedVisit visit, const FeedParallel *parallel, void *context);

#endif
