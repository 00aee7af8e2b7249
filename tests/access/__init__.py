"""Who may reach each URL: one module per app, merged by tests/test_url_access.py."""
