// Module Vocabulary: see ARCHITECTURE.md.
