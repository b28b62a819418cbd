/*
** money.h -- the money module's private half: the wide type for intermediates and exact rounding.
** Other modules that do their own money arithmetic use these; nothing here is public API.
*/
#ifndef PACT_MONEY_H
#define PACT_MONEY_H

#include "pactum.h"

/* Wide enough for any int64 times any int64, so products of amounts and rates are exact.
** __extension__ keeps -Wpedantic quiet about a type that ISO C does not have. */
__extension__ typedef __int128 PactWide;

/*
** Rounds numerator / denominator to an integer with the given mode, exactly.
** denominator must be > 0 and mode one of PactRounding (else PACT_ERR_RANGE); a quotient
** outside int64 is PACT_ERR_OVERFLOW. *out is written only on PACT_OK.
*/
PactStatus money_round_quotient(PactWide numerator, PactWide denominator, PactRounding mode,
                                int64_t *out);

/* The currency table itself, for tests that walk it. */
const PactCurrency *money_currency_table(size_t *count);

#endif /* PACT_MONEY_H */
