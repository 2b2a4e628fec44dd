"""Tools for professionals: a chapter in two languages side by side, and neutral cards to hand over."""
