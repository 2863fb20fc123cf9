"""Speech: model location, audio front end, VAD, transcription, flags, the translation model, clip signal work.

Nothing in this package may reach a network; the Hugging Face hub client that faster-whisper imports
is told so before it is first imported (a model is always a local directory here anyway).
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
