# a byte-order mark, CRLF line ends, tabs and odd spacing: input for fmt
agreement   layout {   # comment after the brace
	title    "Layout"
  currency USD



    party a "A"   # trailing comment
  party b "B"
}   # after the close


version 2024-01-01 {
# a comment at the wrong depth
 effective 2024-01-01
  source official "x"
  commitment c {
  says "c"
  by a
  to b
  amount USD 1,000 million
  of investment }
}
