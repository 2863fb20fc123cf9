"""DOCX with python-docx: a header table (call metadata, redaction policy), then speaker, time and text."""

from __future__ import annotations

from pathlib import Path

from overheard.publish.document import PublishedCall, clock
from overheard.publish.formats import FormatOptions, output_path, register


class DocxExporter:
    """A Word document an editor can open, mark up and hand on."""

    name = "docx"
    suffix = ".docx"
    description = "Word document: metadata and policy header, speakers, times"
    needs_timings = False

    def write(self, call: PublishedCall, folder: Path, options: FormatOptions) -> list[Path]:
        """Write ``<ref>.docx``."""
        import docx

        document = docx.Document()
        document.core_properties.title = call.title
        document.core_properties.author = "overheard"
        document.core_properties.comments = "redacted copy; names are pseudonyms or labels"
        document.add_heading(call.title, level=1)
        header = call.header()
        table = document.add_table(rows=len(header), cols=2)
        for row, (key, value) in zip(table.rows, header, strict=True):
            row.cells[0].text, row.cells[1].text = key, value
        document.add_paragraph()
        for segment in call.segments:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"[{clock(segment.start)}] ").italic = True
            if segment.speaker:
                paragraph.add_run(f"{segment.speaker}: ").bold = True
            paragraph.add_run(segment.text)
            if options.english and segment.translation:
                english = document.add_paragraph(style="Quote") if "Quote" in _styles(document) else \
                    document.add_paragraph()
                english.add_run(segment.translation).italic = True
        path = output_path(folder, call, self.suffix)
        document.save(str(path))
        return [path]


def _styles(document) -> set[str]:
    return {style.name for style in document.styles}


register(DocxExporter())
