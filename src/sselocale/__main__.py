"""``python -m sselocale``: the same command as ``sselocale``."""

from sselocale.cli import main

if __name__ == "__main__":
    main(prog_name="sselocale")
