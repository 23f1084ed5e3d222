import Foundation
import Logging
import PostgresNIO
import PostRunCore

/// The outcome of re-pricing a job.
public struct Repricing: Sendable, Hashable {
    public let jobID: String
    /// The job's version after the change.
    public let version: Int
    /// The snapshot replaced (`nil` if the job had none), and the new one.
    public let old: Quote?
    public let new: Quote
    public let reason: String
}

extension QuoteService {
    /// Recomputes a job's quote with the tariffs and campaigns stored now, for the job's own acceptance instant, and in one
    /// transaction stores it in `jobs.quote` (`version` + 1) and appends a `repriced` job event whose `data` is
    /// `{"old": …, "new": …, "reason": …}`, with `actor` recorded, and a `job.repriced` outbox event (`{"job": view}`) for
    /// the job's API client.
    ///
    /// The job's own columns (kind, channel, field, online level, applicant commune, weight, `fee_amount`) and its stored
    /// request (agency commune, applicant category, fee name, request kind) are priced; the fee only on the job that collects
    /// it (``collectsFee(kind:in:)``); extra attempts already charged in the old snapshot are charged again.
    public func reprice(jobID: String, reason: String, actor: String, logger: Logger) async throws -> Repricing {
        try await database.transaction(logger: logger) { connection in
            let rows = try await connection.query("""
                SELECT id, client_id, kind, state, version, channel, field, online_level, commune_code, fee_amount, weight_grams,
                       request::text, quote::text, accepted_at, appointment_date::text
                FROM jobs WHERE public_id = \(jobID) FOR UPDATE
                """, logger: logger)
            var found: (Int64, Int64?, String, String, Int, String, String, Int16?, String, Int64?, Int32?, String, String?, Date, String?)?
            for try await row in rows.decode(
                (Int64, Int64?, String, String, Int, String, String, Int16?, String, Int64?, Int32?, String, String?, Date, String?).self) {
                found = row
            }
            guard let (id, clientID, kindText, state, version, channelText, field, onlineLevel, commune, feeAmount, weight,
                       requestJSON, quoteJSON, acceptedAt, appointment) = found else {
                throw QuoteError.jobNotFound(jobID)
            }
            let stored = try? JSONDecoder().decode(JobRequest.self, from: Data(requestJSON.utf8))
            let old = try quoteJSON.map { try JSONDecoder().decode(Quote.self, from: Data($0.utf8)) }
            guard let kind = JobKind(rawValue: kindText), JobKind.requestable.contains(kind), let channel = SubmissionChannel(rawValue: channelText),
                  let agencyCommune = stored?.agency.communeCode, !agencyCommune.isEmpty else {
                throw QuoteError.engine(.invalidRequest(errors: [PricingFieldError(
                    field: "request", code: .required, messageVi: "Không đọc được yêu cầu đã lưu của công việc.",
                    messageEn: "The job's stored request cannot be read.")]))
            }
            // The fee is charged on the job that collects it (for pickup_and_return, the pickup), as when it was created.
            let requestKind = stored.flatMap { RequestKind(rawValue: $0.kind) } ?? (kind == .pickupDossier ? .pickupDossier : .deliverResult)
            let fee = feeAmount.flatMap {
                Self.collectsFee(kind: kind, in: requestKind) ? CollectedFee(amount: Money($0), name: stored?.feeToCollect?.name ?? "") : nil
            }
            let extraAttempts = old?.lines.first { $0.component == .extraAttempt }?.quantity ?? 0
            let input = QuoteInput(
                kind: kind, channel: channel, onlineLevel: channel == .online ? onlineLevel.map(Int.init) : nil,
                field: field.isEmpty ? nil : DossierField(rawValue: field),
                applicantCategory: stored?.applicant.category.map(ApplicantCategory.init(rawValue:)),
                agencyCommune: agencyCommune, applicantCommune: commune, weightGrams: weight.map(Int.init) ?? 0,
                collectedFee: fee, extraAttempts: extraAttempts,
                plannedDeliveryDate: kind == .deliverResult ? (old?.pricedOn.deliveryDate ?? appointment.flatMap(LocalDate.init(iso:))) : nil)
            let new = try await quote(input, acceptedAt: acceptedAt, on: connection, logger: logger)

            let newJSON = try Self.snapshotJSON(new)
            let oldValue = quoteJSON ?? "null"
            try await connection.query("""
                UPDATE jobs SET quote = \(newJSON)::jsonb, version = version + 1, updated_at = now() WHERE id = \(id)
                """, logger: logger)
            try await connection.query("""
                INSERT INTO job_events (job_id, type, from_state, to_state, actor, reason, data)
                VALUES (\(id), 'repriced', \(state), \(state), \(actor), \(reason),
                        jsonb_build_object('old', \(oldValue)::jsonb, 'new', \(newJSON)::jsonb, 'reason', \(reason)::text))
                """, logger: logger)
            // The portal hears of it like any other change of the job (the view carries the new quote).
            let jobs = JobService(database: database)
            if let view = try await jobs.loadView(id: id, on: connection, logger: logger) {
                try await jobs.publish(view: view, type: "job.repriced", jobID: id, clientID: clientID, on: connection, logger: logger)
            }
            return Repricing(jobID: jobID, version: version + 1, old: old, new: new, reason: reason)
        }
    }

    /// How a quote is stored in `jobs.quote` and job events: the engine's JSON, keys sorted.
    public static func snapshotJSON(_ quote: Quote) throws -> String {
        String(decoding: try JSONEncoder.sortedCompact.encode(quote), as: UTF8.self)
    }
}
