/*
** lex.h -- the agreement language's tokens.
** The lexer turns a Source into a flat token array and reports what it cannot read.
*/
#ifndef PACT_LEX_H
#define PACT_LEX_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"

typedef enum TokenType {
  TOK_EOF = 0,
  TOK_NEWLINE,
  TOK_WORD,    /* openai-pays-microsoft, model:gpt-6 */
  TOK_DATE,    /* 2026-04-27 */
  TOK_NUMBER,  /* 45, 0.2, 38,000,000,000 */
  TOK_PERCENT, /* 20%, 12.5% */
  TOK_STRING,  /* "..." (may span lines) */
  TOK_LBRACE,
  TOK_RBRACE,
  TOK_COMMA,
  TOK_COMMENT, /* # ... to the end of the line */
  TOK_ERROR    /* text the lexer rejected (already reported) */
} TokenType;

typedef struct Token {
  uint8_t type;
  uint32_t offset;
  uint32_t length;
} Token;

typedef struct TokenList {
  Token *items;
  uint32_t count;
  bool stopped; /* the lexer gave up before the end (not text, too many problems) */
} TokenList;

/* Always ends with TOK_EOF. Returns false only when memory runs out. */
bool lex_source(const Source *source, Arena *arena, DiagList *diags, TokenList *out);
const char *token_type_name(TokenType type);

#endif
