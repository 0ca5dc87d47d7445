"""Our import contract finds the imports that close a cycle, and nothing else."""

import grimp

from tests.architecture.contracts import cyclic_imports

MODULES = {"p.a", "p.b", "p.c"}


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for module in ("p", *sorted(MODULES)):
        graph.add_module(module)
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported)
    return graph


def test_a_chain_of_imports_is_no_cycle():
    assert cyclic_imports(_graph(("p.a", "p.b"), ("p.b", "p.c")), MODULES) == []


def test_each_import_of_a_loop_is_reported():
    graph = _graph(("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"))
    assert cyclic_imports(graph, MODULES) == [("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a")]
