import Foundation
import PropertyBased
import Testing
@testable import PostRunCore

private func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

@Suite struct WorkingCalendarTests {
    let calendar = WorkingCalendar.standard

    @Test func holidayDataCoversTheRequiredYears() throws {
        let list = HolidayList.vietnam
        #expect(list.coveredYears == [2020, 2024, 2025, 2026, 2027])
        for year in [2020, 2024, 2025, 2026, 2027] {
            let days = Set(list.holidays.filter { $0.date.year == year }.map(\.date))
            for fixed in ["01-01", "04-30", "09-02"] { #expect(days.contains(day("\(year)-\(fixed)")), "\(year)-\(fixed)") }
            if day("\(year)-05-01").isoWeekday < 6 { #expect(days.contains(day("\(year)-05-01"))) }
            #expect(list.holidays.contains { $0.date.year == year && $0.nameVi.hasPrefix("Tết Nguyên đán") })
            #expect(list.holidays.contains { $0.date.year == year && $0.nameVi.hasPrefix("Giỗ Tổ") })
            // From 2021 the National Day has an adjacent day off.
            let adjacent = list.holidays.filter { $0.date.year == year && $0.kind == .adjacent }
            #expect(adjacent.count == (year == 2020 ? 0 : 1))
        }
        #expect(Set(list.holidays.map(\.date)).count == list.holidays.count, "no date twice")
        let json = try JSONEncoder().encode(list)
        #expect(try JSONDecoder().decode(HolidayList.self, from: json) == list)
    }

    @Test(arguments: [
        ("2020-01-23", false), ("2020-01-29", false), ("2020-01-30", true), ("2020-01-22", true),  // Tết Canh Tý
        ("2020-04-02", false), ("2020-04-30", false), ("2020-05-01", false), ("2020-09-02", false), ("2020-09-03", true),
        ("2024-02-14", false), ("2024-02-15", true), ("2024-04-29", false), ("2024-05-04", true), ("2024-09-03", false),
        ("2025-01-27", false), ("2025-02-03", true), ("2025-04-26", true), ("2025-05-02", false), ("2025-09-01", false),
        ("2026-02-16", false), ("2026-02-20", false), ("2026-02-23", true), ("2026-04-27", false), ("2026-11-27", true),
        ("2027-04-16", false), ("2027-05-03", false),
        ("2026-11-28", false), ("2026-11-29", false),  // a weekend
    ])
    func workingDays(date: String, working: Bool) {
        #expect(calendar.isWorkingDay(day(date)) == working, "\(date)")
    }

    @Test func saturdayMorning() {
        let office = WorkingCalendar(saturdayMorning: true)
        #expect(office.hours(on: day("2026-11-28")) == .morning)
        #expect(office.isWorkingDay(day("2026-11-28")))
        #expect(!office.isWorkingDay(day("2026-11-29")))
        #expect(office.hours(on: day("2025-04-26")) == .full, "a make-up Saturday is a full day")
        #expect(office.hours(on: day("2024-02-10")) == .none, "Tết beats Saturday morning")
        #expect(office.nextWorkingDay(after: day("2026-11-27")) == day("2026-11-28"))
        #expect(calendar.nextWorkingDay(after: day("2026-11-27")) == day("2026-11-30"))
    }

    @Test func arithmeticOverHolidays() {
        // Friday before Tết 2024 → the first day back.
        #expect(calendar.nextWorkingDay(after: day("2024-02-07")) == day("2024-02-15"))
        #expect(calendar.addingWorkingDays(2, to: day("2024-02-07")) == day("2024-02-16"))
        #expect(calendar.addingWorkingDays(0, to: day("2024-02-10")) == day("2024-02-10"))
        #expect(calendar.addingWorkingDays(-1, to: day("2024-02-15")) == day("2024-02-07"))
        #expect(calendar.workingDay(onOrAfter: day("2024-02-10")) == day("2024-02-15"))
        #expect(calendar.workingDays(from: day("2024-02-07"), to: day("2024-02-16")) == 2)
        #expect(calendar.workingDays(from: day("2024-02-16"), to: day("2024-02-07")) == -2)
        // The 30/4 bridge of 2025: Tue 29/4 → Mon 5/5.
        #expect(calendar.nextWorkingDay(after: day("2025-04-29")) == day("2025-05-05"))
        #expect(calendar.previousWorkingDay(before: day("2025-04-28")) == day("2025-04-26"))
        #expect(calendar.holiday(on: day("2025-05-02"))?.kind == .swapped)
    }

    @Test func calendarRoundTripsThroughJSON() throws {
        let office = WorkingCalendar(workingWeekdays: [1, 2, 3, 4, 5], saturdayMorning: true)
        let decoded = try JSONDecoder().decode(WorkingCalendar.self, from: try JSONEncoder().encode(office))
        #expect(decoded == office)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(WorkingCalendar.self, from: Data(#"{"working_weekdays":[],"saturday_morning":false,"holidays":[],"make_up_working_days":[]}"#.utf8))
        }
    }

    static let dates = Gen.int(in: day("2019-06-01").daysSinceEpoch...day("2028-06-01").daysSinceEpoch).map { LocalDate(daysSinceEpoch: $0) }

    @Test func addingWorkingDaysIsMonotoneAndLandsOnWorkingDays() async {
        let calendar = self.calendar
        await propertyCheck(input: Self.dates, Gen.int(in: 0...30), Gen.int(in: 0...30)) { start, a, b in
            let (low, high) = (min(a, b), max(a, b))
            let first = calendar.addingWorkingDays(low, to: start)
            let second = calendar.addingWorkingDays(high, to: start)
            #expect(first <= second)
            if high > 0 { #expect(calendar.isWorkingDay(second)) }
            #expect(calendar.workingDays(from: start, to: second) == high)
            if high > 0 { #expect(calendar.addingWorkingDays(-high, to: second) <= start) }
        }
    }

    @Test func communeServiceCalendar() {
        // A remote commune served Tuesdays and Thursdays.
        let remote = CommuneServiceCalendar(communeCode: "24028", servedWeekdays: [2, 4])
        #expect(remote.nextServingDay(after: day("2026-11-24"), calendar: calendar) == day("2026-11-26"))
        #expect(remote.nextServingDay(after: day("2026-11-26"), calendar: calendar) == day("2026-12-01"))
        // Served Thursday 30/4/2026 would be a holiday: the next is Tuesday 5/5.
        #expect(remote.nextServingDay(after: day("2026-04-28"), calendar: calendar) == day("2026-05-05"))
        let everyDay = CommuneServiceCalendar(communeCode: "23575")
        #expect(everyDay.nextServingDay(after: day("2026-11-27"), calendar: calendar) == day("2026-11-30"))
        let flooded = CommuneServiceCalendar(communeCode: "24028", suspensions: [day("2026-10-01")...day("2026-10-20")])
        #expect(flooded.nextServingDay(after: day("2026-09-30"), calendar: calendar) == day("2026-10-21"))
        #expect(CommuneServiceCalendar(communeCode: "x", servedWeekdays: [7]).nextServingDay(after: day("2026-01-01"), calendar: calendar) == nil)
        // Delivery retries wait 2 working days, pickups the next serving day.
        #expect(everyDay.nextAttemptDay(afterFailureOn: day("2026-11-26"), kind: .deliverResult, calendar: calendar) == day("2026-11-30"))
        #expect(everyDay.nextAttemptDay(afterFailureOn: day("2026-11-26"), kind: .pickupDossier, calendar: calendar) == day("2026-11-27"))
        #expect(remote.nextAttemptDay(afterFailureOn: day("2026-11-26"), kind: .pickupDossier, calendar: calendar) == day("2026-12-01"))
    }
}

@Suite struct ServiceTimeTests {
    let calendar = WorkingCalendar.standard

    @Test(arguments: [
        (ServiceZone.sameArea, false, "2020-03-24"), (.sameArea, true, "2020-03-25"),
        (.withinProvince, false, "2020-03-25"), (.withinProvince, true, "2020-03-27"),
        (.betweenSpecialCities, false, "2020-03-26"), (.betweenSpecialCities, true, "2020-03-31"),
        (.otherInterProvince, false, "2020-03-27"), (.otherInterProvince, true, "2020-04-03"),
    ])
    func dueDatesFromMondayTheTwentyThird(zone: ServiceZone, slip: Bool, due: String) {
        #expect(ServiceTime.due(receivedOn: day("2020-03-23"), zone: zone, withAppointmentSlip: slip, calendar: calendar) == day(due))
    }

    @Test func dueDatesSkipHolidaysAndHonourExtensions() {
        // Received Wednesday 29/4/2020: 30/4, 1/5 and the weekend are skipped.
        #expect(ServiceTime.due(receivedOn: day("2020-04-29"), zone: .sameArea, calendar: calendar) == day("2020-05-04"))
        #expect(ServiceTime.due(receivedOn: day("2020-04-29"), zone: .withinProvince, withAppointmentSlip: true, calendar: calendar)
            == day("2020-05-07"))
        let policy = ServiceTimePolicy(extensions: [ServiceTimeExtension(communeCode: "21607", extraWorkingDays: 2, note: "Nhơn Châu island")])
        #expect(ServiceTime.due(receivedOn: day("2020-03-23"), zone: .withinProvince, communeCode: "21607", policy: policy, calendar: calendar)
            == day("2020-03-27"))
        #expect(ServiceTime.due(receivedOn: day("2020-03-23"), zone: .withinProvince, communeCode: "23575", policy: policy, calendar: calendar)
            == day("2020-03-25"))
        #expect(ServiceZone.allCases.map(\.workingDays) == [1, 2, 3, 4])
        #expect(ServiceZone.allCases.map(\.workingDaysWithAppointmentSlip) == [2, 4, 6, 8])
    }

    @Test func zones() {
        func unit(_ code: String, _ province: String, office: String? = nil) -> AdministrativeUnit {
            AdministrativeUnit(code: code, name: code, fullName: code, kind: .ward, provinceCode: province, servingOfficeCode: office)
        }
        #expect(ServiceZone.between(unit("23575", "52"), unit("23575", "52")) == .sameArea)
        #expect(ServiceZone.between(unit("23575", "52", office: "PK"), unit("23586", "52", office: "PK")) == .sameArea)
        #expect(ServiceZone.between(unit("23575", "52", office: "PK"), unit("21583", "52", office: "QN")) == .withinProvince)
        #expect(ServiceZone.between(unit("00004", "01"), unit("26734", "79")) == .betweenSpecialCities)
        #expect(ServiceZone.between(unit("23575", "52"), unit("26734", "79")) == .otherInterProvince)
        #expect(ServiceZone.between(unit("23575", "52", office: nil), unit("23586", "52", office: nil)) == .withinProvince)
        #expect(ServiceZone.classify(sameArea: true, originProvinceCode: "52", destinationProvinceCode: "79") == .sameArea)
        #expect(ServiceZone.classify(sameArea: false, originProvinceCode: "48", destinationProvinceCode: "79") == .betweenSpecialCities)
    }

    @Test func slaWatch() {
        // Appointment Thursday 26/11/2026.
        let appointment = day("2026-11-26")
        #expect(ServiceLevelWatch.resultStatus(appointmentDate: appointment, delivered: false, today: day("2026-11-24"), calendar: calendar) == .onTrack)
        #expect(ServiceLevelWatch.resultStatus(appointmentDate: appointment, delivered: false, today: day("2026-11-25"), calendar: calendar) == .atRisk)
        #expect(ServiceLevelWatch.resultStatus(appointmentDate: appointment, delivered: false, today: day("2026-11-26"), calendar: calendar) == .atRisk)
        #expect(ServiceLevelWatch.resultStatus(appointmentDate: appointment, delivered: false, today: day("2026-11-27"), calendar: calendar) == .overdue)
        #expect(ServiceLevelWatch.resultStatus(appointmentDate: appointment, delivered: true, today: day("2026-11-27"), calendar: calendar) == .onTrack)
        // An appointment on Monday is at risk from the Friday before.
        #expect(ServiceLevelWatch.resultStatus(appointmentDate: day("2026-11-30"), delivered: false, today: day("2026-11-27"), calendar: calendar)
            == .atRisk)
        // A dossier received Monday 23/11/2026 within the province is due Wednesday 25/11.
        func dossier(_ today: String, handedOver: Bool = false) -> ServiceLevelStatus {
            ServiceLevelWatch.dossierStatus(receivedOn: day("2026-11-23"), zone: .withinProvince, handedOver: handedOver, today: day(today),
                                            calendar: calendar)
        }
        #expect(dossier("2026-11-24") == .onTrack)
        #expect(dossier("2026-11-25") == .atRisk)
        #expect(dossier("2026-11-26") == .overdue)
        #expect(dossier("2026-11-26", handedOver: true) == .onTrack)
    }
}
