"""``python -m sselocale``: the same command as ``sselocale``."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="sselocale")
