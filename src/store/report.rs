//! The monthly report's figures (issue 13), each computed here from the records once: the
//! volumes of a period and the timeliness of its cases, for this office, one office, a region
//! or everything this database holds. The screen, the paper and the spreadsheets only show them.

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, NaiveTime};
use rusqlite::params_from_iter;

use super::case_steps::walk_cases;
use super::sql::{TIMESTAMP, timestamp_column};
use super::{Result, Store};
use crate::domain::case_life::{Limits, Region, distance};
use crate::domain::confirmation::{COST_KINDS, Rating, TECHNICIAN_SEPARATOR, technician_names};
use crate::domain::money::Fen;
use crate::domain::report::Span;
use crate::domain::report::{Judged, Rule, judged};
use crate::domain::three_guarantees::{DepreciationRates, Remedy, settle};
use crate::domain::unit::Period;

/// Whose records a report covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everything in this database: this office's and every office's it received.
    All,
    /// One office's records, by its code; `""` is this office's own.
    Office(String),
    /// The records of every office of a region (its dealers and the region itself).
    Region(String),
}

impl Scope {
    /// A condition on `{table}.origin`, and its parameters. The unary `+` keeps SQLite from
    /// reading by the origin's index instead of the period's: at a dealer every record has the
    /// same origin, and without statistics the planner cannot know it (measured: one office's
    /// month took 1.26 s instead of 0.76 s at a million records).
    fn condition(&self, table: &str) -> (String, Vec<String>) {
        match self {
            Scope::All => (String::new(), Vec::new()),
            Scope::Office(code) => (format!("AND +{table}.origin = ?"), vec![code.clone()]),
            Scope::Region(code) => (
                format!(
                    "AND (+{table}.origin = ? OR +{table}.origin IN (SELECT code FROM units WHERE region = ?))"
                ),
                vec![code.clone(), code.clone()],
            ),
        }
    }
}

/// How many records of a period there were, and how they divide.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Volumes {
    /// Complaints received in the period (voided ones are not counted anywhere).
    pub received: u64,
    /// Cases resolved in the period (a confirmation signed), whenever received.
    pub resolved: u64,
    /// Cases closed in the period.
    pub closed: u64,
    /// Cases received by the period's end and not closed at its end.
    pub open_at_end: u64,
    /// The complaints received, by type, channel, product model and office (code; `""` is
    /// this office), each with its count, largest first.
    pub by_type: Vec<(String, u64)>,
    pub by_channel: Vec<(String, u64)>,
    pub by_model: Vec<(String, u64)>,
    pub by_office: Vec<(String, u64)>,
    pub cards_issued: u64,
    /// Units received for repair (a batch counts its units).
    pub repair_units: u64,
}

/// One rule, over the cases whose deadline for it fell in the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleTimeliness {
    pub rule: Rule,
    pub judged: u64,
    pub kept: u64,
}

/// A rule a case did not keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LateCase {
    pub complaint_id: i64,
    pub complaint_no: String,
    pub origin: String,
    pub judged: Judged,
}

/// How the period's cases kept the rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeliness {
    /// Per rule, in the order of `Rule`.
    pub rules: Vec<RuleTimeliness>,
    /// Cases with at least one rule due in the period, and those that kept every one of them:
    /// the timely-handling rate is `all_kept / cases`.
    pub cases: u64,
    pub all_kept: u64,
    /// Every rule not kept, by deadline.
    pub late: Vec<LateCase>,
}

/// What the period's service cost, and who paid (confirmations completed in the period).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Money {
    /// Per service category (its code), the four costs together, in fen.
    pub by_category: Vec<(String, i64)>,
    /// Per payer (its code), every cost they bore, in fen.
    pub by_payer: Vec<(String, i64)>,
    /// Exchanges and refunds under the three guarantees, and the depreciation charged for
    /// them, in fen.
    pub exchanges: u64,
    pub refunds: u64,
    pub depreciation: i64,
}

/// One part replaced in the period on one product model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartsLine {
    pub part: String,
    pub model: String,
    pub quantity: i64,
    /// Quantity × unit cost, in fen.
    pub cost: i64,
    /// How many of them had the old part returned to the factory.
    pub returned: i64,
}

/// What customers said: the period's return visits and the ratings on its confirmations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Satisfaction {
    pub visits: u64,
    pub satisfied: u64,
    pub dissatisfied: u64,
    /// The cases a dissatisfied visit reopened, by number.
    pub reopened: Vec<(i64, String)>,
    /// Confirmations completed in the period, and per aspect (attitude, skill, arrival time,
    /// follow-through) the average rating in hundredths, 4.00 very satisfied to 1.00
    /// dissatisfied; `None` with no confirmation.
    pub rated: u64,
    pub ratings: [Option<u32>; 4],
    /// The same per technician named on the confirmations (for each one's monthly
    /// appraisal): the most confirmations first, then by name; the confirmations that name no
    /// one (saved before the form asked) last, under "".
    pub by_technician: Vec<TechnicianRatings>,
}

/// One technician's confirmations of the period and how the customers rated them; a
/// confirmation naming two technicians counts for each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TechnicianRatings {
    pub name: String,
    pub confirmations: u64,
    /// Per aspect, in hundredths, as [`Satisfaction::ratings`].
    pub ratings: [Option<u32>; 4],
    /// The four aspects together.
    pub overall: Option<u32>,
}

/// What the quality department and the general manager are sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QualityFeedback {
    /// Product models with at least the threshold of complaints received in the period.
    pub models: Vec<(String, u64)>,
    /// Causes of failure (as the investigations wrote them) found at least the threshold of
    /// times in reports on complaints received in the period.
    pub causes: Vec<(String, u64)>,
    /// Major cases received in the period: a media-exposure risk or a product-quality problem.
    pub major: Vec<MajorCase>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MajorCase {
    pub complaint_id: i64,
    pub complaint_no: String,
    pub origin: String,
    pub product_model: String,
    /// The complaint's media risk (its code), `none` when only the product is at fault.
    pub media_risk: String,
    pub quality_problem: bool,
}

impl Store {
    /// The period's volumes for `scope`.
    pub fn volumes(&self, period: impl Into<Span>, scope: &Scope) -> Result<Volumes> {
        let (from, to) = bounds(period);
        let (only, scoped) = scope.condition("c");
        let count = |sql: &str, extra: &[String]| -> Result<u64> {
            let params: Vec<String> = [from.clone(), to.clone()]
                .into_iter()
                .chain(extra.iter().cloned())
                .collect();
            let n: i64 = self
                .conn
                .query_row(sql, params_from_iter(params), |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        let received_sql = format!(
            "SELECT count(*) FROM complaints c WHERE {}",
            received(&only)
        );
        let step_in_period = |step: &str| {
            format!(
                "SELECT count(*) FROM complaints c WHERE {}",
                stepped(step, &only)
            )
        };
        let open_sql = format!(
            "SELECT count(*) FROM complaints c WHERE {}",
            open_at_end(&only)
        );
        let divided = |column: &str| -> Result<Vec<(String, u64)>> {
            let params: Vec<String> = [from.clone(), to.clone()]
                .into_iter()
                .chain(scoped.iter().cloned())
                .collect();
            self.counted(
                &format!(
                    "SELECT c.{column}, count(*) FROM complaints c WHERE {}
                     GROUP BY c.{column} ORDER BY count(*) DESC, c.{column}",
                    received(&only)
                ),
                &params,
            )
        };
        let (cards_only, cards_scoped) = scope.condition("w");
        let (repairs_only, repairs_scoped) = scope.condition("r");
        Ok(Volumes {
            received: count(&received_sql, &scoped)?,
            resolved: count(&step_in_period("resolved"), &scoped)?,
            closed: count(&step_in_period("closed"), &scoped)?,
            open_at_end: count(&open_sql, &scoped)?,
            by_type: divided("complaint_type")?,
            by_channel: divided("channel")?,
            by_model: divided("product_model")?,
            by_office: divided("origin")?,
            cards_issued: count(
                &format!(
                    "SELECT count(*) FROM warranty_cards w WHERE w.voided_at IS NULL
                     AND w.issue_date >= substr(?1, 1, 10) AND w.issue_date < substr(?2, 1, 10) {cards_only}"
                ),
                &cards_scoped,
            )?,
            repair_units: count(
                &format!(
                    "SELECT coalesce(sum(r.units), 0) FROM repairs r
                     WHERE r.received_at >= ?1 AND r.received_at < ?2 {repairs_only}"
                ),
                &repairs_scoped,
            )?,
        })
    }

    /// Complaints received in each of the `months` months ending with `last`, oldest first,
    /// every month listed (a month without complaints counts 0).
    pub fn received_per_month(
        &self,
        last: Period,
        months: usize,
        scope: &Scope,
    ) -> Result<Vec<(Period, u64)>> {
        let mut series: Vec<(Period, u64)> =
            std::iter::successors(Some(last), |m| Some(m.previous()))
                .take(months)
                .map(|m| (m, 0))
                .collect();
        series.reverse();
        let Some(&(first, _)) = series.first() else {
            return Ok(series);
        };
        let (from, _) = bounds(first);
        let (_, to) = bounds(last);
        let (only, scoped) = scope.condition("c");
        let mut statement = self.conn.prepare(&format!(
            "SELECT substr(c.received_at, 1, 7), count(*) FROM complaints c
             WHERE c.voided_at IS NULL AND c.received_at >= ? AND c.received_at < ? {only}
             GROUP BY 1"
        ))?;
        let params: Vec<String> = [from, to].into_iter().chain(scoped).collect();
        let rows = statement.query_map(params_from_iter(params), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (month, n) = row?;
            if let Some(entry) = series
                .iter_mut()
                .find(|(m, _)| Period::parse(&month) == Some(*m))
            {
                entry.1 = u64::try_from(n).unwrap_or(0);
            }
        }
        Ok(series)
    }

    /// How the cases of `scope` kept the rules whose deadlines fell in the period, judged at
    /// `now` (a step not done by now is late once its deadline has passed).
    pub fn timeliness(
        &self,
        period: impl Into<Span>,
        scope: &Scope,
        limits: Limits,
        region: &Region,
        now: NaiveDateTime,
    ) -> Result<Timeliness> {
        let (from, to) = bounds(period);
        let from = NaiveDateTime::parse_from_str(&from, TIMESTAMP).expect("written above");
        let to = NaiveDateTime::parse_from_str(&to, TIMESTAMP).expect("written above");
        let (only, scoped) = scope.condition("c");
        // One ordered pass over the steps of every case that can have a deadline in the
        // period: one whose clock started (received, reopened or resolved) less than the
        // longest wait before the period's end. Not every case received before it: a year's
        // archive would be read for each month.
        let clocks_from = from - crate::domain::report::longest_wait(limits);
        let sql = format!(
            "SELECT c.id, c.complaint_no, c.origin, c.receiving_unit, coalesce(u.province, ''), s.step, s.at
             FROM complaints c
             LEFT JOIN customers u ON u.id = c.customer_id
             JOIN case_steps s ON s.complaint_id = c.id
             WHERE c.voided_at IS NULL AND c.received_at < ?1
               AND c.id IN (
                 SELECT id FROM complaints WHERE received_at >= ?2 AND received_at < ?1
                 UNION
                 SELECT complaint_id FROM live_case_steps
                 WHERE step IN ('reopened', 'resolved') AND at >= ?2 AND at < ?1)
               {only}
             ORDER BY c.id, s.id"
        );
        let params: Vec<String> = [
            to.format(TIMESTAMP).to_string(),
            clocks_from.format(TIMESTAMP).to_string(),
        ]
        .into_iter()
        .chain(scoped)
        .collect();
        let mut per_rule: BTreeMap<Rule, (u64, u64)> = BTreeMap::new();
        let mut timeliness = Timeliness::default();
        walk_cases(&self.conn, &sql, &params, |case, timeline| {
            let distance = distance(
                &case.province,
                &region.home_province,
                &region.remote_provinces,
            );
            let in_period: Vec<Judged> = judged(timeline, limits, distance, case.by_dealer, now)
                .into_iter()
                .filter(|j| j.due >= from && j.due < to)
                .collect();
            if !in_period.is_empty() {
                timeliness.cases += 1;
                if in_period.iter().all(Judged::kept) {
                    timeliness.all_kept += 1;
                }
            }
            for j in in_period {
                let entry = per_rule.entry(j.rule).or_default();
                entry.0 += 1;
                if j.kept() {
                    entry.1 += 1;
                } else {
                    timeliness.late.push(LateCase {
                        complaint_id: case.id,
                        complaint_no: case.number.clone(),
                        origin: case.text.clone(),
                        judged: j,
                    });
                }
            }
        })?;
        timeliness.rules = per_rule
            .into_iter()
            .map(|(rule, (judged, kept))| RuleTimeliness { rule, judged, kept })
            .collect();
        timeliness
            .late
            .sort_by_key(|l| (l.judged.due, l.complaint_id));
        Ok(timeliness)
    }
}

impl Store {
    /// The rows of `sql` (a text and a count each), the counts as they are.
    fn counted(&self, sql: &str, params: &[String]) -> Result<Vec<(String, u64)>> {
        let mut statement = self.conn.prepare(sql)?;
        let rows = statement.query_map(params_from_iter(params), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        rows.map(|r| Ok(r.map(|(k, n)| (k, u64::try_from(n).unwrap_or(0)))?))
            .collect()
    }

    /// What the confirmations completed in the period cost, by category and by payer, and
    /// the three guarantees' exchanges and refunds with the depreciation charged at `rates`.
    pub fn money(
        &self,
        period: impl Into<Span>,
        scope: &Scope,
        rates: DepreciationRates,
    ) -> Result<Money> {
        let (from, to) = bounds(period);
        let (only, scoped) = scope.condition("c");
        let mut statement = self.conn.prepare(&format!(
            "SELECT f.service_category,
                    f.labour_fen, f.labour_borne_by, f.parts_fen, f.parts_borne_by,
                    f.travel_fen, f.travel_borne_by, f.transport_fen, f.transport_borne_by,
                    f.packaging_fen, f.packaging_borne_by,
                    f.remedy, f.price_fen, f.sale_date, f.counterfeit_or_unmarked, f.completed_at
             {}
             ORDER BY f.id",
            completed(&only)
        ))?;
        let params: Vec<String> = [from, to].into_iter().chain(scoped).collect();
        let mut rows = statement.query(params_from_iter(params))?;
        let mut by_category: BTreeMap<String, i64> = BTreeMap::new();
        let mut by_payer: BTreeMap<String, i64> = BTreeMap::new();
        let mut money = Money::default();
        while let Some(row) = rows.next()? {
            let category: String = row.get(0)?;
            for cost in 0..COST_KINDS {
                let amount: i64 = row.get(1 + 2 * cost)?;
                let payer: String = row.get(2 + 2 * cost)?;
                *by_category.entry(category.clone()).or_default() += amount;
                *by_payer.entry(payer).or_default() += amount;
            }
            let remedy: Option<String> = row.get(11)?;
            let remedy = match remedy.as_deref() {
                Some("exchange") => Remedy::Exchange,
                Some("refund") => Remedy::Refund,
                _ => continue,
            };
            match remedy {
                Remedy::Exchange => money.exchanges += 1,
                Remedy::Refund => money.refunds += 1,
            }
            let price: Option<i64> = row.get(12)?;
            let sale: Option<String> = row.get(13)?;
            let sale = sale.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
            if let (Some(price), Some(sale)) = (price, sale) {
                let counterfeit: i64 = row.get(14)?;
                let completed = timestamp_column(row, 15)?;
                let settled = settle(
                    remedy,
                    Fen(price),
                    sale,
                    completed.date(),
                    rates,
                    counterfeit != 0,
                );
                money.depreciation += settled.charge.0;
            }
        }
        let largest_first = |map: BTreeMap<String, i64>| {
            let mut list: Vec<(String, i64)> = map.into_iter().collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            list
        };
        money.by_category = largest_first(by_category);
        money.by_payer = largest_first(by_payer);
        Ok(money)
    }

    /// The parts replaced by confirmations completed in the period, by part and product
    /// model, largest cost first.
    pub fn parts_claims(&self, period: impl Into<Span>, scope: &Scope) -> Result<Vec<PartsLine>> {
        let (from, to) = bounds(period);
        let (only, scoped) = scope.condition("c");
        let mut statement = self.conn.prepare(&format!(
            "SELECT p.name, c.product_model, sum(p.quantity), sum(p.quantity * p.unit_cost_fen),
                    sum(CASE WHEN p.old_part_returned THEN p.quantity ELSE 0 END)
             {} AND f.id = p.confirmation_id
             GROUP BY p.name, c.product_model
             ORDER BY 4 DESC, p.name, c.product_model",
            completed(&only).replacen(
                "FROM confirmations f",
                "FROM confirmation_parts p, confirmations f",
                1
            )
        ))?;
        let params: Vec<String> = [from, to].into_iter().chain(scoped).collect();
        let lines = statement.query_map(params_from_iter(params), |r| {
            Ok(PartsLine {
                part: r.get(0)?,
                model: r.get(1)?,
                quantity: r.get(2)?,
                cost: r.get(3)?,
                returned: r.get(4)?,
            })
        })?;
        Ok(lines.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// The period's return visits (by when they were made) and the ratings of its
    /// confirmations (by when they were completed).
    pub fn satisfaction(&self, period: impl Into<Span>, scope: &Scope) -> Result<Satisfaction> {
        let (from, to) = bounds(period);
        let (only, scoped) = scope.condition("c");
        let params: Vec<String> = [from, to].into_iter().chain(scoped).collect();
        let mut satisfaction = Satisfaction::default();
        let mut visits = self.conn.prepare(&format!(
            "SELECT v.outcome, c.id, c.complaint_no FROM return_visits v JOIN complaints c ON c.id = v.complaint_id
             WHERE c.voided_at IS NULL AND v.visited_at >= ? AND v.visited_at < ? {only}
             ORDER BY v.visited_at, v.id"
        ))?;
        let mut rows = visits.query(params_from_iter(&params))?;
        while let Some(row) = rows.next()? {
            satisfaction.visits += 1;
            let outcome: String = row.get(0)?;
            if outcome == "dissatisfied" {
                satisfaction.dissatisfied += 1;
                satisfaction.reopened.push((row.get(1)?, row.get(2)?));
            } else {
                satisfaction.satisfied += 1;
            }
        }
        let mut ratings = self.conn.prepare(&format!(
            "SELECT f.rating_attitude, f.rating_skill, f.rating_arrival_time, f.rating_follow_through,
                    f.technicians
             {}",
            completed(&only)
        ))?;
        let mut rows = ratings.query(params_from_iter(&params))?;
        let mut everyone = Scores::default();
        let mut per_technician: BTreeMap<String, Scores> = BTreeMap::new();
        while let Some(row) = rows.next()? {
            satisfaction.rated += 1;
            let mut scores = [None; 4];
            for (aspect, score) in scores.iter_mut().enumerate() {
                let code: String = row.get(aspect)?;
                *score = Rating::from_code(&code).map(rating_score);
            }
            everyone.add(scores);
            let named: String = row.get(4)?;
            let mut names = technician_names(&named);
            if names.is_empty() {
                names.push(String::new());
            }
            for name in names {
                per_technician.entry(name).or_default().add(scores);
            }
        }
        satisfaction.ratings = everyone.averages();
        let mut by_technician: Vec<TechnicianRatings> = per_technician
            .into_iter()
            .map(|(name, scores)| TechnicianRatings {
                name,
                confirmations: scores.confirmations,
                ratings: scores.averages(),
                overall: scores.overall(),
            })
            .collect();
        by_technician.sort_by(|a, b| {
            (
                a.name.is_empty(),
                std::cmp::Reverse(a.confirmations),
                &a.name,
            )
                .cmp(&(
                    b.name.is_empty(),
                    std::cmp::Reverse(b.confirmations),
                    &b.name,
                ))
        });
        satisfaction.by_technician = by_technician;
        Ok(satisfaction)
    }

    /// Models and causes seen `threshold` times or more among the period's complaints, and its
    /// major cases.
    pub fn quality_feedback(
        &self,
        period: impl Into<Span>,
        scope: &Scope,
        threshold: u64,
    ) -> Result<QualityFeedback> {
        let (from, to) = bounds(period);
        let (only, scoped) = scope.condition("c");
        let mut params: Vec<String> = [from, to].into_iter().chain(scoped).collect();
        let at_least = i64::try_from(threshold).unwrap_or(i64::MAX);
        let received = received(&only);
        params.push(at_least.to_string());
        let last = params.len();
        let models = self.counted(
            &format!(
                "SELECT c.product_model, count(*) FROM complaints c WHERE {received}
                 GROUP BY c.product_model HAVING count(*) >= CAST(?{last} AS INTEGER)
                 ORDER BY count(*) DESC, c.product_model"
            ),
            &params,
        )?;
        let causes = self.counted(
            &format!(
                "SELECT trim(i.cause), count(*) FROM investigations i JOIN complaints c ON c.id = i.complaint_id
                 WHERE {received} AND trim(i.cause) != ''
                 GROUP BY trim(i.cause) HAVING count(*) >= CAST(?{last} AS INTEGER)
                 ORDER BY count(*) DESC, trim(i.cause)"
            ),
            &params,
        )?;
        params.pop();
        let mut statement = self.conn.prepare(&format!(
            "SELECT c.id, c.complaint_no, c.origin, c.product_model, c.media_risk,
                    coalesce(i.quality_problem, 0)
             FROM complaints c LEFT JOIN investigations i ON i.complaint_id = c.id
             WHERE {received} AND (c.media_risk != 'none' OR i.quality_problem = 1)
             ORDER BY c.received_at, c.id"
        ))?;
        let major = statement
            .query_map(params_from_iter(&params), |r| {
                Ok(MajorCase {
                    complaint_id: r.get(0)?,
                    complaint_no: r.get(1)?,
                    origin: r.get(2)?,
                    product_model: r.get(3)?,
                    media_risk: r.get(4)?,
                    quality_problem: r.get::<_, i64>(5)? != 0,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(QualityFeedback {
            models,
            causes,
            major,
        })
    }
}

/// A row of the report, whose cases can be listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Behind {
    Received,
    Resolved,
    Closed,
    OpenAtEnd,
    /// Received in the period, of this complaint type, channel, product model or office (codes
    /// and text as stored).
    Type(String),
    Channel(String),
    Model(String),
    Office(String),
    /// Completed in the period, of this service category, or with a cost borne by this payer.
    Category(String),
    Payer(String),
    /// Completed in the period with this part replaced on this model.
    Part {
        part: String,
        model: String,
    },
    /// Completed in the period by this technician ("": naming no one).
    Technician(String),
    /// Received in the period, with this cause of failure found.
    Cause(String),
}

impl Store {
    /// The ids of the cases behind a row of the period's report, oldest first: what the row
    /// counts, selected by the same conditions.
    pub fn cases_behind(
        &self,
        period: impl Into<Span>,
        scope: &Scope,
        behind: &Behind,
    ) -> Result<Vec<i64>> {
        let (from, to) = bounds(period);
        let (only, scoped) = scope.condition("c");
        let mut params: Vec<String> = [from, to].into_iter().chain(scoped).collect();
        let mut with = |value: &str| {
            params.push(value.to_owned());
            format!("?{}", params.len())
        };
        let received_and = |condition: String| {
            format!(
                "SELECT c.id FROM complaints c WHERE {} AND {condition}",
                received(&only)
            )
        };
        let sql = match behind {
            Behind::Received => format!("SELECT c.id FROM complaints c WHERE {}", received(&only)),
            Behind::Resolved => {
                format!(
                    "SELECT c.id FROM complaints c WHERE {}",
                    stepped("resolved", &only)
                )
            }
            Behind::Closed => {
                format!(
                    "SELECT c.id FROM complaints c WHERE {}",
                    stepped("closed", &only)
                )
            }
            Behind::OpenAtEnd => {
                format!("SELECT c.id FROM complaints c WHERE {}", open_at_end(&only))
            }
            Behind::Type(code) => received_and(format!("c.complaint_type = {}", with(code))),
            Behind::Channel(code) => received_and(format!("c.channel = {}", with(code))),
            Behind::Model(model) => received_and(format!("c.product_model = {}", with(model))),
            Behind::Office(code) => received_and(format!("c.origin = {}", with(code))),
            Behind::Cause(cause) => received_and(format!(
                "c.id IN (SELECT i.complaint_id FROM investigations i WHERE trim(i.cause) = {})",
                with(cause)
            )),
            Behind::Category(code) => format!(
                "SELECT DISTINCT c.id {} AND f.service_category = {}",
                completed(&only),
                with(code)
            ),
            Behind::Payer(code) => {
                let payer = with(code);
                format!(
                    "SELECT DISTINCT c.id {} AND {payer} IN (f.labour_borne_by, f.parts_borne_by,
                     f.travel_borne_by, f.transport_borne_by)",
                    completed(&only)
                )
            }
            Behind::Technician(name) if name.is_empty() => format!(
                "SELECT DISTINCT c.id {} AND f.technicians = ''",
                completed(&only)
            ),
            Behind::Technician(name) => {
                // Names never hold the separator, so one between two separators is a whole
                // name.
                let name = with(&format!(
                    "{TECHNICIAN_SEPARATOR}{name}{TECHNICIAN_SEPARATOR}"
                ));
                format!(
                    "SELECT DISTINCT c.id {} AND instr('{TECHNICIAN_SEPARATOR}' || f.technicians || '{TECHNICIAN_SEPARATOR}', {name}) > 0",
                    completed(&only)
                )
            }
            Behind::Part { part, model } => {
                let (part, model) = (with(part), with(model));
                format!(
                    "SELECT DISTINCT c.id {} AND c.product_model = {model} AND EXISTS
                     (SELECT 1 FROM confirmation_parts p WHERE p.confirmation_id = f.id AND p.name = {part})",
                    completed(&only)
                )
            }
        };
        let mut statement = self.conn.prepare(&format!("{sql} ORDER BY c.id"))?;
        let ids = statement.query_map(params_from_iter(&params), |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }
}

/// Ratings added up, per aspect, to be averaged.
#[derive(Default)]
struct Scores {
    confirmations: u64,
    sums: [u32; 4],
    counts: [u32; 4],
}

impl Scores {
    fn add(&mut self, scores: [Option<u32>; 4]) {
        self.confirmations += 1;
        for (aspect, score) in scores.into_iter().enumerate() {
            if let Some(score) = score {
                self.sums[aspect] += score;
                self.counts[aspect] += 1;
            }
        }
    }

    /// Each aspect's average in hundredths, rounded half up; `None` for an aspect never rated.
    fn averages(&self) -> [Option<u32>; 4] {
        std::array::from_fn(|aspect| average(self.sums[aspect], self.counts[aspect]))
    }

    fn overall(&self) -> Option<u32> {
        average(self.sums.iter().sum(), self.counts.iter().sum())
    }
}

/// `sum / count` in hundredths, rounded half up.
fn average(sum: u32, count: u32) -> Option<u32> {
    (count > 0).then(|| (sum * 100 + count / 2) / count)
}

/// A rating as a score: very satisfied 4, satisfied 3, fair 2, dissatisfied 1.
pub fn rating_score(rating: Rating) -> u32 {
    match rating {
        Rating::VerySatisfied => 4,
        Rating::Satisfied => 3,
        Rating::Fair => 2,
        Rating::Dissatisfied => 1,
    }
}

/// Complaints received in the period (`?1` to `?2`), not voided, of the scope.
fn received(only: &str) -> String {
    format!("c.voided_at IS NULL AND c.received_at >= ?1 AND c.received_at < ?2 {only}")
}

/// Complaints with `step` recorded in the period (once however many times it was).
fn stepped(step: &str, only: &str) -> String {
    // The scope's parameters are numbered after ?1 and ?2: its condition comes after them.
    // The period's steps are found first (one pass over the steps, not a look-up for every
    // complaint ever received), then their cases.
    format!(
        "c.voided_at IS NULL AND c.id IN (SELECT s.complaint_id FROM live_case_steps s
         WHERE s.step = '{step}' AND s.at >= ?1 AND s.at < ?2) {only}"
    )
}

/// Open at the period's end: received before it, and its last step before it not a closing.
fn open_at_end(only: &str) -> String {
    format!(
        "c.voided_at IS NULL AND c.received_at < ?2 {only}
         AND coalesce((SELECT s.step FROM live_case_steps s WHERE s.complaint_id = c.id AND s.at < ?2
                       ORDER BY s.at DESC, s.id DESC LIMIT 1), '') != 'closed'"
    )
}

/// Confirmations `f` completed in the period, of cases `c` not voided, of the scope.
fn completed(only: &str) -> String {
    format!(
        "FROM confirmations f JOIN complaints c ON c.id = f.complaint_id
         WHERE c.voided_at IS NULL AND f.completed_at >= ?1 AND f.completed_at < ?2 {only}"
    )
}

/// The first moment of the period and of the next, as stored.
fn bounds(period: impl Into<Span>) -> (String, String) {
    let period = period.into();
    let at = |day: chrono::NaiveDate| day.and_time(NaiveTime::MIN).format(TIMESTAMP).to_string();
    (at(period.first_day()), at(period.end_day()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case_life::{Distance, Step};
    use crate::domain::complaint::ComplaintType;
    use crate::domain::return_visit::{Outcome, ReturnVisit};
    use crate::store::complaint::tests::sample_complaint;
    use chrono::NaiveDate;

    fn at(month: u32, day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, month, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    /// Four complaints, worked out by hand below:
    /// A received 5 Oct 09:00, answered 5 Oct 10:00, visited 5 Oct 15:00, resolved 6 Oct,
    ///   return visit 8 Oct, closed 8 Oct: every rule kept.
    /// B received 20 Oct 09:00, answered 22 Oct 09:00 (24 h late), never visited.
    /// C received 31 Oct 20:00 (installation quality), answered 1 Nov 08:00: its deadlines
    ///   are all in November.
    /// D received 10 Sep, resolved 30 Sep 12:00, return visit 4 Oct 09:00 (due 3 Oct 12:00).
    fn four_cases() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let mut add =
            |received: NaiveDateTime, kind: ComplaintType, steps: &[(Step, NaiveDateTime)]| {
                let mut complaint = sample_complaint();
                complaint.received_at = received;
                complaint.complaint_type = kind;
                let id = store
                    .insert_complaint(&complaint, "CC", received)
                    .unwrap()
                    .id;
                for (step, when) in steps {
                    if *step == Step::ReturnVisitDone {
                        let visit = ReturnVisit {
                            visited_at: *when,
                            caller: "李娜".into(),
                            outcome: Outcome::Satisfied,
                            notes: String::new(),
                        };
                        store.record_return_visit(id, &visit, *when).unwrap();
                    } else {
                        store.record_step(id, *step, *when, "", *when).unwrap();
                    }
                }
            };
        add(
            at(10, 5, 9),
            ComplaintType::ProductQuality,
            &[
                (Step::Responded, at(10, 5, 10)),
                (Step::OnSite, at(10, 5, 15)),
                (Step::TreatmentDecided, at(10, 5, 16)),
                (Step::Resolved, at(10, 6, 9)),
                (Step::ReturnVisitDone, at(10, 8, 9)),
                (Step::Closed, at(10, 8, 10)),
            ],
        );
        add(
            at(10, 20, 9),
            ComplaintType::ProductQuality,
            &[(Step::Responded, at(10, 22, 9))],
        );
        add(
            at(10, 31, 20),
            ComplaintType::InstallationQuality,
            &[(Step::Responded, at(11, 1, 8))],
        );
        add(
            at(9, 10, 9),
            ComplaintType::ProductQuality,
            &[
                (Step::Responded, at(9, 10, 10)),
                (Step::OnSite, at(9, 10, 15)),
                (Step::TreatmentDecided, at(9, 10, 16)),
                (Step::Resolved, at(9, 30, 12)),
                (Step::ReturnVisitDone, at(10, 4, 9)),
            ],
        );
        store
    }

    #[test]
    fn the_cases_behind_each_row_of_the_report_are_as_many_as_the_row_counts() {
        let mut store = Store::open_in_memory().unwrap();
        let now = at(12, 1, 9);
        crate::demo::fill(&mut store, 2_000, 7, now).unwrap();
        let month = Period::parse("2026-11").unwrap();
        let volumes = store.volumes(month, &Scope::All).unwrap();
        assert!(volumes.received > 20, "the demo fills November");
        let behind =
            |row: Behind| store.cases_behind(month, &Scope::All, &row).unwrap().len() as u64;
        assert_eq!(behind(Behind::Received), volumes.received);
        assert_eq!(behind(Behind::Resolved), volumes.resolved);
        assert_eq!(behind(Behind::Closed), volumes.closed);
        assert_eq!(behind(Behind::OpenAtEnd), volumes.open_at_end);
        for (rows, row) in [
            (&volumes.by_type, Behind::Type as fn(String) -> Behind),
            (&volumes.by_channel, Behind::Channel),
            (&volumes.by_model, Behind::Model),
            (&volumes.by_office, Behind::Office),
        ] {
            for (key, n) in rows {
                assert_eq!(behind(row(key.clone())), *n, "{key}");
            }
        }
        // Every money and parts row has cases behind it, and no more than the month's
        // confirmations.
        let completed = store.satisfaction(month, &Scope::All).unwrap().rated;
        let money = store.money(month, &Scope::All, Default::default()).unwrap();
        assert!(!money.by_payer.is_empty());
        for (payer, _) in &money.by_payer {
            let n = behind(Behind::Payer(payer.clone()));
            assert!(n > 0 && n <= completed, "{payer}: {n}");
        }
        let categories: u64 = money
            .by_category
            .iter()
            .map(|(c, _)| behind(Behind::Category(c.clone())))
            .sum();
        assert_eq!(categories, completed, "each confirmation has one category");
        for line in store.parts_claims(month, &Scope::All).unwrap() {
            let n = behind(Behind::Part {
                part: line.part.clone(),
                model: line.model.clone(),
            });
            assert!(n > 0 && n as i64 <= line.quantity, "{line:?}");
        }
        let quality = store.quality_feedback(month, &Scope::All, 2).unwrap();
        assert!(!quality.causes.is_empty(), "the demo repeats causes");
        for (cause, n) in &quality.causes {
            assert_eq!(behind(Behind::Cause(cause.clone())), *n, "{cause}");
        }
        // Every record here is this office's: the report of this office is the whole one,
        // figure for figure (the scope's parameters must not take the period's places).
        let settings = crate::domain::settings::Settings::default();
        let own = crate::report::MonthlyReport::gather(
            &store,
            month.into(),
            Scope::Office(String::new()),
            &settings,
            now,
        )
        .unwrap();
        let all =
            crate::report::MonthlyReport::gather(&store, month.into(), Scope::All, &settings, now)
                .unwrap();
        assert_eq!(
            (own.this, own.previous, own.trend),
            (all.this, all.previous, all.trend)
        );
        for row in [
            Behind::Resolved,
            Behind::Closed,
            Behind::OpenAtEnd,
            Behind::Received,
        ] {
            assert_eq!(
                store
                    .cases_behind(month, &Scope::Office(String::new()), &row)
                    .unwrap(),
                store.cases_behind(month, &Scope::All, &row).unwrap(),
                "{row:?}"
            );
        }
        // Another office's rows are not this office's.
        assert!(
            store
                .cases_behind(month, &Scope::Office("D-none".into()), &Behind::Received)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn complaints_per_month_lists_every_month_of_the_twelve_even_without_complaints() {
        let mut store = Store::open_in_memory().unwrap();
        // Two in October, one in August 2026, one in October 2025 (the 13th month back: not
        // in the twelve), one voided in October.
        for received in [at(10, 5, 9), at(10, 20, 9), at(8, 1, 9)] {
            let mut c = sample_complaint();
            c.received_at = received;
            store.insert_complaint(&c, "CC", received).unwrap();
        }
        let mut old = sample_complaint();
        old.received_at = NaiveDate::from_ymd_opt(2025, 10, 31)
            .unwrap()
            .and_hms_opt(23, 0, 0)
            .unwrap();
        store.insert_complaint(&old, "CC", old.received_at).unwrap();
        let mut voided = sample_complaint();
        voided.received_at = at(10, 7, 9);
        let id = store
            .insert_complaint(&voided, "CC", voided.received_at)
            .unwrap()
            .id;
        store
            .void(
                crate::store::audit::AuditedTable::Complaints,
                id,
                "entered twice",
                at(10, 7, 10),
            )
            .unwrap();
        let series = store
            .received_per_month(Period::parse("2026-10").unwrap(), 12, &Scope::All)
            .unwrap();
        assert_eq!(series.len(), 12);
        assert_eq!(series[0].0.to_string(), "2025-11");
        assert_eq!(series[11], (Period::parse("2026-10").unwrap(), 2));
        assert_eq!(series[9], (Period::parse("2026-08").unwrap(), 1));
        assert_eq!(series.iter().map(|(_, n)| n).sum::<u64>(), 3);
    }

    #[test]
    fn the_months_volumes_count_each_case_where_it_happened() {
        let store = four_cases();
        let october = Period::parse("2026-10").unwrap();
        let volumes = store.volumes(october, &Scope::All).unwrap();
        // A, B and C were received in October; only A was resolved and closed in it; at its
        // end B, C and D (D's return visit done, never closed) are open.
        assert_eq!(volumes.received, 3);
        assert_eq!(volumes.resolved, 1);
        assert_eq!(volumes.closed, 1);
        assert_eq!(volumes.open_at_end, 3);
        assert_eq!(
            volumes.by_type,
            [
                ("product_quality".to_owned(), 2),
                ("installation_quality".to_owned(), 1)
            ]
        );
        assert_eq!(volumes.by_office, [(String::new(), 3)]);
        // September: D received and resolved; open at its end.
        let september = store
            .volumes(Period::parse("2026-09").unwrap(), &Scope::All)
            .unwrap();
        assert_eq!(
            (
                september.received,
                september.resolved,
                september.open_at_end
            ),
            (1, 1, 1)
        );
        // Another office's month has nothing: an empty report, not an error.
        let nobody = store
            .volumes(october, &Scope::Office("JX-D01".into()))
            .unwrap();
        assert_eq!(nobody, Volumes::default());
    }

    #[test]
    fn the_months_timeliness_judges_each_rule_in_the_month_of_its_deadline() {
        let store = four_cases();
        let october = Period::parse("2026-10").unwrap();
        let now = at(12, 1, 9);
        let report = store
            .timeliness(
                october,
                &Scope::All,
                Limits::default(),
                &Region::default(),
                now,
            )
            .unwrap();
        // Respond: A kept, B late (C's answer was due in November). On site (an unknown
        // province is another province, 48 h): A kept, B late (never visited, due 22 Oct).
        // Return visit: A kept (due 9 Oct), D late (due 3 Oct 12:00, done 4 Oct 09:00).
        // Resolve in 3 working days: A kept (Monday 5 Oct, resolved the 6th), B late (Tuesday
        // 20 Oct: due Friday 23 Oct, never resolved); C's is due on 4 Nov, D's in September.
        let rule = |rule| {
            report
                .rules
                .iter()
                .find(|r| r.rule == rule)
                .map(|r| (r.judged, r.kept))
        };
        assert_eq!(rule(Rule::Respond), Some((2, 1)));
        assert_eq!(rule(Rule::OnSite(Distance::OtherProvince)), Some((2, 1)));
        assert_eq!(rule(Rule::ReturnVisit), Some((2, 1)));
        assert_eq!(rule(Rule::Resolve), Some((2, 1)));
        assert_eq!(
            rule(Rule::EscalateToHq),
            None,
            "headquarters received them all"
        );
        // A kept all; B and D did not: 1 of 3 cases handled in time.
        assert_eq!((report.cases, report.all_kept), (3, 1));
        let late: Vec<(Rule, Option<NaiveDateTime>)> = report
            .late
            .iter()
            .map(|l| (l.judged.rule, l.judged.done))
            .collect();
        assert_eq!(
            late,
            [
                (Rule::ReturnVisit, Some(at(10, 4, 9))),
                (Rule::Respond, Some(at(10, 22, 9))),
                (Rule::OnSite(Distance::OtherProvince), None),
                (Rule::Resolve, None),
            ]
        );
        // November holds C's answer (due 1 Nov 20:00, kept at 08:00) and C's visit, late.
        let november = store
            .timeliness(
                Period::parse("2026-11").unwrap(),
                &Scope::All,
                Limits::default(),
                &Region::default(),
                now,
            )
            .unwrap();
        assert_eq!(
            november
                .rules
                .iter()
                .map(|r| (r.rule, r.judged, r.kept))
                .collect::<Vec<_>>(),
            [
                (Rule::Respond, 1, 1),
                (Rule::OnSite(Distance::OtherProvince), 1, 0),
                // Received on Saturday 31 Oct 20:00: due Wednesday 4 Nov 20:00, not resolved.
                (Rule::Resolve, 1, 0),
            ]
        );
    }

    #[test]
    fn a_case_received_months_ago_and_reopened_in_the_month_is_judged_in_the_month() {
        // Received and resolved in March; the customer, called back in November, is not
        // satisfied: the case is reopened on Monday 16 November 09:00, and its new clocks
        // (on site within 48 h, resolved within 3 working days) fall in November, though the
        // case was received eight months before.
        let mut store = Store::open_in_memory().unwrap();
        let mut complaint = sample_complaint();
        complaint.received_at = at(3, 2, 9);
        let id = store
            .insert_complaint(&complaint, "CC", at(3, 2, 9))
            .unwrap()
            .id;
        for (step, when) in [
            (Step::Responded, at(3, 2, 10)),
            (Step::OnSite, at(3, 2, 15)),
            (Step::TreatmentDecided, at(3, 2, 16)),
            (Step::Resolved, at(3, 3, 9)),
        ] {
            store.record_step(id, step, when, "", when).unwrap();
        }
        let visit = ReturnVisit {
            visited_at: at(11, 16, 9),
            caller: "李娜".into(),
            outcome: Outcome::Dissatisfied,
            notes: "热水器又熄火。".into(),
        };
        store
            .record_return_visit(id, &visit, at(11, 16, 9))
            .unwrap();
        let judge = |month: &str| {
            store
                .timeliness(
                    Period::parse(month).unwrap(),
                    &Scope::All,
                    Limits::default(),
                    &Region::default(),
                    at(12, 1, 9),
                )
                .unwrap()
        };
        let november = judge("2026-11");
        assert_eq!(
            november
                .rules
                .iter()
                .map(|r| (r.rule, r.judged, r.kept))
                .collect::<Vec<_>>(),
            [
                (Rule::OnSite(Distance::OtherProvince), 1, 0),
                (Rule::Resolve, 1, 0),
            ]
        );
        let late: Vec<(Rule, NaiveDateTime)> = november
            .late
            .iter()
            .map(|l| (l.judged.rule, l.judged.due))
            .collect();
        assert_eq!(
            late,
            [
                (Rule::OnSite(Distance::OtherProvince), at(11, 18, 9)),
                (Rule::Resolve, at(11, 19, 9)),
            ]
        );
        assert_eq!((november.cases, november.all_kept), (1, 0));
        // October holds nothing of it; March holds its first life, kept but for the return
        // visit (due 6 March, never made: the November call reopened the case).
        assert_eq!(judge("2026-10").cases, 0);
        let march = judge("2026-03");
        assert_eq!((march.cases, march.all_kept), (1, 0));
        assert_eq!(
            march.late.iter().map(|l| l.judged.rule).collect::<Vec<_>>(),
            [Rule::ReturnVisit]
        );
    }

    #[test]
    fn the_months_money_and_parts_add_up_by_category_payer_part_and_model() {
        use crate::domain::confirmation::ThreeGuarantees;
        use crate::store::complaint::tests::at as november;
        let mut store = Store::open_in_memory().unwrap();
        let first = store
            .insert_complaint(&sample_complaint(), "CC", november(20, 9))
            .unwrap();
        let second = store
            .insert_complaint(&sample_complaint(), "CC", november(20, 10))
            .unwrap();
        // The first: labour 80.00 company, parts 151.00 dealer (2 × 15.50 returned, 1 × 120.00
        // not), travel 30.00 responsible party, transport 0 customer, packaging 50.00 dealer;
        // category C; a refund of
        // 2,000.00 sold 1 March, 266 days before 22 November: 133 % is more than the price, so
        // the whole price is charged.
        let refund = crate::store::confirmation::tests::confirmation();
        store
            .save_confirmation(first.id, &refund, None, november(22, 16))
            .unwrap();
        // The second: the same costs, category A, an exchange of 1,000.00 sold 2 November:
        // 20 days × 0.3 % = 6 % = 60.00.
        let mut exchange = crate::store::confirmation::tests::confirmation();
        exchange.service_category = crate::domain::confirmation::ServiceCategory::Paid;
        exchange.three_guarantees = Some(ThreeGuarantees {
            remedy: Remedy::Exchange,
            price: Fen(100_000),
            sale_date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            counterfeit_or_unmarked: false,
        });
        store
            .save_confirmation(second.id, &exchange, None, november(22, 17))
            .unwrap();
        let month = Period::parse("2026-11").unwrap();
        let money = store
            .money(month, &Scope::All, DepreciationRates::default())
            .unwrap();
        // Each confirmation costs 80 + 151 + 30 + 0 + 50 = 311.00, packaging counted like the
        // others.
        assert_eq!(
            money.by_category,
            [("a_paid".to_owned(), 31_100), ("c_free".to_owned(), 31_100)]
        );
        assert_eq!(
            money.by_payer,
            [
                ("dealer".to_owned(), 40_200),
                ("company".to_owned(), 16_000),
                ("responsible".to_owned(), 6_000),
                ("customer".to_owned(), 0),
            ]
        );
        assert_eq!((money.exchanges, money.refunds), (1, 1));
        assert_eq!(money.depreciation, 200_000 + 6_000);
        let parts = store.parts_claims(month, &Scope::All).unwrap();
        let lines: Vec<(&str, &str, i64, i64, i64)> = parts
            .iter()
            .map(|l| {
                (
                    l.part.as_str(),
                    l.model.as_str(),
                    l.quantity,
                    l.cost,
                    l.returned,
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                ("比例阀", "JSQ20-A1", 2, 24_000, 0),
                ("点火针", "JSQ20-A1", 4, 6_200, 4)
            ]
        );
        // October had none of it.
        let october = Period::parse("2026-10").unwrap();
        assert_eq!(
            store
                .money(october, &Scope::All, DepreciationRates::default())
                .unwrap(),
            Money::default()
        );
        assert!(store.parts_claims(october, &Scope::All).unwrap().is_empty());
    }

    #[test]
    fn the_months_satisfaction_counts_visits_and_averages_each_rating() {
        use crate::store::complaint::tests::at as november;
        let mut store = Store::open_in_memory().unwrap();
        let mut resolved_case = |received: NaiveDateTime| {
            let mut complaint = sample_complaint();
            complaint.received_at = received;
            let id = store
                .insert_complaint(&complaint, "CC", received)
                .unwrap()
                .id;
            for (step, hour) in [
                (Step::Responded, 1),
                (Step::OnSite, 2),
                (Step::TreatmentDecided, 3),
                (Step::Resolved, 4),
            ] {
                let when = received + chrono::Duration::hours(hour);
                store.record_step(id, step, when, "", when).unwrap();
            }
            id
        };
        let happy = resolved_case(november(2, 9));
        let unhappy = resolved_case(november(3, 9));
        let visit = |outcome| ReturnVisit {
            visited_at: november(6, 10),
            caller: "李娜".into(),
            outcome,
            notes: String::new(),
        };
        store
            .record_return_visit(happy, &visit(Outcome::Satisfied), november(6, 10))
            .unwrap();
        store
            .record_return_visit(unhappy, &visit(Outcome::Dissatisfied), november(6, 11))
            .unwrap();
        // Two confirmations: the sample's ratings (4, 3, 2, 1) and all "satisfied" (3).
        let rated = crate::store::confirmation::tests::confirmation();
        store
            .save_confirmation(happy, &rated, None, november(22, 16))
            .unwrap();
        let mut plain = rated.clone();
        plain.ratings = [Rating::Satisfied; 4];
        plain.technicians = vec!["王建国".into()];
        store
            .save_confirmation(unhappy, &plain, None, november(22, 17))
            .unwrap();
        let month = Period::parse("2026-11").unwrap();
        let said = store.satisfaction(month, &Scope::All).unwrap();
        assert_eq!((said.visits, said.satisfied, said.dissatisfied), (2, 1, 1));
        let number = store.complaint_by_id(unhappy).unwrap().complaint_no;
        assert_eq!(said.reopened, [(unhappy, number)]);
        // (4 + 3) / 2 = 3.50, (3 + 3) / 2 = 3.00, (2 + 3) / 2 = 2.50, (1 + 3) / 2 = 2.00.
        assert_eq!(said.rated, 2);
        assert_eq!(said.ratings, [Some(350), Some(300), Some(250), Some(200)]);
        // Per technician: 王建国 did both (as the whole), overall (4+3+2+1 + 3+3+3+3) / 8 =
        // 2.75; 刘强 only the first, overall 10 / 4 = 2.50.
        let wang = TechnicianRatings {
            name: "王建国".into(),
            confirmations: 2,
            ratings: [Some(350), Some(300), Some(250), Some(200)],
            overall: Some(275),
        };
        let liu = TechnicianRatings {
            name: "刘强".into(),
            confirmations: 1,
            ratings: [Some(400), Some(300), Some(200), Some(100)],
            overall: Some(250),
        };
        assert_eq!(said.by_technician, [wang, liu]);
        let behind = |name: &str| {
            store
                .cases_behind(month, &Scope::All, &Behind::Technician(name.into()))
                .unwrap()
        };
        assert_eq!(behind("王建国"), [happy, unhappy]);
        assert_eq!(behind("刘强"), [happy]);
        assert!(behind("王建").is_empty(), "a whole name, not a part of one");
        assert!(behind("").is_empty(), "every confirmation names someone");
        let october = store
            .satisfaction(Period::parse("2026-10").unwrap(), &Scope::All)
            .unwrap();
        assert_eq!(october, Satisfaction::default());
    }

    #[test]
    fn a_month_whose_every_case_was_voided_reports_nothing_and_lists_no_case() {
        // A demo month with every kind of record, then every complaint voided (entered in
        // error): the report must fall to nothing, not count the voided cases' steps, visits,
        // confirmations or parts anywhere.
        let mut store = Store::open_in_memory().unwrap();
        let now = at(12, 1, 9);
        crate::demo::fill(&mut store, 2_000, 7, now).unwrap();
        let month = Period::parse("2026-11").unwrap();
        let settings = crate::domain::settings::Settings::default();
        let before =
            crate::report::MonthlyReport::gather(&store, month.into(), Scope::All, &settings, now)
                .unwrap();
        assert!(before.this.volumes.received > 0 && before.this.satisfaction.rated > 0);
        let ids: Vec<i64> = store
            .write(|tx| {
                let mut q = tx.prepare("SELECT id FROM complaints")?;
                let ids = q
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(ids)
            })
            .unwrap();
        for id in ids {
            store
                .void(
                    crate::store::audit::AuditedTable::Complaints,
                    id,
                    "entered in error",
                    now,
                )
                .unwrap();
        }
        let report =
            crate::report::MonthlyReport::gather(&store, month.into(), Scope::All, &settings, now)
                .unwrap();
        let figures = &report.this;
        assert_eq!(
            figures.volumes,
            Volumes {
                cards_issued: figures.volumes.cards_issued,
                repair_units: figures.volumes.repair_units,
                ..Volumes::default()
            }
        );
        assert_eq!(
            (figures.timeliness.cases, figures.timeliness.all_kept),
            (0, 0)
        );
        assert!(figures.timeliness.late.is_empty());
        assert!(figures.timeliness.rules.iter().all(|r| r.judged == 0));
        assert_eq!(figures.satisfaction, Satisfaction::default());
        assert_eq!(figures.money, Money::default());
        assert!(figures.parts.is_empty());
        assert_eq!(figures.quality, QualityFeedback::default());
        assert!(report.trend.iter().all(|(_, n)| *n == 0));
        for row in [
            Behind::Received,
            Behind::Resolved,
            Behind::Closed,
            Behind::OpenAtEnd,
        ] {
            assert!(
                store
                    .cases_behind(month, &Scope::All, &row)
                    .unwrap()
                    .is_empty(),
                "{row:?}"
            );
        }
        // The tables still come out whole (headings, no rows to divide by zero over).
        for table in report.tables(&crate::i18n::I18n::new(crate::i18n::Lang::English)) {
            assert!(!table.sheet.headings.is_empty());
        }
    }

    #[test]
    fn models_seen_three_times_and_major_cases_go_to_quality_and_the_general_manager() {
        use crate::domain::complaint::MediaRisk;
        use crate::store::complaint::tests::at as november;
        let mut store = Store::open_in_memory().unwrap();
        // Three complaints on JSQ20-A1 (the sample's media risk is "threatened"), two on
        // JSQ28-B2 without media risk.
        for hour in [9, 10, 11] {
            let mut complaint = sample_complaint();
            complaint.received_at = november(5, hour);
            store
                .insert_complaint(&complaint, "CC", november(5, hour))
                .unwrap();
        }
        for hour in [12, 13] {
            let mut calm = sample_complaint();
            calm.received_at = november(5, hour);
            calm.product_model = "JSQ28-B2".into();
            calm.media_risk = MediaRisk::None;
            store
                .insert_complaint(&calm, "CC", november(5, hour))
                .unwrap();
        }
        let month = Period::parse("2026-11").unwrap();
        let feedback = store.quality_feedback(month, &Scope::All, 3).unwrap();
        assert_eq!(feedback.models, [("JSQ20-A1".to_owned(), 3)]);
        assert!(feedback.causes.is_empty(), "no investigation yet");
        assert_eq!(feedback.major.len(), 3, "the three with a media risk");
        assert!(
            feedback
                .major
                .iter()
                .all(|m| m.media_risk == "threatened" && !m.quality_problem)
        );
        // With the threshold at 2 both models are listed, the larger first.
        let two = store.quality_feedback(month, &Scope::All, 2).unwrap();
        assert_eq!(
            two.models,
            [("JSQ20-A1".to_owned(), 3), ("JSQ28-B2".to_owned(), 2)]
        );
    }
}
