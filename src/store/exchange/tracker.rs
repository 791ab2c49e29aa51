//! Who sent which month, and the files sent and received.

use super::*;

/// One office's monthly file for a month, as the tracker lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitSubmission {
    pub unit: Unit,
    pub submission: crate::domain::unit::Submission,
    /// Files received from it for the month (a file sent again counts again).
    pub files: u64,
    /// Records in the first file received.
    pub records: u64,
}

impl Store {
    /// The offices that send this office their monthly file, and where each one's file for
    /// `period` stands on `today`: at a region its dealers, at headquarters the regions and
    /// the dealers that report to it directly; any other office that sent a file for the
    /// month is listed too. Ordered by code.
    pub fn submissions(
        &self,
        period: Period,
        me: &Unit,
        today: chrono::NaiveDate,
        days: crate::domain::unit::DueDays,
    ) -> Result<Vec<UnitSubmission>> {
        let expected = match me.level {
            UnitLevel::Dealer => "0",
            UnitLevel::Region => "level = 'dealer' AND region = ?1",
            UnitLevel::Headquarters => "level = 'region' OR (level = 'dealer' AND region = '')",
        };
        let sql = format!(
            "SELECT u.code, u.name, u.level, u.region,
                    (SELECT min(at) FROM exchanges e WHERE e.direction = 'received' AND e.unit_code = u.code AND e.period = ?2),
                    (SELECT count(*) FROM exchanges e WHERE e.direction = 'received' AND e.unit_code = u.code AND e.period = ?2),
                    (SELECT records FROM exchanges e WHERE e.direction = 'received' AND e.unit_code = u.code AND e.period = ?2 ORDER BY at, id LIMIT 1)
               FROM units u
              WHERE ({expected} OR EXISTS (SELECT 1 FROM exchanges e WHERE e.direction = 'received' AND e.unit_code = u.code AND e.period = ?2))
                AND u.code <> ?1
              ORDER BY u.code"
        );
        let mut select = self.conn.prepare(&sql)?;
        let rows = select
            .query_map(params![me.code, period.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, Option<i64>>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut list = Vec::new();
        for (code, name, level, region, first, files, records) in rows {
            let level = UnitLevel::from_code(&level).unwrap_or(UnitLevel::Dealer);
            let received = first
                .map(|at| {
                    NaiveDateTime::parse_from_str(&at, TIMESTAMP)
                        .map_err(|_| StoreError::BadRow(format!("exchange time {at:?}")))
                })
                .transpose()?;
            list.push(UnitSubmission {
                submission: crate::domain::unit::Submission::of(
                    level, period, received, today, days,
                ),
                unit: Unit {
                    code,
                    name,
                    level,
                    region,
                },
                files: files as u64,
                records: records.unwrap_or(0) as u64,
            });
        }
        Ok(list)
    }

    /// When this office's file for `period` was first sent, if it was.
    pub fn sent_at(&self, period: Period) -> Result<Option<NaiveDateTime>> {
        let at: Option<String> = self.conn.query_row(
            "SELECT min(at) FROM exchanges WHERE direction = 'sent' AND period = ?1",
            [period.to_string()],
            |r| r.get(0),
        )?;
        Ok(at.and_then(|at| NaiveDateTime::parse_from_str(&at, TIMESTAMP).ok()))
    }

    /// This office's monthly file still owed on `today`: the month and its due day, while it
    /// has not been sent (the dashboard's reminder).
    pub fn file_owed(
        &self,
        me: &Unit,
        today: chrono::NaiveDate,
        days: crate::domain::unit::DueDays,
    ) -> Result<Option<(Period, chrono::NaiveDate)>> {
        let Some((period, due)) = crate::domain::unit::file_owed(me.level, today, days) else {
            return Ok(None);
        };
        Ok(self.sent_at(period)?.is_none().then_some((period, due)))
    }
}

/// A monthly file sent from here or received here, as the files list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangeRecord {
    /// Sent from here (else received).
    pub sent: bool,
    pub unit_code: String,
    pub period: String,
    pub at: String,
    pub records: u64,
    pub operator: String,
}

impl Store {
    /// The monthly files sent and received, newest first, at most `limit`.
    pub fn exchanges(&self, limit: usize) -> Result<Vec<ExchangeRecord>> {
        let mut select = self.conn.prepare(
            "SELECT direction, unit_code, period, at, records, operator FROM exchanges
              ORDER BY at DESC, id DESC LIMIT ?1",
        )?;
        let rows = select
            .query_map([limit as i64], |r| {
                Ok(ExchangeRecord {
                    sent: r.get::<_, String>(0)? == "sent",
                    unit_code: r.get(1)?,
                    period: r.get(2)?,
                    at: r.get(3)?,
                    records: r.get::<_, i64>(4)?.max(0) as u64,
                    operator: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
