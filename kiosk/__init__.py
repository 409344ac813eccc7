"""The kiosk terminal (キオスク端末): Textual app, pure flow, devices, card client."""
