"""The people desk on the command line: show, claim, evidence, verify, proposals, signoff, network, places."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from helpers import run_cli
from people_corpus import sample_workspace


def test_a_claim_verified_by_two_people_from_the_command_line(tmp_path):
    ws = sample_workspace(tmp_path / "ws", ("call-06-makiivka", "call-09-soledar"))
    root = ws.root
    person = next(p for p in ws.store.people() if p.display == "Алексей").id
    ws.close()
    shot = tmp_path / "post.png"
    shot.write_bytes(b"\x89PNG fictional")
    done = run_cli("people", "claim", str(person), "status", "alive", "--actor", "olena", workspace=root)
    assert done.returncode == 0, done.stderr
    claim = done.stdout.split()[1].rstrip(":")
    for source, extra in (("his mother", ["--attach", str(shot)]), ("a comrade", [])):
        done = run_cli("people", "evidence", claim, "--kind", "other", "--source", source, "--date", "2023-01-05",
                       *extra, "--actor", "olena", workspace=root)
        assert done.returncode == 0, done.stderr
    refused = run_cli("people", "verify", claim, "--actor", "olena", workspace=root)
    assert refused.returncode == 2 and "E040" in refused.stderr and "second editor" in refused.stderr
    done = run_cli("people", "verify", claim, "--actor", "taras", workspace=root)
    assert done.returncode == 0 and "verified" in done.stdout
    shown = run_cli("people", "show", str(person), workspace=root).stdout
    assert "[verified]" in shown and "sign_off" in shown and "+1 file(s)" in shown
    assert run_cli("vault", "verify", workspace=root).returncode == 0
    assert run_cli("audit", "verify", workspace=root).returncode == 0
    call = run_cli("signoff", "call-09-soledar", "--check", workspace=root)
    assert "not verified" in call.stdout
    graph = json.loads(run_cli("network", "--format", "json", workspace=root).stdout)
    assert {n["type"] for n in graph["nodes"]} >= {"person", "unit", "phone"}
    assert not any(n["label"] == "в/ч 31874" for n in graph["nodes"])  # labels unless --identities
    tree = ET.fromstring(run_cli("network", "--format", "graphml", "--identities", workspace=root).stdout)
    labels = [d.text for d in tree.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    assert "в/ч 31874" in labels
    geo = json.loads(run_cli("places", "--format", "geojson", workspace=root).stdout)
    assert geo["type"] == "FeatureCollection" and geo["features"][0]["geometry"]["type"] == "Point"
