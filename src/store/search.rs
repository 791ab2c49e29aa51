//! Searching every record at once through the full-text index of schema 5 (`search_index`,
//! trigram tokens, kept in step by triggers), and the same index behind each list's search box.

use rusqlite::{OptionalExtension, params_from_iter};

use super::sql::escape_like;
use super::{Result, Store};

/// The kinds of record in the index, with the code its rowids carry (rowid = id × 8 + code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Card = 1,
    Complaint = 2,
    Investigation = 3,
    Confirmation = 4,
    Customer = 5,
    Contract = 7,
}

impl RecordKind {
    const ALL: [RecordKind; 6] = [
        RecordKind::Card,
        RecordKind::Complaint,
        RecordKind::Investigation,
        RecordKind::Confirmation,
        RecordKind::Customer,
        RecordKind::Contract,
    ];

    fn from_code(code: i64) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| *k as i64 == code)
    }

    /// The catalogue key naming this kind of record.
    pub fn message_key(self) -> &'static str {
        match self {
            RecordKind::Card => "card-title",
            RecordKind::Complaint => "complaint-title",
            RecordKind::Investigation => "investigation-title",
            RecordKind::Confirmation => "confirmation-title",
            RecordKind::Customer => "customer-title",
            RecordKind::Contract => "contract-title",
        }
    }
}

/// One record found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub kind: RecordKind,
    pub id: i64,
    /// The form's number, or the customer's name.
    pub number: String,
    /// Who and what: the customer's name and phone, the product.
    pub summary: String,
    /// For an investigation or confirmation, the complaint it belongs to.
    pub complaint_id: Option<i64>,
    /// Why it was found: the text around the first word searched for, as the record holds it
    /// (before, the word, after); none when no word appears whole (a match of pairs apart).
    pub matched: Option<[String; 3]>,
}

/// The words of `search` in `body`: the first found, with up to `CONTEXT` characters either
/// side, as (before, found, after). Letters compared without case, as the index does.
fn matched_in(body: &str, search: &str) -> Option<[String; 3]> {
    const CONTEXT: usize = 16;
    let chars: Vec<char> = body.chars().collect();
    let folded: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    search.split_whitespace().find_map(|word| {
        let word: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
        if word.is_empty() || word.len() > folded.len() {
            return None;
        }
        let at =
            (0..=folded.len() - word.len()).find(|&at| folded[at..at + word.len()] == word[..])?;
        let end = at + word.len();
        let from = at.saturating_sub(CONTEXT);
        let to = (end + CONTEXT).min(chars.len());
        let text = |range: std::ops::Range<usize>| chars[range].iter().collect::<String>();
        let before = if from > 0 {
            format!("…{}", text(from..at))
        } else {
            text(from..at)
        };
        let after = if to < chars.len() {
            format!("{}…", text(end..to))
        } else {
            text(end..to)
        };
        Some([before, text(at..end), after])
    })
}

/// The full-text indexes: trigrams of every record's text (schema 5) and pairs of its Chinese
/// characters (schema 16).
pub(crate) const SEARCH_INDEXES: [&str; 2] = ["search_index", "search_pairs"];

/// What a search asks of the indexes: FTS5 expressions for the trigram index (words of three
/// or more characters: each word, or its digits when it is a phone number typed with
/// separators) and for the pairs index (words of one or two Chinese characters), and LIKE
/// patterns over the trigram index's text for the other short words ("A3", "5号"), which
/// neither index can match.
///
/// A word shaped like the start of a form's number ("WC-2025-3298", "cc-2026-11": see
/// [`number_prefix`]) is looked up in the numbers themselves instead (`numbers`, upper case): a
/// range over each number's index finds it in microseconds at any size, where the trigram
/// index reads lists as long as the archive (every number shares "WC-", "-20", "202", and each
/// digit triple is in thousands of phone numbers: 100 ms at a million cards). Such a word finds
/// the forms whose number, or whose card's number on a complaint, begins with it; no longer a
/// mention of the number in a free text (a comment).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct IndexQuery {
    pub trigrams: Option<String>,
    pub pairs: Option<String>,
    pub likes: Vec<String>,
    pub numbers: Vec<String>,
}

impl IndexQuery {
    fn is_empty(&self) -> bool {
        self.trigrams.is_none()
            && self.pairs.is_none()
            && self.likes.is_empty()
            && self.numbers.is_empty()
    }
}

/// The start of a form's number typed as a search word, in upper case: a prefix of letters and
/// digits with at least one letter (the office's prefix, `domain::numbering::parse_prefix`),
/// a hyphen, a year, a hyphen and at least two more digits or hyphens ("WC-2025-32",
/// "CC-2026-11-0001"). Shorter starts ("WC-", "WC-2025-3") match so many forms that the
/// trigram index finds the newest of them at once; a phone number has no letter.
pub(crate) fn number_prefix(word: &str) -> Option<String> {
    let word = word.to_ascii_uppercase();
    let mut parts = word.splitn(3, '-');
    let (prefix, year, rest) = (parts.next()?, parts.next()?, parts.next()?);
    let shaped = (1..=8).contains(&prefix.len())
        && prefix
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && prefix.chars().any(|c| c.is_ascii_uppercase())
        && year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && rest.len() >= 2
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.chars().all(|c| c.is_ascii_digit() || c == '-');
    shaped.then_some(word)
}

/// Each kind of record's number columns, as the number search reads them.
const NUMBER_COLUMNS: [(RecordKind, &str, &str); 6] = [
    (RecordKind::Card, "warranty_cards", "registration_no"),
    (RecordKind::Complaint, "complaints", "complaint_no"),
    (
        RecordKind::Complaint,
        "complaints",
        "warranty_registration_no",
    ),
    (
        RecordKind::Investigation,
        "investigations",
        "investigation_no",
    ),
    (RecordKind::Confirmation, "confirmations", "confirmation_no"),
    (RecordKind::Contract, "maintenance_contracts", "contract_no"),
];

/// The index rowids (id × 8 + kind) of the records of `kind` (or any) with a number beginning
/// with `prefix`, as a compound SELECT of ranges over the numbers' indexes; its two arguments
/// (the prefix and the first text after every text it begins) appended to `args`.
fn number_rowids(prefix: &str, kind: Option<RecordKind>, args: &mut Vec<String>) -> String {
    let mut after = prefix.to_owned();
    // The prefix is ASCII: its last character, one higher, ends the range.
    let last = after.pop().expect("a number prefix is not empty");
    after.push(char::from(last as u8 + 1));
    let (from, to) = (args.len() + 1, args.len() + 2);
    let selects: Vec<String> = NUMBER_COLUMNS
        .iter()
        .filter(|(k, ..)| kind.is_none_or(|kind| kind == *k))
        .map(|(k, table, column)| {
            format!(
                "SELECT id * 8 + {} AS rowid FROM {table} WHERE {column} >= ?{from} AND {column} < ?{to}",
                *k as i64
            )
        })
        .collect();
    if selects.is_empty() {
        // A kind without a number (customers): nothing matches, and nothing is bound.
        return "SELECT NULL AS rowid WHERE 0".to_owned();
    }
    args.extend([prefix.to_owned(), after]);
    selects.join(" UNION ")
}

/// The index query for a search box.
pub(crate) fn index_query(search: &str) -> IndexQuery {
    let mut phrases = Vec::new();
    let mut pairs = Vec::new();
    let mut likes = Vec::new();
    let quote = |w: &str| format!("\"{}\"", w.replace('"', "\"\""));
    // A control character separates words like a space: FTS5 reads a NUL as the end of the
    // query ("unterminated string"), and LIKE as the end of the pattern (matching everything).
    let words = search
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty());
    let mut numbers = Vec::new();
    for word in words.take(8) {
        if let Some(prefix) = number_prefix(word) {
            numbers.push(prefix);
            continue;
        }
        let digits: String = word.chars().filter(char::is_ascii_digit).collect();
        let phone_like = word
            .chars()
            .all(|c| c.is_ascii_digit() || "-+()".contains(c));
        let length = word.chars().count();
        if length < 3 && word.chars().all(is_chinese) {
            // A pair is a token of its own; one character begins the tokens it is in.
            pairs.push(match length {
                1 => format!("{}*", quote(word)),
                _ => quote(word),
            });
            continue;
        }
        if length < 3 {
            likes.push(format!("%{}%", escape_like(word)));
            continue;
        }
        if phone_like && digits != word && digits.len() >= 3 {
            phrases.push(format!("({} OR {})", quote(word), quote(&digits)));
        } else {
            phrases.push(quote(word));
        }
    }
    IndexQuery {
        trigrams: (!phrases.is_empty()).then(|| phrases.join(" AND ")),
        pairs: (!pairs.is_empty()).then(|| pairs.join(" AND ")),
        likes,
        numbers,
    }
}

/// A Chinese character (a CJK unified or compatibility ideograph, any extension, or 〇): what
/// the pairs index holds.
pub(crate) fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}')
}

/// A record's text as the pairs index (schema 16, `search_pairs`) holds it: each run of
/// Chinese characters as its overlapping pairs followed by its last character alone, spaced,
/// and nothing else ("南昌市 东湖区" → "南昌 昌市 市 东湖 湖区 区"). A pair of characters occurs
/// in the text exactly when it is a token; one character occurs exactly when a token begins
/// with it (followed by another, it begins their pair; last of its run, it stands alone). The
/// trigram index cannot find words shorter than three characters; this one finds the
/// one- and two-character Chinese words (a surname, a given name, a city) without reading the
/// text. The program's SQL function `aftersales_pairs`, which the index's triggers call.
pub(crate) fn chinese_pairs(text: &str) -> String {
    let mut out = String::new();
    let mut previous: Option<char> = None;
    let push = |out: &mut String, token: &[char]| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(token);
    };
    for c in text.chars() {
        match (previous, is_chinese(c)) {
            (Some(p), true) => push(&mut out, &[p, c]),
            (Some(p), false) => push(&mut out, &[p]),
            (None, _) => {}
        }
        previous = is_chinese(c).then_some(c);
    }
    if let Some(p) = previous {
        push(&mut out, &[p]);
    }
    out
}

/// How many of the records a search matches a list on screen reads at most: the newest ones,
/// then put in the list's order. A search that matches more (the first keystrokes: "WC-" is in
/// every card) would otherwise read and sort every match on each keystroke, seconds at a
/// million cards (reading 2,000 rows to sort them is about 5 ms there, 10,000 about 35 ms);
/// the list says it was cut ([`Listed::cut`]) and asks for more words.
pub const LIST_SEARCH_CAP: usize = 2_000;

/// The ids of a list, in its order, and whether its search matched more records than
/// [`LIST_SEARCH_CAP`] (then the ids are of the newest of them only).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listed {
    pub ids: Vec<i64>,
    pub cut: bool,
}

/// The condition "`id` is a record of `kind` matching every word of `search`" for a list
/// query, its arguments appended to `args` (numbered after those already there); `None` for an
/// empty search. With a `cap`, the matches are read first, the newest `cap` of them, and the
/// condition names those; whether there were more is returned beside it.
pub(crate) fn index_condition(
    conn: &rusqlite::Connection,
    kind: RecordKind,
    search: &str,
    args: &mut Vec<String>,
    cap: Option<usize>,
) -> Result<(Option<String>, bool)> {
    let query = index_query(search);
    if query.is_empty() {
        return Ok((None, false));
    }
    let Some(cap) = cap else {
        let (table, conditions) = index_conditions(query, Some(kind), args);
        let condition = format!(
            "id IN (SELECT rowid / 8 FROM {table} WHERE {})",
            conditions.join(" AND ")
        );
        return Ok((Some(condition), false));
    };
    // One more than the cap tells whether there were more.
    let (sql, own_args) = index_sql(query, Some(kind), Some(cap.saturating_add(1)));
    let mut ids = {
        let mut statement = conn.prepare_cached(&sql)?;
        statement
            .query_map(params_from_iter(own_args.iter()), |row| {
                row.get::<_, i64>(0)
            })?
            .map(|rowid| rowid.map(|rowid| rowid / 8))
            .collect::<rusqlite::Result<Vec<i64>>>()?
    };
    let cut = ids.len() > cap;
    ids.truncate(cap);
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    args.push(format!("[{}]", list.join(",")));
    let condition = format!("id IN (SELECT value FROM json_each(?{}))", args.len());
    Ok((Some(condition), cut))
}

impl Store {
    /// Every kind of record matching `search`, newest first, at most `limit`.
    pub fn search_all(&self, search: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let query = index_query(search);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let (sql, args) = index_sql(query, None, Some(limit));
        let rowids = {
            let mut statement = self.conn.prepare_cached(&sql)?;
            statement
                .query_map(params_from_iter(args.iter()), |row| row.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?
        };
        let mut hits = Vec::with_capacity(rowids.len());
        for rowid in rowids {
            let Some(kind) = RecordKind::from_code(rowid % 8) else {
                continue;
            };
            if let Some(mut hit) = self.hit(kind, rowid / 8)? {
                // Shown, as the summary is: text that is not UTF-8 hides no hit.
                let body: Option<String> = self
                    .conn
                    .prepare_cached("SELECT body FROM search_index WHERE rowid = ?1")?
                    .query_row([rowid], |row| super::sql::shown_text(row, 0))
                    .optional()?;
                hit.matched = body.and_then(|body| matched_in(&body, search));
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    /// The number and summary of one indexed record.
    fn hit(&self, kind: RecordKind, id: i64) -> Result<Option<SearchHit>> {
        let sql = match kind {
            RecordKind::Card => {
                "SELECT registration_no || CASE WHEN origin <> '' THEN ' · ' || origin ELSE '' END, customer_name || ' ' || customer_phone || ' · ' || product_model, NULL
                 FROM warranty_cards WHERE id = ?1"
            }
            RecordKind::Complaint => {
                "SELECT complaint_no || CASE WHEN origin <> '' THEN ' · ' || origin ELSE '' END, customer_name || ' ' || customer_phone || ' · ' || product_model, id
                 FROM complaints WHERE id = ?1"
            }
            RecordKind::Investigation => {
                "SELECT i.investigation_no || CASE WHEN i.origin <> '' THEN ' · ' || i.origin ELSE '' END, c.customer_name || ' · ' || i.findings, i.complaint_id
                 FROM investigations i JOIN complaints c ON c.id = i.complaint_id WHERE i.id = ?1"
            }
            RecordKind::Confirmation => {
                "SELECT f.confirmation_no || CASE WHEN f.origin <> '' THEN ' · ' || f.origin ELSE '' END, c.customer_name || ' · ' || f.work_done, f.complaint_id
                 FROM confirmations f JOIN complaints c ON c.id = f.complaint_id WHERE f.id = ?1"
            }
            RecordKind::Customer => {
                "SELECT name || CASE WHEN origin <> '' THEN ' · ' || origin ELSE '' END, phone || ' · ' || address, NULL FROM customers WHERE id = ?1"
            }
            RecordKind::Contract => {
                "SELECT contract_no || CASE WHEN origin <> '' THEN ' · ' || origin ELSE '' END, customer_name || ' ' || customer_phone || ' · ' || product_model || ' · ' || end_date, NULL
                 FROM maintenance_contracts WHERE id = ?1"
            }
        };
        Ok(self
            .conn
            .query_row(sql, [id], |row| {
                // Shown, not kept: a record holding text that is not UTF-8 is still listed
                // (with U+FFFD where it cannot be read), so one such record hides no others.
                let text = |index| super::sql::shown_text(row, index);
                let summary = text(1)?;
                Ok(SearchHit {
                    kind,
                    id,
                    number: text(0)?,
                    summary: summary.chars().take(120).collect(),
                    complaint_id: row.get(2)?,
                    matched: None,
                })
            })
            .optional()?)
    }
}

/// The index table to read and the conditions on its rows for `query`, restricted to one kind
/// of record if given; their arguments are appended to `args`. The trigram index is read when
/// a word needs it; a search of short Chinese words alone reads the pairs index only.
fn index_conditions(
    query: IndexQuery,
    kind: Option<RecordKind>,
    args: &mut Vec<String>,
) -> (String, Vec<String>) {
    let IndexQuery {
        trigrams,
        pairs,
        likes,
        mut numbers,
    } = query;
    let mut conditions = Vec::new();
    let table = if trigrams.is_none() && likes.is_empty() {
        "search_pairs"
    } else {
        "search_index"
    };
    // Numbers alone: the first drives the query, read from the numbers' indexes.
    if trigrams.is_none() && likes.is_empty() && pairs.is_none() && !numbers.is_empty() {
        let first = numbers.remove(0);
        let source = format!("({})", number_rowids(&first, kind, args));
        for prefix in numbers {
            let rowids = number_rowids(&prefix, kind, args);
            conditions.push(format!("rowid IN ({rowids})"));
        }
        if conditions.is_empty() {
            conditions.push("1".to_owned());
        }
        return (source, conditions);
    }
    for prefix in &numbers {
        let rowids = number_rowids(prefix, kind, args);
        conditions.push(format!("rowid IN ({rowids})"));
    }
    if let Some(expression) = trigrams {
        args.push(expression);
        conditions.push(format!("search_index MATCH ?{}", args.len()));
    }
    for like in likes {
        args.push(like);
        conditions.push(format!("body LIKE ?{} ESCAPE '\\'", args.len()));
    }
    if let Some(expression) = pairs {
        args.push(expression);
        conditions.push(if table == "search_pairs" {
            format!("search_pairs MATCH ?{}", args.len())
        } else {
            format!(
                "rowid IN (SELECT rowid FROM search_pairs WHERE search_pairs MATCH ?{})",
                args.len()
            )
        });
    }
    if let Some(kind) = kind {
        conditions.push(format!("rowid % 8 = {}", kind as i64));
    }
    (table.to_owned(), conditions)
}

/// The SELECT of index rowids for a query, restricted to one kind and limited if asked.
fn index_sql(
    query: IndexQuery,
    kind: Option<RecordKind>,
    limit: Option<usize>,
) -> (String, Vec<String>) {
    let mut args = Vec::new();
    let (table, conditions) = index_conditions(query, kind, &mut args);
    // SQLite's LIMIT is a signed 64-bit integer: a larger one is a type error, not "all".
    let limit = limit
        .map(|n| format!("LIMIT {}", n.min(i64::MAX as usize)))
        .unwrap_or_default();
    (
        format!(
            "SELECT rowid FROM {table} WHERE {} ORDER BY rowid DESC {limit}",
            conditions.join(" AND ")
        ),
        args,
    )
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_hit_says_where_the_word_searched_for_is_with_the_text_around_it() {
        let body = "CC-2026-11-0001 张三 13800138000 用户反映热水器点火后熄火，反复三次，显示故障代码 E1。";
        assert_eq!(
            matched_in(body, "熄火"),
            Some([
                "…38000 用户反映热水器点火后".to_owned(),
                "熄火".to_owned(),
                "，反复三次，显示故障代码 E1。".to_owned()
            ])
        );
        // Letters without case; the first word found of several.
        let found = matched_in(body, "zzz e1").unwrap();
        assert_eq!(found[1], "E1");
        assert_eq!(found[2], "。");
        assert_eq!(matched_in(body, "李四"), None);
        assert_eq!(matched_in("", "张"), None);
    }

    use super::*;
    use crate::domain::warranty_card::WarrantyCardDraft;
    use crate::store::complaint::tests::{at, sample_complaint};

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        for (name, phone, address) in [
            (
                "张三丰",
                "0791-88881234",
                "江西省南昌市东湖区八一大道 88 号",
            ),
            (
                "John Smith",
                "+44 20 7946 0000",
                "Room 12, Bayi Avenue, Nanchang",
            ),
        ] {
            let card = WarrantyCardDraft {
                issue_date: "2026-03-02".into(),
                issuing_dealer: "南昌洪城经销部".into(),
                customer_name: name.into(),
                customer_address: address.into(),
                customer_phone: phone.into(),
                product_model: "JSQ20-A1".into(),
                serial_no: "SN-778899".into(),
                purchase_date: "2026-03-01".into(),
                warranty_months: "12".into(),
                ..Default::default()
            }
            .parse(at(23, 9).date())
            .unwrap();
            store.insert_card(&card, "WC", at(23, 9)).unwrap();
        }
        let mut complaint = sample_complaint();
        complaint.description = "热水器漏水，地板泡坏".into();
        store.insert_complaint(&complaint, "CC", at(23, 9)).unwrap();
        store
    }

    fn kinds(hits: &[SearchHit]) -> Vec<(RecordKind, String)> {
        hits.iter().map(|h| (h.kind, h.number.clone())).collect()
    }

    #[test]
    fn a_chinese_substring_of_two_characters_finds_the_longer_name() {
        let store = store();
        let hits = store.search_all("张三", 50).unwrap();
        assert!(
            kinds(&hits).contains(&(RecordKind::Card, "WC-2026-000001".into())),
            "{hits:?}"
        );
        assert!(
            hits.iter()
                .any(|h| h.kind == RecordKind::Customer && h.number == "张三丰")
        );
    }

    #[test]
    fn chinese_text_is_indexed_as_its_pairs_and_the_last_character_of_each_run() {
        assert_eq!(chinese_pairs("南昌市 东湖区"), "南昌 昌市 市 东湖 湖区 区");
        assert_eq!(
            chinese_pairs("WC-2026 张三丰 0791-8888 李 A栋3号"),
            "张三 三丰 丰 李 栋 号"
        );
        // Extension B (𡈼) and compatibility ideographs are Chinese; kana and punctuation not.
        assert_eq!(chinese_pairs("𡈼三，カ丽"), "𡈼三 三 丽");
        assert_eq!(chinese_pairs("John Smith 12"), "");
        assert_eq!(chinese_pairs(""), "");
    }

    proptest::proptest! {
        /// The pairs index finds a one- or two-character Chinese word exactly where the text
        /// holds it, as reading the text (LIKE) did.
        #[test]
        fn a_short_chinese_word_is_found_by_its_pairs_exactly_where_the_text_holds_it(
            text in "[张三南昌𡈼a1 -]{0,24}",
            word in "[张三南昌𡈼]{1,2}",
        ) {
            let pairs = chinese_pairs(&text);
            let tokens: Vec<&str> = pairs.split(' ').filter(|t| !t.is_empty()).collect();
            let found = if word.chars().count() == 2 {
                tokens.contains(&word.as_str())
            } else {
                tokens.iter().any(|t| t.starts_with(word.as_str()))
            };
            proptest::prop_assert_eq!(found, text.contains(word.as_str()));
        }
    }

    #[test]
    fn one_or_two_chinese_characters_are_found_through_the_pairs_index_anywhere_in_a_run() {
        let mut store = store();
        // The last character of a name, a character alone, one in the middle of an address,
        // and a rare one of Extension B.
        fn cards(store: &Store, text: &str) -> Vec<String> {
            let mut found: Vec<String> = store
                .search_all(text, 50)
                .unwrap()
                .into_iter()
                .filter(|h| h.kind == RecordKind::Card)
                .map(|h| h.number)
                .collect();
            found.sort();
            found
        }
        assert_eq!(cards(&store, "丰"), ["WC-2026-000001"]);
        assert_eq!(cards(&store, "东湖"), ["WC-2026-000001"]);
        assert_eq!(
            cards(&store, "湖 张"),
            ["WC-2026-000001"],
            "every word must match"
        );
        assert_eq!(cards(&store, "湖 Smith"), Vec::<String>::new());
        assert_eq!(
            cards(&store, "南昌 8888"),
            ["WC-2026-000001"],
            "with a trigram word"
        );
        assert_eq!(
            cards(&store, "南昌 34"),
            ["WC-2026-000001"],
            "with a short word read by LIKE"
        );
        assert!(
            cards(&store, "昌南").is_empty(),
            "a pair in the wrong order"
        );
        let card = WarrantyCardDraft {
            issue_date: "2026-03-02".into(),
            issuing_dealer: "南昌洪城经销部".into(),
            customer_name: "王𡈼".into(),
            customer_address: "江西省九江市".into(),
            customer_phone: "13900001111".into(),
            product_model: "JSQ20-A1".into(),
            serial_no: "SN-1".into(),
            purchase_date: "2026-03-01".into(),
            warranty_months: "12".into(),
            ..Default::default()
        }
        .parse(at(23, 9).date())
        .unwrap();
        store.insert_card(&card, "WC", at(23, 9)).unwrap();
        assert_eq!(cards(&store, "𡈼"), ["WC-2026-000003"]);
        assert_eq!(cards(&store, "王𡈼"), ["WC-2026-000003"]);
        // The pairs follow an edit, as the trigrams do.
        let stored = store.card_by_registration_no("WC-2026-000003").unwrap();
        let mut renamed = stored.card.clone();
        renamed.customer_name = "赵六".into();
        store
            .update_card(stored.id, &renamed, stored.revision, at(23, 10))
            .unwrap();
        assert!(cards(&store, "𡈼").is_empty());
        assert_eq!(cards(&store, "赵"), ["WC-2026-000003"]);
        // The old entry was taken out exactly (FTS5's own check of both indexes).
        store.integrity_check().unwrap();
        // A list's search box reads the same index.
        let ids = store
            .card_ids(&crate::store::warranty_card::CardQuery {
                search: "赵六".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(ids, [stored.id]);
    }

    #[test]
    fn a_city_finds_the_full_address() {
        let store = store();
        let hits = store.search_all("南昌", 50).unwrap();
        assert!(
            hits.iter().any(|h| h.number == "WC-2026-000001"),
            "{hits:?}"
        );
        let hits = store.search_all("南昌市东湖", 50).unwrap();
        assert!(
            hits.iter().any(|h| h.number == "WC-2026-000001"),
            "three or more characters use the trigram index"
        );
    }

    #[test]
    fn english_words_match_regardless_of_case() {
        let store = store();
        let hits = store.search_all("smith", 50).unwrap();
        assert!(
            hits.iter().any(|h| h.number == "WC-2026-000002"),
            "{hits:?}"
        );
        assert!(
            store
                .search_all("bayi avenue", 50)
                .unwrap()
                .iter()
                .any(|h| h.number == "WC-2026-000002")
        );
    }

    #[test]
    fn numbers_serials_phones_and_descriptions_are_searched() {
        let store = store();
        assert_eq!(
            kinds(&store.search_all("cc-2026-11", 50).unwrap()),
            [(RecordKind::Complaint, "CC-2026-11-0001".into())]
        );
        assert_eq!(store.search_all("778899", 50).unwrap().len(), 2);
        assert!(
            store
                .search_all("0791-8888", 50)
                .unwrap()
                .iter()
                .any(|h| h.number == "WC-2026-000001")
        );
        assert!(
            store
                .search_all("079188881234", 50)
                .unwrap()
                .iter()
                .any(|h| h.number == "WC-2026-000001")
        );
        assert_eq!(
            kinds(&store.search_all("地板泡坏", 50).unwrap()),
            [(RecordKind::Complaint, "CC-2026-11-0001".into())]
        );
        assert!(store.search_all("no such thing", 50).unwrap().is_empty());
    }

    #[test]
    fn a_form_number_typed_from_its_start_is_found_through_the_numbers_not_the_text() {
        let mut store = store();
        let mut linked = sample_complaint();
        linked.warranty_registration_no = Some("WC-2026-000002".into());
        linked.description = "客户说卡号是 WC-2026-000001".into();
        let linked = store.insert_complaint(&linked, "CC", at(23, 10)).unwrap();
        let found = |text: &str| kinds(&store.search_all(text, 50).unwrap());
        let card = |n: &str| (RecordKind::Card, format!("WC-2026-00000{n}"));
        let first = (RecordKind::Complaint, "CC-2026-11-0001".to_owned());
        let second = (RecordKind::Complaint, linked.complaint_no.clone());
        // Typed in any case, from the number's start: both cards, and both complaints made on
        // them (the sample complaint is on the first card).
        assert_eq!(
            found("wc-2026-00000"),
            [second.clone(), card("2"), first.clone(), card("1")]
        );
        // A card's number finds the card and the complaint made on it.
        assert_eq!(found("WC-2026-000002"), [second, card("2")]);
        // Not a mention of the number in a complaint's text (the second complaint's): that is
        // no longer a number's match.
        assert_eq!(found("WC-2026-000001"), [first, card("1")]);
        // With other words, each must match too.
        assert_eq!(found("WC-2026-0000 john"), [card("2")]);
        assert_eq!(found("WC-2026-0000 张三丰"), [card("1")]);
        // Two numbers: the complaints of November made on those cards.
        assert_eq!(
            found("WC-2026-0000 CC-2026-11"),
            [
                (RecordKind::Complaint, linked.complaint_no.clone()),
                (RecordKind::Complaint, "CC-2026-11-0001".to_owned())
            ]
        );
        assert!(found("WC-2026-000002 CC-2026-11-0001").is_empty());
        // Beyond the last digit typed nothing else matches: the range ends where the prefix does.
        assert!(found("WC-2026-000003").is_empty());
        assert!(found("WC-2026-0000019").is_empty());
        // A list of one kind reads that kind's numbers only; customers have none.
        let cards = store
            .card_list(&crate::store::warranty_card::CardQuery {
                search: "WC-2026-000001".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(cards.ids.len(), 1);
        assert!(store.customer_ids("WC-2026-000001").unwrap().is_empty());
        assert_eq!(
            store
                .complaint_ids(&crate::store::complaint::ComplaintQuery {
                    search: "wc-2026-000002".into(),
                    ..Default::default()
                })
                .unwrap(),
            [linked.id]
        );
    }

    #[test]
    fn only_the_start_of_a_form_number_is_read_as_one() {
        for (word, prefix) in [
            ("wc-2025-32", Some("WC-2025-32")),
            ("CC-2026-11-0001", Some("CC-2026-11-0001")),
            ("CC-2026-11-", Some("CC-2026-11-")),
            ("A1-2026-0001", Some("A1-2026-0001")),
            // Too short to be selective: the trigram index finds the newest at once.
            ("WC-", None),
            ("WC-2025", None),
            ("WC-2025-3", None),
            // Not a number of this program's: no letter (a phone), a letter after the year,
            // a prefix longer than eight, a year of three digits.
            ("0791-8888-1234", None),
            ("WC-2025-12X", None),
            ("WC-2025-X12", None),
            ("ABCDEFGHI-2025-12", None),
            ("WC-202-1234", None),
            ("WC-2025-—12", None),
        ] {
            assert_eq!(number_prefix(word).as_deref(), prefix, "{word}");
        }
    }

    #[test]
    fn the_index_follows_edits() {
        let mut store = store();
        let stored = store.card_by_registration_no("WC-2026-000002").unwrap();
        let mut card = stored.card.clone();
        card.customer_name = "Maria Garcia".into();
        store
            .update_card(stored.id, &card, stored.revision, at(23, 10))
            .unwrap();
        assert!(
            !store
                .search_all("Smith", 50)
                .unwrap()
                .iter()
                .any(|h| h.kind == RecordKind::Card)
        );
        assert!(
            store
                .search_all("garcia", 50)
                .unwrap()
                .iter()
                .any(|h| h.number == "WC-2026-000002")
        );
    }

    #[test]
    fn quotes_and_wildcards_in_a_search_are_taken_literally() {
        // One complaint says "100%", another "1000": a wildcard % or _ would find both.
        let mut store = store();
        let mut literal = sample_complaint();
        literal.description = "客户要求100%退款".into();
        let literal = store.insert_complaint(&literal, "CC", at(23, 9)).unwrap();
        let mut thousand = sample_complaint();
        thousand.description = "功率1000瓦，已烧坏".into();
        let thousand = store.insert_complaint(&thousand, "CC", at(23, 9)).unwrap();
        let complaints = |text: &str| -> Vec<String> {
            store
                .search_all(text, 50)
                .unwrap()
                .into_iter()
                .filter(|h| h.kind == RecordKind::Complaint)
                .map(|h| h.number)
                .collect()
        };
        assert_eq!(complaints("1000"), [thousand.complaint_no.as_str()]);
        // Three characters or more go to the trigram index, shorter words to LIKE: both
        // take % and _ as they are.
        assert_eq!(complaints("100%"), [literal.complaint_no.as_str()]);
        assert_eq!(complaints("0%"), [literal.complaint_no.as_str()]);
        assert!(complaints("10_0").is_empty(), "_ is not any character");
        assert!(complaints("0_").is_empty(), "_ is not any character");
        for text in ["\"", "a_b", "\"张三\" OR"] {
            store.search_all(text, 50).unwrap();
        }
        assert!(
            complaints("\"张三\" OR").is_empty(),
            "quotes and operators are text"
        );
    }

    #[test]
    fn a_control_character_in_a_search_separates_words_like_a_space() {
        let store = store();
        for search in ["John\u{0}Smith", "John\u{7}Smith", "john\tsmith"] {
            assert_eq!(
                kinds(&store.search_all(search, 50).unwrap()),
                kinds(&store.search_all("John Smith", 50).unwrap()),
                "{search:?}"
            );
        }
        assert!(store.search_all("\u{0}", 50).unwrap().is_empty());
        assert!(store.search_all("\u{0}\u{1}\u{7f}", 50).unwrap().is_empty());
    }

    #[test]
    fn the_largest_limit_finds_everything_rather_than_failing() {
        let store = store();
        assert_eq!(
            kinds(&store.search_all("SN-778899", usize::MAX).unwrap()),
            kinds(&store.search_all("SN-778899", 50).unwrap())
        );
        assert_eq!(store.search_all("SN-778899", usize::MAX).unwrap().len(), 2);
    }
}
