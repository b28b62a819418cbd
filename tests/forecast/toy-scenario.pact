# The toy agreement's forecast worked by hand in docs/forecast.md.
scenario plain {
  title "Globex sells USD 2,400.01 in 2026 and three times as much in 2027"
  says "No uncertainty: one path, the figures exactly."
  source assumed "figures chosen to be worked on paper"
  discount 10% per year to 2026-01-01

  revenue of globex stream sales {
    year 2026 USD 2,400.01
    year 2027 growth 200%
  }

  valuation of globex {
    year 2026 USD 10,000
    year 2027 multiple 2 of revenue
  }
}
