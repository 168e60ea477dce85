"""Presenter mode: tours shown full screen, the presenter console, the Tours panel, handouts."""
