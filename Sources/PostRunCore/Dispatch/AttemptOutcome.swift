/// What follows a failed attempt at the applicant's door (Circular 17/2017: at least 2 delivery attempts,
/// 2 working days apart, then the result goes back to the agency).
public enum AttemptOutcome: Sendable, Hashable {
    /// Try again, not before this day: the commune's first serving day at least the policy's working days later.
    case retry(notBefore: LocalDate)
    /// Deliveries with no attempts left: the result goes back to the agency as a `return_result` job.
    case returnToAgency
    /// Pickups with no attempts left: the request is cancelled, and the portal told why.
    case cancelPickup(CancellationReason)
}

extension AttemptPolicy {
    /// The outcome of the `failedAttempts`th failed attempt (counting it) of a job of `kind`, failed on `failedOn`
    /// for `reason`.
    ///
    /// A commune with no serving day in the coming year (every weekday unserved, or suspended) still gets a date:
    /// the earliest working day the policy allows, for a dispatcher to look at.
    public func outcome(kind: JobKind, failedAttempts: Int, reason: FailureReason, failedOn: LocalDate,
                        commune: CommuneServiceCalendar, calendar: WorkingCalendar) -> AttemptOutcome {
        if failedAttempts >= maxAttempts(for: kind) {
            switch kind {
            case .pickupDossier: return .cancelPickup(reason == .incompleteDossier ? .dossierNotReady : .attemptsExhausted)
            case .deliverResult, .returnResult: return .returnToAgency
            }
        }
        let earliest = calendar.addingWorkingDays(max(1, workingDaysBetweenAttempts(for: kind)), to: failedOn)
        let day = commune.nextAttemptDay(afterFailureOn: failedOn, kind: kind, policy: self, calendar: calendar) ?? earliest
        return .retry(notBefore: day)
    }
}
