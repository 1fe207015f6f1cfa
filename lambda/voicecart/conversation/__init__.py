"""Platform-neutral dialogue: a `Turn` comes in, a `Reply` goes out."""

from .model import Card, Reply, Turn

__all__ = ["Card", "Reply", "Turn"]
