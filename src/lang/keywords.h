/*
** keywords.h -- the words that open blocks in an agreement file, at the bottom of the language
** so that the parser (which recovers from a missing '}' by them) and the terms (which name clause
** kinds by them) read the same list.
*/
#ifndef PACT_KEYWORDS_H
#define PACT_KEYWORDS_H

#include <stddef.h>

/* The clause kinds' words, in the order of ClauseKind (terms.h): revenue-share, cloud, licence,
** commitment, equity, milestone. */
enum { KEYWORD_CLAUSE_KIND_COUNT = 6 };
const char *keyword_clause_kind(int kind);

/* The depth at which a block opened by word[0..len) belongs: 0 for agreement, version and
** scenario, 1 for a clause kind and a scenario's revenue and valuation blocks, -1 for any other
** word. */
int keyword_block_level(const char *word, size_t len);

#endif
