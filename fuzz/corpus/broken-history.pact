agreement cycles {
  currency USD
  party a "A"
  party b "B"
}

version v1 {
  effective 2024-01-01
  amends v3
}

version v2 {
  effective 2023-01-01
  amends v1
  remove nothing-here "no such clause"
}

version v3 {
  effective 2024-01-01
  amends v1
}

version v3 {
  amends missing
}
