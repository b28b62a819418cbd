agreement test {
  title "Test agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version v1 {
  effective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  cloud hosting {
    says "Globex hosts everything with Acme."
    provider acme
    customer globex
    mode exclusive
    scope all-workloads
    window 30 days
  }
}
