/*
** fmt.c -- writes an agreement file back in its one canonical layout: two-space indents,
** single spaces between items, one blank line at most, comments kept where they were.
** It changes layout only, never a token, so a formatted file means exactly what it did.
*/
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "lang/file.h"
#include "lang/parse.h"
#include "pactum.h"

typedef struct Out {
  char *text;
  size_t len;
  size_t capacity;
  bool failed;
} Out;

static void out_write(Out *o, const char *text, size_t len) {
  if (o->failed) return;
  if (o->len + len + 1 > o->capacity) {
    size_t capacity = o->capacity ? o->capacity : 4096;
    while (o->len + len + 1 > capacity) capacity *= 2;
    char *bigger = mem_realloc(o->text, capacity);
    if (!bigger) {
      o->failed = true;
      return;
    }
    o->text = bigger;
    o->capacity = capacity;
  }
  memcpy(o->text + o->len, text, len);
  o->len += len;
  o->text[o->len] = '\0';
}

static void out_cstr(Out *o, const char *text) { out_write(o, text, strlen(text)); }

static void out_indent(Out *o, int depth) {
  for (int i = 0; i < depth; i++) out_write(o, "  ", 2);
}

static void out_token(Out *o, const SyntaxTree *tree, const Token *t) {
  out_write(o, token_text(tree, t), t->length);
}

static void format_block(Out *o, const SyntaxTree *tree, const Node *block, int depth);

static void format_stmt(Out *o, const SyntaxTree *tree, const Node *node, int depth) {
  out_indent(o, depth);
  for (uint32_t i = 0; i < node->item_count; i++) {
    const Token *t = &node->items[i];
    if (i > 0 && t->type != TOK_COMMA) out_write(o, " ", 1);
    out_token(o, tree, t);
  }
  if (node->has_block) out_cstr(o, " {");
  if (node->comment) {
    out_write(o, " ", 1);
    out_token(o, tree, node->comment);
  }
  out_write(o, "\n", 1);
  if (!node->has_block) return;
  format_block(o, tree, node, depth + 1);
  out_indent(o, depth);
  out_write(o, "}", 1);
  if (node->close_comment) {
    out_write(o, " ", 1);
    out_token(o, tree, node->close_comment);
  }
  out_write(o, "\n", 1);
}

static void format_block(Out *o, const SyntaxTree *tree, const Node *block, int depth) {
  for (uint32_t i = 0; i < block->child_count; i++) {
    const Node *node = &block->children[i];
    if (node->kind == NODE_BLANK) {
      out_write(o, "\n", 1);
    } else if (node->kind == NODE_COMMENT) {
      out_indent(o, depth);
      out_token(o, tree, node->items);
      out_write(o, "\n", 1);
    } else {
      format_stmt(o, tree, node, depth);
    }
  }
}

PactStatus pact_format_text(const char *name, const char *text, size_t len, char **out,
                            size_t *out_len, FILE *diag_out, bool color) {
  *out = NULL;
  *out_len = 0;
  Source source;
  if (!source_init(&source, name, text, len, 0)) return PACT_ERR_NOMEM;
  Arena arena;
  arena_init(&arena);
  DiagList diags;
  diag_list_init(&diags);
  SyntaxTree tree;
  PactStatus status = PACT_OK;
  if (!parse_source(&source, &arena, &diags, &tree)) {
    status = PACT_ERR_NOMEM;
  } else if (diags.errors) {
    diag_list_sort(&diags);
    if (diag_out) diag_render_all(diag_out, &diags, color);
    status = PACT_ERR_INVALID;
  } else {
    Out o = {0};
    format_block(&o, &tree, &tree.root, 0);
    if (o.failed) {
      free(o.text);
      status = PACT_ERR_NOMEM;
    } else {
      *out = o.text ? o.text : mem_strdup("");
      *out_len = o.len;
      if (!*out) status = PACT_ERR_NOMEM;
    }
  }
  diag_list_free(&diags);
  arena_free(&arena);
  source_free(&source);
  return status;
}

/* Replaces the file through a temporary in the same folder, so a crash leaves old or new. */
static PactStatus write_atomically(const char *path, const char *text, size_t len) {
  size_t n = strlen(path) + 16;
  char *temp = mem_malloc(n);
  if (!temp) return PACT_ERR_NOMEM;
  snprintf(temp, n, "%s.fmt-XXXXXX", path);
  int fd = mkstemp(temp);
  if (fd < 0) {
    free(temp);
    return PACT_ERR_IO;
  }
  bool ok = true;
  for (size_t done = 0; ok && done < len;) {
    ssize_t w = write(fd, text + done, len - done);
    ok = w > 0;
    if (ok) done += (size_t)w;
  }
  ok = ok && fsync(fd) == 0;
  ok = close(fd) == 0 && ok;
  ok = ok && rename(temp, path) == 0;
  if (!ok) unlink(temp);
  free(temp);
  return ok ? PACT_OK : PACT_ERR_IO;
}

PactStatus pact_format_file(const char *path, bool check_only, bool *changed, FILE *diag_out,
                            bool color) {
  *changed = false;
  DiagList diags;
  diag_list_init(&diags);
  char *text;
  size_t len;
  PactStatus got = read_file_text(path, &text, &len, &diags);
  if (got != PACT_OK) {
    if (diag_out) diag_render_all(diag_out, &diags, color);
    diag_list_free(&diags);
    return got;
  }
  diag_list_free(&diags);
  char *formatted;
  size_t formatted_len;
  PactStatus status =
      pact_format_text(path, text, len, &formatted, &formatted_len, diag_out, color);
  if (status == PACT_OK) {
    *changed = formatted_len != len || memcmp(formatted, text, len) != 0;
    if (*changed && !check_only) status = write_atomically(path, formatted, formatted_len);
  }
  free(formatted);
  free(text);
  return status;
}
