"""HSDS 3 (Open Referral): reading packages and files, and the Relais → HSDS mapping."""
