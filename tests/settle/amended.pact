# A two-version agreement for settlement tests: the rate doubles on 2024-05-15, the first
# version ends when Globex lists its shares, the second has a cap and a sunset.
agreement amended {
  title "Amended reseller agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
  party initech "Initech LLC"
}

version v1 {
  effective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  milestone ipo {
    says "Globex lists its shares."
    declared by globex
  }

  revenue-share fee {
    says "Globex pays Acme 10% of its revenue, hardware excluded, until it lists its shares."
    payer globex
    payee acme
    base revenue of globex
    streams exclude hardware
    rate 10%
    until ipo
    settle quarterly
    due 30 days after period end
  }
}

version v2 {
  effective 2024-05-15
  amends v1
  source contract "First amendment, 2024-05-01"

  revenue-share fee {
    says "Globex pays Acme 20% of all its revenue through June 2025, up to USD 1,000 in all."
    payer globex
    payee acme
    base revenue of globex
    rate 20%
    from 2024-05-15
    through 2025-06-30
    cap USD 1,000.00 counting this version
    settle quarterly
    due 45 days after period end
  }
}
