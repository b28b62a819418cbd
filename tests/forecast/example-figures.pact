# The figures of examples/microsoft-openai/make-events.sh as a scenario with no uncertainty:
# forecast with the example's payments and milestone (actual.csv), it settles to the cent as
# `pactum settle` settles examples/microsoft-openai/events.csv (tests/cli/test_forecast.sh).
scenario example-figures {
  title "The example's yearly figures, exactly"
  source assumed "the table of examples/microsoft-openai/make-events.sh"

  revenue of openai stream chatgpt-and-api {
    year 2023 USD 1,000,000,000.00
    year 2024 USD 3,700,000,000.00
    year 2025 USD 13,100,000,000.00
    year 2026 USD 30,000,000,000.00
    year 2027 USD 62,000,000,000.00
    year 2028 USD 80,000,000,000.00
    year 2029 USD 112,500,000,000.00
    year 2030 USD 240,000,000,000.00
    year 2031 USD 240,000,000,000.00
    year 2032 USD 240,000,000,000.00
  }

  revenue of microsoft stream azure-openai {
    year 2023 USD 249,525,000.00
    year 2024 USD 923,250,000.00
    months 2025-01-01 through 2025-09-30 USD 4,122,000,000.00
    months 2025-10-01 through 2026-04-30 USD 3,206,000,000.00
  }

  revenue of microsoft stream bing {
    year 2023 USD 83,175,000.00
    year 2024 USD 307,750,000.00
    months 2025-01-01 through 2025-09-30 USD 1,374,000,000.00
    months 2025-10-01 through 2026-04-30 USD 1,068,666,666.67
  }
}
