# A cap counting all versions after a wording with a cap of its own: the second wording's cap
# counts what the first owed.
agreement all-versions {
  currency USD
  party maker "Maker"
  party licensor "Licensor"
}

version v1 {
  effective 2024-01-01
  source contract "Licence, 2023-12-01"

  revenue-share fee {
    says "The maker pays 10% of its revenue, at most USD 500 under this wording."
    payer maker
    payee licensor
    base revenue of maker
    rate 10%
    cap USD 500.00 counting this version
    settle quarterly
  }
}

version v2 {
  effective 2024-07-01
  amends v1
  source contract "Amendment, 2024-06-15"

  revenue-share fee {
    says "The maker pays 20% of its revenue, at most USD 100 in all, counting every wording."
    payer maker
    payee licensor
    base revenue of maker
    rate 20%
    through 2024-12-31
    cap USD 100.00 counting all versions
    settle quarterly
  }
}
