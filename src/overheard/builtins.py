"""The built-in plugin: overheard's own components, registered exactly as a third party registers its own.

Targets are ``"module:attribute"`` references, imported only when used, so listing the commands does not
load the speech model or the entities annotator. The table of contents is :mod:`overheard.plugins`.
"""

from __future__ import annotations

from overheard.plugins import hookimpl


@hookimpl
def overheard_annotators() -> dict[str, str]:
    """The four annotators of the default pipeline."""
    return {
        "terms": "overheard.annotate.components.terms:TermAnnotator",
        "casualties": "overheard.annotate.components.casualties:CasualtyAnnotator",
        "themes": "overheard.annotate.components.themes:ThemeAnnotator",
        "entities": "overheard.annotate.components.entities:EntityAnnotator",
    }


@hookimpl
def overheard_redaction_operators() -> dict[str, str]:
    """``redact --mode``: a full block, a numbered label, or a pseudonym inflected like the original."""
    return {
        "mask": "overheard.redact.operators:mask_operator",
        "label": "overheard.redact.operators:label_operator",
        "pseudonym": "overheard.redact.operators:pseudonym_operator",
    }


@hookimpl
def overheard_exporters() -> dict[str, str]:
    """Publication formats (``overheard publish``, the pack): one module each under ``overheard.publish.formats``."""
    formats = "overheard.publish.formats"
    return {
        "txt": f"{formats}.txt:TextExporter",
        "md": f"{formats}.markdown:MarkdownExporter",
        "docx": f"{formats}.word:DocxExporter",
        "srt": f"{formats}.subrip:SrtExporter",
        "vtt": f"{formats}.webvtt_cues:VttExporter",
        "csv": f"{formats}.findings_csv:FindingsCsvExporter",
        "ftm": f"{formats}.ftm:FtmExporter",
        "json": f"{formats}.json_export:JsonExporter",
    }


@hookimpl
def overheard_asr_engines() -> dict[str, str]:
    """faster-whisper over a local CTranslate2 model."""
    return {"whisper": "overheard.speech.whisper:WhisperTranscriber"}


@hookimpl
def overheard_web_routers() -> dict[str, str]:
    """The JSON API first, then the HTML pages (a page and its /api twin are declared together)."""
    return {
        "workbench": "overheard.web.workbench:router",  # before api: /api/findings/{id} beside its POST routes
        "api": "overheard.web.api:router",
        "pages": "overheard.web.pages:router",
        "reports": "overheard.web.reports:router",
        "search": "overheard.web.search:router",
        "register": "overheard.web.register:router",
        "versions": "overheard.web.versions:router",
        "timeline": "overheard.web.timeline:router",
        "people": "overheard.web.people:router",
        "speaker_links": "overheard.web.speaker_links:router",
        "quotes": "overheard.web.quotes:router",
        "marks": "overheard.web.marks:router",
        "language": "overheard.web.language:router",
    }


@hookimpl
def overheard_cli_commands() -> dict[str, str]:
    """One ``register(app)`` per area keeps the CLI modules small."""
    return {
        "workspace": "overheard.cli.workspace_commands:register",
        "analyze": "overheard.cli.analyze_commands:register",
        "redact": "overheard.cli.redact_commands:register",
        "people": "overheard.cli.people_commands:register",
        "speech": "overheard.cli.speech_commands:register",
        "web": "overheard.cli.web_commands:register",
        "report": "overheard.cli.report_commands:register",
        "search": "overheard.cli.search_commands:register",
        "review": "overheard.cli.review_commands:register",
        "register": "overheard.cli.register_commands:register",
        "series": "overheard.cli.series_commands:register",
        "publish": "overheard.cli.publish_commands:register",
        "marks": "overheard.cli.mark_commands:register",
        "plugins": "overheard.cli.plugin_commands:register",
    }
