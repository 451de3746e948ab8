//! The acknowledgement slip (ใบรับเรื่อง): office, tracking code (large, and as a QR), category, when
//! received (B.E.), the expected completion date and how the citizen will hear back.

use chrono::{DateTime, NaiveDate};
use rusqlite::Connection;

use super::ContactChannel;
use super::ops::Received;
use crate::doc::{Align, Block, Document, Paper, Paragraph, Qr, Rule};
use crate::error::Result;
use crate::i18n::{Lang, t, tr};
use crate::thai::date::{long_date, long_datetime, office_offset};

/// The QR payload on the slip: the tracking code itself, so any phone's scanner shows it.
pub fn slip_payload(received: &Received) -> String {
    received.tracking_code.clone()
}

fn line(doc: &mut Document, text: String, size: f32) {
    doc.push(Block::Text(Paragraph::new(text, size).align(Align::Center)));
}

/// The slip for `received`, laid out for an 80 mm roll (the print route may change the paper).
///
/// It carries no personal data at all (no name, phone or address): only the office, the tracking code, the
/// kind and category, the division, when it was received, the expected completion date, the channel the
/// citizen chose, how to follow it up, and for a restricted complaint that the reporter's identity is kept
/// confidential. The slip is the citizen's: the shells pass [`Lang::Th`].
pub fn slip_document(conn: &Connection, received: &Received, lang: Lang) -> Result<Document> {
    let office = crate::office::summary(conn)?.map(|o| o.name).unwrap_or_default();
    let code = received.tracking_code.clone();
    let category = match lang {
        Lang::Th => received.category_name_th.clone(),
        Lang::En => received.category_name_en.clone(),
    };

    // A confidential complaint's slip, and its print job (which printer managers list), say only that a
    // request was received: not its kind, category or division, and the job is not titled with its code.
    let open = !received.restricted;
    let title = if open { code.clone() } else { t(lang, "msg.request.slip.title") };
    let mut doc = Document::new(title, Paper::Roll80);
    doc.push(Block::Text(Paragraph::bold(office, 13.0).align(Align::Center)));
    doc.push(Block::Text(
        Paragraph::bold(t(lang, "msg.request.slip.title"), 12.0).align(Align::Center),
    ));
    if open {
        line(&mut doc, t(lang, received.kind.label_key()), 10.0);
    }
    doc.push(Block::Rule(Rule { thickness: 0.6, dashed: true }));
    line(&mut doc, t(lang, "msg.request.slip.code"), 10.0);
    doc.push(Block::Text(Paragraph::bold(code.clone(), 26.0).align(Align::Center)));
    if open {
        doc.push(Block::Text(Paragraph::bold(category, 12.0).align(Align::Center)));
    }
    if let Some(division) = received.department_name.as_deref().filter(|d| open && !d.is_empty()) {
        line(
            &mut doc,
            tr(lang, "msg.request.slip.division", &[("division", division.to_owned())]),
            10.0,
        );
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(&received.received_at) {
        let when = long_datetime(at.with_timezone(&office_offset()).naive_local(), lang);
        line(&mut doc, tr(lang, "msg.request.slip.received", &[("when", when)]), 10.0);
    }
    if let Ok(due) = NaiveDate::parse_from_str(&received.due_on, "%Y-%m-%d") {
        let text = tr(lang, "msg.request.slip.due", &[("date", long_date(due, lang))]);
        doc.push(Block::Text(Paragraph::bold(text, 11.0).align(Align::Center)));
    }
    let hear_back = match received.contact_channel {
        ContactChannel::None => t(lang, "msg.request.slip.channel_none"),
        channel => {
            tr(lang, "msg.request.slip.channel", &[("channel", t(lang, channel.label_key()))])
        }
    };
    line(&mut doc, hear_back, 10.0);
    if received.restricted || received.anonymous {
        doc.push(Block::Rule(Rule { thickness: 0.6, dashed: true }));
        let key = if received.anonymous {
            "msg.request.slip.anonymous"
        } else {
            "msg.request.slip.confidential"
        };
        doc.push(Block::Text(Paragraph::bold(t(lang, key), 10.0).align(Align::Center)));
    }
    doc.push(Block::Space(2.0));
    // A short code makes a small QR: larger modules keep it easy for a phone to read off a thermal roll.
    doc.push(Block::Qr(Qr {
        payload: slip_payload(received),
        module_mm: 0.75,
        align: Align::Center,
    }));
    doc.push(Block::Space(1.5));
    line(&mut doc, tr(lang, "msg.request.slip.follow_up", &[("code", code)]), 10.0);
    line(&mut doc, t(lang, "msg.request.slip.footer"), 9.0);
    Ok(doc)
}

#[cfg(test)]
#[path = "slip_tests.rs"]
mod tests;
