"""The architecture, checked: the layer contracts (pyproject.toml) and no circle of files."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("doorstation", "server", "kiosk", "shared")


def test_the_layer_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every group of modules that import each other round in a circle (Tarjan's strongly connected
    components), function-level imports included: grimp reads every import statement."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_circle_of_files():
    assert circles(grimp.build_graph(*PACKAGES, cache_dir=None)) == []


def test_a_circle_is_found(tmp_path, monkeypatch):
    """The check itself: two modules that import each other (from inside a function) are one circle."""
    package = tmp_path / "circular"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("import circular.b\n")
    (package / "b.py").write_text("def f():\n    from circular import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert circles(grimp.build_graph("circular", cache_dir=None)) == [["circular.a", "circular.b"]]


HTTP_MODULES = ("pages", "endpoints", "import_pages", "lookup_pages")


def is_http(module: str) -> bool:
    return module.startswith("server.") and module.rsplit(".", 1)[-1] in HTTP_MODULES


def test_only_the_app_and_other_pages_import_a_page():
    """The HTTP floor (each domain's console pages and device endpoints) stands on every domain, so the
    domains' floor contract ignores what it imports (pyproject.toml); in return nothing below it may
    import it: a service that imported a page would climb past every floor at once."""
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    reaching_up = sorted(
        f"{importer} -> {page}"
        for page in graph.modules if is_http(page)
        for importer in graph.find_modules_that_directly_import(page)
        if importer.startswith("server.") and importer != "server.app" and not is_http(importer)
    )
    assert reaching_up == []


def test_no_arrow_runs_up_the_floors():
    """bench/floors.py's figures, held: no import arrow runs up the server's floors (46 did, the issue
    allowed 15), and a sale at the desk never calls up into a module it imports (7 did, the issue
    allowed 2); it reaches capacity and attendees only through the hooks the wiring hands in."""
    from bench import floors

    graph = grimp.build_graph("server", cache_dir=None)
    house = floors.House(floors.declared_floors())
    _total, upward = house.arrows(graph)
    assert upward == []
    climbs = [(a, b) for a, _, b, _ in floors.walk_in_sale_calls()
              if house.floor_of(a) is not None and house.floor_of(b) is not None
              and house.floor_of(a) > house.floor_of(b) and graph.direct_import_exists(importer=a, imported=b)]
    assert climbs == []


def test_the_floors_contract_excuses_only_the_http_floor():
    """The contract's ignore_imports name the HTTP modules and nothing else: a domain that climbs is
    inverted (a hook the wiring registers) or its shared piece moved down, not excused here."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"]
                  if c["name"].startswith("The server's domains import in one order")]
    importers = {rule.split(" -> ")[0] for rule in contract["ignore_imports"]}
    assert all(importer.rsplit(".", 1)[-1] in HTTP_MODULES for importer in importers), importers


SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b", re.IGNORECASE)
OUTBOX_WRITE = re.compile(r"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+outbox\b", re.IGNORECASE)


def test_the_kiosk_ui_holds_no_sql():
    """The widgets and their workers ask kiosk/core; a query in kiosk/ui would be a second home for it."""
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "kiosk" / "ui").rglob("*.py"))
             for number, line in enumerate(path.read_text().splitlines(), start=1) if SQL.search(line)]
    assert found == []


def test_the_outbox_is_written_in_one_module():
    """Recording, taking a batch, acknowledging, setting aside, taking back: kiosk/core/outbox.py only
    (the cache's schema and its upgrades excepted)."""
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "kiosk").rglob("*.py")) if path.name not in ("outbox.py", "cache.py")
             for number, line in enumerate(path.read_text().splitlines(), start=1) if OUTBOX_WRITE.search(line)]
    assert found == []
