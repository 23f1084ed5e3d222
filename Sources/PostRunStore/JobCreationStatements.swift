import Foundation
import NIOCore
import PostgresNIO
import PostRunCore

// The statements of `POST /v1/jobs`, prepared once per connection: parsing and planning them was most of the
// database's work for a new job. Every parameter carries an explicit cast matching the Swift value bound to it
// (String → text, Int/Int64 → bigint, Date → timestamptz, ByteBuffer → bytea); the column's assignment cast does the rest.

/// What validation and pricing need to know of the request's two communes (``JobService/CommuneFacts``). Two
/// parameters rather than an array, so that PostgreSQL settles on one generic plan instead of planning each time.
struct CommuneFactsStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT u.code, u.valid_to IS NULL, u.province_code, u.area_classes, o.id, o.code, o.name
        FROM administrative_units u LEFT JOIN post_offices o ON o.id = u.office_id
        WHERE u.code IN ($1::text, $2::text) AND u.kind <> 'province' ORDER BY u.valid_to IS NULL, u.valid_from
        """
    typealias Row = (String, Bool, String, [String], Int64?, String?, String?)

    var first: String
    var second: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(first)
        bindings.append(second)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// The tariffs in force on a day and the campaigns not yet over there, as their JSON documents (tariffs first).
struct PricingCatalogStatement: PostgresPreparedStatement {
    static let sql = """
        (SELECT true, document::text FROM tariff_versions
         WHERE retired_at IS NULL AND valid_from <= $1::text::date AND (valid_to IS NULL OR valid_to >= $1::text::date)
         ORDER BY valid_from, public_id)
        UNION ALL
        (SELECT false, document::text FROM campaign_versions
         WHERE retired_at IS NULL AND end_date >= $1::text::date AND (provinces IS NULL OR $2::text = ANY (provinces))
         ORDER BY public_id)
        """
    typealias Row = (Bool, String)

    var date: LocalDate
    var province: String?

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(date.description)
        bindings.append(province)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// A new job, its idempotency key stored with the response (claimed by the same statement: a taken key inserts
/// nothing and returns no row), its `accepted` history line and its outbox event, in one statement.
struct JobInsertStatement: PostgresPreparedStatement {
    static let sql = """
        WITH claim AS (
            INSERT INTO idempotency_keys (client_id, staff_user_id, key, request_hash, method, path, status, response_body)
            SELECT $1::bigint, $2::bigint, $3::text, $4::bytea, $5::text, $6::text, $7::bigint, $8::bytea
            WHERE $3::text IS NOT NULL
            ON CONFLICT DO NOTHING RETURNING 1
        ), job AS (
            INSERT INTO jobs (public_id, client_id, kind, state, office_id, dossier_code, channel, field, online_level,
                appointment_date, commune_code, requested_date, requested_slot, fee_amount, weight_grams, request, quote,
                accepted_at, updated_at, created_by, created_by_staff_id)
            SELECT $9::text, $10::bigint, $11::text, 'accepted', $12::bigint, $13::text, $14::text, $15::text, $16::bigint,
                $17::text::date, $18::text, $19::text::date, $20::text, $21::bigint, $22::bigint, $23::text::jsonb, $24::text::jsonb,
                $25::timestamptz, $25::timestamptz, $26::text, $27::bigint
            WHERE $3::text IS NULL OR EXISTS (SELECT FROM claim)
            RETURNING id
        ), event AS (
            INSERT INTO job_events (job_id, type, to_state, at, actor, data)
            SELECT id, 'accepted', 'accepted', $25::timestamptz, $26::text, '{}'::jsonb FROM job
        )
        \(Outbox.insertStatement)
        SELECT $28::text, $10::bigint, id, 'job.accepted', $29::text::jsonb FROM job
        RETURNING job_id
        """
    typealias Row = Int64

    var job: JobService.NewJob
    var key: IdempotencyStore.Key?
    var response: StoredResponse
    var actor: JobActor
    var now: Date

    func makeBindings() throws -> PostgresBindings {
        let valid = job.valid
        var b = PostgresBindings(capacity: 29)
        b.append(key?.owner.clientID)
        b.append(key?.owner.staffUserID)
        b.append(key?.key)
        b.append(key?.hash)
        b.append(key?.method)
        b.append(key?.path)
        b.append(Int64(response.status))
        b.append(ByteBuffer(data: response.body))
        b.append(job.publicID)
        b.append(actor.clientID)
        b.append(job.kind.rawValue)
        b.append(job.officeID)
        b.append(valid.dossierCode?.description)
        b.append(valid.channel.rawValue)
        b.append(valid.field.rawValue)
        b.append(valid.onlineLevel.map(Int64.init))
        b.append(valid.appointmentDate?.description)
        b.append(valid.request.address.communeCode)
        b.append(valid.requestedDate.description)
        b.append(valid.slot.rawValue)
        b.append(QuoteService.collectsFee(kind: job.kind, in: valid.kind) ? valid.fee?.dong : nil)
        b.append(valid.request.weightGrams.map(Int64.init))
        b.append(job.requestJSON)
        b.append(job.quoteJSON)
        b.append(now)
        b.append(actor.label)
        b.append(actor.staffUserID)
        b.append(PublicIDs.make("evt"))
        b.append(OutboxPayload.json(jobView: job.viewJSON))
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int64.self) }
}
