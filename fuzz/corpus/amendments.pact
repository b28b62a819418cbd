agreement history {
  title "A history of amendments"
  currency USD
  party a "A"
  party b "B"
}

version 2019-07-22 {
  title "Original"
  effective 2019-07-22
  source official "joint announcement, 2019-07-22"
  says "The first terms.\nWith an escaped \"quote\", a backslash \\ and a tab\t."

  revenue-share share {
    says "B pays A 20% until 2030."
    payer b
    payee a
    base revenue of b
    rate 20% reported "The Information"
    through 2030-12-31
    cap USD 92 billion counting all versions
    settle yearly
    rounding floor
  }

  commitment money {
    says "A string that runs
over two lines."
    by a
    to b
    amount USD 1 billion official "10-Q, 2024-10-30"
    of investment
  }
}

version amendment-2 {
  title "Second terms"
  effective 2023-01-23
  amends 2019-07-22
  source contract "clause 7.2"

  commitment money {
    says "Now 13 billion."
    by a
    to b
    amount USD 13 billion
    of investment
  }
}

version 2026-04-27 {
  effective 2026-04-27 assumed "no separate date was given"
  amends amendment-2
  source official "posts, 2026-04-27"
  remove money "The commitment has been paid."

  revenue-share share {
    says "Now 10%, capped."
    payer b
    payee a
    base revenue of b
    rate 10%
    from 2026-05-01
    through 2030-12-31
    cap USD 38 billion counting this version
    settle quarterly
    due 45 days after period end
    rounding down
  }
}
