"""The conference's products as the feed brought them: what a redemption station can be set to count."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Product:
    product_type: str  # ticket_type | addon
    id: int
    name: str


def cached_products(connection: sqlite3.Connection) -> list[Product]:
    """Ticket types first, then add-ons, each by name (the order the setup screen lists them)."""
    return [Product(row["product_type"], row["id"], row["name"]) for row in
            connection.execute("SELECT product_type, id, name FROM products ORDER BY product_type DESC, name")]
