/*
** lex.c -- reads agreement text into tokens: words, dates, numbers, strings, braces, comments.
** It never stops at the first problem: a bad token is reported, marked TOK_ERROR and skipped.
*/
#include "base/utf8.h"
#include "lang/lex.h"

#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/mem.h"

typedef struct Lexer {
  const Source *source;
  const char *text;
  uint32_t len;
  uint32_t pos;
  DiagList *diags;
  Token *items;
  uint32_t count;
  uint32_t capacity;
  bool out_of_memory;
} Lexer;

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool is_word_char(char c) { return is_alpha(c) || is_digit(c) || c == '-'; }

static void lex_push(Lexer *lx, TokenType type, uint32_t offset, uint32_t length) {
  if (lx->count == lx->capacity) {
    uint32_t capacity = lx->capacity ? lx->capacity * 2 : 256;
    Token *items = mem_realloc(lx->items, capacity * sizeof *items);
    if (!items) {
      lx->out_of_memory = true;
      return;
    }
    lx->items = items;
    lx->capacity = capacity;
  }
  lx->items[lx->count++] = (Token){(uint8_t)type, offset, length};
}

static void lex_error(Lexer *lx, const char *code, uint32_t offset, uint32_t length,
                      const char *help, const char *what) {
  diag_add(lx->diags, DIAG_ERROR, code, lx->source, offset, length, help, "%s", what);
  lex_push(lx, TOK_ERROR, offset, length);
}

/* word -> letter { letter | digit | '-' } [ ':' qualifier ] */
static void lex_word(Lexer *lx) {
  uint32_t start = lx->pos;
  while (lx->pos < lx->len && is_word_char(lx->text[lx->pos])) lx->pos++;
  if (lx->pos + 1 < lx->len && lx->text[lx->pos] == ':' &&
      (is_word_char(lx->text[lx->pos + 1]) || lx->text[lx->pos + 1] == '.')) {
    lx->pos++;
    while (lx->pos < lx->len && (is_word_char(lx->text[lx->pos]) || lx->text[lx->pos] == '.'))
      lx->pos++;
  }
  lex_push(lx, TOK_WORD, start, lx->pos - start);
}

static uint32_t count_digits(const Lexer *lx, uint32_t at) {
  uint32_t n = 0;
  while (at + n < lx->len && is_digit(lx->text[at + n])) n++;
  return n;
}

/* date -> digit{4} '-' digit{2} '-' digit{2}; whether the day exists is the checker's concern. */
static void lex_date(Lexer *lx) {
  uint32_t start = lx->pos;
  while (lx->pos < lx->len && (is_digit(lx->text[lx->pos]) || lx->text[lx->pos] == '-')) lx->pos++;
  uint32_t n = lx->pos - start;
  const char *t = lx->text + start;
  bool ok = n == 10 && t[4] == '-' && t[7] == '-' && count_digits(lx, start) == 4 &&
            count_digits(lx, start + 5) == 2 && count_digits(lx, start + 8) == 2;
  if (ok && lx->pos < lx->len && is_alpha(lx->text[lx->pos])) ok = false;
  if (ok) {
    lex_push(lx, TOK_DATE, start, n);
    return;
  }
  while (lx->pos < lx->len && is_word_char(lx->text[lx->pos])) lx->pos++;
  char what[96];
  snprintf(what, sizeof what, "malformed date '%.*s'", (int)(lx->pos - start), t);
  lex_error(lx, "E0102", start, lx->pos - start,
            "write dates as YYYY-MM-DD, with two-digit months and days: 2026-04-27", what);
}

/* number -> [ '-' ] digits { ',' digit{3} } [ '.' digits ] [ '%' ]
** A negative number is read as one, so that the checker can say why it is out of range (a
** negative rate or cap) instead of calling its '-' unexpected, whose removal flips the sign. */
static void lex_number(Lexer *lx) {
  uint32_t start = lx->pos;
  bool ok = true;
  if (lx->text[lx->pos] == '-') lx->pos++;
  lx->pos += count_digits(lx, lx->pos);
  while (lx->pos < lx->len && lx->text[lx->pos] == ',' && lx->pos + 1 < lx->len &&
         is_digit(lx->text[lx->pos + 1])) {
    uint32_t group = count_digits(lx, lx->pos + 1);
    if (group != 3) ok = false;
    lx->pos += 1 + group;
  }
  if (lx->pos < lx->len && lx->text[lx->pos] == '.') {
    uint32_t frac = count_digits(lx, lx->pos + 1);
    if (frac == 0) ok = false;
    lx->pos += 1 + frac;
  }
  bool percent = lx->pos < lx->len && lx->text[lx->pos] == '%';
  if (percent) lx->pos++;
  if (lx->pos < lx->len && (is_alpha(lx->text[lx->pos]) || lx->text[lx->pos] == '.')) {
    ok = false;
    while (lx->pos < lx->len && (is_word_char(lx->text[lx->pos]) || lx->text[lx->pos] == '.'))
      lx->pos++;
  }
  if (ok) {
    lex_push(lx, percent ? TOK_PERCENT : TOK_NUMBER, start, lx->pos - start);
    return;
  }
  char what[96];
  snprintf(what, sizeof what, "malformed number '%.*s'", (int)(lx->pos - start), lx->text + start);
  lex_error(lx, "E0104", start, lx->pos - start,
            "write numbers as 45, 0.2, 12.5% or 38,000,000,000 (commas between groups of three "
            "digits), with a space before any word that follows",
            what);
}

/* Reports a byte that is not UTF-8; returns false. */
static bool report_bad_utf8(Lexer *lx, uint32_t at) {
  char what[64];
  snprintf(what, sizeof what, "invalid UTF-8: byte 0x%02X", (unsigned char)lx->text[at]);
  diag_add(lx->diags, DIAG_ERROR, "E0108", lx->source, at, 1, "save the file as UTF-8", "%s", what);
  return false;
}

/* string -> '"' { char | '\' escape } '"'; may span lines. */
static void lex_string(Lexer *lx) {
  uint32_t start = lx->pos++;
  bool bad = false; /* a bad escape or byte: reported, and the string is not used */
  while (lx->pos < lx->len && lx->text[lx->pos] != '"') {
    if ((unsigned char)lx->text[lx->pos] >= 0x80) {
      uint32_t n = utf8_char_length(lx->text + lx->pos, lx->len - lx->pos);
      if (n == 0) {
        report_bad_utf8(lx, lx->pos);
        bad = true;
        n = 1;
      }
      lx->pos += n;
      continue;
    }
    if (lx->text[lx->pos] == '\\') {
      char e = lx->pos + 1 < lx->len ? lx->text[lx->pos + 1] : '\0';
      if (e != '"' && e != '\\' && e != 'n' && e != 't') {
        diag_add(lx->diags, DIAG_ERROR, "E0105", lx->source, lx->pos, 2,
                 "the escapes are \\\" \\\\ \\n and \\t", "unknown escape in string");
        bad = true;
      }
      lx->pos++;
    }
    lx->pos++;
  }
  uint32_t eol = start;
  while (eol < lx->len && lx->text[eol] != '\n') eol++;
  if (lx->pos >= lx->len) {
    /* Recover at the end of the string's first line so later lines are still checked. */
    lex_error(lx, "E0103", start, eol - start, "add a closing '\"'", "string is not closed");
    lx->pos = eol;
    return;
  }
  /*
  ** A string that runs over lines and ends on a quote with text glued after it ("Reseller...)
  ** most likely took another string's opening quote for its close: the quote missing is on the
  ** line where it opened. Reported there, and read again from the end of that line, so that
  ** the strings after it pair up as written.
  */
  if (lx->pos > eol && lx->pos + 1 < lx->len &&
      (is_word_char(lx->text[lx->pos + 1]) || lx->text[lx->pos + 1] == '.')) {
    uint32_t line, column;
    source_locate(lx->source, lx->pos, &line, &column);
    char help[160];
    snprintf(help, sizeof help,
             "add a closing '\"' on this line; as written, the string runs "
             "on to the quote on line %u",
             line);
    lex_error(lx, "E0103", start, eol - start, help, "string is not closed on its line");
    lx->pos = eol;
    return;
  }
  lx->pos++;
  lex_push(lx, bad ? TOK_ERROR : TOK_STRING, start, lx->pos - start);
}

static void lex_unexpected(Lexer *lx) {
  uint32_t start = lx->pos;
  unsigned char c = (unsigned char)lx->text[start];
  uint32_t n = c < 0x80 ? 1 : utf8_char_length(lx->text + start, lx->len - start);
  if (n == 0) {
    lx->pos++;
    char what[64];
    snprintf(what, sizeof what, "invalid UTF-8: byte 0x%02X", c);
    lex_error(lx, "E0108", start, 1, "save the file as UTF-8", what);
    return;
  }
  lx->pos += n;
  char what[96];
  if (c < 0x20 || c == 0x7F) snprintf(what, sizeof what, "unexpected control character 0x%02X", c);
  else snprintf(what, sizeof what, "unexpected character '%.*s'", (int)n, lx->text + start);
  const char *help = c == ':' || c == '=' ? "a term is written as a keyword and its value, "
                                            "separated by spaces: rate 20%"
                     : c >= 0x80 ? "outside strings and comments only ASCII letters, digits, "
                                   "'-', ',', '%', '{' and '}' are allowed"
                                 : "remove it, or put text in double quotes";
  lex_error(lx, "E0101", start, n, help, what);
}

static void lex_one(Lexer *lx) {
  char c = lx->text[lx->pos];
  uint32_t start = lx->pos;
  if (c == '\n') {
    lex_push(lx, TOK_NEWLINE, lx->pos++, 1);
  } else if (c == ' ' || c == '\t' || c == '\r') {
    lx->pos++;
  } else if (c == '#') {
    bool valid = true;
    while (lx->pos < lx->len && lx->text[lx->pos] != '\n') {
      uint32_t n = utf8_char_length(lx->text + lx->pos, lx->len - lx->pos);
      if (n == 0) valid = report_bad_utf8(lx, lx->pos);
      lx->pos += n ? n : 1;
    }
    uint32_t end = lx->pos;
    while (end > start && (lx->text[end - 1] == '\r' || lx->text[end - 1] == ' ')) end--;
    lex_push(lx, valid ? TOK_COMMENT : TOK_ERROR, start, end - start);
  } else if (c == '{' || c == '}' || c == ',') {
    lx->pos++;
    lex_push(lx, c == '{' ? TOK_LBRACE : c == '}' ? TOK_RBRACE : TOK_COMMA, start, 1);
  } else if (c == '"') {
    lex_string(lx);
  } else if (is_alpha(c)) {
    lex_word(lx);
  } else if (c == '-' && lx->pos + 1 < lx->len && is_digit(lx->text[lx->pos + 1])) {
    lex_number(lx);
  } else if (is_digit(c)) {
    if (count_digits(lx, lx->pos) == 4 && lx->pos + 4 < lx->len && lx->text[lx->pos + 4] == '-')
      lex_date(lx);
    else lex_number(lx);
  } else {
    lex_unexpected(lx);
  }
}

/* A NUL byte means this is not a text file: one error, not one per byte. */
static bool lex_is_text(Lexer *lx) {
  const char *nul = memchr(lx->text, '\0', lx->len);
  if (!nul) return true;
  diag_add(lx->diags, DIAG_ERROR, "E0106", lx->source, (uint32_t)(nul - lx->text), 1,
           "agreement files are UTF-8 text; check that this is the right file",
           "this is not a text file: it holds a NUL byte");
  return false;
}

bool lex_source(const Source *source, Arena *arena, DiagList *diags, TokenList *out) {
  Lexer lx = {.source = source, .text = source->text, .len = source->len, .diags = diags};
  if (lx.len >= 3 && memcmp(lx.text, "\xEF\xBB\xBF", 3) == 0) lx.pos = 3; /* byte-order mark */
  bool stopped = !lex_is_text(&lx);
  if (stopped) lx.pos = lx.len;
  size_t errors_before = diags->errors;
  while (lx.pos < lx.len && !lx.out_of_memory) {
    lex_one(&lx);
    if (diags->errors - errors_before >= PACT_LEX_ERRORS_MAX) {
      diag_add(diags, DIAG_ERROR, "E0107", source, lx.pos, 0,
               "check that this is an agreement file; fix the problems above and check again",
               "too many problems; stopped reading the file here");
      stopped = true;
      break;
    }
  }
  lex_push(&lx, TOK_EOF, lx.len, 0);
  out->items = NULL;
  out->count = 0;
  out->stopped = stopped;
  if (lx.out_of_memory) {
    free(lx.items);
    return false;
  }
  out->items = arena_grow(arena, lx.items, lx.count, lx.count, sizeof(Token));
  free(lx.items);
  if (!out->items) return false;
  out->count = lx.count;
  return true;
}

const char *token_type_name(TokenType type) {
  static const char *const names[] = {"end of file", "end of line", "word",    "date",
                                      "number",      "percentage",  "string",  "'{'",
                                      "'}'",         "','",         "comment", "invalid text"};
  return type <= TOK_ERROR ? names[type] : "token";
}
