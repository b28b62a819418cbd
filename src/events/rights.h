/*
** rights.h -- who may record what. A party records the events that are its own to know: the
** earner reports its revenue, the payer its payments, the customer its offers and launches, the
** provider offered to its answer, the licensee its use, the licensor its grants, and only the
** parties a milestone names declare it. The ledger enforces this on `import --as PARTY`; the
** rule lives here, in the library, so that any front end only has to establish who is asking.
**
** Who may declare a milestone is one rule, used by import --as, settle, decide and audit alike
** (docs/ledger.md, "Who may declare a milestone"): the wording of the milestone in the version
** in force on the day the event says it happened; when that version has no milestone of that
** id (the day is before the first version, or the milestone was added later or removed
** earlier), the wording of the last version before that day that has one, else of the first
** after it.
*/
#ifndef PACT_RIGHTS_H
#define PACT_RIGHTS_H

#include <stddef.h>

#include "events/events.h"
#include "terms/terms.h"

/* Where a milestone's wording for a day comes from. */
typedef enum RightsWording {
  RIGHTS_IN_FORCE = 0, /* the version in force on the day words it */
  RIGHTS_LAST_BEFORE,  /* it does not: the last version before the day that does */
  RIGHTS_FIRST_AFTER   /* no version before it does: the first after the day */
} RightsWording;

/*
** The milestone clause whose `declared by` decides who may declare the milestone subject names
** (agi_declared is agi-declared) on day, as above; NULL when no version has such a milestone.
** version (may be NULL) receives the version whose terms word it, and how (RightsWording).
*/
const Clause *rights_milestone(const Agreement *agreement, const char *subject, uint32_t len,
                               PactDate day, const Version **version, RightsWording *how);

/*
** Whether party may declare the milestone subject names on day (the event's date). On false,
** why holds the reason, for a person: "only beta may declare handover on 2024-06-01, as version v1
** words it", or "the agreement has no milestone 'x'".
*/
bool rights_may_declare(const Agreement *agreement, const char *subject, uint32_t subject_len,
                        const char *party, uint32_t party_len, PactDate day, char *why,
                        size_t size);

/*
** Finds the event of an id for rights_may_record: fills *out and returns true when the ledger
** holds it; false when it does not (or, with *failed set, when it could not be read). *out's
** texts need only live until the next call.
*/
typedef bool (*RightsFind)(void *context, const char *id, uint32_t len, Event *out, bool *failed);

/*
** Whether party may record e. When e's ref names an event the rule needs to see (the offer a
** response answers, the event a correction or a restatement supersedes), find looks it up; a
** correction of a correction speaks for the event that one corrects, and so on down the chain
** to the first event that is not a correction. On false, why holds the reason, for a person:
** "only the payer records a payment: 'pay1' is paid by openai". Returns PACT_ERR_IO when find
** failed, PACT_ERR_NOMEM when memory ran out (why then says nothing), else PACT_OK with *may.
*/
PactStatus rights_may_record(const Agreement *agreement, const char *party, const Event *e,
                             RightsFind find, void *context, bool *may, char *why, size_t size);

/* Whether an event's ref names an event the rule needs to see (see rights_may_record). */
bool rights_need_target(const Event *e);

#endif
