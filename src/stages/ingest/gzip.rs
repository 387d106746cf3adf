//! Bounded gzip decompression: a `.gz` input is inflated in memory, but never
//! past the size limit, so a small "gzip bomb" cannot take the machine down.
//! Concatenated gzip members (as `cat a.gz b.gz` makes) are one stream.

use std::io::Read;

use flate2::read::MultiGzDecoder;

/// The two bytes every gzip stream starts with.
pub const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Why a gzip input did not decompress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GunzipError {
    /// The decompressed data is larger than the limit (reading stopped there).
    TooLarge { limit: u64 },
    /// Not gzip, truncated, or corrupt; a human-readable message.
    Corrupt(String),
}

/// True when `bytes` start like a gzip stream.
pub fn looks_gzipped(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Decompresses `bytes`, reading at most `limit` bytes of output (one more
/// is read to tell "exactly at the limit" from "over it").
pub fn gunzip_limited(bytes: &[u8], limit: u64) -> Result<Vec<u8>, GunzipError> {
    if !looks_gzipped(bytes) {
        return Err(GunzipError::Corrupt(
            "file is not gzip data: it does not start with the gzip magic bytes 1f 8b".to_string(),
        ));
    }
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4).min(limit as usize));
    let mut reader = MultiGzDecoder::new(bytes).take(limit.saturating_add(1));
    match reader.read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > limit => Err(GunzipError::TooLarge { limit }),
        Ok(_) => Ok(out),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(GunzipError::Corrupt(format!(
            "gzip stream is truncated: it ends after {} decompressed bytes",
            out.len()
        ))),
        Err(e) => {
            Err(GunzipError::Corrupt(format!("gzip stream is corrupt after {} decompressed bytes: {e}", out.len())))
        }
    }
}

/// `data` as one gzip member (for tests).
#[cfg(test)]
pub(crate) fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_joins_members() {
        let mut two = gzip("첫 번째 ".as_bytes());
        two.extend(gzip("두 번째".as_bytes()));
        assert_eq!(gunzip_limited(&two, 1000).unwrap(), "첫 번째 두 번째".as_bytes());
        assert_eq!(gunzip_limited(&gzip(b""), 1000).unwrap(), b"");
    }

    #[test]
    fn output_is_bounded_by_the_limit() {
        let bomb = gzip(&vec![b'a'; 1 << 20]);
        assert!(bomb.len() < 4096);
        assert_eq!(gunzip_limited(&bomb, 1 << 16), Err(GunzipError::TooLarge { limit: 1 << 16 }));
        assert_eq!(gunzip_limited(&bomb, 1 << 20).unwrap().len(), 1 << 20);
    }

    #[test]
    fn truncated_corrupt_and_foreign_data_are_errors() {
        let data = "지역복지사업 평가 결과를 알리는 기사 본문. ".repeat(50);
        let full = gzip(data.as_bytes());
        for cut in [3, 10, full.len() / 2, full.len() - 4] {
            match gunzip_limited(&full[..cut], 1 << 20) {
                Err(GunzipError::Corrupt(m)) => assert!(m.contains("gzip"), "{m}"),
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
        let mut flipped = full.clone();
        let n = flipped.len();
        flipped[n - 6] ^= 0xFF; // the CRC no longer matches
        assert!(matches!(gunzip_limited(&flipped, 1 << 20), Err(GunzipError::Corrupt(_))));
        assert!(matches!(gunzip_limited(b"plain text", 1 << 20), Err(GunzipError::Corrupt(m)) if m.contains("magic")));
    }
}
