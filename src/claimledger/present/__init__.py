"""Present: turn analyses into what people and other tools read."""
