"""Programmes (PRE): the model and its settings, set up by the admin."""
