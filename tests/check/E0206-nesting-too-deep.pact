agreement test {
  title "Test agreement"
  currency USD
  party acme "Acme Corp."
  party globex "Globex Inc."
}
version v1 {
  effective 2024-01-01
  tiers by cumulative paid {
    tiers by cumulative paid {
      tiers by cumulative paid {
        tiers by cumulative paid {
          tiers by cumulative paid {
            tiers by cumulative paid {
              tiers by cumulative paid {
                tiers by cumulative paid {
                  tiers by cumulative paid {
                    tiers by cumulative paid {
                      tiers by cumulative paid {
                        tiers by cumulative paid {
                          tiers by cumulative paid {
                            tiers by cumulative paid {
                              tiers by cumulative paid {
                                tiers by cumulative paid {
                                  tiers by cumulative paid {
                                  }
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
