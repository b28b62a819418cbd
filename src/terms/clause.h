/*
** clause.h -- reading one clause block (revenue-share, cloud, licence, ...) into a Clause.
** Each line is checked for its form and types here; cross-references are check.c's.
*/
#ifndef PACT_CLAUSE_H
#define PACT_CLAUSE_H

#include "terms/read.h"

/* The clause kind a keyword names, or false. */
bool clause_kind_find(const SyntaxTree *tree, const Token *keyword, ClauseKind *out);
/* Reads `KIND ID { ... }`; returns NULL only when memory runs out. */
Clause *clause_read(Checker *ck, const Node *node, ClauseKind kind, uint32_t version);
/* Reads `source CERTAINTY "..."`: the line's ending is its value. */
bool read_source_line(Cursor *c, Citation *out);
/* Records a line's certainty ending as a note on field. */
void note_add(Checker *ck, TermNote **notes, const char *field, Citation cite);

#endif
