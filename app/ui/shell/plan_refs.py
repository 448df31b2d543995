"""What the plan tree and an agenda agree on when rows are dragged between them."""

# Dragged action lines and sections: {"plan": id, "refs": ["1.3(b)", "3.5"]} (the agenda takes it)
REFS_MIME = "application/x-poadesk-refs"
