"""A case's timeline: every capture and re-check of the case in time order, drawn (a mark per event,
colour and shape per outcome) and listed with the removed and added text (View ▸ Timeline of the case…)."""
