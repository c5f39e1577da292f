"""Store: the ledger of analysed articles in a real database (SQLite by default)."""
