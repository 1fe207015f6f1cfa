"""VoiceCart: a voice shopping backend with a purchase guard."""

__version__ = "0.1.0"
