/*
** keywords.c -- the block-opening words.
*/
#include "lang/keywords.h"

#include <string.h>

static const char *const clause_kinds[KEYWORD_CLAUSE_KIND_COUNT] = {
    "revenue-share", "cloud", "licence", "commitment", "equity", "milestone"};

const char *keyword_clause_kind(int kind) {
  return kind >= 0 && kind < KEYWORD_CLAUSE_KIND_COUNT ? clause_kinds[kind] : NULL;
}

static int word_is(const char *word, size_t len, const char *keyword) {
  return strlen(keyword) == len && memcmp(word, keyword, len) == 0;
}

int keyword_block_level(const char *word, size_t len) {
  if (word_is(word, len, "agreement") || word_is(word, len, "version") ||
      word_is(word, len, "scenario"))
    return 0;
  if (word_is(word, len, "revenue") || word_is(word, len, "valuation")) return 1;
  for (int k = 0; k < KEYWORD_CLAUSE_KIND_COUNT; k++)
    if (word_is(word, len, clause_kinds[k])) return 1;
  return -1;
}
