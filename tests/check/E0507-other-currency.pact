agreement test {
  title "Test agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version v1 {
  effective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  revenue-share fee {
    says "Globex pays Acme 10% of its revenue through 2027."
    payer globex
    payee acme
    base revenue of globex
    rate 10%
    through 2027-12-31
    # Read as JPY minor units this would be 2,000,000 "cents": USD 20,000.00. It must be refused.
    cap JPY 2 million counting this version
  }

  commitment spend {
    says "Globex commits EUR 1.5 million of purchases."
    by globex
    to acme
    amount EUR 1.5 million
    of purchases
  }
}
