//! The monthly report as management reads it: every figure of a month (from `store::report`,
//! where each is computed once) beside the previous month's, and the same report as tables
//! for a workbook (one sheet a table) or CSV files.

use std::path::Path;

use chrono::NaiveDateTime;

use crate::domain::case_life::{Distance, Limits};
use crate::domain::complaint::{Channel, ComplaintType};
use crate::domain::confirmation::{BorneBy, ServiceCategory};
use crate::domain::money::Fen;
use crate::domain::report::Rule;
use crate::domain::report::Span;
use crate::domain::settings::Settings;
use crate::domain::unit::Period;
use crate::i18n::I18n;
use crate::sheet::{Sheet, SheetCell, SheetError};
use crate::store::report::{
    Behind, Money, PartsLine, QualityFeedback, Satisfaction, Scope, Timeliness, Volumes,
};
use crate::store::{Result, Store};

/// One month's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub volumes: Volumes,
    pub timeliness: Timeliness,
    pub satisfaction: Satisfaction,
    pub money: Money,
    pub parts: Vec<PartsLine>,
    pub quality: QualityFeedback,
}

impl Figures {
    fn gather(
        store: &Store,
        period: Span,
        scope: &Scope,
        settings: &Settings,
        now: NaiveDateTime,
    ) -> Result<Figures> {
        Ok(Figures {
            volumes: store.volumes(period, scope)?,
            timeliness: store.timeliness(
                period,
                scope,
                settings.limits(),
                &settings.region(),
                now,
            )?,
            satisfaction: store.satisfaction(period, scope)?,
            money: store.money(period, scope, settings.depreciation)?,
            parts: store.parts_claims(period, scope)?,
            quality: store.quality_feedback(
                period,
                scope,
                u64::from(settings.repeated_problem_threshold),
            )?,
        })
    }
}

/// A period's report for `scope` (a month, a quarter or a year), with the period before for
/// comparison and the twelve months' trend of complaints.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthlyReport {
    pub period: Span,
    /// The rules' limits the timeliness was judged by.
    pub limits: Limits,
    pub scope: Scope,
    pub this: Figures,
    pub previous: Figures,
    /// Complaints received in each of the twelve months up to the period's last.
    pub trend: Vec<(Period, u64)>,
}

/// How many months the trend of complaints covers.
pub const TREND_MONTHS: usize = 12;

impl MonthlyReport {
    /// Reads every figure of `period` and of the period before it, judged at `now`.
    pub fn gather(
        store: &Store,
        period: Span,
        scope: Scope,
        settings: &Settings,
        now: NaiveDateTime,
    ) -> Result<MonthlyReport> {
        Ok(MonthlyReport {
            period,
            limits: settings.limits(),
            this: Figures::gather(store, period, &scope, settings, now)?,
            previous: Figures::gather(store, period.previous(), &scope, settings, now)?,
            trend: store.received_per_month(
                Period::of(period.end_day().pred_opt().unwrap_or(period.first_day())),
                TREND_MONTHS,
                &scope,
            )?,
            scope,
        })
    }

    /// The report as tables, headings and labels in `i18n`'s language: the summary (each
    /// figure beside last month's), then one table for each breakdown.
    pub fn sheets(&self, i18n: &I18n) -> Vec<Sheet> {
        self.tables(i18n).into_iter().map(|t| t.sheet).collect()
    }

    /// The report's tables with, for each row, the cases behind it (where it counts cases).
    pub fn tables(&self, i18n: &I18n) -> Vec<ReportTable> {
        let this = &self.this;
        let previous = &self.previous;
        let count = |n: u64| SheetCell::Integer(i64::try_from(n).unwrap_or(i64::MAX));
        let percent = |kept: u64, of: u64| match of {
            0 => SheetCell::Empty,
            _ => SheetCell::Text(format!("{:.1} %", kept as f64 * 100.0 / of as f64)),
        };
        let summary_rows: Vec<(&str, SheetCell, SheetCell)> = vec![
            (
                "report-received",
                count(this.volumes.received),
                count(previous.volumes.received),
            ),
            (
                "report-resolved",
                count(this.volumes.resolved),
                count(previous.volumes.resolved),
            ),
            (
                "report-closed",
                count(this.volumes.closed),
                count(previous.volumes.closed),
            ),
            (
                "report-open-at-end",
                count(this.volumes.open_at_end),
                count(previous.volumes.open_at_end),
            ),
            (
                "report-cards-issued",
                count(this.volumes.cards_issued),
                count(previous.volumes.cards_issued),
            ),
            (
                "report-repair-units",
                count(this.volumes.repair_units),
                count(previous.volumes.repair_units),
            ),
            (
                "report-timely-rate",
                percent(this.timeliness.all_kept, this.timeliness.cases),
                percent(previous.timeliness.all_kept, previous.timeliness.cases),
            ),
            (
                "report-return-visits",
                count(this.satisfaction.visits),
                count(previous.satisfaction.visits),
            ),
            (
                "report-dissatisfied",
                count(this.satisfaction.dissatisfied),
                count(previous.satisfaction.dissatisfied),
            ),
            (
                "report-depreciation",
                SheetCell::Money(Fen(this.money.depreciation)),
                SheetCell::Money(Fen(previous.money.depreciation)),
            ),
        ];
        let month_headings = |first: &str| {
            vec![
                i18n.tr(first),
                self.period.to_string(),
                self.period.previous().to_string(),
            ]
        };
        let summary_links = [
            Behind::Received,
            Behind::Resolved,
            Behind::Closed,
            Behind::OpenAtEnd,
        ]
        .into_iter()
        .map(|b| Some(RowLink::Cases(b)));
        let mut sheets = vec![ReportTable {
            links: summary_links.collect(),
            sheet: Sheet {
                name: i18n.tr("report-summary"),
                headings: month_headings("report-figure"),
                rows: summary_rows
                    .into_iter()
                    .map(|(key, now, before)| vec![SheetCell::Text(i18n.tr(key)), now, before])
                    .collect(),
            },
        }];
        sheets.push(ReportTable::plain(Sheet {
            name: i18n.tr("report-trend"),
            headings: vec![i18n.tr("report-month"), i18n.tr("report-received")],
            rows: self
                .trend
                .iter()
                .map(|(month, n)| vec![SheetCell::Text(month.to_string()), count(*n)])
                .collect(),
        }));
        // A breakdown: each key of this month or the last, with both counts.
        let breakdown = |name: &str,
                         this: &[(String, u64)],
                         before: &[(String, u64)],
                         label: &dyn Fn(&str) -> String,
                         link: fn(String) -> Behind| {
            let mut keys: Vec<&String> = this.iter().map(|(k, _)| k).collect();
            for (k, _) in before {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            let of = |list: &[(String, u64)], key: &String| {
                list.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n)
            };
            ReportTable {
                links: keys
                    .iter()
                    .map(|key| Some(RowLink::Cases(link((*key).clone()))))
                    .collect(),
                sheet: Sheet {
                    name: i18n.tr(name),
                    headings: month_headings(name),
                    rows: keys
                        .into_iter()
                        .map(|key| {
                            vec![
                                SheetCell::Text(label(key)),
                                count(of(this, key)),
                                count(of(before, key)),
                            ]
                        })
                        .collect(),
                },
            }
        };
        let type_label = |code: &str| {
            ComplaintType::from_code(code).map_or(code.to_owned(), |t| i18n.tr(t.message_key()))
        };
        let channel_label = |code: &str| {
            Channel::from_code(code).map_or(code.to_owned(), |c| i18n.tr(c.message_key()))
        };
        let as_is = |text: &str| text.to_owned();
        let office_label = |code: &str| match code {
            "" => i18n.tr("report-this-office"),
            other => other.to_owned(),
        };
        sheets.push(breakdown(
            "report-by-type",
            &this.volumes.by_type,
            &previous.volumes.by_type,
            &type_label,
            Behind::Type,
        ));
        sheets.push(breakdown(
            "report-by-channel",
            &this.volumes.by_channel,
            &previous.volumes.by_channel,
            &channel_label,
            Behind::Channel,
        ));
        sheets.push(breakdown(
            "report-by-model",
            &this.volumes.by_model,
            &previous.volumes.by_model,
            &as_is,
            Behind::Model,
        ));
        sheets.push(breakdown(
            "report-by-office",
            &this.volumes.by_office,
            &previous.volumes.by_office,
            &office_label,
            Behind::Office,
        ));
        sheets.push(ReportTable::plain(Sheet {
            name: i18n.tr("report-timeliness"),
            headings: [
                "report-rule",
                "report-judged",
                "report-kept",
                "report-share",
            ]
            .iter()
            .map(|k| i18n.tr(k))
            .collect(),
            rows: this
                .timeliness
                .rules
                .iter()
                .map(|r| {
                    vec![
                        SheetCell::Text(rule_label(i18n, r.rule, self.limits)),
                        count(r.judged),
                        count(r.kept),
                        percent(r.kept, r.judged),
                    ]
                })
                .collect(),
        }));
        sheets.push(ReportTable {
            links: this
                .timeliness
                .late
                .iter()
                .map(|l| Some(RowLink::Case(l.complaint_id)))
                .collect(),
            sheet: Sheet {
                name: i18n.tr("report-late-cases"),
                headings: [
                    "report-complaint",
                    "report-office",
                    "report-rule",
                    "report-due",
                    "report-done",
                ]
                .iter()
                .map(|k| i18n.tr(k))
                .collect(),
                rows: this
                    .timeliness
                    .late
                    .iter()
                    .map(|late| {
                        vec![
                            SheetCell::Text(late.complaint_no.clone()),
                            SheetCell::Text(office_label(&late.origin)),
                            SheetCell::Text(rule_label(i18n, late.judged.rule, self.limits)),
                            SheetCell::DateTime(late.judged.due),
                            late.judged
                                .done
                                .map_or(SheetCell::Empty, SheetCell::DateTime),
                        ]
                    })
                    .collect(),
            },
        });
        let aspects = [
            "rating-attitude",
            "rating-skill",
            "rating-arrival-time",
            "rating-follow-through",
        ];
        let average = |hundredths: Option<u32>| {
            hundredths.map_or(SheetCell::Empty, |h| {
                SheetCell::Text(format!("{}.{:02}", h / 100, h % 100))
            })
        };
        sheets.push(ReportTable::plain(Sheet {
            name: i18n.tr("report-ratings"),
            headings: month_headings("report-aspect"),
            rows: aspects
                .iter()
                .enumerate()
                .map(|(i, key)| {
                    vec![
                        SheetCell::Text(i18n.tr(key)),
                        average(this.satisfaction.ratings[i]),
                        average(previous.satisfaction.ratings[i]),
                    ]
                })
                .collect(),
        }));
        sheets.push(ReportTable {
            links: this
                .satisfaction
                .by_technician
                .iter()
                .map(|t| Some(RowLink::Cases(Behind::Technician(t.name.clone()))))
                .collect(),
            sheet: Sheet {
                name: i18n.tr("report-technicians"),
                headings: [
                    "report-technician",
                    "report-confirmations",
                    "rating-attitude",
                    "rating-skill",
                    "rating-arrival-time",
                    "rating-follow-through",
                    "report-overall",
                ]
                .iter()
                .map(|k| i18n.tr(k))
                .collect(),
                rows: this
                    .satisfaction
                    .by_technician
                    .iter()
                    .map(|t| {
                        let name = match t.name.as_str() {
                            "" => i18n.tr("report-no-technician"),
                            name => name.to_owned(),
                        };
                        [SheetCell::Text(name), count(t.confirmations)]
                            .into_iter()
                            .chain(t.ratings.iter().map(|r| average(*r)))
                            .chain([average(t.overall)])
                            .collect()
                    })
                    .collect(),
            },
        });
        let money_sheet = |name: &str,
                           this: &[(String, i64)],
                           label: &dyn Fn(&str) -> String,
                           link: fn(String) -> Behind| ReportTable {
            links: this
                .iter()
                .map(|(k, _)| Some(RowLink::Cases(link(k.clone()))))
                .collect(),
            sheet: Sheet {
                name: i18n.tr(name),
                headings: vec![i18n.tr(name), i18n.tr("report-amount")],
                rows: this
                    .iter()
                    .map(|(k, fen)| vec![SheetCell::Text(label(k)), SheetCell::Money(Fen(*fen))])
                    .collect(),
            },
        };
        let category_label = |code: &str| {
            ServiceCategory::from_code(code).map_or(code.to_owned(), |c| i18n.tr(c.message_key()))
        };
        let payer_label = |code: &str| {
            BorneBy::from_code(code).map_or(code.to_owned(), |b| i18n.tr(b.message_key()))
        };
        sheets.push(money_sheet(
            "report-costs-by-category",
            &this.money.by_category,
            &category_label,
            Behind::Category,
        ));
        sheets.push(money_sheet(
            "report-costs-by-payer",
            &this.money.by_payer,
            &payer_label,
            Behind::Payer,
        ));
        sheets.push(ReportTable {
            links: this
                .parts
                .iter()
                .map(|line| {
                    Some(RowLink::Cases(Behind::Part {
                        part: line.part.clone(),
                        model: line.model.clone(),
                    }))
                })
                .collect(),
            sheet: Sheet {
                name: i18n.tr("report-parts"),
                headings: [
                    "report-part",
                    "report-model",
                    "report-quantity",
                    "report-amount",
                    "report-returned",
                ]
                .iter()
                .map(|k| i18n.tr(k))
                .collect(),
                rows: this
                    .parts
                    .iter()
                    .map(|line| {
                        vec![
                            SheetCell::Text(line.part.clone()),
                            SheetCell::Text(line.model.clone()),
                            SheetCell::Integer(line.quantity),
                            SheetCell::Money(Fen(line.cost)),
                            SheetCell::Integer(line.returned),
                        ]
                    })
                    .collect(),
            },
        });
        sheets.push(ReportTable {
            links: this
                .quality
                .models
                .iter()
                .map(|(m, _)| Some(RowLink::Cases(Behind::Model(m.clone()))))
                .chain(
                    this.quality
                        .causes
                        .iter()
                        .map(|(c, _)| Some(RowLink::Cases(Behind::Cause(c.clone())))),
                )
                .collect(),
            sheet: Sheet {
                name: i18n.tr("report-quality"),
                headings: ["report-model-or-cause", "report-times"]
                    .iter()
                    .map(|k| i18n.tr(k))
                    .collect(),
                rows: this
                    .quality
                    .models
                    .iter()
                    .chain(&this.quality.causes)
                    .map(|(what, n)| vec![SheetCell::Text(what.clone()), count(*n)])
                    .collect(),
            },
        });
        sheets.push(ReportTable {
            links: this
                .quality
                .major
                .iter()
                .map(|case| Some(RowLink::Case(case.complaint_id)))
                .collect(),
            sheet: Sheet {
                name: i18n.tr("report-major-cases"),
                headings: [
                    "report-complaint",
                    "report-office",
                    "report-model",
                    "report-media-risk",
                    "report-quality-problem",
                ]
                .iter()
                .map(|k| i18n.tr(k))
                .collect(),
                rows: this
                    .quality
                    .major
                    .iter()
                    .map(|case| {
                        vec![
                            SheetCell::Text(case.complaint_no.clone()),
                            SheetCell::Text(office_label(&case.origin)),
                            SheetCell::Text(case.product_model.clone()),
                            SheetCell::Text(
                                crate::domain::complaint::MediaRisk::from_code(&case.media_risk)
                                    .map_or(case.media_risk.clone(), |m| i18n.tr(m.message_key())),
                            ),
                            SheetCell::Text(i18n.tr(if case.quality_problem {
                                "report-yes"
                            } else {
                                "report-no"
                            })),
                        ]
                    })
                    .collect(),
            },
        });
        sheets
    }
}

/// Where a row of the report leads: the cases it counts, or the one case it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowLink {
    Cases(Behind),
    Case(i64),
}

/// A table of the report, and where each of its rows leads (`None`: a figure that counts no
/// cases, such as an average).
#[derive(Clone, Debug, PartialEq)]
pub struct ReportTable {
    pub sheet: Sheet,
    /// One a row, in order; shorter than the rows when the last rows lead nowhere.
    pub links: Vec<Option<RowLink>>,
}

impl ReportTable {
    fn plain(sheet: Sheet) -> ReportTable {
        ReportTable {
            sheet,
            links: Vec::new(),
        }
    }

    /// Where row `index` leads, if anywhere.
    pub fn link(&self, index: usize) -> Option<&RowLink> {
        self.links.get(index).and_then(Option::as_ref)
    }
}

/// A rule as the report names it, with the limit `limits` set for it.
pub fn rule_label(i18n: &I18n, rule: Rule, limits: Limits) -> String {
    let n = |count: i64| count.to_string();
    match rule {
        Rule::Respond => i18n.tr_args(
            "report-rule-respond",
            &[("hours", &n(limits.respond_hours))],
        ),
        Rule::EscalateToHq => i18n.tr_args(
            "report-rule-escalate",
            &[("hours", &n(limits.escalate_hours))],
        ),
        Rule::OnSite(Distance::HomeProvince) => i18n.tr_args(
            "report-rule-on-site-home",
            &[("hours", &n(limits.on_site_home_hours))],
        ),
        Rule::OnSite(Distance::OtherProvince) => i18n.tr_args(
            "report-rule-on-site-other",
            &[("hours", &n(limits.on_site_other_hours))],
        ),
        Rule::OnSite(Distance::Remote) => i18n.tr_args(
            "report-rule-on-site-remote",
            &[("hours", &n(limits.on_site_remote_hours))],
        ),
        Rule::Resolve => i18n.tr_args(
            "report-rule-resolve",
            &[("days", &n(limits.resolve_working_days))],
        ),
        Rule::ReturnVisit => i18n.tr_args(
            "report-rule-return-visit",
            &[("days", &n(limits.return_visit_days))],
        ),
    }
}

/// Writes each sheet to its own CSV file in `folder` (which must exist), named after the
/// sheet, and returns their paths.
pub fn write_csv_folder(
    sheets: &[Sheet],
    folder: &Path,
) -> Result<Vec<std::path::PathBuf>, SheetError> {
    if !folder.is_dir() {
        return Err(SheetError::Write(format!(
            "{} is not a folder",
            folder.display()
        )));
    }
    let mut written = Vec::new();
    for (index, sheet) in sheets.iter().enumerate() {
        let path = folder.join(format!(
            "{:02}-{}.csv",
            index + 1,
            crate::domain::file_name_safe(&sheet.name, '-')
        ));
        crate::sheet::write(sheet, crate::sheet::SheetFormat::Csv, &path)?;
        written.push(path);
    }
    Ok(written)
}
