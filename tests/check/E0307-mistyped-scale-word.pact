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
    says "Globex pays Acme 10% of its revenue, at most USD 2 million."
    payer globex
    payee acme
    base revenue of globex
    rate 10%
    # Read without its scale word this cap would be USD 2.00.
    cap USD 2 milion counting this version
  }

  commitment spend {
    says "Globex commits USD 5 billion of purchases."
    by globex
    to acme
    amount USD 5 bilion
    of purchases
  }
}
