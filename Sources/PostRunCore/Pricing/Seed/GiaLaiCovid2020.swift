extension PricingSeed {
    /// Gia Lai, COVID-19, 2020: 30% off the result-return postage (giảm 30% giá cước chuyển trả kết quả giải quyết TTHC qua
    /// dịch vụ BCCI) for dossiers submitted online at level 3 or 4, and for dossiers of any channel in the secured-transaction
    /// registration field (lĩnh vực đăng ký giao dịch bảo đảm), from 23/3/2020 to 30/5/2020 inclusive; the provincial post
    /// office bears it.
    ///
    /// Source: directive of the Gia Lai People's Committee of 15/04/2020 (`shared/seeds/gia-lai-2020-04-15-directive.vi.txt`).
    /// The window is decided by the accepted date. Only `result_return` is discounted: not pickup, fee collection or extra attempts.
    public static let giaLaiCovid2020 = Campaign(
        id: "gia-lai-2020-covid19-result-return-30",
        name: "Giảm 30% giá cước chuyển trả kết quả TTHC qua dịch vụ BCCI (phòng, chống COVID-19, Gia Lai 2020)",
        legalReference: "Chỉ thị của UBND tỉnh Gia Lai ngày 15/04/2020",
        startDate: LocalDate(year: 2020, month: 3, day: 23)!,
        endDate: LocalDate(year: 2020, month: 5, day: 30)!,
        decidedBy: .acceptedDate,
        components: [.resultReturn],
        eligibility: .any([
            .all([.channelIn([.online]), .onlineLevelIn([3, 4])]),
            .fieldIn([.securedTransactionRegistration]),
        ]),
        discount: .percent(basisPoints: 3_000),
        capPerJob: nil,
        funders: [FunderShare(funder: .postOffice, basisPoints: 10_000)],
        stackable: false
    )
}
