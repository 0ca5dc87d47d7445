"""Paths to the reference data shipped inside the package."""

from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
NEEDS_TAXONOMY = DATA_DIR / "needs-taxonomy.csv"
NEEDS_DOMAINS = DATA_DIR / "needs-domains.csv"
COMMUNES = DATA_DIR / "communes-fr.csv.gz"
