/*
** read.h -- reading the items of one statement line into typed values, with located errors.
** Every reader reports what it expected and where, and leaves the cursor where it stopped.
*/
#ifndef PACT_READ_H
#define PACT_READ_H

#include "base/strmap.h"
#include "base/suggest.h"
#include "terms/terms.h"

typedef struct Checker {
  Agreement *agreement;
  const SyntaxTree *tree;
  DiagList *diags;
  Arena *arena;
  StrMap parties; /* party id -> index in agreement->parties */
  bool out_of_memory;
} Checker;

typedef struct Cursor {
  Checker *ck;
  const Node *node;
  uint32_t pos;  /* the next item */
  uint32_t end;  /* items before the line's certainty ending */
  Citation cite; /* the line's ending: reported "...", assumed "...", ... */
  bool failed;   /* a reader reported an error on this line */
} Cursor;

Span span_of(const Checker *ck, const Token *token);
/* A span covering tokens first..last of a node. */
Span span_between(const Checker *ck, const Token *first, const Token *last);
Str str_of(const Checker *ck, const Token *token);
Str str_dup(Checker *ck, const char *text, size_t len);

void ck_report(Checker *ck, DiagSeverity severity, const char *code, Span span, const char *help,
               const char *format, ...) __attribute__((format(printf, 6, 7)));

/* Starts reading a statement; reads and strips its certainty ending, if any. */
void cursor_init(Cursor *c, Checker *ck, const Node *node);
bool cursor_at_end(const Cursor *c);
const Token *cursor_peek(const Cursor *c);
/* The keyword that starts the line, for messages. */
Str cursor_keyword(const Cursor *c);

bool read_keyword(Cursor *c, const char *word); /* optional: consumes it if it is next */
/* A word that must come next; a near miss is told "did you mean". */
bool expect_keyword(Cursor *c, const char *word);
/* One of several words; its index, or -1 (reported, with the closest of them). */
int expect_keyword_of(Cursor *c, const char *const *words, size_t count);
bool read_word(Cursor *c, const char *what, Str *out, Span *span);
/* A version's name: a word or a date. */
bool read_name(Cursor *c, const char *what, Str *out, Span *span);
bool read_date(Cursor *c, const char *what, PactDate *out, Span *span);
/* A rate: 20% or 12.5%, with an optional leading `about`; a bare number is an error. */
bool read_rate(Cursor *c, const char *what, PactDecimal *out, bool *about, Span *span);
/* Money: [about] CODE NUMBER [thousand|million|billion|trillion]. */
bool read_money(Cursor *c, int64_t *out_minor, bool *about, Span *span);
/* A count of days: NUMBER days. */
bool read_days(Cursor *c, int32_t *out);
bool read_string(Cursor *c, const char *what, Str *out);
/* word { ',' word } */
bool read_word_list(Cursor *c, const char *what, StrList *out, Span *span);
/* Reports anything left on the line. */
bool expect_end(Cursor *c);

/* For a currency code written in the wrong case (usd): "did you mean 'USD'?" into help. */
bool currency_case_hint(const char *text, size_t len, char *help, size_t size);

/* A party by name; reports an unknown one with the closest declared name. */
bool read_party(Cursor *c, const char *what, Ref *out);
/* A comma-separated list of parties. */
bool read_party_list(Cursor *c, const char *what, RefList *out);

/* The closest of candidates to name, for "did you mean"; NULL when none is close. */
static inline const char *closest_name(Str name, const char *const *candidates, size_t count) {
  return suggest_closest(name.ptr, name.len, candidates, count);
}

#endif
