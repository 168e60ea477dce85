"""Test-wide set-up: Qt runs headless on the offscreen platform, whatever the machine has."""

import os

# Must happen before any QApplication exists; forced, so tests never open real windows.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
