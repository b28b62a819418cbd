agreement test {
  title "Test agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version v1 {
  effective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  licence models {
    says "Acme licenses its models to Globex exclusively."
    licensor acme
    licensee globex
    covers models
    exclusive
    through 2026-12-31
  }

  licence products {
    says "Acme licenses its models and products to Globex exclusively."
    licensor acme
    licensee globex
    covers products, models
    exclusive until launch
  }

  milestone launch {
    says "Globex launches."
    declared by globex
  }
}
