"""Akimat Desk: an offline desk for rural akimat offices (intake, receipts, certificates, sync)."""

__version__ = "0.1.0"
APP_NAME = "akimat-desk"
