// Module NN: see ARCHITECTURE.md.
