"""A small fictional corpus for the web tests: three calls, one with audio, word timings and findings."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import soundfile
from helpers import PASSWORD

from overheard.model import (
    CallMetadata,
    Finding,
    FindingKind,
    Participant,
    Segment,
    Transcript,
    TranscriptSource,
    Word,
)
from overheard.store import Store
from overheard.store.rows import utcnow
from overheard.store.schema import FileRow
from overheard.store.users import add_user
from overheard.workspace import Workspace

ROLES = ("admin", "editor", "analyst", "viewer")
XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'


@dataclass
class Corpus:
    """Where things are, for assertions."""

    root: Path
    workspace: Workspace
    store: Store
    audio_call: int
    plain_call: int
    xss_call: int
    file_id: int
    transcript_id: int
    findings: dict[str, int]


def _words(text: str, start: float, step: float) -> tuple[Word, ...]:
    words, t = [], start
    for token in text.split():
        words.append(Word(start=round(t, 2), end=round(t + step * 0.9, 2), text=token, probability=0.9))
        t += step
    return tuple(words)


def write_wav(path: Path, seconds: float = 6.0, rate: int = 16000) -> None:
    """A quiet two-tone sine wave (the player only needs something decodable)."""
    t = np.arange(int(seconds * rate)) / rate
    signal = 0.1 * np.sin(2 * np.pi * 220 * t) + 0.05 * np.sin(2 * np.pi * 330 * t)
    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(path, signal.astype(np.float32), rate, subtype="PCM_16")


def _finding(text: str, needle: str, kind: FindingKind, label: str, score: float, producer: str,
             explanation: str, occurrence: int = 0, **attributes) -> Finding:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return Finding(kind=kind, label=label, start=start, end=start + len(needle), text=needle, score=score,
                   producer=producer, explanation=explanation, attributes=attributes)


def build(root: Path, *, users: bool = True) -> Corpus:
    """Create a store under ``root`` with three calls and (optionally) one user per role."""
    workspace = Workspace.create(root)
    store = workspace.store
    actor = "test"
    audio_row = store.add_call("call_0001", actor, CallMetadata(
        recorded_at=datetime(2026, 3, 1, 14, 30), place="Энергодар", oblast="Запорожская", language="ru",
        participants=(Participant(label="A", role="soldier", name="Иван Петренко"),
                      Participant(label="B", role="mother", name="Мария Петренко")),
        relation="mother and son", notes="Obtained from a fictional source."), reason="test")
    plain_row = store.add_call("call_0002", actor, CallMetadata(
        recorded_at=datetime(2026, 5, 10, 9, 0), oblast="Херсонская", language="uk"), reason="test")
    xss_row = store.add_call("call_0003", actor, CallMetadata(recorded_at=datetime(2026, 6, 2, 20, 15),
                                                              oblast="Херсонская", language="ru"), reason="test")
    audio_call, plain_call, xss_call = audio_row.id, plain_row.id, xss_row.id

    lines = [
        ("A", 0.0, "Мам, у нас двое двухсотых, Серёга ранен.", "Mum, we have two killed, Seryoga is wounded."),
        ("B", 2.4, "Иван, ты где сейчас?", "Ivan, where are you now?"),
        ("A", 4.0, "Под Энергодаром, всё нормально.", "Near Enerhodar, all fine."),
    ]
    segments = []
    for speaker, start, text, translation in lines:
        words = _words(text, start, 0.35)
        segments.append(Segment(text=text, speaker=speaker, start=start, end=words[-1].end, language="ru",
                                words=words, translation=translation))
    transcript = Transcript(segments=tuple(segments), language="ru", source=TranscriptSource.ASR,
                            producer="fixture.v1")
    transcript_id = store.add_transcript(audio_call, transcript, actor=actor, producer="fixture.v1")
    text = transcript.text
    casualty = _finding(text, "двое двухсотых", FindingKind.CASUALTY, "killed", 0.55, "casualty.v1",
                        "lexicon 200 = killed; count 'двое' = 2", count=2, gloss="killed")
    person = _finding(text, "Серёга", FindingKind.ENTITY, "PER", 0.42, "entities.v1",
                      "first-name lexicon: Серёга (Сергей)", normal="Сергей")
    person2 = _finding(text, "Иван", FindingKind.ENTITY, "PER", 0.8, "entities.v1",
                       "first-name lexicon: Иван", normal="Иван")
    place = _finding(text, "Энергодаром", FindingKind.ENTITY, "LOC", 0.9, "entities.v1",
                     "gazetteer: Энергодар (Запорожская)", normal="Энергодар")
    theme = _finding(text, "Мам, у нас двое двухсотых, Серёга ранен.", FindingKind.THEME, "losses", 0.7,
                     "themes.v1", "cue words: двухсотых, ранен")
    wounded = _finding(text, "ранен", FindingKind.CASUALTY, "wounded", 0.6, "casualty.v1",
                       "lexicon ранен = wounded, in «Серега ранен»", count=1)
    store.replace_machine_findings(transcript_id, "casualty.v1", [casualty, wounded], "digest", actor)
    store.replace_machine_findings(transcript_id, "entities.v1", [person, person2, place], "digest", actor,
                                   personal_data=True)
    store.replace_machine_findings(transcript_id, "themes.v1", [theme], "digest", actor)
    ids = {f.finding.text: f.id for f in store.findings(transcript_id=transcript_id)}

    store.add_transcript(plain_call, Transcript(segments=(
        Segment(text="Привіт, як ти там?", speaker="A"), Segment(text="Все добре, не хвилюйся.", speaker="C")),
        language="uk", source=TranscriptSource.IMPORTED), actor=actor)
    store.add_transcript(xss_call, Transcript(segments=(Segment(text=XSS, speaker="A", start=0.0, end=1.0),),
                                              language="ru"), actor=actor)

    audio_path = root / "vault" / "originals" / "fixture" / "call_0001.wav"
    write_wav(audio_path)
    data = audio_path.read_bytes()
    with store.writing() as session:
        row = FileRow(call_id=audio_call, sha256=hashlib.sha256(data).hexdigest(), size=len(data), kind="audio",
                      original_name="call_0001.wav", source_path="call_0001.wav",
                      vault_path="vault/originals/fixture/call_0001.wav", format="wav", duration=6.0, channels=1,
                      sample_rate=16000, codec="pcm_s16le", ingested_at=utcnow(), actor=actor)
        session.add(row)
        session.flush()
        file_id = row.id
    if users:
        for role in ROLES:
            add_user(store, role, role, PASSWORD, actor=actor)
    return Corpus(root=root, workspace=workspace, store=store, audio_call=audio_call, plain_call=plain_call,
                  xss_call=xss_call,
                  file_id=file_id, transcript_id=transcript_id,
                  findings={"casualty": ids["двое двухсотых"], "person": ids["Серёга"], "ivan": ids["Иван"],
                            "place": ids["Энергодаром"], "wounded": ids["ранен"],
                            "theme": ids["Мам, у нас двое двухсотых, Серёга ранен."]})


def clone(template: Corpus, root: Path) -> Corpus:
    """A copy of a built corpus under ``root`` (copying is much faster than hashing passwords again)."""
    template.store.close()  # the last connection closing folds the WAL into the database file
    shutil.copytree(template.root, root)
    workspace = Workspace.open(root)
    return dataclasses.replace(template, root=root, workspace=workspace, store=workspace.store)
