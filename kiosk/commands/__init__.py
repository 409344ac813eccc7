"""`kiosk` sub-commands, one module each; each has `register(subparsers)`.

Modules keep heavy imports (Textual, SQLAlchemy, ReportLab) inside their handlers so that
`kiosk --help` and start-up stay fast.
"""

COMMAND_MODULES = ("run", "serve", "centre", "admin", "card", "script", "verify")
