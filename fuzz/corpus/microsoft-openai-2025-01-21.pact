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
