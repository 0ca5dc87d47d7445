"""Data protection: retention and purge, a family's export, rectification, consent withdrawal."""
