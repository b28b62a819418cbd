# A proposed amendment to the toy agreement (tests/forecast/toy.pact), for the two-sided
# forecast's tests and docs/forecast.md: from 2026-07-01 Globex pays Acme 5% instead of 10%,
# under the same USD 900 cap counted on the amended wording alone. Invented.

version proposed-rate-5 {
  title "Proposed: the fee at 5% from 2026-07-01"
  effective 2026-07-01
  amends 2026-01-01
  source assumed "an illustrative proposal"
  says "Globex pays Acme 5% of its revenue from 2026-07-01 through 2027, up to USD 900 under these terms."

  revenue-share fee {
    says "Globex pays Acme 5% of its revenue, quarterly, through 2027, up to USD 900 under these terms."
    payer globex
    payee acme
    base revenue of globex
    streams include sales
    rate 5%
    from 2026-07-01
    through 2027-12-31
    cap USD 900 counting this version
    settle quarterly
    due 30 days after period end
  }
}
