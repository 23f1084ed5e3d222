import Foundation
import Logging
import PostgresNIO
import PostRunCore

/// What a courier took in cash for a job.
public enum CashKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Phí, lệ phí collected for the agency: paid over to it at a handover.
    case governmentFee = "government_fee"
    /// Giá cước: the post office's own money.
    case postage
}

/// The cash ledger (`cash_entries`): one row per job and kind, written where the money is taken.
public enum CashLedger {
    /// Records cash taken; a second entry for the same job and kind is ignored (a resent courier event).
    /// Returns whether a row was written.
    @discardableResult
    public static func record(courierID: Int64, officeID: Int64, jobID: Int64, kind: CashKind, amount: Money, receiptNumber: String,
                              agencyCode: String?, collectedAt: Date, serviceDate: LocalDate, on connection: PostgresConnection,
                              logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO cash_entries (courier_id, office_id, job_id, kind, amount, receipt_number, agency_code, collected_at, service_date)
            VALUES (\(courierID), \(officeID), \(jobID), \(kind.rawValue), \(amount.dong), \(receiptNumber), \(agencyCode), \(collectedAt),
                    \(serviceDate.description)::date)
            ON CONFLICT (job_id, kind) DO NOTHING
            RETURNING id
            """, logger: logger)
        for try await _ in rows.decode(Int64.self) { return true }
        return false
    }
}

/// One courier's cash for one day, and what they must hand in to the post office.
///
/// **Expected** = every đồng the courier took in cash that day (postage and government fees, by `service_date`)
/// minus the government fees already paid over to agencies at confirmed handovers: the courier keeps nothing, pays
/// fees over at the agency counter against the signed record, and hands the rest (postage, and fees not yet paid
/// over) to the post office at day's end.
public struct CashDay: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let jobID: String
        public let dossierCode: String?
        public let kind: CashKind
        public let amount: Money
        public let receiptNumber: String
        public let agencyCode: String?
        public let collectedAt: Date
        /// The handover record the fee was paid over on.
        public let handoverID: String?
    }

    public struct Reconciliation: Sendable, Equatable {
        public let publicID: String
        public let expected: Money
        public let handedIn: Money
        public let difference: Money
        public let note: String?
        public let reconciledBy: String
        public let reconciledAt: Date
    }

    public let courierID: Int64
    public let courierPublicID: String
    public let courierName: String
    public let officeID: Int64
    public let date: LocalDate
    public let entries: [Entry]
    public let reconciliation: Reconciliation?

    public func total(_ kind: CashKind) -> Money { entries.filter { $0.kind == kind }.reduce(.zero) { $0 + $1.amount } }
    public var collected: Money { entries.reduce(.zero) { $0 + $1.amount } }
    public var paidOverToAgencies: Money {
        entries.filter { $0.kind == .governmentFee && $0.handoverID != nil }.reduce(.zero) { $0 + $1.amount }
    }
    public var expected: Money { collected - paidOverToAgencies }
}

public enum CashFailure: Error, Sendable, Equatable {
    case validation([FieldError])
    case notFound
    /// The courier's day is already reconciled.
    case alreadyReconciled(String)
}

/// Per agency: government fees collected for it, paid over at confirmed handovers, still outstanding.
public struct AgencyCashRow: Sendable, Equatable {
    public let agencyCode: String
    public let agencyName: String
    public let entries: Int
    public let collected: Money
    public let paidOver: Money
    public var outstanding: Money { collected - paidOver }
}

/// Per courier of an office: postage and fees collected, what was handed in at reconciliations.
public struct CourierCashRow: Sendable, Equatable {
    public let courierPublicID: String
    public let courierName: String
    public let entries: Int
    public let postage: Money
    public let governmentFees: Money
    public let paidOver: Money
    public let expected: Money
    public let handedIn: Money
    public let reconciledDays: Int
    public var collected: Money { postage + governmentFees }
}

/// Day-end reconciliation and the cash reports.
public struct CashRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// The courier (id and office) behind a public id.
    public func courier(publicID: String, logger: Logger) async throws -> (id: Int64, officeID: Int64) {
        let rows = try await database.query("SELECT id, office_id FROM couriers WHERE public_id = \(publicID)", logger: logger)
        for try await row in rows.decode((Int64, Int64).self) { return row }
        throw CashFailure.notFound
    }

    public func day(courierID: Int64, date: LocalDate, logger: Logger) async throws -> CashDay {
        try await database.withConnection { connection in
            try await day(courierID: courierID, date: date, lock: false, on: connection, logger: logger)
        }
    }

    func day(courierID: Int64, date: LocalDate, lock: Bool, on connection: PostgresConnection, logger: Logger) async throws -> CashDay {
        var head: (String, String, Int64)?
        for try await row in try await connection.query("SELECT public_id, name, office_id FROM couriers WHERE id = \(courierID)", logger: logger)
            .decode((String, String, Int64).self) { head = row }
        guard let head else { throw CashFailure.notFound }
        var entries: [CashDay.Entry] = []
        let rows = try await connection.query("""
            SELECT j.public_id, j.dossier_code, e.kind, e.amount, e.receipt_number, e.agency_code, e.collected_at, h.public_id
            FROM cash_entries e JOIN jobs j ON j.id = e.job_id
            LEFT JOIN handovers h ON h.id = e.handover_id AND h.status = 'confirmed'
            WHERE e.courier_id = \(courierID) AND e.service_date = \(date.description)::date
            ORDER BY e.collected_at, e.id
            \(unescaped: lock ? "FOR UPDATE OF e" : "")
            """, logger: logger)
        for try await (job, code, kind, amount, receipt, agency, at, handover) in
            rows.decode((String, String?, String, Int64, String, String?, Date, String?).self) {
            entries.append(.init(jobID: job, dossierCode: code, kind: CashKind(rawValue: kind) ?? .postage, amount: Money(amount),
                                 receiptNumber: receipt, agencyCode: agency, collectedAt: at, handoverID: handover))
        }
        var reconciliation: CashDay.Reconciliation?
        for try await (id, expected, handedIn, difference, note, by, at) in try await connection.query("""
            SELECT public_id, expected, handed_in, difference, note, reconciled_by, reconciled_at FROM cash_reconciliations
            WHERE courier_id = \(courierID) AND service_date = \(date.description)::date
            """, logger: logger).decode((String, Int64, Int64, Int64, String?, String, Date).self) {
            reconciliation = .init(publicID: id, expected: Money(expected), handedIn: Money(handedIn), difference: Money(difference),
                                   note: note, reconciledBy: by, reconciledAt: at)
        }
        return CashDay(courierID: courierID, courierPublicID: head.0, courierName: head.1, officeID: head.2, date: date,
                       entries: entries, reconciliation: reconciliation)
    }

    /// Closes a courier's day: the expected amount is computed under row locks, stored with what was handed in, and the
    /// day's entries point at the reconciliation. A difference needs a note; a second reconciliation of the day is refused.
    public func reconcile(courierID: Int64, date: LocalDate, handedIn: Money, note: String?, by actor: String, now: Date = Date(),
                          logger: Logger) async throws -> CashDay {
        do {
            return try await database.transaction(logger: logger) { connection in
                try await connection.query("SELECT 1 FROM couriers WHERE id = \(courierID) FOR UPDATE", logger: logger)
                let current = try await day(courierID: courierID, date: date, lock: true, on: connection, logger: logger)
                if let existing = current.reconciliation { throw CashFailure.alreadyReconciled(existing.publicID) }
                let note = note.map(VietnameseText.nfc).flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
                if handedIn != current.expected, note == nil {
                    throw CashFailure.validation([FieldError(
                        field: "note", code: "note_required_for_difference",
                        vi: "Số tiền nộp (\(handedIn)) khác số phải nộp (\(current.expected)): cần ghi chú của điều phối viên.",
                        en: "The amount handed in (\(handedIn.dong)) differs from the expected \(current.expected.dong): a dispatcher's note is required.")])
                }
                let publicID = PublicIDs.make("rec")
                var id: Int64 = 0
                for try await value in try await connection.query("""
                    INSERT INTO cash_reconciliations (public_id, courier_id, office_id, service_date, expected, handed_in, note, reconciled_by, reconciled_at)
                    VALUES (\(publicID), \(courierID), \(current.officeID), \(date.description)::date, \(current.expected.dong), \(handedIn.dong),
                            \(note), \(actor), \(now))
                    RETURNING id
                    """, logger: logger).decode(Int64.self) { id = value }
                try await connection.query("""
                    UPDATE cash_entries SET reconciliation_id = \(id)
                    WHERE courier_id = \(courierID) AND service_date = \(date.description)::date AND reconciliation_id IS NULL
                    """, logger: logger)
                return try await day(courierID: courierID, date: date, lock: false, on: connection, logger: logger)
            }
        } catch where SQLState.of(error) == SQLState.uniqueViolation {
            let existing = try await day(courierID: courierID, date: date, logger: logger).reconciliation?.publicID ?? ""
            throw CashFailure.alreadyReconciled(existing)
        }
    }

    /// Government fees per agency for entries of `from`…`to` (service dates, inclusive), of one office or all.
    public func agencyReport(officeID: Int64?, from: LocalDate, to: LocalDate, logger: Logger) async throws -> [AgencyCashRow] {
        let rows = try await database.query("""
            SELECT COALESCE(e.agency_code, j.request->'agency'->>'code', '') AS agency,
                   COALESCE(max(a.name), max(j.request->'agency'->>'name'), '') AS name,
                   count(*)::bigint, sum(e.amount)::bigint,
                   COALESCE(sum(e.amount) FILTER (WHERE h.status = 'confirmed'), 0)::bigint
            FROM cash_entries e JOIN jobs j ON j.id = e.job_id
            LEFT JOIN agencies a ON a.code = COALESCE(e.agency_code, j.request->'agency'->>'code')
            LEFT JOIN handovers h ON h.id = e.handover_id
            WHERE e.kind = 'government_fee' AND e.service_date BETWEEN \(from.description)::date AND \(to.description)::date
              AND (\(officeID)::bigint IS NULL OR e.office_id = \(officeID))
            GROUP BY 1 ORDER BY 1
            """, logger: logger)
        var result: [AgencyCashRow] = []
        for try await (code, name, count, collected, paid) in rows.decode((String, String, Int64, Int64, Int64).self) {
            result.append(AgencyCashRow(agencyCode: code, agencyName: name, entries: Int(count), collected: Money(collected),
                                        paidOver: Money(paid)))
        }
        return result
    }

    /// Postage and fees per courier of an office for `from`…`to`, with what they handed in at reconciliations.
    public func officeReport(officeID: Int64, from: LocalDate, to: LocalDate, logger: Logger) async throws -> [CourierCashRow] {
        let rows = try await database.query("""
            WITH e AS (
                SELECT e.courier_id, count(*)::bigint AS entries,
                       COALESCE(sum(e.amount) FILTER (WHERE e.kind = 'postage'), 0)::bigint AS postage,
                       COALESCE(sum(e.amount) FILTER (WHERE e.kind = 'government_fee'), 0)::bigint AS fees,
                       COALESCE(sum(e.amount) FILTER (WHERE e.kind = 'government_fee' AND h.status = 'confirmed'), 0)::bigint AS paid
                FROM cash_entries e LEFT JOIN handovers h ON h.id = e.handover_id
                WHERE e.office_id = \(officeID) AND e.service_date BETWEEN \(from.description)::date AND \(to.description)::date
                GROUP BY e.courier_id
            ), r AS (
                SELECT courier_id, sum(handed_in)::bigint AS handed_in, count(*)::bigint AS days FROM cash_reconciliations
                WHERE office_id = \(officeID) AND service_date BETWEEN \(from.description)::date AND \(to.description)::date
                GROUP BY courier_id
            )
            SELECT c.public_id, c.name, COALESCE(e.entries, 0), COALESCE(e.postage, 0), COALESCE(e.fees, 0), COALESCE(e.paid, 0),
                   COALESCE(r.handed_in, 0), COALESCE(r.days, 0)
            FROM couriers c LEFT JOIN e ON e.courier_id = c.id LEFT JOIN r ON r.courier_id = c.id
            WHERE e.courier_id IS NOT NULL OR r.courier_id IS NOT NULL
            ORDER BY c.name, c.id
            """, logger: logger)
        var result: [CourierCashRow] = []
        for try await (id, name, entries, postage, fees, paid, handedIn, days) in
            rows.decode((String, String, Int64, Int64, Int64, Int64, Int64, Int64).self) {
            result.append(CourierCashRow(courierPublicID: id, courierName: name, entries: Int(entries), postage: Money(postage),
                                         governmentFees: Money(fees), paidOver: Money(paid), expected: Money(postage + fees - paid),
                                         handedIn: Money(handedIn), reconciledDays: Int(days)))
        }
        return result
    }
}
