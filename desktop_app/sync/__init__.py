"""The USB round trip without Qt: batch format, keys, export, import, district merge.

Imports store, domain and i18n; services call it, never the other way round.
"""
