// Module Tensor: see ARCHITECTURE.md.
