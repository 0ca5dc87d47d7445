"""EPS meetings: agenda, confidentiality charter, decisions."""
