"""`python -m claimledger.cli`, as the `claimledger` script."""

from . import main

if __name__ == "__main__":
    main()
