agreement lab {
  title "Model licence"
  currency USD
  party lab "The Lab"
  party partner "The Partner"
  party board "The Lab's board"
  party panel "Expert panel"
}

version 2019-07-22 {
  effective 2019-07-22
  source official "announcement"

  milestone agi-declared {
    says "The board declares AGI."
    declared by board, panel
  }

  milestone agi-verified {
    says "The panel verifies it."
    declared by panel
    declared by board
  }

  licence models {
    says "Lab licenses its models and one named model to Partner, exclusively until AGI is verified."
    licensor lab
    licensee partner
    covers models, products, model:gpt-6
    excludes hardware
    through 2032-12-31 assumed "the posts say through 2032"
    exclusive until agi-verified
  }

  licence research {
    says "Research IP, exclusive through 2030."
    licensor lab
    licensee partner
    covers research
    until agi-declared
    until agi-verified
    exclusive through 2030-12-31
  }

  licence hardware {
    says "Hardware, not exclusive."
    licensor lab
    licensee partner
    covers hardware
    non-exclusive
  }
}
