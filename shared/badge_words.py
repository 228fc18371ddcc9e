"""The fixed words a badge prints, defined once for the print stations and the console's badge PDF, in every
shipped language (message ids of ``shared/locale/<language>/LC_MESSAGES/doorstation.po``).

A badge prints what the organizers wrote (the conference, the name, the company) as written. Its banner
names the ticket: a ticket named by one of the usual roles ("Speaker", "Sponsor", "Staff", …), or none, is
a fixed word and is printed in the attendee's language ("Referent", "Teilnehmer"); any other ticket name is
the organizers' own and is printed as they wrote it.
"""

from __future__ import annotations

from shared.languages import N_, shared_words

# The roles whose word is the same whoever organizes: a ticket type named exactly so is printed as the word.
ROLE_WORDS = {
    "attendee": N_("Attendee"),
    "general admission": N_("General Admission"),
    "speaker": N_("Speaker"),
    "sponsor": N_("Sponsor"),
    "exhibitor": N_("Exhibitor"),
    "staff": N_("Staff"),
    "volunteer": N_("Volunteer"),
    "organizer": N_("Organizer"),
    "organiser": N_("Organizer"),
    "press": N_("Press"),
    "student": N_("Student"),
    "vip": N_("VIP"),
}
NO_TICKET = "attendee"  # what a badge without a ticket type says


def badge_language(attendee_language: str, station_language: str) -> str:
    """The language a badge is printed in: the attendee's where known, else the station's (else English)."""
    return attendee_language or station_language or "en"


def banner(ticket_type: str, language: str) -> str:
    """The badge banner's word for ``ticket_type`` in ``language`` ("Speaker", de → "Referent"); a ticket
    name that is no role word is returned as it is."""
    word = ROLE_WORDS.get(ticket_type.strip().casefold() or NO_TICKET)
    return shared_words(language).gettext(word) if word else ticket_type
