"""Family consents: dated, scoped, revocable."""
