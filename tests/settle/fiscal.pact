agreement fiscal {
  currency USD
  party licensor "Licensor"
  party licensee "Licensee"
}

version v1 {
  effective 2024-01-01
  source contract "Royalty agreement, 2023-12-01"

  revenue-share royalty {
    says "The licensee pays 10% of its revenue once a fiscal year, the year starting in July."
    payer licensee
    payee licensor
    base revenue of licensee
    rate 10%
    through 2026-12-31
    settle yearly
    fiscal year starts july
    due 30 days after period end
  }
}
