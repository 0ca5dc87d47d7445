"""Referrals (orientations): their pages, API and commands."""
