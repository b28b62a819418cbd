# A proposed amendment to the Microsoft-OpenAI agreement, for pactum compare's tests and
# docs/compare.md: from 2026-07-01 OpenAI pays Microsoft 15% of its revenue instead of 20%,
# everything else as the 2026-04-27 terms say. Invented: no one has proposed it.

version proposed-rate-15 {
  title "Proposed: the revenue share at 15% from 2026-07-01"
  effective 2026-07-01
  amends 2026-04-27
  source assumed "an illustrative proposal, not a reported one"
  says "OpenAI pays Microsoft 15% of its revenue from 2026-07-01 through 2030, up to a total cap of USD 38 billion under these terms."

  revenue-share openai-pays-microsoft {
    says "OpenAI pays Microsoft 15% of its revenue from 2026-07-01 through 2030, until the payments under these terms reach USD 38 billion."
    payer openai
    payee microsoft
    base revenue of openai
    rate 15%
    from 2026-07-01
    through 2030-12-31
    cap USD 38 billion counting this version
    settle quarterly
    due 45 days after period end
  }
}
