"""Conflicts in the console: scans kiosks allowed offline that the server could not honour, and their resolution."""
