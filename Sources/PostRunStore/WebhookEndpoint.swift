import Crypto
import Foundation
import PostRunCore

/// A URL a portal client registered to hear about its jobs' events.
public struct WebhookEndpoint: Sendable, Equatable {
    /// Internal key; never shown.
    public let id: Int64
    /// `whk_…`, the id the API shows.
    public let publicID: String
    public var url: String
    /// The event types sent (`job.delivered`, …), sorted; empty means every type.
    public var eventTypes: [String]
    /// A paused endpoint gets no new deliveries and its pending ones wait.
    public var active: Bool
    public let createdAt: Date
    public var updatedAt: Date
    /// Bumped on every change (optimistic concurrency: `If-Match`).
    public var version: Int

    public init(id: Int64, publicID: String, url: String, eventTypes: [String], active: Bool, createdAt: Date, updatedAt: Date, version: Int) {
        self.id = id
        self.publicID = publicID
        self.url = url
        self.eventTypes = eventTypes
        self.active = active
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// One event on its way to one endpoint.
public struct WebhookDelivery: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Not yet delivered: due at `nextAttemptAt`, or in flight.
        case pending
        /// The endpoint answered 2xx.
        case delivered
        /// Every attempt in the retry window failed; replay through the API.
        case dead
    }

    /// Where a delivery stands in a list: its event's internal id, then its own (the list cursor).
    public struct Position: Sendable, Equatable {
        public let event: Int64
        public let delivery: Int64
        public init(event: Int64, delivery: Int64) {
            self.event = event
            self.delivery = delivery
        }
    }

    /// Internal keys; never shown.
    public let position: Position
    /// `whd_…`
    public let publicID: String
    public let endpointPublicID: String
    /// `evt_…`, the `PostRun-Event-Id` header and the body's `id`: the same on every attempt.
    public let eventPublicID: String
    public let eventType: String
    public let jobPublicID: String?
    public let status: Status
    public let attempts: Int
    public let nextAttemptAt: Date?
    public let lastStatusCode: Int?
    public let lastError: String?
    public let deliveredAt: Date?
    public let deadAt: Date?
    public let createdAt: Date
}

/// Webhook secrets and the signature every delivery carries.
///
/// `PostRun-Signature: v1=<hex>` where hex is HMAC-SHA256 keyed with the endpoint's secret (its UTF-8 bytes, prefix
/// included) over `<PostRun-Timestamp>.<raw body>`.
public enum WebhookSignature {
    /// `whsec_` and 40 base32 characters (200 random bits).
    public static func makeSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + PublicID.randomCharacters(count: 40, using: &generator)
    }

    /// The lowercase hex HMAC-SHA256 of `timestamp.body`.
    public static func signature(secret: String, timestamp: Int64, body: [UInt8]) -> String {
        var message = Array("\(timestamp).".utf8)
        message.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
        return mac.map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// The `PostRun-Signature` header value.
    public static func header(secret: String, timestamp: Int64, body: [UInt8]) -> String {
        "v1=" + signature(secret: secret, timestamp: timestamp, body: body)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
