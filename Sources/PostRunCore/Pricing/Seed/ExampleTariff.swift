extension PricingSeed {
    /// An example tariff built from Khánh Hòa's published BCCI prices, for demos and tests; NOT a real Gia Lai price list
    /// (none was found). One way: 26,000 đ same commune and same area (former district), 30,000 đ within the province,
    /// 30,500 đ to a neighbouring province, 31,500 đ to other provinces, for `dossier_pickup`, `result_return` and
    /// `extra_attempt` alike; 8,000 đ a dossier for `fee_collection`. Free for pre-1945 revolutionaries and Heroic Vietnamese
    /// Mothers. Weight steps above 100 g, VAT and remote-area surcharges are unconfirmed, so: flat price, VAT-inclusive at 0%,
    /// no surcharge. Neighbouring provinces are Khánh Hòa's before the 2025 merger (Phú Yên 54, Ninh Thuận 58, Đắk Lắk 66,
    /// Lâm Đồng 68); area groups are left to the request (`area_group`).
    public static let exampleTariff = Tariff(
        id: "example-khanh-hoa-2020",
        name: "Biểu giá mẫu (ví dụ, theo giá công bố của Khánh Hòa)",
        validFrom: LocalDate(year: 2020, month: 1, day: 1)!,
        validTo: nil,
        vat: .none,
        rounding: .dong,
        zones: ZoneRules(areaGroups: [], neighbouringProvinces: ["54", "58", "66", "68"]),
        components: [
            oneWay(.dossierPickup),
            oneWay(.resultReturn),
            ComponentTariff(
                component: .feeCollection, weightSteps: WeightSteps(firstGrams: 100),
                prices: [ZonePrice(zone: nil, first: Money(8_000))]),
            oneWay(.extraAttempt),
        ],
        areaClassAdjustments: [],
        applicantExemptions: [
            ApplicantExemption(category: .revolutionaryPre1945),
            ApplicantExemption(category: .heroicMother),
        ]
    )

    private static func oneWay(_ component: PriceComponent) -> ComponentTariff {
        ComponentTariff(
            component: component, weightSteps: WeightSteps(firstGrams: 100),
            prices: [
                ZonePrice(zone: .sameCommune, first: Money(26_000)),
                ZonePrice(zone: .sameArea, first: Money(26_000)),
                ZonePrice(zone: .withinProvince, first: Money(30_000)),
                ZonePrice(zone: .neighbouringRegion, first: Money(30_500)),
                ZonePrice(zone: .otherProvince, first: Money(31_500)),
            ])
    }
}
