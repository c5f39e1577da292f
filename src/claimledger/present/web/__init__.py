"""The web app: a JSON API and server-rendered pages over the ledger."""
