"""Review: people's decisions on findings and corrections of transcript text, over the store.

:mod:`overheard.review.findings` accepts, rejects, corrects and adds findings and merges person
candidates; :mod:`overheard.review.transcripts` stores corrected transcript versions.
"""

from overheard.review.findings import (
    REVIEW_PRODUCER,
    add_missed,
    correct,
    decide,
    merge_persons,
    optional_int,
    set_call_status,
    undo,
)
from overheard.review.transcripts import (
    CARRIED_DIGEST,
    carried_findings,
    correct_transcript,
    new_version_runs,
)
from overheard.review.writes import CALL_STATUSES, ReviewError, check_label, labels_for

__all__ = [
    "CALL_STATUSES",
    "CARRIED_DIGEST",
    "REVIEW_PRODUCER",
    "ReviewError",
    "add_missed",
    "carried_findings",
    "check_label",
    "labels_for",
    "correct",
    "correct_transcript",
    "decide",
    "merge_persons",
    "new_version_runs",
    "optional_int",
    "set_call_status",
    "undo",
]
