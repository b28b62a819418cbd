# Amounts near the 64-bit limit: rate 100% and a cap of USD 90 quadrillion (9 x 10^18 cents,
# just under INT64_MAX = 9,223,372,036,854,775,807 cents).
agreement big {
  currency USD
  party a "A"
  party b "B"
}

version v1 {
  effective 2024-01-01
  source contract "test"

  revenue-share all {
    says "everything"
    payer a
    payee b
    base revenue of a
    rate 100%
    cap USD 90,000,000,000,000,000.00 counting this version
    settle quarterly
  }
}
