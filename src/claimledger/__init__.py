"""claimledger: who claims what in the news, how sure, with which figures, and when."""

__version__ = "0.1.0"
