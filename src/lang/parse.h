/*
** parse.h -- the syntax tree of an agreement file: lines of items, some opening a block.
** The tree keeps comments and blank lines, so that fmt can write the file back.
*/
#ifndef PACT_PARSE_H
#define PACT_PARSE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "lang/lex.h"

typedef enum NodeKind { NODE_STMT, NODE_COMMENT, NODE_BLANK } NodeKind;

/* stmt -> item { item } [ '{' block '}' ]    (one line; items are words, dates, numbers,
**                                             percentages, strings and commas) */
typedef struct Node {
  uint8_t kind;
  bool poisoned; /* holds text the lexer rejected: already reported, not checked again */
  bool has_block;
  const Token *items; /* the line's items (for NODE_COMMENT, the comment) */
  uint32_t item_count;
  const Token *comment;       /* comment at the end of the statement's (or '{') line */
  const Token *close_comment; /* comment after the block's '}' */
  uint32_t open_offset;       /* the '{' */
  uint32_t close_offset;      /* the '}' */
  struct Node *children;
  uint32_t child_count;
} Node;

typedef struct SyntaxTree {
  const Source *source;
  TokenList tokens;
  Node root; /* a block holding the file's top-level lines */
} SyntaxTree;

/* Parses a whole source; syntax errors go to diags. False only when memory runs out. */
bool parse_source(const Source *source, Arena *arena, DiagList *diags, SyntaxTree *out);

/* The text of a token, and helpers for reading statements. */
static inline const char *token_text(const SyntaxTree *tree, const Token *token) {
  return tree->source->text + token->offset;
}
/* Inline so that the length of a literal word is known when compiling. */
static inline bool token_is(const SyntaxTree *tree, const Token *token, const char *word) {
  size_t n = strlen(word);
  return token->length == n && token->type == TOK_WORD &&
         memcmp(token_text(tree, token), word, n) == 0;
}

#endif
