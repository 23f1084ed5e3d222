import Foundation
import Logging
import PostgresNIO

/// The transactional outbox: an event is stored with the change it reports, in the same transaction,
/// so nothing accepted is lost and nothing is reported that did not happen. The webhook sender delivers it.
public enum Outbox {
    public struct Event: Sendable {
        public var type: String
        /// The API client that owns the job (receives the webhook); nil for staff-created jobs with no portal.
        public var clientID: Int64?
        public var jobID: Int64?
        /// JSON object, the webhook body's `data`.
        public var payload: Data

        public init(type: String, clientID: Int64?, jobID: Int64?, payload: Data) {
            self.type = type
            self.clientID = clientID
            self.jobID = jobID
            self.payload = payload
        }
    }

    /// The insert, for callers that fold it into a statement of their own (`JobService.recordAndPublish`,
    /// `JobInsertStatement`); they wake the senders too (`wakeSendersAfterCommit()`, or `Database.outboxCommitted()`
    /// after a statement that committed on its own).
    static let insertStatement = "INSERT INTO outbox_events (public_id, client_id, job_id, type, payload)"

    /// Within `Database.transaction`: once it commits, the webhook senders of every replica are notified.
    static func wakeSendersAfterCommit() {
        OutboxWrites.record()
    }

    /// Inserts the event on `connection`, which must be inside the caller's `Database.transaction`. Returns its
    /// public id. The webhook senders are woken after the commit.
    @discardableResult
    public static func enqueue(_ event: Event, on connection: PostgresConnection, logger: Logger) async throws -> String {
        let publicID = PublicIDs.make("evt")
        wakeSendersAfterCommit()
        try await connection.query("""
            \(unescaped: insertStatement)
            VALUES (\(publicID), \(event.clientID), \(event.jobID), \(event.type), \(String(decoding: event.payload, as: UTF8.self))::jsonb)
            """, logger: logger)
        return publicID
    }
}
