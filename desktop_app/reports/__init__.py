"""Reports: what the office (or the district) did, counted as plain rows, and the report files.

Imports store, domain and i18n; never Qt (ui/) nor ReportLab (documents/ draws the PDF).
"""
