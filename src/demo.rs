//! Realistic demo data, reproducible from a seed: warranty cards issued by dealers across
//! China over three years, with Chinese and some English customers, complaints about a share
//! of them, and a handful of maintenance contracts, some of them due for renewal.

use chrono::{Days, Duration, Months, NaiveDate, NaiveDateTime};

use crate::domain::case_life::Step;
use crate::domain::complaint::{
    Channel, Complaint, ComplaintType, CustomerRequest, MediaRisk, ReceivingUnit, Urgency,
};
use crate::domain::confirmation::{
    BorneBy, Confirmation, Cost, Part, Rating, ServiceCategory, ThreeGuarantees,
};
use crate::domain::contract::MaintenanceContract;
use crate::domain::investigation::{Document, Investigation, Photo, ResponsibleParty, Treatment};
use crate::domain::money::Fen;
use crate::domain::return_visit::{Outcome, ReturnVisit};
use crate::domain::three_guarantees::Remedy;
use crate::domain::warranty_card::WarrantyCard;
use crate::store::{Result, Store, StoreError};

/// What [`fill`] added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Added {
    pub cards: usize,
    pub complaints: usize,
    pub contracts: usize,
}

/// Demo data stopped part-way (another window held the file too long, the disk filled): what
/// had been saved by then stays saved, and is said.
#[derive(Debug)]
pub struct DemoError {
    pub added: Added,
    pub source: StoreError,
}

impl std::fmt::Display for DemoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Added {
            cards,
            complaints,
            contracts,
        } = self.added;
        // The cause follows from `source`, as the error chain prints it.
        write!(
            f,
            "stopped after saving {cards} warranty cards, {complaints} complaints and {contracts} maintenance contracts, which stay saved"
        )
    }
}

impl std::error::Error for DemoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Complaint texts as customers put them, by type.
const DESCRIPTIONS: &[(ComplaintType, &str)] = &[
    (
        ComplaintType::ProductQuality,
        "热水器点火后几秒钟就熄火，反复三次，显示故障代码 E1。",
    ),
    (
        ComplaintType::ProductQuality,
        "机器运行时有很大的异响，晚上影响休息。",
    ),
    (
        ComplaintType::ProductQuality,
        "出水温度忽冷忽热，调节旋钮没有反应。",
    ),
    (
        ComplaintType::ProductQuality,
        "净水器漏水，厨房地板已经泡坏。",
    ),
    (
        ComplaintType::InstallationQuality,
        "安装师傅走后排烟管松动，有烟气倒灌。",
    ),
    (
        ComplaintType::InstallationQuality,
        "安装位置离插座太近，进水管接头渗水。",
    ),
    (
        ComplaintType::ServiceAttitude,
        "报修三天没人上门，打电话客服态度很差。",
    ),
    (
        ComplaintType::ServiceAttitude,
        "维修人员上门迟到两小时，还多收了材料费。",
    ),
    (ComplaintType::ImproperUse, "用户自行拆开外壳后无法开机。"),
    (
        ComplaintType::TransportDamage,
        "收货时外包装破损，机身侧板凹陷。",
    ),
    (ComplaintType::Other, "发票开错了抬头，要求重开。"),
];
const CLERKS: &[&str] = &["刘敏", "陈静", "王磊", "赵丽", "孙涛"];

/// The technicians sent out to do the work.
const TECHNICIANS: &[&str] = &[
    "王建国",
    "刘强",
    "张伟",
    "李明辉",
    "陈志刚",
    "赵磊",
    "周海涛",
    "孙晓东",
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "欧阳", "司马",
];
const GIVEN_NAMES: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "建华", "志强", "海燕", "丽华", "晓东", "文博", "三", "三丰", "子涵", "雨桐",
];
const ENGLISH_NAMES: &[&str] = &[
    "John Smith",
    "Maria Garcia",
    "David Miller",
    "Anna Müller",
    "James Wilson",
    "Sophie Martin",
    "Michael Brown",
    "Olga Ivanova",
];
/// Province, city, districts, and the city's area code.
const PLACES: &[(&str, &str, &[&str], &str)] = &[
    (
        "江西省",
        "南昌市",
        &["东湖区", "西湖区", "青山湖区", "红谷滩区"],
        "0791",
    ),
    ("江西省", "九江市", &["浔阳区", "濂溪区"], "0792"),
    ("广东省", "广州市", &["天河区", "越秀区", "海珠区"], "020"),
    ("广东省", "深圳市", &["南山区", "福田区", "宝安区"], "0755"),
    ("浙江省", "杭州市", &["西湖区", "上城区", "滨江区"], "0571"),
    ("江苏省", "南京市", &["鼓楼区", "玄武区", "建邺区"], "025"),
    ("湖南省", "长沙市", &["岳麓区", "芙蓉区", "天心区"], "0731"),
    ("四川省", "成都市", &["锦江区", "武侯区", "青羊区"], "028"),
    ("北京市", "北京市", &["朝阳区", "海淀区", "东城区"], "010"),
    ("上海市", "上海市", &["浦东新区", "徐汇区", "静安区"], "021"),
    (
        "新疆维吾尔自治区",
        "乌鲁木齐市",
        &["天山区", "沙依巴克区"],
        "0991",
    ),
    ("西藏自治区", "拉萨市", &["城关区"], "0891"),
];
const STREETS: &[&str] = &[
    "八一大道",
    "人民路",
    "解放路",
    "中山路",
    "建设路",
    "北京东路",
    "文化路",
    "长江路",
    "滨江大道",
    "新华街",
];
/// Category, model family, warranty months.
const PRODUCTS: &[(&str, &[&str], u32)] = &[
    ("燃气热水器", &["JSQ20-A1", "JSQ24-B3", "JSQ28-K9"], 24),
    ("电热水器", &["DSZF-60L", "DSZF-80L", "DSZF-100L"], 12),
    ("空气能热泵", &["KF-150/A", "KF-260/B"], 36),
    ("壁挂炉", &["L1PB20", "L1PB26", "L1PB32"], 24),
    ("净水器", &["RO-400G", "RO-600G"], 12),
];
const DEALER_KINDS: &[&str] = &["经销部", "专卖店", "总代理", "售后服务站"];

/// Adds `count` cards to the store, the same ones for the same `seed`, issued over the three
/// years up to `now`, and complaints about roughly one card in eight. Written in batches: a
/// failure part-way says what was saved before it.
pub fn fill(
    store: &mut Store,
    count: usize,
    seed: u64,
    now: NaiveDateTime,
) -> std::result::Result<Added, DemoError> {
    fill_with(store, count, seed, now, true, Writing::InBulk)
}

/// [`fill`] with every insert trigger run row by row, as a clerk's saves run them: what
/// writing in bulk is compared against.
#[cfg(test)]
pub(crate) fn fill_row_by_row(
    store: &mut Store,
    count: usize,
    seed: u64,
    now: NaiveDateTime,
) -> std::result::Result<Added, DemoError> {
    fill_with(store, count, seed, now, true, Writing::RowByRow)
}

/// Adds `count` warranty cards only (no cases): the archive-scale benchmark's data.
pub fn fill_cards(
    store: &mut Store,
    count: usize,
    seed: u64,
    now: NaiveDateTime,
) -> std::result::Result<usize, DemoError> {
    Ok(fill_with(store, count, seed, now, false, Writing::InBulk)?.cards)
}

/// Adds one warranty card and one case through to its confirmation in which every text is as
/// long as its form allows (names and numbers at a line's 200 characters, addresses at 1,000,
/// descriptions, findings and the work done at 20,000, ten technicians, 200 part lines with
/// both serials at 40): what paper, the search and the monthly file must cope with. Returns
/// the complaint's id.
pub fn fill_longest(store: &mut Store, now: NaiveDateTime) -> Result<i64> {
    use crate::domain::confirmation::{
        MAX_CONTACT_CHARS, MAX_PART_SERIAL_CHARS, MAX_PARTS, MAX_TECHNICIAN_NAME_CHARS,
        MAX_TECHNICIANS,
    };
    use crate::domain::investigation::MAX_REPORT_TEXT_CHARS;
    use crate::domain::money::MAX_FEN;
    use crate::domain::warranty_card::{MAX_LINE_CHARS, MAX_TEXT_CHARS};
    let settings = store.settings()?;
    let mut phrases = Phrases::default();
    let purchase_date = (now - Duration::days(200)).date();
    let card = WarrantyCard {
        issue_date: purchase_date,
        issuing_dealer: phrases.next(MAX_LINE_CHARS),
        customer_name: phrases.next(MAX_LINE_CHARS),
        customer_address: phrases.next(MAX_TEXT_CHARS),
        // The longest number a phone field keeps: a landline with a six-digit extension.
        customer_phone: "0791-88881234-801234".to_owned(),
        product_category: phrases.next(MAX_LINE_CHARS),
        product_model: phrases.serial(MAX_LINE_CHARS),
        serial_no: phrases.serial(MAX_LINE_CHARS),
        purchase_date,
        purchase_area: phrases.next(MAX_LINE_CHARS),
        installation_date: Some(purchase_date),
        invoice_no: phrases.serial(MAX_LINE_CHARS),
        warranty_months: crate::domain::warranty_card::MAX_WARRANTY_MONTHS,
        feedback_returned: true,
    };
    let received_at = whole_minutes(now - Duration::days(9));
    store.write_through(|store| {
        let card_id =
            store.insert_cards(std::slice::from_ref(&card), &settings.card_prefix, now)?;
        let registration_no = store.card_by_id(card_id[0])?.registration_no;
        let complaint = Complaint {
            received_at,
            channel: Channel::Phone,
            receiving_unit: ReceivingUnit::Headquarters,
            receiving_unit_name: phrases.next(MAX_LINE_CHARS),
            received_by: phrases.next(MAX_LINE_CHARS),
            warranty_registration_no: Some(registration_no),
            customer_name: card.customer_name.clone(),
            customer_address: card.customer_address.clone(),
            customer_phone: card.customer_phone.clone(),
            product_model: card.product_model.clone(),
            serial_no: card.serial_no.clone(),
            purchase_date: Some(card.purchase_date),
            complaint_type: ComplaintType::ProductQuality,
            description: phrases.next(crate::domain::complaint::MAX_DESCRIPTION_CHARS),
            customer_request: CustomerRequest::Repair,
            urgency: Urgency::Urgent,
            media_risk: MediaRisk::Threatened,
        };
        let id = store.insert_complaints(&[complaint], &settings.complaint_prefix, now)?[0];
        let responded_at = received_at + Duration::hours(1);
        store.record_step(id, Step::Responded, responded_at, "", responded_at)?;
        let arrived_at = received_at + Duration::hours(20);
        let report = Investigation {
            investigators: phrases.next(MAX_LINE_CHARS),
            arrived_at,
            findings: phrases.next(MAX_REPORT_TEXT_CHARS),
            documents_checked: Document::ALL.to_vec(),
            cause: phrases.next(MAX_REPORT_TEXT_CHARS),
            quality_problem: true,
            responsible_party: ResponsibleParty::Company,
            proposed_treatment: Treatment::Replace,
            estimated_cost: Fen(MAX_FEN),
            customer_opinion: phrases.next(MAX_REPORT_TEXT_CHARS),
        };
        store.save_investigation(id, &report, None, arrived_at)?;
        let completed_at = arrived_at + Duration::hours(24);
        // Each line priced so that all of them come to the largest amount the form accepts.
        let parts: Vec<Part> = (0..MAX_PARTS)
            .map(|_| Part {
                name: phrases.next(MAX_LINE_CHARS),
                quantity: 100_000,
                unit_cost: Fen(MAX_FEN / (MAX_PARTS as i64 * 100_000)),
                old_part_returned: true,
                faulty_serial: phrases.serial(MAX_PART_SERIAL_CHARS),
                replacement_serial: phrases.serial(MAX_PART_SERIAL_CHARS),
            })
            .collect();
        let parts_total: Fen = parts.iter().map(Part::total).sum();
        let confirmation = Confirmation {
            treatment: Treatment::Replace,
            work_done: phrases.next(MAX_REPORT_TEXT_CHARS),
            // A comma would part a name in two.
            technicians: (0..MAX_TECHNICIANS)
                .map(|_| {
                    phrases
                        .next(MAX_TECHNICIAN_NAME_CHARS)
                        .replace(['，', '、'], "·")
                })
                .collect(),
            contact_person: phrases.next(MAX_CONTACT_CHARS),
            cause_found: phrases.next(MAX_REPORT_TEXT_CHARS),
            parts,
            service_category: ServiceCategory::FreeInWarranty,
            // The parts' cost is theirs summed, as the form works it out.
            costs: std::array::from_fn(|kind| Cost {
                amount: if kind == 1 {
                    parts_total
                } else {
                    Fen(MAX_FEN - kind as i64)
                },
                borne_by: BorneBy::ResponsibleParty,
            }),
            three_guarantees: Some(ThreeGuarantees {
                remedy: Remedy::Refund,
                price: Fen(MAX_FEN),
                sale_date: purchase_date,
                counterfeit_or_unmarked: true,
            }),
            ratings: [Rating::Dissatisfied; 4],
            comments: phrases.next(MAX_REPORT_TEXT_CHARS),
            completed_at,
        };
        store.save_confirmation(id, &confirmation, None, completed_at)?;
        Ok(id)
    })
}

/// Texts for [`fill_longest`], cut from the demo's own sentences and places, each stretch
/// numbered so that no two read alike (a reader that found one stretch has not found another).
#[derive(Default)]
struct Phrases {
    count: usize,
}

impl Phrases {
    /// Running text of exactly `chars` characters.
    fn next(&mut self, chars: usize) -> String {
        let sentences: Vec<&str> = DESCRIPTIONS
            .iter()
            .map(|(_, text)| *text)
            .chain(STREETS.iter().copied())
            .chain(CLERKS.iter().copied())
            .collect();
        let mut text = String::new();
        let mut length = 0;
        while length < chars {
            self.count += 1;
            let piece = format!("{}{}", self.count, sentences[self.count % sentences.len()]);
            length += piece.chars().count();
            text.push_str(&piece);
        }
        text.chars().take(chars).collect()
    }

    /// A serial number's letters and digits, exactly `chars` long.
    fn serial(&mut self, chars: usize) -> String {
        let mut text = String::new();
        while text.len() < chars {
            self.count += 1;
            text.push_str(&format!("SN{:06}", self.count * 7919 % 1_000_000));
        }
        text.truncate(chars);
        text
    }
}

/// How the demo writes its records: each insert trigger run once over a batch's rows (the
/// program's way), or row by row as a clerk's save runs them (the tests' reference).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Writing {
    InBulk,
    #[cfg_attr(not(test), allow(dead_code))]
    RowByRow,
}

impl Writing {
    fn adding<T>(
        self,
        store: &mut Store,
        tables: &[&str],
        work: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        match self {
            Writing::InBulk => store.adding_in_bulk(tables, work),
            Writing::RowByRow => work(store),
        }
    }
}

/// The page cache and the search index's buffer while the demo writes, in MiB.
const BULK_CACHE_MIB: i64 = 64;

fn fill_with(
    store: &mut Store,
    count: usize,
    seed: u64,
    now: NaiveDateTime,
    with_cases: bool,
    writing: Writing,
) -> std::result::Result<Added, DemoError> {
    // The demo's steps and changes are logged under the clerks who made them. Who writes is
    // passed to the store, never stored: whoever is working keeps their name, even when the
    // demo is killed half-way.
    let clerk = store.writer();
    let mut added = Added::default();
    let result = store
        .with_bulk_caches(BULK_CACHE_MIB, |store| {
            store.writing_as(&clerk, |store| {
                fill_as_clerks(store, count, seed, now, (with_cases, writing), &mut added)?;
                // The batches wrote the search indexes as many segments: merged once, with
                // the large cache, rather than by the first window's upkeep.
                store.tidy_search_fully()
            })
        })
        .and_then(|filled| filled);
    match result {
        Ok(()) => Ok(added),
        Err(source) => Err(DemoError { added, source }),
    }
}

fn fill_as_clerks(
    store: &mut Store,
    count: usize,
    seed: u64,
    now: NaiveDateTime,
    (with_cases, writing): (bool, Writing),
    added: &mut Added,
) -> Result<()> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let settings = store.settings()?;
    // A transaction a batch: larger batches for more cards (fewer, larger segments of the
    // search index), small enough that a stop loses little.
    let batch = (count / 10).clamp(50, 20_000);
    // The photos drawn from a stream of their own: the cards stay those the seed always gave.
    let photos = if with_cases {
        DemoPhotos::new(&mut fastrand::Rng::with_seed(seed.wrapping_add(1)))
    } else {
        DemoPhotos(Vec::new())
    };
    let today = now.date();
    let start = today - Days::new(3 * 365);
    let mut cards = Vec::with_capacity(batch.min(count));
    let mut complaints = Vec::new();
    // The first customers also take out maintenance contracts.
    let mut contract_holders = Vec::new();
    for made in 1..=count {
        if rng.u8(..8) == 0 && with_cases {
            complaints.push(cards.len());
        }
        let mut card = card(&mut rng, start, today);
        // A dealer's own database issues its cards under its own name.
        if settings.unit_level == crate::domain::unit::UnitLevel::Dealer
            && !settings.unit_name.is_empty()
        {
            card.issuing_dealer = settings.unit_name.clone();
        }
        if with_cases && contract_holders.len() < CONTRACT_ENDS.len() {
            contract_holders.push(card.clone());
        }
        cards.push(card);
        // Saved a batch at a time, each batch with its cases in one transaction, and the rest
        // at the end.
        if cards.len() == batch || made == count {
            // A batch is one clerk's work, logged under that clerk.
            store.set_writer(pick::<&str>(&mut rng, CALLERS));
            let (saved, cases) = store.write_through(|store| {
                writing.adding(store, &BATCH_TABLES, |store| {
                    let ids = store.insert_cards(&cards, &settings.card_prefix, now)?;
                    let cases = add_complaints(
                        store,
                        (&mut rng, &photos),
                        (&ids, &cards, &complaints),
                        &settings.complaint_prefix,
                        now,
                    )?;
                    Ok((ids.len(), cases))
                })
            })?;
            added.cards += saved;
            added.complaints += cases;
            cards.clear();
            complaints.clear();
        }
    }
    if with_cases {
        store.write_through(|store| add_repairs(store, &mut rng, count, now))?;
    }
    add_contracts(
        store,
        &mut rng,
        &contract_holders,
        now,
        &mut added.contracts,
    )
}

/// When the demo contracts end, in days from today: four within the month (the dashboard
/// lists them), three later, one ended a fortnight ago.
const CONTRACT_ENDS: [i64; 8] = [6, 13, 20, 28, 75, 160, 300, -15];

/// What maintenance contracts cover, as the service centers write it.
const CONTRACT_TERMS: &[&str] = &[
    "每年上门保养两次（清洗、检查、调试），人工费全免，更换配件按八折收费；报修后 24 小时内上门。",
    "每年上门保养一次，含滤芯更换两次；合同期内维修免收人工费。",
    "全年不限次数上门维修，人工及配件全免（人为损坏除外）；每季度例行检查一次。",
    "Two maintenance visits a year; labour free, parts at 80% of list price; on site within 48 hours of a call.",
];

/// A year's maintenance contract for each of the `holders`' products, ending as
/// [`CONTRACT_ENDS`] says; the third is already renewed for the year after. Counts each one
/// saved in `added`.
fn add_contracts(
    store: &mut Store,
    rng: &mut fastrand::Rng,
    holders: &[WarrantyCard],
    now: NaiveDateTime,
    added: &mut usize,
) -> Result<()> {
    let today = now.date();
    for (index, (card, days)) in holders.iter().zip(CONTRACT_ENDS).enumerate() {
        let end_date = today + Duration::days(days);
        let start_date = end_date
            .checked_sub_months(Months::new(12))
            .and_then(|d| d.succ_opt())
            .unwrap_or(today);
        let (service_unit, service_phone) = if index % 2 == 0 {
            ("南昌售后服务中心".to_owned(), "0791-86661234".to_owned())
        } else {
            (card.issuing_dealer.clone(), String::new())
        };
        let contract = MaintenanceContract {
            customer_name: card.customer_name.clone(),
            customer_phone: card.customer_phone.clone(),
            customer_address: card.customer_address.clone(),
            product_model: card.product_model.clone(),
            serial_no: card.serial_no.clone(),
            start_date,
            end_date,
            annual_fee: Fen(*pick(rng, &[28_000, 48_000, 68_000, 120_000])),
            service_unit,
            service_phone,
            terms: (*pick(rng, CONTRACT_TERMS)).to_owned(),
        };
        let stored = store.insert_contract(&contract, None, now)?;
        *added += 1;
        if index == 2 {
            let start_date = end_date.succ_opt().unwrap_or(end_date);
            let renewal = MaintenanceContract {
                start_date,
                end_date: start_date
                    .checked_add_months(Months::new(12))
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(end_date),
                ..contract
            };
            store.insert_contract(&renewal, Some(stored.id), now)?;
            *added += 1;
        }
    }
    Ok(())
}

/// The tables a batch of cards with their cases adds to, parents first.
const BATCH_TABLES: [&str; 11] = [
    "customers",
    "warranty_cards",
    "complaints",
    "case_steps",
    "investigations",
    "investigation_photos",
    "confirmations",
    "confirmation_parts",
    "signatures",
    "signed_pages",
    "return_visits",
];

/// Complaints about the cards at positions `about` of `cards`, stored under `ids`; returns how
/// many were saved (a complaint is saved with its received step, then lived).
fn add_complaints(
    store: &mut Store,
    (rng, photos): (&mut fastrand::Rng, &DemoPhotos),
    (ids, cards, about): (&[i64], &[WarrantyCard], &[usize]),
    prefix: &str,
    now: NaiveDateTime,
) -> Result<usize> {
    let mut complaints = Vec::with_capacity(about.len());
    for &index in about {
        let registration_no = store.card_by_id(ids[index])?.registration_no;
        complaints.push(complaint(rng, &cards[index], registration_no, now));
    }
    complaints.sort_by_key(|c| c.received_at);
    let ids = store.insert_complaints(&complaints, prefix, now)?;
    for (id, complaint) in ids.iter().zip(&complaints) {
        live(store, rng, photos, *id, complaint, now)?;
    }
    Ok(ids.len())
}

/// The step a forgotten case is waiting for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Forgotten {
    Answer,
    Visit,
    CallBack,
}

/// Lives a case as far as its age allows: answered within hours, sometimes reported to HQ by
/// the dealer, visited within a day or two, resolved within days, called back and closed; one
/// customer in ten is called back dissatisfied and the case goes round again. The youngest
/// cases are still under way, and a few recent ones were let slip so the dashboard has real
/// work on first start.
fn live(
    store: &mut Store,
    rng: &mut fastrand::Rng,
    photos: &DemoPhotos,
    id: i64,
    complaint: &Complaint,
    now: NaiveDateTime,
) -> Result<()> {
    let age = now - complaint.received_at;
    let slip = if age < Duration::days(12) && rng.u8(..6) == 0 {
        Some(*pick(
            rng,
            &[Forgotten::Answer, Forgotten::Visit, Forgotten::CallBack],
        ))
    } else {
        None
    };
    let responded_at = later(rng, complaint.received_at, 1..20);
    if slip == Some(Forgotten::Answer) || responded_at > now {
        return Ok(());
    }
    store.record_step(id, Step::Responded, responded_at, "", responded_at)?;
    let mut last = responded_at;
    if complaint.receiving_unit == ReceivingUnit::Dealer && rng.u8(..4) == 0 {
        let escalated_at = later(rng, last, 2..24);
        if escalated_at > now {
            return Ok(());
        }
        store.record_step(id, Step::EscalatedToHq, escalated_at, "", escalated_at)?;
        last = escalated_at;
    }
    let arrived_at = later(rng, last, 2..36);
    if slip == Some(Forgotten::Visit) || arrived_at > now {
        return Ok(()); // the technicians are on their way
    }
    let report = investigation(rng, complaint, arrived_at);
    let stored = store.save_investigation(id, &report, None, arrived_at)?;
    if rng.u8(..3) == 0 {
        store.add_photo(
            stored.id,
            &photos.pick(rng, &complaint.serial_no),
            arrived_at,
        )?;
    }
    let completed_at = later(rng, arrived_at, 2..72);
    if completed_at > now {
        if rng.bool() {
            let decided_at = later(rng, arrived_at, 1..6).min(now);
            store.record_step(id, Step::TreatmentDecided, decided_at, "", decided_at)?;
        }
        return Ok(());
    }
    let signed = store.save_confirmation(
        id,
        &confirmation(rng, complaint, &report, completed_at),
        None,
        completed_at,
    )?;
    sign_on_paper_or_screen(store, &signed, completed_at)?;
    let mut resolved_at = completed_at;
    // The first call may find the customer dissatisfied; the second always satisfied.
    for round in 0..2 {
        let visited_at = later(rng, resolved_at, 4..66);
        if slip == Some(Forgotten::CallBack) || visited_at > now {
            return Ok(());
        }
        let outcome = if round == 0 && rng.u8(..10) == 0 {
            Outcome::Dissatisfied
        } else {
            Outcome::Satisfied
        };
        let notes = match outcome {
            Outcome::Satisfied => *pick(rng, SATISFIED_NOTES),
            Outcome::Dissatisfied => *pick(rng, DISSATISFIED_NOTES),
        };
        let visit = ReturnVisit {
            visited_at,
            caller: (*pick(rng, CALLERS)).to_owned(),
            outcome,
            notes: notes.to_owned(),
        };
        store.record_return_visit(id, &visit, now)?;
        if outcome == Outcome::Satisfied {
            let closed_at = later(rng, visited_at, 1..48);
            if closed_at <= now {
                store.record_step(id, Step::Closed, closed_at, "", closed_at)?;
            }
            return Ok(());
        }
        // Back to the dealer: another visit, another repair.
        let again_at = later(rng, visited_at, 4..30);
        if again_at > now {
            return Ok(());
        }
        store.record_step(id, Step::OnSite, again_at, "", again_at)?;
        store.record_step(id, Step::TreatmentDecided, again_at, "", again_at)?;
        resolved_at = later(rng, again_at, 1..24);
        if resolved_at > now {
            return Ok(());
        }
        store.record_step(id, Step::Resolved, resolved_at, "", resolved_at)?;
    }
    Ok(())
}

/// Most customers sign the confirmation on the technician's screen, with the technician; one
/// in ten signs the paper, which comes back by fax. Drawn from a stream of the confirmation's
/// own, so the rest of the demo stays what its seed always gave.
fn sign_on_paper_or_screen(
    store: &mut Store,
    signed: &crate::store::confirmation::StoredConfirmation,
    at: NaiveDateTime,
) -> Result<()> {
    use crate::domain::signature::Signer;
    use crate::store::signed_page::{FormRecord, NewSignedPage};
    let mut rng = fastrand::Rng::with_seed(signed.id as u64);
    let form = FormRecord::Confirmation(signed.id);
    if rng.u8(..10) == 0 {
        let code = crate::domain::paper::FormCode {
            number: signed.confirmation_no.clone(),
            office: signed.origin.clone(),
            uuid: signed.uuid.clone(),
        }
        .text();
        let sha256 = crate::store::trail::chain_hash(&[Some(signed.confirmation_no.as_str())]);
        let png = demo_fax_png(&mut rng);
        store.keep_signed_page(
            &NewSignedPage {
                form: Some(form),
                code: Some(&code),
                file_name: &format!("传真-{}.tif", signed.confirmation_no),
                page: 1,
                file_sha256: &sha256,
                png: &png,
                width: DEMO_FAX.0,
                height: DEMO_FAX.1,
            },
            at,
        )?;
        return Ok(());
    }
    if rng.u8(..10) < 7 {
        for signer in [Signer::Customer, Signer::Technician] {
            let strokes = demo_signature(&mut rng);
            store
                .sign(form, signer, signed.revision, &strokes, at)
                .map_err(|error| match error {
                    crate::store::signature::SignError::Store(error) => error,
                    other => StoreError::BadRow(other.to_string()),
                })?;
        }
    }
    Ok(())
}

/// A made-up hand: two to four strokes of loops and waves across the pad.
fn demo_signature(rng: &mut fastrand::Rng) -> crate::domain::signature::Strokes {
    use crate::domain::signature::{PAD_HEIGHT, PAD_WIDTH, Strokes};
    let mut strokes = Strokes::default();
    let parts = rng.usize(2..=4);
    let width = f32::from(PAD_WIDTH) * 0.8 / parts as f32;
    for part in 0..parts {
        let left = f32::from(PAD_WIDTH) * 0.1 + part as f32 * width;
        let middle = f32::from(PAD_HEIGHT) * (0.45 + rng.f32() * 0.15);
        let loops = 1.5 + rng.f32() * 2.5;
        let height = f32::from(PAD_HEIGHT) * (0.15 + rng.f32() * 0.2);
        strokes.begin((left, middle));
        for step in 1..=40 {
            let t = step as f32 / 40.0;
            let angle = t * loops * std::f32::consts::TAU;
            strokes.extend((
                left + t * width * 0.9 + angle.cos() * height * 0.3,
                middle - angle.sin() * height * (1.0 - t * 0.4),
            ));
        }
    }
    strokes
}

/// The size of a demo page of signed paper: a small fax, in dots.
const DEMO_FAX: (u32, u32) = (170, 240);

/// A made-up page faxed back: lines of print, two signatures at the foot, in black and white.
fn demo_fax_png(rng: &mut fastrand::Rng) -> Vec<u8> {
    let (w, h) = DEMO_FAX;
    let lines: Vec<u32> = (0..18).map(|_| rng.u32(40..w - 12)).collect();
    let image = image::GrayImage::from_fn(w, h, |x, y| {
        let row = y / 10;
        let printed =
            (2..20).contains(&row) && y % 10 < 3 && x >= 12 && x < lines[(row - 2) as usize];
        let signed = y > 205 && y < 225 && x > 20 && (x + y * 3) % 17 < 2;
        image::Luma([if printed || signed { 0 } else { 255 }])
    });
    let mut bytes = Vec::new();
    let encoded = image::DynamicImage::ImageLuma8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .is_ok();
    debug_assert!(encoded, "encoding a PNG in memory cannot fail");
    bytes
}

/// A time some whole hours after `after`, in working hours.
fn later(
    rng: &mut fastrand::Rng,
    after: NaiveDateTime,
    hours: std::ops::Range<i64>,
) -> NaiveDateTime {
    whole_minutes(after + Duration::hours(rng.i64(hours)) + Duration::minutes(rng.i64(0..60)))
}

/// The clerks of the demo's customer-service centre, who also make the return visits.
const CALLERS: &[&str] = &["王丽", "陈静", "刘敏", "赵芳"];
const SATISFIED_NOTES: &[&str] = &[
    "客户表示满意，产品使用正常。",
    "维修及时，师傅态度好，客户满意。",
    "客户满意，已告知日常保养注意事项。",
    "",
];
const DISSATISFIED_NOTES: &[&str] = &[
    "客户反映问题仍未解决，要求再次上门。",
    "更换配件后仍有异响，客户不满意。",
];

/// The most deliveries for repair the demo makes (a month's, at headquarters' scale).
const MOST_REPAIRS: usize = 2000;

/// Deliveries of machines for repair over the last month, one for every fifty cards (at most
/// [`MOST_REPAIRS`]): the older
/// ones finished (mostly within their turnaround), the last few still in the workshop.
fn add_repairs(
    store: &mut Store,
    rng: &mut fastrand::Rng,
    cards: usize,
    now: NaiveDateTime,
) -> Result<()> {
    let per_day = store.settings()?.limits().repairs_per_day;
    // A workshop takes in some thousands a month, however large the archive.
    let count = (cards / 50).clamp(1, MOST_REPAIRS);
    let mut deliveries: Vec<crate::domain::repair::Repair> = (0..count)
        .map(|index| {
            // The last three arrived in the past three days; the others over the month.
            let days_back = if index + 3 >= count {
                rng.i64(0..3)
            } else {
                rng.i64(3..30)
            };
            let received_at =
                whole_minutes(now - Duration::days(days_back) - Duration::hours(rng.i64(0..8)))
                    .min(now);
            let &(_, models, _) = pick(rng, PRODUCTS);
            crate::domain::repair::Repair {
                received_at,
                sender: format!("{}{}", pick(rng, PLACES).1, pick(rng, DEALER_KINDS)),
                sender_phone: String::new(),
                product_model: (*pick(rng, models)).to_owned(),
                units: *pick(rng, &[1, 2, 3, 5, 8, 12, 15, 24, 30]),
                notes: String::new(),
            }
        })
        .collect();
    deliveries.sort_by_key(|repair| repair.received_at);
    for repair in deliveries {
        let received_at = repair.received_at;
        let due = repair.due_at(per_day);
        let stored = store.insert_repair(&repair, received_at)?;
        let finished_at = later(rng, received_at, 3..(due - received_at).num_hours().max(4));
        if finished_at <= now && now - received_at > Duration::days(3) {
            store.complete_repair(stored.id, finished_at)?;
        }
    }
    Ok(())
}

/// Forms record times to the minute, and technicians work from 8:00 to 19:00: a time outside
/// those hours moves to 8:00 the next morning.
fn whole_minutes(time: NaiveDateTime) -> NaiveDateTime {
    use chrono::Timelike;
    let time = time
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(time);
    match time.hour() {
        8..=18 => time,
        0..=7 => time.date().and_hms_opt(8, time.minute(), 0).unwrap_or(time),
        _ => (time.date() + Days::new(1))
            .and_hms_opt(8, time.minute(), 0)
            .unwrap_or(time),
    }
}

fn investigation(
    rng: &mut fastrand::Rng,
    complaint: &Complaint,
    arrived_at: NaiveDateTime,
) -> Investigation {
    let installation = complaint.complaint_type == ComplaintType::InstallationQuality;
    let quality_problem =
        complaint.complaint_type == ComplaintType::ProductQuality && rng.u8(..4) > 0;
    let (findings, cause) = match complaint.complaint_type {
        ComplaintType::ProductQuality => ("现场试机，故障复现；比例阀动作异常。", "比例阀质量缺陷"),
        ComplaintType::InstallationQuality => ("排烟管接口未密封，固定支架松动。", "安装不规范"),
        ComplaintType::ServiceAttitude => {
            ("核实维修记录，服务人员未按时上门。", "服务网点派工延误")
        }
        ComplaintType::ImproperUse => ("外壳有拆卸痕迹，内部接线被改动。", "用户自行拆改"),
        ComplaintType::TransportDamage => ("包装箱一角破损，侧板凹陷。", "运输途中碰撞"),
        ComplaintType::Other => ("核实发票信息有误。", "开票信息录入错误"),
    };
    let responsible_party = match complaint.complaint_type {
        ComplaintType::ProductQuality => ResponsibleParty::Company,
        ComplaintType::InstallationQuality => ResponsibleParty::Installer,
        ComplaintType::ServiceAttitude | ComplaintType::Other => ResponsibleParty::Dealer,
        ComplaintType::ImproperUse => ResponsibleParty::Customer,
        ComplaintType::TransportDamage => ResponsibleParty::Transport,
    };
    let mut documents = vec![
        Document::AcceptanceCertificate,
        Document::AfterSalesRegistration,
    ];
    if installation {
        documents.insert(1, Document::EnvironmentTable);
        documents.insert(2, Document::InstallationAcceptance);
    }
    Investigation {
        investigators: format!(
            "{}、{}",
            pick(rng, CLERKS),
            pick(rng, &["王师傅", "李师傅", "张工"])
        ),
        arrived_at,
        findings: findings.to_owned(),
        documents_checked: documents,
        cause: cause.to_owned(),
        quality_problem,
        responsible_party,
        proposed_treatment: if quality_problem {
            Treatment::Replace
        } else {
            Treatment::Repair
        },
        estimated_cost: Fen(i64::from(rng.u32(5..60)) * 1_000),
        customer_opinion: (*pick(rng, &["同意处理方案", "要求尽快解决", "希望换新机"])).to_owned(),
    }
}

fn confirmation(
    rng: &mut fastrand::Rng,
    complaint: &Complaint,
    report: &Investigation,
    completed_at: NaiveDateTime,
) -> Confirmation {
    let parts: Vec<Part> = (0..rng.usize(0..3))
        .map(|_| {
            let &(name, cost, code) = pick(
                rng,
                &[
                    ("点火针", 1_550, "DH"),
                    ("比例阀", 12_000, "PV"),
                    ("水流传感器", 4_500, "SL"),
                    ("主控板", 26_000, "ZK"),
                    ("进水阀", 3_800, "JS"),
                ],
            );
            // A serial as the supplier prints it: its code, the year made, a number.
            let serial = |rng: &mut fastrand::Rng, year: u32| {
                format!("{code}{year}{:06}", rng.u32(..1_000_000))
            };
            let faulty_serial = if rng.u8(..4) == 0 {
                String::new() // worn off, or never marked
            } else {
                let year = rng.u32(2019..2025);
                serial(rng, year)
            };
            Part {
                name: name.to_owned(),
                quantity: rng.u32(1..3),
                unit_cost: Fen(cost),
                old_part_returned: rng.bool(),
                faulty_serial,
                replacement_serial: serial(rng, 2026),
            }
        })
        .collect();
    let parts_total: Fen = parts.iter().map(Part::total).sum();
    let in_warranty = report.responsible_party == ResponsibleParty::Company;
    let bearer = if in_warranty {
        BorneBy::Company
    } else {
        BorneBy::ResponsibleParty
    };
    let three_guarantees = (report.proposed_treatment == Treatment::Replace && rng.u8(..3) == 0)
        .then_some(complaint.purchase_date)
        .flatten()
        .map(|sale_date| ThreeGuarantees {
            remedy: if rng.bool() {
                Remedy::Exchange
            } else {
                Remedy::Refund
            },
            price: Fen(i64::from(rng.u32(15..60)) * 10_000),
            sale_date,
            counterfeit_or_unmarked: false,
        });
    let rating = |rng: &mut fastrand::Rng| {
        *pick(
            rng,
            &[
                Rating::VerySatisfied,
                Rating::Satisfied,
                Rating::Satisfied,
                Rating::Fair,
                Rating::Dissatisfied,
            ],
        )
    };
    Confirmation {
        treatment: report.proposed_treatment,
        work_done: match report.proposed_treatment {
            Treatment::Replace => "为用户更换新机，旧机返厂检测。".to_owned(),
            _ => format!("按调查结论处理：{}，试机正常。", report.cause),
        },
        technicians: technicians(complaint),
        // Now and then a relative or a neighbour lets the technician in.
        contact_person: match rng.u8(..6) {
            0 => format!("{}（家属）", pick(rng, &["王女士", "李先生", "陈阿姨"])),
            1 => "物业 刘师傅".to_owned(),
            _ => String::new(),
        },
        cause_found: match report.proposed_treatment {
            Treatment::Replace => format!("{}，无法修复", report.cause),
            _ => format!("拆检确认：{}", report.cause),
        },
        parts,
        service_category: if in_warranty {
            ServiceCategory::FreeInWarranty
        } else {
            ServiceCategory::Paid
        },
        costs: [
            Cost {
                amount: Fen(8_000),
                borne_by: bearer,
            },
            Cost {
                amount: parts_total,
                borne_by: bearer,
            },
            Cost {
                amount: Fen(i64::from(rng.u32(0..5)) * 1_000),
                borne_by: BorneBy::Dealer,
            },
            Cost {
                amount: Fen(0),
                borne_by: BorneBy::Company,
            },
            // A new unit goes out boxed; a part travels in the technician's case.
            Cost {
                amount: Fen(if report.proposed_treatment == Treatment::Replace {
                    5_000
                } else {
                    0
                }),
                borne_by: BorneBy::Company,
            },
        ],
        three_guarantees,
        ratings: [rating(rng), rating(rng), rating(rng), rating(rng)],
        comments: (*pick(rng, &["满意", "师傅很专业", "", "希望以后上门更快"])).to_owned(),
        completed_at,
    }
}

/// One technician, or two, who did the work. Drawn from the case itself rather than from the
/// demo's own sequence, so every other record stays as it was before confirmations named them.
fn technicians(complaint: &Complaint) -> Vec<String> {
    // FNV-1a over the serial number and the time of receipt: the same case, the same names.
    let seed = complaint
        .serial_no
        .bytes()
        .chain(complaint.received_at.to_string().into_bytes())
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    let mut rng = fastrand::Rng::with_seed(seed);
    let first = rng.usize(..TECHNICIANS.len());
    let mut names = vec![TECHNICIANS[first].to_owned()];
    if rng.u8(..3) == 0 {
        let second = (first + rng.usize(1..TECHNICIANS.len())) % TECHNICIANS.len();
        names.push(TECHNICIANS[second].to_owned());
    }
    names
}

/// Small made-up site photos (PNGs in a few colours), so demo reports show and print photos
/// without shipping any. Made once a run: encoding one for each report would cost more than
/// writing the report.
struct DemoPhotos(Vec<Vec<u8>>);

impl DemoPhotos {
    fn new(rng: &mut fastrand::Rng) -> Self {
        DemoPhotos((0..6).map(|_| demo_png(rng)).collect())
    }

    fn pick(&self, rng: &mut fastrand::Rng, serial_no: &str) -> Photo {
        Photo {
            file_name: format!("现场照片-{serial_no}.png"),
            mime: "image/png",
            bytes: pick(rng, &self.0).clone(),
            document: crate::domain::investigation::PhotoDocument::Scene,
        }
    }
}

fn demo_png(rng: &mut fastrand::Rng) -> Vec<u8> {
    let (w, h) = (320, 240);
    let base = [rng.u8(60..200), rng.u8(60..200), rng.u8(60..200)];
    let image = image::RgbImage::from_fn(w, h, |x, y| {
        let shade = ((x * 255 / w) as u8 / 3).saturating_add((y * 255 / h) as u8 / 3);
        image::Rgb([
            base[0].saturating_add(shade / 2),
            base[1].saturating_sub(shade / 3),
            base[2].saturating_add(shade / 4),
        ])
    });
    let mut bytes = Vec::new();
    let encoded = image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .is_ok();
    debug_assert!(encoded, "encoding a PNG in memory cannot fail");
    bytes
}

fn complaint(
    rng: &mut fastrand::Rng,
    card: &WarrantyCard,
    registration_no: String,
    now: NaiveDateTime,
) -> Complaint {
    let since = card.warranty_start().and_hms_opt(8, 0, 0).unwrap_or(now);
    let span_minutes = (now - since).num_minutes().max(1);
    // Recent complaints are more common: most fall in the last 60 days, many in the last ten
    // (the cases still under way).
    let share = rng.u8(..10);
    let back = if share < 3 {
        rng.i64(0..(10 * 24 * 60).min(span_minutes))
    } else if share < 7 {
        rng.i64(0..(60 * 24 * 60).min(span_minutes))
    } else {
        rng.i64(0..span_minutes)
    };
    // Complaints come in during office hours.
    let day = (now - Duration::minutes(back)).date();
    let received_at = day
        .and_hms_opt(8 + rng.u32(..11), rng.u32(..60), 0)
        .filter(|t| *t <= now && *t >= since)
        .unwrap_or(now - Duration::minutes(back));
    let &(complaint_type, description) = pick(rng, DESCRIPTIONS);
    let by_hand = rng.u8(..10) == 0;
    let at_hq = rng.bool();
    Complaint {
        received_at,
        channel: *pick(rng, Channel::ALL),
        receiving_unit: if at_hq {
            ReceivingUnit::Headquarters
        } else {
            ReceivingUnit::Dealer
        },
        receiving_unit_name: if at_hq {
            "总部客服中心".to_owned()
        } else {
            card.issuing_dealer.clone()
        },
        received_by: (*pick(rng, CLERKS)).to_owned(),
        warranty_registration_no: (!by_hand).then_some(registration_no),
        customer_name: card.customer_name.clone(),
        customer_address: card.customer_address.clone(),
        customer_phone: card.customer_phone.clone(),
        product_model: card.product_model.clone(),
        serial_no: card.serial_no.clone(),
        purchase_date: Some(card.purchase_date),
        complaint_type,
        description: description.to_owned(),
        customer_request: *pick(rng, CustomerRequest::ALL),
        urgency: if rng.u8(..6) == 0 {
            Urgency::Urgent
        } else {
            Urgency::Normal
        },
        media_risk: if rng.u8(..20) == 0 {
            MediaRisk::Threatened
        } else {
            MediaRisk::None
        },
    }
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn card(rng: &mut fastrand::Rng, start: NaiveDate, today: NaiveDate) -> WarrantyCard {
    let span = (today - start).num_days().max(1) as u64;
    let purchase_date = start + Days::new(rng.u64(..span));
    let installation_date = (rng.u8(..10) < 8)
        .then(|| purchase_date + Days::new(rng.u64(0..10)))
        .filter(|d| *d <= today);
    let issue_date = installation_date.unwrap_or(purchase_date);
    let &(province, city, districts, area_code) = pick(rng, PLACES);
    let district = pick(rng, districts);
    let english = rng.u8(..12) == 0;
    let customer_name = if english {
        (*pick(rng, ENGLISH_NAMES)).to_owned()
    } else {
        format!("{}{}", pick(rng, SURNAMES), pick(rng, GIVEN_NAMES))
    };
    let customer_phone = if rng.bool() || english {
        let second = pick(rng, &['3', '5', '7', '8', '9']);
        format!("1{second}{:09}", rng.u32(..1_000_000_000))
    } else {
        let subscriber = if area_code.len() == 3 {
            8
        } else {
            7 + rng.usize(..2)
        };
        let first = rng.u32(2..10);
        let rest = rng.u64(..10u64.pow(subscriber as u32 - 1));
        format!("{area_code}-{first}{rest:0width$}", width = subscriber - 1)
    };
    let street = pick(rng, STREETS);
    let customer_address = format!(
        "{province}{}{district}{street}{}号{}栋{}室",
        if province == city { "" } else { city },
        rng.u32(1..300),
        rng.u32(1..30),
        rng.u32(101..2600)
    );
    let &(category, models, warranty_months) = pick(rng, PRODUCTS);
    let product_model = (*pick(rng, models)).to_owned();
    let dealer_city = city.trim_end_matches('市');
    let issuing_dealer = format!(
        "{dealer_city}{}{}",
        pick(rng, &["城东", "城西", "中心", "新区"]),
        pick(rng, DEALER_KINDS)
    );
    let serial_no = format!(
        "{}{}{:05}",
        product_model
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(4)
            .collect::<String>(),
        purchase_date.format("%y%m"),
        rng.u32(..100_000)
    );
    let invoice_no = if rng.u8(..10) < 9 {
        format!("{:08}", rng.u32(..100_000_000))
    } else {
        String::new()
    };
    // Most customers send the feedback form back; recent cards may still be in the post.
    let feedback_returned = rng.u8(..100) < 85;
    WarrantyCard {
        issue_date,
        issuing_dealer,
        customer_name,
        customer_address,
        customer_phone,
        product_category: category.to_owned(),
        product_model,
        serial_no,
        purchase_date,
        purchase_area: format!("{}{}", province.trim_end_matches('省'), dealer_city),
        installation_date,
        invoice_no,
        warranty_months,
        feedback_returned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::warranty_card::WarrantyCardDraft;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    #[test]
    fn demo_data_is_reproducible_from_its_seed() {
        let (mut a, mut b) = (
            Store::open_in_memory().unwrap(),
            Store::open_in_memory().unwrap(),
        );
        fill(&mut a, 50, 7, now()).unwrap();
        fill(&mut b, 50, 7, now()).unwrap();
        let rows = |s: &Store| {
            let ids = s.card_ids(&Default::default()).unwrap();
            s.card_rows(&ids)
                .unwrap()
                .into_iter()
                .map(|r| (r.customer_name, r.customer_phone, r.serial_no))
                .collect::<Vec<_>>()
        };
        assert_eq!(rows(&a), rows(&b));
        assert_eq!(a.operator().unwrap(), None, "nobody is left logged in");
    }

    #[test]
    fn demo_cases_are_in_every_state_and_a_few_recent_ones_are_overdue() {
        use crate::domain::case_life::Limits;
        use crate::domain::case_life::Region;
        let mut store = Store::open_in_memory().unwrap();
        fill(&mut store, 1500, 42, now()).unwrap();
        let ids = store.complaint_ids(&Default::default()).unwrap();
        let mut current = std::collections::HashSet::new();
        let mut reopened = 0;
        for &id in &ids {
            let steps = store.steps_of(id).unwrap();
            current.insert(steps.last().unwrap().step);
            reopened += usize::from(steps.iter().any(|s| s.step == Step::Reopened));
            let visits = store.return_visits_of(id).unwrap();
            assert_eq!(
                visits.len(),
                steps
                    .iter()
                    .filter(|s| matches!(s.step, Step::ReturnVisitDone | Step::Reopened))
                    .count(),
                "every visit is a step and every visit step a visit"
            );
        }
        for step in [
            Step::Received,
            Step::Responded,
            Step::OnSite,
            Step::TreatmentDecided,
            Step::Resolved,
            Step::ReturnVisitDone,
            Step::Closed,
        ] {
            assert!(current.contains(&step), "no demo case is at {step:?}");
        }
        assert!(reopened > 0, "some customers were dissatisfied");
        let named = store.steps_of(ids[0]).unwrap();
        assert!(CALLERS.contains(&named[0].operator.as_str()), "{named:?}");
        let overdue = store
            .overdue(now(), Limits::default(), &Region::default())
            .unwrap();
        assert!(!overdue.is_empty(), "the dashboard has real work");
        assert!(
            overdue.len() * 5 < ids.len(),
            "most cases were handled in time: {} of {}",
            overdue.len(),
            ids.len()
        );
        // Machines are in the workshop too, and older deliveries are finished.
        let repairs = store.repairs(1000).unwrap();
        let open = repairs.iter().filter(|r| r.completed_at.is_none()).count();
        assert!(
            open > 0 && open < repairs.len(),
            "{open} of {}",
            repairs.len()
        );
        // Only recent cases were let slip; the old ones are long closed.
        for late in &overdue {
            assert!(late.late < Duration::days(30), "{late:?}");
        }
    }

    #[test]
    fn every_demo_card_passes_the_forms_own_validation() {
        let mut store = Store::open_in_memory().unwrap();
        let added = fill(&mut store, 1500, 42, now()).unwrap();
        assert_eq!(added.cards, 1500);
        assert!(
            (120..260).contains(&added.complaints),
            "about one in eight: {added:?}"
        );
        assert_eq!(store.complaint_count().unwrap() as usize, added.complaints);
        let ids = store.complaint_ids(&Default::default()).unwrap();
        let investigated = ids
            .iter()
            .filter(|id| store.investigation_of(**id).unwrap().is_some())
            .count();
        let resolved = ids
            .iter()
            .filter(|id| store.confirmation_of(**id).unwrap().is_some())
            .count();
        assert!(
            investigated > resolved && resolved > 0,
            "cases at every step: {investigated} investigated, {resolved} resolved"
        );
        assert!(
            investigated < ids.len(),
            "some complaints are still waiting for a visit"
        );
        // Every demo form passes its own form's validation.
        for id in ids {
            let received_at = store.complaint_by_id(id).unwrap().complaint.received_at;
            if let Some(report) = store.investigation_of(id).unwrap() {
                let draft = crate::domain::investigation::InvestigationDraft::from_investigation(
                    &report.investigation,
                );
                assert_eq!(draft.parse(received_at, now()), Ok(report.investigation));
            }
            if let Some(stored) = store.confirmation_of(id).unwrap() {
                let draft = crate::domain::confirmation::ConfirmationDraft::from_confirmation(
                    &stored.confirmation,
                );
                assert_eq!(draft.parse(received_at, now()), Ok(stored.confirmation));
            }
        }
        let ids = store.card_ids(&Default::default()).unwrap();
        let mut without_feedback = 0;
        let mut english = 0;
        for id in ids {
            let stored = store.card_by_id(id).unwrap();
            let reparsed = WarrantyCardDraft::from_card(&stored.card).parse(now().date());
            assert_eq!(
                reparsed.as_ref(),
                Ok(&stored.card),
                "{}",
                stored.registration_no
            );
            without_feedback += usize::from(!stored.card.feedback_returned);
            english += usize::from(stored.card.customer_name.is_ascii());
        }
        assert!(without_feedback > 50, "some cards lack the feedback form");
        assert!(english > 20, "some customers have English names");
    }

    /// A form's record read back through its form: accepted, and the same. Neither is
    /// printed on failure, since the values run to 20,000 characters.
    fn passes<T: PartialEq, E: std::fmt::Debug>(parsed: std::result::Result<T, E>, stored: &T) {
        match parsed {
            Err(errors) => panic!("refused: {errors:?}"),
            Ok(parsed) => assert!(
                parsed == *stored,
                "{} reads back otherwise",
                std::any::type_name::<T>()
            ),
        }
    }

    #[test]
    fn the_longest_case_is_at_every_forms_limits_and_passes_its_validation() {
        use crate::domain::complaint::{ComplaintDraft, MAX_DESCRIPTION_CHARS};
        use crate::domain::confirmation::{ConfirmationDraft, MAX_PARTS};
        use crate::domain::investigation::{InvestigationDraft, MAX_REPORT_TEXT_CHARS};
        let mut store = Store::open_in_memory().unwrap();
        let id = fill_longest(&mut store, now()).unwrap();
        let complaint = store.complaint_by_id(id).unwrap().complaint;
        passes(
            ComplaintDraft::from_complaint(&complaint).parse(now()),
            &complaint,
        );
        assert_eq!(complaint.description.chars().count(), MAX_DESCRIPTION_CHARS);
        let number = complaint.warranty_registration_no.clone().unwrap();
        let card = store.card_by_registration_no(&number).unwrap().card;
        passes(
            WarrantyCardDraft::from_card(&card).parse(now().date()),
            &card,
        );
        assert_eq!(card.customer_name.chars().count(), 200);
        assert_eq!(card.customer_address.chars().count(), 1000);
        let report = store.investigation_of(id).unwrap().unwrap().investigation;
        passes(
            InvestigationDraft::from_investigation(&report).parse(complaint.received_at, now()),
            &report,
        );
        assert_eq!(report.findings.chars().count(), MAX_REPORT_TEXT_CHARS);
        let confirmation = store.confirmation_of(id).unwrap().unwrap().confirmation;
        passes(
            ConfirmationDraft::from_confirmation(&confirmation).parse(complaint.received_at, now()),
            &confirmation,
        );
        assert_eq!(confirmation.parts.len(), MAX_PARTS);
        assert!(
            confirmation.parts.iter().all(|part| {
                part.faulty_serial.len() == 40 && part.replacement_serial.len() == 40
            })
        );
        assert_eq!(confirmation.technicians.len(), 10);
        // One more character anywhere would be refused.
        let mut longer = ConfirmationDraft::from_confirmation(&confirmation);
        longer.contact_person.push('长');
        assert!(longer.parse(complaint.received_at, now()).is_err());
    }

    #[test]
    fn demo_contracts_are_valid_and_some_are_due_for_renewal() {
        let mut store = Store::open_in_memory().unwrap();
        let added = fill(&mut store, 40, 42, now()).unwrap();
        assert_eq!(added.contracts, 9, "eight contracts and one renewal");
        let ids = store.contract_ids(&Default::default()).unwrap();
        assert_eq!(ids.len(), 9);
        for id in &ids {
            let stored = store.contract_by_id(*id).unwrap();
            let draft =
                crate::domain::contract::MaintenanceContractDraft::from_contract(&stored.contract);
            assert_eq!(draft.parse(), Ok(stored.contract), "{}", stored.contract_no);
        }
        let today = now().date();
        let due = store.contracts_due_for_renewal(today).unwrap();
        assert_eq!(
            due.len(),
            3,
            "four end within the month, one is renewed: {due:?}"
        );
        let rows = store.contract_rows(&ids).unwrap();
        assert!(rows.iter().any(|r| r.end_date < today), "one has ended");
        assert!(
            rows.iter().any(|r| r.end_date > today + Duration::days(60)),
            "some end later"
        );
    }
}
