"""The Qt interface: main window, pages, table models, dialogs and the background-task helper.

The only package (with `__main__`) that imports PySide6; it calls `services`, never the store.
"""
