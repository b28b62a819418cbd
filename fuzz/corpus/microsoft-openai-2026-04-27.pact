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
