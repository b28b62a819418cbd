agreement test {
  title "Test agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version v1 {
  effective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  milestone listing {
    says "Globex lists its shares."
    declared by globex
  }

  revenue-share fee {
    says "Globex pays Acme 10% of its revenue until it lists its shares."
    payer globex
    payee acme
    base revenue of globex
    rate 10%
    until listing
  }
}

version v2 {
  effective 2025-01-01
  amends v1
  source contract "First amendment, 2024-12-01"
  remove listing "no longer tracked"
}
