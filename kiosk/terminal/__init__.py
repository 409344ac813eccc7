"""The kiosk's work without Textual: what the app's jobs carry out (no screen, no widget)."""
