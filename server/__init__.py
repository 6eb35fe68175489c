"""server face."""
