"""Reads of the store's content, one module per table or purpose, each function taking the
connection :meth:`Store.read` (or :meth:`Store.write`) gives and returning typed values or frames.
The query, briefing and export code keep their logic and ask these for the rows."""
