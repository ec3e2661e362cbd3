// Module Corpus: see ARCHITECTURE.md.
