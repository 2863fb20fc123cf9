#!/usr/bin/env bash
# The main job on the bundled sample calls: build a workspace from samples/ and walk through it.
set -euo pipefail
cd "$(dirname "$0")/.."
ws="${DEMO_WORKSPACE:-demo-workspace}"
oh() { .venv/bin/overheard -w "$ws" "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "workspace"
oh init "$ws"
step "ingest the sample calls (audio, transcripts, metadata; re-running is a no-op)"
oh ingest -q samples/call-*
step "the calls"
oh calls
step "one call, as transcribed by the agency"
oh show call-03-svatove
step "its chain of custody"
oh custody call-03-svatove
step "decode the coded language: terms, casualty counts, themes, people, units, places (incremental)"
oh annotate
step "word timings for every written transcript: its text aligned to the call's audio (Whisper base, offline)"
# per turn, on each party's channel; the text is unchanged, so findings, search hits and Trends evidence
# now seek the audio on every call, and bleeped clips use the agency's text (resumable; --redo forces)
oh align --all
step "casualty mentions in every call, with counts and the rule that fired"
oh findings --kind casualty
step "people, phones, call signs and units, grouped across calls (real names: analysts only)"
oh people sync
oh people list
step "places on the map"
oh places
step "search with morphology: any form of a word, ё = е (here: every form of 'двухсотый')"
oh search двухсотый --limit 5
step "an external series to set the trends against (a FICTIONAL sample: court cases against refusers per week)"
oh series import samples/series-court-cases-refusers.csv
oh series list
step "trends: casualties by week and oblast, themes (each number's evidence: --format json, or /trends in the web)"
oh report --plots "$ws/plots"
step "publishable copies: pseudonymised names, every copy leak-checked before it is written"
oh redact --all-calls "$ws/redacted" --mode pseudonym
oh leakcheck "$ws"/redacted/*
head -n 6 "$ws/redacted/call-03-svatove.txt" 2>/dev/null || true
step "speech recognition (Whisper base, offline) beside the written transcript; flagged segments marked ⚑"
# A stereo call (one party per channel) and a mono AMR call, shown beside the agency's text, not stored;
# 'overheard transcribe --all' transcribes and stores every call (resumable, --workers N).
oh transcribe call-01-kupiansk call-03-svatove --compare --no-store
printf '%s\n' "(The sample audio is synthetic: two espeak-ng voices in the 8 kHz phone band, which Whisper base mostly" \
  "mishears, so a word error rate near 0.9 and many flagged segments are expected. Real speech: docs/speech.md.)"
step "integrity checks"
oh vault verify
oh audit verify
step "the web workbench (Ctrl-C to stop)"
oh serve --demo-account --port "${DEMO_PORT:-8000}"
