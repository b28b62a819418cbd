agreement numbers {
  currency USD
  party a "A"
  party b "B"
}

version 2024-01-01 {
  effective 2024-01-01
  commitment c {
    by a
    to b
    amount USD 99999999999999999999 trillion
    amount USD 1,00
    amount USD 1.
    amount USD 12abc
    amount usd 5
    amount XXX 5
  }
  equity e {
    holder a
    in b
    stake 100.0000000000000000001%
  }
  revenue-share r {
    payer a
    payee b
    base revenue of a
    tiers by cumulative paid {
      rate 50% up to USD 10 billion
      rate 60% up to USD 5 billion
      rate 10% thereafter
      rate 5% thereafter
    }
  }
}
