//! What a map reads at once: its inputs in bounded chunks, and a web
//! archive part by part (a chunk of its own, whose later parts come back as
//! [`Piece::More`] while the chunk found after it is held back). Reading a
//! piece is the I/O edge around the pure ingest stage.

use std::collections::BTreeMap;
use std::iter::Peekable;
use std::path::Path;

use crate::io::input::{self, Found, ReadOutcome};
use crate::schema::{RejectReason, UtcMicros};
use crate::stages::ingest::kind::{self, Format};
use crate::stages::ingest::warc::WarcStream;
use crate::stages::ingest::{ingest_input, reject, IngestOptions, Ingested};

/// Files handed to the workers at once; bounds memory to one chunk of inputs.
const CHUNK_FILES: usize = 512;
/// JSONL feeds in one chunk, at most: a feed holds thousands of records (up
/// to the 20 MiB input limit), 512 of them would be gigabytes.
const CHUNK_FEEDS: usize = 8;

/// One unit of a chunk, with the position of its input among all inputs
/// (discovery order): an input as found, or the next records of a web
/// archive an earlier chunk opened (its first records come with its `File`).
pub(super) enum Piece {
    File(u64, Found),
    More(u64, WarcStream),
}

impl Piece {
    pub fn position(&self) -> u64 {
        match self {
            Piece::File(position, _) | Piece::More(position, _) => *position,
        }
    }
}

pub(super) type Chunk = Vec<Piece>;

fn format_of(found: &Found) -> Option<Format> {
    kind::classify(&found.path().to_string_lossy()).ok().map(|k| k.format)
}

/// The next chunk of inputs: [`CHUNK_FILES`] files, or fewer when
/// [`CHUNK_FEEDS`] of them are feeds. A web archive is a chunk of its own
/// (it is read part by part). Empty at the end.
pub(super) fn next_chunk(found: &mut Peekable<impl Iterator<Item = (u64, Found)>>) -> Chunk {
    let mut chunk = Vec::new();
    let mut feeds = 0;
    while chunk.len() < CHUNK_FILES && feeds < CHUNK_FEEDS {
        let Some((_, next)) = found.peek() else { break };
        let format = format_of(next);
        if format == Some(Format::Warc) && !chunk.is_empty() {
            break;
        }
        feeds += usize::from(format == Some(Format::Jsonl));
        let (position, next) = found.next().expect("peeked");
        chunk.push(Piece::File(position, next));
        if format == Some(Format::Warc) {
            break;
        }
    }
    chunk
}

/// The inputs a chunk starts reading (the rest of a web archive is none).
pub(super) fn files_in(chunk: &Chunk) -> u64 {
    chunk.iter().filter(|p| matches!(p, Piece::File(..))).count() as u64
}

/// The chunk to read next: the rest of a half-read web archive, if any
/// (the chunk already `found` is `held` until the archive ends), else `found`.
pub(super) fn rest_first(rest: Option<Piece>, found: Chunk, held: &mut Option<Chunk>) -> Chunk {
    match rest {
        Some(more) => {
            *held = Some(found);
            vec![more]
        }
        None => found,
    }
}

/// What reading part of a web archive adds to its documents and rejects.
pub(super) struct WarcRead {
    /// The records read, by `WARC-Type`.
    pub record_types: BTreeMap<String, u64>,
    /// The rest of the file, unless it was read to its end.
    pub rest: Option<WarcStream>,
}

/// Reads one discovered input (a web archive: its first part) into
/// documents and rejects.
pub(super) fn read_found(found: &Found, opts: &IngestOptions, at: UtcMicros) -> (Vec<Ingested>, Option<WarcRead>) {
    match found {
        Found::File(path) if format_of(found) == Some(Format::Warc) => {
            let (items, warc) = open_warc(path, opts, at);
            (items, Some(warc))
        }
        _ => (ingest_found(found, opts, at), None),
    }
}

/// The next part of a web archive being read.
pub(super) fn read_more(stream: &mut WarcStream) -> (Vec<Ingested>, BTreeMap<String, u64>, bool) {
    let part = stream.next_part();
    (part.items, part.record_types, part.done)
}

/// Opens a web archive and reads its first part (or rejects it as unreadable).
fn open_warc(path: &Path, opts: &IngestOptions, at: UtcMicros) -> (Vec<Ingested>, WarcRead) {
    let shown = path.to_string_lossy().into_owned();
    let gzip = kind::classify(&shown).is_ok_and(|k| k.gzip);
    match input::open_stream(path) {
        Ok(reader) => {
            let mut stream = WarcStream::new(shown, reader, gzip, opts, at);
            let (items, record_types, done) = read_more(&mut stream);
            (items, WarcRead { record_types, rest: (!done).then_some(stream) })
        }
        Err(message) => {
            let r = reject(&shown, None, RejectReason::Unreadable, message, None, at);
            (vec![Ingested::Rejected(r)], WarcRead { record_types: BTreeMap::new(), rest: None })
        }
    }
}

/// Reads one discovered input whole and ingests it.
fn ingest_found(found: &Found, opts: &IngestOptions, at: UtcMicros) -> Vec<Ingested> {
    let shown = found.path().to_string_lossy();
    let rejected = |reason, message: String, size: Option<i64>| {
        vec![Ingested::Rejected(reject(&shown, None, reason, message, size, at))]
    };
    match found {
        Found::Unreadable { message, .. } => rejected(RejectReason::Unreadable, message.clone(), None),
        Found::File(path) => match input::read_limited(path, opts.max_bytes) {
            ReadOutcome::Bytes(bytes) => ingest_input(&shown, &bytes, opts, at),
            ReadOutcome::TooLarge { size } => rejected(
                RejectReason::TooLarge,
                format!("{size} bytes is over the {} byte limit", opts.max_bytes),
                Some(size as i64),
            ),
            ReadOutcome::Unreadable { message } => rejected(RejectReason::Unreadable, message, None),
        },
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn inputs(names: &[&str]) -> Peekable<std::vec::IntoIter<(u64, Found)>> {
        let found: Vec<_> = names.iter().enumerate().map(|(i, n)| (i as u64, Found::File(PathBuf::from(n)))).collect();
        found.into_iter().peekable()
    }

    fn positions(chunk: &Chunk) -> Vec<u64> {
        chunk.iter().map(Piece::position).collect()
    }

    #[test]
    fn a_web_archive_is_a_chunk_of_its_own() {
        let mut found = inputs(&["a.txt", "b.jsonl", "c.warc.gz", "d.warc.wet.gz", "e.txt"]);
        assert_eq!(positions(&next_chunk(&mut found)), [0, 1]);
        assert_eq!(positions(&next_chunk(&mut found)), [2]);
        assert_eq!(positions(&next_chunk(&mut found)), [3]);
        assert_eq!(positions(&next_chunk(&mut found)), [4]);
        assert!(next_chunk(&mut found).is_empty());
    }

    #[test]
    fn feeds_and_files_bound_a_chunk() {
        let names: Vec<String> = (0..20).map(|i| format!("{i}.jsonl")).collect();
        let mut found = inputs(&names.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(next_chunk(&mut found).len(), CHUNK_FEEDS);
        let names: Vec<String> = (0..CHUNK_FILES + 3).map(|i| format!("{i}.txt")).collect();
        let mut found = inputs(&names.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(files_in(&next_chunk(&mut found)), CHUNK_FILES as u64);
        assert_eq!(next_chunk(&mut found).len(), 3);
    }

    #[test]
    fn the_rest_of_an_archive_comes_before_the_chunk_found_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let stream = WarcStream::new(
            "x.warc".into(),
            std::io::Cursor::new(Vec::new()),
            false,
            &IngestOptions::default(),
            UtcMicros(0),
        );
        let found = vec![Piece::File(9, Found::File(dir.path().join("y.txt")))];
        let mut held = None;
        let next = rest_first(Some(Piece::More(7, stream)), found, &mut held);
        assert_eq!((positions(&next), files_in(&next)), (vec![7], 0));
        assert_eq!(held.as_ref().map(positions), Some(vec![9]));
        let mut none_held = None;
        let next = rest_first(None, held.unwrap(), &mut none_held);
        assert_eq!((positions(&next), files_in(&next)), (vec![9], 1));
        assert!(none_held.is_none());
    }
}
