"""The Qt user interface: document, selection, windows and panels."""
