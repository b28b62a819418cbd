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
    # The closing quote is missing here; the next line's opening quote would otherwise close it.
    says "Globex pays Acme 10% of its revenue through 2027.
    section "7.2"
    payer globex
    payee acme
    base revenue of globex
    rate 10%
    through 2027-12-31
  }
}
