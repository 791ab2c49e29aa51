//! Signed paper coming back (issue 17): a printed form, faxed or photographed after the
//! customer signed it, is attached to its form through the code on its pages.

mod common;

use std::path::Path;

use aftersales::domain::paper::Paper;
use aftersales::store::Store;
use aftersales::store::audit::AuditedTable;
use aftersales::store::signed_page::FormRecord;
use common::{Scan, aftersales, now, pages_scanned, stderr};

/// The demo case, its database on disk, and its confirmation printed.
fn printed_case(dir: &Path) -> (std::path::PathBuf, i64, Vec<u8>) {
    let (store, complaint) = common::case();
    let db = dir.join("desk.db");
    store.backup_to(&db).unwrap();
    let i18n = aftersales::i18n::I18n::new(aftersales::i18n::Lang::English);
    let printed =
        aftersales::pdf::paper::print(&store, Paper::Confirmation(complaint), now().date(), &i18n)
            .unwrap();
    let confirmation = store.confirmation_of(complaint).unwrap().unwrap().id;
    (db, confirmation, printed.bytes)
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A standard G3 fax: 204 × 196 dots an inch.
fn fax(degrees: f32, noise: f32) -> Scan {
    Scan {
        across: 204.0 / 72.0,
        down: 196.0 / 72.0,
        degrees,
        noise,
    }
}

#[test]
fn a_confirmation_faxed_back_turned_and_speckled_is_attached_to_itself_through_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let (db, confirmation, printed) = printed_case(dir.path());
    let mut files = Vec::new();
    for (name, scan) in [("fax.png", fax(2.0, 0.02)), ("fax-2.png", fax(-1.5, 0.03))] {
        // Its first page, where the customer signs.
        let pages = pages_scanned(&printed, scan);
        let path = dir.path().join(name);
        pages[0].save(&path).unwrap();
        files.push(path);
    }
    // A phone photo: finer, turned the other way, saved as JPEG.
    let photo = &pages_scanned(
        &printed,
        Scan {
            across: 300.0 / 72.0,
            down: 300.0 / 72.0,
            degrees: -2.5,
            noise: 0.0,
        },
    )[0];
    let photo_path = dir.path().join("手机拍照.jpg");
    image::DynamicImage::ImageLuma8(photo.clone())
        .to_rgb8()
        .save(&photo_path)
        .unwrap();
    files.push(photo_path);

    let mut args = vec!["attach-scan", "--db", db.to_str().unwrap()];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let output = aftersales(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    let store = Store::open(&db).unwrap();
    let number = store
        .form_number(FormRecord::Confirmation(confirmation))
        .unwrap();
    assert_eq!(lines.len(), 3, "{lines:?}");
    for (line, file) in lines.iter().zip(&files) {
        assert!(
            line.starts_with(&format!("{}: signed original of {number}", file.display())),
            "{line}"
        );
    }
    let kept = store
        .signed_pages_of(FormRecord::Confirmation(confirmation))
        .unwrap();
    assert_eq!(kept.len(), 3);
    assert_eq!(kept[2].file_name, "手机拍照.jpg");
    // Kept under the clerk of this database, from the command line.
    assert!(
        kept.iter().all(|p| p.added_by.ends_with("(command line)")),
        "{kept:?}"
    );
    for page in &kept {
        // Kept in greys at about 200 dots an inch: an A4 page's long side in 2,339 dots at
        // most, and the picture reads back.
        assert!(page.width.max(page.height) <= 2_339, "{page:?}");
        let picture = image::load_from_memory(&store.signed_page_png(page.id).unwrap()).unwrap();
        assert_eq!(
            (picture.width(), picture.height()),
            (page.width, page.height)
        );
        assert_eq!(picture.color(), image::ColorType::L8);
        assert!(
            page.code
                .as_deref()
                .unwrap()
                .starts_with(&format!("AS1:{number}:"))
        );
    }
    // The photo of 300 dots an inch was made smaller; the fax, already under, was not.
    assert_eq!(kept[2].height, 2_339);
    assert_eq!(kept[0].height, (841.89_f32 * 196.0 / 72.0) as u32);
    // In the confirmation's history.
    let history = store
        .history(AuditedTable::Confirmations, confirmation)
        .unwrap()
        .into_iter()
        .filter(|entry| entry.field.as_deref() == Some("signed-page"))
        .count();
    assert_eq!(history, 3);
}

#[test]
fn the_same_file_twice_is_kept_once_and_a_page_without_a_code_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let (db, confirmation, printed) = printed_case(dir.path());
    let signed = dir.path().join("signed.png");
    pages_scanned(&printed, fax(0.5, 0.01))[0]
        .save(&signed)
        .unwrap();
    // A page with nothing on it where the code goes: the code's corner torn off.
    let torn = dir.path().join("torn.png");
    image::GrayImage::from_pixel(1_700, 2_300, image::Luma([255]))
        .save(&torn)
        .unwrap();
    let db_arg = db.to_str().unwrap();
    let first = aftersales(&[
        "attach-scan",
        "--db",
        db_arg,
        signed.to_str().unwrap(),
        torn.to_str().unwrap(),
    ]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("torn.png: no form's code could be read on it; kept aside"),
        "{}",
        stdout(&first)
    );
    // The same files again, one under another name (copied): nothing more is kept.
    let copy = dir.path().join("signed again.png");
    std::fs::copy(&signed, &copy).unwrap();
    let again = aftersales(&[
        "attach-scan",
        "--db",
        db_arg,
        signed.to_str().unwrap(),
        copy.to_str().unwrap(),
        torn.to_str().unwrap(),
    ]);
    assert!(again.status.success(), "{}", stderr(&again));
    let said = stdout(&again);
    assert_eq!(said.matches("already kept with").count(), 2, "{said}");
    assert_eq!(said.matches("already kept aside").count(), 1, "{said}");
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store
            .signed_pages_of(FormRecord::Confirmation(confirmation))
            .unwrap()
            .len(),
        1
    );
    let aside = store.signed_pages_aside(20).unwrap();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        (aside[0].file_name.as_str(), aside[0].code.as_deref()),
        ("torn.png", None)
    );
}

#[test]
fn a_bad_file_is_refused_with_its_reason_and_the_good_ones_beside_it_are_attached() {
    let dir = tempfile::tempdir().unwrap();
    let (db, confirmation, printed) = printed_case(dir.path());
    let good = dir.path().join("good.png");
    pages_scanned(&printed, fax(0.0, 0.0))[0]
        .save(&good)
        .unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    // A PNG whose header claims 50,000 × 50,000 dots.
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bomb.extend(50_000u32.to_be_bytes());
    bomb.extend(50_000u32.to_be_bytes());
    bomb.extend([8, 0, 0, 0, 0]);
    bomb.extend(crc32(&bomb[12..]).to_be_bytes());
    let bomb = write("bomb.png", &bomb);
    // A JPEG cut short in copying.
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageLuma8(pages_scanned(&printed, fax(0.0, 0.0)).remove(0))
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    let cut = write("cut.jpg", &jpeg[..jpeg.len() / 3]);
    let pdf = write("form.pdf", &printed);
    let empty = write("empty.png", b"");
    let missing = dir.path().join("missing.png");
    let output = aftersales(&[
        "attach-scan",
        "--db",
        db.to_str().unwrap(),
        bomb.to_str().unwrap(),
        cut.to_str().unwrap(),
        good.to_str().unwrap(),
        pdf.to_str().unwrap(),
        empty.to_str().unwrap(),
        missing.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let errors = stderr(&output);
    for (file, reason) in [
        (&bomb, "more than 12,000 dots across or down"),
        (&cut, "damaged or cut short"),
        (&pdf, "holds no scanned picture"),
        (&empty, "not a PNG, JPEG, TIFF or PDF scan"),
        (&missing, "not attached"),
        (&dir.path().to_path_buf(), "that is a folder"),
    ] {
        assert!(
            errors.contains(&format!("{}: not attached: ", file.display()))
                && errors.lines().any(|l| l.contains(reason)),
            "{file:?} {reason}: {errors}"
        );
    }
    assert!(
        errors.contains("6 of 7 files could not be attached"),
        "{errors}"
    );
    // The good one went in all the same.
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store
            .signed_pages_of(FormRecord::Confirmation(confirmation))
            .unwrap()
            .len(),
        1
    );
    assert!(store.signed_pages_aside(20).unwrap().is_empty());
}

#[test]
fn every_page_of_a_multi_page_tiff_goes_to_its_form() {
    let dir = tempfile::tempdir().unwrap();
    let (store, complaint) = common::case();
    let db = dir.path().join("desk.db");
    store.backup_to(&db).unwrap();
    let i18n = aftersales::i18n::I18n::new(aftersales::i18n::Lang::English);
    let print = |paper| {
        aftersales::pdf::paper::print(&store, paper, now().date(), &i18n)
            .unwrap()
            .bytes
    };
    // The complaint and the report, one after the other in one TIFF, as a scanner's feeder
    // makes them, and a blank sheet between them.
    let mut pages = pages_scanned(&print(Paper::Complaint(complaint)), fax(1.0, 0.01));
    pages.push(image::GrayImage::from_pixel(
        1_654,
        2_339,
        image::Luma([255]),
    ));
    pages.extend(pages_scanned(
        &print(Paper::Investigation(complaint)),
        fax(-1.0, 0.01),
    ));
    let tiff = dir.path().join("feeder.tif");
    {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&tiff).unwrap());
        let mut encoder = tiff::encoder::TiffEncoder::new(&mut file).unwrap();
        for page in &pages {
            encoder
                .write_image::<tiff::encoder::colortype::Gray8>(
                    page.width(),
                    page.height(),
                    page.as_raw(),
                )
                .unwrap();
        }
    }
    let output = aftersales(&[
        "attach-scan",
        "--db",
        db.to_str().unwrap(),
        tiff.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = store.investigation_of(complaint).unwrap().unwrap();
    let lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), pages.len(), "{lines:?}");
    let complaint_pages =
        pages.len() - 1 - common::pdf_text(&print(Paper::Investigation(complaint))).1;
    for (index, line) in lines.iter().enumerate() {
        let page = index + 1;
        let expected = if index < complaint_pages {
            format!(
                "signed original of {}",
                store.complaint_by_id(complaint).unwrap().complaint_no
            )
        } else if index == complaint_pages {
            "kept aside".to_owned()
        } else {
            format!("signed original of {}", report.investigation_no)
        };
        assert!(
            line.starts_with(&format!("{} page {page}: ", tiff.display()))
                && line.contains(&expected),
            "{line}: {expected}"
        );
    }
    let reopened = Store::open(&db).unwrap();
    let report_pages = reopened
        .signed_pages_of(FormRecord::Investigation(report.id))
        .unwrap();
    assert_eq!(report_pages.len(), pages.len() - complaint_pages - 1);
    assert_eq!(report_pages[0].page as usize, complaint_pages + 2);
}

/// A PNG chunk's CRC (ISO 3309), so the bomb's header is read as valid.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn the_packet_prints_each_signed_page_after_its_form_and_lists_it_on_the_cover() {
    let (store, complaint) = common::case();
    let i18n = aftersales::i18n::I18n::new(aftersales::i18n::Lang::English);
    let print = |paper| {
        aftersales::pdf::paper::print(&store, paper, now().date(), &i18n)
            .unwrap()
            .bytes
    };
    let before = print(Paper::Packet(complaint));
    let page = &pages_scanned(&print(Paper::Confirmation(complaint)), fax(1.0, 0.01))[0];
    let mut png = Vec::new();
    page.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let scan = aftersales::scan::read_scan(&png).unwrap();
    let attached = store.attach_scan("签字确认单.png", &scan, now()).unwrap();
    assert!(matches!(
        attached[0].form,
        Some((FormRecord::Confirmation(_), _))
    ));
    let after = print(Paper::Packet(complaint));
    let (_, pages_before) = common::pdf_text(&before);
    let (_, pages_after) = common::pdf_text(&after);
    // One page more, the confirmation's signed page, last, after the confirmation.
    assert_eq!(pages_after, pages_before + 1);
    assert_eq!(
        common::image_count(&after),
        common::image_count(&before) + 1
    );
    let texts = common::page_texts(&after);
    let last = texts.last().unwrap();
    assert!(
        last.contains("Signed original") && last.contains("签字确认单.png #1"),
        "{last}"
    );
    // The cover lists it, with its page.
    let cover = &texts[0];
    assert!(cover.contains("签字确认单.png #1"), "{cover}");
    assert!(
        common::as_printed(cover).contains(&format!("签字确认单.png#1{pages_after}")),
        "{cover}"
    );
    assert!(common::all_fonts_embedded(&after));

    // The packet faxed somewhere and back: its copy of the signed page carries the copy's code,
    // so it is known for a copy of the page kept, not kept again as a new signed original.
    let kept = store
        .signed_pages_of(attached[0].form.as_ref().unwrap().0)
        .unwrap();
    let copy = pages_scanned(&after, fax(-1.0, 0.01)).pop().unwrap();
    let mut png = Vec::new();
    copy.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let scan = aftersales::scan::read_scan(&png).unwrap();
    assert_eq!(
        scan.pages[0]
            .copy_of
            .as_ref()
            .map(|c| c.signed_page.as_str()),
        Some(kept[0].uuid.as_str()),
        "the copy's code is read"
    );
    let again = store.attach_scan("packet-fax.png", &scan, now()).unwrap();
    match &again[0].kept {
        aftersales::store::signed_page::Kept::Copy(original) => assert_eq!(original.id, kept[0].id),
        other => panic!("kept as {other:?}"),
    }
    assert_eq!(again[0].form, attached[0].form);
    assert_eq!(
        store
            .signed_pages_of(attached[0].form.as_ref().unwrap().0)
            .unwrap()
            .len(),
        1,
        "nothing added"
    );
    assert!(store.signed_pages_aside(20).unwrap().is_empty());
}

/// A PDF as a scanner writes it: a page for each picture, each picture given as its filter
/// and stream (already encoded), its colour space and size.
fn scanner_pdf(pictures: &[(&str, Vec<u8>, &str, u32, u32)]) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let mut kids: Vec<Object> = Vec::new();
    for (filter, bytes, colours, w, h) in pictures {
        let image = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => *w as i64,
                "Height" => *h as i64,
                "ColorSpace" => *colours,
                "BitsPerComponent" => 8,
                "Filter" => *filter,
            },
            bytes.clone(),
        ));
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec(),
        ));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => content,
            "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image } },
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_scanners_pdf_goes_page_by_page_to_its_forms_and_one_it_cannot_read_is_named() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let (db, confirmation, printed) = printed_case(dir.path());
    let page = pages_scanned(&printed, fax(-1.0, 0.01)).remove(0);
    let (w, h) = (page.width(), page.height());
    // The same signed page twice: as JPEG, and as greys compressed with Flate.
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageLuma8(page.clone())
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    let mut flate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    flate.write_all(page.as_raw()).unwrap();
    let flate = flate.finish().unwrap();
    let scanned = dir.path().join("scanner.pdf");
    std::fs::write(
        &scanned,
        scanner_pdf(&[
            ("DCTDecode", jpeg, "DeviceGray", w, h),
            ("FlateDecode", flate, "DeviceGray", w, h),
        ]),
    )
    .unwrap();
    // A scanner's JBIG2, which this program does not read.
    let jbig2 = dir.path().join("jbig2.pdf");
    std::fs::write(
        &jbig2,
        scanner_pdf(&[("JBIG2Decode", vec![0; 64], "DeviceGray", w, h)]),
    )
    .unwrap();
    let output = aftersales(&[
        "attach-scan",
        "--db",
        db.to_str().unwrap(),
        scanned.to_str().unwrap(),
        jbig2.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let said = stdout(&output);
    let store = Store::open(&db).unwrap();
    let number = store
        .form_number(FormRecord::Confirmation(confirmation))
        .unwrap();
    for page in [1, 2] {
        assert!(
            said.contains(&format!(
                "{} page {page}: signed original of {number}",
                scanned.display()
            )),
            "{said}"
        );
    }
    assert!(
        stderr(&output).contains(&format!(
            "{}: not attached: a page of this PDF holds its picture in a kind this program cannot read",
            jbig2.display()
        )),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        store
            .signed_pages_of(FormRecord::Confirmation(confirmation))
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_scanners_pdf_cut_anywhere_or_inflating_without_end_is_refused_never_a_crash() {
    use std::io::Write;
    let page = image::GrayImage::from_pixel(400, 560, image::Luma([255]));
    let mut flate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    flate.write_all(page.as_raw()).unwrap();
    let whole = scanner_pdf(&[(
        "FlateDecode",
        flate.finish().unwrap(),
        "DeviceGray",
        400,
        560,
    )]);
    assert_eq!(aftersales::scan::read_scan(&whole).unwrap().pages.len(), 1);
    for cut in (5..whole.len()).step_by(37) {
        // Whatever it makes of a cut file, the reader answers.
        let _ = aftersales::scan::read_scan(&whole[..cut]);
    }
    // A few kilobytes claiming a page of 12,000 x 12,000 greys that inflate without end: cut
    // at what the picture can hold, and refused as short.
    let mut zeros = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    zeros.write_all(&vec![0u8; 4 * 1024 * 1024]).unwrap();
    let bomb = scanner_pdf(&[(
        "FlateDecode",
        zeros.finish().unwrap(),
        "DeviceGray",
        12_000,
        12_000,
    )]);
    assert!(aftersales::scan::read_scan(&bomb).is_err());
}
