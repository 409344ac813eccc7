"""The card side of the kiosk: the JPKI client (`jpki_client`, `auth`) and its transports
(in-process, and pyscard over PC/SC with the vpcd virtual reader); the card simulator, apart,
in `kiosk.card.virtual`."""
