import Foundation
import Testing
@testable import PostRunCore

@Suite struct LocalDateTests {
    @Test func parsesAndPrints() throws {
        let date = try #require(LocalDate(iso: "2020-03-23"))
        #expect(date.description == "2020-03-23")
        #expect(LocalDate(iso: "2020-02-30") == nil)
        #expect(LocalDate(iso: "2020-3-23") == nil)
        #expect(LocalDate(iso: "2020-03-23T00") == nil)
    }

    @Test func dayArithmeticRoundTrips() throws {
        let start = try #require(LocalDate(iso: "1999-12-25"))
        for offset in stride(from: -40000, through: 40000, by: 37) {
            let moved = start.adding(days: offset)
            #expect(start.days(until: moved) == offset)
            #expect(LocalDate(iso: moved.description) == moved)
        }
        #expect(try #require(LocalDate(iso: "2020-03-23")).isoWeekday == 1)  // a Monday
        #expect(try #require(LocalDate(iso: "2020-05-31")).isoWeekday == 7)
    }

    @Test func localDateOfAnInstantIsInVietnam() throws {
        // 2020-03-22 17:00 UTC is 2020-03-23 00:00 in Vietnam.
        let instant = Date(timeIntervalSince1970: 1_584_896_400)
        #expect(VietnamTime.localDate(of: instant).description == "2020-03-23")
        #expect(VietnamTime.localDate(of: instant.addingTimeInterval(-1)).description == "2020-03-22")
        #expect(VietnamTime.instant(try #require(LocalDate(iso: "2020-03-23"))) == instant)
        #expect(VietnamTime.iso8601(instant) == "2020-03-23T00:00:00+07:00")
    }

    @Test func zeroPaddingMatchesPrintf() {
        for value in [-1234, -5, -1, 0, 1, 7, 9, 10, 59, 99, 100, 999, 1000, 2026, 12345] {
            for width in 0...5 {
                #expect(value.zeroPadded(to: width) == String(format: "%0*d", width, value), "\(value) to \(width)")
            }
        }
        let lateEvening = Date(timeIntervalSince1970: 1_584_896_400 + 86_399)
        #expect(VietnamTime.iso8601(lateEvening) == "2020-03-23T23:59:59+07:00")
        #expect(VietnamTime.iso8601(Date(timeIntervalSince1970: 1_584_896_400 + 9 * 3600 + 5 * 60 + 7.9)) == "2020-03-23T09:05:07+07:00")
    }

    @Test func moneyRoundsHalfAwayFromZero() {
        #expect(Money(26_000).scaled(by: 30, over: 100) == Money(7_800))
        #expect(Money(15).scaled(by: 1, over: 10) == Money(2))  // 1.5 → 2
        #expect(Money(14).scaled(by: 1, over: 10) == Money(1))
        #expect(Money(-15).scaled(by: 1, over: 10) == Money(-2))
        #expect(Money(1_234_567).description == "1.234.567 đ")
    }
}
