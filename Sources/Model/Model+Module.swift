// Module Model: see ARCHITECTURE.md.
