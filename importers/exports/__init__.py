"""Exports of the catalogue (never children, pathways or referrals): HSDS 3, data·inclusion, CSV."""
