agreement test {
  title "Test agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version v1 {
  effective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  # `rate 1` could be 1% or 100%, `rate 0.2` 0.2% or 20%: a rate always carries its % sign.
  revenue-share fee {
    says "Globex pays Acme 10% of its revenue through 2027."
    payer globex
    payee acme
    base revenue of globex
    rate 1
    through 2027-12-31
  }

  revenue-share tiered {
    says "Globex pays Acme 20% of its revenue until Acme has had USD 1 million, then 10%."
    payer globex
    payee acme
    base revenue of globex
    tiers by cumulative paid {
      rate 0.2 up to USD 1 million
      rate 10% thereafter
    }
    through 2027-12-31
  }

  equity stake {
    says "Acme holds 5% of Globex."
    holder acme
    in globex
    stake 0.05
  }
}
