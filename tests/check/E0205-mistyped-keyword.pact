agreement test {
  title "Test agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version v1 {
  effective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  revenue-share fee {
    says "Globex pays Acme 10% of its revenue, at most USD 2 million, through 2027."
    payer globex
    payee acme
    base revenue fo globex
    rate 10%
    through 2027-12-31
    cap USD 2 million countng this version
    due 45 dyas after period end
  }

  revenue-share tiered {
    says "Globex pays Acme 20% up to USD 1 million, then 10%."
    payer globex
    payee acme
    base revenue of globex
    tiers by cumulative paid {
      rate 20% up to USD 1 million
      rate 10% therafter
    }
    through 2027-12-31
  }
}
