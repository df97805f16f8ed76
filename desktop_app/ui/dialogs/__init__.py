"""Static dialogs written in code (application details, ...)."""
