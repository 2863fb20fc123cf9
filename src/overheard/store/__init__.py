"""The corpus store: the only place with SQL, one :class:`Store` over SQLite (default) or PostgreSQL.

How it is built: :class:`Store` is a facade of delegating methods. Callers call
``store.<operation>(...)`` (``store.get_call(3)``, ``store.call_list(filters)``,
``store.set_finding_status(...)``) and get core types from :mod:`overheard.model` back, never
database rows or sessions. Each method opens one transaction and calls the module of its
aggregate, where the SQL is, as functions over a SQLAlchemy session; a method that spans
aggregates (an ingested file with its call and transcript, a corrected version with its
findings) composes them in that one transaction.

``store.py``        the Store facade: opening, locks, transactions, one method per operation
``calls.py``        calls by id or key, metadata, review status; the calls list (filters, sort, paging, facets)
``files.py``        originals and their versions, derived files, ingest outcomes, vault paths
``transcripts.py``  transcript versions and the current-version rule (one SQL expression)
``findings.py``     annotation runs, people's findings and decisions (fail closed), the review queue
``people.py``       person mentions, entity forms, places, person candidates and their unique pseudonyms
``person_decisions.py``  merge and split decisions, rejected proposals, undo
``identities.py``   identity claims, evidence items, attachments, each claim's transitions
``marks.py``        tags (shared), stars (one user's) and notes (shared free text) on calls, findings, quotes
``marks_store.py``  their part of the Store facade (a mixin)
``signoffs.py``     reviewers' sign-offs of calls
``desk.py``         the people desk's part of the Store facade (a mixin)
``search_index.py`` postings and indexed digests of the search index, posting lookups with filters
``users.py``        web accounts: password rules and hashing, login throttling, login sessions
``audit.py``        the hash-chained audit log: append, read, verify
``schema.py``       every table (one declarative Base), changed only through ``migrations/``
``rows.py``         conversions between rows and core types shared by the aggregates
``engines.py`` ``migrate.py`` ``vault.py``   database engines, Alembic, the evidence vault on disk
"""

from overheard.store.engines import DatabaseError
from overheard.store.people import PersonNamer
from overheard.store.store import Store

__all__ = ["DatabaseError", "PersonNamer", "Store"]
