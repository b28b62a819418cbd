agreement tiers {
  title "Tiered profit share"
  currency USD
  party investor "Investor"
  party startup "Startup"
}

version 2020-02-29 {
  effective 2020-02-29
  source reported "Fortune, 2023-01-24"
  says "A profit share in tiers, settled monthly on a July fiscal year."

  revenue-share profit-share {
    says "Startup pays 75% of profit up to USD 13 billion paid, then 49%, then 10% thereafter."
    payer startup
    payee investor
    base profit of startup
    streams exclude hardware, ads
    tiers by cumulative paid {
      rate 75% up to USD 13 billion
      rate 49% up to about USD 92 billion
      rate 10% thereafter
    }
    settle monthly
    fiscal year starts july
    due 30 days after period end
    rounding half-up
  }

  revenue-share base-share {
    says "Tiers on the cumulative base!instead of what was paid."
    payer startup
    payee investor
    base revenue of startup
    tiers by cumulative base {
      rate 5% up to USD 1,000,000.50
      rate 2.5% up to USD 2.25 trillion
    }
    settle half-yearly
    rounding ceiling
    through 2099-12-31
  }
}
