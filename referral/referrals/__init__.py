"""Referrals (orientations) and their state machine."""
