"""Implementations of the ports: storage, notifications, payments."""
