"""The catalogue and the user's data on disk: connections, tables, migrations and queries."""
