"""Qt item models: thin adapters over frames the core computed."""
