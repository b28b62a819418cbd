# What the reported projections say of the 2026 terms: when the USD 38 billion cap binds, with
# what chance before 2030 ends, and what each party pays. Outside the agreement's folder, so
# that the folder stays the agreement; forecast it with
#
#   pactum forecast --agreement agreements/microsoft-openai \
#       --scenario examples/microsoft-openai/reported.pact \
#       --events examples/microsoft-openai/actual.csv
#
# Figures marked reported are press reports no company confirmed (../shared/DESIGN.md,
# "Published figures"); those marked assumed are pactum's own choices, said so they can be
# changed. Revenue starts 2026-01-01: the earlier years are settled from the example's events.
scenario press-reports {
  title "OpenAI's revenue as reported in 2025-26, with its ranges"
  says "OpenAI earns USD 30 billion in 2026 and 62 billion in 2027, 100-125 billion in 2029 and 200-280 billion in 2030 as reported; 2028 lies between, and 2031-2032 grow at an uncertain rate. Microsoft's stake is valued at a multiple of revenue."
  source reported "The Information; Fortune, 2025-26"
  discount 8% per year to 2026-04-27 assumed "a cost of capital for a large technology company; change it to yours"
  paths 10,000
  seed 2026

  revenue of openai stream chatgpt-and-api {
    year 2026 USD 30 billion reported "The Information; Fortune, 2025-26"
    year 2027 USD 62 billion reported "The Information; Fortune, 2025-26"
    year 2028 USD 70 billion to USD 100 billion triangular mode USD 80 billion assumed "no 2028 figure was reported; between the 2027 and 2029 projections"
    year 2029 USD 100 billion to USD 125 billion uniform reported "The Information; Fortune, 2025-26"
    year 2030 USD 200 billion to USD 280 billion uniform reported "The Information; Fortune, 2025-26"
    year 2031 growth 10% lognormal volatility 25% assumed "no figure reported past 2030"
    year 2032 growth 10% lognormal volatility 25% assumed "no figure reported past 2030"
  }

  valuation of openai {
    year 2026 USD 500 billion reported "share sale at a USD 500 billion valuation, Reuters, 2025-10"
    year 2027 multiple 15 to 25 of revenue uniform assumed "a multiple of revenue for a fast-growing company"
    year 2028 multiple 15 to 25 of revenue uniform assumed "a multiple of revenue for a fast-growing company"
    year 2029 multiple 10 to 20 of revenue uniform assumed "the multiple falls as growth slows"
    year 2030 multiple 10 to 20 of revenue uniform assumed "the multiple falls as growth slows"
  }

  milestone agi-verified by expert-panel chance 10% per year from 2027-01-01 through 2032-12-31 assumed "a guess, for showing that the 2026 terms no longer depend on AGI"
}
