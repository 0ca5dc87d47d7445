"""Imports, their history and the duplicates page are for coordinators only."""

from typing import Any

from tests.referral.access import World, only, sample

ROUTES = {
    "imports.index": only("coordinator"),
    "imports.preview": only("coordinator", ok=400),
    "imports.confirm": only("coordinator", ok=404),
    "imports.run": only("coordinator"),
    "imports.shipped_file": only("coordinator"),
    "imports.duplicates_page": only("coordinator"),
    "imports.resolve": only("coordinator", ok=302),
}

PARAMS = {
    "imports.run": {"run_id": lambda world: world.get("import_run").id},
    "imports.shipped_file": {"name": lambda world: "correspondance-exemple.toml"},
    "imports.resolve": {"flag_id": lambda world: world.get("duplicate_flag").id},
}

DATA = {"imports.resolve": {"decision": "distinct"}}


@sample("import_run")
def _import_run(world: World) -> Any:
    from importers.models import ImportRun
    from importers.report import Report

    run = ImportRun(
        format="hsds",
        filename="services.json",
        applied=True,
        options={},
        report=Report(format="hsds").as_dict(),
    )
    world.session.add(run)
    return run


@sample("duplicate_flag")
def _duplicate_flag(world: World) -> Any:
    from importers.models import DuplicateFlag
    from tests.common.factories import OrganisationFactory

    first, second = OrganisationFactory(), OrganisationFactory()
    world.session.flush()
    flag = DuplicateFlag(
        kind="organisation", first_id=first.id, second_id=second.id, reason="Même SIRET"
    )
    world.session.add(flag)
    return flag
