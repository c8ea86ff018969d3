"""Data protection: the access log now; retention, masking and access policy later (issue 7)."""
