/*
** export.c -- a settlement as a journal that ledger and hledger both check clean, a beancount
** file that bean-check accepts, or CSV. Amounts go from integer minor units straight to text.
*/
#include "render/export.h"

#include <stdlib.h>
#include <string.h>

#include "base/invariant.h"
#include "base/mem.h"

/*
** Each party's books sit under its own name (docs/export.md), so that one journal holds both
** sides of every obligation and a team can read its own: the payer's expense and payable, the
** payee's receivable and income, and each side's cash when a payment moves. Kinds are in the
** order the accounts are declared: assets, liabilities, income, expenses.
*/
typedef enum AccountKind {
  ACCOUNT_CASH,       /* Assets:Cash:PARTY */
  ACCOUNT_RECEIVABLE, /* Assets:Revenue-share:PAYEE:PAYER */
  ACCOUNT_PAYABLE,    /* Liabilities:Revenue-share:PAYER:PAYEE */
  ACCOUNT_INCOME,     /* Income:Revenue-share:PAYEE:PAYER:CLAUSE */
  ACCOUNT_EXPENSE     /* Expenses:Revenue-share:PAYER:PAYEE:CLAUSE */
} AccountKind;

static const char *const account_roots[] = {"Assets:Cash", "Assets:Revenue-share",
                                            "Liabilities:Revenue-share", "Income:Revenue-share",
                                            "Expenses:Revenue-share"};

typedef struct Account {
  AccountKind kind;
  int32_t owner;  /* the party whose books hold it */
  int32_t other;  /* the counterparty, or -1 (cash) */
  int32_t clause; /* the clause's name index, or -1 */
} Account;

/* Every transaction has four postings, alternately +amount and -amount, so each balances. */
#define POSTINGS 4

/* One transaction (one CSV row): an obligation, dated its period's last day, or a payment. */
typedef struct Entry {
  PactDate date;
  bool payment;
  size_t index;
} Entry;

/*
** The metadata both journals carry, typed for beancount. The payer and payee are `from` and
** `to`: ledger reads a tag named `payee` as the transaction's payee, in place of its text.
*/
typedef enum FieldType { FIELD_TEXT, FIELD_DATE, FIELD_AMOUNT, FIELD_NUMBER, FIELD_BOOL } FieldType;

typedef struct Field {
  const char *key;
  FieldType type;
  const char *text;
  size_t len;
  char buf[48];
} Field;

#define FIELDS_MAX 16

/* The tags declared for ledger --pedantic: every key a Field may have. */
static const char *const tag_names[] = {
    "from",       "to",        "clause", "version", "period",
    "first",      "last",      "base",   "rate",    "amount_before_cap",
    "cumulative", "cap_binds", "due",    "event"};

typedef struct Export {
  const Settlement *s;
  const Agreement *ag;
  FILE *out;
  PactDate on; /* the statement date: payments up to it are written */
  const Obligation *obligations;
  size_t obligation_count;
  const SettlePayment *payments;
  size_t payment_count;
  Entry *entries; /* in date order */
  size_t entry_count;
  char **party_names;  /* account name components, by party index */
  Str *clause_ids;     /* revenue-share clause ids, in history order, once each */
  char **clause_names; /* their account name components */
  size_t clause_count;
  Account *accounts; /* every account used, once, in declaration order */
  size_t account_count;
  char *account_text; /* room for any account's full name */
  size_t account_size;
  int account_width, amount_width;
} Export;

bool export_format_find(const char *name, ExportFormat *out) {
  static const char *const names[] = {"ledger", "beancount", "csv"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(name, names[i]) == 0) {
      *out = (ExportFormat)i;
      return true;
    }
  return false;
}

/* ---------------------------------------------------------------- names */

static bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool name_taken(char *const *names, size_t count, const char *name) {
  for (size_t i = 0; i < count; i++)
    if (strcmp(names[i], name) == 0) return true;
  return false;
}

/*
** An id as one component of an account name, as beancount requires (a capital or a digit,
** then letters, digits and '-'; ledger and hledger take it too): 'openai' -> 'Openai',
** 'agi_declared' -> 'Agi-declared'. Any other character becomes '-', and a name that would
** start with one gets an 'X' first. Two ids that come out the same ('acme' and 'Acme') are
** told apart by -2, -3, ... on the later one, so the mapping depends only on the agreement.
*/
static char *account_component(Str id, char *const *taken, size_t taken_count) {
  size_t size = (size_t)id.len + 24;
  char *name = mem_malloc(size);
  if (!name) return NULL;
  size_t n = 0;
  if (!id.len || !is_alnum(id.ptr[0])) name[n++] = 'X';
  for (uint32_t i = 0; i < id.len; i++) name[n++] = is_alnum(id.ptr[i]) ? id.ptr[i] : '-';
  name[n] = '\0';
  if (name[0] >= 'a' && name[0] <= 'z') name[0] = (char)(name[0] - 'a' + 'A');
  for (unsigned suffix = 2; name_taken(taken, taken_count, name); suffix++)
    snprintf(name + n, size - n, "-%u", suffix);
  return name;
}

static int32_t clause_index(const Export *x, Str id) {
  for (size_t i = 0; i < x->clause_count; i++)
    if (str_eq(x->clause_ids[i], id)) return (int32_t)i;
  return -1;
}

/* Parties in the order declared; clause ids in the order the history first writes them. */
static PactStatus build_names(Export *x) {
  const Agreement *ag = x->ag;
  x->party_names = mem_calloc(ag->party_count + 1, sizeof *x->party_names);
  if (!x->party_names) return PACT_ERR_NOMEM;
  for (uint32_t i = 0; i < ag->party_count; i++)
    if (!(x->party_names[i] = account_component(ag->parties[i].id, x->party_names, i)))
      return PACT_ERR_NOMEM;
  size_t most = 0;
  for (uint32_t h = 0; h < ag->history_count; h++) most += ag->versions[ag->history[h]].term_count;
  x->clause_ids = mem_calloc(most + 1, sizeof *x->clause_ids);
  x->clause_names = mem_calloc(most + 1, sizeof *x->clause_names);
  if (!x->clause_ids || !x->clause_names) return PACT_ERR_NOMEM;
  for (uint32_t h = 0; h < ag->history_count; h++) {
    const Version *v = &ag->versions[ag->history[h]];
    for (uint32_t k = 0; k < v->term_count; k++) {
      const Clause *c = v->terms[k];
      if (c->kind != CLAUSE_REVENUE_SHARE || clause_index(x, c->id) >= 0) continue;
      x->clause_names[x->clause_count] = account_component(c->id, x->clause_names, x->clause_count);
      if (!x->clause_names[x->clause_count]) return PACT_ERR_NOMEM;
      x->clause_ids[x->clause_count++] = c->id;
    }
  }
  return PACT_OK;
}

/* ---------------------------------------------------------------- entries and accounts */

static int entry_order(const void *pa, const void *pb) {
  const Entry *a = pa, *b = pb;
  if (a->date != b->date) return a->date < b->date ? -1 : 1;
  if (a->payment != b->payment) return a->payment ? 1 : -1;
  return (a->index > b->index) - (a->index < b->index);
}

static int amount_length(const Export *x, int64_t minor) {
  char text[40];
  return (int)pact_money_format(minor < 0 ? minor : -minor, x->ag->currency.minor_digits, text,
                                sizeof text);
}

/* Obligations dated the last day of their period (accrual) or, for a period still running, the
** statement date; payments up to the statement date;
** by date, obligations before payments on one day, each in settle's order. */
static PactStatus build_entries(Export *x) {
  x->entries = mem_malloc((x->obligation_count + x->payment_count + 1) * sizeof *x->entries);
  if (!x->entries) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < x->obligation_count + x->payment_count; i++) {
    bool payment = i >= x->obligation_count;
    size_t index = payment ? i - x->obligation_count : i;
    const SettlePayment *p = payment ? &x->payments[index] : NULL;
    if (payment && p->date > x->on) continue;
    int64_t amount = payment ? p->amount_minor : x->obligations[index].amount_minor;
    if (amount == INT64_MIN) return PACT_ERR_OVERFLOW; /* its posting's opposite must fit */
    int width = amount_length(x, amount);
    if (width > x->amount_width) x->amount_width = width;
    /* An obligation of a period still running on the statement date is dated that day. */
    const Obligation *o = payment ? NULL : &x->obligations[index];
    PactDate date = payment ? p->date : o->accruing ? x->on : o->period.last;
    x->entries[x->entry_count++] = (Entry){date, payment, index};
  }
  if (x->entry_count > 1) qsort(x->entries, x->entry_count, sizeof *x->entries, entry_order);
  return PACT_OK;
}

/* The four accounts an entry posts to, in order; the amount goes +, -, +, -. */
static void entry_accounts(const Export *x, const Entry *e, Account out[POSTINGS]) {
  if (e->payment) {
    const SettlePayment *p = &x->payments[e->index];
    out[0] = (Account){ACCOUNT_PAYABLE, p->payer, p->payee, -1};
    out[1] = (Account){ACCOUNT_CASH, p->payer, -1, -1};
    out[2] = (Account){ACCOUNT_CASH, p->payee, -1, -1};
    out[3] = (Account){ACCOUNT_RECEIVABLE, p->payee, p->payer, -1};
    return;
  }
  const Clause *c = x->obligations[e->index].clause;
  int32_t payer = c->u.share.payer.index, payee = c->u.share.payee.index;
  int32_t clause = clause_index(x, c->id);
  pact_assert(clause >= 0); /* build_names named every revenue share of the history */
  out[0] = (Account){ACCOUNT_EXPENSE, payer, payee, clause};
  out[1] = (Account){ACCOUNT_PAYABLE, payer, payee, -1};
  out[2] = (Account){ACCOUNT_RECEIVABLE, payee, payer, -1};
  out[3] = (Account){ACCOUNT_INCOME, payee, payer, clause};
}

static int account_order(const void *pa, const void *pb) {
  const Account *a = pa, *b = pb;
  if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
  if (a->owner != b->owner) return a->owner < b->owner ? -1 : 1;
  if (a->other != b->other) return a->other < b->other ? -1 : 1;
  return (a->clause > b->clause) - (a->clause < b->clause);
}

/* An account's full name, in x->account_text; returns its length. */
static int account_name(Export *x, const Account *a) {
  pact_assert(a->owner >= 0 && (uint32_t)a->owner < x->ag->party_count);
  pact_assert(a->other < (int32_t)x->ag->party_count && a->clause < (int32_t)x->clause_count);
  char *buf = x->account_text;
  size_t size = x->account_size;
  int n = snprintf(buf, size, "%s:%s", account_roots[a->kind], x->party_names[a->owner]);
  if (a->other >= 0) n += snprintf(buf + n, size - (size_t)n, ":%s", x->party_names[a->other]);
  if (a->clause >= 0) n += snprintf(buf + n, size - (size_t)n, ":%s", x->clause_names[a->clause]);
  return n;
}

/* Adds an account unless it is listed: an agreement's few parties and clauses make few
** accounts, however many entries post to them. */
static bool account_add(Export *x, const Account *a, size_t *capacity) {
  for (size_t i = 0; i < x->account_count; i++)
    if (account_order(&x->accounts[i], a) == 0) return true;
  if (x->account_count == *capacity) {
    size_t bigger = *capacity ? *capacity * 2 : 16;
    Account *accounts = mem_realloc(x->accounts, bigger * sizeof *accounts);
    if (!accounts) return false;
    x->accounts = accounts;
    *capacity = bigger;
  }
  x->accounts[x->account_count++] = *a;
  return true;
}

/* Every account the entries post to, once, assets first; and the longest name's length. */
static PactStatus build_accounts(Export *x) {
  size_t longest_party = 0, longest_clause = 0, capacity = 0;
  for (uint32_t i = 0; i < x->ag->party_count; i++)
    if (strlen(x->party_names[i]) > longest_party) longest_party = strlen(x->party_names[i]);
  for (size_t i = 0; i < x->clause_count; i++)
    if (strlen(x->clause_names[i]) > longest_clause) longest_clause = strlen(x->clause_names[i]);
  x->account_size = 32 + 2 * longest_party + longest_clause;
  x->account_text = mem_malloc(x->account_size);
  if (!x->account_text) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < x->entry_count; i++) {
    Account accounts[POSTINGS];
    entry_accounts(x, &x->entries[i], accounts);
    for (int k = 0; k < POSTINGS; k++)
      if (!account_add(x, &accounts[k], &capacity)) return PACT_ERR_NOMEM;
  }
  if (x->account_count > 1)
    qsort(x->accounts, x->account_count, sizeof *x->accounts, account_order);
  for (size_t i = 0; i < x->account_count; i++) {
    int width = account_name(x, &x->accounts[i]);
    if (width > x->account_width) x->account_width = width;
  }
  return PACT_OK;
}

/* ---------------------------------------------------------------- what each entry says */

static void field_text(Field *f, const char *key, FieldType type, const char *text, size_t len) {
  f->key = key;
  f->type = type;
  f->text = text;
  f->len = len;
}

/* A field whose text is formatted into its own buffer. */
static char *field_buf(Field *f, const char *key, FieldType type) {
  f->key = key;
  f->type = type;
  f->text = f->buf;
  return f->buf;
}

static void field_date(Field *f, const char *key, PactDate day) {
  pact_date_format(day, field_buf(f, key, FIELD_DATE));
  f->len = strlen(f->buf);
}

static void field_amount(const Export *x, Field *f, const char *key, int64_t minor) {
  f->len = pact_money_format(minor, x->ag->currency.minor_digits, field_buf(f, key, FIELD_AMOUNT),
                             sizeof f->buf);
}

static void field_str(Field *f, const char *key, Str s) {
  field_text(f, key, FIELD_TEXT, s.ptr, s.len);
}

static size_t obligation_fields(const Export *x, const Obligation *o, Field fields[FIELDS_MAX]) {
  const RevenueShare *r = &o->clause->u.share;
  size_t n = 0;
  field_str(&fields[n++], "from", *settle_party_id(x->s, r->payer.index));
  field_str(&fields[n++], "to", *settle_party_id(x->s, r->payee.index));
  field_str(&fields[n++], "clause", o->clause->id);
  field_str(&fields[n++], "version", x->ag->versions[o->clause->version].name);
  Field *f = &fields[n++];
  f->len =
      pact_period_label(r->calendar, o->period, field_buf(f, "period", FIELD_TEXT), sizeof f->buf);
  field_date(&fields[n++], "first", o->first);
  field_date(&fields[n++], "last", o->last);
  field_amount(x, &fields[n++], "base", o->base_minor);
  f = &fields[n++];
  if (o->tiered) field_text(f, "rate", FIELD_TEXT, "tiers", 5);
  else f->len = pact_rate_format(r->rate, field_buf(f, "rate", FIELD_NUMBER), sizeof f->buf);
  field_amount(x, &fields[n++], "amount_before_cap", o->uncapped_minor);
  field_amount(x, &fields[n++], "cumulative", o->cumulative_minor);
  field_text(&fields[n++], "cap_binds", FIELD_BOOL, o->cap_binds ? "true" : "false",
             o->cap_binds ? 4 : 5);
  if (o->has_due) field_date(&fields[n++], "due", o->due);
  return n;
}

static size_t payment_fields(const Export *x, const SettlePayment *p, Field fields[FIELDS_MAX]) {
  field_str(&fields[0], "from", *settle_party_id(x->s, p->payer));
  field_str(&fields[1], "to", *settle_party_id(x->s, p->payee));
  field_text(&fields[2], "event", FIELD_TEXT, p->id, strlen(p->id));
  return 3;
}

static size_t entry_fields(const Export *x, const Entry *e, Field fields[FIELDS_MAX]) {
  return e->payment ? payment_fields(x, &x->payments[e->index], fields)
                    : obligation_fields(x, &x->obligations[e->index], fields);
}

static int64_t entry_amount(const Export *x, const Entry *e) {
  return e->payment ? x->payments[e->index].amount_minor : x->obligations[e->index].amount_minor;
}

/*
** Text inside a journal line, first shown as every text report shows outside text (an event's
** id, a party: text_show_char, diag.h), so a control character can neither end the line nor
** reach a terminal, and the journal stays UTF-8: ESC is written \x1b. Then in ledger and hledger
** a ';' starts a comment and a ',' ends a tag's value, so each becomes '_'; in beancount's
** quoted strings, '"' and '\' are escaped instead. (The CSV keeps every byte.)
*/
static void journal_text(FILE *out, const char *text, size_t len, bool beancount) {
  for (size_t i = 0; i < len;) {
    char shown[TEXT_SHOWN_CHAR_MAX];
    size_t used, n = text_show_char(shown, text + i, len - i, &used);
    i += used;
    for (size_t k = 0; k < n; k++) {
      char c = shown[k];
      if (beancount && (c == '"' || c == '\\')) fputc('\\', out);
      else if (!beancount && (c == ';' || c == ',')) c = '_';
      fputc(c, out);
    }
  }
}

/* "globex -> acme: fee 2024-Q1 (v1)", "globex -> acme: payment pay1". */
static void entry_title(const Export *x, const Entry *e, bool beancount) {
  Field fields[FIELDS_MAX];
  entry_fields(x, e, fields);
  FILE *out = x->out;
  journal_text(out, fields[0].text, fields[0].len, beancount);
  fputs(" -> ", out);
  journal_text(out, fields[1].text, fields[1].len, beancount);
  fputs(": ", out);
  if (e->payment) {
    fputs("payment ", out);
    journal_text(out, fields[2].text, fields[2].len, beancount);
    return;
  }
  journal_text(out, fields[2].text, fields[2].len, beancount);
  fputc(' ', out);
  journal_text(out, fields[4].text, fields[4].len, beancount);
  fputs(" (", out);
  journal_text(out, fields[3].text, fields[3].len, beancount);
  fputc(')', out);
  if (x->obligations[e->index].accruing)
    fputs(", accrued so far: the period is still running", out);
}

/* The four postings; indent is the format's own. */
static void entry_postings(Export *x, const Entry *e, const char *indent) {
  Account accounts[POSTINGS];
  entry_accounts(x, e, accounts);
  int64_t amount = entry_amount(x, e);
  for (int k = 0; k < POSTINGS; k++) {
    char text[40];
    pact_money_format(k % 2 ? -amount : amount, x->ag->currency.minor_digits, text, sizeof text);
    int n = account_name(x, &accounts[k]);
    fprintf(x->out, "%s%s%*s  %*s %s\n", indent, x->account_text, x->account_width - n, "",
            x->amount_width, text, x->ag->currency.code);
  }
}

/* ---------------------------------------------------------------- ledger and hledger */

/* Comment lines both journals open with: what this is, and how to read it. */
static void write_header(const Export *x, const char *checkers) {
  char on[11];
  pact_date_format(x->on, on);
  fputs("; pactum export of agreement ", x->out);
  journal_text(x->out, x->ag->id.ptr, x->ag->id.len, false);
  fprintf(x->out,
          ", in %s: what had accrued and been paid by\n"
          "; the statement date, %s (a period still running: what it accrued so far).\n"
          "; Each party's books are its accounts under Revenue-share:PARTY and\n"
          "; Assets:Cash:PARTY; see docs/export.md. Checked with %s.\n\n",
          x->ag->currency.code, on, checkers);
}

static void write_ledger(Export *x) {
  FILE *out = x->out;
  write_header(x, "ledger --pedantic and hledger check --strict");
  fprintf(out, "commodity %s\n\n", x->ag->currency.code);
  for (size_t i = 0; i < sizeof tag_names / sizeof *tag_names; i++)
    fprintf(out, "tag %s\n", tag_names[i]);
  fputc('\n', out);
  for (size_t i = 0; i < x->account_count; i++) {
    account_name(x, &x->accounts[i]);
    fprintf(out, "account %s\n", x->account_text);
  }
  for (size_t i = 0; i < x->entry_count; i++) {
    const Entry *e = &x->entries[i];
    char day[11];
    pact_date_format(e->date, day);
    fprintf(out, "\n%s * ", day);
    entry_title(x, e, false);
    fputc('\n', out);
    Field fields[FIELDS_MAX];
    size_t n = entry_fields(x, e, fields);
    for (size_t k = 0; k < n; k++) {
      fprintf(out, "    ; %s: ", fields[k].key);
      journal_text(out, fields[k].text, fields[k].len, false);
      fputc('\n', out);
    }
    entry_postings(x, e, "    ");
  }
}

/* ---------------------------------------------------------------- beancount */

static void beancount_string(FILE *out, const char *text, size_t len) {
  fputc('"', out);
  journal_text(out, text, len, true);
  fputc('"', out);
}

static void beancount_field(const Export *x, const Field *f) {
  FILE *out = x->out;
  fprintf(out, "  %s: ", f->key);
  switch (f->type) {
    case FIELD_TEXT: beancount_string(out, f->text, f->len); break;
    case FIELD_AMOUNT: fprintf(out, "%.*s %s", (int)f->len, f->text, x->ag->currency.code); break;
    case FIELD_BOOL: fputs(f->text[0] == 't' ? "TRUE" : "FALSE", out); break;
    case FIELD_DATE:
    case FIELD_NUMBER: fprintf(out, "%.*s", (int)f->len, f->text); break;
  }
  fputc('\n', out);
}

/* Every account opens, and the currency is declared, on the first entry's day. */
static void write_beancount(Export *x) {
  FILE *out = x->out;
  const Agreement *ag = x->ag;
  write_header(x, "bean-check");
  Str title = ag->title.len ? ag->title : ag->id;
  fputs("option \"title\" ", out);
  beancount_string(out, title.ptr, title.len);
  fprintf(out, "\noption \"operating_currency\" \"%s\"\n", ag->currency.code);
  if (!x->entry_count) return;
  char first[11];
  pact_date_format(x->entries[0].date, first);
  fprintf(out, "\n%s commodity %s\n", first, ag->currency.code);
  for (size_t i = 0; i < x->account_count; i++) {
    account_name(x, &x->accounts[i]);
    fprintf(out, "%s open %s %s\n", first, x->account_text, ag->currency.code);
  }
  for (size_t i = 0; i < x->entry_count; i++) {
    const Entry *e = &x->entries[i];
    char day[11];
    pact_date_format(e->date, day);
    fprintf(out, "\n%s * \"", day);
    entry_title(x, e, true);
    fputs("\"\n", out);
    Field fields[FIELDS_MAX];
    size_t n = entry_fields(x, e, fields);
    for (size_t k = 0; k < n; k++) beancount_field(x, &fields[k]);
    entry_postings(x, e, "  ");
  }
}

/* ---------------------------------------------------------------- CSV */

static const char *const csv_columns[] = {
    "record",   "date",       "payer",     "payee", "clause", "version",
    "period",   "first",      "last",      "base",  "rate",   "amount_before_cap",
    "amount",   "cumulative", "cap_binds", "due",   "paid",   "outstanding",
    "standing", "event",      "currency"};

enum { CSV_COLUMNS = sizeof csv_columns / sizeof *csv_columns };

/* RFC 4180: a value holding a comma, a quote or a line break is quoted, its quotes doubled. */
static void csv_value(FILE *out, const char *text, size_t len) {
  bool quote = false;
  for (size_t i = 0; i < len && !quote; i++)
    quote = text[i] == ',' || text[i] == '"' || text[i] == '\r' || text[i] == '\n';
  if (!quote) {
    fwrite(text, 1, len, out);
    return;
  }
  fputc('"', out);
  for (size_t i = 0; i < len; i++) {
    if (text[i] == '"') fputc('"', out);
    fputc(text[i], out);
  }
  fputc('"', out);
}

/* A field copied into its column; one formatted in its own buffer keeps pointing at it. */
static void csv_set(Field row[CSV_COLUMNS], const char *column, const Field *f) {
  if (strcmp(column, "from") == 0) column = "payer";
  if (strcmp(column, "to") == 0) column = "payee";
  for (int i = 0; i < CSV_COLUMNS; i++) {
    if (strcmp(csv_columns[i], column) != 0) continue;
    row[i] = *f;
    if (f->text == f->buf) row[i].text = row[i].buf;
  }
}

/* The row's extra columns, beyond the journals' fields. */
static void csv_row(const Export *x, const Entry *e, Field row[CSV_COLUMNS]) {
  Field fields[FIELDS_MAX], f;
  size_t n = entry_fields(x, e, fields);
  for (size_t k = 0; k < n; k++) csv_set(row, fields[k].key, &fields[k]);
  field_text(&f, "record", FIELD_TEXT, e->payment ? "payment" : "obligation", e->payment ? 7 : 10);
  csv_set(row, "record", &f);
  field_date(&f, "date", e->date);
  csv_set(row, "date", &f);
  field_amount(x, &f, "amount", entry_amount(x, e));
  csv_set(row, "amount", &f);
  field_text(&f, "currency", FIELD_TEXT, x->ag->currency.code, strlen(x->ag->currency.code));
  csv_set(row, "currency", &f);
  if (e->payment) return;
  const Obligation *o = &x->obligations[e->index];
  field_amount(x, &f, "paid", o->paid_minor);
  csv_set(row, "paid", &f);
  field_amount(x, &f, "outstanding", o->amount_minor - o->paid_minor);
  csv_set(row, "outstanding", &f);
  const char *words = settle_standing(o);
  field_text(&f, "standing", FIELD_TEXT, words, strlen(words));
  csv_set(row, "standing", &f);
}

static void write_csv(Export *x) {
  for (int i = 0; i < CSV_COLUMNS; i++) fprintf(x->out, "%s%s", i ? "," : "", csv_columns[i]);
  fputc('\n', x->out);
  for (size_t i = 0; i < x->entry_count; i++) {
    Field row[CSV_COLUMNS];
    memset(row, 0, sizeof row);
    csv_row(x, &x->entries[i], row);
    for (int k = 0; k < CSV_COLUMNS; k++) {
      if (k) fputc(',', x->out);
      if (row[k].text) csv_value(x->out, row[k].text, row[k].len);
    }
    fputc('\n', x->out);
  }
}

/* ---------------------------------------------------------------- the whole */

static void export_free(Export *x) {
  for (uint32_t i = 0; x->party_names && i < x->ag->party_count; i++) free(x->party_names[i]);
  free(x->party_names);
  for (size_t i = 0; x->clause_names && i < x->clause_count; i++) free(x->clause_names[i]);
  free(x->clause_names);
  free(x->clause_ids);
  free(x->entries);
  free(x->accounts);
  free(x->account_text);
}

PactStatus export_write(const Settlement *settlement, ExportFormat format, FILE *out) {
  if (settle_readable(settlement) != PACT_OK) return PACT_ERR_MISUSE;
  Export x = {.s = settlement, .ag = settle_agreement(settlement), .out = out};
  x.obligations = settle_obligations(settlement, &x.obligation_count);
  x.payments = settle_payments(settlement, &x.payment_count);
  x.on = settle_options(settlement)->as_of;
  PactStatus status = build_names(&x);
  if (status == PACT_OK) status = build_entries(&x);
  if (status == PACT_OK) status = build_accounts(&x);
  if (status == PACT_OK) {
    if (format == EXPORT_LEDGER) write_ledger(&x);
    else if (format == EXPORT_BEANCOUNT) write_beancount(&x);
    else write_csv(&x);
    if (fflush(out) != 0 || ferror(out)) status = PACT_ERR_IO;
  }
  export_free(&x);
  return status;
}
