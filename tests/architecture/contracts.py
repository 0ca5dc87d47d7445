"""An import-linter contract: no import cycle between modules of the listed packages."""

from __future__ import annotations

from collections.abc import Iterable

import grimp
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def cyclic_imports(graph: grimp.ImportGraph, modules: Iterable[str]) -> list[tuple[str, str]]:
    """Return each direct import `(a, b)` that closes a cycle: `b` leads back to `a`."""
    inside = set(modules)
    return [
        (module, imported)
        for module in sorted(inside)
        for imported in sorted(graph.find_modules_directly_imported_by(module) & inside)
        if graph.chain_exists(importer=imported, imported=module)
    ]


class NoImportCycles(Contract):
    """Forbid any import cycle between the modules of some packages (at any depth)."""

    type_name = "no_import_cycles"
    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        """Find the imports that close a cycle."""
        modules = {
            module
            for package in self.packages  # type: ignore[attr-defined]
            for module in {package, *graph.find_descendants(package)}
        }
        cycles = cyclic_imports(graph, modules)
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        """Print each import that closes a cycle."""
        for module, imported in check.metadata["cycles"]:
            output.print_error(f"{module} imports {imported}, which leads back to it")
            output.new_line()
