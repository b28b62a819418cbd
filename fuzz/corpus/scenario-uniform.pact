# A toy agreement for the forecast's worked example (docs/forecast.md): Globex pays Acme 10% of
# its revenue from 2026 through 2027, quarterly, up to USD 900 in all. Acme holds 30% of Globex.

agreement toy {
  title "Toy reseller agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version 2026-01-01 {
  title "Original terms"
  effective 2026-01-01
  source contract "Toy agreement, for tests"

  revenue-share fee {
    says "Globex pays Acme 10% of its revenue, quarterly, through 2027, up to USD 900 in all."
    payer globex
    payee acme
    base revenue of globex
    streams include sales
    rate 10%
    through 2027-12-31
    cap USD 900 counting this version
    settle quarterly
    due 30 days after period end
  }

  milestone launch {
    says "Globex launches its product: recorded by Globex."
    declared by globex
  }

  equity acme-stake {
    says "Acme holds 30% of Globex."
    holder acme
    in globex
    stake 30%
  }
}
# A scenario for checking the statistics (tests/cli/test_forecast.sh): Globex's 2026 revenue
# uniform between USD 1,000 and USD 3,000, so 10% of it has a mean of USD 200; the launch is
# recorded each year with a chance of 100% (the test also runs it with 0%).
scenario uniform {
  source assumed "a test of the statistics"
  paths 20,000
  seed 7

  revenue of globex stream sales {
    year 2026 USD 1,000 to USD 3,000 uniform
  }

  milestone launch by globex chance 100% per year from 2026-01-01 through 2027-12-31
}
