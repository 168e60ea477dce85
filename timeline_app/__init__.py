"""timeline_app: evidence-linked chronologies."""
