"""One module per page of the main window. Each page is a QWidget with `changed` and `show_pdf`
signals and an `on_changed(changes)` method the main window calls after every write.
"""
