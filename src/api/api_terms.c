/*
** terms.c -- pactum.h's questions of an agreement's terms.
*/
#include <string.h>

#include "pactum.h"
#include "terms/terms.h"

int32_t pact_agreement_party(const PactAgreement *agreement, const char *id) {
  return terms_party(agreement, id, (uint32_t)strlen(id));
}

size_t pact_agreement_party_count(const PactAgreement *agreement) { return agreement->party_count; }

const char *pact_agreement_party_id(const PactAgreement *agreement, size_t index) {
  return agreement->party_ids && index < agreement->party_count ? agreement->party_ids[index]
                                                                : NULL;
}

const char *pact_agreement_currency(const PactAgreement *agreement) {
  return agreement->has_currency ? agreement->currency.code : NULL;
}

const char *pact_agreement_version_on(const PactAgreement *agreement, PactDate on) {
  int32_t v = terms_version_on(agreement, on);
  return v >= 0 && agreement->version_names ? agreement->version_names[v] : NULL;
}
