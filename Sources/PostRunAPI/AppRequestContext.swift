import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Per-request state shared by middleware and controllers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// From `X-Request-Id` when the caller sent a sane one, otherwise generated; echoed back.
    public var requestID: String = ""
    /// The language problems are written in (`Accept-Language`); Vietnamese unless English is asked for.
    public var language: Language = .vi
    /// Set by `AuthenticationMiddleware` when the request carries valid credentials.
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Bodies above this are refused with 413 before decoding.
    public var maxUploadSize: Int { 1 << 20 }
}

public enum Language: String, Sendable {
    case vi, en

    /// Picks the first of `vi`/`en` in an Accept-Language header, honouring q-values.
    public init(acceptLanguage: String?) {
        guard let header = acceptLanguage else { self = .vi; return }
        var best: (Language, Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = pieces.first else { continue }
            let quality = pieces.dropFirst().first(where: { $0.hasPrefix("q=") }).flatMap { Double($0.dropFirst(2)) } ?? 1
            let language: Language? = tag.hasPrefix("vi") ? .vi : tag.hasPrefix("en") ? .en : nil
            if let language, quality > 0, quality > (best?.1 ?? -1) { best = (language, quality) }
        }
        self = best?.0 ?? .vi
    }
}
