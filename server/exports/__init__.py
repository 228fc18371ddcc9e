"""CSV exports of a conference: check-ins, no-shows, the scan log; safe to open in a spreadsheet."""
