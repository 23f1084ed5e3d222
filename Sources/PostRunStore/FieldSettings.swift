import Foundation
import Logging
import PostgresNIO
import PostRunCore

/// Operator settings the field needs, read from `app_settings` on the caller's connection (so a change applies to
/// the next event, on every replica).
public struct FieldSettings: Sendable, Equatable {
    public var policy: AttemptPolicy
    public var attachmentMaxBytes: Int

    public static let defaultAttachmentMaxBytes = 2 << 20

    /// `max_delivery_attempts` (default 2), `max_pickup_attempts` (default 2), `attachments.max_bytes` (default 2 MiB).
    public static func load(on connection: PostgresConnection, logger: Logger) async throws -> FieldSettings {
        let rows = try await connection.query("""
            SELECT key, value::text FROM app_settings
            WHERE key IN ('max_delivery_attempts', 'max_pickup_attempts', 'attachments.max_bytes')
            """, logger: logger)
        var settings = FieldSettings(policy: .standard, attachmentMaxBytes: defaultAttachmentMaxBytes)
        for try await (key, value) in rows.decode((String, String).self) {
            guard let number = Int(value.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))), number > 0 else { continue }
            switch key {
            case "max_delivery_attempts": settings.policy.maxDeliveryAttempts = number
            case "max_pickup_attempts": settings.policy.maxPickupAttempts = number
            default: settings.attachmentMaxBytes = number
            }
        }
        return settings
    }

    /// The office's working calendar (its working weekdays; holidays from `calendar_days` when that table has any
    /// row, else the built-in list) and the commune's serving weekdays.
    public static func calendars(officeID: Int64, communeCode: String, on connection: PostgresConnection,
                                 logger: Logger) async throws -> (office: WorkingCalendar, commune: CommuneServiceCalendar) {
        let rows = try await connection.query("""
            SELECT o.working_days, coalesce((SELECT u.service_weekdays FROM administrative_units u
                                             WHERE u.code = \(communeCode) AND u.valid_to IS NULL), '{}')
            FROM post_offices o WHERE o.id = \(officeID)
            """, logger: logger)
        let days = try await AgencyCalendarRepository.calendarDays(from: nil, to: nil, on: connection, logger: logger)
        let holidays = days.isEmpty ? HolidayList.vietnam : AgencyCalendarRepository.holidayList(days)
        var office = WorkingCalendar.standard
        var commune = CommuneServiceCalendar(communeCode: communeCode)
        for try await (workingDays, serviceWeekdays) in rows.decode(([Int16], [Int16]).self) {
            let weekdays = Set(workingDays.map(Int.init)).filter { (1...7).contains($0) }
            office = WorkingCalendar(workingWeekdays: weekdays.isEmpty ? [1, 2, 3, 4, 5] : weekdays, holidays: holidays)
            let served = Set(serviceWeekdays.map(Int.init))
            commune = CommuneServiceCalendar(communeCode: communeCode, servedWeekdays: served.isEmpty ? nil : served)
        }
        return (office, commune)
    }
}
