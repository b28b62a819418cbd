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
