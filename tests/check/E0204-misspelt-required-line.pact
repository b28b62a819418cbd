# A misspelt currency or effective line is reported once, with the word meant, not again as missing.
agreement test {
  title "Test agreement"
  curency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version v1 {
  efective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  revenue-share fee {
    says "Globex pays Acme 10% of its revenue through 2027."
    payer globex
    payee acme
    base revenue of globex
    rate 10%
    through 2027-12-31
  }
}
