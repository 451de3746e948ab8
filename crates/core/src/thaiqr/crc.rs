//! CRC-16/CCITT-FALSE, the checksum of tag 63.

/// CRC-16/CCITT-FALSE: polynomial `0x1021`, initial value `0xFFFF`, no reflection, no final XOR. The check
/// value of `b"123456789"` is `0x29B1`.
///
/// A Thai QR's CRC covers the whole payload up to and including the literal `6304` (the CRC's own ID and
/// length) and is written as 4 uppercase hex digits, zero-padded (`format!("{crc:04X}")`).
pub fn crc16_ccitt_false(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &byte in data {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 == 0 { crc << 1 } else { (crc << 1) ^ 0x1021 };
        }
    }
    crc
}

/// The CRC of `data` as tag 63 writes it: 4 uppercase hex digits, zero-padded (`0CBD`).
pub(crate) fn crc_hex(data: &str) -> String {
    format!("{:04X}", crc16_ccitt_false(data.as_bytes()))
}
