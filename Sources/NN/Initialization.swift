/// How a new layer fills its parameters.
public enum Initialization: Sendable {
    /// PyTorch's default initialization for the layer, drawn from the generator.
    case pytorchDefault
    /// Zeros, for parameters about to be overwritten (a model loaded from a file):
    /// skips drawing ~10⁶ random numbers on every start of the command line.
    case zeros
}
