"""Journey warehouse: customer timelines, journey stages and touchpoint facts."""
