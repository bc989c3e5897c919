"""The core of TFBB Katalog: schema, export format, import, search and queries.

Nothing in this package may import Qt; ``tests/test_architecture.py`` enforces it.
"""
