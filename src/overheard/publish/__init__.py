"""Publication: redacted calls and quotes as plain data, and the exporters that write them (one file per format).

What goes out is built by :mod:`overheard.jobs.publish` (redaction, leak check, provenance); this package
only holds the published shapes (:mod:`overheard.publish.document`) and the format registry
(:mod:`overheard.publish.formats`), so a new format is one module and nothing here reads the store.
"""

from overheard.publish.document import (
    PublishedCall,
    PublishedFinding,
    PublishedPerson,
    PublishedPlace,
    PublishedSegment,
)

__all__ = ["PublishedCall", "PublishedFinding", "PublishedPerson", "PublishedPlace", "PublishedSegment"]
