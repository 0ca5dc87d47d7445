"""Imports and exports of the catalogue: CLI commands and the coordinators' pages' services."""
