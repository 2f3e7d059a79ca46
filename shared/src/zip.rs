//! A zip archive of files stored as they are (method 0: the PDFs and scans inside are already
//! compressed), names in UTF-8 (flag bit 11), CRC-32 from flate2. Enough for an audit pack
//! any archive tool opens; no ZIP64 (each file and the whole under 4 GiB, checked).

/// Builds the archive of `(name, bytes)`; `None` when it would exceed what the format holds
/// without ZIP64.
pub fn stored(files: &[(String, Vec<u8>)]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, bytes) in files {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        let (crc, size, offset) = (crc.sum(), u32::try_from(bytes.len()).ok()?, u32::try_from(out.len()).ok()?);
        let name_len = u16::try_from(name.len()).ok()?;
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&(1u16 << 11).to_le_bytes()); // UTF-8 names
        out.extend_from_slice(&0u16.to_le_bytes()); // stored
        out.extend_from_slice(&0u16.to_le_bytes()); // time
        out.extend_from_slice(&0x0021u16.to_le_bytes()); // date: 1980-01-01
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(bytes);
        // Its central directory entry.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&(1u16 << 11).to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&0x0021u16.to_le_bytes());
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&name_len.to_le_bytes());
        central.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (entries, central_size, central_offset) =
        (u16::try_from(files.len()).ok()?, u32::try_from(central.len()).ok()?, u32::try_from(out.len()).ok()?);
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&entries.to_le_bytes());
    out.extend_from_slice(&entries.to_le_bytes());
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    u32::try_from(out.len()).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_archive_has_its_entries_and_directory() {
        let zip = super::stored(&[("feuilles/é.pdf".into(), b"%PDF-1".to_vec()), ("enquete.csv".into(), b"a;b\r\n".to_vec())]).unwrap();
        assert!(zip.starts_with(b"PK\x03\x04"));
        let end = &zip[zip.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 2);
        assert!(zip.windows("feuilles/é.pdf".len()).any(|w| w == "feuilles/é.pdf".as_bytes()));
    }
}
