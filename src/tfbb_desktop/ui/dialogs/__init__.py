"""The dialogs: import, suggestions and settings."""
