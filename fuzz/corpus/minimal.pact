agreement minimal {
  title "The smallest complete agreement"
  currency USD
  party a "Party A"
  party b "Party B"
}

version 2024-01-01 {
  effective 2024-01-01
  source official "signing announcement, 2024-01-01"
  commitment invest {
    says "A invests USD 5 million in B."
    by a
    to b
    amount USD 5 million
    of investment
  }
}
