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
