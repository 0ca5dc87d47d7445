"""The directory of droit-commun resources: a domain library with no web layer."""
