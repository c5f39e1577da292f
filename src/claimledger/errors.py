"""One error type for everything a user can get wrong, so the CLI can print one line and exit 2."""


class InputError(Exception):
    """Bad input (missing file, binary data, wrong language...). The message is shown as is."""
