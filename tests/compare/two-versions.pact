# Two versions in one proposed amendment: compare takes one at a time (E0606).

version proposed-a {
  title "Proposed: one"
  effective 2026-07-01
  amends 2026-04-27
  source assumed "a test"
  says "Nothing changes."
}

version proposed-b {
  title "Proposed: two"
  effective 2026-08-01
  amends proposed-a
  source assumed "a test"
  says "Nothing changes."
}
