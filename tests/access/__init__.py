"""Who may reach each URL: one module per app, merged by tests/access/test_url_access.py."""
