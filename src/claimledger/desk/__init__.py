"""The fact-checker's desk: verdicts on claims, the rating scale, the publisher's identity."""
