import Logging
import PostgresNIO
import PostRunCore

/// Reference data read on every portal request — API keys, the request's communes with their serving office, the
/// tariffs and campaigns in force — kept for ``lifetime``. Reading them was three of the four statements of
/// `POST /v1/jobs`.
///
/// Writes through this process's repositories clear it at once. A change made elsewhere (another replica,
/// `postrun api-key revoke`, `postrun import-units`, SQL by hand) is seen within ``lifetime``: a revoked key stops
/// working within a second everywhere.
public actor ReferenceCache {
    public static let lifetime: Duration = .seconds(1)
    /// Above this many entries, expired ones are dropped; if none are, everything is.
    static let capacity = 10_000

    enum Key: Hashable {
        case apiKey(hash: [UInt8])
        case communes(String, String)
        case pricingCatalog(LocalDate, province: String?)
    }

    private var entries: [Key: (value: any Sendable, expires: ContinuousClock.Instant)] = [:]

    public init() {}

    func value<Value: Sendable>(_ key: Key, as type: Value.Type) -> Value? {
        guard let entry = entries[key] else { return nil }
        guard entry.expires > .now else {
            entries[key] = nil
            return nil
        }
        return entry.value as? Value
    }

    func store(_ value: some Sendable, for key: Key) {
        if entries.count >= Self.capacity {
            let now = ContinuousClock.now
            entries = entries.filter { $0.value.expires > now }
            if entries.count >= Self.capacity { entries = [:] }
        }
        entries[key] = (value, .now + Self.lifetime)
    }

    /// Called after every write to the tables behind it.
    public func clear() { entries = [:] }

    /// The cached value of `key`, else `load()`'s, remembered.
    nonisolated func value<Value: Sendable>(_ key: Key, orLoad load: () async throws -> Value) async throws -> Value {
        if let hit = await value(key, as: Value.self) { return hit }
        let loaded = try await load()
        await store(loaded, for: key)
        return loaded
    }
}

extension Database {
    /// A transaction that writes the tables behind ``ReferenceCache``; the cache is cleared once it has ended.
    public func referenceDataTransaction<R: Sendable>(logger: Logger, _ body: (PostgresConnection) async throws -> R) async throws -> R {
        do {
            let result = try await transaction(logger: logger, body)
            await referenceCache.clear()
            return result
        } catch {
            await referenceCache.clear()
            throw error
        }
    }

    /// A single statement that writes the tables behind ``ReferenceCache``; the cache is cleared once it has run.
    @discardableResult
    public func referenceDataQuery(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        do {
            let rows = try await self.query(query, logger: logger).collect()
            await referenceCache.clear()
            return rows
        } catch {
            await referenceCache.clear()
            throw error
        }
    }
}
