import Foundation

extension Pricing {
    /// Prices a job. Pure and deterministic: the same inputs always give the same quote.
    ///
    /// - Parameters:
    ///   - tariff: The tariff version to use; it must be valid on the accepted date.
    ///   - campaigns: Campaigns to consider (any order; those out of window, ineligible, or not covering a component are ignored).
    ///   - request: The job.
    ///   - now: The instant of quoting. It stands in for the acceptance instant when `request.acceptedAt` is `nil`.
    /// - Returns: One line for the job's main component (`dossier_pickup` or `result_return`), one `fee_collection` line if a
    ///   government fee is collected, one `extra_attempt` line if extra attempts are charged.
    ///
    /// Per line: `base = unit_price × quantity`; area-class surcharges (on the base); area-class and applicant exemptions
    /// (on base + surcharges, never below zero); campaign discounts (on what is left: the best non-stackable campaign plus every
    /// stackable one, each capped by what is left and by the campaign's remaining cap per job); then the tariff's rounding rule,
    /// once, on the gross; VAT is derived from the rounded gross, and `net = gross − vat`. The total is the sum of the lines' gross.
    public static func quote(tariff: Tariff, campaigns: [Campaign], request: PricingRequest, on now: Date) throws(PricingError) -> Quote {
        let requestErrors = validate(request: request)
        guard requestErrors.isEmpty else { throw .invalidRequest(errors: requestErrors) }
        let tariffErrors = validate(tariff: tariff)
        guard tariffErrors.isEmpty else { throw .invalidTariff(id: tariff.id, errors: tariffErrors) }
        var campaignIds: Set<String> = []
        for campaign in campaigns {
            let errors = validate(campaign: campaign)
            guard errors.isEmpty else { throw .invalidCampaign(id: campaign.id, errors: errors) }
            guard campaignIds.insert(campaign.id).inserted else { throw .invalidCampaign(id: campaign.id, errors: [.duplicate("id")]) }
        }

        let acceptedDate = VietnamTime.localDate(of: request.acceptedAt ?? now)
        guard tariff.isValid(on: acceptedDate) else { throw .noTariffValid(on: acceptedDate) }

        let zone = resolveZone(origin: request.origin.zoneEndpoint, destination: request.destination.zoneEndpoint, rules: tariff.zones)
        var components: [(PriceComponent, Int)] = [(request.kind == .pickupDossier ? .dossierPickup : .resultReturn, 1)]
        if request.collectedFee != nil { components.append((.feeCollection, 1)) }
        if request.extraAttempts > 0 { components.append((.extraAttempt, request.extraAttempts)) }

        var pricer = LinePricer(
            tariff: tariff, request: request, zone: zone, acceptedDate: acceptedDate,
            campaigns: campaigns.sorted { $0.id < $1.id })
        var lines: [Quote.Line] = []
        for (component, quantity) in components {
            lines.append(try pricer.line(component, quantity: quantity))
        }
        return Quote(
            lines: lines, total: lines.reduce(.zero) { $0 + $1.gross }, tariff: tariff.id,
            pricesIncludeVAT: tariff.vat.pricesIncludeVAT, vatRateBasisPoints: tariff.vat.rateBasisPoints,
            pricedOn: .init(tariffDate: acceptedDate, acceptedDate: acceptedDate, deliveryDate: request.plannedDeliveryDate),
            collectedFee: request.collectedFee)
    }

    /// Prices a job with the version of `tariffs` valid on the accepted date (see ``Tariff/version(in:on:)``).
    public static func quote(tariffs: [Tariff], campaigns: [Campaign], request: PricingRequest, on now: Date) throws(PricingError) -> Quote {
        let acceptedDate = VietnamTime.localDate(of: request.acceptedAt ?? now)
        guard let tariff = Tariff.version(in: tariffs, on: acceptedDate) else { throw .noTariffValid(on: acceptedDate) }
        return try quote(tariff: tariff, campaigns: campaigns, request: request, on: now)
    }
}

/// Prices the lines of one quote, carrying each campaign's remaining cap from line to line.
private struct LinePricer {
    let tariff: Tariff
    let request: PricingRequest
    let zone: PricingZone
    let acceptedDate: LocalDate
    /// Sorted by id, so ties resolve the same way every time.
    let campaigns: [Campaign]
    var capLeft: [String: Money] = [:]

    init(tariff: Tariff, request: PricingRequest, zone: PricingZone, acceptedDate: LocalDate, campaigns: [Campaign]) {
        self.tariff = tariff
        self.request = request
        self.zone = zone
        self.acceptedDate = acceptedDate
        self.campaigns = campaigns
        for campaign in campaigns {
            if let cap = campaign.capPerJob { capLeft[campaign.id] = cap }
        }
    }

    mutating func line(_ component: PriceComponent, quantity: Int) throws(PricingError) -> Quote.Line {
        guard let pricing = tariff.pricing(of: component), let row = pricing.price(for: zone) else {
            throw .componentNotPriced(component: component, zone: zone, tariff: tariff.id)
        }
        let count = Int64(quantity)
        let steps = pricing.weightSteps.steps(forGrams: request.weightGrams)
        // Prices ≤ 1e9 đ, steps ≤ 1e6 and trips ≤ 100 keep these products inside Int64; the limit keeps what follows there too.
        let unitPrice = row.unitPrice(steps: steps)
        let base = unitPrice * count
        guard base <= Pricing.maximumLineAmount else { throw .lineTooLarge(component: component, tariff: tariff.id) }
        let place = request.applicantPlace

        var adjustments: [Quote.Adjustment] = []
        var surcharges = Money.zero
        for rule in tariff.areaClassAdjustments
        where rule.kind == .surcharge && covers(rule.components, component) && place.areaClasses.contains(rule.areaClass) {
            let amount = rule.change.amount(on: base, quantity: count)
            guard amount > .zero else { continue }
            adjustments.append(.init(kind: .surcharge, reason: .areaClass, code: rule.areaClass.rawValue, amount: amount))
            surcharges += amount
        }

        let subtotal = base + surcharges
        var remaining = subtotal
        var exemptions: [(Quote.Adjustment.Reason, String, PriceChange)] = []
        for rule in tariff.areaClassAdjustments
        where rule.kind == .exemption && covers(rule.components, component) && place.areaClasses.contains(rule.areaClass) {
            exemptions.append((.areaClass, rule.areaClass.rawValue, rule.change))
        }
        if let category = request.applicantCategory {
            for rule in tariff.applicantExemptions where rule.category == category && covers(rule.components, component) {
                exemptions.append((.applicantCategory, category.rawValue, rule.change))
            }
        }
        for (reason, code, change) in exemptions {
            let amount = min(change.amount(on: subtotal, quantity: count), remaining)
            guard amount > .zero else { continue }
            adjustments.append(.init(kind: .exemption, reason: reason, code: code, amount: amount))
            remaining -= amount
        }

        let discounts = applyCampaigns(component: component, quantity: count, remaining: &remaining)

        let rate = Int64(tariff.vat.rateBasisPoints)
        let full = Int64(Pricing.fullBasisPoints)
        let gross = tariff.vat.pricesIncludeVAT
            ? tariff.rounding.round(remaining.dong, over: 1)
            : tariff.rounding.round(remaining.dong * (full + rate), over: full)
        let vat = gross.scaled(by: rate, over: full + rate)
        return Quote.Line(
            component: component, zone: zone, tariffZone: row.zone, weightSteps: steps, quantity: quantity, unitPrice: unitPrice,
            base: base, adjustments: adjustments, discounts: discounts, net: gross - vat, vat: vat, gross: gross)
    }

    /// Applies the best non-stackable campaign, then every stackable one, to `remaining`.
    private mutating func applyCampaigns(component: PriceComponent, quantity: Int64, remaining: inout Money) -> [Quote.Discount] {
        let discountable = remaining
        var candidates: [(campaign: Campaign, basis: CampaignDateBasis, date: LocalDate, amount: Money)] = []
        for campaign in campaigns where campaign.components.contains(component) {
            let (basis, date) = decidingDate(campaign)
            guard campaign.isActive(on: date), campaign.eligibility.isSatisfied(by: request) else { continue }
            candidates.append((campaign, basis, date, cappedAmount(campaign, on: discountable, quantity: quantity, limit: discountable)))
        }
        var chosen = candidates.filter(\.campaign.stackable)
        var best: (campaign: Campaign, basis: CampaignDateBasis, date: LocalDate, amount: Money)?
        for candidate in candidates where !candidate.campaign.stackable && candidate.amount > .zero {
            if let current = best, !(current.amount < candidate.amount) { continue }  // strict: the smaller id wins ties
            best = candidate
        }
        if let best { chosen.insert(best, at: 0) }

        var discounts: [Quote.Discount] = []
        for candidate in chosen {
            let amount = cappedAmount(candidate.campaign, on: discountable, quantity: quantity, limit: remaining)
            guard amount > .zero else { continue }
            remaining -= amount
            if let cap = capLeft[candidate.campaign.id] { capLeft[candidate.campaign.id] = cap - amount }
            discounts.append(.init(
                campaign: candidate.campaign.id, amount: amount, funders: Pricing.split(amount, among: candidate.campaign.funders),
                decidedByDate: candidate.basis, date: candidate.date))
        }
        return discounts
    }

    private func cappedAmount(_ campaign: Campaign, on amount: Money, quantity: Int64, limit: Money) -> Money {
        var value = min(campaign.discount.amount(on: amount, quantity: quantity), limit)
        if let cap = capLeft[campaign.id] { value = min(value, cap) }
        return max(value, .zero)
    }

    /// The date that decides a campaign, as actually used: a delivery-date campaign without a planned delivery date
    /// falls back to the accepted date.
    private func decidingDate(_ campaign: Campaign) -> (CampaignDateBasis, LocalDate) {
        if campaign.decidedBy == .deliveryDate, let delivery = request.plannedDeliveryDate { return (.deliveryDate, delivery) }
        return (.acceptedDate, acceptedDate)
    }

    private func covers(_ components: [PriceComponent]?, _ component: PriceComponent) -> Bool {
        components?.contains(component) ?? true
    }
}
