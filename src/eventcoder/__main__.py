"""`python -m eventcoder` runs the command line, as the `eventcoder` script does."""

from eventcoder.cli import main

if __name__ == "__main__":
    main()
