#!/usr/bin/env python3
"""Start timeline_app from a checkout: ``python run.py [FILE]`` or ``python run.py COMMAND ...``."""

import sys

from timeline_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
