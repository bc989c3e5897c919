"""From an export file to the catalogue: format, container, signature, validation, the write."""
