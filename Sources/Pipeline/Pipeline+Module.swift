// Module Pipeline: see ARCHITECTURE.md.
