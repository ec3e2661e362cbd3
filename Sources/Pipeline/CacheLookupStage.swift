import Store

/// Hashes each text and looks the whole chunk up in the prediction cache in one query.
/// Without a cache it only marks blank texts.
public struct CacheLookupStage<Tag>: Stage {
    public let cache: PredictionCache?

    public init(cache: PredictionCache?) {
        self.cache = cache
    }

    public func process(_ chunk: [TextItem<Tag>]) throws -> [LookedUpItem<Tag>] {
        let blanks = chunk.map(\.isBlank)
        guard let cache else {
            return zip(chunk, blanks).map { LookedUpItem(item: $0, key: nil, cached: nil, isBlank: $1) }
        }
        let keys = zip(chunk, blanks).map { item, isBlank in isBlank ? nil : TextKey(text: item.text) }
        let found = try cache.lookup(keys.compactMap { $0 })
        var next = found.makeIterator()
        return zip(chunk, zip(keys, blanks)).map { item, keyAndBlank in
            let (key, isBlank) = keyAndBlank
            return LookedUpItem(item: item, key: key, cached: key == nil ? nil : next.next() ?? nil, isBlank: isBlank)
        }
    }
}
