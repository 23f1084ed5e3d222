import Foundation
import HTTPTypes
import Hummingbird
import PostRunCore
import PostRunStore

/// `/v1/admin-units` and `/v1/offices`: the reference data jobs are checked and routed against.
public struct ReferenceController: Sendable {
    let reference: ReferenceRepository

    public init(reference: ReferenceRepository) { self.reference = reference }

    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/admin-units", use: searchUnits)
        group.get("/admin-units/{code}", use: showUnit)
        group.patch("/admin-units/{code}", use: updateUnit)
        group.get("/offices", use: listOffices)
        group.get("/offices/{code}", use: showOffice)
        group.post("/offices", use: createOffice)
        group.patch("/offices/{code}", use: updateOffice)
    }

    @Sendable func searchUnits(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.jobsRead)
        let query = request.uri.queryParameters
        var limit = 20
        if let raw = query["limit"] {
            guard let value = Int(String(raw)), (1...200).contains(value) else {
                throw Problem.validation([FieldError(field: "limit", code: "out_of_range", vi: "limit phải từ 1 đến 200.", en: "limit must be 1 to 200.")])
            }
            limit = value
        }
        let units = try await reference.searchUnits(query: try request.queryText("q"), province: try request.queryText("province"),
                                                    limit: limit, logger: context.logger)
        return jsonData(.ok, try JSONEncoder.sortedCompact.encode(["data": units]))
    }

    @Sendable func showUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.jobsRead)
        guard let unit = try await reference.unit(code: try context.parameters.require("code"), logger: context.logger) else {
            throw Problem.notFound("administrative unit")
        }
        return jsonData(.ok, try JSONEncoder.sortedCompact.encode(unit))
    }

    struct UnitPatch: Decodable {
        var areaClasses: [String]?
        var office: String??
        var serviceWeekdays: [Int]?
        enum CodingKeys: String, CodingKey { case areaClasses = "area_classes", office, serviceWeekdays = "service_weekdays" }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            areaClasses = try c.decodeIfPresent([String].self, forKey: .areaClasses)
            serviceWeekdays = try c.decodeIfPresent([Int].self, forKey: .serviceWeekdays)
            if c.contains(.office) { office = .some(try c.decodeNil(forKey: .office) ? nil : try c.decode(String.self, forKey: .office)) }
        }
    }

    @Sendable func updateUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.admin)
        let (patch, _) = try await request.decodeJSON(UnitPatch.self, context: context)
        var errors: [FieldError] = []
        let classes = patch.areaClasses?.compactMap(AreaClass.init(rawValue:))
        if let raw = patch.areaClasses, classes?.count != raw.count {
            errors.append(FieldError(field: "area_classes", code: "invalid_area_class",
                                     vi: "Phân loại vùng: \(AreaClass.allCases.map(\.rawValue).joined(separator: ", ")).",
                                     en: "Area classes: \(AreaClass.allCases.map(\.rawValue).joined(separator: ", "))."))
        }
        if case let .some(.some(office)) = patch.office, VietnameseText.containsControlCharacters(office) {
            errors.append(FieldError(field: "office", .invalidCharacters))
        }
        if let days = patch.serviceWeekdays, days.contains(where: { !(1...7).contains($0) }) {
            errors.append(FieldError(field: "service_weekdays", code: "invalid_weekdays", vi: "Ngày phục vụ là các số 1–7.", en: "Service weekdays are 1–7."))
        }
        if !errors.isEmpty { throw Problem.validation(errors) }
        do {
            let unit = try await reference.updateUnit(code: try context.parameters.require("code"), areaClasses: classes, officeCode: patch.office,
                                                      serviceWeekdays: patch.serviceWeekdays.map { Array(Set($0)).sorted() }, logger: context.logger)
            return jsonData(.ok, try JSONEncoder.sortedCompact.encode(unit))
        } catch ReferenceRepository.UnitUpdateError.unknownUnit {
            throw Problem.notFound("administrative unit")
        } catch ReferenceRepository.UnitUpdateError.unknownOffice {
            throw Problem.validation([FieldError(field: "office", code: "unknown_office", vi: "Không có bưu cục này.", en: "No such post office.")])
        }
    }

    @Sendable func listOffices(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.jobsRead)
        let offices = try await reference.offices(province: try request.queryText("province"), logger: context.logger)
        return jsonData(.ok, try JSONEncoder.sortedCompact.encode(["data": offices]))
    }

    @Sendable func showOffice(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.jobsRead)
        guard let office = try await reference.office(code: try context.parameters.require("code"), logger: context.logger) else {
            throw Problem.notFound("post office")
        }
        return jsonData(.ok, try JSONEncoder.sortedCompact.encode(office), headers: [.eTag: "\"\(office.version)\""])
    }

    @Sendable func createOffice(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.admin)
        let (input, _) = try await request.decodeJSON(ReferenceRepository.OfficeInput.self, context: context)
        let errors = input.problems(creating: true) + Self.controlCharacterErrors(input)
        if !errors.isEmpty { throw Problem.validation(errors) }
        do {
            return jsonData(.created, try JSONEncoder.sortedCompact.encode(try await reference.createOffice(input, logger: context.logger)))
        } catch ReferenceRepository.OfficeError.duplicateCode {
            throw Problem("duplicate-office", status: .conflict, vi: "Mã bưu cục đã tồn tại", en: "Office code exists")
        }
    }

    /// PostgreSQL refuses a NUL in text: control characters in free text are a field error, not a 500.
    static func controlCharacterErrors(_ input: ReferenceRepository.OfficeInput) -> [FieldError] {
        [("name", input.name), ("address", input.address)].compactMap { field, value in
            value.map { VietnameseText.containsControlCharacters($0) } == true ? FieldError(field: field, .invalidCharacters) : nil
        }
    }

    @Sendable func updateOffice(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.admin)
        let expected = try request.ifMatchVersion(required: true)!
        let (input, _) = try await request.decodeJSON(ReferenceRepository.OfficeInput.self, context: context)
        var errors = input.problems(creating: false) + Self.controlCharacterErrors(input)
        if input.code != nil { errors.append(FieldError(field: "code", code: "immutable", vi: "Không đổi được mã bưu cục.", en: "The code cannot change.")) }
        if input.provinceCode != nil {
            errors.append(FieldError(field: "province_code", code: "immutable", vi: "Không đổi được tỉnh.", en: "The province cannot change."))
        }
        if !errors.isEmpty { throw Problem.validation(errors) }
        do {
            let office = try await reference.updateOffice(code: try context.parameters.require("code"), input, expectedVersion: expected,
                                                          logger: context.logger)
            return jsonData(.ok, try JSONEncoder.sortedCompact.encode(office), headers: [.eTag: "\"\(office.version)\""])
        } catch ReferenceRepository.OfficeError.notFound {
            throw Problem.notFound("post office")
        } catch let ReferenceRepository.OfficeError.stale(current) {
            throw JobFailure.staleVersion(current: current)
        }
    }
}
