# Who may declare a milestone changes between versions: in 2024 (v1) only Alpha may declare the
# handover, from 2025-01-01 (v2) only Beta. The fee and the licence end on the handover.
agreement handover {
  title "Handover agreement"
  currency USD
  party alpha "Alpha Ltd."
  party beta "Beta Ltd."
  party gamma "Gamma Ltd."
}

version v1 {
  effective 2024-01-01
  source contract "Agreement, 2023-12-01"

  milestone handover {
    says "Alpha declares the handover."
    declared by alpha
  }

  revenue-share fee {
    says "Alpha pays Gamma 10% of its revenue until the handover."
    payer alpha
    payee gamma
    base revenue of alpha
    rate 10%
    until handover
    settle quarterly
    due 30 days after period end
  }

  licence tools {
    says "Gamma licenses its tools to Alpha until the handover."
    licensor gamma
    licensee alpha
    covers products
    non-exclusive
    until handover
  }
}

version v2 {
  effective 2025-01-01
  amends v1
  source contract "First amendment, 2024-12-01"

  milestone handover {
    says "Beta declares the handover."
    declared by beta
  }
}
