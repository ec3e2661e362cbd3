// swift-tools-version:6.0
//
// The sentiment package: one module per concern, imports pointing one way
// (see ARCHITECTURE.md):
//
//   CICU, CBLAS, CDefaultModel          C shims and the embedded model bytes
//   Files                               output paths checked up front, atomic replacement
//   Text ─► Vocabulary; Corpus          tokenizing, ids; labeled data
//   Tensor ─► NN                        buffers + BLAS, layers with forward/backward
//   Model                               classifier, batching, checkpoint, training
//   Store                               the SQLite cache (GRDB)
//   Pipeline                            stages and the streaming runner
//   sentiment                           the command line
import PackageDescription

// Hot numerical code: bounds checks are replaced by one `precondition` per API call.
let numericSettings: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
]

let package = Package(
    name: "sentiment",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sentiment", targets: ["sentiment"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // ICU's C symbols carry a version suffix (ubrk_open_72) and its headers clash with
        // Foundation's, so a C file owns every ICU call behind a plain-C header.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // The default model's bytes, compiled into the binary with C23 `#embed`, so a
        // copied binary keeps working with no resource bundle beside it.
        .target(name: "CDefaultModel", exclude: ["model"]),

        // Writing where the user asked without destroying anything: below every module
        // that writes a file.
        .target(name: "Files"),
        .target(name: "Text", dependencies: ["CICU"]),
        .target(name: "Vocabulary", dependencies: ["Text", "Files"]),
        .target(name: "Corpus", dependencies: ["Files"]),
        // Each recurrent cell's element-wise step and the Adam kernels, built per
        // instruction set (target_clones).
        .target(name: "CKernels"),
        .target(name: "Tensor", dependencies: ["CBLAS", "CKernels"], swiftSettings: numericSettings),
        .target(name: "NN", dependencies: ["Tensor"], swiftSettings: numericSettings),
        .target(
            name: "Model",
            dependencies: ["NN", "Tensor", "Vocabulary", "Corpus", "Text", "CDefaultModel", "Files"],
            swiftSettings: numericSettings
        ),
        .target(name: "Store", dependencies: ["Files", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Pipeline", dependencies: ["Model", "Store", "Vocabulary", "Corpus"]),
        .executableTarget(
            name: "sentiment",
            dependencies: [
                "Pipeline", "Model", "Store", "Corpus", "Vocabulary", "Text", "NN", "Tensor", "Files",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "FilesTests", dependencies: ["Files"]),
        .testTarget(name: "TextTests", dependencies: ["Text"]),
        .testTarget(name: "VocabularyTests", dependencies: ["Vocabulary"]),
        .testTarget(name: "CorpusTests", dependencies: ["Corpus"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Model"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ModelTests", dependencies: ["Model"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline"]),
        .testTarget(name: "CLITests", dependencies: ["sentiment", "Store", "Model"]),
    ],
    // Swift 5 mode: the numerical kernels share raw buffers across the two cores
    // (one LSTM direction each) in ways strict Sendable checking cannot express.
    swiftLanguageModes: [.v5]
)
