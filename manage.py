#!/usr/bin/env python
import os
import sys
from pathlib import Path

from dotenv import load_dotenv


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Development defaults written by `make install`; the environment wins. Only management commands read
    # this file: the WSGI entry point does not, so a production server still needs DJANGO_SECRET_KEY.
    load_dotenv(Path(__file__).resolve().parent / ".env", override=False)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
