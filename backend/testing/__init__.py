"""Test and benchmark harnesses that start real components (a throwaway PostgreSQL)."""
