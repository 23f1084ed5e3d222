import Foundation
import HTTPTypes
import Hummingbird

/// `GET /openapi.json`: the API's OpenAPI 3.1 document (``OpenAPIDocument``), public like `/healthz`.
public struct OpenAPIController: Sendable {
    public init() {}

    /// The document's bytes, made once.
    static let body = ByteBuffer(string: OpenAPIDocument.json)

    public func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
                     body: .init(byteBuffer: Self.body))
        }
    }
}
