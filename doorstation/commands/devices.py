"""``doorstation devices|conflicts …``: the kiosks of a conference and what they could not be granted."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from doorstation.commands.common import ConferenceOpt, console, session_factory
from server.db.engine import unit_of_work

devices_app = typer.Typer(help="Kiosk devices: add (get a pairing code), list, revoke.", no_args_is_help=True)
conflicts_app = typer.Typer(help="Scans allowed offline that the server could not honour.", no_args_is_help=True)


@devices_app.command("add")
def devices_add(
    conference: ConferenceOpt,
    name: Annotated[str, typer.Argument(help="What to call the device, e.g. 'Door B kiosk'.")],
    station: Annotated[str, typer.Option(help="Station name shown on scans, e.g. 'Door B'.")] = "",
    server_url: Annotated[str, typer.Option(help="The server's address as kiosks reach it; put in the QR so "
                                                  "that scanning it is all a kiosk needs.")] = "",
) -> None:
    """Create a device and print its one-time pairing code (valid 24 hours) and a QR of it."""
    import segno

    from server.conferences.service import get_conference
    from server.devices.service import create_device
    from shared.protocol import pairing_payload

    with unit_of_work(session_factory()) as session:
        device, code = create_device(session, get_conference(session, conference), name=name, station=station)
        device_id = device.id
    console.print(f"Device #{device_id} '{name}' for {conference}. Pairing code (valid 24 hours, works once):")
    console.print(f"\n    [bold]{code}[/]\n")
    segno.make_qr(pairing_payload(code, server_url)).terminal(compact=True)


@devices_app.command("list")
def devices_list(conference: ConferenceOpt) -> None:
    """List a conference's devices."""
    from server.conferences.service import get_conference
    from server.devices.service import list_devices

    table = Table()
    for column in ("id", "name", "station", "state", "last seen"):
        table.add_column(column)
    with unit_of_work(session_factory()) as session:
        for d in list_devices(session, get_conference(session, conference)):
            state = "revoked" if d.revoked_at else "paired" if d.paired_at else "waiting for pairing"
            table.add_row(str(d.id), d.name, d.station, state, f"{d.last_seen_at:%Y-%m-%d %H:%M:%S}" if d.last_seen_at else "-")
    console.print(table)


@devices_app.command("revoke")
def devices_revoke(conference: ConferenceOpt, device_id: Annotated[int, typer.Argument(help="Device id (see list).")]) -> None:
    """Revoke a device (a lost kiosk): its token stops working at once."""
    from server.conferences.service import get_conference
    from server.devices.service import revoke_device

    with unit_of_work(session_factory()) as session:
        device = revoke_device(session, get_conference(session, conference), device_id)
        console.print(f"Revoked device #{device.id} '{device.name}'.")


@conflicts_app.command("list")
def conflicts_list(conference: ConferenceOpt) -> None:
    """List sync conflicts, newest first."""
    from server.conferences.service import get_conference
    from server.conflicts.repository import list_conflicts

    table = Table()
    for column in ("when (UTC)", "station", "scan", "code", "reason", "what happened", "resolved"):
        table.add_column(column)
    with unit_of_work(session_factory()) as session:
        rows = list_conflicts(session, get_conference(session, conference).id)
        for row in rows:
            conflict, event = row.conflict, row.event
            resolved = f"{conflict.resolved_by}: {conflict.resolution_note}" if conflict.resolved_at else ""
            table.add_row(f"{event.occurred_at:%Y-%m-%d %H:%M:%S}", event.station, event.kind, event.access_code,
                          conflict.reason, conflict.message, resolved)
    console.print(table if rows else "No conflicts.")
