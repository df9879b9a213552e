"""Test support shared by test areas and benchmarks: builders of real test data."""
