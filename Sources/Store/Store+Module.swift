// Module Store: see ARCHITECTURE.md.
