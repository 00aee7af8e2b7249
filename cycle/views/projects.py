"""Views of one IC: its page, its cycle, its actors."""
