//! The monthly report's timeliness (DOMAIN.md, "The rules"; the seeds ask for a 100 %
//! timely-handling rate): every rule a case was held to, when it was due, and whether it was
//! kept. Pure functions of a case's recorded steps and `now`; the clocks that run on an open
//! case are `case_life::deadlines`, this is the same rules looked back on.
//!
//! A rule is counted in the month its deadline falls in, kept or not, so a case received on
//! 31 October and answered on 1 November is judged once, where its answer was due; a rule whose
//! deadline has not passed and whose step has not happened is not judged yet.
//!
//! A report covers a [`Span`]: a month, a quarter or a year.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

use super::case_life::{Distance, Limits, Step, Timeline};
use super::unit::Period;

/// The period a report covers: a month, a quarter or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Span {
    Month(Period),
    /// Quarter 1 to 4 of a year.
    Quarter {
        year: i32,
        quarter: u32,
    },
    Year(i32),
}

impl Span {
    /// `2026-10` (a month), `2026-Q4` (a quarter) or `2026` (a year); `None` for anything
    /// else, as for months: a year before 2000 or after 9999, a quarter 0 or 5.
    pub fn parse(text: &str) -> Option<Span> {
        let text = text.trim();
        let year = |y: &str| {
            (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
                .then(|| y.parse::<i32>().ok())
                .flatten()
                .filter(|y| *y >= 2000)
        };
        if let Some((y, q)) = text.split_once(['Q', 'q']) {
            let y = year(y.strip_suffix('-')?)?;
            let quarter = match q {
                "1" => 1,
                "2" => 2,
                "3" => 3,
                "4" => 4,
                _ => return None,
            };
            return Some(Span::Quarter { year: y, quarter });
        }
        if !text.contains('-') {
            return year(text).map(Span::Year);
        }
        Period::parse(text).map(Span::Month)
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        match self {
            Span::Month(month) => month.first_day(),
            Span::Quarter { year, quarter } => {
                NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1).unwrap_or(NaiveDate::MIN)
            }
            Span::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// The first day after it.
    pub fn end_day(self) -> NaiveDate {
        self.next().first_day()
    }

    /// The span of the same length after it.
    pub fn next(self) -> Span {
        match self {
            Span::Month(month) => Span::Month(month.next()),
            Span::Quarter { year, quarter: 4 } => Span::Quarter {
                year: year + 1,
                quarter: 1,
            },
            Span::Quarter { year, quarter } => Span::Quarter {
                year,
                quarter: quarter + 1,
            },
            Span::Year(year) => Span::Year(year + 1),
        }
    }

    /// The span of the same length before it, to compare with.
    pub fn previous(self) -> Span {
        match self {
            Span::Month(month) => Span::Month(month.previous()),
            Span::Quarter { year, quarter: 1 } => Span::Quarter {
                year: year - 1,
                quarter: 4,
            },
            Span::Quarter { year, quarter } => Span::Quarter {
                year,
                quarter: quarter - 1,
            },
            Span::Year(year) => Span::Year(year - 1),
        }
    }

    /// The months it is made of, in order.
    pub fn months(self) -> Vec<Period> {
        let end = Period::of(self.end_day());
        std::iter::successors(Some(Period::of(self.first_day())), |m| Some(m.next()))
            .take_while(|m| *m != end)
            .collect()
    }

    /// Whether `at` falls in it.
    pub fn contains(self, at: NaiveDateTime) -> bool {
        at.date() >= self.first_day() && at.date() < self.end_day()
    }
}

impl From<Period> for Span {
    fn from(month: Period) -> Span {
        Span::Month(month)
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Span::Month(month) => month.fmt(f),
            Span::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Span::Year(year) => write!(f, "{year:04}"),
        }
    }
}

/// `from` plus `days` working days (Monday to Friday; the program knows no public holidays),
/// at the same time of day. A Saturday or Sunday start counts from the Monday after.
pub fn add_working_days(from: NaiveDateTime, days: i64) -> NaiveDateTime {
    let mut at = from;
    let mut left = days;
    while left > 0 {
        at += Duration::days(1);
        if !matches!(at.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    at
}

/// The longest any rule's clock runs from the step that starts it (a receipt, a reopening or
/// a resolution): a deadline falls in a period only for a case with such a step less than
/// this before the period's end. `n` working days take at most `n + 2·⌈n/5⌉` calendar days.
pub fn longest_wait(limits: Limits) -> Duration {
    let working = limits.resolve_working_days.max(0);
    let resolve_days = working + 2 * ((working + 4) / 5);
    let hours = [
        limits.respond_hours,
        limits.escalate_hours,
        limits.on_site_home_hours,
        limits.on_site_other_hours,
        limits.on_site_remote_hours,
        limits.return_visit_days.saturating_mul(24),
        resolve_days.saturating_mul(24),
    ]
    .into_iter()
    .max()
    .unwrap_or(0)
    .clamp(0, 24 * 366 * 10);
    Duration::hours(hours)
}

/// A rule of "The rules" that a case is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// Respond within 24 h of receipt.
    Respond,
    /// A dealer that cannot handle a complaint reports it to HQ within 48 h.
    EscalateToHq,
    /// On site within 24 h (home province), 48 h (another province) or 3 days (remote).
    OnSite(Distance),
    /// Resolved (the confirmation signed) within 3 working days of receipt, and of each
    /// reopening (a seed: "在3个工作日内解决问题").
    Resolve,
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
/// - Resolve: from receipt, and again from each reopening, in working days; kept by the
///   resolution of that life of the case.
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
        let resolution = life.iter().find(|(s, _)| *s == Step::Resolved);
        judge(
            Rule::Resolve,
            add_working_days(from, limits.resolve_working_days),
            resolution.map(|(_, at)| *at),
        );
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

    #[test]
    fn no_deadline_falls_later_after_the_step_that_starts_its_clock_than_the_longest_wait() {
        // Every start of the week, every number of working days a setting allows: the
        // report's walk leaves out cases whose clocks all started longer ago than this.
        for working_days in 0..=30 {
            let limits = Limits {
                resolve_working_days: working_days,
                ..Limits::default()
            };
            let wait = longest_wait(limits);
            for day in 1..=7 {
                let from = at(day, 17, 30);
                assert!(
                    add_working_days(from, working_days) - from <= wait,
                    "{working_days} working days from {from}"
                );
            }
            assert!(wait >= Duration::hours(limits.on_site_remote_hours));
            assert!(wait >= Duration::days(limits.return_visit_days));
        }
        let long_visit = Limits {
            return_visit_days: 40,
            ..Limits::default()
        };
        assert_eq!(longest_wait(long_visit), Duration::days(40));
        let nonsense = Limits {
            respond_hours: i64::MAX,
            resolve_working_days: -5,
            ..Limits::default()
        };
        assert_eq!(longest_wait(nonsense), Duration::hours(24 * 366 * 10));
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
    fn resolve_within_3_working_days_of_receipt_and_of_each_reopening() {
        // Received Friday 9 October 09:00: due Wednesday 14 October 09:00 (the weekend is
        // not counted).
        let timeline = [
            (Step::Received, at(9, 9, 0)),
            (Step::OnSite, at(9, 15, 0)),
            (Step::Resolved, at(14, 9, 0)),
            (Step::ReturnVisitDone, at(15, 9, 0)),
            (Step::Reopened, at(15, 9, 5)),
        ];
        let resolve = of(&rules(&timeline, false, at(40, 0, 0)), Rule::Resolve);
        assert_eq!(resolve.len(), 2);
        assert_eq!(resolve[0].due, at(14, 9, 0));
        assert!(resolve[0].kept(), "at the deadline itself");
        // Reopened Thursday 15 October: due Tuesday 20 October, never resolved again.
        assert_eq!((resolve[1].due, resolve[1].done), (at(20, 9, 5), None));
        // A minute later than the first deadline is late.
        let late = [
            (Step::Received, at(9, 9, 0)),
            (Step::Resolved, at(14, 9, 1)),
        ];
        assert!(!of(&rules(&late, false, at(40, 0, 0)), Rule::Resolve)[0].kept());
    }

    #[test]
    fn working_days_skip_saturday_and_sunday() {
        // Saturday 10 October 10:00 + 1 working day: Monday 12 October 10:00.
        assert_eq!(add_working_days(at(10, 10, 0), 1), at(12, 10, 0));
        // Friday + 1: Monday; Monday + 5: the next Monday.
        assert_eq!(add_working_days(at(9, 10, 0), 1), at(12, 10, 0));
        assert_eq!(add_working_days(at(12, 10, 0), 5), at(19, 10, 0));
        assert_eq!(add_working_days(at(12, 10, 0), 0), at(12, 10, 0));
    }

    #[test]
    fn a_report_covers_a_month_a_quarter_or_a_year_and_compares_with_the_one_before() {
        let october = Span::parse("2026-10").unwrap();
        assert_eq!(october.to_string(), "2026-10");
        assert_eq!(october.previous().to_string(), "2026-09");
        let q1 = Span::parse("2026-Q1").unwrap();
        assert_eq!(q1.first_day(), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(q1.end_day(), NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
        assert_eq!(q1.previous().to_string(), "2025-Q4");
        assert_eq!(q1.months().len(), 3);
        let q4 = Span::parse("2026-q4").unwrap();
        assert_eq!(q4.end_day(), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(q4.next().to_string(), "2027-Q1");
        let year = Span::parse("2026").unwrap();
        assert_eq!(year.months().len(), 12);
        assert_eq!(year.previous().to_string(), "2025");
        assert!(year.contains(at(31, 23, 59)));
        assert!(!Span::parse("2025").unwrap().contains(at(1, 0, 0)));
        for bad in [
            "2026-Q0", "2026-Q5", "2026Q1", "1999", "26", "2026-13", "", "2026-", "Q1",
        ] {
            assert_eq!(Span::parse(bad), None, "{bad}");
        }
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
