# The multiyear extension, announced 2023-01-23: a further investment (about USD 10 billion,
# reported) that brings Microsoft's funding commitments to USD 13 billion, and Azure confirmed
# as the cloud for all of OpenAI's work. Licence and revenue shares carry over unchanged.

version 2023-01-23 {
  title "Multiyear extension"
  effective 2023-01-23
  amends 2019-07-22
  source official "Microsoft blog, 2023-01-23"
  says "Microsoft extends the partnership with a further multiyear investment, bringing its funding commitments to USD 13 billion in all; Azure powers all of OpenAI's workloads. Everything else stays as agreed in 2019."

  # The 10-Q gives the total; the size of the 2023 tranche (USD 10 billion) was reported by
  # Bloomberg and never confirmed. The amount is the running total, the 2019 billion included.
  commitment microsoft-investment {
    says "Microsoft's funding commitments to OpenAI total USD 13 billion, including the 2019 investment and the 2023 tranche of about USD 10 billion (reported)."
    by microsoft
    to openai
    amount USD 13 billion official "Microsoft 10-Q, 2024-10-30"
    of investment
  }

  # Restated, not changed: the 2023 announcement names Azure as the cloud for all of OpenAI's
  # workloads across research, products and API services.
  cloud azure-cloud {
    says "Azure remains OpenAI's exclusive cloud: it powers every OpenAI workload, research, products and API services alike."
    provider microsoft
    customer openai
    mode exclusive
    scope all-workloads
  }
}
