"""Workspace-level runs that tie the feature packages to a workspace: annotate and index, transcribe a
batch, sync people, redact every call with a leak check, make clips, translate a call; and where batch
work runs (:mod:`overheard.jobs.cluster`).

Nothing is imported here, so ``overheard.jobs.cluster`` stays cheap for the CLI to import.
"""
