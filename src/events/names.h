/*
** names.h -- the names events use, held against the agreement's: a party the agreement does not
** declare, and a stream no clause names that is close to one a clause does, are said once each.
**
** An event's names decide where its money goes: revenue of `Northwind` when the party is
** `northwind` counts in no clause, and stream `Hardware` is not excluded by `streams exclude
** hardware`. Nothing is wrong with such an event on its own -- a stream no clause names is
** common -- but a name that misses a declared one by case or a typo is almost always a mistake
** that moves money, so it is said, with the name meant (W1111 for parties, W1113 for streams);
** so is revenue (or profit) of a party the agreement does not declare at all, which counts in
** no clause (W1112). Each distinct name is said once, at the first event that uses it.
*/
#ifndef PACT_NAMES_H
#define PACT_NAMES_H

#include "events/events.h"
#include "terms/terms.h"

typedef struct NameCheck NameCheck;

/* NULL when memory runs out. */
NameCheck *names_new(const Agreement *agreement);
void names_free(NameCheck *check);
/* Looks at an event's party, counterparty and stream; path names its file (copied). */
PactStatus names_note(NameCheck *check, const char *path, const Event *event);
/* Whether names_note would find nothing to say of any event with this one's party,
** counterparty and stream, now or later (a name it has said something of counts as said). */
bool names_quiet(const NameCheck *check, const Event *event);
/* Takes what from (a check of later events) found that into has not; from is left empty. */
PactStatus names_merge(NameCheck *into, NameCheck *from);
/* One warning per name found, in the order first met. */
void names_report(const NameCheck *check, DiagList *diags);

#endif
