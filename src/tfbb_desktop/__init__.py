"""TFBB Katalog: offline directory for Tillsammans för barnens bästa."""

__version__ = "0.1.0"
APP_NAME = "TFBB Katalog"
