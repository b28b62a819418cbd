agreement parties {
  currency USD
  party a "A"
  party a "A again"
}

version 2024-01-01 {
  effective 2024-01-01
  revenue-share s {
    payer ghost
    payee ghost
    base revenue of nobody
    rate 101%
    cap USD 1.001 billion counting never
    settle weekly
    rounding sideways
  }
  cloud c {
    provider a
    customer a
    mode exclusive
    unless ghost unable
    window 30 weeks
  }
}
