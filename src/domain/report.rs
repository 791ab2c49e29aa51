//! The monthly report's timeliness (DOMAIN.md, "The rules"; the seeds ask for a 100 %
//! timely-handling rate): every rule a case was held to, when it was due, and whether it was
//! kept. Pure functions of a case's recorded steps and `now`; the clocks that run on an open
//! case are `case_life::deadlines`, this is the same rules looked back on.
//!
//! A rule is counted in the month its deadline falls in, kept or not, so a case received on
//! 31 October and answered on 1 November is judged once, where its answer was due; a rule whose
//! deadline has not passed and whose step has not happened is not judged yet.

use chrono::{Duration, NaiveDateTime};

use super::case_life::{Distance, Limits, Step, Timeline};

/// A rule of "The rules" that a case is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// Respond within 24 h of receipt.
    Respond,
    /// A dealer that cannot handle a complaint reports it to HQ within 48 h.
    EscalateToHq,
    /// On site within 24 h (home province), 48 h (another province) or 3 days (remote).
    OnSite(Distance),
    /// A return visit within 3 days of the resolution.
    ReturnVisit,
}

/// One rule applied to one case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Judged {
    pub rule: Rule,
    pub due: NaiveDateTime,
    /// When the step happened; `None` if it has not, and its deadline has passed.
    pub done: Option<NaiveDateTime>,
}

impl Judged {
    /// Kept: the step happened by its deadline (a step at the deadline itself is in time).
    pub fn kept(&self) -> bool {
        self.done.is_some_and(|done| done <= self.due)
    }

    /// How late the step was, or is at `now` if it has not happened.
    pub fn late_by(&self, now: NaiveDateTime) -> Option<Duration> {
        let at = self.done.unwrap_or(now);
        (at > self.due).then(|| at - self.due)
    }
}

/// Every rule the case was held to, as of `now`, in the order their deadlines fall.
///
/// - Respond: the first step recorded after receipt answers the customer.
/// - Escalate to HQ (a complaint received by a dealer): judged when the dealer escalated it,
///   or when 48 h passed with the case neither escalated, visited nor resolved.
/// - On site: from receipt, and again from each reopening; not judged for a life of the case
///   whose treatment was decided or that was resolved without a visit.
/// - Return visit: from each resolution, kept by a return visit recorded after it.
pub fn judged(
    timeline: &Timeline,
    limits: Limits,
    distance: Distance,
    received_by_dealer: bool,
    now: NaiveDateTime,
) -> Vec<Judged> {
    let Some(&(Step::Received, received)) = timeline.first() else {
        return Vec::new();
    };
    let hours = Duration::hours;
    let mut judged = Vec::new();
    let mut judge = |rule, due, done: Option<NaiveDateTime>| {
        // Not yet judged: still time, and nothing done.
        if done.is_some() || now > due {
            judged.push(Judged { rule, due, done });
        }
    };
    let later = &timeline[1..];
    let first = |step: Step, from: usize| {
        timeline[from..]
            .iter()
            .position(|(s, _)| *s == step)
            .map(|i| (from + i, timeline[from + i].1))
    };

    judge(
        Rule::Respond,
        received + hours(limits.respond_hours),
        later.first().map(|(_, at)| *at),
    );

    if received_by_dealer {
        let due = received + hours(limits.escalate_hours);
        match first(Step::EscalatedToHq, 1) {
            Some((_, at)) => judge(Rule::EscalateToHq, due, Some(at)),
            None => {
                // Handled by the dealer (visited or resolved before the deadline): not held.
                let handled = later.iter().any(|(step, at)| {
                    matches!(step, Step::OnSite | Step::Resolved | Step::TreatmentDecided)
                        && *at <= due
                });
                if !handled {
                    judge(Rule::EscalateToHq, due, None);
                }
            }
        }
    }

    // On site, once for each life of the case: from receipt, then from each reopening.
    let on_site_hours = match distance {
        Distance::HomeProvince => limits.on_site_home_hours,
        Distance::OtherProvince => limits.on_site_other_hours,
        Distance::Remote => limits.on_site_remote_hours,
    };
    let lives = std::iter::once((0, received)).chain(
        timeline
            .iter()
            .enumerate()
            .filter(|(_, (s, _))| *s == Step::Reopened)
            .map(|(i, (_, at))| (i, *at)),
    );
    for (start, from) in lives {
        let end = timeline[start + 1..]
            .iter()
            .position(|(s, _)| *s == Step::Reopened)
            .map_or(timeline.len(), |i| start + 1 + i);
        let life = &timeline[start + 1..end];
        let visit = life.iter().find(|(s, _)| *s == Step::OnSite);
        let without_visit = life
            .iter()
            .take_while(|(s, _)| *s != Step::OnSite)
            .any(|(s, _)| matches!(s, Step::TreatmentDecided | Step::Resolved));
        if !without_visit {
            judge(
                Rule::OnSite(distance),
                from + hours(on_site_hours),
                visit.map(|(_, at)| *at),
            );
        }
    }

    for (index, (step, resolved)) in timeline.iter().enumerate() {
        if *step != Step::Resolved {
            continue;
        }
        // Kept by a return visit after this resolution and before any later one.
        let next_resolution = first(Step::Resolved, index + 1).map_or(timeline.len(), |(i, _)| i);
        let visit = timeline[index + 1..next_resolution]
            .iter()
            .find(|(s, _)| *s == Step::ReturnVisitDone)
            .map(|(_, at)| *at);
        judge(
            Rule::ReturnVisit,
            *resolved + Duration::days(limits.return_visit_days),
            visit,
        );
    }
    judged.sort_by_key(|j| j.due);
    judged
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        let (month, day) = if day > 31 { (11, day - 31) } else { (10, day) };
        NaiveDate::from_ymd_opt(2026, month, day)
            .unwrap()
            .and_hms_opt(hour, minute, 0)
            .unwrap()
    }

    fn rules(timeline: &[(Step, NaiveDateTime)], dealer: bool, now: NaiveDateTime) -> Vec<Judged> {
        judged(
            timeline,
            Limits::default(),
            Distance::HomeProvince,
            dealer,
            now,
        )
    }

    fn of(judged: &[Judged], rule: Rule) -> Vec<Judged> {
        judged.iter().filter(|j| j.rule == rule).copied().collect()
    }

    #[test]
    fn respond_within_24_hours_of_receipt_is_kept_at_the_24th_hour_and_late_a_minute_after() {
        let received = at(10, 9, 0);
        let on_time = rules(
            &[(Step::Received, received), (Step::Responded, at(11, 9, 0))],
            false,
            at(20, 0, 0),
        );
        let respond = of(&on_time, Rule::Respond);
        assert_eq!(respond.len(), 1);
        assert_eq!(respond[0].due, at(11, 9, 0));
        assert!(respond[0].kept());
        let late = rules(
            &[(Step::Received, received), (Step::Responded, at(11, 9, 1))],
            false,
            at(20, 0, 0),
        );
        let respond = of(&late, Rule::Respond)[0];
        assert!(!respond.kept());
        assert_eq!(respond.late_by(at(20, 0, 0)), Some(Duration::minutes(1)));
    }

    #[test]
    fn respond_is_not_judged_before_its_deadline_and_is_late_after_it_with_nothing_done() {
        let timeline = [(Step::Received, at(10, 9, 0))];
        assert!(of(&rules(&timeline, false, at(11, 8, 59)), Rule::Respond).is_empty());
        let late = of(&rules(&timeline, false, at(11, 10, 0)), Rule::Respond)[0];
        assert_eq!(late.done, None);
        assert_eq!(late.late_by(at(11, 10, 0)), Some(Duration::hours(1)));
    }

    #[test]
    fn any_step_after_receipt_answers_the_customer() {
        let timeline = [
            (Step::Received, at(10, 9, 0)),
            (Step::OnSite, at(10, 15, 0)),
        ];
        assert!(of(&rules(&timeline, false, at(20, 0, 0)), Rule::Respond)[0].kept());
    }

    #[test]
    fn a_dealer_escalates_to_hq_within_48_hours_unless_it_handled_the_case_itself() {
        let received = at(10, 9, 0);
        // Escalated at the 48th hour: kept; a headquarters case is never held to it.
        let escalated = [
            (Step::Received, received),
            (Step::Responded, at(10, 10, 0)),
            (Step::EscalatedToHq, at(12, 9, 0)),
        ];
        let now = at(20, 0, 0);
        assert!(of(&rules(&escalated, true, now), Rule::EscalateToHq)[0].kept());
        assert!(of(&rules(&escalated, false, now), Rule::EscalateToHq).is_empty());
        // Visited by the dealer within the 48 hours: handled, not held.
        let visited = [
            (Step::Received, received),
            (Step::Responded, at(10, 10, 0)),
            (Step::OnSite, at(11, 9, 0)),
        ];
        assert!(of(&rules(&visited, true, now), Rule::EscalateToHq).is_empty());
        // Neither escalated nor handled after 48 hours: late.
        let idle = [(Step::Received, received), (Step::Responded, at(10, 10, 0))];
        let late = of(&rules(&idle, true, now), Rule::EscalateToHq)[0];
        assert_eq!((late.due, late.done), (at(12, 9, 0), None));
    }

    #[test]
    fn on_site_by_distance_24_hours_home_48_other_province_72_remote() {
        let timeline = [(Step::Received, at(10, 9, 0)), (Step::OnSite, at(12, 9, 0))];
        let now = at(20, 0, 0);
        let judge = |distance| {
            judged(&timeline, Limits::default(), distance, false, now)
                .into_iter()
                .find(|j| matches!(j.rule, Rule::OnSite(_)))
                .unwrap()
        };
        let home = judge(Distance::HomeProvince);
        assert_eq!(home.rule, Rule::OnSite(Distance::HomeProvince));
        assert!(!home.kept(), "48 hours is late at home");
        assert!(
            judge(Distance::OtherProvince).kept(),
            "48 hours is in time in another province"
        );
        assert_eq!(judge(Distance::Remote).due, at(13, 9, 0));
    }

    #[test]
    fn on_site_is_not_judged_for_a_case_decided_without_a_visit_and_is_judged_again_after_a_reopening()
     {
        let now = at(40, 0, 0);
        let decided = [
            (Step::Received, at(10, 9, 0)),
            (Step::Responded, at(10, 10, 0)),
            (Step::TreatmentDecided, at(10, 11, 0)),
            (Step::Resolved, at(11, 9, 0)),
        ];
        assert!(
            !rules(&decided, false, now)
                .iter()
                .any(|j| matches!(j.rule, Rule::OnSite(_)))
        );
        let reopened = [
            (Step::Received, at(10, 9, 0)),
            (Step::OnSite, at(10, 15, 0)),
            (Step::Resolved, at(11, 9, 0)),
            (Step::ReturnVisitDone, at(12, 9, 0)),
            (Step::Reopened, at(12, 9, 5)),
            (Step::OnSite, at(14, 9, 5)),
        ];
        let visits: Vec<Judged> = rules(&reopened, false, now)
            .into_iter()
            .filter(|j| matches!(j.rule, Rule::OnSite(_)))
            .collect();
        assert_eq!(visits.len(), 2);
        assert!(visits[0].kept());
        assert_eq!(visits[1].due, at(13, 9, 5), "from the reopening");
        assert!(
            !visits[1].kept(),
            "two days after the reopening is late at home"
        );
    }

    #[test]
    fn return_visit_within_3_days_of_each_resolution() {
        let timeline = [
            (Step::Received, at(10, 9, 0)),
            (Step::OnSite, at(10, 15, 0)),
            (Step::Resolved, at(11, 9, 0)),
            (Step::ReturnVisitDone, at(14, 9, 0)),
            (Step::Reopened, at(14, 9, 5)),
            (Step::OnSite, at(14, 15, 0)),
            (Step::Resolved, at(15, 9, 0)),
        ];
        let visits = of(&rules(&timeline, false, at(30, 0, 0)), Rule::ReturnVisit);
        assert_eq!(visits.len(), 2);
        assert!(visits[0].kept(), "at the third day itself");
        assert_eq!((visits[1].due, visits[1].done), (at(18, 9, 0), None));
        // Before its third day the second is not judged yet.
        assert_eq!(
            of(&rules(&timeline, false, at(17, 0, 0)), Rule::ReturnVisit).len(),
            1
        );
    }

    #[test]
    fn a_case_received_at_the_end_of_a_month_is_judged_where_its_deadlines_fall() {
        let timeline = [
            (Step::Received, at(31, 20, 0)),
            (Step::Responded, at(32, 8, 0)),
        ];
        let respond = of(&rules(&timeline, false, at(40, 0, 0)), Rule::Respond)[0];
        assert_eq!(respond.due, at(32, 20, 0), "due on 1 November");
    }
}
