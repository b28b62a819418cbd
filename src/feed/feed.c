/*
** feed.c -- see feed.h. A ledger applies the rule in its query; event files in two passes.
*/
#define _DEFAULT_SOURCE /* sysconf(_SC_NPROCESSORS_ONLN) */
#include "feed/feed.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/strmap.h"
#include "feed/repeats.h"
#include "store/ledger.h"

/* An event that names another in ref and would supersede it, as read from an event file. */
typedef struct Superseder {
  const char *target; /* the ref */
  uint32_t target_len;
  const char *id;
  uint32_t id_len;
  EventKind kind;
  const char *file;
  uint32_t file_index; /* among the feed's files, for telling repeats apart */
  uint32_t line;
  int32_t next; /* the next superseder of the same target, or -1 */
  bool met;     /* its target was read */
  bool repeat;  /* an identical repeat of an earlier row: not a superseder */
} Superseder;

/* A row to skip: it repeats an earlier event identically (a file given twice, an overlap). */
typedef struct Skip {
  uint32_t file_index, line;
} Skip;

/* The identical repeats of one file's events in another (or the same) file: one warning. */
typedef struct RepeatNote {
  uint32_t later, earlier; /* file indexes */
  uint64_t count;
  uint32_t line, of_line; /* the first repeat, and the line of the event it repeats */
  const char *id;         /* the first repeat's id, in the feed's arena */
  uint32_t id_len;
} RepeatNote;

struct Feed {
  FeedOptions options;
  const char *const *texts; /* feed_set_texts: files held in memory, or NULL */
  const size_t *text_lens;
  Ledger *ledger;
  Arena arena;
  StrMap targets; /* target id -> first superseder */
  Superseder *items;
  size_t count;
  bool resolved;     /* the files were read once: items holds every superseder */
  bool ledger_by_id; /* a ledger's events by id, not by date */
  bool (*summable)(void *context, const Event *group); /* feed_set_summable */
  void *summable_context;
  bool has_days; /* feed_set_days */
  PactDate first, last;
  Repeats *repeats; /* the first reading's fingerprints of ids (repeats.h) */
  IdRun *runs;      /* the first reading's runs of rising ids, not fingerprinted */
  size_t run_count;
  Skip *skips; /* the rows that repeat an earlier event, by file and line */
  size_t skip_count;
  RepeatNote *notes; /* said at the end of the reading that counts (W1110) */
  size_t note_count;
  bool reported; /* W1107 and W1110 were said: a later reading says them no more */
};

PactStatus feed_open(const FeedOptions *options, DiagList *diags, Feed **out) {
  *out = NULL;
  Feed *feed = mem_calloc(1, sizeof *feed);
  if (!feed) return PACT_ERR_NOMEM;
  feed->options = *options;
  arena_init(&feed->arena);
  strmap_init(&feed->targets);
  if (options->ledger) {
    /* One snapshot for the whole report, however many times it reads the ledger. */
    PactStatus status = ledger_open(options->ledger, diags, &feed->ledger);
    if (status == PACT_OK) status = ledger_snapshot_begin(feed->ledger, diags);
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
  ledger_snapshot_end(feed->ledger);
  ledger_close(feed->ledger);
  repeats_free(feed->repeats);
  id_runs_free(feed->runs, feed->run_count);
  free(feed->skips);
  free(feed->notes);
  strmap_free(&feed->targets);
  arena_free(&feed->arena);
  free(feed);
}

void feed_set_ledger_by_id(Feed *feed, bool by_id) { feed->ledger_by_id = by_id; }
void feed_set_summable(Feed *feed, bool (*summable)(void *context, const Event *group),
                       void *context) {
  feed->summable = summable;
  feed->summable_context = context;
}
void feed_set_days(Feed *feed, bool has_days, PactDate first, PactDate last) {
  feed->has_days = has_days;
  feed->first = first;
  feed->last = last;
}
bool feed_ledger_by_id(const Feed *feed) { return feed->ledger && feed->ledger_by_id; }

/* Opens file f of the feed: its text in memory when the options give one, else its path. */
static PactStatus feed_reader_open(const Feed *feed, int f, DiagList *diags, EventReader **out) {
  if (feed->texts && feed->texts[f])
    return event_reader_open_text(feed->options.files[f], feed->texts[f], feed->text_lens[f], diags,
                                  out);
  return event_reader_open(feed->options.files[f], diags, out);
}

void feed_set_texts(Feed *feed, const char *const *texts, const size_t *text_lens) {
  feed->texts = texts;
  feed->text_lens = text_lens;
}

/* First pass: remembers an event that would supersede the one its ref names. */
static PactStatus remember(Feed *feed, DiagList *diags, uint32_t file_index, const Event *e) {
  const char *file = feed->options.files[file_index];
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
  s->file_index = file_index;
  s->line = e->line;
  s->met = s->repeat = false;
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
    if (s->repeat) continue; /* said once, by the row it repeats */
    if (event_supersedes(s->kind, e->kind)) {
      gone = true;
    } else if (s->kind != EVENT_CORRECTION) {
      diag_add_line(diags, DIAG_ERROR, "E1106", s->file, s->line,
                    "a restatement is of the same kind; withdraw an event of another kind "
                    "with a correction",
                    "%s '%.*s' restates '%.*s', a %s event", event_kind_name(s->kind),
                    (int)s->id_len, s->id, (int)s->target_len, s->target, event_kind_name(e->kind));
    }
  }
  return gone;
}

/* ---------------------------------------------------------------- repeated events */

/* An event's content as kept for comparing a suspect with the events of the same id. */
typedef struct Copy {
  Event event; /* its texts in the feed's scratch arena */
  uint32_t file_index;
} Copy;

static bool text_keep(Arena *arena, EventText *t) {
  if (!t->len) return true;
  char *kept = arena_strndup(arena, t->ptr, t->len);
  t->ptr = kept;
  return kept != NULL;
}

static bool copy_keep(Arena *arena, Copy *c) {
  Event *e = &c->event;
  return text_keep(arena, &e->id) && text_keep(arena, &e->party) &&
         text_keep(arena, &e->counterparty) && text_keep(arena, &e->stream) &&
         text_keep(arena, &e->subject) && text_keep(arena, &e->ref) && text_keep(arena, &e->note);
}

static int text_cmp(EventText a, EventText b) {
  uint32_t n = a.len < b.len ? a.len : b.len;
  int c = n ? memcmp(a.ptr, b.ptr, n) : 0;
  return c ? c : (a.len > b.len) - (a.len < b.len);
}

/* What an event says: every field but where it was read (the ledger's rule, ledger_import.c). */
static bool same_content(const Event *a, const Event *b) {
  if (a->kind != b->kind || a->date != b->date || a->has_end != b->has_end ||
      (a->has_end && a->end != b->end) || a->has_amount != b->has_amount ||
      (a->has_amount &&
       (a->amount_minor != b->amount_minor || strcmp(a->currency.code, b->currency.code) != 0)))
    return false;
  return !text_cmp(a->party, b->party) && !text_cmp(a->counterparty, b->counterparty) &&
         !text_cmp(a->stream, b->stream) && !text_cmp(a->subject, b->subject) &&
         !text_cmp(a->ref, b->ref) && !text_cmp(a->note, b->note);
}

/* By id, then in the order read. */
static int copy_order(const void *pa, const void *pb) {
  const Copy *a = pa, *b = pb;
  int c = text_cmp(a->event.id, b->event.id);
  if (c) return c;
  if (a->file_index != b->file_index) return a->file_index < b->file_index ? -1 : 1;
  return (a->event.line > b->event.line) - (a->event.line < b->event.line);
}

static int skip_order(const void *pa, const void *pb) {
  const Skip *a = pa, *b = pb;
  if (a->file_index != b->file_index) return a->file_index < b->file_index ? -1 : 1;
  return (a->line > b->line) - (a->line < b->line);
}

enum { PATH_SHOWN_BYTES = 4096 + 16 };

static void report_repeats(const Feed *feed, DiagList *diags, const RepeatNote *n) {
  const char *later = feed->options.files[n->later], *earlier = feed->options.files[n->earlier];
  const char *help =
      "an event given again (a file given twice, files that overlap) counts "
      "once, as in a ledger";
  if (n->later != n->earlier && strcmp(later, earlier) == 0) {
    diag_add_line(diags, DIAG_WARNING, "W1110", later, 0, help,
                  "this file is given more than once: its events count once");
    return;
  }
  char more[96] = "";
  if (n->count > 1)
    snprintf(more, sizeof more, ", as %s %llu more event%s of this file",
             n->count == 2 ? "does" : "do", (unsigned long long)(n->count - 1),
             n->count == 2 ? "" : "s");
  char where[PATH_SHOWN_BYTES];
  if (n->later == n->earlier) snprintf(where, sizeof where, "line %u", n->of_line);
  else snprintf(where, sizeof where, "%s:%u", earlier, n->of_line);
  diag_add_line(diags, DIAG_WARNING, "W1110", later, n->line, help,
                "event '%.*s' repeats %s identically%s; %s counted once", (int)n->id_len, n->id,
                where, more, n->count > 1 ? "each is" : "it is");
}

/* Notes that row c repeats row first identically. */
static bool note_repeat(Feed *feed, const Copy *c, const Copy *first) {
  size_t i = 0;
  while (i < feed->note_count &&
         (feed->notes[i].later != c->file_index || feed->notes[i].earlier != first->file_index))
    i++;
  if (i == feed->note_count) {
    RepeatNote *bigger = mem_realloc(feed->notes, (feed->note_count + 1) * sizeof *bigger);
    if (!bigger) return false;
    feed->notes = bigger;
    bigger[feed->note_count++] =
        (RepeatNote){c->file_index, first->file_index, 0, UINT32_MAX, 0, NULL, 0};
  }
  RepeatNote *note = &feed->notes[i];
  if (c->event.line < note->line) {
    note->id = arena_strndup(&feed->arena, c->event.id.ptr, c->event.id.len);
    if (!note->id) return false;
    note->id_len = c->event.id.len;
    note->line = c->event.line;
    note->of_line = first->event.line;
  }
  note->count++;
  return true;
}

/* The rows of one id after the first: identical ones are skipped, others are errors. */
static PactStatus sort_out_id(Feed *feed, DiagList *diags, const Copy *group, size_t n) {
  const Copy *first = &group[0];
  for (size_t k = 1; k < n; k++) {
    const Copy *c = &group[k];
    if (!same_content(&first->event, &c->event)) {
      diag_add_line(diags, DIAG_ERROR, "E1108", feed->options.files[c->file_index], c->event.line,
                    "a correction is a new event with its own id whose ref names the old one",
                    "event '%.*s' differs from the event with the same id at %s:%u",
                    (int)c->event.id.len, c->event.id.ptr, feed->options.files[first->file_index],
                    first->event.line);
      continue;
    }
    Skip *skip = mem_realloc(feed->skips, (feed->skip_count + 1) * sizeof *skip);
    if (!skip) return PACT_ERR_NOMEM;
    feed->skips = skip;
    feed->skips[feed->skip_count++] = (Skip){c->file_index, c->event.line};
    if (!note_repeat(feed, c, first)) return PACT_ERR_NOMEM;
  }
  return PACT_OK;
}

/* Reads every file again for the events whose id is a suspect, and keeps them whole. */
static PactStatus read_suspects(Feed *feed, DiagList *diags, const Suspects *suspects, Arena *arena,
                                Copy **copies, size_t *count) {
  PactStatus status = PACT_OK;
  for (int f = 0; f < feed->options.file_count && status == PACT_OK; f++) {
    EventReader *reader;
    status = feed_reader_open(feed, f, diags, &reader);
    Event e;
    while (status == PACT_OK && event_reader_next(reader, &e)) {
      if (!suspects_has(suspects, repeats_hash(e.id.ptr, e.id.len))) continue;
      Copy *c = arena_push(arena, (void **)copies, *count, sizeof *c);
      if (!c) {
        status = PACT_ERR_NOMEM;
        break;
      }
      *c = (Copy){e, (uint32_t)f};
      if (!copy_keep(arena, c)) status = PACT_ERR_NOMEM;
      else ++*count;
    }
    if (status == PACT_OK) status = event_reader_status(reader);
    event_reader_close(reader);
  }
  return status;
}

/* The files' rows in runs of rising ids, read again for the fingerprints they were spared. */
static PactStatus fingerprint_runs(Feed *feed, DiagList *diags) {
  PactStatus status = PACT_OK;
  for (int f = 0; f < feed->options.file_count && status == PACT_OK; f++) {
    IdRun *runs[2];
    size_t n = 0;
    for (size_t i = 0; i < feed->run_count; i++) /* at most two: the parts of one reading */
      if (feed->runs[i].file_index == (uint32_t)f && n < 2) runs[n++] = &feed->runs[i];
    if (!n) continue;
    if (n == 2 && runs[1]->first_line < runs[0]->first_line) {
      IdRun *t = runs[0];
      runs[0] = runs[1];
      runs[1] = t;
    }
    DiagList again; /* the file was read once already: what its reader says, it said */
    diag_list_init(&again);
    EventReader *reader;
    status = feed_reader_open(feed, f, &again, &reader);
    Event e;
    size_t k = 0;
    while (status == PACT_OK && event_reader_next(reader, &e)) {
      while (k < n && e.line > runs[k]->last_line) k++;
      if (k == n) break;
      if (e.line >= runs[k]->first_line &&
          !repeats_add(feed->repeats, repeats_hash(e.id.ptr, e.id.len)))
        status = PACT_ERR_NOMEM;
    }
    if (status == PACT_OK) status = event_reader_status(reader);
    if (status == PACT_OK && again.errors) status = PACT_ERR_INVALID; /* the file changed */
    if (again.errors) diag_list_move(diags, &again);
    diag_list_free(&again);
    event_reader_close(reader);
  }
  return status;
}

/*
** After the first reading: the ids met more than once are read again and compared in full.
** An identical repeat is skipped by every later reading (and said once per pair of files,
** W1110); the same id with other content is an error naming both places (E1108).
*/
static PactStatus sort_out_repeats(Feed *feed, DiagList *diags) {
  Suspects suspects = {0};
  PactStatus status = PACT_OK;
  /* Runs of rising ids that every id read belongs to and that share no range: nothing can
  ** repeat. Otherwise their rows are fingerprinted like the others. */
  if (feed->run_count && feed->repeats &&
      (repeats_count(feed->repeats) || !id_runs_disjoint(feed->runs, feed->run_count)))
    status = fingerprint_runs(feed, diags);
  id_runs_free(feed->runs, feed->run_count);
  feed->runs = NULL;
  feed->run_count = 0;
  if (status == PACT_OK && feed->repeats) status = repeats_suspects(feed->repeats, &suspects);
  repeats_free(feed->repeats);
  feed->repeats = NULL;
  if (status != PACT_OK || !suspects.count) return status;
  Arena arena;
  arena_init(&arena);
  Copy *copies = NULL;
  size_t count = 0;
  status = read_suspects(feed, diags, &suspects, &arena, &copies, &count);
  suspects_free(&suspects);
  if (status == PACT_OK && count > 1) qsort(copies, count, sizeof *copies, copy_order);
  for (size_t i = 0, n; status == PACT_OK && i < count; i += n) {
    for (n = 1; i + n < count && !text_cmp(copies[i].event.id, copies[i + n].event.id); n++) {}
    if (n > 1) status = sort_out_id(feed, diags, &copies[i], n);
  }
  arena_free(&arena);
  if (status == PACT_OK && feed->skip_count > 1)
    qsort(feed->skips, feed->skip_count, sizeof *feed->skips, skip_order);
  return status;
}

static bool is_skipped(const Feed *feed, uint32_t file_index, uint32_t line) {
  const Skip key = {file_index, line};
  return feed->skip_count &&
         bsearch(&key, feed->skips, feed->skip_count, sizeof key, skip_order) != NULL;
}

/*
** An event is superseded once. A superseder that only repeats an earlier row is none; a second
** one, with another id, of an event that another already restates or withdraws is an error
** naming the first (E1109), with what to do instead.
*/
static void check_superseded_once(Feed *feed, DiagList *diags) {
  for (size_t i = 0; i < feed->count; i++) {
    Superseder *s = &feed->items[i];
    s->repeat = is_skipped(feed, s->file_index, s->line);
  }
  for (size_t i = 0; i < feed->count; i++) {
    const Superseder *s = &feed->items[i];
    if (s->repeat) continue;
    const Superseder *first = NULL;
    for (int32_t k = strmap_get(&feed->targets, s->target, s->target_len); k >= 0;
         k = feed->items[k].next) {
      const Superseder *o = &feed->items[k];
      if ((size_t)k < i && !o->repeat &&
          (o->id_len != s->id_len || memcmp(o->id, s->id, s->id_len) != 0))
        first = o; /* the chain runs from the latest: the last found is the earliest */
    }
    if (!first) continue;
    char help[160];
    bool withdrawn = first->kind == EVENT_CORRECTION;
    if (withdrawn)
      snprintf(help, sizeof help,
               "an event is superseded once: '%.*s' stays withdrawn; "
               "record the figure as a new event with its own id",
               (int)s->target_len, s->target);
    else
      snprintf(help, sizeof help, "an event is superseded once: %s '%.*s' instead",
               s->kind == EVENT_CORRECTION ? "correct" : "restate", (int)first->id_len, first->id);
    diag_add_line(diags, DIAG_ERROR, "E1109", s->file, s->line, help,
                  "%s '%.*s' %s '%.*s', which %s'%.*s' already %s (%s:%u)",
                  event_kind_name(s->kind), (int)s->id_len, s->id,
                  s->kind == EVENT_CORRECTION ? "corrects" : "restates", (int)s->target_len,
                  s->target, withdrawn ? "correction " : "", (int)first->id_len, first->id,
                  withdrawn ? "withdrew" : "restates", first->file, first->line);
  }
}

/* ---------------------------------------------------------------- reading the files */

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
  Arena arena; /* the superseders' texts */
  Event *superseders;
  size_t superseder_count;
  Repeats *repeats;  /* the first reading's fingerprints of this part's ids */
  IdOrder order;     /* and its first rows, while their ids rise */
  PactStatus status; /* written per event: kept off the other part's cache line */
  bool unusual;      /* something one thread would report: read the file again */
  char pad[64];
} FeedPart;

size_t feed_parallel_min_bytes = (size_t)64 << 20;

static void *part_read(void *arg) {
  FeedPart *part = arg;
  Event e;
  bool first_reading = !part->feed->resolved;
  while (part->status == PACT_OK && event_reader_next(part->reader, &e)) {
    if (first_reading) {
      int rising = id_order_next(&part->order, e.id.ptr, e.id.len, e.line);
      if (rising < 0 ||
          (!rising && !repeats_add(part->repeats, repeats_hash(e.id.ptr, e.id.len)))) {
        part->status = PACT_ERR_NOMEM;
        break;
      }
    }
    if (first_reading && e.ref.len && event_kind_supersedes(e.kind)) {
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

static void part_free(FeedPart *part, const FeedParallel *parallel) {
  if (part->consumer) parallel->discard(part->consumer);
  part->consumer = NULL;
  repeats_free(part->repeats);
  part->repeats = NULL;
  id_order_free(&part->order);
  arena_free(&part->arena);
}

/* After both parts read clean: each joins the consumer, with its superseders and ids. */
static PactStatus parts_join(Feed *feed, DiagList *diags, uint32_t file_index, FeedPart parts[2],
                             const FeedParallel *parallel, void *context) {
  PactStatus status = PACT_OK;
  for (int i = 0; i < 2; i++) {
    PactStatus joined = parallel->join(context, parts[i].consumer);
    parts[i].consumer = NULL;
    if (status == PACT_OK) status = joined;
    for (size_t k = 0; k < parts[i].superseder_count && status == PACT_OK; k++)
      status = remember(feed, diags, file_index, &parts[i].superseders[k]);
    if (status == PACT_OK && parts[i].repeats) repeats_merge(feed->repeats, parts[i].repeats);
    if (status == PACT_OK && !feed->resolved &&
        !id_runs_take(&feed->runs, &feed->run_count, &parts[i].order))
      status = PACT_ERR_NOMEM;
    part_free(&parts[i], parallel);
  }
  return status;
}

/*
** Reads the file opened as *reader in two parts on two threads when it is large enough: true
** with *status when it was read so. False when it is to be read on one thread: *reader is as it
** was (but for its header read), or NULL when it was read in vain and must be opened again;
** diags, the feed and the consumer are then as they were.
*/
static bool each_file_parallel(Feed *feed, uint32_t file_index, DiagList *diags, FeedVisit visit,
                               const FeedParallel *parallel, void *context, EventReader **reader,
                               PactStatus *status) {
  if (!parallel || (feed->resolved && (feed->count || feed->skip_count)) || !two_processors())
    return false;
  const char *path = feed->options.files[file_index];
  FeedPart parts[2];
  memset(parts, 0, sizeof parts);
  DiagList second_diags; /* what the second reader reports: any problem means a new reading */
  diag_list_init(&second_diags);
  bool ready = true;
  for (int i = 0; i < 2; i++) {
    parts[i].feed = feed;
    parts[i].path = path;
    parts[i].visit = visit;
    id_order_init(&parts[i].order, file_index);
    arena_init(&parts[i].arena);
    if (!feed->resolved && !(parts[i].repeats = repeats_new())) ready = false;
  }
  EventReader *second = NULL;
  if (ready &&
      event_reader_split(*reader, feed_parallel_min_bytes, &second_diags, &second) == PACT_OK &&
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
      *status = parts_join(feed, diags, file_index, parts, parallel, context);
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
  for (int i = 0; i < 2; i++) part_free(&parts[i], parallel);
  diag_list_free(&second_diags);
  return false;
}

static PactStatus each_file(Feed *feed, uint32_t file_index, DiagList *diags, FeedVisit visit,
                            const FeedParallel *parallel, void *context) {
  const char *path = feed->options.files[file_index];
  EventReader *reader;
  PactStatus status = feed_reader_open(feed, file_index, diags, &reader);
  if (status != PACT_OK) return status;
  if (each_file_parallel(feed, file_index, diags, visit, parallel, context, &reader, &status))
    return status;
  if (!reader) {
    status = feed_reader_open(feed, file_index, diags, &reader);
    if (status != PACT_OK) return status;
  }
  Event e;
  IdOrder order;
  id_order_init(&order, file_index);
  while (status == PACT_OK && event_reader_next(reader, &e)) {
    if (feed->resolved) {
      if (feed->skip_count && is_skipped(feed, file_index, e.line)) continue;
      if (feed->count && superseded(feed, diags, &e)) continue;
    } else {
      int rising = id_order_next(&order, e.id.ptr, e.id.len, e.line);
      if (rising < 0 ||
          (!rising && !repeats_add(feed->repeats, repeats_hash(e.id.ptr, e.id.len)))) {
        status = PACT_ERR_NOMEM;
        break;
      }
      if (e.ref.len && event_kind_supersedes(e.kind)) {
        status = remember(feed, diags, file_index, &e);
        if (status != PACT_OK) break;
      }
    }
    status = visit(context, path, &e);
  }
  if (status == PACT_OK) status = event_reader_status(reader);
  if (status == PACT_OK && event_reader_error_count(reader)) status = PACT_ERR_INVALID;
  event_reader_close(reader);
  if (status == PACT_OK && !id_runs_take(&feed->runs, &feed->run_count, &order))
    status = PACT_ERR_NOMEM;
  id_order_free(&order);
  return status;
}

/* The end of the first reading of the files: repeats sorted out, then what supersedes what. */
static PactStatus first_reading_end(Feed *feed, DiagList *diags, bool *again) {
  size_t errors = diags->errors;
  PactStatus status = sort_out_repeats(feed, diags);
  if (status != PACT_OK) return status;
  check_superseded_once(feed, diags);
  if (diags->errors > errors) return PACT_ERR_INVALID;
  feed->resolved = true;
  *again = feed->count > 0 || feed->skip_count > 0;
  return PACT_OK;
}

static PactStatus each_pass(Feed *feed, DiagList *diags, FeedVisit visit,
                            const FeedParallel *parallel, void *context, bool *again) {
  *again = false;
  if (feed->ledger) {
    LedgerQuery query = {feed->options.has_known_on,
                         feed->options.known_on,
                         feed->ledger_by_id,
                         feed->options.has_held_on,
                         feed->options.held_on,
                         feed->summable,
                         feed->summable_context,
                         feed->has_days,
                         feed->first,
                         feed->last};
    return ledger_each(feed->ledger, &query, diags, visit, context);
  }
  if (!feed->resolved && !feed->repeats && !(feed->repeats = repeats_new())) return PACT_ERR_NOMEM;
  PactStatus status = PACT_OK;
  size_t errors = diags->errors;
  for (int f = 0; f < feed->options.file_count; f++) {
    PactStatus file_status = each_file(feed, (uint32_t)f, diags, visit, parallel, context);
    if (file_status == PACT_ERR_NOMEM) return file_status;
    if (file_status != PACT_OK) status = file_status;
  }
  if (status == PACT_OK && diags->errors > errors) status = PACT_ERR_INVALID;
  if (status != PACT_OK) return status;
  if (!feed->resolved) return first_reading_end(feed, diags, again);
  if (feed->reported) return PACT_OK;
  feed->reported = true;
  for (size_t i = 0; i < feed->note_count; i++) report_repeats(feed, diags, &feed->notes[i]);
  for (size_t i = 0; i < feed->count; i++) {
    const Superseder *s = &feed->items[i];
    if (!s->met && !s->repeat)
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
