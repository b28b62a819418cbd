agreement cloud {
  title "Cloud terms"
  currency USD
  party provider-co "Provider"
  party customer-co "Customer"
}

version 2025-01-21 {
  effective 2025-01-21
  source official "blog, 2025-01-21"

  cloud first-look {
    says "Customer offers new capacity to Provider first."
    provider provider-co
    customer customer-co
    mode first-refusal
    scope new-capacity, new-products
    carve-out research, training, national-security
    unless provider-co unable
    unless provider-co unwilling
    window 30 days assumed "no time is public"
    silence waives
  }

  cloud api-only {
    says "API products run only on Provider."
    provider provider-co
    customer customer-co
    mode exclusive
    scope api-products
    carve-out non-api-products
  }

  cloud launch {
    says "New products launch on Provider first."
    provider provider-co
    customer customer-co
    mode primary
    scope products
    unless provider-co unable
  }

  cloud free {
    says "Anything else runs anywhere."
    provider provider-co
    customer customer-co
    mode none
    scope all-workloads
  }
}
