agreement test {
  title "Test agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version v1 {
  effective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  # Without `counting`, an amendment that restates the clause could let the total pass the cap.
  revenue-share fee {
    says "Globex pays Acme 10% of its revenue, at most USD 2 million in all."
    payer globex
    payee acme
    base revenue of globex
    rate 10%
    cap USD 2 million
  }
}
