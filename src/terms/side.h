/*
** side.h -- an agreement on one side of a comparison: as it is (actual), as if one version had
** stayed in force (the versions after it in the history are dropped once the history is read,
** and that version's terms run on without the last day a later version gave them), or with a
** proposed amendment (one more file holding one version block, which must amend the latest
** version). The agreement carries its side; check.c calls the two steps below while checking.
*/
#ifndef PACT_SIDE_H
#define PACT_SIDE_H

#include "terms/read.h"
#include "terms/terms.h"

/* What to load: the agreement's path, and the side's version or amendment file. */
typedef struct SideSpec {
  SideKind kind;
  const char *version; /* SIDE_AS_IF: the version that stays in force */
  const char *file;    /* SIDE_PROPOSED: the amendment's file */
  const char *latest;  /* SIDE_PROPOSED: the latest version of the agreement as it is */
} SideSpec;

/* Loads and checks the agreement at path on a side (as pact_agreement_load does: always an
** agreement with its diagnostics, or PACT_ERR_NOMEM). */
PactStatus side_load(const char *path, const SideSpec *side, Agreement **out);

/* SIDE_PROPOSED, once every version's amends is resolved and before the history is linked: the
** amendment's file holds one version block, and it amends the latest version (E0605, E0606,
** located in that file). A wrong amends is then taken as the latest, so that the history is
** still read and nothing else is said twice. */
void side_check_amendment(Checker *ck);

/* SIDE_AS_IF, once the history is linked and dated: drops the versions after the one kept,
** renumbering the rest, and lets the kept one run on. False for want of memory. */
bool side_truncate(Checker *ck);

#endif
