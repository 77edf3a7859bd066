"""The pure core: the domain model and everything that reasons about it. No Django, no database, no HTTP."""
