"""The card side of the kiosk: the virtual My Number card, the JPKI client and its transports
(in-process, and pyscard over PC/SC with the vpcd virtual reader)."""
