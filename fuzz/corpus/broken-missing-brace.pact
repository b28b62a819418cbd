agreement broken {
  currency USD
  party a "A"
  party b "B"

version 2024-01-01 {
  effective 2024-01-01
  commitment c {
    by a
    to b
    amount USD 1 billion
    of investment

  equity e {
    holder a
    in b
    stake 10%
  }
