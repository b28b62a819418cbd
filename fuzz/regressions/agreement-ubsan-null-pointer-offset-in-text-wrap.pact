agreement a {
  currency USD
  party p "P"
  party q "Q"
}

version 2024-01-01 {
  effective 2024-01-01
  commitment c {
    by p
    to q
    amount USD 1
    of investment
  }
}
