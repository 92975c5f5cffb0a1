"""Review: quality checks, coverage, the release gate and the reports editors read."""
