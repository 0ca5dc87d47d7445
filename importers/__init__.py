"""Importers: bring external catalogue files into Relais, and give the catalogue back."""
