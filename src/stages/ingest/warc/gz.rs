//! A gzip stream read member by member, remembering where each member
//! starts in the compressed file: crawlers gzip every WARC record as its own
//! member ("record-at-a-time" compression), so a member's offset is the
//! record's address (what a WARC index stores; `tail -c +OFFSET+1 FILE | gunzip`
//! reads the record back). A file gzipped whole is one member and still reads.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// A [`BufRead`] that counts the bytes consumed from it.
pub struct Counting<R> {
    inner: R,
    consumed: u64,
}

impl<R> Counting<R> {
    pub fn new(inner: R) -> Self {
        Counting { inner, consumed: 0 }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.consumed += amt as u64;
        self.inner.consume(amt);
    }
}

enum State<R> {
    Between(Counting<R>),
    In(Box<GzDecoder<Counting<R>>>),
}

/// The decompressed bytes of every member in turn ([`Read`]), and
/// [`Members::member_at`]: the compressed offset of the member a
/// decompressed position came from.
pub struct Members<R> {
    state: Option<State<R>>,
    /// Decompressed bytes produced so far.
    produced: u64,
    /// (decompressed position, compressed offset) of each member start not
    /// yet forgotten, in order.
    starts: Vec<(u64, u64)>,
}

impl<R: BufRead> Members<R> {
    pub fn new(inner: R) -> Self {
        Members { state: Some(State::Between(Counting::new(inner))), produced: 0, starts: Vec::new() }
    }

    /// The compressed offset of the member that holds decompressed position
    /// `pos`; members before it are forgotten (positions only move forward).
    pub fn member_at(&mut self, pos: u64) -> u64 {
        let at = self.starts.partition_point(|&(start, _)| start <= pos);
        if at > 1 {
            self.starts.drain(..at - 1);
        }
        self.starts.first().map_or(0, |&(_, offset)| offset)
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.state.take() {
                None => return Ok(0),
                Some(State::In(mut decoder)) => match decoder.read(buf) {
                    Ok(0) if !buf.is_empty() => self.state = Some(State::Between(decoder.into_inner())),
                    Ok(n) => {
                        self.produced += n as u64;
                        self.state = Some(State::In(decoder));
                        return Ok(n);
                    }
                    Err(e) => {
                        let at = decoder.get_ref().consumed;
                        return Err(io::Error::new(e.kind(), format!("{e} (at compressed byte {at})")));
                    }
                },
                Some(State::Between(mut inner)) => {
                    if inner.fill_buf()?.is_empty() {
                        return Ok(0);
                    }
                    if !inner.fill_buf()?.starts_with(&crate::stages::ingest::gzip::MAGIC[..1]) {
                        let at = inner.consumed;
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("bytes at compressed offset {at} are not a gzip member"),
                        ));
                    }
                    self.starts.push((self.produced, inner.consumed));
                    self.state = Some(State::In(Box::new(GzDecoder::new(inner))));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::ingest::gzip::gzip;

    #[test]
    fn members_are_read_in_turn_with_their_offsets() {
        let (a, b) = (gzip(b"first member\n"), gzip(b"second\n"));
        let file = [a.clone(), b.clone()].concat();
        let mut members = Members::new(&file[..]);
        let mut out = Vec::new();
        members.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"first member\nsecond\n");
        assert_eq!(members.member_at(0), 0);
        assert_eq!(members.member_at(12), 0);
        assert_eq!(members.member_at(13), a.len() as u64);
        assert_eq!(members.member_at(100), a.len() as u64);
    }

    #[test]
    fn garbage_and_cut_members_are_errors_that_name_the_offset() {
        let a = gzip(b"whole");
        let mut file = a.clone();
        file.extend(b"not gzip");
        let mut out = Vec::new();
        let err = Members::new(&file[..]).read_to_end(&mut out).unwrap_err();
        assert!(err.to_string().contains(&format!("offset {}", a.len())), "{err}");
        let cut = &a[..a.len() - 3];
        assert!(Members::new(cut).read_to_end(&mut Vec::new()).is_err());
    }
}
