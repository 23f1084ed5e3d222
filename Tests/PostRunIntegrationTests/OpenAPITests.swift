import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostRunAPI
@testable import PostRunDaemon
import PostRunStore
import Prometheus
import Testing

/// The OpenAPI document (`GET /openapi.json`) against the code.
///
/// Routes come from Hummingbird's own `Router.routes` (a walk of the router's trie: every path and method
/// registered, however it was added) on the router built by `buildRouter`, the same function `buildApplication`
/// uses, so a new route is seen without any list to keep up to date. Documented operations whose routes are not
/// registered yet are allowed only when marked `x-postrun-branch` (routes coming from another branch).
@Suite struct OpenAPIDocumentTests {
    /// The router of `postrun serve`, built on a database handle that is never connected (building routes runs no query).
    static func router() throws -> Router<AppRequestContext> {
        let registry = PrometheusCollectorRegistry()
        let database = Database(endpoint: try DatabaseEndpoint(url: "postgres://postrun@127.0.0.1:9/unused"), poolSize: 1,
                                applicationName: "openapi-test", metrics: PrometheusMetricsFactory(registry: registry),
                                logger: TestDatabase.logger)
        return buildRouter(configuration: AppConfiguration(), database: database, migrator: try TestDatabase.migrator(), registry: registry,
                           metrics: PrometheusMetricsFactory(registry: registry))
    }

    @Test func everyRegisteredRouteIsDocumented() async throws {
        let router = try Self.router()
        let registered = Set(router.routes.map { "\($0.method.rawValue.uppercased()) \($0.path.description)" })
        // Guard against a vacuous pass if route enumeration ever came back empty.
        #expect(registered.isSuperset(of: ["POST /v1/jobs", "GET /v1/jobs/{id}", "GET /healthz", "GET /openapi.json"]), "\(registered.sorted())")

        let app = Application(router: router)
        let served = try await app.test(.router) { client in
            try await client.call(.get, "/openapi.json")
        }
        #expect(served.status == .ok)
        #expect(served.headers[.contentType]?.hasPrefix("application/json") == true)
        #expect(served.text == OpenAPIDocument.json)
        let contract = try Contract(text: served.text)
        #expect(contract.document["openapi"] == .string("3.1.0"))

        let documented = contract.operations
        let undocumented = registered.subtracting(documented.keys)
        #expect(undocumented.isEmpty, "registered but not in the OpenAPI document: \(undocumented.sorted())")
        let gone = documented.filter { !registered.contains($0.key) && $0.value["x-postrun-branch"] == nil }.keys
        #expect(gone.isEmpty, "documented but not registered (and not marked x-postrun-branch): \(gone.sorted())")
    }

    @Test func documentIsSelfConsistent() throws {
        let contract = try Contract(text: OpenAPIDocument.json)
        #expect(contract.document["servers"]?[0]?["url"] == .string("/"))
        #expect(contract.document["components"]?["securitySchemes"]?["bearerAuth"]?["scheme"] == .string("bearer"))
        let unresolved = contract.references.filter { contract.validator.resolve($0) == nil }
        #expect(unresolved.isEmpty, "\(unresolved)")
        for (name, operation) in contract.operations {
            guard case let .object(responses)? = operation["responses"] else { Issue.record("\(name): no responses"); continue }
            #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(name): no success response")
            let security = operation["security"]?[0]
            if case let .object(requirement)? = security, !requirement.isEmpty {
                #expect(responses["401"] != nil && responses["403"] != nil, "\(name): authenticated but 401/403 undocumented")
            }
            if operation["requestBody"] != nil {
                for status in ["400", "413", "415"] { #expect(responses[status] != nil, "\(name): takes a body but \(status) is undocumented") }
            }
            // Every {placeholder} of the path is a documented path parameter.
            let path = String(name.split(separator: " ", maxSplits: 1)[1])
            let placeholders = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            let declared = contract.parameters(of: operation).filter { $0["in"] == .string("path") }.compactMap { $0["name"]?.string }
            #expect(Set(placeholders) == Set(declared), "\(name): path parameters \(declared) vs \(placeholders)")
        }
    }

    /// The checker itself must be able to fail, or the response tests below prove nothing.
    @Test func schemaCheckCatchesMismatches() throws {
        let contract = try Contract(text: OpenAPIDocument.json)
        let job = Self.sampleJob
        #expect(contract.problems(body: job, schema: "Job") == [])
        var missing = job
        missing.remove("state")
        #expect(contract.problems(body: missing, schema: "Job").contains { $0.contains("missing state") })
        var wrongType = job
        wrongType.set("version", .string("1"))
        #expect(!contract.problems(body: wrongType, schema: "Job").isEmpty)
        var badEnum = job
        badEnum.set("state", .string("flying"))
        #expect(!contract.problems(body: badEnum, schema: "Job").isEmpty)
        var notNullable = job
        notNullable.set("failed_attempts", .null)
        #expect(!contract.problems(body: notNullable, schema: "Job").isEmpty)
        #expect(!contract.problems(body: .object(["jobs": .array([job])]), schema: "JobPair").isEmpty)
        #expect(contract.problems(body: .object(["jobs": .array([job, job])]), schema: "JobPair") == [])
    }

    static let sampleJob: AnyJSON = {
        let text = """
            {"id": "job_01h8x2k9q4m7c3v6b5n0", "kind": "deliver_result", "state": "accepted", "version": 1, "linked_job_id": null,
             "office": {"code": "BC-PLEIKU", "name": "Bưu cục Pleiku"},
             "dossier": {"code": "H21.22.10-261128-0001", "procedure_code": "1.012784.000.00.00.H21", "procedure_name": "Đăng ký",
                         "field": "land", "channel": "online", "online_level": 3},
             "agency": {"code": "H21.22.10", "name": "Văn phòng", "address": "Pleiku", "commune_code": "23575"},
             "applicant": {"name": "Nguyễn Thị Hoà", "phone": "0905123456"},
             "address": {"line": "12 Lê Lợi", "commune_code": "23575"},
             "requested": {"date": "2026-11-29", "slot": "morning"},
             "fee_to_collect": null, "weight_grams": null, "notes": null, "quote": null, "failed_attempts": 0,
             "accepted_at": "2026-11-28T08:00:00+07:00", "updated_at": "2026-11-28T08:00:00+07:00"}
            """
        return try! JSONDecoder().decode(AnyJSON.self, from: Data(text.utf8))
    }()
}

/// Real responses of the real application, checked against the document: status documented for the operation,
/// content type documented, body valid against the schema.
@Suite(.enabled(if: TestDatabase.enabled)) struct OpenAPIResponseTests {
    @Test func realResponsesMatchTheirSchemas() async throws {
        let contract = try Contract(text: OpenAPIDocument.json)
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                // Inside the test: the application's services (the database client among them) run only now.
                let portal = try await TestPortal.make(database)
                let reader = try await TestPortal.make(database, name: "Reader", scopes: [.jobsRead])
                let admin = try await TestPortal.make(database, name: "Admin", scopes: [.admin], province: nil)
                func check(_ method: HTTPRequest.Method, _ uri: String, _ template: String, headers: HTTPFields = [:], body: String? = nil,
                           expect status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONResponse {
                    let response = try await client.call(method, uri, headers: headers, body: body)
                    #expect(response.status == status, "\(method) \(uri): \(response.text)", sourceLocation: sourceLocation)
                    let problems = contract.problems(response, method.rawValue, template)
                    #expect(problems.isEmpty, "\(method) \(uri) → \(response.status.code): \(problems)\n\(response.text)",
                            sourceLocation: sourceLocation)
                    return response
                }

                // Public endpoints.
                let spec = try await check(.get, "/openapi.json", "/openapi.json", expect: .ok)
                #expect(try Contract(text: spec.text).document["openapi"] == .string("3.1.0"))
                _ = try await check(.get, "/healthz", "/healthz", expect: .ok)
                _ = try await check(.get, "/readyz", "/readyz", expect: .ok)
                _ = try await check(.get, "/metrics", "/metrics", expect: .ok)
                _ = try await check(.get, "/healthz", "/healthz", headers: [.authorization: "Bearer nope"], expect: .unauthorized)

                // Jobs: the happy path.
                let created = try await check(.post, "/v1/jobs", "/v1/jobs", headers: portal.headers([.init("Idempotency-Key")!: "oa-1"]),
                                              body: Fixtures.jobBody(fee: 50_000), expect: .created)
                let id = try #require(created.string("id"))
                let replayed = try await check(.post, "/v1/jobs", "/v1/jobs", headers: portal.headers([.init("Idempotency-Key")!: "oa-1"]),
                                               body: Fixtures.jobBody(fee: 50_000), expect: .created)
                #expect(replayed.headers[.init("Idempotent-Replayed")!] == "true")
                let shown = try await check(.get, "/v1/jobs/\(id)", "/v1/jobs/{id}", headers: portal.headers(), expect: .ok)
                #expect(shown.headers[.eTag] == "\"1\"")
                #expect(shown.headers[.init("X-Request-Id")!] != nil)
                _ = try await check(.get, "/v1/jobs?limit=1", "/v1/jobs", headers: portal.headers(), expect: .ok)
                _ = try await check(.get, "/v1/jobs/\(id)/events", "/v1/jobs/{id}/events", headers: portal.headers(), expect: .ok)
                _ = try await check(.patch, "/v1/jobs/\(id)", "/v1/jobs/{id}", headers: portal.headers([.ifMatch: "\"1\""]),
                                    body: #"{"applicant": {"phone": "+84 912 345 678"}}"#, expect: .ok)
                let pair = try await check(.post, "/v1/jobs", "/v1/jobs", headers: portal.headers(),
                                           body: Fixtures.jobBody(kind: "pickup_and_return", dossierCode: "H21.22.10-261128-0042"), expect: .created)
                #expect((pair["jobs"] as? [Any])?.count == 2)

                // Jobs: every documented kind of refusal.
                _ = try await check(.post, "/v1/jobs", "/v1/jobs", headers: portal.headers(), body: "{nope", expect: .badRequest)
                _ = try await check(.get, "/v1/jobs", "/v1/jobs", expect: .unauthorized)
                _ = try await check(.post, "/v1/jobs", "/v1/jobs", headers: reader.headers(), body: Fixtures.jobBody(), expect: .forbidden)
                _ = try await check(.get, "/v1/jobs/job_00000000000000000000", "/v1/jobs/{id}", headers: portal.headers(), expect: .notFound)
                _ = try await check(.post, "/v1/jobs", "/v1/jobs", headers: portal.headers(), body: Fixtures.jobBody(fee: 50_000), expect: .conflict)
                _ = try await check(.patch, "/v1/jobs/\(id)", "/v1/jobs/{id}", headers: portal.headers([.ifMatch: "\"1\""]),
                                    body: #"{"requested": {"slot": "any"}}"#, expect: .preconditionFailed)
                _ = try await check(.post, "/v1/jobs", "/v1/jobs", headers: portal.headers([.contentType: "text/plain"]), body: "x",
                                    expect: .unsupportedMediaType)
                _ = try await check(.post, "/v1/jobs", "/v1/jobs", headers: portal.headers([.acceptLanguage: "en"]),
                                    body: Fixtures.jobBody(phone: "12345"), expect: .unprocessableContent)
                _ = try await check(.get, "/v1/jobs?limit=0", "/v1/jobs", headers: portal.headers(), expect: .unprocessableContent)
                _ = try await check(.patch, "/v1/jobs/\(id)", "/v1/jobs/{id}", headers: portal.headers(), body: "{}", expect: .preconditionRequired)
                _ = try await check(.post, "/v1/jobs", "/v1/jobs", headers: portal.headers(),
                                    body: Fixtures.jobBody(extra: #", "notes": "\#(String(repeating: "x", count: 1_100_000))""#),
                                    expect: .contentTooLarge)
                _ = try await check(.post, "/v1/jobs/\(id)/cancel", "/v1/jobs/{id}/cancel", headers: portal.headers(),
                                    body: #"{"reason": "applicant_request", "note": "Tự đến nhận"}"#, expect: .ok)
                _ = try await check(.post, "/v1/jobs/\(id)/cancel", "/v1/jobs/{id}/cancel", headers: portal.headers(),
                                    body: #"{"reason": "other"}"#, expect: .conflict)
                _ = try await check(.get, "/v1/jobs/\(id)/events", "/v1/jobs/{id}/events", headers: portal.headers(), expect: .ok)

                // Reference data.
                _ = try await check(.get, "/v1/admin-units?q=pleiku", "/v1/admin-units", headers: portal.headers(), expect: .ok)
                _ = try await check(.get, "/v1/admin-units?province=52&limit=200", "/v1/admin-units", headers: portal.headers(), expect: .ok)
                _ = try await check(.get, "/v1/admin-units/23575", "/v1/admin-units/{code}", headers: portal.headers(), expect: .ok)
                _ = try await check(.get, "/v1/admin-units/52", "/v1/admin-units/{code}", headers: portal.headers(), expect: .ok)
                let edited = try await check(.patch, "/v1/admin-units/23575", "/v1/admin-units/{code}", headers: admin.headers(),
                                             body: #"{"area_classes": ["urban", "remote"], "service_weekdays": [2, 5]}"#, expect: .ok)
                #expect(edited.text.contains(#""service_weekdays":[2,5]"#), "the answer is the unit after the change: \(edited.text)")
                _ = try await check(.patch, "/v1/admin-units/23575", "/v1/admin-units/{code}", headers: portal.headers(),
                                    body: #"{"office": null}"#, expect: .forbidden)
                _ = try await check(.get, "/v1/offices?province=52", "/v1/offices", headers: portal.headers(), expect: .ok)
                _ = try await check(.get, "/v1/offices/BC-PLEIKU", "/v1/offices/{code}", headers: portal.headers(), expect: .ok)
                _ = try await check(.post, "/v1/offices", "/v1/offices", headers: admin.headers(),
                                    body: #"{"code": "BC-TEST", "name": "Bưu cục thử", "province_code": "52"}"#, expect: .created)
                _ = try await check(.post, "/v1/offices", "/v1/offices", headers: admin.headers(),
                                    body: #"{"code": "BC-TEST", "name": "Bưu cục thử", "province_code": "52"}"#, expect: .conflict)
                _ = try await check(.patch, "/v1/offices/BC-TEST", "/v1/offices/{code}", headers: admin.headers([.ifMatch: "\"1\""]),
                                    body: #"{"lat": 13.98, "lon": 108.0, "opens_at": "07:00"}"#, expect: .ok)
                _ = try await check(.patch, "/v1/offices/BC-TEST", "/v1/offices/{code}", headers: admin.headers(),
                                    body: #"{"name": "X"}"#, expect: .preconditionRequired)
                _ = try await check(.get, "/v1/offices/NOPE", "/v1/offices/{code}", headers: portal.headers(), expect: .notFound)
                // A NUL in text reached PostgreSQL as a 500 until schemathesis found it.
                _ = try await check(.get, "/v1/offices?province=%00", "/v1/offices", headers: portal.headers(), expect: .unprocessableContent)
                _ = try await check(.get, "/v1/jobs?dossier_code=%00", "/v1/jobs", headers: portal.headers(), expect: .unprocessableContent)
                _ = try await check(.get, "/v1/admin-units?q=a%00", "/v1/admin-units", headers: portal.headers(), expect: .unprocessableContent)
            }
        }
    }
}

// MARK: - A small JSON Schema checker (the subset the document uses)

/// The document, its operations (`"GET /v1/jobs/{id}"`), and response checks.
struct Contract {
    let document: AnyJSON
    let validator: SchemaValidator

    init(text: String) throws {
        document = try JSONDecoder().decode(AnyJSON.self, from: Data(text.utf8))
        validator = SchemaValidator(root: document)
    }

    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    var operations: [String: AnyJSON] {
        guard case let .object(paths)? = document["paths"] else { return [:] }
        var result: [String: AnyJSON] = [:]
        for (path, item) in paths {
            for method in Self.methods { if let operation = item[method] { result["\(method.uppercased()) \(path)"] = operation } }
        }
        return result
    }

    func parameters(of operation: AnyJSON) -> [AnyJSON] {
        guard case let .array(list)? = operation["parameters"] else { return [] }
        return list.map { parameter in
            if case let .string(ref)? = parameter["$ref"], let resolved = validator.resolve(ref) { return resolved }
            return parameter
        }
    }

    /// Every `$ref` in the document.
    var references: [String] {
        var found: [String] = []
        func walk(_ node: AnyJSON) {
            switch node {
            case let .object(members):
                if case let .string(ref)? = members["$ref"] { found.append(ref) }
                members.values.forEach(walk)
            case let .array(items): items.forEach(walk)
            default: break
            }
        }
        walk(document)
        return found
    }

    func problems(body: AnyJSON, schema name: String) -> [String] {
        validator.errors(body, .object(["$ref": .string("#/components/schemas/\(name)")]))
    }

    /// What is wrong with `response` as the answer of `method template` (template as documented, `/v1/jobs/{id}`).
    func problems(_ response: JSONResponse, _ method: String, _ template: String) -> [String] {
        guard let operation = document["paths"]?[template]?[method.lowercased()] else { return ["\(method) \(template) is not documented"] }
        let code = String(response.status.code)
        guard var documented = operation["responses"]?[code] else { return ["status \(code) is not documented"] }
        if case let .string(ref)? = documented["$ref"] {
            guard let resolved = validator.resolve(ref) else { return ["unresolved \(ref)"] }
            documented = resolved
        }
        var problems: [String] = []
        if response.headers[.init("X-Request-Id")!] == nil { problems.append("no X-Request-Id") }
        guard let content = documented["content"] else {
            return response.text.isEmpty ? problems : problems + ["a body where none is documented"]
        }
        let mediaType = response.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let media = content[mediaType] else { return problems + ["content type '\(mediaType)' is not documented"] }
        guard mediaType.hasSuffix("json"), let schema = media["schema"] else { return problems }
        do {
            let body = try JSONDecoder().decode(AnyJSON.self, from: Data(response.text.utf8))
            problems += validator.errors(body, schema)
        } catch {
            problems.append("body is not JSON: \(error)")
        }
        return problems
    }
}

/// Checks a JSON value against a JSON Schema 2020-12 subset: `$ref` (local), `allOf`, `oneOf`, `type` (one or a list),
/// `enum`, `const`, `required`, `properties`, `items`, `minItems`/`maxItems`, `pattern`, `minLength`/`maxLength`,
/// `minimum`/`maximum`, `format` `date` and `date-time`. Unknown keywords are ignored.
struct SchemaValidator {
    let root: AnyJSON

    func resolve(_ ref: String) -> AnyJSON? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: AnyJSON? = root
        for part in ref.dropFirst(2).split(separator: "/") {
            node = node?[part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
        return node
    }

    func errors(_ value: AnyJSON, _ schema: AnyJSON, _ path: String = "$") -> [String] {
        guard case let .object(s) = schema else { return [] }
        if case let .string(ref)? = s["$ref"] {
            guard let target = resolve(ref) else { return ["\(path): unresolved \(ref)"] }
            return errors(value, target, path)
        }
        var out: [String] = []
        if case let .array(all)? = s["allOf"] { for sub in all { out += errors(value, sub, path) } }
        if case let .array(options)? = s["oneOf"] {
            let passing = options.filter { errors(value, $0, path).isEmpty }.count
            if passing != 1 {
                let details = options.map { errors(value, $0, path).prefix(3).joined(separator: "; ") }.joined(separator: " | ")
                out.append("\(path): matches \(passing) of oneOf (\(details))")
            }
        }
        if let type = s["type"] {
            let types: [String] = switch type {
            case let .string(one): [one]
            case let .array(many): many.compactMap(\.string)
            default: []
            }
            if !types.contains(where: { Self.value(value, is: $0) }) { return out + ["\(path): \(Self.describe(value)) is not \(types)"] }
        }
        if case let .array(options)? = s["enum"], !options.contains(value) { out.append("\(path): \(Self.describe(value)) not in enum") }
        if let constant = s["const"], constant != value { out.append("\(path): \(Self.describe(value)) is not \(Self.describe(constant))") }
        switch value {
        case let .object(members):
            if case let .array(required)? = s["required"] {
                for case let .string(key) in required where members[key] == nil { out.append("\(path): missing \(key)") }
            }
            if case let .object(properties)? = s["properties"] {
                for (key, sub) in properties.sorted(by: { $0.key < $1.key }) {
                    if let member = members[key] { out += errors(member, sub, "\(path).\(key)") }
                }
            }
        case let .array(items):
            if let itemSchema = s["items"] { for (index, item) in items.enumerated() { out += errors(item, itemSchema, "\(path)[\(index)]") } }
            if let minimum = s["minItems"]?.double, Double(items.count) < minimum { out.append("\(path): fewer than \(Int(minimum)) items") }
            if let maximum = s["maxItems"]?.double, Double(items.count) > maximum { out.append("\(path): more than \(Int(maximum)) items") }
        case let .string(text):
            if let pattern = s["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
                out.append("\(path): '\(text)' does not match \(pattern)")
            }
            if let minimum = s["minLength"]?.double, Double(text.unicodeScalars.count) < minimum { out.append("\(path): shorter than \(Int(minimum))") }
            if let maximum = s["maxLength"]?.double, Double(text.unicodeScalars.count) > maximum { out.append("\(path): longer than \(Int(maximum))") }
            switch s["format"]?.string {
            case "date"?:
                if text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil { out.append("\(path): '\(text)' is not a date") }
            case "date-time"?:
                if ISO8601DateFormatter().date(from: text) == nil { out.append("\(path): '\(text)' is not a date-time") }
            default: break
            }
        case .integer, .number:
            let number = value.double ?? 0
            if let minimum = s["minimum"]?.double, number < minimum { out.append("\(path): \(number) < \(minimum)") }
            if let maximum = s["maximum"]?.double, number > maximum { out.append("\(path): \(number) > \(maximum)") }
        default: break
        }
        return out
    }

    static func value(_ value: AnyJSON, is type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
             ("integer", .integer), ("number", .integer), ("number", .number): return true
        case let ("integer", .number(number)): return number == number.rounded()
        default: return false
        }
    }

    static func describe(_ value: AnyJSON) -> String {
        switch value {
        case let .string(text): "'\(text)'"
        case let .integer(number): String(number)
        case let .number(number): String(number)
        case let .bool(flag): String(flag)
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension AnyJSON {
    subscript(_ key: some StringProtocol) -> AnyJSON? {
        if case let .object(members) = self { return members[String(key)] }
        return nil
    }

    subscript(_ index: Int) -> AnyJSON? {
        if case let .array(items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    var string: String? { if case let .string(text) = self { text } else { nil } }

    var double: Double? {
        switch self {
        case let .integer(number): Double(number)
        case let .number(number): number
        default: nil
        }
    }

    mutating func remove(_ key: String) {
        if case var .object(members) = self { members[key] = nil; self = .object(members) }
    }

    mutating func set(_ key: String, _ value: AnyJSON) {
        if case var .object(members) = self { members[key] = value; self = .object(members) }
    }
}
