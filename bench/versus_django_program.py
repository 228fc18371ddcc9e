"""The help desk's scan in django-program, for the side-by-side with bench/desk_scan.py (issue 28).

django-program (github.com/JacobCoffee/django-program) is the Django conference app the README's
"comparable Django implementation" column means. This runs ITS desk views, the ones its scanner
page posts to, through Django's test client in this process (no socket: no HTTP parsing, which
only flatters it), and reads this process's CPU time around them:

- check-in: ``POST <slug>/register/checkin/scan/`` (ScanView: lookup with its line items, order
  status, CheckIn row, badge data);
- redemption: ``POST <slug>/register/checkin/redeem/`` (RedeemView: lookup, the line item, its
  redemptions counted under a lock, a ProductRedemption row).

It has no door-check view (its ``CheckInService.record_door_check`` is called by nothing over
HTTP), so door checks are not compared.

It needs its own virtualenv: django-program wants Python ≥ 3.14 and Django ≥ 5.2. On a machine
with Python 3.13 only (this one, 2026-12-07), install with ``--ignore-requires-python`` and
parenthesise its ``except A, B:`` clauses (PEP 758, new in 3.14) and give its modules
``from __future__ import annotations`` (3.14 evaluates annotations lazily, PEP 649; some of its
annotations name what is imported only for type checkers): the meaning is the same.

    git clone https://github.com/JacobCoffee/django-program /tmp/dp    # measured at a8172af
    python3.13 -m venv /tmp/djvenv && /tmp/djvenv/bin/pip install --ignore-requires-python /tmp/dp
    grep -rlE 'except [A-Za-z_.]+, ' /tmp/djvenv/lib/python3.13/site-packages/django_program \\
      | xargs sed -i -E 's/except ([A-Za-z_.]+(, [A-Za-z_.]+)+):/except (\\1):/'
    /tmp/djvenv/bin/python bench/versus_django_program.py --lazy-annotations-for-3.13 \
      /tmp/djvenv/lib/python3.13/site-packages/django_program
    /tmp/djvenv/bin/python bench/versus_django_program.py --scans 1000 [--attendees 10000]

Then, on the same machine, one after the other (interleave: this, desk_scan, this, desk_scan):

    .venv/bin/python bench/desk_scan.py --scans 1000

and divide: django-program's CPU per scan by Doorstation's server CPU per scan (desk_scan.py reads
the server process's CPU, so uvicorn's HTTP parsing is in Doorstation's figure and not in this
one). Both on SQLite in WAL mode with ``synchronous=NORMAL`` (Doorstation's server setting; this
script sets the same on Django's connection), each with its own freshly seeded database.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import string
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path


def configure(folder: Path) -> None:
    import django  # type: ignore[import-not-found]  # its own virtualenv
    from django.conf import settings  # type: ignore[import-not-found]  # its own virtualenv

    settings.configure(
        SECRET_KEY="bench", SALT_KEY="bench", DEBUG=False, ALLOWED_HOSTS=["*"], USE_TZ=True,
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
                        "django.contrib.messages", "django_program.conference", "django_program.registration",
                        "django_program.pretalx", "django_program.sponsors", "django_program.programs",
                        "django_program.manage"],
        MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware",
                    "django.middleware.common.CommonMiddleware",
                    "django.contrib.auth.middleware.AuthenticationMiddleware",
                    "django.contrib.messages.middleware.MessageMiddleware"],
        ROOT_URLCONF=__name__,
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(folder / "dp.sqlite3"),
                               "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}}},
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        FIELD_ENCRYPTION_KEY="YBkocJMq0EEDhDBHQk2eMdBPhQrUzV8adaSz4mbHcFQ=",
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
        DJANGO_PROGRAM={"pretalx": {"base_url": "https://pretalx.com", "token": ""}, "psf_sponsors": {"token": ""}},
        LOGGING_CONFIG=None,
        # Tables made from the models as they are: at a8172af its migrations have two leaf nodes
        # (program_conference 0010_add_qbo_fields and 0010_alter_conference_options) and refuse to run.
        MIGRATION_MODULES={f"program_{app}": None for app in
                           ("conference", "registration", "pretalx", "sponsors", "programs", "manage")},
    )
    django.setup()
    sys.modules[__name__].urlpatterns = _urls()  # type: ignore[attr-defined]  # this module is ROOT_URLCONF


def _urls():  # the scanner's routes, as django-program's example project mounts them
    from django.urls import include, path  # type: ignore[import-not-found]  # its own virtualenv
    return [path("<slug:conference_slug>/register/", include("django_program.registration.urls"))]


def seed(attendees: int) -> tuple[list[str], list[tuple[str, int]]]:
    """A conference, one ticket type, one add-on (lunch, 2 each), ``attendees`` paid orders. Returns the
    access codes, and (code, lunch line item id) pairs."""
    import datetime as dt

    from django.contrib.auth import get_user_model  # type: ignore[import-not-found]  # its own virtualenv
    from django.core.management import call_command  # type: ignore[import-not-found]  # its own virtualenv
    from django_program.conference.models import Conference  # type: ignore[import-not-found]  # its own virtualenv
    from django_program.registration.attendee import Attendee  # type: ignore[import-not-found]  # its own virtualenv
    from django_program.registration.models import AddOn, Order, OrderLineItem, TicketType  # type: ignore[import-not-found]  # its own virtualenv

    call_command("migrate", run_syncdb=True, verbosity=0)
    user_model = get_user_model()
    conference = Conference.objects.create(name="Bench", slug="bench", start_date=dt.date(2026, 5, 1),
                                           end_date=dt.date(2026, 5, 3))
    ticket = TicketType.objects.create(conference=conference, name="Standard", slug="standard", price=Decimal(100))
    lunch = AddOn.objects.create(conference=conference, name="Lunch", slug="lunch", price=Decimal(10))
    user_model.objects.create_superuser("desk", "desk@example.org", "desk")
    users = user_model.objects.bulk_create([user_model(username=f"u{n}", email=f"u{n}@example.org",
                                                       first_name="Ada", last_name=f"Person{n}")
                                            for n in range(attendees)])
    orders = Order.objects.bulk_create([Order(conference=conference, user=u, status=Order.Status.PAID,
                                              reference=f"ORD-{n:08d}", total=Decimal(120))
                                        for n, u in enumerate(users)])
    OrderLineItem.objects.bulk_create(
        [OrderLineItem(order=o, description="Standard", quantity=1, unit_price=Decimal(100),
                       line_total=Decimal(100), ticket_type=ticket) for o in orders]
        + [OrderLineItem(order=o, description="Lunch", quantity=2, unit_price=Decimal(10), line_total=Decimal(20),
                         addon=lunch) for o in orders])
    codes = ["".join(random.choices(string.ascii_uppercase + string.digits, k=8)) for _ in range(attendees)]
    Attendee.objects.bulk_create([Attendee(user=u, conference=conference, order=o, access_code=c)
                                  for u, o, c in zip(users, orders, codes)])
    lunch_lines = dict(OrderLineItem.objects.filter(addon=lunch).values_list("order_id", "id"))
    return codes, [(c, lunch_lines[o.id]) for c, o in zip(codes, orders)]


def lazy_annotations_for_3_13(package: Path) -> None:
    """Give every module of the installed package ``from __future__ import annotations`` (after its
    docstring), the nearest 3.13 has to 3.14's lazily evaluated annotations."""
    import ast

    for path in package.rglob("*.py"):
        text = path.read_text()
        if "from __future__ import annotations" in text or not text.strip():
            continue
        first = ast.parse(text).body[0] if ast.parse(text).body else None
        docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
            and isinstance(first.value.value, str)
        lines = text.splitlines(keepends=True)
        lines.insert(first.end_lineno or 0 if docstring and first else 0, "from __future__ import annotations\n")
        path.write_text("".join(lines))


def cpu() -> float:
    times = os.times()
    return times.user + times.system


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--lazy-annotations-for-3.13":
        lazy_annotations_for_3_13(Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--attendees", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="django-program-bench-") as folder:
        configure(Path(folder))
        from django.test import Client  # type: ignore[import-not-found]  # its own virtualenv
        import django_program  # type: ignore[import-not-found]  # its own virtualenv

        codes, lines = seed(args.attendees)
        client = Client()
        client.login(username="desk", password="desk")
        results = {}
        for kind, url, bodies in (
            ("check-in", "/bench/register/checkin/scan/",
             [{"access_code": code, "station": "Desk"} for code in codes[:args.scans]]),
            ("redemption", "/bench/register/checkin/redeem/",
             [{"access_code": code, "line_item_id": line} for code, line in lines[args.scans:2 * args.scans]]),
        ):
            answers, started_cpu, started = [], cpu(), time.perf_counter()
            for body in bodies:
                answers.append(client.post(url, json.dumps(body), content_type="application/json").status_code)
            cpu_ms = (cpu() - started_cpu) * 1000 / len(bodies)
            wall_ms = (time.perf_counter() - started) * 1000 / len(bodies)
            ok = sum(1 for status in answers if status == 200)
            if ok != len(bodies):
                raise RuntimeError(f"{kind}: {len(bodies) - ok} of {len(bodies)} not answered 200 ({set(answers)})")
            results[kind] = (cpu_ms, wall_ms)
        version = getattr(django_program, "__version__", "?")
        import django
        print(f"django-program {version} (Django {django.__version__}, Python {sys.version.split()[0]}), "
              f"SQLite WAL synchronous=NORMAL, {args.attendees:,} attendees, {args.scans:,} scans a kind, "
              f"load {os.getloadavg()[0]:.1f}")
        for kind, (cpu_ms, wall_ms) in results.items():
            print(f"  {kind}: CPU {cpu_ms:.2f} ms a scan, {wall_ms:.2f} ms wall, all {args.scans:,} answered 200")


if __name__ == "__main__":
    main()
