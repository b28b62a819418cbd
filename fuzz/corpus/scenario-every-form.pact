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

scenario every-form {
  title "Every form a scenario line takes"
  says "For the fuzzer: years, quarters, spans, growth, ranges and milestones."
  source reported "a seed"
  from 2026-02-01
  discount 8% per year to 2026-01-01
  paths 100
  seed 3

  revenue of globex stream sales {
    quarter 2026 Q1 USD 100
    quarter 2026 Q2 growth 5% to 15% triangular mode 10%
    months 2026-07-01 through 2026-12-31 USD 500 to USD 700 triangular mode USD 650
    year 2027 USD 1,000
    year 2028 growth 20% lognormal volatility 30% assumed "a guess"
  }

  valuation of globex {
    year 2026 USD 1 million
    year 2027 multiple 10 to 20 of revenue uniform
  }

  milestone launch by globex on 2026-06-30
}
