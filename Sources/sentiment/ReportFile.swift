import Files

/// Writes a file the user asked for (a picture, a report) atomically: a reader never
/// sees half of it, and a failure leaves an earlier file untouched (`Files.OutputFile`:
/// a symbolic link is written through, a device or FIFO in place).
func writeReport(_ text: String, to path: String) throws {
    try OutputFile.write(Array(text.utf8), to: path)
}
