"""The Qt layer: item models fed by the core's queries, views and dialogs."""
