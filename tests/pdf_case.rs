//! The investigation report, the service confirmation and the case packet, read back.

mod common;

use aftersales::domain::company::CompanyProfile;
use aftersales::domain::confirmation::Part;
use aftersales::domain::money::Fen;
use aftersales::domain::three_guarantees::DepreciationRates;
use aftersales::pdf::confirmation::ConfirmationPaper;
use aftersales::pdf::investigation::ReportPaper;
use common::{all_fonts_embedded, case, image_count, letterhead, now, page_texts, pdf_text};

#[test]
fn an_investigation_report_prints_its_findings_checklist_and_photo() {
    let (store, complaint_id) = case();
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let report = store.investigation_of(complaint_id).unwrap().unwrap();
    let photos = store.photos_of(report.id).unwrap();
    let paper = ReportPaper {
        report: &report,
        complaint: &complaint,
        photos: &photos,
    };
    let bytes =
        aftersales::pdf::investigation::filled(&paper, &CompanyProfile::named("白沙企业")).unwrap();
    let (text, pages) = pdf_text(&bytes);
    for expected in [
        "IR-2026-11-0001",
        "CC-2026-11-0001",
        "张三",
        "比例阀动作异常",
        "■ 产品验收合格证",
        "□ 送货单",
        "是 Yes",
        "公司 Company",
        "350.00",
        "现场照片.png",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    assert_eq!(image_count(&bytes), 1, "the photo is embedded");
    assert!(all_fonts_embedded(&bytes));
}

#[test]
fn a_confirmation_prints_parts_costs_settlement_and_ratings() {
    let (store, complaint_id) = case();
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let confirmation = store.confirmation_of(complaint_id).unwrap().unwrap();
    let paper = ConfirmationPaper {
        confirmation: &confirmation,
        complaint: &complaint,
        rates: DepreciationRates::default(),
    };
    let bytes = aftersales::pdf::confirmation::filled(&paper, &CompanyProfile::default()).unwrap();
    let (text, _) = pdf_text(&bytes);
    for expected in [
        "SC-2026-11-0001",
        "维修人员",
        "Technician(s)",
        "王建国、刘强",
        "比例阀",
        "点火针",
        "31.00",  // 2 × 15.50
        "151.00", // parts cost
        "311.00", // total of the costs, packaging's 50 with them
        "■ 非常满意",
        "经销商 Dealer",
        "2000.00",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // Sold 1 November, completed 22 November: 21 days × 0.3 % × 2000 yuan = 126 yuan.
    assert!(
        text.contains("126.00") && text.contains("1874.00"),
        "{text}"
    );
}

#[test]
fn a_confirmation_prints_its_contact_the_cause_found_packaging_and_each_parts_two_serials() {
    let (store, complaint_id) = case();
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let confirmation = store.confirmation_of(complaint_id).unwrap().unwrap();
    let paper = ConfirmationPaper {
        confirmation: &confirmation,
        complaint: &complaint,
        rates: DepreciationRates::default(),
    };
    let bytes = aftersales::pdf::confirmation::filled(&paper, &CompanyProfile::default()).unwrap();
    let (text, _) = pdf_text(&bytes);
    let at = |what: &str| {
        text.find(what)
            .unwrap_or_else(|| panic!("{what:?} missing from:\n{text}"))
    };
    // Each label with its value after it, in both languages.
    for (label, value) in [
        ("Contact person", "王女士（家属）"),
        ("Cause as found", "比例阀线圈烧毁"),
    ] {
        assert!(at(label) < at(value), "{label} before {value}:\n{text}");
    }
    for label in [
        "联系人",
        "实际故障原因",
        "包装费",
        "Packaging",
        "故障件编号",
        "新件编号",
    ] {
        at(label);
    }
    // The serials on the line of their part (the valve), before the next part's line.
    assert!(
        at("比例阀") < at("PV2023118204")
            && at("PV2023118204") < at("PV2026507331")
            && at("PV2026507331") < at("点火针"),
        "{text}"
    );
    // Packaging's 50 yuan in the costs, between transport's and the total.
    let costs = &text[at("Packaging")..];
    assert!(costs.contains("50.00"), "{costs}");
    assert!(common::all_fonts_embedded(&bytes));
}

#[test]
fn a_three_guarantees_settlement_prints_its_daily_rate_and_whether_the_goods_were_counterfeit() {
    let (store, complaint_id) = case();
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let mut confirmation = store.confirmation_of(complaint_id).unwrap().unwrap();
    let rates = DepreciationRates {
        exchange_bp_per_day: 30,
        refund_bp_per_day: 45,
    };
    // What follows `label` on the page, up to the next label `until`.
    let after = |text: &str, label: &str, until: &str| -> String {
        let start = text
            .find(label)
            .unwrap_or_else(|| panic!("{label:?} missing from:\n{text}"))
            + label.len();
        let end = text[start..]
            .find(until)
            .map_or(text.len(), |at| start + at);
        text[start..end].to_owned()
    };
    for counterfeit in [false, true] {
        confirmation
            .confirmation
            .three_guarantees
            .as_mut()
            .expect("the demo case is an exchange under the three guarantees")
            .counterfeit_or_unmarked = counterfeit;
        let paper = ConfirmationPaper {
            confirmation: &confirmation,
            complaint: &complaint,
            rates,
        };
        let bytes =
            aftersales::pdf::confirmation::filled(&paper, &CompanyProfile::default()).unwrap();
        let (text, _) = pdf_text(&bytes);
        let rate = after(&text, "Depreciation %/day", "假冒");
        assert!(rate.contains("0.30"), "the exchange's rate: {rate:?}");
        let flag = after(&text, "Counterfeit/unmarked", "折旧费（元）");
        let (said, not_said) = if counterfeit {
            ("是 Yes", "否 No")
        } else {
            ("否 No", "是 Yes")
        };
        assert!(
            flag.contains(said) && !flag.contains(not_said),
            "counterfeit {counterfeit}: {flag:?}"
        );
        let charge = after(&text, "Depreciation (yuan)", "Credited");
        let expected = if counterfeit { "0.00" } else { "126.00" };
        assert!(charge.contains(expected), "{charge:?}");
    }
}

#[test]
fn the_technicians_print_under_the_work_done_and_a_simple_confirmation_fits_one_page() {
    let (store, complaint_id) = case();
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let mut simple = store.confirmation_of(complaint_id).unwrap().unwrap();
    simple.confirmation.three_guarantees = None;
    simple.confirmation.parts.truncate(1);
    let paper = ConfirmationPaper {
        confirmation: &simple,
        complaint: &complaint,
        rates: DepreciationRates::default(),
    };
    // One sheet for the customer to sign, under a plain header and under a full letterhead
    // with its logo (issue 15: it ran to two).
    let under_letterhead =
        page_texts(&aftersales::pdf::confirmation::filled(&paper, &common::letterhead()).unwrap());
    assert_eq!(under_letterhead.len(), 1, "{under_letterhead:#?}");
    let pages = page_texts(
        &aftersales::pdf::confirmation::filled(&paper, &CompanyProfile::default()).unwrap(),
    );
    assert_eq!(pages.len(), 1);
    let first = &pages[0];
    let at = |text: &str| {
        first
            .find(text)
            .unwrap_or_else(|| panic!("{text:?} missing from page 1:\n{first}"))
    };
    assert!(
        at("Work done") < at("维修人员")
            && at("Technician(s)") < at("王建国、刘强")
            && at("王建国、刘强") < at("Parts replaced"),
        "the names under the work done, before the parts:\n{first}"
    );
}

#[test]
fn the_case_packet_holds_all_three_forms_each_numbered_on_its_pages() {
    let (store, complaint_id) = case();
    let printed = aftersales::pdf::paper::print(
        &store,
        aftersales::domain::paper::Paper::Packet(complaint_id),
        now().date(),
        &aftersales::i18n::I18n::new(aftersales::i18n::Lang::English),
    )
    .unwrap();
    assert_eq!(printed.file_name, "CC-2026-11-0001-case-packet.pdf");
    let bytes = printed.bytes;
    let (text, pages) = pdf_text(&bytes);
    assert!(pages >= 3, "{pages}");
    for expected in [
        "客户投诉受理表",
        "客户投诉调查报告",
        "售后服务处理确认单",
        "CC-2026-11-0001",
        "IR-2026-11-0001",
        "SC-2026-11-0001",
    ] {
        assert!(text.contains(expected), "{expected:?} missing");
    }
    assert_eq!(image_count(&bytes), 1);
    assert!(all_fonts_embedded(&bytes));
}

#[test]
fn the_packet_opens_with_a_cover_whose_contents_give_the_page_each_form_and_photo_is_on() {
    let (store, complaint_id) = case();
    let printed = aftersales::pdf::paper::print(
        &store,
        aftersales::domain::paper::Paper::Packet(complaint_id),
        now().date(),
        &aftersales::i18n::I18n::new(aftersales::i18n::Lang::English),
    )
    .unwrap();
    let pages = page_texts(&printed.bytes);
    let cover = &pages[0];
    let complaint = store.complaint_by_id(complaint_id).unwrap().complaint;
    for expected in [
        "案卷封面",
        "Case file",
        "CC-2026-11-0001",
        complaint.customer_name.as_str(),
        complaint.customer_phone.as_str(),
        complaint.product_model.as_str(),
        complaint.serial_no.as_str(),
        complaint.receiving_unit_name.as_str(),
        "目录 Contents",
        "处理过程 Steps of the case",
    ] {
        assert!(
            cover.contains(expected),
            "{expected:?} missing from the cover:\n{cover}"
        );
    }
    // Every step recorded, with its time, in the order of the case.
    let steps = store.steps_of(complaint_id).unwrap();
    assert!(steps.len() >= 3, "the test case has its steps: {steps:?}");
    let mut from = 0;
    for step in &steps {
        let time = step.at.format("%Y-%m-%d %H:%M").to_string();
        let at = cover[from..]
            .find(&time)
            .unwrap_or_else(|| panic!("{time} missing, in order, from:\n{cover}"));
        from += at + time.len();
    }
    // The contents give, for each form and the photo, the page it is on in this file.
    let listed = |line_start: &str| -> usize {
        let line = cover
            .lines()
            .skip_while(|line| !line.contains("目录"))
            .collect::<Vec<_>>()
            .join("\n");
        let at = line
            .find(line_start)
            .unwrap_or_else(|| panic!("{line_start:?} not in the contents:\n{line}"));
        let page: String = line[at..]
            .split_whitespace()
            .find_map(|word| {
                let first = word.split('–').next()?;
                (first.chars().all(|c| c.is_ascii_digit()) && first.len() <= 2)
                    .then(|| first.to_owned())
            })
            .unwrap_or_else(|| panic!("no page after {line_start:?}:\n{line}"));
        page.parse().unwrap()
    };
    for (number, title) in [
        ("CC-2026-11-0001", "客户投诉受理表"),
        ("IR-2026-11-0001", "客户投诉调查报告"),
        ("SC-2026-11-0001", "售后服务处理确认单"),
    ] {
        let page = listed(number);
        let text = &pages[page - 1];
        assert!(
            text.contains(title) && common::page_numbers(text).first().map(|(p, _)| *p) == Some(1),
            "the contents put {number} on page {page}, which is:\n{text}"
        );
    }
    let photo_page = listed("现场照片.png");
    assert!(
        pages[photo_page - 1].contains("现场照片.png"),
        "the photo listed on page {photo_page}"
    );
}

#[test]
fn the_letterhead_heads_every_form_of_the_packet_with_one_embedded_logo_and_no_extra_pages() {
    let (store, complaint_id) = case();
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let report = store.investigation_of(complaint_id).unwrap().unwrap();
    let photos = store.photos_of(report.id).unwrap();
    let confirmation = store.confirmation_of(complaint_id).unwrap().unwrap();
    let steps = store.steps_of(complaint_id).unwrap();
    let report = ReportPaper {
        report: &report,
        complaint: &complaint,
        photos: &photos,
    };
    let confirmation = ConfirmationPaper {
        confirmation: &confirmation,
        complaint: &complaint,
        rates: DepreciationRates::default(),
    };
    let full = letterhead();
    let plain = CompanyProfile::named(&full.name);
    use aftersales::pdf::{
        case, complaint as complaint_pdf, confirmation as c, investigation as i,
    };
    let pairs: Vec<(&str, Vec<u8>, Vec<u8>)> = vec![
        (
            "complaint",
            complaint_pdf::filled(&complaint, &plain).unwrap().bytes,
            complaint_pdf::filled(&complaint, &full).unwrap().bytes,
        ),
        (
            "blank complaint",
            complaint_pdf::blank(&plain).unwrap().bytes,
            complaint_pdf::blank(&full).unwrap().bytes,
        ),
        (
            "investigation",
            i::filled(&report, &plain).unwrap().bytes,
            i::filled(&report, &full).unwrap().bytes,
        ),
        (
            "blank investigation",
            i::blank(&plain).unwrap().bytes,
            i::blank(&full).unwrap().bytes,
        ),
        (
            "confirmation",
            c::filled(&confirmation, &plain).unwrap().bytes,
            c::filled(&confirmation, &full).unwrap().bytes,
        ),
        (
            "blank confirmation",
            c::blank(&plain).unwrap().bytes,
            c::blank(&full).unwrap().bytes,
        ),
        (
            "packet",
            case::packet(
                &complaint,
                &steps,
                Some(&report),
                Some(&confirmation),
                Default::default(),
                &plain,
            )
            .unwrap()
            .bytes,
            case::packet(
                &complaint,
                &steps,
                Some(&report),
                Some(&confirmation),
                Default::default(),
                &full,
            )
            .unwrap()
            .bytes,
        ),
    ];
    for (form, without, with) in pairs {
        let pages = page_texts(&with);
        assert_eq!(
            pages.len(),
            page_texts(&without).len(),
            "{form}: the letterhead adds no page"
        );
        // The name heads every page; the rest of the letterhead only each form's first page.
        for (index, text) in pages.iter().enumerate() {
            let first_of_a_form =
                common::page_numbers(text).first().map(|(page, _)| *page) == Some(1);
            assert!(
                text.contains("白沙企业售后服务中心"),
                "{form}, page {}: no name:\n{text}",
                index + 1
            );
            for expected in [
                "江西省南昌市青山湖区高新大道",
                "400-888-1234",
                "0791-88881235",
            ] {
                assert_eq!(
                    text.matches(expected).count(),
                    usize::from(first_of_a_form),
                    "{form}, page {}: {expected:?} once on a form's first page only:\n{text}",
                    index + 1
                );
            }
        }
        // The logo is embedded once, however many pages and forms print it.
        assert_eq!(
            image_count(&with),
            image_count(&without) + 1,
            "{form}: one logo image"
        );
    }
}

#[test]
fn blank_investigation_and_confirmation_forms_have_their_boxes() {
    let (text, _) =
        pdf_text(&aftersales::pdf::investigation::blank(&CompanyProfile::default()).unwrap());
    assert!(
        text.contains("□ 照片 Photos") && text.contains("调查人员"),
        "{text}"
    );
    let (text, pages) =
        pdf_text(&aftersales::pdf::confirmation::blank(&CompanyProfile::default()).unwrap());
    assert!(
        text.contains("□ 不满意 Dissatisfied") && text.contains("配件名称"),
        "{text}"
    );
    // A line to write the technicians' names on.
    assert!(
        text.contains("维修人员") && text.contains("Technician(s)"),
        "{text}"
    );
    assert!(pages <= 2, "{pages} pages");
}

#[test]
fn a_long_parts_list_continues_on_further_pages_with_its_heading_repeated() {
    let (mut store, complaint_id) = case();
    let stored = store.confirmation_of(complaint_id).unwrap().unwrap();
    let mut confirmation = stored.confirmation;
    confirmation.parts = (1..=120)
        .map(|n| Part {
            name: format!("配件{n:03}"),
            quantity: 1,
            unit_cost: Fen(100),
            old_part_returned: false,
            ..Part::default()
        })
        .collect();
    confirmation.costs[1].amount = Fen(12_000);
    store
        .save_confirmation(complaint_id, &confirmation, Some(stored.revision), now())
        .unwrap();
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let stored = store.confirmation_of(complaint_id).unwrap().unwrap();
    let paper = ConfirmationPaper {
        confirmation: &stored,
        complaint: &complaint,
        rates: DepreciationRates::default(),
    };
    let (text, pages) = pdf_text(
        &aftersales::pdf::confirmation::filled(&paper, &CompanyProfile::default()).unwrap(),
    );
    assert!(pages >= 3, "{pages} pages");
    assert!(
        text.contains("配件001") && text.contains("配件120"),
        "first and last parts printed"
    );
    assert!(
        text.matches("Old part returned").count() >= 2,
        "the table heading repeats on the next page"
    );
    assert!(text.contains(&format!("Page {pages} of {pages}")));
}

#[test]
fn every_page_of_every_stored_form_carries_the_code_of_its_record_and_a_blank_one_none() {
    use aftersales::domain::paper::{FormCode, Paper};
    use common::page_codes;
    let (store, id) = case();
    store.set_setting("unit_code", "JX-D01").unwrap();
    let i18n = aftersales::i18n::I18n::new(aftersales::i18n::Lang::English);
    let print = |paper| {
        aftersales::pdf::paper::print(&store, paper, now().date(), &i18n)
            .unwrap()
            .bytes
    };
    let complaint = store.complaint_by_id(id).unwrap();
    let report = store.investigation_of(id).unwrap().unwrap();
    let confirmation = store.confirmation_of(id).unwrap().unwrap();
    for (paper, number, uuid) in [
        (
            Paper::Complaint(id),
            &complaint.complaint_no,
            &complaint.uuid,
        ),
        (
            Paper::Investigation(id),
            &report.investigation_no,
            &report.uuid,
        ),
        (
            Paper::Confirmation(id),
            &confirmation.confirmation_no,
            &confirmation.uuid,
        ),
    ] {
        let expected = FormCode {
            number: number.clone(),
            office: "JX-D01".into(),
            uuid: uuid.clone(),
        };
        let codes = page_codes(&print(paper));
        assert!(!codes.is_empty());
        for (page, code) in codes.iter().enumerate() {
            let code = code
                .as_deref()
                .unwrap_or_else(|| panic!("{number} page {}: no code", page + 1));
            assert_eq!(
                FormCode::parse(code),
                Some(expected.clone()),
                "{number} page {}",
                page + 1
            );
        }
    }
    // The packet: each form's pages their own code; the cover none.
    let packet = page_codes(&print(Paper::Packet(id)));
    assert_eq!(packet[0], None, "the cover");
    let numbers: Vec<String> = packet[1..]
        .iter()
        .map(|code| {
            FormCode::parse(code.as_deref().expect("a code"))
                .unwrap()
                .number
        })
        .collect();
    assert!(numbers.contains(&complaint.complaint_no));
    assert!(numbers.contains(&confirmation.confirmation_no));
    // A blank form names no record.
    let blank = print(Paper::Blank(
        aftersales::domain::paper::BlankForm::Confirmation,
    ));
    assert!(page_codes(&blank).iter().all(Option::is_none));
}

#[test]
fn a_forms_code_reads_back_from_a_fax_turned_two_degrees_with_specks() {
    use aftersales::domain::paper::{FormCode, Paper};
    use common::{Scan, page_codes_scanned};
    let (store, id) = case();
    let i18n = aftersales::i18n::I18n::new(aftersales::i18n::Lang::English);
    let printed =
        aftersales::pdf::paper::print(&store, Paper::Confirmation(id), now().date(), &i18n)
            .unwrap();
    let uuid = store.confirmation_of(id).unwrap().unwrap().uuid;
    // A standard G3 fax: 204 × 196 dots per inch, one bit.
    for (degrees, noise) in [
        (0.0, 0.0),
        (2.0, 0.0),
        (-2.0, 0.02),
        (1.0, 0.04),
        (-3.0, 0.01),
    ] {
        let fax = Scan {
            across: 204.0 / 72.0,
            down: 196.0 / 72.0,
            degrees,
            noise,
        };
        for code in page_codes_scanned(&printed.bytes, fax) {
            let read = code.as_deref().and_then(FormCode::parse);
            assert_eq!(
                read.map(|code| code.uuid),
                Some(uuid.clone()),
                "turned {degrees}°, {noise} of the dots flipped"
            );
        }
    }
}
