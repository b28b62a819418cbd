agreement x {
  currency USD
  party a "A" â
}
