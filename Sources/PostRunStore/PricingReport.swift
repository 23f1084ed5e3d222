import Foundation
import Logging
import PostgresNIO
import PostRunCore

/// Discounts given, per campaign and funder, from the price snapshots (`jobs.quote`) of jobs accepted in a period.
public struct DiscountReport: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public let campaign: String
        /// From `campaign_versions`; empty if the campaign is no longer stored.
        public let campaignName: String
        public let funder: String
        /// Jobs this campaign discounted with this funder paying a share.
        public let jobs: Int
        /// Postage of those jobs before any discount (what they were charged plus every discount on them).
        public let grossPostage: Money
        /// This funder's share of this campaign's discounts on those jobs.
        public let discount: Money
        /// Postage those jobs were charged (quote totals).
        public let netPostage: Money
        /// Government fees collected on those jobs for the agencies: never postage.
        public let collectedFees: Money
    }

    /// Over distinct discounted jobs (a job discounted by two campaigns, or paid by two funders, counts once).
    public struct Totals: Sendable, Hashable {
        public let jobs: Int
        public let grossPostage: Money
        public let discount: Money
        public let netPostage: Money
        public let collectedFees: Money
    }

    public let from: LocalDate
    public let to: LocalDate
    public let rows: [Row]
    public let totals: Totals
}

extension PricingRepository {
    /// The discount report for jobs accepted from `from` to `to` inclusive (Vietnamese dates).
    public func discountReport(from: LocalDate, to: LocalDate, logger: Logger) async throws -> DiscountReport {
        let start = VietnamTime.instant(from)
        let end = VietnamTime.instant(to.adding(days: 1))
        return try await database.withConnection { connection in
            let base = """
                WITH j AS (
                    SELECT id, quote FROM jobs
                    WHERE quote IS NOT NULL AND accepted_at >= $1 AND accepted_at < $2
                ),
                d AS (
                    SELECT j.id AS job_id, disc->>'campaign' AS campaign, f->>'funder' AS funder, (f->>'amount')::bigint AS amount
                    FROM j, jsonb_array_elements(j.quote->'lines') AS line, jsonb_array_elements(line->'discounts') AS disc,
                         jsonb_array_elements(disc->'funders') AS f
                ),
                jt AS (
                    SELECT j.id, (j.quote->>'total')::bigint AS total,
                           COALESCE((j.quote->'collected_fee'->>'amount')::bigint, 0) AS fee,
                           (SELECT COALESCE(sum(amount), 0) FROM d WHERE d.job_id = j.id)::bigint AS discounts
                    FROM j WHERE EXISTS (SELECT 1 FROM d WHERE d.job_id = j.id)
                ),
                per AS (SELECT campaign, funder, job_id, sum(amount) AS discount FROM d GROUP BY 1, 2, 3)
                """
            var bindings = PostgresBindings()
            bindings.append(start)
            bindings.append(end)
            let rowsQuery = PostgresQuery(unsafeSQL: base + """
                SELECT per.campaign, COALESCE(c.name, ''), per.funder, count(*)::bigint,
                       sum(jt.total + jt.discounts)::bigint, sum(per.discount)::bigint, sum(jt.total)::bigint, sum(jt.fee)::bigint
                FROM per JOIN jt ON jt.id = per.job_id LEFT JOIN campaign_versions c ON c.public_id = per.campaign
                GROUP BY per.campaign, c.name, per.funder ORDER BY per.campaign, per.funder
                """, binds: bindings)
            var rows: [DiscountReport.Row] = []
            for try await (campaign, name, funder, jobs, gross, discount, net, fees)
                in try await connection.query(rowsQuery, logger: logger).decode((String, String, String, Int64, Int64, Int64, Int64, Int64).self) {
                rows.append(.init(campaign: campaign, campaignName: name, funder: funder, jobs: Int(jobs), grossPostage: Money(gross),
                                  discount: Money(discount), netPostage: Money(net), collectedFees: Money(fees)))
            }
            let totalsQuery = PostgresQuery(unsafeSQL: base + """
                SELECT count(*)::bigint, COALESCE(sum(total + discounts), 0)::bigint, COALESCE(sum(discounts), 0)::bigint,
                       COALESCE(sum(total), 0)::bigint, COALESCE(sum(fee), 0)::bigint
                FROM jt
                """, binds: bindings)
            var totals = DiscountReport.Totals(jobs: 0, grossPostage: .zero, discount: .zero, netPostage: .zero, collectedFees: .zero)
            for try await (jobs, gross, discount, net, fees)
                in try await connection.query(totalsQuery, logger: logger).decode((Int64, Int64, Int64, Int64, Int64).self) {
                totals = .init(jobs: Int(jobs), grossPostage: Money(gross), discount: Money(discount), netPostage: Money(net),
                               collectedFees: Money(fees))
            }
            return DiscountReport(from: from, to: to, rows: rows, totals: totals)
        }
    }
}
