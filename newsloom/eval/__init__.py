"""The evaluation harness behind `newsloom eval` and `make eval`."""
