agreement test {
  title "Test agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}

version v1 {
  effective 2024-01-01
  source contract "Reseller agreement, 2023-12-15"

  # Neither clause has an end or a cap, and neither is unbounded: past a last bounded tier
  # nothing more is owed (docs/language.md), and a 0% tier owes nothing.
  revenue-share by-base {
    says "Globex pays Acme 10% of its first USD 10 million of revenue, 5% of the next 10 million."
    payer globex
    payee acme
    base revenue of globex
    tiers by cumulative base {
      rate 10% up to USD 10 million
      rate 5% up to USD 20 million
    }
  }

  revenue-share by-paid {
    says "Globex pays Acme 20% of its revenue until it has paid USD 1 million, then nothing."
    payer globex
    payee acme
    base revenue of globex
    tiers by cumulative paid {
      rate 20% up to USD 1 million
      rate 0% thereafter
    }
  }
}
