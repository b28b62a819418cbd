/*
** terms.c -- pactum.h's questions of an agreement's terms.
*/
#include <string.h>
#include <sys/stat.h>

#include "pactum.h"
#include "terms/side.h"
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

size_t pact_agreement_version_count(const PactAgreement *agreement) {
  return agreement->history_ok ? agreement->history_count : 0;
}

const char *pact_agreement_version_name(const PactAgreement *agreement, size_t index) {
  if (!agreement->history_ok || index >= agreement->history_count || !agreement->version_names)
    return NULL;
  return agreement->version_names[agreement->history[index]];
}

/* ---------------------------------------------------------------- sides */

static bool names_version(const PactAgreement *actual, const char *side) {
  for (size_t i = 0; i < pact_agreement_version_count(actual); i++) {
    const char *name = pact_agreement_version_name(actual, i);
    if (name && strcmp(name, side) == 0) return true;
  }
  return false;
}

PactStatus pact_agreement_load_side(const char *path, const char *side, PactAgreement **out) {
  if (!side || strcmp(side, "actual") == 0) return pact_agreement_load(path, out);
  PactAgreement *actual;
  PactStatus status = pact_agreement_load(path, &actual);
  if (status != PACT_OK) return status;
  *out = actual;
  if (actual->diags.errors) return PACT_OK; /* said as it is, whatever the side */
  SideSpec spec = {SIDE_AS_IF, side, NULL, NULL};
  struct stat st;
  if (!names_version(actual, side)) {
    size_t count = pact_agreement_version_count(actual);
    spec = (SideSpec){SIDE_PROPOSED, NULL, side, pact_agreement_version_name(actual, count - 1)};
    if (count == 0 || stat(side, &st) != 0 || S_ISDIR(st.st_mode)) {
      pact_agreement_free(actual);
      *out = NULL;
      return PACT_ERR_RANGE;
    }
  }
  status = side_load(path, &spec, out);
  pact_agreement_free(actual);
  return status;
}

const char *pact_agreement_side_label(const PactAgreement *agreement) {
  return agreement->side_label ? agreement->side_label : "actual";
}
