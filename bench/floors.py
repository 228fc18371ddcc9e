"""The server drawn as a house: its floors, the import arrows that run back up, and a walk-in sale's climbs.

The floors are the layers of pyproject.toml's contract "The server's domains import in one order"
(top first); each domain's HTTP modules (pages.py, endpoints.py, import_pages.py, lookup_pages.py)
are a floor of their own just under server.app. An arrow is one module importing another on a different floor
(imports inside functions included: grimp reads every import statement); it runs up when the
importer stands on a lower floor than what it imports.

A climb is a call, during one walk-in sale at the desk (orders, capacity, vouchers, payment, its
attendee), from a function on a lower floor straight into a function on a higher one whose module
it imports. A hook the wiring registered (SQLAlchemy's flush hooks, orders' seat keeper and ticket
issuer) runs code
of a higher floor too, but no lower module names it: those calls are counted apart.

    .venv/bin/python bench/floors.py [--arrows]   (--arrows: list every upward arrow)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from collections import Counter
from decimal import Decimal
from pathlib import Path
from types import FrameType
from typing import Any

import grimp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONTRACT = "The server's domains import in one order"
HTTP_MODULES = ("pages", "endpoints", "import_pages", "lookup_pages")


def declared_floors() -> list[list[str]]:
    """The contract's layers, top first, each a list of the packages or modules standing on it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract["name"].startswith(CONTRACT):
            return [[part.strip() for part in layer.split("|")] for layer in contract["layers"]]
    raise SystemExit(f"pyproject.toml has no contract named {CONTRACT!r}")


class House:
    def __init__(self, floors: list[list[str]]) -> None:
        # 0 is the roof (server.app); the HTTP floor is 0.5, under it; higher numbers stand lower.
        self.level: dict[str, float] = {name: index for index, layer in enumerate(floors) for name in layer}

    def floor_of(self, module: str) -> float | None:
        if module.rsplit(".", 1)[-1] in HTTP_MODULES:
            return 0.5
        parts = module.split(".")
        for end in range(len(parts), 0, -1):
            level = self.level.get(".".join(parts[:end]))
            if level is not None:
                return level
        return None

    def arrows(self, graph: grimp.ImportGraph) -> tuple[int, list[tuple[str, str]]]:
        total, upward = 0, []
        for importer in sorted(graph.modules):
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                low, high = self.floor_of(importer), self.floor_of(imported)
                if low is None or high is None or low == high:
                    continue
                total += 1
                if low > high:
                    upward.append((importer, imported))
        return total, upward


def module_of(frame: FrameType) -> str | None:
    path = Path(frame.f_code.co_filename)
    try:
        relative = path.resolve().relative_to(ROOT / "server")
    except ValueError:
        return None
    return ".".join(("server", *relative.with_suffix("").parts))


def walk_in_sale_calls() -> list[tuple[str, str, str, str]]:
    """Every call from one server function into another during one walk-in sale: (caller module,
    caller function, callee module, callee function), in order."""
    from server.db.engine import make_engine, unit_of_work
    from server.db.migrate import upgrade_to_head
    from server.demo_data import seed_demo
    from server.walk_ins.service import Cashier, WalkIn, sell_walk_in

    try:
        from server.wiring import make_session_factory
    except ImportError:  # before server/wiring.py (to measure the house as it was)
        from server.db.engine import make_session_factory  # type: ignore[attr-defined,no-redef]
    from server.conferences.models import TicketType

    calls: list[tuple[str, str, str, str]] = []

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        if event != "call" or frame.f_back is None:
            return
        callee, caller = module_of(frame), module_of(frame.f_back)
        if callee and caller:
            calls.append((caller, frame.f_back.f_code.co_name, callee, frame.f_code.co_name))

    with tempfile.TemporaryDirectory(prefix="doorstation-floors-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'floors.sqlite3'}"
        upgrade_to_head(url)
        engine = make_engine(url)
        factory = make_session_factory(engine)
        with unit_of_work(factory) as session:
            conference = seed_demo(session, slug="floors", attendees=20)
        with unit_of_work(factory) as session:
            standard = session.query(TicketType).filter_by(conference_id=conference.id, slug="standard").one()
            conference = session.merge(conference)
            walk_in = WalkIn(first_name="Ada", last_name="Walker", email="ada@example.org", company="",
                             ticket_type_id=standard.id)
            sys.setprofile(profile)
            try:
                sell_walk_in(session, conference, walk_in, method="cash", amount=Decimal(standard.price),
                             cashier=Cashier(user_id=None, name="Bench"))
            finally:
                sys.setprofile(None)
        engine.dispose()
    return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--arrows", action="store_true", help="list every upward arrow")
    args = parser.parse_args()
    floors = declared_floors()
    house = House(floors)
    print("Floors, top first:")
    print("   0 server.app")
    print("     HTTP: every domain's pages.py, endpoints.py, import_pages.py, lookup_pages.py")
    for index, layer in enumerate(floors[1:], start=1):
        print(f"  {index:2} {' | '.join(layer)}")
    graph = grimp.build_graph("server", cache_dir=None)
    total, upward = house.arrows(graph)
    print(f"\nImport arrows between floors: {total}; running up: {len(upward)}")
    by_pair = Counter((house.floor_of(a), house.floor_of(b)) for a, b in upward)
    if args.arrows:
        for importer, imported in upward:
            print(f"  {importer} -> {imported}")
    elif by_pair:
        print("  (--arrows lists them)")

    calls = walk_in_sale_calls()
    functions = {(module, name) for _, _, module, name in calls}
    upward_calls = [(a, af, b, bf) for a, af, b, bf in calls
                    if (low := house.floor_of(a)) is not None and (high := house.floor_of(b)) is not None and low > high]
    climbs = [call for call in upward_calls if graph.direct_import_exists(importer=call[0], imported=call[2])]
    hooked = [call for call in upward_calls if call not in climbs]
    print(f"\nA walk-in sale: {len(functions)} server functions, {len(calls)} calls between them, "
          f"{len(climbs)} climbs back up")
    for caller, caller_name, callee, callee_name in climbs:
        print(f"  {caller}.{caller_name} -> {callee}.{callee_name}")
    print(f"Calls up through a hook the wiring registered: {len(hooked)}")
    for caller, caller_name, callee, callee_name in hooked:
        print(f"  {caller}.{caller_name} -> {callee}.{callee_name}")


if __name__ == "__main__":
    main()
