"""The rule engine over the corpus (tests/checkin_rules/cases.json), and its validation's messages."""

from __future__ import annotations

import pytest

from shared.checkin_lists import CompiledList, admit
from shared.checkin_rules import RuleError, parse
from tests.checkin_rules.corpus import VENUE, Case, cases, invalid


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_every_corpus_case_decides_and_explains_as_written(case: Case):
    verdict = admit(CompiledList(case.checkin_list, VENUE), case.attendee(), at=case.at, station=case.station,
                    passages=case.history)
    assert (verdict.allowed, verdict.explanation) == (case.allowed, case.explanation)


@pytest.mark.parametrize(("document", "error"), invalid(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_rule_that_cannot_mean_anything_is_refused_with_what_is_wrong(document, error):
    with pytest.raises(RuleError) as refused:
        parse(document, VENUE)
    assert error in refused.value.message


def test_a_refused_rule_is_shown_in_the_console_in_the_words_the_kiosk_uses():
    """Each way in of a rule, in words: what the console lists is what a refusal says."""
    for case in cases():
        if case.allowed or case.checkin_list.allow_entry_after_exit is False:
            continue
        described = {words for way in CompiledList(case.checkin_list, VENUE).rule.describe() for words in way}
        # A fixed moment is stated with its date; within half a day of it, the kiosk says the time only.
        said = {words.replace("Tue 12 May ", "") for words in described} | described
        assert set(case.explanation.split(", ")) <= said, case.name
