"""The pages of the main window: lists beside the detail pane, search, overview and events."""
