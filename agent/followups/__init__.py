"""Follow-ups after a purchase (CONTRACTS section 7): one cross-sell or replenish message per order, rendered."""
