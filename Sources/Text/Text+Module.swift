// Module Text: see ARCHITECTURE.md.
