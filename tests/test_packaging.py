"""A non-editable install ships the templates, migrations and reference data and renders pages."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

SCRIPT = textwrap.dedent(
    """
    import sys, tempfile, pathlib
    import referral
    assert "site-packages" in referral.__file__, referral.__file__
    from referral import create_app, database
    data = pathlib.Path(tempfile.mkdtemp())
    url = f"sqlite:///{data}/r.db"
    app = create_app({"DATA_DIR": data, "DATABASE_URL": url, "SECRET_KEY": "x"})
    database.upgrade(database.get_database(app).engine)
    from catalogue.taxonomy import load_taxonomy
    with app.app_context():
        load_taxonomy(database.session())
        database.commit()
    page = app.test_client().get("/needs")
    assert page.status_code == 200, page.status_code
    assert "Soutien scolaire" in page.get_data(as_text=True)
    print("rendered from", pathlib.Path(app.template_folder).name)
    """
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel offline, with the build backend of the test environment."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("relais-*.whl")
    return built


def test_wheel_contains_templates_migrations_and_reference_data(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    assert "referral/_templates/base.html" in names
    assert "referral/_migrations/env.py" in names
    assert "catalogue/data/communes-fr.csv.gz" in names
    assert "catalogue/data/needs-taxonomy.csv" in names
    assert "referral/static/relais.css" in names
    assert not any(name.startswith("templates/") for name in names)


def test_installed_wheel_renders_a_page(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Dependencies come from the test environment; Relais itself only from the wheel.
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            site,
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    result = subprocess.run(
        [python, "-I", "-c", SCRIPT], capture_output=True, text=True, cwd=tmp_path, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "rendered from _templates" in result.stdout
