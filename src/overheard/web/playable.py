"""Audio a browser can play: originals in browser codecs as they are, others through a PCM WAV copy.

Browsers do not decode AMR or ADPCM, both common in intercepted calls. Such an
original is converted once (PyAV) to 16-bit PCM WAV, written to
``vault/derived/playable/`` and recorded as a derived file (``audio.playable``)
with its source's sha256, so the copy is traceable and later requests stream it
from disk with range support. The original is never touched.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

import av

from overheard.errors import AudioError
from overheard.model import StoredFile
from overheard.workspace import Workspace

BROWSER_CODECS = frozenset({
    "flac", "opus", "vorbis", "mp3", "aac", "pcm_s16le", "pcm_s24le", "pcm_s32le", "pcm_f32le", "pcm_u8",
})
PLAYABLE_KIND = "audio.playable"
_conversion_lock = threading.Lock()


def needs_conversion(row: StoredFile) -> bool:
    """True when browsers cannot decode this original's codec."""
    return (row.codec or "").lower() not in BROWSER_CODECS


def to_wav(path: Path) -> bytes:
    """Decode any audio PyAV reads into 16-bit PCM WAV bytes (same rate and channels)."""
    try:
        with av.open(str(path)) as source:
            stream = source.streams.audio[0]
            layout = stream.layout.name if stream.layout else "mono"
            buffer = io.BytesIO()
            with av.open(buffer, mode="w", format="wav") as target:
                out = target.add_stream("pcm_s16le", rate=stream.rate, layout=layout)
                resampler = av.AudioResampler(format="s16", layout=layout, rate=stream.rate)
                for frame in source.decode(stream):
                    for converted in resampler.resample(frame):
                        target.mux(out.encode(converted))
                for converted in resampler.resample(None):
                    target.mux(out.encode(converted))
                target.mux(out.encode(None))
            return buffer.getvalue()
    except (av.error.FFmpegError, IndexError, ValueError) as error:
        raise AudioError(f"cannot convert audio file {path.name} for playing: {type(error).__name__}") from None


def playable_copy(workspace: Workspace, row: StoredFile, original: Path) -> tuple[str, str]:
    """The vault-relative path and format of a browser-playable copy of ``row``, made once."""
    store = workspace.store
    with _conversion_lock:
        for derived in store.derived_files(row.call_id):
            if derived.kind == PLAYABLE_KIND and derived.source_sha256 == row.sha256:
                return derived.path, "wav"
        relative, sha256 = workspace.vault.write_derived(f"playable/{row.sha256}.wav", to_wav(original))
        store.add_derived_file(call_id=row.call_id, kind=PLAYABLE_KIND, path=relative, sha256=sha256,
                               source_sha256=row.sha256, producer=f"pyav-{av.__version__}",
                               settings={"codec": "pcm_s16le", "from_codec": row.codec}, actor="overheard-web")
        return relative, "wav"
