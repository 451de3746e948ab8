//! The queue slip (80 mm thermal roll by default) and the board's spoken announcement.

use chrono::DateTime;
use rusqlite::Connection;

use super::Ticket;
use crate::doc::{Align, Block, Document, Paper, Paragraph, Qr, Rule};
use crate::error::Result;
use crate::i18n::{Lang, t, tr};
use crate::thai::date::{long_datetime, office_offset};

/// The QR payload on a slip: the office code, the business day and the number (`SALA-Q:6999901:2026-11-24:A012`),
/// so a counter can scan a slip to find the ticket; nothing personal.
pub fn slip_payload(office_code: &str, ticket: &Ticket) -> String {
    format!("SALA-Q:{office_code}:{}:{}", ticket.business_day, ticket.number)
}

fn local(stamp: &str) -> Option<chrono::NaiveDateTime> {
    DateTime::parse_from_rfc3339(stamp)
        .ok()
        .map(|t| t.with_timezone(&office_offset()).naive_local())
}

/// The slip for `ticket`: office name, the number large, service, counters and where they are, issue time
/// (B.E.), people ahead and the estimated wait, the priority class, a booking's slot, the documents to
/// bring, and a QR of the ticket. Laid out for an 80 mm roll; the print route may change the paper.
pub fn slip_document(conn: &Connection, ticket: &Ticket, lang: Lang) -> Result<Document> {
    let office = crate::office::summary(conn)?;
    let (office_name, office_code) = office.map(|o| (o.name, o.code)).unwrap_or_default();
    let (documents, counters): (String, Vec<(u32, String)>) = {
        let docs: String = conn.query_row(
            "SELECT documents_th FROM service WHERE code = ?1 AND deleted_at IS NULL",
            [&ticket.service],
            |r| r.get(0),
        )?;
        let mut stmt = conn.prepare(
            "SELECT c.number, c.location FROM counter c JOIN counter_service cs ON cs.counter_id = c.id \
             JOIN service s ON s.id = cs.service_id WHERE s.code = ?1 AND cs.deleted_at IS NULL \
             AND c.deleted_at IS NULL ORDER BY c.number",
        )?;
        let rows = stmt.query_map([&ticket.service], |r| Ok((r.get(0)?, r.get(1)?)))?;
        (docs, rows.collect::<rusqlite::Result<_>>()?)
    };
    let counters: Vec<(u32, String)> = match ticket.pinned_counter {
        Some(n) => counters.into_iter().filter(|(c, _)| *c == n).collect(),
        None => counters,
    };
    let documents: Vec<String> = serde_json::from_str(&documents).unwrap_or_default();

    let mut doc = Document::new(ticket.number.clone(), Paper::Roll80);
    doc.push(Block::Text(Paragraph::bold(office_name, 13.0).align(Align::Center)));
    doc.push(Block::Text(
        Paragraph::new(t(lang, "msg.queue.slip.title"), 10.0).align(Align::Center),
    ));
    doc.push(Block::Rule(Rule { thickness: 0.6, dashed: true }));
    doc.push(Block::Text(Paragraph::bold(ticket.number.clone(), 48.0).align(Align::Center)));
    doc.push(Block::Text(Paragraph::bold(ticket.service_name.clone(), 12.0).align(Align::Center)));
    if ticket.priority.is_priority() {
        let class = t(lang, ticket.priority.label_key());
        doc.push(Block::Text(
            Paragraph::new(tr(lang, "msg.queue.slip.priority", &[("class", class)]), 11.0)
                .align(Align::Center),
        ));
    }
    for (number, location) in &counters {
        let line = tr(
            lang,
            "msg.queue.slip.counter",
            &[("counter", number.to_string()), ("location", location.clone())],
        );
        doc.push(Block::Text(Paragraph::new(line, 11.0).align(Align::Center)));
    }
    if let Some(issued) = local(&ticket.issued_at) {
        let line = tr(lang, "msg.queue.slip.issued", &[("when", long_datetime(issued, lang))]);
        doc.push(Block::Text(Paragraph::new(line, 10.0).align(Align::Center)));
    }
    if let Some(slot) = ticket.booked_for.as_deref().and_then(local) {
        let line = tr(lang, "msg.queue.slip.booked", &[("when", long_datetime(slot, lang))]);
        doc.push(Block::Text(Paragraph::bold(line, 11.0).align(Align::Center)));
    }
    if let (Some(ahead), Some(minutes)) = (ticket.ahead, ticket.estimated_wait_minutes) {
        let line = tr(
            lang,
            "msg.queue.slip.wait",
            &[("ahead", ahead.to_string()), ("minutes", minutes.to_string())],
        );
        doc.push(Block::Text(Paragraph::bold(line, 12.0).align(Align::Center)));
    }
    if !documents.is_empty() {
        doc.push(Block::Rule(Rule { thickness: 0.6, dashed: true }));
        doc.push(Block::Text(Paragraph::bold(t(lang, "msg.queue.slip.documents"), 10.0)));
        let list: Vec<String> = documents.iter().map(|d| format!("• {d}")).collect();
        doc.push(Block::Text(Paragraph::new(list.join("\n"), 10.0)));
    }
    doc.push(Block::Qr(Qr {
        payload: slip_payload(&office_code, ticket),
        module_mm: 0.5,
        align: Align::Center,
    }));
    doc.push(Block::Text(
        Paragraph::new(t(lang, "msg.queue.slip.footer"), 9.0).align(Align::Center),
    ));
    Ok(doc)
}

/// The slip handed to the citizen: always in Thai, whatever language the clerk's screen or the CLI's messages
/// are in. The app and `salactl queue issue --print/--slip-pdf` both print this one.
pub fn citizen_slip(conn: &Connection, ticket: &Ticket) -> Result<Document> {
    slip_document(conn, ticket, Lang::Th)
}

/// Thai number words for a counter number as clip names: 2 → digit-2, 10 → ten, 11 → ten et,
/// 21 → twenty et, 35 → digit-3 ten digit-5.
fn number_words(n: u32) -> Vec<String> {
    let digit = |d: u32| format!("digit-{d}");
    if n < 10 {
        return vec![digit(n)];
    }
    let (tens, units) = (n / 10 % 10, n % 10);
    let mut out = match tens {
        1 => vec!["ten".to_owned()],
        2 => vec!["twenty".to_owned()],
        t => vec![digit(t), "ten".to_owned()],
    };
    match units {
        0 => {}
        1 => out.push("et".to_owned()),
        u => out.push(digit(u)),
    }
    out
}

/// The clips the board plays for a call, in order: the chime, "ขอเชิญหมายเลข", the ticket's letters and
/// digits one by one, "ที่ช่องบริการ", and the counter number in Thai words.
/// `announcement("A012", 2)` → `chime invite letter-a digit-0 digit-1 digit-2 at-counter digit-2`.
pub fn announcement(number: &str, counter: u32) -> Vec<String> {
    let mut clips = vec!["chime".to_owned(), "invite".to_owned()];
    for c in number.chars() {
        if c.is_ascii_alphabetic() {
            clips.push(format!("letter-{}", c.to_ascii_lowercase()));
        } else if let Some(d) = c.to_digit(10) {
            clips.push(format!("digit-{d}"));
        }
    }
    clips.push("at-counter".to_owned());
    clips.extend(number_words(counter));
    clips
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_announcement_reads_the_number_and_the_counter() {
        assert_eq!(
            announcement("A012", 2).join(" "),
            "chime invite letter-a digit-0 digit-1 digit-2 at-counter digit-2"
        );
        let counter = |n| announcement("B1", n)[5..].join(" ");
        assert_eq!(counter(10), "ten");
        assert_eq!(counter(11), "ten et");
        assert_eq!(counter(12), "ten digit-2");
        assert_eq!(counter(20), "twenty");
        assert_eq!(counter(21), "twenty et");
        assert_eq!(counter(35), "digit-3 ten digit-5");
        assert_eq!(counter(99), "digit-9 ten digit-9");
    }
}
