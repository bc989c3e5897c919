"""What the app writes for others: contact cards and lists, and suggestions of changes."""
