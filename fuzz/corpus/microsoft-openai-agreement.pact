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
