agreement test {
  title "Test agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version v1 {
  effective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  # A negative rate is read as a number and refused as out of range; it is not an
  # "unexpected character '-'" whose removal would turn -5% into 5%.
  revenue-share fee {
    says "Globex pays Acme 5% of its revenue through 2027."
    payer globex
    payee acme
    base revenue of globex
    rate -5%
    through 2027-12-31
  }

  equity stake {
    says "Acme holds 3% of Globex."
    holder acme
    in globex
    stake -3%
  }
}
