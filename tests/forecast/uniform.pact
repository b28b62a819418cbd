# A scenario for checking the statistics (tests/cli/test_forecast.sh): Globex's 2026 revenue
# uniform between USD 1,000 and USD 3,000, so 10% of it has a mean of USD 200; the launch is
# recorded each year with a chance of 100% (the test also runs it with 0%).
scenario uniform {
  source assumed "a test of the statistics"
  paths 20,000
  seed 7

  revenue of globex stream sales {
    year 2026 USD 1,000 to USD 3,000 uniform
  }

  milestone launch by globex chance 100% per year from 2026-01-01 through 2027-12-31
}
