"""Files shipped with the importers: the partners' template spreadsheet and a sample mapping."""

from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
TEMPLATE_XLSX = DATA_DIR / "modele-partenaires.xlsx"
TEMPLATE_CSV = DATA_DIR / "modele-partenaires.csv"
SAMPLE_MAPPING = DATA_DIR / "correspondance-exemple.toml"
SHIPPED = {path.name: path for path in (TEMPLATE_XLSX, TEMPLATE_CSV, SAMPLE_MAPPING)}
