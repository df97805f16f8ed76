"""Printed papers (ReportLab): fonts, one layout system, one small module per kind of paper.

Pure Python, no Qt, no database: every function receives domain objects and a Translator.
"""
