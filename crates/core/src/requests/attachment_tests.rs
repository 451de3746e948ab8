//! Attachments: the type is read from the bytes, the size and count are limited, the bytes are stored once,
//! and a restricted request's files are as invisible as the request.

use base64::Engine as _;
use chrono::{DateTime, Utc};

use super::*;
use crate::auth::test_session;
use crate::db::{Actor, Db, Entity};
use crate::requests::test_support::demo;

/// 2026-11-24 at `h:00` office time.
fn at(h: u32) -> DateTime<Utc> {
    crate::requests::test_support::at(h, 0)
}

fn user_id(db: &Db, username: &str) -> String {
    db.conn()
        .query_row("SELECT id FROM app_user WHERE username = ?1", [username], |r| r.get(0))
        .expect("user")
}

/// A request written straight to the table (the intake's own rules are tested elsewhere).
fn request(db: &mut Db, code: &str, category: &str, level: &str) -> String {
    let category_id: String = db
        .conn()
        .query_row("SELECT id FROM request_category WHERE code = ?1", [category], |r| r.get(0))
        .expect("category");
    db.write(&Actor::system(), at(8), |w| {
        w.insert(
            Entity::Request,
            &[
                ("tracking_code", code.to_owned().into()),
                ("category_id", category_id.into()),
                (
                    "kind",
                    if category == "corruption" { "corruption" } else { "service" }
                        .to_owned()
                        .into(),
                ),
                ("state", "received".to_owned().into()),
                ("confidentiality", level.to_owned().into()),
                ("contact_name", "นายวีระ กล้าแจ้ง".to_owned().into()),
                ("contact_channel", "call_back".to_owned().into()),
                ("description", "ทดสอบไฟล์แนบ".to_owned().into()),
                ("occurred_on", "2026-11-24".to_owned().into()),
                ("received_at", "2026-11-24T01:00:00Z".to_owned().into()),
                ("source", "counter".to_owned().into()),
                ("due_on", "2026-12-09".to_owned().into()),
            ],
        )
    })
    .expect("request")
}

fn file(name: &str, bytes: &[u8]) -> AttachmentInput {
    AttachmentInput {
        file_name: name.into(),
        data_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    }
}

fn png() -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    b.extend_from_slice(b"\0\0\0\rIHDR a small picture");
    b
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".to_vec()
}

/// Stores `input` on `request_id` as the clerk.
fn store(db: &mut Db, request_id: &str, input: &AttachmentInput) -> crate::Result<AttachmentMeta> {
    let clerk = user_id(db, "clerk");
    db.write(&Actor::user(clerk), at(9), |w| store_in(w, request_id, input, "evidence"))
}

fn counts(db: &Db) -> (i64, i64, i64) {
    db.conn()
        .query_row(
            "SELECT (SELECT count(*) FROM file_blob), (SELECT count(*) FROM request_attachment), \
             (SELECT count(*) FROM audit_log)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("counts")
}

#[test]
fn photos_and_pdfs_are_kept_by_their_content_and_the_same_bytes_once() {
    let mut db = demo();
    let id = request(&mut db, "R6901-90001", "street_light", "internal");
    let (blobs, rows, _) = counts(&db);
    let photo = store(&mut db, &id, &file("หลอดไฟ.png", &png())).expect("png");
    assert_eq!((photo.media_type.as_str(), photo.size), ("image/png", png().len() as u64));
    assert_eq!(photo.sha256.len(), 64);
    assert_eq!(photo.purpose, "evidence");
    // A PDF named .jpg is a PDF: the name is only a label, with its folders and control characters gone.
    let doc = store(&mut db, &id, &file("..\\..\\Windows/ใบแจ้ง\u{7}.jpg", &pdf())).expect("pdf");
    assert_eq!(
        (doc.media_type.as_str(), doc.file_name.as_str()),
        ("application/pdf", "ใบแจ้ง .jpg")
    );
    let mut webp = b"RIFF\x10\0\0\0WEBPVP8 ".to_vec();
    webp.extend_from_slice(&[0; 8]);
    assert_eq!(store(&mut db, &id, &file("a.webp", &webp)).expect("webp").media_type, "image/webp");
    let jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F'];
    assert_eq!(store(&mut db, &id, &file("a.jpeg", &jpeg)).expect("jpeg").media_type, "image/jpeg");

    // The same photo again: a second attachment row, one stored content.
    let again = store(&mut db, &id, &file("อีกครั้ง.png", &png())).expect("again");
    assert_eq!(again.sha256, photo.sha256);
    assert_ne!(again.id, photo.id);
    assert_eq!(counts(&db).0 - blobs, 4, "png, pdf, webp, jpeg: the repeated png is stored once");
    assert_eq!(counts(&db).1 - rows, 5);
    let listed: Vec<String> =
        list_for(db.conn(), &id).expect("list").into_iter().map(|m| m.id).collect();
    assert_eq!(listed.first(), Some(&photo.id), "oldest first");
    assert_eq!(listed.len(), 5);
    let by: Option<String> = db
        .conn()
        .query_row("SELECT user_id FROM request_attachment WHERE id = ?1", [&photo.id], |r| {
            r.get(0)
        })
        .expect("row");
    assert_eq!(by, Some(user_id(&db, "clerk")), "the writer's user added it");
    let clerk = test_session(db.conn(), "clerk");
    let (meta, bytes) = attachment_content(db.conn(), &clerk, &doc.id).expect("content");
    assert_eq!((meta, bytes), (doc, pdf()));
}

#[test]
fn wrong_types_empty_too_large_and_damaged_files_are_refused_and_nothing_is_stored() {
    let mut db = demo();
    let id = request(&mut db, "R6901-90002", "street_light", "internal");
    let before = counts(&db);
    let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff".to_vec();
    let refused = [
        ("ไฟดับ.jpg", exe, "error.request.attachment_type"),
        ("a.zip", b"PK\x03\x04\x14\0\0\0".to_vec(), "error.request.attachment_type"),
        ("a.html", b"<html><script>alert(1)</script>".to_vec(), "error.request.attachment_type"),
        (
            "a.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec(),
            "error.request.attachment_type",
        ),
        ("a.sh", b"#!/bin/sh\nrm -rf /\n".to_vec(), "error.request.attachment_type"),
        ("empty.png", Vec::new(), "error.request.attachment_empty"),
    ];
    for (name, bytes, key) in &refused {
        let err = store(&mut db, &id, &file(name, bytes)).expect_err(name);
        assert_eq!((err.code(), err.key()), (ErrorCode::Validation, *key), "{name}");
        assert!(err.to_string().contains(name), "names the file: {err}");
    }
    let err = store(&mut db, &id, &file("ไฟดับ.jpg", b"MZ\x90\0")).expect_err("exe");
    assert!(
        err.to_string().contains("JPEG, PNG, WebP") && err.to_string().contains("PDF"),
        "{err}"
    );

    let mut big = png();
    big.resize(MAX_ATTACHMENT_BYTES + 1, 0);
    let err = store(&mut db, &id, &file("ใหญ่.png", &big)).expect_err("too big");
    assert_eq!(err.key(), "error.request.attachment_size");
    assert!(err.to_string().contains("10 MB") && err.to_string().contains("ใหญ่.png"), "{err}");
    let mut just = png();
    just.resize(MAX_ATTACHMENT_BYTES, 0);
    let huge =
        AttachmentInput { file_name: "x.png".into(), data_base64: "A".repeat(20 * 1024 * 1024) };
    assert_eq!(
        store(&mut db, &id, &huge).expect_err("huge text").key(),
        "error.request.attachment_size"
    );
    let damaged = AttachmentInput { file_name: "x.png".into(), data_base64: "iVBOR*w0KGgo".into() };
    assert_eq!(
        store(&mut db, &id, &damaged).expect_err("bad").key(),
        "error.request.attachment_base64"
    );
    assert_eq!(counts(&db), before, "nothing stored, nothing audited");
    store(&mut db, &id, &file("พอดี.png", &just)).expect("exactly 10 MB is accepted");
}

#[test]
fn a_request_holds_at_most_ten_attachments() {
    let mut db = demo();
    let id = request(&mut db, "R6901-90003", "street_light", "internal");
    for i in 0..MAX_ATTACHMENTS {
        let mut bytes = png();
        bytes.push(u8::try_from(i).expect("small"));
        store(&mut db, &id, &file(&format!("{i}.png"), &bytes)).expect("within the limit");
    }
    let before = counts(&db);
    let err = store(&mut db, &id, &file("11.png", &png())).expect_err("the eleventh");
    assert_eq!(err.key(), "error.request.attachments_many");
    assert!(err.to_string().contains("10"), "{err}");
    assert_eq!(counts(&db), before);
}

#[test]
fn a_restricted_requests_files_are_found_only_by_those_who_may_see_it() {
    let mut db = demo();
    let secret = request(&mut db, "R6901-90004", "corruption", "restricted");
    let photo = store(&mut db, &secret, &file("หลักฐาน.png", &png())).expect("evidence");
    let open = request(&mut db, "R6901-90005", "street_light", "internal");
    let shared = store(&mut db, &open, &file("ไฟ.png", &png())).expect("same bytes");

    let clerk = test_session(db.conn(), "clerk");
    let err = attachment_content(db.conn(), &clerk, &photo.id).expect_err("a clerk");
    assert_eq!(err.code(), ErrorCode::NotFound, "answers like a file that does not exist");
    let nothing = attachment_content(db.conn(), &clerk, "no-such-file").expect_err("missing");
    assert_eq!((err.key(), err.to_string()), (nothing.key(), nothing.to_string()));
    // The same bytes on an open request are no way in to the restricted row.
    assert_eq!(attachment_content(db.conn(), &clerk, &shared.id).expect("open").1, png());

    let palad = test_session(db.conn(), "palad");
    assert_eq!(attachment_content(db.conn(), &palad, &photo.id).expect("supervisor").1, png());
    let chang = test_session(db.conn(), "chang");
    assert_eq!(
        attachment_content(db.conn(), &chang, &photo.id).expect_err("not yet").code(),
        ErrorCode::NotFound
    );
    let chang_id = user_id(&db, "chang");
    db.write(&Actor::system(), at(10), |w| {
        w.insert(
            Entity::AccessGrant,
            &[
                ("entity", "request".to_owned().into()),
                ("entity_id", secret.clone().into()),
                ("user_id", chang_id.into()),
            ],
        )
    })
    .expect("grant");
    assert_eq!(attachment_content(db.conn(), &chang, &photo.id).expect("its handler").0, photo);
    let admin = test_session(db.conn(), "admin");
    assert_eq!(
        attachment_content(db.conn(), &admin, &shared.id).expect_err("admin").code(),
        ErrorCode::NotPermitted
    );
}
