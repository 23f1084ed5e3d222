/// Who a campaign applies to: a small rule tree of `all` / `any` / `not` over leaves that test one fact of the request.
///
/// JSON, one key per node:
/// `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`, `{"online_level_in": [3, 4]}`, `{"field_in": ["secured_transaction_registration"]}`,
/// `{"channel_in": ["online"]}`, `{"area_class_in": ["remote"]}`, `{"kind_in": ["deliver_result"]}`,
/// `{"applicant_category_in": ["heroic_mother"]}`, `{"province_in": ["64"]}`.
/// `{"all": []}` is always true, `{"any": []}` never.
public indirect enum Eligibility: Sendable, Hashable, Codable {
    case all([Eligibility])
    case any([Eligibility])
    case not(Eligibility)
    /// The dossier's online service level (mức độ dịch vụ công trực tuyến) is one of these (1…4). No level: false.
    case onlineLevelIn([Int])
    /// The dossier's field (lĩnh vực) is one of these. No field: false.
    case fieldIn([DossierField])
    /// The dossier was submitted through one of these channels.
    case channelIn([SubmissionChannel])
    /// The applicant's commune has one of these area classes.
    case areaClassIn([AreaClass])
    /// The job is of one of these kinds.
    case kindIn([JobKind])
    /// The applicant is of one of these categories. No category: false.
    case applicantCategoryIn([ApplicantCategory])
    /// The applicant's commune is in one of these provinces (codes).
    case provinceIn([String])

    /// Always true.
    public static let everyone = Eligibility.all([])

    /// Evaluates the rule against a request.
    public func isSatisfied(by request: PricingRequest) -> Bool {
        switch self {
        case .all(let rules): return rules.allSatisfy { $0.isSatisfied(by: request) }
        case .any(let rules): return rules.contains { $0.isSatisfied(by: request) }
        case .not(let rule): return !rule.isSatisfied(by: request)
        case .onlineLevelIn(let levels): return request.onlineLevel.map(levels.contains) ?? false
        case .fieldIn(let fields): return request.field.map(fields.contains) ?? false
        case .channelIn(let channels): return channels.contains(request.channel)
        case .areaClassIn(let classes): return request.applicantPlace.areaClasses.contains(where: classes.contains)
        case .kindIn(let kinds): return kinds.contains(request.kind)
        case .applicantCategoryIn(let categories): return request.applicantCategory.map(categories.contains) ?? false
        case .provinceIn(let provinces): return provinces.contains(request.applicantPlace.province)
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case all, any, not
        case onlineLevelIn = "online_level_in"
        case fieldIn = "field_in"
        case channelIn = "channel_in"
        case areaClassIn = "area_class_in"
        case kindIn = "kind_in"
        case applicantCategoryIn = "applicant_category_in"
        case provinceIn = "province_in"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "an eligibility node has exactly one key"))
        }
        switch key {
        case .all: self = .all(try container.decode([Eligibility].self, forKey: key))
        case .any: self = .any(try container.decode([Eligibility].self, forKey: key))
        case .not: self = .not(try container.decode(Eligibility.self, forKey: key))
        case .onlineLevelIn: self = .onlineLevelIn(try container.decode([Int].self, forKey: key))
        case .fieldIn: self = .fieldIn(try container.decode([DossierField].self, forKey: key))
        case .channelIn: self = .channelIn(try container.decode([SubmissionChannel].self, forKey: key))
        case .areaClassIn: self = .areaClassIn(try container.decode([AreaClass].self, forKey: key))
        case .kindIn: self = .kindIn(try container.decode([JobKind].self, forKey: key))
        case .applicantCategoryIn: self = .applicantCategoryIn(try container.decode([ApplicantCategory].self, forKey: key))
        case .provinceIn: self = .provinceIn(try container.decode([String].self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .all(let rules): try container.encode(rules, forKey: .all)
        case .any(let rules): try container.encode(rules, forKey: .any)
        case .not(let rule): try container.encode(rule, forKey: .not)
        case .onlineLevelIn(let levels): try container.encode(levels, forKey: .onlineLevelIn)
        case .fieldIn(let fields): try container.encode(fields, forKey: .fieldIn)
        case .channelIn(let channels): try container.encode(channels, forKey: .channelIn)
        case .areaClassIn(let classes): try container.encode(classes, forKey: .areaClassIn)
        case .kindIn(let kinds): try container.encode(kinds, forKey: .kindIn)
        case .applicantCategoryIn(let categories): try container.encode(categories, forKey: .applicantCategoryIn)
        case .provinceIn(let provinces): try container.encode(provinces, forKey: .provinceIn)
        }
    }
}
