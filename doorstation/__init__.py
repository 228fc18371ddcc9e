"""The composition layer: the ``doorstation`` command, the demo, badge export.

The only package that wires the server, the kiosk and the badge renderer together; ``server`` and
``kiosk`` never import each other (import-linter checks it, see pyproject.toml).
"""
