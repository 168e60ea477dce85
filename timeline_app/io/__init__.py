"""Qt-free file formats: reading, writing and detecting timeline files."""
