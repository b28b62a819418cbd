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
    says "Globex hosts everything with Acme, unless Acme cannot."
    provider acme
    customer globex
    mode exclusive
    scope all-workloads
    unless acme unable
  }

  cloud launches {
    says "New products launch first with Acme unless Globex is unwilling."
    provider acme
    customer globex
    mode primary
    scope new-products
    unless globex unwilling
  }
}
