"""Quotes, approvals and the publication pack, through the API, the CLI and a real browser.

The workspace is a demo-like one: sample calls 02 (timed transcript, stereo Opus audio) and 05 (untimed,
Ukrainian), annotated and with people synced, and one account per role (two editors). The browser test
is issue #13's "done when": an editor selects three quotes (mouse and keyboard), a second editor approves
them, the pack is downloaded as a zip, every file passes the leak check, DOCX/SRT/VTT/FtM read back, and
a viewer plays a bleeped clip on the call page.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile

import pytest
from conftest import SAMPLES
from helpers import CHROMIUM, PASSWORD, api_login, browser_login, run_cli, serving

from overheard.errors import LeakError, PublishError
from overheard.ingest.ingest import ingest_paths
from overheard.jobs.annotate import annotate_workspace
from overheard.jobs.pack import PackRequestItems, build_pack
from overheard.jobs.people import sync_people
from overheard.jobs.publish import leak_check
from overheard.model import Segment, Transcript, Word
from overheard.review.quotes import make_quote, quote_span
from overheard.workspace import Workspace

pytestmark = pytest.mark.slow

USERS = {"anna": "editor", "boris": "editor", "olena": "analyst", "vera": "viewer"}
CALL = "call-02-kreminna"


def build_workspace(root):
    """call-02 (audio and timed text) and call-05 (text), annotated, people synced, one account per role."""
    source = root.parent / f"{root.name}-in"
    source.mkdir()
    for path in list(SAMPLES.glob("call-02-kreminna.*")) + list(SAMPLES.glob("call-05-lysychansk.*")):
        if path.suffix in (".txt", ".yaml", ".opus"):
            shutil.copy(path, source / path.name)
    ws = Workspace.create(root)
    ingest_paths(ws, [source], actor="tester")
    annotate_workspace(ws, "tester")
    sync_people(ws, "tester")
    for name, role in USERS.items():
        ws.store.add_user(name, role, PASSWORD, actor="tester")
    return ws


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    built = build_workspace(tmp_path_factory.mktemp("publish") / "ws")
    yield built
    built.close()


def _range(ws, needle: str) -> tuple[int, int]:
    text = ws.store.current_transcript(CALL).text
    start = text.index(needle)
    return start, start + len(needle)


def test_a_quote_takes_its_seconds_from_the_words_it_covers():
    words = (Word(1.0, 1.4, "Передай"), Word(1.5, 2.0, "Андрею,"), Word(2.1, 2.4, "что"), Word(2.5, 3.0, "уходим."))
    transcript = Transcript((Segment("Алло.", "A", 0.0, 0.8), Segment("Передай Андрею, что уходим.", "B", 1.0, 3.2,
                                                                     words=words)))
    start = transcript.text.index("что")
    assert quote_span(transcript, start, start + len("что уходим.")) == (1, "B", 2.1, 3.0)
    assert quote_span(transcript, 0, 5) == (0, "A", 0.0, 0.8)  # untimed words: the segment's seconds


def test_quotes_through_the_api_with_roles_and_approval_by_another_editor(ws):
    olena, olena_h = api_login(ws, "olena")
    start, end = _range(ws, "Половина роты отказалась идти.")
    made = olena.post(f"/api/calls/{ws.store.call_by_key(CALL).id}/quotes", headers=olena_h,
                      json={"start": start, "end": end, "note": "refusal", "theme": "refusal",
                            "version": ws.store.current_transcript(CALL).version})
    assert made.status_code == 200, made.text
    quote = made.json()
    assert quote["speaker"] == "Муж" and quote["time_start"] == 18.0 and quote["status"] == "draft"
    assert quote["url"] == f"/calls/{quote['call_id']}?t=18"
    vera, vera_h = api_login(ws, "vera")
    assert vera.get("/api/quotes").status_code == 403 and vera.get("/quotes").status_code == 403
    assert olena.post(f"/api/quotes/{quote['id']}/status", headers=olena_h, json={"status": "approved"}).status_code \
        == 403  # analysts make quotes, editors approve them
    anna, anna_h = api_login(ws, "anna")
    own = anna.post(f"/api/calls/{quote['call_id']}/quotes", headers=anna_h, json={"start": start, "end": end})
    refused = anna.post(f"/api/quotes/{own.json()['id']}/status", headers=anna_h, json={"status": "approved"})
    assert refused.status_code == 400 and refused.json()["error"].startswith("E052")
    approved = anna.post(f"/api/quotes/{quote['id']}/status", headers=anna_h,
                         json={"status": "approved", "revision": 0})
    assert approved.status_code == 200 and approved.json()["approved_by"] == "anna"
    stale = anna.post(f"/api/quotes/{quote['id']}/status", headers=anna_h, json={"status": "published", "revision": 0})
    assert stale.status_code == 409
    assert anna.post(f"/api/quotes/{quote['id']}/status", json={"status": "published"}).status_code == 403  # CSRF
    board = anna.get("/api/quotes", params={"status": "approved", "theme": "refusal"}).json()
    assert [q["id"] for q in board["quotes"]] == [quote["id"]]
    actions = [e.action for e in ws.store.audit_entries(quote["call_id"]) if e.object_type == "quote"]
    assert actions.count("quote.create") == 2 and "quote.approved" in actions
    across = olena.post(f"/api/calls/{quote['call_id']}/quotes", headers=olena_h,
                        json={"start": start, "end": end + 20})
    assert across.status_code == 400 and "one utterance" in across.json()["error"]


def test_the_pack_refuses_unapproved_quotes_and_leaks_and_writes_nothing(ws, tmp_path):
    call = ws.store.call_by_key(CALL)
    start, end = _range(ws, "Да нас вчера опять погнали на штурм.")
    draft = make_quote(ws.store, call.id, {"start": start, "end": end}, "olena")
    with pytest.raises(PublishError, match=f"quote {draft.id} is not approved"):
        build_pack(ws, PackRequestItems(quotes=(draft.id,)), tmp_path / "pack", "anna")
    assert not (tmp_path / "pack").exists() and list(tmp_path.iterdir()) == []
    leaky = make_quote(ws.store, call.id, {"start": start, "end": end, "note": "Ира's husband speaking"}, "olena")
    ws.store.set_quote_status(leaky.id, "approved", "anna")
    with pytest.raises(LeakError) as raised:
        build_pack(ws, PackRequestItems(quotes=(leaky.id,), disguise=False), tmp_path / "pack", "anna")
    assert "quotes/quote-" in str(raised.value) and "Ира" not in str(raised.value)
    assert list(tmp_path.iterdir()) == []  # not even the hidden work folder


def test_cli_publish_writes_a_checked_pack_of_a_whole_call(ws, tmp_path):
    out = tmp_path / "pack"
    done = run_cli("publish", "call-05-lysychansk", "-o", str(out), "--actor", "anna", workspace=ws.root)
    assert done.returncode == 0, done.stderr
    assert "all passed the leak check" in done.stdout
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"METHODOLOGY.md", "manifest.json", "calls/call-2.docx", "calls/call-2.ftm.json"} <= names
    assert "calls/call-2.srt" not in names  # untimed: no subtitles
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["outputs"]) == names - {"manifest.json"}
    assert manifest["originals"]["2"] and manifest["lexicons"]["coded_terms.yaml"]["version"]
    assert leak_check(ws, [p for p in out.rglob("*") if p.is_file()]) == []
    again = run_cli("publish", "call-05-lysychansk", "-o", str(out), workspace=ws.root)
    assert again.returncode == 2 and "E051" in again.stderr  # never over an existing pack


# ---- the browser ------------------------------------------------------------------------------
@pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"), reason="Debian's chromium is not installed")
def test_three_quotes_approved_packed_read_back_and_a_viewer_hears_the_clip(browser, tmp_path):
    import docx
    import srt
    import webvtt
    from followthemoney import model

    workspace = build_workspace(tmp_path / "ws")
    call_id = workspace.store.call_by_key(CALL).id
    text = workspace.store.current_transcript(CALL).text
    with serving(workspace) as base:

        def page_for(name):
            return browser_login(browser, base, name, accept_downloads=True)

        anna = page_for("anna")
        for needle, how in (("Половина роты отказалась идти.", "mouse"), ("Господи.", "mouse"),
                            ("Андрюша!", "keyboard")):
            anna.goto(f"{base}/calls/{call_id}")
            if how == "mouse":
                start = text.index(needle)
                anna.evaluate("""([start, end]) => {
                    const runs = [...document.querySelectorAll('#transcript .orig .r')];
                    const at = (c) => { const r = runs.filter(r => +r.dataset.c <= c).pop();
                                         return [r.firstChild, c - +r.dataset.c]; };
                    const range = document.createRange();
                    range.setStart(...at(start)); range.setEnd(...at(end));
                    const s = window.getSelection(); s.removeAllRanges(); s.addRange(range);
                }""", [start, start + len(needle)])
            else:  # focus the transcript; words: Алло, | Ир? | Ира, | это | я. | Андрюша! ...
                anna.focus("#transcript")
                for _ in range(6):
                    anna.keyboard.press("ArrowRight")
                anna.keyboard.press("Shift+ArrowRight")
                anna.keyboard.press("Shift+ArrowLeft")
            anna.wait_for_function("() => !document.getElementById('quote-submit').disabled")
            assert anna.text_content("#quote-preview") == needle
            anna.fill("#quote-note", f"picked with the {how}")
            anna.click("#quote-submit")
            anna.wait_for_url(f"{base}/quotes?call={call_id}*")
        quotes = workspace.store.quotes(call_ref=call_id)
        assert [q.text for q in quotes] == ["Андрюша!", "Половина роты отказалась идти.", "Господи."]
        assert anna.locator("li.quote .approve").count() == 0  # nobody approves their own quotes

        boris = page_for("boris")
        boris.goto(f"{base}/quotes")
        for quote in quotes:
            boris.click(f"#quote-{quote.id} .approve")
            boris.wait_for_selector(f"#quote-{quote.id}.status-approved")
        assert boris.locator(".pack-pick:checked").count() == 3
        with boris.expect_download(timeout=240_000) as download:
            boris.click("#pack-download", no_wait_after=True)
        archive = tmp_path / "pack.zip"
        download.value.save_as(archive)

        vera = page_for("vera")
        vera.goto(f"{base}/calls/{call_id}")
        assert vera.locator("#no-audio").count() == 0
        vera.wait_for_function("() => document.getElementById('player').readyState >= 1")
        assert "/derived/" in vera.get_attribute("#player", "src")
        vera.evaluate("document.getElementById('player').play()")
        vera.wait_for_function("() => document.getElementById('player').currentTime > 0.3")

    out = tmp_path / "pack"
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(out)
    files = [p for p in out.rglob("*") if p.is_file()]
    names = {p.relative_to(out).as_posix() for p in files}
    for quote in quotes:
        assert {f"quotes/quote-{quote.id}.{ext}" for ext in ("docx", "txt", "srt", "vtt", "wav")} <= names
    assert leak_check(workspace, [p for p in files if p.suffix != ".wav"]) == []
    andryusha = next(q for q in quotes if q.text == "Андрюша!")
    paragraphs = [p.text for p in docx.Document(str(out / f"quotes/quote-{andryusha.id}.docx")).paragraphs]
    assert any(p.startswith("[00:04] Жена: ") and "Андрю" not in p and p.endswith("!") for p in paragraphs)
    cue = next(iter(srt.parse((out / f"quotes/quote-{andryusha.id}.srt").read_text(encoding="utf-8"))))
    assert cue.start.total_seconds() == 4.0 and cue.content.startswith("Жена: ")
    assert webvtt.read(str(out / f"quotes/quote-{andryusha.id}.vtt")).captions[0].voice == "Жена"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len([i for i in manifest["items"] if i["type"] == "quote"]) == 3
    assert all(i["approved_by"] == "boris" for i in manifest["items"])
    methodology = (out / "METHODOLOGY.md").read_text(encoding="utf-8")
    assert "approved by 1 editor(s), none by the person who chose it" in methodology
    # the same items' FtM entities, as a whole call, validate against the model
    (tmp_path / "ftm").mkdir()
    from overheard.jobs.publish import published_call
    from overheard.publish.formats import FormatOptions, exporter
    from overheard.redact.operators import Policy

    (path,) = exporter("ftm").write(published_call(workspace, call_id, Policy("pseudonym")), tmp_path / "ftm",
                                    FormatOptions())
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        assert model.get_proxy(data, cleaned=False).schema.validate(data) is None
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as opened:
        assert all(not info.filename.startswith("/") and ".." not in info.filename for info in opened.infolist())
    workspace.close()
