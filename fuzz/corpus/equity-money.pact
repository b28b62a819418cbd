agreement money {
  title "Amounts and stakes"
  currency EUR
  party a "A"
  party b "B"
}

version first {
  effective 2000-01-01
  source assumed "a test of every money form"

  equity stake {
    says "A holds about 27% of B."
    holder a
    in b
    stake about 27%
  }

  commitment grouped {
    says "Grouped digits and cents."
    by a
    to b
    amount EUR 12,500.50
    of azure-services
  }

  commitment scaled {
    says "Scale words."
    by b
    to a
    amount about EUR 1.5 thousand
    of investment
  }

  commitment foreign {
    says "An amount in another currency draws a warning."
    by a
    to b
    amount JPY 250,000,000,000
    of investment
  }
}
