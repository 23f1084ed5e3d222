import Foundation

/// Who took the result at the door.
public enum ReceiverRelation: String, Sendable, Hashable, Codable, CaseIterable {
    /// The applicant in person.
    case applicant = "self"
    /// A family member living at the address.
    case family
    /// Someone holding the applicant's written authorisation (giấy ủy quyền).
    case proxy
    /// A colleague or the organisation's clerk, for an organisation's dossier.
    case colleague
    case other
}

/// Cash taken at the door, with the receipt given for it.
public struct CashCollection: Sendable, Hashable {
    public var amount: Money
    public var receiptNumber: String

    public init(amount: Money, receiptNumber: String) {
        self.amount = amount
        self.receiptNumber = receiptNumber
    }
}

/// What happened at a stop, as the courier's phone reports it.
public enum CourierReport: Sendable, Hashable {
    /// At the stop.
    case arrived
    /// Dossier checked and sealed, dispatch slip (phiếu gửi) signed.
    case pickedUp(slipNumber: String, documentCount: Int, fee: CashCollection?, postage: CashCollection?)
    /// Result handed over.
    case delivered(Delivery)
    /// Nothing could be done at the door.
    case failed(FailureReason, note: String?)

    public struct Delivery: Sendable, Hashable {
        public var receiverName: String
        public var relation: ReceiverRelation
        public var idLastDigits: String
        /// Signature or photo attachments (`att_…`), uploaded before the event.
        public var attachmentIDs: [String]
        public var fee: CashCollection?
        public var postage: CashCollection?
    }

    /// The event's `type` code.
    public var type: CourierEventType {
        switch self {
        case .arrived: return .arrived
        case .pickedUp: return .pickedUp
        case .delivered: return .delivered
        case .failed: return .failed
        }
    }

    /// Cash taken with this report: the government fee and the postage.
    public var cash: (fee: CashCollection?, postage: CashCollection?) {
        switch self {
        case let .pickedUp(_, _, fee, postage): return (fee, postage)
        case let .delivered(delivery): return (delivery.fee, delivery.postage)
        case .arrived, .failed: return (nil, nil)
        }
    }
}

public enum CourierEventType: String, Sendable, Hashable, Codable, CaseIterable {
    case arrived
    case pickedUp = "picked_up"
    case delivered
    case failed
}

/// One event from a courier's phone: its own id (unique per courier, so a resent event is recognised), the phone's
/// clock, the stop, what happened, and where.
public struct CourierEvent: Sendable, Hashable {
    public var clientEventID: String
    public var deviceTime: Date
    public var stopID: String
    public var report: CourierReport
    public var lat: Double?
    public var lon: Double?

    public init(clientEventID: String, deviceTime: Date, stopID: String, report: CourierReport, lat: Double? = nil, lon: Double? = nil) {
        self.clientEventID = clientEventID
        self.deviceTime = deviceTime
        self.stopID = stopID
        self.report = report
        self.lat = lat
        self.lon = lon
    }

    /// Batches are applied in device-time order, ties broken by the client's event id.
    public static func applicationOrder(_ a: CourierEvent, _ b: CourierEvent) -> Bool {
        a.deviceTime != b.deviceTime ? a.deviceTime < b.deviceTime : a.clientEventID < b.clientEventID
    }
}

/// Why an event was not applied: a stable code, Vietnamese and English text, the fields at fault, and the HTTP
/// status the single-event route answers with.
public struct CourierEventRejection: Error, Sendable, Hashable {
    public enum Status: Int, Sendable, Hashable { case notFound = 404, conflict = 409, invalid = 422 }

    public var code: String
    public var status: Status
    public var messageVi: String
    public var messageEn: String
    public var errors: [FieldError]

    public init(_ code: String, status: Status, vi: String, en: String, errors: [FieldError] = []) {
        self.code = code
        self.status = status
        self.messageVi = vi
        self.messageEn = en
        self.errors = errors
    }

    public static func invalid(_ errors: [FieldError]) -> CourierEventRejection {
        CourierEventRejection("validation", status: .invalid, vi: "Sự kiện có trường không hợp lệ.", en: "The event has invalid fields.",
                              errors: errors)
    }

    public static let stopNotFound = CourierEventRejection(
        "stop_not_found", status: .notFound, vi: "Không tìm thấy điểm dừng trong lộ trình đã công bố của bạn.",
        en: "No such stop on your published runs.")

    public static func illegalTransition(_ illegal: IllegalTransition) -> CourierEventRejection {
        CourierEventRejection("illegal_transition", status: .conflict, vi: illegal.messageVi, en: illegal.messageEn)
    }
}

/// The wire form of an event: every field optional, so one bad event is refused on its own with the fields at fault.
public struct CourierEventInput: Sendable, Decodable {
    public struct Cash: Sendable, Decodable {
        public var amount: Int64?
        public var receiptNumber: String?
        enum CodingKeys: String, CodingKey { case amount, receiptNumber = "receipt_number" }
    }

    public var clientEventID: String?
    public var deviceTime: String?
    public var stopID: String?
    public var type: String?
    public var slipNumber: String?
    public var documentCount: Int?
    public var feeCollected: Cash?
    public var postageCollected: Cash?
    public var receiverName: String?
    public var relation: String?
    public var idLastDigits: String?
    public var attachmentIDs: [String]?
    public var reason: String?
    public var note: String?
    public var lat: Double?
    public var lon: Double?

    enum CodingKeys: String, CodingKey {
        case clientEventID = "client_event_id"
        case deviceTime = "device_time"
        case stopID = "stop_id"
        case type
        case slipNumber = "slip_number"
        case documentCount = "document_count"
        case feeCollected = "fee_collected"
        case postageCollected = "postage_collected"
        case receiverName = "receiver_name"
        case relation
        case idLastDigits = "id_last_digits"
        case attachmentIDs = "attachment_ids"
        case reason, note, lat, lon
    }

    /// Whether the client event id is usable as a key (1–100 printable ASCII characters): only then can the event
    /// be stored, and a resend recognised.
    public static func isValidClientEventID(_ id: String) -> Bool {
        (1...100).contains(id.utf8.count) && id.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0.value < 127 }
    }

    /// The event, or every field at fault. `now` bounds the device time: a phone clock more than an hour ahead is
    /// refused rather than trusted to order the batch.
    public func validated(now: Date) -> Result<CourierEvent, CourierEventRejection> {
        var errors: [FieldError] = []
        func add(_ field: String, _ code: String, _ vi: String, _ en: String) { errors.append(FieldError(field: field, code: code, vi: vi, en: en)) }
        func text(_ field: String, _ value: String?, max: Int) -> String? {
            guard let value else { errors.append(FieldError(field: field, .required)); return nil }
            let line = VietnameseText.normalizedLine(value)
            if line.isEmpty { errors.append(FieldError(field: field, .required)); return nil }
            if line.count > max { errors.append(FieldError(field: field, .tooLong, limit: String(max))); return nil }
            if VietnameseText.containsControlCharacters(line) { errors.append(FieldError(field: field, .invalidCharacters)); return nil }
            return line
        }
        func cash(_ field: String, _ value: Cash?) -> CashCollection? {
            guard let value else { return nil }
            var amount: Money?
            let limit = ValidationLimits().maxFee.dong
            if let raw = value.amount, (1...limit).contains(raw) { amount = Money(raw) } else {
                errors.append(FieldError(field: "\(field).amount", .invalidAmount, limit: String(limit)))
            }
            let receipt = text("\(field).receipt_number", value.receiptNumber, max: 50)
            guard let amount, let receipt else { return nil }
            return CashCollection(amount: amount, receiptNumber: receipt)
        }

        if clientEventID.map(Self.isValidClientEventID) != true {
            add("client_event_id", "invalid_client_event_id", "Mã sự kiện phải gồm 1–100 ký tự ASCII in được.",
                "client_event_id must be 1–100 printable ASCII characters.")
        }
        var deviceDate: Date?
        if let raw = deviceTime {
            if let parsed = ISO8601Instant.parse(raw) {
                if parsed.timeIntervalSince(now) > 3600 {
                    add("device_time", "device_time_in_future", "Giờ trên máy đi trước giờ máy chủ hơn 1 giờ; hãy chỉnh đồng hồ.",
                        "The device clock is more than an hour ahead of the server; fix the clock.")
                } else {
                    deviceDate = parsed
                }
            } else {
                add("device_time", "invalid_device_time", "Giờ phải theo ISO 8601 có múi giờ, ví dụ 2026-03-02T09:15:00+07:00.",
                    "Time must be ISO 8601 with an offset, e.g. 2026-03-02T09:15:00+07:00.")
            }
        } else {
            errors.append(FieldError(field: "device_time", .required))
        }
        let stop = text("stop_id", stopID, max: 100)
        switch (lat, lon) {
        case (nil, nil): break
        case let (lat?, lon?):
            if !(-90...90).contains(lat) || !(-180...180).contains(lon) { errors.append(FieldError(field: "lat", .coordinatesOutOfRange)) }
        case (nil, _): errors.append(FieldError(field: "lat", .coordinatesIncomplete))
        case (_, nil): errors.append(FieldError(field: "lon", .coordinatesIncomplete))
        }

        var report: CourierReport?
        switch type.flatMap(CourierEventType.init(rawValue:)) {
        case nil:
            add("type", "invalid_event_type", "Loại sự kiện phải là arrived, picked_up, delivered hoặc failed.",
                "Type must be arrived, picked_up, delivered or failed.")
        case .arrived:
            report = .arrived
        case .pickedUp:
            let slip = text("slip_number", slipNumber, max: 50)
            if documentCount.map({ (1...500).contains($0) }) != true {
                add("document_count", "invalid_document_count", "Số tài liệu phải từ 1 đến 500.", "The document count must be 1 to 500.")
            }
            let fee = cash("fee_collected", feeCollected), postage = cash("postage_collected", postageCollected)
            if let slip, let documentCount { report = .pickedUp(slipNumber: slip, documentCount: documentCount, fee: fee, postage: postage) }
        case .delivered:
            let name = text("receiver_name", receiverName, max: 200)
            let parsedRelation = relation.flatMap(ReceiverRelation.init(rawValue:))
            if parsedRelation == nil {
                add("relation", "invalid_relation", "Quan hệ phải là self, family, proxy, colleague hoặc other.",
                    "Relation must be self, family, proxy, colleague or other.")
            }
            let digits = idLastDigits ?? ""
            if !(3...6).contains(digits.count) || !digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                errors.append(FieldError(field: "id_last_digits", .invalidIdDigits))
            }
            let attachments = attachmentIDs ?? []
            if attachments.count > 5 || attachments.contains(where: { !PublicID.isValid($0, expectedPrefix: "att") }) {
                add("attachment_ids", "invalid_attachment_ids", "Tối đa 5 tệp đính kèm, mỗi mã có dạng att_….",
                    "At most 5 attachments, each id like att_….")
            }
            let fee = cash("fee_collected", feeCollected), postage = cash("postage_collected", postageCollected)
            if let name, let parsedRelation {
                report = .delivered(.init(receiverName: name, relation: parsedRelation, idLastDigits: digits, attachmentIDs: attachments,
                                          fee: fee, postage: postage))
            }
        case .failed:
            let parsedReason = reason.flatMap(FailureReason.init(rawValue:))
            if parsedReason == nil {
                add("reason", "invalid_failure_reason",
                    "Lý do phải là not_at_home, wrong_address, refused, incomplete_dossier, road_impassable hoặc other.",
                    "Reason must be not_at_home, wrong_address, refused, incomplete_dossier, road_impassable or other.")
            }
            var cleanNote: String?
            if let note, !VietnameseText.normalizedLine(note).isEmpty { cleanNote = text("note", note, max: 500) }
            if parsedReason == .other, cleanNote == nil, !errors.contains(where: { $0.field == "note" }) {
                add("note", "note_required", "Lý do khác cần ghi chú.", "Reason `other` needs a note.")
            }
            if let parsedReason { report = .failed(parsedReason, note: cleanNote) }
        }
        guard errors.isEmpty, let clientEventID, let deviceDate, let stop, let report else { return .failure(.invalid(errors)) }
        return .success(CourierEvent(clientEventID: clientEventID, deviceTime: deviceDate, stopID: stop, report: report, lat: lat, lon: lon))
    }
}

/// How an event moves a stop and its job: which lifecycle events to apply, in order, from the job's state.
public enum CourierEventPlan {
    /// The stop's states as stored.
    public enum StopStatus: String, Sendable { case pending, arrived, done, failed, skipped }

    /// The job events `report` stands for at a stop of `action`, with the job in `state`.
    ///
    /// A courier who forgot to tap "arrived" is not refused: `picked_up`, `delivered` and `failed` start the
    /// pickup or delivery first when the job is not yet out (both moves are recorded). Agency stops take only
    /// `arrived` here: they are closed by handover records.
    public static func jobEvents(for report: CourierReport, action: StopAction, stopStatus: StopStatus,
                                 jobState: JobState) -> Result<[JobEvent], CourierEventRejection> {
        switch stopStatus {
        case .pending: break
        case .arrived where report != .arrived: break
        case .arrived:
            return .failure(CourierEventRejection("already_arrived", status: .conflict, vi: "Đã báo đến điểm dừng này rồi.",
                                                  en: "Arrival at this stop was already reported."))
        case .done, .failed, .skipped:
            return .failure(CourierEventRejection("stop_closed", status: .conflict, vi: "Điểm dừng đã kết thúc.",
                                                  en: "The stop is already finished."))
        }
        let start: JobEvent?
        switch action {
        case .pickupDossier: start = .startPickup
        case .deliverResult: start = .startDelivery
        case .handOver, .collectResult, .returnResult: start = nil
        }
        guard let start else {
            if report == .arrived { return .success([]) }
            return .failure(CourierEventRejection("handover_required", status: .conflict,
                                                  vi: "Điểm dừng tại cơ quan được hoàn tất bằng biên bản giao nhận.",
                                                  en: "Agency stops are completed by a handover record."))
        }
        let isOut = jobState == .outForPickup || jobState == .outForDelivery
        func started(_ then: JobEvent) -> [JobEvent] { isOut ? [then] : [start, then] }
        switch report {
        case .arrived: return .success([start])
        case .pickedUp:
            guard action == .pickupDossier else { return .failure(wrongAction(report, action)) }
            return .success(started(.pickUp))
        case .delivered:
            guard action == .deliverResult else { return .failure(wrongAction(report, action)) }
            return .success(started(.deliver))
        case let .failed(reason, _):
            return .success(started(.failAttempt(reason)))
        }
    }

    static func wrongAction(_ report: CourierReport, _ action: StopAction) -> CourierEventRejection {
        CourierEventRejection("wrong_action", status: .conflict,
                              vi: "Sự kiện \(report.type.rawValue) không áp dụng cho điểm dừng loại \(action.rawValue).",
                              en: "A \(report.type.rawValue) event does not apply to a \(action.rawValue) stop.")
    }

    /// The stop's status after `report`.
    public static func stopStatus(after report: CourierReport) -> StopStatus {
        switch report {
        case .arrived: return .arrived
        case .pickedUp, .delivered: return .done
        case .failed: return .failed
        }
    }
}

/// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`: an instant with an explicit offset (a bare local time is refused:
/// a phone that lost its zone must not be guessed at).
public enum ISO8601Instant {
    public static func parse(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        guard chars.count >= 17, chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: "t"),
              let date = LocalDate(iso: String(decoding: chars[0..<10], as: UTF8.self)) else { return nil }
        var index = 11
        func number(_ width: Int) -> Int? {
            guard index + width <= chars.count else { return nil }
            var value = 0
            for c in chars[index..<(index + width)] {
                guard (48...57).contains(c) else { return nil }
                value = value * 10 + Int(c - 48)
            }
            index += width
            return value
        }
        func expect(_ c: Character) -> Bool {
            guard index < chars.count, chars[index] == c.asciiValue else { return false }
            index += 1
            return true
        }
        guard let hour = number(2), hour < 24, expect(":"), let minute = number(2), minute < 60 else { return nil }
        var second = 0.0
        if expect(":") {
            guard let whole = number(2), whole < 60 else { return nil }
            second = Double(whole)
            if expect(".") {
                let start = index
                var fraction = 0.0, scale = 0.1
                while index < chars.count, (48...57).contains(chars[index]) {
                    fraction += Double(chars[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
                second += fraction
            }
        }
        var offset = 0
        if expect("Z") || expect("z") {
            offset = 0
        } else {
            let sign: Int
            if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else { return nil }
            guard let oh = number(2), oh <= 14, expect(":"), let om = number(2), om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        }
        guard index == chars.count else { return nil }
        let local = Double(date.daysSinceEpoch * 86400 + hour * 3600 + minute * 60) + second
        return Date(timeIntervalSince1970: local - Double(offset))
    }
}
