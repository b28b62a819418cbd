agreement x {
  title "bad ÿþ utf8"
  currency USD
  party a "A"
  party b "B"
}
version 2024-01-01 {
  effective 2024-01-01
  source official "x"
  commitment c {
    says "sÃ"
    by a
    to b
    amount USD 1
    of investment
  }
}
