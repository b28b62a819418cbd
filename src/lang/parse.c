/*
** parse.c -- builds the syntax tree from tokens: statements, blocks, comments, blank lines.
** What a statement means is not known here (that is check.c); only its shape is.
*/
#include "lang/parse.h"

#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/mem.h"
#include "lang/keywords.h"

typedef struct Parser {
  SyntaxTree *tree;
  const Token *tok;
  Arena *arena;
  DiagList *diags;
  bool out_of_memory;
} Parser;

/* A growable list of nodes, copied into the arena when its block ends. */
typedef struct NodeVec {
  Node *items;
  uint32_t count;
  uint32_t capacity;
} NodeVec;

static Node *vec_push(Parser *p, NodeVec *vec) {
  if (vec->count == vec->capacity) {
    uint32_t capacity = vec->capacity ? vec->capacity * 2 : 8;
    Node *items = mem_realloc(vec->items, capacity * sizeof *items);
    if (!items) {
      p->out_of_memory = true;
      return NULL;
    }
    vec->items = items;
    vec->capacity = capacity;
  }
  Node *node = &vec->items[vec->count++];
  memset(node, 0, sizeof *node);
  return node;
}

static void parse_error(Parser *p, const char *code, const Token *at, const char *help,
                        const char *message) {
  diag_add(p->diags, DIAG_ERROR, code, p->tree->source, at->offset, at->length, help, "%s",
           message);
}

static bool is_item(const Token *t) {
  return t->type == TOK_WORD || t->type == TOK_DATE || t->type == TOK_NUMBER ||
         t->type == TOK_PERCENT || t->type == TOK_STRING || t->type == TOK_COMMA ||
         t->type == TOK_ERROR;
}

/*
** The depth at which a statement belongs, when its keyword says so: agreement and version
** blocks are top-level, clauses sit in versions. Knowing this lets a missing '}' be reported
** where the block should have ended, instead of every later clause nesting inside it.
*/
static int keyword_level(const Parser *p, const Token *first) {
  return first->type == TOK_WORD ? keyword_block_level(token_text(p->tree, first), first->length)
                                 : -1;
}

/* Does the line starting at t open a block? */
static bool line_opens_block(const Token *t) {
  while (is_item(t)) t++;
  return t->type == TOK_LBRACE;
}

static void skip_line(Parser *p) {
  while (p->tok->type != TOK_NEWLINE && p->tok->type != TOK_EOF) p->tok++;
}

/* After a statement: an optional comment, then the end of the line. */
static const Token *parse_line_end(Parser *p) {
  const Token *comment = NULL;
  if (p->tok->type == TOK_COMMENT) comment = p->tok++;
  if (p->tok->type == TOK_NEWLINE) {
    p->tok++;
  } else if (p->tok->type != TOK_EOF && p->tok->type != TOK_RBRACE) {
    parse_error(p, "E0209", p->tok, "put each term on a line of its own",
                "unexpected text after the end of the statement");
    skip_line(p);
    if (p->tok->type == TOK_NEWLINE) p->tok++;
  }
  return comment;
}

static void parse_block(Parser *p, Node *owner, int depth, const Node *opener);

static void parse_stmt(Parser *p, NodeVec *vec, int depth) {
  Node *node = vec_push(p, vec);
  if (!node) return;
  node->kind = NODE_STMT;
  node->items = p->tok;
  while (is_item(p->tok) && node->item_count < PACT_LINE_ITEMS_MAX) {
    if (p->tok->type == TOK_ERROR) node->poisoned = true;
    node->item_count++;
    p->tok++;
  }
  if (is_item(p->tok)) {
    parse_error(p, "E0210", p->tok, "split the line", "too many items on one line");
    node->poisoned = true;
    while (is_item(p->tok)) p->tok++;
  }
  if (p->tok->type == TOK_LBRACE) {
    node->has_block = true;
    node->open_offset = p->tok->offset;
    p->tok++;
    node->comment = p->tok->type == TOK_COMMENT ? p->tok++ : NULL;
    if (p->tok->type == TOK_NEWLINE) p->tok++;
    parse_block(p, node, depth + 1, node);
    return;
  }
  node->comment = parse_line_end(p);
}

static void report_unclosed(Parser *p, const Node *opener, const Token *before) {
  uint32_t line, column;
  source_locate(p->tree->source, before->offset, &line, &column);
  const Token *kw = opener->items;
  char message[160];
  if (before->type == TOK_EOF)
    snprintf(message, sizeof message,
             "the block of '%.*s' is not closed before the end of the file", (int)kw->length,
             token_text(p->tree, kw));
  else
    snprintf(message, sizeof message, "the block of '%.*s' is not closed before line %u",
             (int)kw->length, token_text(p->tree, kw), line);
  diag_add(p->diags, DIAG_ERROR, "E0202", p->tree->source, opener->open_offset, 1,
           "add a line with '}' where the block ends", "%s", message);
}

/* A block nested deeper than PACT_NESTING_MAX: reported, and skipped without recursing. */
static void skip_nested(Parser *p, Node *owner) {
  parse_error(p, "E0206", p->tok, "agreement files nest at most a few blocks deep",
              "blocks are nested too deeply");
  int level = 1;
  while (p->tok->type != TOK_EOF && level > 0) {
    level += p->tok->type == TOK_LBRACE;
    level -= p->tok->type == TOK_RBRACE;
    p->tok++;
  }
  owner->poisoned = true;
}

/* A comment on a line of its own; false when memory ran out. */
static bool parse_comment(Parser *p, NodeVec *vec) {
  Node *node = vec_push(p, vec);
  if (!node) return false;
  node->kind = NODE_COMMENT;
  node->items = p->tok;
  node->item_count = 1;
  p->tok++;
  if (p->tok->type == TOK_NEWLINE) p->tok++;
  return true;
}

/* A line that starts with what no statement starts with: reported, and skipped. */
static void skip_not_statement(Parser *p, const Token *t) {
  char message[128];
  snprintf(message, sizeof message, "a statement starts with a keyword, not a %s",
           token_type_name((TokenType)t->type));
  parse_error(p, "E0201", t, "start the line with a keyword such as 'rate' or 'party'", message);
  skip_line(p);
  if (p->tok->type == TOK_NEWLINE) p->tok++;
}

/* block -> { stmt | comment | blank } '}' */
static void parse_block(Parser *p, Node *owner, int depth, const Node *opener) {
  NodeVec vec = {0};
  bool blank_pending = false;
  if (depth > PACT_NESTING_MAX) {
    skip_nested(p, owner);
    return;
  }
  while (!p->out_of_memory) {
    const Token *t = p->tok;
    if (t->type == TOK_EOF) {
      if (opener && !p->tree->tokens.stopped) report_unclosed(p, opener, t);
      break;
    }
    if (t->type == TOK_NEWLINE) {
      p->tok++;
      blank_pending = vec.count > 0;
      continue;
    }
    if (t->type == TOK_RBRACE) {
      p->tok++;
      if (opener) {
        owner->close_offset = t->offset;
        owner->close_comment = parse_line_end(p);
        break;
      }
      parse_error(p, "E0203", t, "remove it, or open the block it closes with '{'",
                  "unexpected '}': no block is open here");
      continue;
    }
    if (t->type == TOK_WORD && opener) {
      int level = keyword_level(p, t);
      if (level >= 0 && level < depth && line_opens_block(t)) {
        report_unclosed(p, opener, t);
        break;
      }
    }
    if (blank_pending) {
      Node *blank = vec_push(p, &vec);
      if (blank) blank->kind = NODE_BLANK;
      blank_pending = false;
    }
    if (t->type == TOK_COMMENT) {
      if (!parse_comment(p, &vec)) break;
      continue;
    }
    if (t->type != TOK_WORD && t->type != TOK_ERROR) {
      skip_not_statement(p, t);
      continue;
    }
    parse_stmt(p, &vec, depth);
  }
  if (vec.count && vec.items[vec.count - 1].kind == NODE_BLANK) vec.count--;
  owner->children = arena_grow(p->arena, vec.items, vec.count, vec.count, sizeof(Node));
  if (vec.count && !owner->children) p->out_of_memory = true;
  owner->child_count = vec.count;
  free(vec.items);
}

bool parse_source(const Source *source, Arena *arena, DiagList *diags, SyntaxTree *out) {
  memset(out, 0, sizeof *out);
  out->source = source;
  if (!lex_source(source, arena, diags, &out->tokens)) return false;
  Parser p = {.tree = out, .tok = out->tokens.items, .arena = arena, .diags = diags};
  parse_block(&p, &out->root, 0, NULL);
  return !p.out_of_memory;
}
