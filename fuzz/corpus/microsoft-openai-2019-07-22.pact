# The original partnership, announced 2019-07-22: Microsoft invests USD 1 billion, Azure becomes
# OpenAI's exclusive cloud, and Microsoft becomes OpenAI's preferred partner for commercialising
# its technology. Only that much was announced; the licence, revenue and profit terms below were
# reported by the press years later.

version 2019-07-22 {
  title "Original partnership and USD 1 billion investment"
  effective 2019-07-22
  source official "joint announcement, 2019-07-22"
  says "Microsoft invests USD 1 billion in OpenAI and becomes its exclusive cloud provider and its partner for commercialising OpenAI's models. Each pays the other a share of revenue, and Microsoft takes a share of OpenAI's profits. Microsoft's licence and both revenue shares end when OpenAI's board declares AGI."

  milestone agi-declared {
    says "The day OpenAI's board declares that OpenAI has reached artificial general intelligence (AGI). Until 2025-10-28 the board alone decides."
    source reported "The Information, 2024-12-26"
    declared by openai-board
  }

  commitment microsoft-investment {
    says "Microsoft invests USD 1 billion in OpenAI."
    by microsoft
    to openai
    amount USD 1 billion
    of investment
  }

  cloud azure-cloud {
    says "Azure is OpenAI's only cloud: every OpenAI workload runs on Microsoft's infrastructure."
    provider microsoft
    customer openai
    mode exclusive
    scope all-workloads
  }

  # The announcement named Microsoft OpenAI's preferred partner for commercialising its
  # technology; that the licence is exclusive and stops short of AGI is known from the press.
  licence ip-licence {
    says "OpenAI licenses its models and products to Microsoft, exclusively. AGI is left out: the licence ends on the day OpenAI's board declares AGI."
    source reported "The Information, 2024-12-26"
    licensor openai
    licensee microsoft
    covers models, products
    exclusive
    until agi-declared
  }

  revenue-share openai-pays-microsoft {
    says "OpenAI pays Microsoft 20% of its revenue until OpenAI's board declares AGI."
    source reported "The Information; TechCrunch"
    payer openai
    payee microsoft
    base revenue of openai
    rate 20%
    until agi-declared reported "The Information, 2024-12-26"
    settle quarterly assumed "settlement terms are not public; calendar quarters, as Microsoft reports"
  }

  # Azure OpenAI Service did not exist in 2019 (it was announced in 2021); a stream earns nothing
  # before it exists, so dating the clause from 2019 changes no amount.
  revenue-share microsoft-pays-openai {
    says "Microsoft pays OpenAI about 20% of what it earns from Azure OpenAI Service and Bing, until OpenAI's board declares AGI."
    source reported "TechCrunch, 2025-11"
    payer microsoft
    payee openai
    base revenue of microsoft
    streams include azure-openai, bing
    rate about 20%
    from 2019-07-22 assumed "when this share began is not public; dated from the original agreement"
    until agi-declared reported "The Information, 2024-12-26"
    settle quarterly assumed "settlement terms are not public; calendar quarters, as Microsoft reports"
  }

  # Reported in January 2023 as the terms then in force; when they began is not public.
  revenue-share profit-participation {
    says "Microsoft takes 75% of OpenAI's profits until it has been paid USD 13 billion (its investment back), then 49% until it has been paid about USD 92 billion in all; after that, nothing."
    source reported "Fortune, 2023-01-24"
    payer openai
    payee microsoft
    base profit of openai
    from 2019-07-22 assumed "when this participation began is not public; dated from the original agreement"
    tiers by cumulative paid {
      rate 75% up to USD 13 billion
      rate 49% up to about USD 92 billion
    }
    cap about USD 92 billion counting all versions assumed "USD 92 billion read as the total Microsoft can receive, first tier included, so the last tier's ceiling caps the clause"
    settle quarterly assumed "settlement terms are not public; calendar quarters, as Microsoft reports"
  }
}
