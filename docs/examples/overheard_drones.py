"""A worked example of an overheard plugin (docs/extending.md): drone talk in calls.

One module adds an annotator, a redaction mode, a web page with its JSON twin and a CLI command;
installed, it is found through the ``overheard`` entry-point group of its package::

    [project.entry-points.overheard]
    drones = "overheard_drones"

tests/test_extending.py installs this file exactly so and runs each part.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import typer

from overheard.model import Finding, FindingKind, Role
from overheard.plugins import hookimpl

# stem -> English gloss (a stem takes up to three more letters: "птичку"); a real plugin keeps this in a
# lexicon file
WORDS = {"дрон": "drone", "птичк": "drone (slang: 'birdie')", "мавик": "Mavic drone", "fpv": "FPV drone",
         "сброс": "drone-dropped munition"}
_PATTERN = re.compile(r"(?<!\w)(" + "|".join(WORDS) + r")\w{0,3}(?!\w)", re.IGNORECASE)


class DroneAnnotator:
    """Marks drone words ("птичку сбили", "мавик") as equipment terms with their gloss."""

    name = "drones"
    version = "v1"
    requires = ("readable_text",)
    provides = ("term:equipment",)
    default_config: dict = {}

    def annotate(self, doc) -> list[Finding]:
        """One term finding per drone word, quoted as written."""
        found = []
        for match in _PATTERN.finditer(doc.readable_text):
            stem = match.group(1).lower()
            found.append(Finding(FindingKind.TERM, "equipment", match.start(), match.end(),
                                 doc.text[match.start():match.end()], 0.9, f"{self.name}.{self.version}",
                                 f"drone word {stem!r}", {"term_id": f"drones.{stem}", "gloss": {"en": WORDS[stem]}}))
        return found


GENERIC = {"PER": "[имя]", "PHONE": "[телефон]", "CALLSIGN": "[позывной]", "UNIT": "[часть]"}


def generic_operator(redactor, text, entity, language, avoid):
    """``--mode generic``: one word per kind ("[имя]"), no numbering, so nothing links two mentions."""
    from overheard.redact.operators import Replacement, entity_key

    return [Replacement(entity.label, entity.start, entity.end, entity.text, GENERIC[entity.label], "generic",
                        entity_key(entity))]


def drone_words(request, web_session) -> dict:
    """The words the drones annotator looks for, with their glosses."""
    return {"words": [{"word": word, "gloss": gloss} for word, gloss in WORDS.items()]}


@cache
def web_router():
    """``/drones`` and its JSON twin ``/api/drones``: a page is declared once (the template beside this file)."""
    from fastapi import APIRouter

    from overheard.web.pages import declare_page

    router = APIRouter()
    declare_page(router, "/drones", Path(__file__).with_name("drones.html"), drone_words, role=Role.ANALYST)
    return router


def register(app: typer.Typer) -> None:
    """``overheard drones TEXT``: print the drone words found in a text."""

    @app.command("drones")
    def drones(text: str) -> None:
        """Print the drone words in TEXT with their glosses."""
        from overheard.annotate.doc import Doc

        for finding in DroneAnnotator().annotate(Doc(text, "ru")):
            typer.echo(f"{finding.start}-{finding.end} {finding.text}: {finding.attributes['gloss']['en']}")


@hookimpl
def overheard_annotators():
    return {"drones": DroneAnnotator}


@hookimpl
def overheard_redaction_operators():
    return {"generic": generic_operator}


@hookimpl
def overheard_web_routers():
    return {"drones": web_router()}


@hookimpl
def overheard_cli_commands():
    return {"drones": register}
