"""Repositories: load and save rows, return plain records, never commit."""
