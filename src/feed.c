/*
** feed.c -- see feed.h. A ledger applies the rule in its query; event files in two passes.
*/
#define _DEFAULT_SOURCE /* sysconf(_SC_NPROCESSORS_ONLN) */
#include "feed.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "ledger.h"
#include "mem.h"
#include "strmap.h"

/* An event that names another in ref and would supersede it, as read from an event file. */
typedef struct Superseder {
  const char *target;       /* the ref */
  uint32_t target_len;
  const char *id;
  uint32_t id_len;
  EventKind kind;
  const char *file;
  uint32_t line;
  int32_t next;             /* the next superseder of the same target, or -1 */
  bool met;                 /* its target was read */
} Superseder;

struct Feed {
  FeedOptions options;
  Ledger *ledger;
  Arena arena;
  StrMap targets;           /* target id -> first superseder */
  Superseder *items;
  size_t count;
  bool resolved;            /* the files were read once: items holds every superseder */
  bool ledger_by_id;        /* a ledger's events by id, not by date */
};

bool feed_supersedes(EventKind by, EventKind target) {
  if (by == EVENT_CORRECTION) return true;
  return by == target && (by == EVENT_REVENUE || by == EVENT_PAYMENT || by == EVENT_PURCHASE);
}

static bool may_supersede(EventKind kind) {
  return kind == EVENT_CORRECTION || kind == EVENT_REVENUE || kind == EVENT_PAYMENT ||
         kind == EVENT_PURCHASE;
}

PactStatus feed_open(const FeedOptions *options, DiagList *diags, Feed **out) {
  *out = NULL;
  Feed *feed = mem_calloc(1, sizeof *feed);
  if (!feed) return PACT_ERR_NOMEM;
  feed->options = *options;
  arena_init(&feed->arena);
  strmap_init(&feed->targets);
  if (options->ledger) {
    PactStatus status = ledger_open(options->ledger, diags, &feed->ledger);
    if (status != PACT_OK) {
      feed_close(feed);
      return status;
    }
  }
  *out = feed;
  return PACT_OK;
}

void feed_close(Feed *feed) {
  if (!feed) return;
  ledger_close(feed->ledger);
  strmap_free(&feed->targets);
  arena_free(&feed->arena);
  free(feed);
}

void feed_set_ledger_by_id(Feed *feed, bool by_id) { feed->ledger_by_id = by_id; }
bool feed_ledger_by_id(const Feed *feed) { return feed->ledger && feed->ledger_by_id; }

/* First pass: remembers an event that would supersede the one its ref names. */
static PactStatus remember(Feed *feed, DiagList *diags, const char *file, const Event *e) {
  if (e->id.len == e->ref.len && memcmp(e->id.ptr, e->ref.ptr, e->id.len) == 0) {
    diag_add_line(diags, DIAG_ERROR, "E1106", file, e->line,
                  "ref names the earlier event this one restates or corrects",
                  "event '%.*s' names itself in ref", (int)e->id.len, e->id.ptr);
    return PACT_OK;
  }
  Superseder *s = arena_push(&feed->arena, (void **)&feed->items, feed->count, sizeof *s);
  if (!s) return PACT_ERR_NOMEM;
  s->target = arena_strndup(&feed->arena, e->ref.ptr, e->ref.len);
  s->id = arena_strndup(&feed->arena, e->id.ptr, e->id.len);
  if (!s->target || !s->id) return PACT_ERR_NOMEM;
  s->target_len = e->ref.len;
  s->id_len = e->id.len;
  s->kind = e->kind;
  s->file = file;
  s->line = e->line;
  s->next = strmap_get(&feed->targets, s->target, s->target_len);
  if (!strmap_put(&feed->targets, s->target, s->target_len, (int32_t)feed->count))
    return PACT_ERR_NOMEM;
  feed->count++;
  return PACT_OK;
}

/* Later passes: is the event superseded? A restatement of another kind is an error. */
static bool superseded(Feed *feed, DiagList *diags, const Event *e) {
  bool gone = false;
  for (int32_t i = strmap_get(&feed->targets, e->id.ptr, e->id.len); i >= 0;
       i = feed->items[i].next) {
    Superseder *s = &feed->items[i];
    s->met = true;
    if (feed_supersedes(s->kind, e->kind)) {
      gone = true;
    } else if (s->kind != EVENT_CORRECTION) {
      diag_add_line(diags, DIAG_ERROR, "E1106", s->file, s->line,
                    "a restatement is of the same kind; withdraw an event of another kind "
                    "with a correction",
                    "%s '%.*s' restates '%.*s', a %s event", event_kind_name(s->kind),
                    (int)s->id_len, s->id, (int)s->target_len, s->target,
                    event_kind_name(e->kind));
    }
  }
  return gone;
}

/*
** One part of a file read on two threads (see feed_all_parallel): its reader, the consumer's
** fork it feeds, and the superseders it met, copied, for the feed to remember once both parts
** are read (in the file's order; nothing else is shared while they are read).
*/
typedef struct FeedPart {
  const Feed *feed;
  const char *path;
  EventReader *reader;
  FeedVisit visit;
  void *consumer;
  Arena arena;               /* the superseders' texts */
  Event *superseders;
  size_t superseder_count;
  PactStatus status;          /* written per event: kept off the other part's cache line */
  bool unusual;              /* something one thread would report: read the file again */
  char pad[64];
} FeedPart;

size_t feed_parallel_min_bytes = (size_t)64 << 20;

static void *part_read(void *arg) {
  FeedPart *part = arg;
  Event e;
  while (part->status == PACT_OK && event_reader_next(part->reader, &e)) {
    if (!part->feed->resolved && e.ref.len && may_supersede(e.kind)) {
      if (e.id.len == e.ref.len && memcmp(e.id.ptr, e.ref.ptr, e.id.len) == 0) {
        part->unusual = true; /* remember reports it: only one thread may */
        break;
      }
      Event *kept = arena_push(&part->arena, (void **)&part->superseders, part->superseder_count,
                               sizeof *kept);
      if (!kept) {
        part->status = PACT_ERR_NOMEM;
        break;
      }
      *kept = e;
      kept->id.ptr = arena_strndup(&part->arena, e.id.ptr, e.id.len);
      kept->ref.ptr = arena_strndup(&part->arena, e.ref.ptr, e.ref.len);
      if (!kept->id.ptr || !kept->ref.ptr) {
        part->status = PACT_ERR_NOMEM;
        break;
      }
      part->superseder_count++;
    }
    part->status = part->visit(part->consumer, part->path, &e);
  }
  return NULL;
}

static bool two_processors(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 1;
}

/*
** Reads the file opened as *reader in two parts on two threads when it is large enough: true
** with *status when it was read so. False when it is to be read on one thread: *reader is as it
** was (but for its header read), or NULL when it was read in vain and must be opened again;
** diags, the feed and the consumer are then as they were.
*/
static bool each_file_parallel(Feed *feed, const char *path, DiagList *diags, FeedVisit visit,
                               const FeedParallel *parallel, void *context, EventReader **reader,
                               PactStatus *status) {
  if (!parallel || (feed->resolved && feed->count) || !two_processors()) return false;
  FeedPart parts[2];
  memset(parts, 0, sizeof parts);
  DiagList second_diags; /* what the second reader reports: any problem means a new reading */
  diag_list_init(&second_diags);
  for (int i = 0; i < 2; i++) {
    parts[i].feed = feed;
    parts[i].path = path;
    parts[i].visit = visit;
    arena_init(&parts[i].arena);
  }
  EventReader *second = NULL;
  if (event_reader_split(*reader, feed_parallel_min_bytes, &second_diags, &second) == PACT_OK &&
      second) {
    parts[0].consumer = parallel->fork(context);
    parts[1].consumer = parts[0].consumer ? parallel->fork(context) : NULL;
  }
  if (second && parts[1].consumer) {
    DiagMark mark = diag_list_mark(diags);
    parts[0].reader = *reader;
    parts[1].reader = second;
    pthread_t thread;
    bool started = pthread_create(&thread, NULL, part_read, &parts[1]) == 0;
    part_read(&parts[0]);
    if (started) pthread_join(thread, NULL);
    else part_read(&parts[1]); /* no thread: the parts in turn, still exact */
    bool clean = parts[0].status == PACT_OK && parts[1].status == PACT_OK && !parts[0].unusual &&
                 !parts[1].unusual && event_reader_split_clean(*reader) &&
                 event_reader_status(second) == PACT_OK && event_reader_error_count(second) == 0 &&
                 second_diags.count == 0;
    if (clean) {
      event_reader_close(second);
      event_reader_close(*reader);
      *reader = NULL;
      *status = PACT_OK;
      for (int i = 0; i < 2; i++) {
        PactStatus joined = parallel->join(context, parts[i].consumer);
        parts[i].consumer = NULL;
        if (*status == PACT_OK) *status = joined;
        for (size_t k = 0; k < parts[i].superseder_count && *status == PACT_OK; k++)
          *status = remember(feed, diags, path, &parts[i].superseders[k]);
        arena_free(&parts[i].arena);
      }
      diag_list_free(&second_diags);
      return true;
    }
    diag_list_rewind(diags, mark);
  }
  if (second) { /* the first reader ends at the cut now: the file is to be opened again */
    event_reader_close(second);
    event_reader_close(*reader);
    *reader = NULL;
  }
  for (int i = 0; i < 2; i++) {
    if (parts[i].consumer) parallel->discard(parts[i].consumer);
    arena_free(&parts[i].arena);
  }
  diag_list_free(&second_diags);
  return false;
}

static PactStatus each_file(Feed *feed, const char *path, DiagList *diags, FeedVisit visit,
                            const FeedParallel *parallel, void *context) {
  EventReader *reader;
  PactStatus status = event_reader_open(path, diags, &reader);
  if (status != PACT_OK) return status;
  if (each_file_parallel(feed, path, diags, visit, parallel, context, &reader, &status))
    return status;
  if (!reader) {
    status = event_reader_open(path, diags, &reader);
    if (status != PACT_OK) return status;
  }
  Event e;
  while (status == PACT_OK && event_reader_next(reader, &e)) {
    if (feed->resolved) {
      if (feed->count && superseded(feed, diags, &e)) continue;
    } else if (e.ref.len && may_supersede(e.kind)) {
      status = remember(feed, diags, path, &e);
      if (status != PACT_OK) break;
    }
    status = visit(context, path, &e);
  }
  if (status == PACT_OK) status = event_reader_status(reader);
  if (status == PACT_OK && event_reader_error_count(reader)) status = PACT_ERR_INVALID;
  event_reader_close(reader);
  return status;
}

static PactStatus each_pass(Feed *feed, DiagList *diags, FeedVisit visit,
                            const FeedParallel *parallel, void *context, bool *again) {
  *again = false;
  if (feed->ledger) {
    LedgerQuery query = {feed->options.has_known_on, feed->options.known_on, feed->ledger_by_id};
    return ledger_each(feed->ledger, &query, diags, visit, context);
  }
  PactStatus status = PACT_OK;
  size_t errors = diags->errors;
  for (int f = 0; f < feed->options.file_count; f++) {
    PactStatus file_status = each_file(feed, feed->options.files[f], diags, visit, parallel,
                                         context);
    if (file_status == PACT_ERR_NOMEM) return file_status;
    if (file_status != PACT_OK) status = file_status;
  }
  if (status == PACT_OK && diags->errors > errors) status = PACT_ERR_INVALID;
  if (status != PACT_OK) return status;
  if (!feed->resolved) {
    feed->resolved = true;
    *again = feed->count > 0;
    return PACT_OK;
  }
  for (size_t i = 0; i < feed->count; i++) {
    const Superseder *s = &feed->items[i];
    if (!s->met)
      diag_add_line(diags, DIAG_WARNING, "W1107", s->file, s->line,
                    "check the id: nothing was superseded",
                    "%s '%.*s' %s '%.*s', which no event file holds", event_kind_name(s->kind),
                    (int)s->id_len, s->id, s->kind == EVENT_CORRECTION ? "corrects" : "restates",
                    (int)s->target_len, s->target);
  }
  return PACT_OK;
}

PactStatus feed_each(Feed *feed, DiagList *diags, FeedVisit visit, void *context, bool *again) {
  return each_pass(feed, diags, visit, NULL, context, again);
}

PactStatus feed_all(Feed *feed, DiagList *diags, PactStatus (*start)(void *context),
                    FeedVisit visit, void *context) {
  return feed_all_parallel(feed, diags, start, visit, NULL, context);
}

PactStatus feed_all_parallel(Feed *feed, DiagList *diags, PactStatus (*start)(void *context),
                             FeedVisit visit, const FeedParallel *parallel, void *context) {
  DiagMark mark = diag_list_mark(diags);
  PactStatus status = PACT_OK;
  for (bool again = true; again && status == PACT_OK;) {
    diag_list_rewind(diags, mark);
    status = start(context);
    if (status == PACT_OK) status = each_pass(feed, diags, visit, parallel, context, &again);
  }
  return status;
}
