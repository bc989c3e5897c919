"""The search: the FTS5 index built from the tables, and the query over it."""
