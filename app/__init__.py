"""POA Desk: an offline desk for the ASEAN-EU Plan of Action (2023-2027)."""

__version__ = "0.1.0"
