"""A person's findings use the fixed vocabulary in every write path: web form, JSON API and CLI.

An unknown casualty category or theme ("dead-ish"), a count outside 0..100,000 and a side other than
own/enemy/unknown are refused with E015 naming the field, and nothing is written (the audit log does
not grow). A valid side is stored on the casualty finding and read back; a finding without one reads
as "unknown".
"""

from __future__ import annotations

import json

import pytest
from helpers import api_login, run_cli

from overheard import review
from overheard.model import casualty_side

BAD = [  # (what, the new finding's fields, the field the error names)
    ("unknown category", {"kind": "casualty", "label": "dead-ish"}, "label"),
    ("unknown theme", {"kind": "theme", "label": "sadness"}, "label"),
    ("count over 100,000", {"kind": "casualty", "label": "killed", "count": "100001"}, "count"),
    ("negative count", {"kind": "casualty", "label": "killed", "count": "-1"}, "count"),
    ("count not a number", {"kind": "casualty", "label": "killed", "count": "four"}, "count"),
    ("unknown side", {"kind": "casualty", "label": "killed", "side": "ours"}, "side"),
    ("side on a theme", {"kind": "theme", "label": "refusal", "side": "own"}, "side"),
]


@pytest.mark.parametrize(("what", "fields", "field"), BAD, ids=[row[0] for row in BAD])
def test_a_bad_hand_made_finding_is_refused_on_the_web_the_api_and_the_cli(fresh, what, fields, field):
    span = {"start": "4", "end": "18"}
    client, headers = api_login(fresh, "analyst")
    csrf = headers["X-CSRF-Token"]
    before = len(fresh.store.audit_entries())

    api = client.post(f"/api/calls/{fresh.audio_call}/findings", json=fields | span,
                      headers={"X-CSRF-Token": csrf})
    assert api.status_code in (400, 422), what
    assert "E015" in api.text or api.status_code == 422

    form = client.post(f"/calls/{fresh.audio_call}/findings", data=fields | span | {"csrf_token": csrf},
                       follow_redirects=False)
    assert form.headers["location"] == f"/calls/{fresh.audio_call}?error=E015", what

    fresh.store.close()  # the CLI opens the workspace in its own process
    options = [f"--{name}={value}" for name, value in fields.items()]
    cli = run_cli("finding", "add", str(fresh.audio_call), "--start", "4", "--end", "18", *options,
                  workspace=fresh.root)
    assert cli.returncode == 2, cli.stderr
    assert "E015" in cli.stderr and field in cli.stderr, cli.stderr

    assert len(fresh.workspace.store.audit_entries()) == before  # nothing written anywhere


def test_library_corrections_are_bounded_too(fresh):
    store = fresh.store
    with pytest.raises(review.ReviewError, match="count"):
        review.correct(store, fresh.findings["casualty"], {"count": 100_001}, "t")
    with pytest.raises(review.ReviewError, match="label"):
        review.correct(store, fresh.findings["casualty"], {"label": "dead-ish"}, "t")
    with pytest.raises(review.ReviewError, match="side"):
        review.correct(store, fresh.findings["casualty"], {"side": "theirs"}, "t")


def test_the_edges_of_the_count_and_every_side_are_accepted(fresh):
    store = fresh.store
    made = [review.add_missed(store, fresh.audio_call, {"kind": "casualty", "label": "killed", "start": 4,
                                                         "end": 18, "count": count, "side": side}, "t")["id"]
            for count, side in ((0, "own"), (100_000, "enemy"), (3, "unknown"))]
    stored = {f.id: f.finding.attributes for f in store.findings(call_ref=fresh.audio_call)}
    assert [(stored[i]["count"], stored[i]["side"]) for i in made] == [(0, "own"), (100_000, "enemy"),
                                                                        (3, "unknown")]
    # a machine finding written before the annotator knew sides reads as unknown
    assert casualty_side(stored[fresh.findings["casualty"]]) == "unknown"


def test_side_is_corrected_on_the_web_and_from_the_cli(fresh):
    client, headers = api_login(fresh, "analyst")
    csrf = headers["X-CSRF-Token"]
    response = client.post(f"/api/findings/{fresh.findings['casualty']}/correct", json={"side": "enemy"},
                           headers={"X-CSRF-Token": csrf})
    assert response.status_code == 200, response.text
    corrected = response.json()["id"]
    assert fresh.store.finding(corrected).finding.attributes["side"] == "enemy"
    page = client.get(f"/calls/{fresh.audio_call}").text
    assert 'name="side"' in page  # the correct and add forms offer the side

    fresh.store.close()
    cli = run_cli("finding", "correct", str(corrected), "--side", "own", "--format", "json",
                  workspace=fresh.root)
    assert cli.returncode == 0, cli.stderr
    newest = json.loads(cli.stdout)["id"]
    assert casualty_side(fresh.workspace.store.finding(newest).finding.attributes) == "own"
    added = run_cli("finding", "add", str(fresh.audio_call), "--kind", "casualty", "--label", "killed",
                    "--text", "двое двухсотых", "--count", "2", "--side", "own", workspace=fresh.root)
    assert added.returncode == 0 and added.stdout.startswith("added finding"), added.stderr
