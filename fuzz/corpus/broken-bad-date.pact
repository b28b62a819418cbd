agreement dates {
  currency USD
  party a "A"
  party b "B"
}

version 2026-02-30 {
  effective 2026-02-30
  commitment c {
    by a
    to b
    amount USD 1 billion
    of investment
    from 2026-4-27
    through 10000-01-01
    until 0000-00-00
  }
}
