agreement reseller {
  title "Example reseller agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version 2024-01-01 {
  title "Original agreement"
  effective 2024-01-01
  source contract "Reseller agreement signed 2023-12-15"

  revenue-share resale-fee {
    says "Globex pays Acme 12.5% of its resale revenue, quarterly, until the end of 2027."
    section "7.2"
    text "Reseller shall pay Licensor twelve and one half percent (12.5%) of Net Revenue..."
    payer globex
    payee acme
    base revenue of globex
    streams include resale, support
    rate 12.5%
    from 2024-01-01
    through 2027-12-31
    cap USD 5 million counting this version
    settle quarterly
    due 45 days after period end
    rounding half-even
  }
}
