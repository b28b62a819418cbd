agreement strings {
  title "Unterminated
  currency USD
  party a "A
  party b "B\q"
}

version 2024-01-01 {
  effective 2024-01-01
  says "bad escape \x and a closing one never comes
}
