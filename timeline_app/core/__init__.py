"""The Qt-free core: dates, the evidence model, citations and anchoring, layout math."""
