"""Pure domain: no platform, cloud or web imports live here."""
