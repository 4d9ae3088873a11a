"""Briefing packs: model and builder (no Qt, no reportlab), PDF renderer, pack files, batches."""
