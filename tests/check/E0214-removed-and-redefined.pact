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
    says "Globex pays Acme 10% of its revenue through 2027."
    payer globex
    payee acme
    base revenue of globex
    rate 10%
    through 2027-12-31
  }
}

version v2 {
  effective 2025-01-01
  amends v1
  source contract "First amendment, 2024-12-01"
  # Does 'fee' end with this version, or does it go on at 12%? Only the parties can say.
  remove fee "the fee ends"

  revenue-share fee {
    says "Globex pays Acme 12% of its revenue through 2027."
    payer globex
    payee acme
    base revenue of globex
    rate 12%
    through 2027-12-31
  }
}
