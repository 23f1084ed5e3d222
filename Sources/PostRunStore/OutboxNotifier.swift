import Logging
import PostgresNIO
import Synchronization

/// Wakes the webhook senders of every replica after a transaction that wrote to the outbox has committed.
///
/// The NOTIFY is deliberately not sent inside the writing transaction: PostgreSQL holds a database-wide lock from a
/// notifying transaction's pre-commit through its WAL flush, so a NOTIFY in every job transaction serialised all
/// job-creating commits (about 350/s here). Instead each replica sends one small NOTIFY at a time on its own, at most
/// one per `spacing`, and a burst of commits shares it (every NOTIFY makes every sender run a round of queries).
/// The notification is only a hint; the senders also poll, so a lost one delays, never loses.
public actor OutboxNotifier {
    private let client: PostgresClient
    private let logger: Logger
    private var sending = false
    private var again = false
    static let spacing: Duration = .milliseconds(25)

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Called after a commit that wrote to the outbox. Returns at once; the NOTIFY follows.
    func committed() {
        if sending {
            again = true
            return
        }
        sending = true
        Task { await self.sendUntilQuiet() }
    }

    private func sendUntilQuiet() async {
        repeat {
            again = false
            do {
                // Nobody needs a notification to survive a crash: skip the commit's WAL flush.
                try await client.query("""
                    SELECT set_config('synchronous_commit', 'off', true), pg_notify(\(WebhookQueue.channel), '')
                    """, logger: logger)
            } catch {
                logger.debug("outbox NOTIFY failed; senders will poll", metadata: ["error": .string(String(reflecting: error))])
            }
            try? await Task.sleep(for: Self.spacing)
        } while again
        sending = false
    }
}

/// Counts outbox writes in the current `Database.transaction`, so the commit knows to wake the senders.
final class OutboxWrites: Sendable {
    @TaskLocal static var current: OutboxWrites?

    private let count = Atomic<Int>(0)

    static func record() {
        current?.count.add(1, ordering: .relaxed)
    }

    var any: Bool { count.load(ordering: .relaxed) > 0 }
}
