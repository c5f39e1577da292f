"""Link: stories across articles, matched claims, figures over time, contradictions."""
