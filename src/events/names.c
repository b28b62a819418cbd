/*
** names.c -- see names.h. Each distinct name is looked at once: what it came to (fine, or a
** finding) is remembered in a map, so an event costs a lookup or two.
*/
#include "events/names.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/limits.h"
#include "base/mem.h"
#include "base/strmap.h"
#include "terms/read.h"

typedef enum Finding { FOUND_NEAR_PARTY, FOUND_NO_PARTY, FOUND_NEAR_STREAM } Finding;

/* Which map a name is remembered in. */
typedef enum Seen { SEEN_EARNER, SEEN_OTHER, SEEN_STREAM } Seen;

typedef struct Found {
  Finding what;
  Seen seen;
  const char *name;   /* the event's name, in the check's arena */
  const char *meant;  /* the declared party or named stream it is close to, or NULL */
  const char *clause; /* for a stream: a clause that names the one meant */
  const char *file;
  uint32_t line;
  EventKind kind;
  const char *event_id;
} Found;

enum { NAME_LAST_BYTES = 32 };

/* What a remembered name came to: fine, or found[index] (a map's -1 is a name not met). */
enum { NAME_FINE = INT32_MAX };


struct NameCheck {
  const Agreement *ag;
  const char **parties; /* the declared party ids, NUL-terminated, for "did you mean" */
  size_t party_count;
  const char **streams; /* every stream a revenue-share clause names, once */
  const char **stream_clauses;
  size_t stream_count;
  StrMap declared, named; /* party id -> index; stream -> index */
  StrMap seen[3];         /* names met, by Seen: as an earner, otherwise, as a stream */
  uint32_t seen_count;
  bool seen_full; /* PACT_NAMES_SEEN_MAX names remembered: later ones are not looked at */
  Found *found;
  size_t found_count;
  Arena arena;
  /* The last name met in each map: events in a row mostly repeat their names, and a short
  ** compare is cheaper than a lookup. */
  struct {
    uint32_t len;
    char text[NAME_LAST_BYTES];
  } last[3];
};

static bool keep_stream(NameCheck *c, Str stream, Str clause) {
  if (strmap_get(&c->named, stream.ptr, stream.len) >= 0) return true;
  char *text = arena_strndup(&c->arena, stream.ptr, stream.len);
  char *id = arena_strndup(&c->arena, clause.ptr, clause.len);
  const char **grown = arena_push(&c->arena, (void **)&c->streams, c->stream_count, sizeof *grown);
  const char **by = arena_push(&c->arena, (void **)&c->stream_clauses, c->stream_count, sizeof *by);
  if (!text || !id || !grown || !by) return false;
  c->streams[c->stream_count] = text;
  c->stream_clauses[c->stream_count] = id;
  return strmap_put(&c->named, text, stream.len, (int32_t)c->stream_count++);
}

static bool build(NameCheck *c) {
  const Agreement *ag = c->ag;
  c->parties = arena_alloc(&c->arena, (ag->party_count + 1) * sizeof *c->parties);
  if (!c->parties) return false;
  for (uint32_t i = 0; i < ag->party_count; i++) {
    char *id = arena_strndup(&c->arena, ag->parties[i].id.ptr, ag->parties[i].id.len);
    if (!id || !strmap_put(&c->declared, id, ag->parties[i].id.len, (int32_t)i)) return false;
    c->parties[c->party_count++] = id;
  }
  for (uint32_t v = 0; v < ag->version_count; v++)
    for (uint32_t k = 0; k < ag->versions[v].own_count; k++) {
      const Clause *clause = ag->versions[v].own[k];
      if (clause->kind != CLAUSE_REVENUE_SHARE) continue;
      const RevenueShare *r = &clause->u.share;
      for (uint32_t i = 0; i < r->include.count; i++)
        if (!keep_stream(c, r->include.items[i], clause->id)) return false;
      for (uint32_t i = 0; i < r->exclude.count; i++)
        if (!keep_stream(c, r->exclude.items[i], clause->id)) return false;
    }
  return true;
}

NameCheck *names_new(const Agreement *ag) {
  NameCheck *c = mem_calloc(1, sizeof *c);
  if (!c) return NULL;
  c->ag = ag;
  arena_init(&c->arena);
  strmap_init(&c->declared);
  strmap_init(&c->named);
  for (int i = 0; i < 3; i++) strmap_init(&c->seen[i]);
  if (!build(c)) {
    names_free(c);
    return NULL;
  }
  return c;
}

void names_free(NameCheck *c) {
  if (!c) return;
  strmap_free(&c->declared);
  strmap_free(&c->named);
  for (int i = 0; i < 3; i++) strmap_free(&c->seen[i]);
  free(c->found);
  arena_free(&c->arena);
  free(c);
}

static Str text_str(EventText t) { return (Str){t.ptr, t.len}; }

static PactStatus add_found(NameCheck *c, const Found *f, int32_t *index) {
  Found *grown = mem_realloc(c->found, (c->found_count + 1) * sizeof *grown);
  if (!grown) return PACT_ERR_NOMEM;
  c->found = grown;
  c->found[c->found_count] = *f;
  *index = (int32_t)c->found_count++;
  return PACT_OK;
}

/* Remembers what a name came to; a name met again costs one lookup. */
static PactStatus remember(NameCheck *c, Seen seen, const char *name, uint32_t len, int32_t value) {
  if (c->seen_count >= PACT_NAMES_SEEN_MAX) {
    c->seen_full = true;
    return PACT_OK;
  }
  if (!strmap_put(&c->seen[seen], name, len, value)) return PACT_ERR_NOMEM;
  c->seen_count++;
  return PACT_OK;
}

/* A finding about one name of an event, or none (a fine name is remembered as fine). */
static PactStatus look_at(NameCheck *c, Seen seen, EventText name, const char *path,
                          const Event *e) {
  if (!name.len || c->seen_full) return PACT_OK;
  if (c->last[seen].len == name.len && memcmp(c->last[seen].text, name.ptr, name.len) == 0)
    return PACT_OK;
  if (name.len <= NAME_LAST_BYTES) {
    c->last[seen].len = name.len;
    memcpy(c->last[seen].text, name.ptr, name.len);
  }
  if (strmap_get(&c->seen[seen], name.ptr, name.len) != -1) return PACT_OK;
  bool stream = seen == SEEN_STREAM;
  if (strmap_get(stream ? &c->named : &c->declared, name.ptr, name.len) >= 0) return PACT_OK;
  char *kept = arena_strndup(&c->arena, name.ptr, name.len);
  if (!kept) return PACT_ERR_NOMEM;
  const char *meant = stream ? closest_name(text_str(name), c->streams, c->stream_count)
                             : closest_name(text_str(name), c->parties, c->party_count);
  int32_t value = NAME_FINE;
  if (meant || seen == SEEN_EARNER) {
    Found f = {meant ? (stream ? FOUND_NEAR_STREAM : FOUND_NEAR_PARTY) : FOUND_NO_PARTY,
               seen,
               kept,
               meant,
               NULL,
               NULL,
               e->line,
               e->kind,
               NULL};
    if (meant && stream)
      f.clause = c->stream_clauses[strmap_get(&c->named, meant, (uint32_t)strlen(meant))];
    f.file = arena_strndup(&c->arena, path ? path : "", path ? strlen(path) : 0);
    f.event_id = arena_strndup(&c->arena, e->id.ptr, e->id.len);
    if (!f.file || !f.event_id) return PACT_ERR_NOMEM;
    PactStatus status = add_found(c, &f, &value);
    if (status != PACT_OK) return status;
  }
  return remember(c, seen, kept, name.len, value);
}

PactStatus names_note(NameCheck *c, const char *path, const Event *e) {
  bool earner = e->kind == EVENT_REVENUE || e->kind == EVENT_PROFIT;
  PactStatus status = look_at(c, earner ? SEEN_EARNER : SEEN_OTHER, e->party, path, e);
  if (status == PACT_OK) status = look_at(c, SEEN_OTHER, e->counterparty, path, e);
  if (status == PACT_OK && earner) status = look_at(c, SEEN_STREAM, e->stream, path, e);
  return status;
}

/* Whether look_at would find something of the name (or has). */
static bool finds(const NameCheck *c, Seen seen, EventText name) {
  if (!name.len) return false;
  int32_t value = strmap_get(&c->seen[seen], name.ptr, name.len);
  if (value != -1) return value != NAME_FINE;
  if (c->seen_full) return true; /* not looked at: it might have been */
  bool stream = seen == SEEN_STREAM;
  if (strmap_get(stream ? &c->named : &c->declared, name.ptr, name.len) >= 0) return false;
  if (seen == SEEN_EARNER) return true;
  return (stream ? closest_name(text_str(name), c->streams, c->stream_count)
                 : closest_name(text_str(name), c->parties, c->party_count)) != NULL;
}

bool names_quiet(const NameCheck *c, const Event *e) {
  bool earner = e->kind == EVENT_REVENUE || e->kind == EVENT_PROFIT;
  return !finds(c, earner ? SEEN_EARNER : SEEN_OTHER, e->party) &&
         !finds(c, SEEN_OTHER, e->counterparty) && !(earner && finds(c, SEEN_STREAM, e->stream));
}

/* A copy of from's text in into's arena (NULL stays NULL). */
static bool copy_text(NameCheck *into, const char **text) {
  if (!*text) return true;
  *text = arena_strndup(&into->arena, *text, strlen(*text));
  return *text != NULL;
}

PactStatus names_merge(NameCheck *into, NameCheck *from) {
  for (size_t i = 0; i < from->found_count; i++) {
    Found f = from->found[i];
    if (strmap_get(&into->seen[f.seen], f.name, (uint32_t)strlen(f.name)) != -1) continue;
    if (!copy_text(into, &f.name) || !copy_text(into, &f.meant) || !copy_text(into, &f.clause) ||
        !copy_text(into, &f.file) || !copy_text(into, &f.event_id))
      return PACT_ERR_NOMEM;
    int32_t index;
    PactStatus status = add_found(into, &f, &index);
    if (status == PACT_OK) status = remember(into, f.seen, f.name, (uint32_t)strlen(f.name), index);
    if (status != PACT_OK) return status;
  }
  into->seen_full |= from->seen_full;
  return PACT_OK;
}

void names_report(const NameCheck *c, DiagList *diags) {
  for (size_t i = 0; i < c->found_count; i++) {
    const Found *f = &c->found[i];
    const char *kind = event_kind_name(f->kind);
    char help[PACT_SUGGEST_LEN_MAX * 2 + 160];
    if (f->what == FOUND_NEAR_PARTY) {
      snprintf(help, sizeof help,
               "did you mean '%s'? parties are matched exactly, case "
               "included; every event naming '%s' is affected",
               f->meant, f->name);
      diag_add_line(diags, DIAG_WARNING, "W1111", f->file, f->line, help,
                    "%s '%s' names '%s', which is not a party of the agreement%s%s%s", kind,
                    f->event_id, f->name, f->seen == SEEN_EARNER ? ": its " : "",
                    f->seen == SEEN_EARNER ? kind : "",
                    f->seen == SEEN_EARNER ? " counts in no clause" : "");
    } else if (f->what == FOUND_NO_PARTY) {
      diag_add_line(diags, DIAG_WARNING, "W1112", f->file, f->line,
                    "declare the party in the agreement block, or correct the events",
                    "%s '%s' is of '%s', which is not a party of the agreement: it counts in "
                    "no clause, nor does any other event of '%s'",
                    kind, f->event_id, f->name, f->name);
    } else {
      snprintf(help, sizeof help,
               "did you mean '%s' (named by clause '%s')? streams are "
               "matched exactly, case included",
               f->meant, f->clause);
      diag_add_line(diags, DIAG_WARNING, "W1113", f->file, f->line, help,
                    "%s '%s' has stream '%s', which no clause names", kind, f->event_id, f->name);
    }
  }
  if (c->seen_full)
    diag_add_path(diags, DIAG_NOTE, "W1113", NULL, NULL,
                  "more than %u distinct names: the names met after them were not checked",
                  (unsigned)PACT_NAMES_SEEN_MAX);
}
