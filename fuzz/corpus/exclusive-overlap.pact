agreement overlap {
  currency USD
  party lab "Lab"
  party p "P"
  party q "Q"
}

version 2024-01-01 {
  effective 2024-01-01
  source official "x"
  licence one {
    says "Exclusive to P."
    licensor lab
    licensee p
    covers models
    exclusive
  }
  licence two {
    says "Exclusive to Q over the same models."
    licensor lab
    licensee q
    covers models
    exclusive through 2025-12-31
  }
  revenue-share unbounded {
    payer p
    payee lab
    base revenue of p
    rate 1%
  }
}
