agreement tiers {
  currency USD
  party investor "Investor"
  party venture "Venture"
}

version v1 {
  effective 2024-01-01
  source contract "Profit participation, 2023-12-01"

  revenue-share participation {
    says "The venture pays the investor 50% of profit until it has paid USD 100, then 10% until USD 150."
    payer venture
    payee investor
    base profit of venture
    tiers by cumulative paid {
      rate 50% up to USD 100.00
      rate 10% up to USD 150.00
    }
    settle quarterly
  }

  revenue-share royalty {
    says "The venture pays 5% of its revenue up to USD 1,000 of revenue, then 2.5%."
    payer venture
    payee investor
    base revenue of venture
    tiers by cumulative base {
      rate 5% up to USD 1,000.00
      rate 2.5% thereafter
    }
    through 2024-12-31
    settle half-yearly
    rounding half-up
  }
}
