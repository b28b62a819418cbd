# The Microsoft-OpenAI partnership: pactum's bundled reference agreement.
#
# One version file per change of terms, each named by its effective date:
#   2019-07-22.pact  the original partnership and USD 1 billion investment
#   2023-01-23.pact  the multiyear extension (USD 13 billion in total)
#   2025-01-21.pact  Azure exclusivity becomes a right of first refusal
#   2025-10-28.pact  the recapitalisation: OpenAI Group PBC, the AGI expert panel
#   2026-04-27.pact  the current terms: Azure primary, a capped one-way revenue share
#
# Terms marked `reported` come from press reports that neither company has confirmed; terms
# marked `assumed` are choices the public text does not settle. docs/microsoft-openai.md lists
# them all.

agreement microsoft-openai {
  title "Microsoft and OpenAI partnership"
  currency USD

  party microsoft "Microsoft Corporation"
  # The OpenAI side of the partnership. Its for-profit arm was recapitalised in 2025 and became
  # OpenAI Group PBC, a public benefit corporation controlled by the OpenAI Foundation; the
  # party is the same throughout, whatever its corporate name at the time.
  party openai "OpenAI"
  # Declares that AGI has been reached (milestone agi-declared).
  party openai-board "OpenAI's board of directors"
  # From 2025-10-28, verifies a declaration of AGI (milestone agi-verified).
  party expert-panel "Independent AGI expert panel"
}
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
# The change announced 2025-01-21 (the day OpenAI announced Stargate): Azure is no longer
# exclusive; Microsoft instead has a right of first refusal on OpenAI's new capacity, and
# OpenAI may build its own capacity for research and training.
#
# The same post says the rest of the partnership runs for the contract's term "through 2030":
# access to OpenAI's IP, the revenue sharing in both directions, and Azure's exclusivity for
# OpenAI's APIs. The files restate both revenue shares with that end. They leave ip-licence as
# written in 2019 (ending at AGI), and they model no separate API clause until 2025-10-28: until
# then a need for API capacity is treated like any other new capacity under azure-cloud below.

version 2025-01-21 {
  title "Right of first refusal replaces Azure exclusivity"
  effective 2025-01-21
  amends 2023-01-23
  source official "Microsoft blog, 2025-01-21"
  says "Azure stops being OpenAI's exclusive cloud: OpenAI must offer new capacity needs to Microsoft first and may go elsewhere only if Microsoft cannot provide it, and it may build its own capacity for research and training. Both revenue shares are stated to run through 2030."

  cloud azure-cloud {
    says "Microsoft has a right of first refusal on new capacity OpenAI needs: OpenAI offers each need to Microsoft and may buy it elsewhere only if Microsoft cannot supply it. Capacity for research and training is outside the right."
    provider microsoft
    customer openai
    mode first-refusal
    scope new-capacity
    # The post says OpenAI may build its own capacity "primarily" for research and training; the
    # carve-out reads that as exactly those two.
    carve-out research, training
    unless microsoft unable
    window 30 days assumed "the public terms give no time to answer; 30 days so an offer cannot stay open forever"
    silence waives assumed "the public terms do not say what silence means; read as a waiver so no need waits forever"
  }

  # The post gives 2030 as the end of the revenue sharing but does not say that AGI no longer
  # ends it. Assumed: the 2019 AGI ending still applies, whichever of the two comes first.
  revenue-share openai-pays-microsoft {
    says "OpenAI pays Microsoft 20% of its revenue through 2030, or until OpenAI's board declares AGI if that comes first."
    payer openai
    payee microsoft
    base revenue of openai
    rate 20% reported "The Information; TechCrunch"
    through 2030-12-31 assumed "the post says the revenue sharing runs through 2030; read as through 2030-12-31"
    until agi-declared assumed "the post does not lift the 2019 AGI ending, so it is kept; whichever comes first"
    settle quarterly assumed "settlement terms are not public; calendar quarters, as Microsoft reports"
  }

  # Restated for the same reason and with the same two endings: the post speaks of revenue
  # sharing in both directions.
  revenue-share microsoft-pays-openai {
    says "Microsoft pays OpenAI about 20% of what it earns from Azure OpenAI Service and Bing through 2030, or until OpenAI's board declares AGI if that comes first."
    payer microsoft
    payee openai
    base revenue of microsoft
    streams include azure-openai, bing
    rate about 20% reported "TechCrunch, 2025-11"
    through 2030-12-31 assumed "the post says the revenue sharing runs through 2030; read as through 2030-12-31"
    until agi-declared assumed "the post does not lift the 2019 AGI ending, so it is kept; whichever comes first"
    settle quarterly assumed "settlement terms are not public; calendar quarters, as Microsoft reports"
  }
}
# The recapitalisation, announced 2025-10-28. OpenAI's for-profit arm becomes OpenAI Group PBC
# and Microsoft's interest becomes a stake of about 27% in it. AGI now counts only once an
# independent expert panel verifies OpenAI's declaration. Microsoft's rights to models and
# products run through 2032 and survive AGI; Azure keeps only OpenAI's API products, and
# OpenAI commits to buy a further USD 250 billion of Azure services.

version 2025-10-28 {
  title "Recapitalisation: OpenAI Group PBC and the AGI expert panel"
  effective 2025-10-28
  amends 2025-01-21
  source official "OpenAI and Microsoft posts, 2025-10-28"
  says "Microsoft's interest becomes a stake of about 27% in the new OpenAI Group PBC (read here as ending its profit share). A declaration of AGI must now be verified by an independent panel, and both revenue shares and Microsoft's exclusive rights last until then. Microsoft's licence to models and products runs through 2032, AGI or not. Only OpenAI's API products must stay on Azure, and Microsoft loses its right of first refusal on compute. OpenAI commits to a further USD 250 billion of Azure."

  # Assumed: the posts do not name the profit participation; the files read its end as part of
  # the conversion of Microsoft's interest into equity.
  remove profit-participation "Our reading, not stated in the posts: Microsoft's profit interest was converted into its stake in OpenAI Group PBC (microsoft-stake)."

  # OpenAI's board still makes the declaration (agi-declared), but from now on no term ends on
  # it: what counts is the panel's verification.
  milestone agi-verified {
    says "The day an independent panel of experts verifies OpenAI's declaration that it has reached AGI."
    declared by expert-panel
  }

  equity microsoft-stake {
    says "Microsoft holds about 27% of OpenAI Group PBC (as converted, fully diluted), worth about USD 135 billion when announced."
    holder microsoft
    in openai
    stake about 27%
  }

  commitment azure-commitment {
    says "OpenAI commits to buy a further USD 250 billion of Azure services, on top of what it had already committed."
    source official "OpenAI and Microsoft posts, 2025-10-28; Microsoft 10-Q subsequent-event note"
    by openai
    to microsoft
    amount USD 250 billion
    of azure-services
  }

  # The posts also say that models made after AGI are included, with the safety guardrails the
  # parties agree; pactum has no line for that, so the licence simply no longer ends at AGI.
  licence ip-licence {
    says "OpenAI licenses its models and products to Microsoft through 2032, models made after AGI included. The licence is exclusive until the panel verifies AGI; it does not cover OpenAI's consumer hardware."
    licensor openai
    licensee microsoft
    covers models, products
    excludes hardware
    through 2032-12-31 assumed "the posts say through 2032; read as through 2032-12-31"
    exclusive until agi-verified
  }

  licence research-ip {
    says "OpenAI licenses its research IP (the confidential methods it uses to develop models and systems) to Microsoft, exclusively, until the panel verifies AGI or the end of 2030, whichever comes first."
    licensor openai
    licensee microsoft
    covers research
    through 2030-12-31 assumed "the posts say through 2030; read as through 2030-12-31"
    until agi-verified
    exclusive until agi-verified
  }

  # No mode: Microsoft's right of first refusal on compute ends, and OpenAI may run its non-API
  # products on any cloud. The carve-out restates that national-security work is free too; with
  # mode none it changes nothing here.
  cloud azure-cloud {
    says "OpenAI may run its non-API products on any cloud, and Microsoft no longer has a right of first refusal on OpenAI's compute."
    provider microsoft
    customer openai
    mode none
    scope non-api-products
    carve-out national-security
  }

  # The joint statement of 2026-02-27, after OpenAI's deal with Amazon, reaffirmed these terms:
  # stateless APIs stay exclusive to Azure. It changed nothing, so it is not a version.
  cloud azure-api {
    says "OpenAI's API products, including those built with third parties, run only on Azure until the panel verifies AGI. API access for US government national-security customers may run on any cloud."
    provider microsoft
    customer openai
    mode exclusive
    scope api-products
    carve-out national-security
    until agi-verified
  }

  # Assumed: the January 2025 end (through 2030) is not carried over; the October terms tie the
  # share to verified AGI alone. Payments are to be spread over a longer period, on a schedule
  # that is not public: the settle line says how amounts accrue, not when they are paid.
  revenue-share openai-pays-microsoft {
    says "OpenAI keeps paying Microsoft 20% of its revenue until the panel verifies AGI; payments are spread over a longer period."
    payer openai
    payee microsoft
    base revenue of openai
    rate 20% reported "The Information; TechCrunch"
    until agi-verified
    settle quarterly assumed "settlement terms are not public; calendar quarters, as Microsoft reports"
  }

  revenue-share microsoft-pays-openai {
    says "Microsoft keeps paying OpenAI about 20% of what it earns from Azure OpenAI Service and Bing until the panel verifies AGI."
    payer microsoft
    payee openai
    base revenue of microsoft
    streams include azure-openai, bing
    rate about 20% reported "TechCrunch, 2025-11"
    until agi-verified
    settle quarterly assumed "settlement terms are not public; calendar quarters, as Microsoft reports"
  }
}
# The current terms, announced 2026-04-27. Azure becomes OpenAI's primary cloud rather than its
# exclusive one for APIs, Microsoft's licence becomes non-exclusive, Microsoft stops paying a
# revenue share, and OpenAI's payments to Microsoft end in 2030 under a total cap, whatever
# happens with AGI. Microsoft keeps its stake (about 27%; microsoft-stake carries over).

version 2026-04-27 {
  title "Primary cloud, non-exclusive licence, capped revenue share"
  effective 2026-04-27 assumed "the posts give no separate effective date; the terms are taken to apply from the announcement"
  amends 2025-10-28
  source official "Microsoft and OpenAI posts, 2026-04-27"
  says "Microsoft becomes OpenAI's primary cloud partner: new products launch on Azure first unless Microsoft cannot or will not host them, and OpenAI may serve its products on any cloud. Microsoft's licence to models and products runs through 2032 but is no longer exclusive. Microsoft no longer pays a revenue share; OpenAI pays Microsoft the same 20% through 2030, up to a total cap, and AGI no longer ends or changes any payment."

  remove microsoft-pays-openai "Microsoft no longer pays OpenAI a revenue share (official, Microsoft and OpenAI posts, 2026-04-27)."

  remove azure-api "OpenAI may now deliver all its products, APIs included, through any cloud; Azure is primary only for new products (official, Microsoft and OpenAI posts, 2026-04-27)."

  cloud azure-cloud {
    says "Azure is OpenAI's primary cloud: each new OpenAI product launches on Azure first, unless Microsoft is unable or unwilling to provide the infrastructure it needs. Otherwise OpenAI may serve its products through any cloud."
    provider microsoft
    customer openai
    mode primary
    scope new-products
    unless microsoft unable
    unless microsoft unwilling
    window 30 days assumed "the public terms give no time to answer; 30 days so an offer cannot stay open forever"
    silence waives assumed "the public terms do not say what silence means; read as a waiver so no launch waits forever"
  }

  # The posts say nothing about hardware; the October 2025 exclusion of consumer hardware is
  # kept, as are models made after AGI.
  licence ip-licence {
    says "OpenAI licenses its models and products to Microsoft through 2032, models made after AGI included, but no longer exclusively: OpenAI may license them to others. Consumer hardware stays outside the licence."
    licensor openai
    licensee microsoft
    covers models, products
    excludes hardware assumed "the 2026 posts do not mention hardware; the October 2025 exclusion is kept"
    through 2032-12-31 assumed "the posts say through 2032; read as through 2032-12-31"
    non-exclusive
  }

  # research-ip is kept as written on 2025-10-28 (exclusive, until the panel verifies AGI or
  # through 2030). Assumed: the 2026 posts are silent about research IP, and silence is read as
  # no change. The non-exclusive licence above covers only models and products.

  # Assumed: the cap counts only what accrues under this clause, from 2026-04-27; revenue-share
  # payments made under the earlier terms do not count towards the USD 38 billion. With 20% of
  # projected revenue uncapped through 2030 the payments were reported to total about USD 135
  # billion; the cap was reported to save OpenAI about USD 97 billion.
  revenue-share openai-pays-microsoft {
    says "OpenAI pays Microsoft 20% of its revenue, including revenue earned on other clouds, from 2026-04-27 through 2030, until the payments under these terms reach USD 38 billion. AGI no longer matters: no milestone ends or changes the payments. Settled each calendar quarter, due 45 days after it ends."
    payer openai
    payee microsoft
    # Revenue OpenAI earns on other clouds (AWS, Oracle, Google Cloud, ...) counts in the base.
    base revenue of openai reported "The Verge"
    rate 20% reported "CNBC, 2026-04-27"
    from 2026-04-27
    through 2030-12-31 assumed "the posts say until 2030; read as through 2030-12-31"
    cap USD 38 billion counting this version reported "The Information via Reuters, 2026-05-11"
    settle quarterly assumed "settlement terms are not public; calendar quarters"
    due 45 days after period end assumed "the due date is not public; 45 days after each quarter ends"
    rounding half-even assumed "the rounding is not public; half-even, pactum's default, made explicit"
  }
}
