# A royalty-free first tier: nothing on the first USD 1,000 of revenue, 5% on the rest.
agreement royalty-free {
  currency USD
  party maker "Maker"
  party licensor "Licensor"
}

version v1 {
  effective 2024-01-01
  source contract "Licence, 2023-12-01"

  revenue-share royalty {
    says "The maker pays 5% of its revenue above its first USD 1,000."
    payer maker
    payee licensor
    base revenue of maker
    tiers by cumulative base {
      rate 0% up to USD 1,000.00
      rate 5% thereafter
    }
    through 2024-12-31
    settle quarterly
  }
}
