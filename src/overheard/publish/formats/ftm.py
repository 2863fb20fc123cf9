"""FollowTheMoney entities (one JSON object a line, as Aleph/OpenAleph and the ftm tools load them).

Per call: the audio (``Audio``) and its redacted transcript (``PlainText``, parent the audio, with the English
translation), the call itself (``Call``: date, duration, caller and receiver), every person as a ``Person``
named by pseudonym, every place kept by the policy as an ``Address``, and ``Documentation`` links from the
transcript to each person and place it mentions. Phones are redacted, so none is exported. Entity ids
are hashes of the call's reference and the pseudonym, never of a real name.
"""

from __future__ import annotations

import json
from pathlib import Path

from overheard.publish.document import PublishedCall
from overheard.publish.formats import FormatOptions, output_path, register

GENDERS = {"m": "male", "f": "female"}
COUNTRIES = {"Belgorod": "ru", "Rostov": "ru", "Kursk": "ru", "Bryansk": "ru", "Buryatia": "ru"}


def entities(call: PublishedCall, options: FormatOptions) -> list[dict]:
    """The call's FtM entities as plain dicts (validated by the caller or the tests)."""
    from followthemoney import model

    def make(schema: str, *parts: str):
        proxy = model.make_entity(schema)
        proxy.make_id("overheard", call.ref, schema, *parts)
        return proxy

    body = "\n".join(f"{s.speaker}: {s.text}" if s.speaker else s.text for s in call.segments)
    english = "\n".join(s.translation or "" for s in call.segments) if options.english and call.has_english else ""
    audio = make("Audio", "audio")
    audio.add("fileName", f"{call.ref}.wav")
    audio.add("title", f"{call.title} (audio)")
    if call.audio_sha256:  # FtM's contentHash is a SHA-1 of the file Aleph holds; ours names the original in the vault
        audio.add("description", f"original recording sha256 {call.audio_sha256}")
    if call.duration:
        audio.add("duration", f"{call.duration:.1f}")
    transcript = make("PlainText", "transcript")
    transcript.add("fileName", f"{call.ref}.txt")
    transcript.add("title", f"{call.title} (redacted transcript)")
    transcript.add("bodyText", body)
    transcript.add("parent", audio.id)
    transcript.add("mimeType", "text/plain")
    if english:
        transcript.add("translatedText", english)
        transcript.add("translatedLanguage", "en")
    for proxy in (audio, transcript):
        if call.language in ("ru", "uk"):
            proxy.add("language", {"ru": "rus", "uk": "ukr"}[call.language])
        if call.recorded_at:
            proxy.add("date", call.recorded_at[:10])
    phone_call = make("Call", "call")
    phone_call.add("summary", call.title)
    phone_call.add("proof", transcript.id)
    if call.recorded_at:
        phone_call.add("date", call.recorded_at[:10])
    if call.duration:
        phone_call.add("duration", f"{call.duration:.0f}")
    out = [audio, transcript, phone_call]
    speakers = []
    for person in call.people:
        proxy = make("Person", person.pseudonym)
        proxy.add("name", person.pseudonym)
        proxy.add("notes", "pseudonym: not the person's real name")
        if person.gender in GENDERS:
            proxy.add("gender", GENDERS[person.gender])
        out.append(proxy)
        if person.speaker:
            speakers.append(proxy)
        link = make("Documentation", "mentions", person.pseudonym)
        link.add("document", transcript.id)
        link.add("entity", proxy.id)
        link.add("role", "speaks" if person.speaker else "mentioned")
        out.append(link)
    if speakers:
        phone_call.add("caller", speakers[0].id)
    if len(speakers) > 1:
        phone_call.add("receiver", speakers[1].id)
    for place in call.places:
        proxy = make("Address", place.name)
        proxy.add("full", place.name)
        if place.oblast:
            proxy.add("region", place.oblast)
        proxy.add("country", COUNTRIES.get(place.oblast or "", place.country or "ua"))
        if place.latitude is not None and place.longitude is not None:
            proxy.add("latitude", f"{place.latitude:.4f}")
            proxy.add("longitude", f"{place.longitude:.4f}")
        out.append(proxy)
        link = make("Documentation", "place", place.name)
        link.add("document", transcript.id)
        link.add("entity", proxy.id)
        link.add("role", "place mentioned")
        out.append(link)
    return [proxy.to_dict() for proxy in out]


class FtmExporter:
    """Entities for Aleph / OpenAleph (``ftm import``-ready JSON lines)."""

    name = "ftm"
    suffix = ".ftm.json"
    description = "FollowTheMoney entities (Audio, PlainText, Call, Person as pseudonym, Address, links)"
    needs_timings = False

    def write(self, call: PublishedCall, folder: Path, options: FormatOptions) -> list[Path]:
        """Write ``<ref>.ftm.json`` (one entity a line)."""
        path = output_path(folder, call, self.suffix)
        lines = [json.dumps(entity, ensure_ascii=False, sort_keys=True) for entity in entities(call, options)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return [path]


register(FtmExporter())
