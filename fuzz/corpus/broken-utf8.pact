agreement utf8 {
  title "cafÃ© â‚¬ ğŸ“œ and bad: ÿ Ã( â‚ í € ô€€ À¯"
  currency USD
  party a "A" â
}
  party b "Ã"
# comment ş
