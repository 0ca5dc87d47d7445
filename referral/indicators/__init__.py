"""Indicators for the comité de pilotage and the national survey: pure queries, then tables."""
