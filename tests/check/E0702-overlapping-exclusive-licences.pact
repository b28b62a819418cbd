agreement test {
  title "Test agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
  party initech "Initech LLC"
}

version v1 {
  effective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  licence to-globex {
    says "Acme licenses its models to Globex exclusively through 2026."
    licensor acme
    licensee globex
    covers models
    exclusive
    through 2026-12-31
  }

  licence to-initech {
    says "Acme licenses its model m7 to Initech exclusively from 2026."
    licensor acme
    licensee initech
    covers model:m7
    exclusive
    from 2026-01-01
  }
}
