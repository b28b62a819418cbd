agreement test {
  title "Test agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version v1 {
  effective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  # Both clauses start after v1 ends, and both are in force under v2, which restates 'fee'
  # unchanged and carries 'bonus' as it is: neither is "never in force".
  revenue-share fee {
    says "Globex pays Acme 10% of its revenue from mid-2025 through 2027."
    payer globex
    payee acme
    base revenue of globex
    rate 10%
    from 2025-06-01
    through 2027-12-31
  }

  revenue-share bonus {
    says "Globex pays Acme 2% of its revenue from mid-2025 through 2027."
    payer globex
    payee acme
    base revenue of globex
    rate 2%
    from 2025-06-01
    through 2027-12-31
  }
}

version v2 {
  effective 2025-01-01
  amends v1
  source contract "First amendment, 2024-12-01"

  revenue-share fee {
    says "Globex pays Acme 10% of its revenue from mid-2025 through 2027."
    payer globex
    payee acme
    base revenue of globex
    rate 10%
    from 2025-06-01
    through 2027-12-31
  }
}
