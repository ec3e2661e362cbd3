import GRDB

/// The versioned schema. A migration, once released, never changes: a new version
/// appends a new migration, so every older file upgrades in place.
///
/// The version lives in SQLite's `PRAGMA user_version`, and checking it and migrating
/// happen in one IMMEDIATE transaction: two processes opening a new file at once cannot
/// both apply the same migration (GRDB's `DatabaseMigrator` reads what is applied before
/// it takes the write lock, which lets them race).
enum CacheSchema {
    /// Each migration in order; the schema version is the number applied.
    static let migrations: [(name: String, apply: (Database) throws -> Void)] = [
        ("v1", { db in
            // A corpus file as imported, keyed by the SHA-256 of its bytes.
            try db.execute(sql: """
                CREATE TABLE datasets (
                    id INTEGER PRIMARY KEY,
                    content_hash TEXT NOT NULL UNIQUE,
                    source_path TEXT NOT NULL,
                    format TEXT NOT NULL,
                    labels TEXT NOT NULL,            -- JSON array, class order
                    document_count INTEGER NOT NULL,
                    imported_at REAL NOT NULL        -- seconds since 1970
                );
                CREATE TABLE documents (
                    id INTEGER PRIMARY KEY,
                    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,       -- order in the source
                    split TEXT NOT NULL,
                    label TEXT NOT NULL,
                    text TEXT NOT NULL,
                    source_file TEXT NOT NULL,
                    source_line INTEGER NOT NULL,
                    UNIQUE (dataset_id, position)
                );
                -- Token ids of a document under one tokenizer+vocabulary fingerprint.
                CREATE TABLE encodings (
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    fingerprint TEXT NOT NULL,
                    ids BLOB NOT NULL,               -- Int32 little-endian
                    PRIMARY KEY (document_id, fingerprint)
                ) WITHOUT ROWID;
                CREATE INDEX encodings_by_fingerprint ON encodings (fingerprint);
                -- A model by its fingerprint, so predictions repeat a small integer.
                CREATE TABLE models (
                    id INTEGER PRIMARY KEY,
                    fingerprint TEXT NOT NULL UNIQUE,
                    labels TEXT NOT NULL              -- JSON array, class order
                );
                CREATE TABLE predictions (
                    model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
                    text_hash BLOB NOT NULL,          -- SHA-256 of the normalized text
                    label TEXT NOT NULL,
                    probabilities BLOB NOT NULL,      -- Float32 little-endian, class order
                    PRIMARY KEY (model_id, text_hash)
                ) WITHOUT ROWID;
                -- One row per command that used the cache (and per training run).
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY,
                    command TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    finished_at REAL,
                    config TEXT,                      -- JSON
                    metrics TEXT,                     -- JSON, e.g. per-epoch metrics
                    cache_hits INTEGER NOT NULL DEFAULT 0,
                    cache_misses INTEGER NOT NULL DEFAULT 0
                );
                """)
        }),
        ("v2", { db in
            // The vocabulary built from a dataset, per tokenizer and pruning settings, so a
            // second `train` needs no tokenizing at all; and how many bad rows the import
            // skipped, so a cached read reports the same as a fresh one.
            try db.execute(sql: """
                CREATE TABLE vocabularies (
                    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
                    settings TEXT NOT NULL,          -- tokenizer options, min count, max size
                    tokens TEXT NOT NULL,            -- token<TAB>count lines, id order
                    PRIMARY KEY (dataset_id, settings)
                ) WITHOUT ROWID;
                ALTER TABLE datasets ADD COLUMN skipped_rows INTEGER NOT NULL DEFAULT 0;
                """)
        }),
    ]

    static var latestVersion: Int { migrations.count }

    static func version(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    }

    /// Brings the schema to `target` (default: the latest version) in one transaction.
    /// - Throws: `StoreError.newerSchema` when the file is ahead of this code.
    static func migrate(_ queue: DatabaseQueue, path: String, upTo target: Int = latestVersion) throws {
        let current = try queue.read(version)
        if current == target { return }
        if current > latestVersion { throw StoreError.newerSchema(path: path) }
        try queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                // Read again under the write lock: another process may have migrated.
                let current = try version(db)
                guard current < target else { return .commit }
                for migration in migrations[current..<target] { try migration.apply(db) }
                try db.execute(sql: "PRAGMA user_version = \(target)")
                // Marks the file as ours (`CacheDatabase.identify`); files migrated before
                // this was set are known by their tables.
                try db.execute(sql: "PRAGMA application_id = \(CacheDatabase.applicationID)")
                return .commit
            }
        }
    }
}
