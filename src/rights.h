/*
** rights.h -- who may record what. A party records the events that are its own to know: the
** earner reports its revenue, the payer its payments, the customer its offers and launches, the
** provider offered to its answer, the licensee its use, the licensor its grants, and only the
** parties a milestone names declare it. The ledger enforces this on `import --as PARTY`; the
** rule lives here, in the library, so that any front end only has to establish who is asking.
*/
#ifndef PACT_RIGHTS_H
#define PACT_RIGHTS_H

#include <stddef.h>

#include "events.h"
#include "terms.h"

/*
** Whether party may record e. target is the event e's ref names (the offer a response answers,
** the event a correction or a restatement supersedes), or NULL when no such event is known.
** On false, why holds the reason, for a person: "only the payer records a payment: 'pay1' is
** paid by openai".
*/
bool rights_may_record(const Agreement *agreement, const char *party, const Event *e,
                       const Event *target, char *why, size_t size);

/* Whether an event's ref names an event the rule needs to see (see rights_may_record). */
bool rights_need_target(const Event *e);

#endif
