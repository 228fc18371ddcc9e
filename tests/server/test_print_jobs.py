"""A print station's acknowledgements: idempotent, and one way only (failed → printed after a reprint)."""

from __future__ import annotations

import pytest

from server.devices.service import create_device, pair_device
from server.print_jobs.service import acknowledge, send_badge
from server.walk_ins.pages import _job_words
from shared.protocol import PrintJobAck, PrintJobOutcome
from tests.factories import make_attendee, make_conference

PRINTED = PrintJobAck(outcome=PrintJobOutcome.PRINTED)


def _failed(detail: str) -> PrintJobAck:
    return PrintJobAck(outcome=PrintJobOutcome.FAILED, detail=detail)


@pytest.fixture
def job(session):
    conference = make_conference(session, slug="pycon")
    _device, code = create_device(session, conference, name="kiosk", station="Badge desk")
    device, _token = pair_device(session, code)
    job = send_badge(session, conference, make_attendee(session, conference), device.id, requested_by="Dana Door")
    session.commit()
    return job


def test_a_failed_job_reprinted_at_the_station_reads_printed_at_the_desk(session, job):
    acknowledge(session, job.device, job.id, _failed("Printer 'Zebra' is out of paper."))
    assert _job_words(job, job.attendee.conference).startswith("Printer error at Badge desk: Printer 'Zebra'")
    failed_at = job.acknowledged_at

    acknowledge(session, job.device, job.id, PRINTED)  # the operator reprinted the kept badge
    assert (job.outcome, job.outcome_detail) == ("printed", "") and job.acknowledged_at >= failed_at
    assert _job_words(job, job.attendee.conference).startswith("Printed at Badge desk, ")


def test_a_repeated_acknowledgement_changes_nothing_and_a_print_is_never_taken_back(session, job):
    acknowledge(session, job.device, job.id, _failed("jam"))
    acknowledge(session, job.device, job.id, _failed("out of paper"))  # a retried request, or a second failure
    assert (job.outcome, job.outcome_detail) == ("failed", "jam")

    acknowledge(session, job.device, job.id, PRINTED)
    printed_at = job.acknowledged_at
    acknowledge(session, job.device, job.id, PRINTED)
    acknowledge(session, job.device, job.id, _failed("jam"))
    assert (job.outcome, job.outcome_detail, job.acknowledged_at) == ("printed", "", printed_at)
