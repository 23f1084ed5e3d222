extension Pricing {
    /// Largest weight the engine accepts, in grams.
    public static let maximumWeightGrams = 1_000_000
    /// Most extra attempts the engine prices on one job.
    public static let maximumExtraAttempts = 100
    /// Largest single price, surcharge or fixed discount accepted: 1 billion đồng keeps all arithmetic far from overflow.
    public static let maximumAmount = Money(1_000_000_000)
    /// Largest base of one quote line (unit price × trips), 1,000 billion đồng: with the limits above, every later step
    /// (percentages, VAT, funder splits) stays far inside `Int64`.
    public static let maximumLineAmount = Money(1_000_000_000_000)

    /// Validates a tariff version typed by an admin, against the versions already stored (`existing`; a version with the
    /// same id is the one being edited and is ignored). Returns every problem found, in field order; empty if valid.
    ///
    /// Refuses: missing id/name, `valid_to` before `valid_from`, negative or absurd prices, VAT and percentages outside
    /// 0–100%, rounding units other than 1/100/1,000 đ, bad weight steps, duplicate components or zones, a commune in
    /// two area groups, and a window overlapping another version that prices the same component in the same zone.
    public static func validate(tariff: Tariff, existing: [Tariff] = []) -> [PricingFieldError] {
        var errors: [PricingFieldError] = []
        if tariff.id.isEmpty { errors.append(.required("id")) }
        if tariff.name.isEmpty { errors.append(.required("name")) }
        if let validTo = tariff.validTo, validTo < tariff.validFrom { errors.append(.invertedWindow("valid_to")) }
        if !(0...fullBasisPoints).contains(tariff.vat.rateBasisPoints) { errors.append(.percentOutOfRange("vat.rate_basis_points")) }
        if !PriceRounding.allowedUnits.contains(tariff.rounding.unit) {
            errors.append(.init(field: "rounding.unit", code: .invalidRoundingUnit,
                                messageVi: "Đơn vị làm tròn phải là 1, 100 hoặc 1.000 đồng.",
                                messageEn: "The rounding unit must be 1, 100 or 1,000 đồng."))
        }

        var groupOfCommune: [String: Int] = [:]
        var groupIds: Set<String> = []
        for (g, group) in tariff.zones.areaGroups.enumerated() {
            if group.id.isEmpty { errors.append(.required("zones.area_groups[\(g)].id")) }
            if !groupIds.insert(group.id).inserted { errors.append(.duplicate("zones.area_groups[\(g)].id")) }
            for (c, commune) in group.communes.enumerated() {
                if let other = groupOfCommune[commune], other != g {
                    errors.append(.init(field: "zones.area_groups[\(g)].communes[\(c)]", code: .ambiguousAreaGroup,
                                        messageVi: "Xã \(commune) đã thuộc nhóm khu vực khác.",
                                        messageEn: "Commune \(commune) already belongs to another area group."))
                } else {
                    groupOfCommune[commune] = g
                }
            }
        }

        var seenComponents: Set<PriceComponent> = []
        for (i, component) in tariff.components.enumerated() {
            let path = "components[\(i)]"
            if !seenComponents.insert(component.component).inserted { errors.append(.duplicate("\(path).component")) }
            if component.weightSteps.firstGrams <= 0 || component.weightSteps.firstGrams > maximumWeightGrams {
                errors.append(.invalidWeightStep("\(path).weight_steps.first_grams"))
            }
            if let additional = component.weightSteps.additionalGrams, additional <= 0 || additional > maximumWeightGrams {
                errors.append(.invalidWeightStep("\(path).weight_steps.additional_grams"))
            }
            if component.prices.isEmpty { errors.append(.required("\(path).prices")) }
            var seenZones: Set<PricingZone?> = []
            for (j, row) in component.prices.enumerated() {
                let rowPath = "\(path).prices[\(j)]"
                if !seenZones.insert(row.zone).inserted { errors.append(.duplicate("\(rowPath).zone")) }
                errors += amountErrors(row.first, "\(rowPath).first")
                errors += amountErrors(row.additional, "\(rowPath).additional")
                if let clash = existing.first(where: { other in
                    other.id != tariff.id && windowsOverlap(tariff, other)
                        && other.pricing(of: component.component)?.prices.contains(where: { zonesOverlap($0.zone, row.zone) }) == true
                }) {
                    errors.append(.init(
                        field: "\(rowPath).zone", code: .overlappingVersion,
                        messageVi: "Thời gian hiệu lực chồng lấn với biểu giá \(clash.id) cho cùng thành phần và vùng.",
                        messageEn: "The validity window overlaps tariff version \(clash.id) for the same component and zone."))
                }
            }
        }

        for (i, rule) in tariff.areaClassAdjustments.enumerated() {
            errors += changeErrors(rule.change, "area_class_adjustments[\(i)].change")
        }
        for (i, rule) in tariff.applicantExemptions.enumerated() {
            if rule.category.rawValue.isEmpty { errors.append(.required("applicant_exemptions[\(i)].category")) }
            errors += changeErrors(rule.change, "applicant_exemptions[\(i)].change")
        }
        return errors
    }

    /// Validates a campaign typed by an admin. Returns every problem found; empty if valid.
    ///
    /// Refuses: missing id/name/components/funders, an inverted window, percentages outside 0–100%, negative amounts or
    /// caps, funder shares not summing to exactly 100%, duplicate funders or components, online levels outside 1–4.
    public static func validate(campaign: Campaign) -> [PricingFieldError] {
        var errors: [PricingFieldError] = []
        if campaign.id.isEmpty { errors.append(.required("id")) }
        if campaign.name.isEmpty { errors.append(.required("name")) }
        if campaign.endDate < campaign.startDate { errors.append(.invertedWindow("end_date")) }
        if campaign.components.isEmpty { errors.append(.required("components")) }
        if Set(campaign.components).count != campaign.components.count { errors.append(.duplicate("components")) }
        errors += changeErrors(campaign.discount, "discount")
        if let cap = campaign.capPerJob {
            if cap < .zero {
                errors.append(.init(field: "cap_per_job", code: .negativeCap,
                                    messageVi: "Mức trần giảm giá không được âm.", messageEn: "The cap per job must not be negative."))
            } else if maximumAmount < cap {
                errors += amountErrors(cap, "cap_per_job")
            }
        }
        if campaign.funders.isEmpty { errors.append(.required("funders")) }
        var seenFunders: Set<DiscountFunder> = []
        var sum = 0
        var sharesInRange = true
        for (i, share) in campaign.funders.enumerated() {
            if share.funder.rawValue.isEmpty { errors.append(.required("funders[\(i)].funder")) }
            if !seenFunders.insert(share.funder).inserted { errors.append(.duplicate("funders[\(i)].funder")) }
            if !(0...fullBasisPoints).contains(share.basisPoints) {
                errors.append(.percentOutOfRange("funders[\(i)].basis_points"))
                sharesInRange = false
            }
            sum += share.basisPoints
        }
        if !campaign.funders.isEmpty, sharesInRange, sum != fullBasisPoints {
            errors.append(.init(field: "funders", code: .funderSplitNot100,
                                messageVi: "Tỷ lệ chi trả của các đơn vị phải cộng lại đúng 100%.",
                                messageEn: "The funders' shares must add up to exactly 100%."))
        }
        eligibilityErrors(campaign.eligibility, "eligibility", into: &errors)
        return errors
    }

    /// Validates a request's own ranges (weight, attempts, online level, fee, places).
    public static func validate(request: PricingRequest) -> [PricingFieldError] {
        var errors: [PricingFieldError] = []
        for (name, place) in [("origin", request.origin), ("destination", request.destination)] {
            if place.commune.isEmpty { errors.append(.required("\(name).commune")) }
            if place.province.isEmpty { errors.append(.required("\(name).province")) }
        }
        if !(0...maximumWeightGrams).contains(request.weightGrams) {
            errors.append(.outOfRange("weight_grams", "0…\(maximumWeightGrams)"))
        }
        if !(0...maximumExtraAttempts).contains(request.extraAttempts) {
            errors.append(.outOfRange("extra_attempts", "0…\(maximumExtraAttempts)"))
        }
        if let level = request.onlineLevel, !(1...4).contains(level) { errors.append(.outOfRange("online_level", "1…4")) }
        if let fee = request.collectedFee { errors += amountErrors(fee.amount, "collected_fee.amount") }
        return errors
    }

    static func windowsOverlap(_ a: Tariff, _ b: Tariff) -> Bool {
        (b.validTo.map { a.validFrom <= $0 } ?? true) && (a.validTo.map { b.validFrom <= $0 } ?? true)
    }

    /// An any-zone row (nil) overlaps every zone.
    static func zonesOverlap(_ a: PricingZone?, _ b: PricingZone?) -> Bool { a == nil || b == nil || a == b }

    static func amountErrors(_ amount: Money, _ field: String) -> [PricingFieldError] {
        if amount < .zero {
            return [.init(field: field, code: .negativeAmount, messageVi: "Số tiền không được âm.",
                          messageEn: "The amount must not be negative.")]
        }
        if maximumAmount < amount {
            return [.outOfRange(field, "0…\(maximumAmount.dong)")]
        }
        return []
    }

    static func changeErrors(_ change: PriceChange, _ field: String) -> [PricingFieldError] {
        switch change {
        case .percent(let basisPoints):
            (0...fullBasisPoints).contains(basisPoints) ? [] : [.percentOutOfRange("\(field).basis_points")]
        case .fixed(let amount):
            amountErrors(amount, "\(field).amount")
        }
    }

    static func eligibilityErrors(_ rule: Eligibility, _ path: String, into errors: inout [PricingFieldError]) {
        switch rule {
        case .all(let rules):
            for (i, child) in rules.enumerated() { eligibilityErrors(child, "\(path).all[\(i)]", into: &errors) }
        case .any(let rules):
            for (i, child) in rules.enumerated() { eligibilityErrors(child, "\(path).any[\(i)]", into: &errors) }
        case .not(let child):
            eligibilityErrors(child, "\(path).not", into: &errors)
        case .onlineLevelIn(let levels):
            for (i, level) in levels.enumerated() where !(1...4).contains(level) {
                errors.append(.outOfRange("\(path).online_level_in[\(i)]", "1…4"))
            }
        case .fieldIn, .channelIn, .areaClassIn, .kindIn, .applicantCategoryIn, .provinceIn:
            break
        }
    }
}

extension PricingFieldError {
    static func required(_ field: String) -> Self {
        .init(field: field, code: .required, messageVi: "Trường này là bắt buộc.", messageEn: "This field is required.")
    }

    static func duplicate(_ field: String) -> Self {
        .init(field: field, code: .duplicate, messageVi: "Giá trị bị trùng lặp.", messageEn: "This value is duplicated.")
    }

    static func invertedWindow(_ field: String) -> Self {
        .init(field: field, code: .invertedWindow, messageVi: "Ngày kết thúc phải không sớm hơn ngày bắt đầu.",
              messageEn: "The end date must not be before the start date.")
    }

    static func percentOutOfRange(_ field: String) -> Self {
        .init(field: field, code: .percentOutOfRange, messageVi: "Tỷ lệ phần trăm phải từ 0 đến 100%.",
              messageEn: "The percentage must be between 0 and 100%.")
    }

    static func invalidWeightStep(_ field: String) -> Self {
        .init(field: field, code: .invalidWeightStep, messageVi: "Nấc khối lượng phải là số gam dương.",
              messageEn: "A weight step must be a positive number of grams.")
    }

    static func outOfRange(_ field: String, _ range: String) -> Self {
        .init(field: field, code: .outOfRange, messageVi: "Giá trị phải nằm trong khoảng \(range).",
              messageEn: "The value must be within \(range).")
    }
}
