//! Nightly operations, end to end through the binary: incremental batches,
//! publication that survives `kill -9`, the run lock, the manifest and data
//! tests, bad inputs, and byte-identical reruns.
//!
//! Nothing here depends on how well awards are extracted: runs are compared
//! with each other, rows are counted, files are compared byte for byte.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;
use welfare_awards::io::parquet::read_rows;
use welfare_awards::ops::lock::RunLock;
use welfare_awards::schema::{
    AggAwardsByCategoryYear, AggAwardsByProvince, AggPrizeByYear, AggTopRecipients, Award, AwardMention, CleanDocument,
    DocFact, RawDocument, Region, Reject, Table,
};

use crate::common;

// ---------------------------------------------------------------- fixtures

const PLACES: &[(&str, &str)] = &[
    ("대구광역시", "달서구"),
    ("대구광역시", "수성구"),
    ("충청남도", "홍성군"),
    ("충청남도", "예산군"),
    ("광주광역시", "광산구"),
    ("전라남도", "순천시"),
    ("경상북도", "경주시"),
    ("서울특별시", "노원구"),
    ("부산광역시", "해운대구"),
    ("강원특별자치도", "춘천시"),
];
const GRADES: &[&str] = &["대상", "최우수상", "우수상", "장려상"];
const CATEGORIES: &[&str] =
    &["찾아가는 보건복지서비스 제공", "희망복지지원단 운영", "민관협력 및 자원연계", "지역사회보장계획 시행결과"];
const OUTLETS: &[&str] = &["가람일보", "누리신문", "다온뉴스", "별빛타임즈"];
const FILLER: &[&str] = &[
    "구는 복지 사각지대를 줄이려고 통장들과 함께 위기가구를 찾아다녔다.",
    "주민센터마다 맞춤형 복지팀을 두고 상담 건수를 크게 늘렸다.",
    "지역 기업과 봉사단체가 함께한 나눔 행사도 좋은 점수를 받았다.",
    "관계자는 앞으로도 주민 곁에서 촘촘한 복지를 펼치겠다고 말했다.",
    "홀로 사는 어르신 가구를 찾아가 건강을 살피는 방문 간호도 이어 갔다.",
    "청년과 한부모 가정을 위한 일자리 연계 사업도 성과로 꼽혔다.",
    "오늘의 날씨 맑음 최고 12도 최저 3도 미세먼지 보통",
    "많이 본 뉴스 1 시장 선거 2 축제 개막 3 도로 공사",
];

/// A generated news page (our own text), different for every `n`.
pub fn article(n: u64) -> String {
    let mut rng = fastrand::Rng::with_seed(n);
    let (sido, sigungu) = PLACES[rng.usize(..PLACES.len())];
    let grade = GRADES[rng.usize(..GRADES.len())];
    let category = CATEGORIES[rng.usize(..CATEGORIES.len())];
    let outlet = OUTLETS[rng.usize(..OUTLETS.len())];
    let year = 2017 + rng.i32(0..8);
    let mut page = format!(
        "{sigungu}, {year}년 지역복지사업 평가 {grade} 수상\n\
         [{outlet}] 입력 {}.{:02}.{:02} 기사 번호 {n}\n\
         {sido} {sigungu}는 보건복지부 주관 '{year}년 지역복지사업 평가'에서 {category} 분야 {grade}을 받아 \
         포상금 {}만원을 받는다고 밝혔다.\n",
        year + 1,
        rng.u32(1..13),
        rng.u32(1..29),
        rng.u32(1..30) * 100,
    );
    for _ in 0..rng.usize(3..8) {
        page.push_str(FILLER[rng.usize(..FILLER.len())]);
        page.push('\n');
    }
    page.push_str(&format!("ⓒ {outlet} 무단전재 및 재배포 금지\n"));
    page
}

/// Writes articles `range` as `dir/a-<n>.txt` with an mtime an hour ago
/// (so the next run may trust their stat), and returns how many.
pub fn write_articles(dir: &Path, range: std::ops::Range<u64>) -> u64 {
    fs::create_dir_all(dir).unwrap();
    for n in range.clone() {
        let path = dir.join(format!("a-{n:06}.txt"));
        fs::write(&path, article(n)).unwrap();
        backdate(&path);
    }
    range.end - range.start
}

pub fn backdate(path: &Path) {
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(3600)).unwrap();
}

/// Batch ids an hour apart, from 2026-01-13.
pub fn batch_id(hour: u64) -> String {
    format!("202601{:02}T{:02}0000Z", 13 + hour / 24, hour % 24)
}

// ------------------------------------------------------------ running

pub fn run_command(inputs: &[&Path], out: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(common::bin());
    cmd.arg("run");
    for input in inputs {
        cmd.arg("--input").arg(input);
    }
    cmd.arg("--out").arg(out).args(extra).current_dir(common::repo_dir()).env_remove(FAILPOINT);
    cmd
}

pub fn run(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    run_command(inputs, out, extra).output().expect("spawning welfare-awards")
}

pub fn run_ok(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let o = run(inputs, out, extra);
    assert_eq!(o.status.code(), Some(0), "run failed:\n{}", String::from_utf8_lossy(&o.stderr));
    o
}

pub const FAILPOINT: &str = welfare_awards::ops::FAILPOINT_ENV;

pub fn manifest(out: &Path) -> Value {
    serde_json::from_slice(&fs::read(out.join("_manifest.json")).expect("manifest")).expect("manifest is JSON")
}

// ---------------------------------------------------------- observing

/// Every visible Parquet file under OUT: relative path → bytes.
pub type Snapshot = BTreeMap<String, Vec<u8>>;

pub fn snapshot(out: &Path) -> Snapshot {
    let mut files = Snapshot::new();
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with(['.', '_']))
    {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.file_name().to_string_lossy().ends_with(".parquet") {
            let rel = entry.path().strip_prefix(out).unwrap().to_string_lossy().into_owned();
            files.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// The files of one table in a snapshot.
pub fn table_files(s: &Snapshot, table: &str) -> Snapshot {
    s.iter().filter(|(k, _)| k.split('/').next() == Some(table)).map(|(k, v)| (k.clone(), v.clone())).collect()
}

pub const TABLES: &[&str] = &[
    RawDocument::NAME,
    Reject::NAME,
    CleanDocument::NAME,
    AwardMention::NAME,
    DocFact::NAME,
    Award::NAME,
    Region::NAME,
    AggAwardsByProvince::NAME,
    AggPrizeByYear::NAME,
    AggAwardsByCategoryYear::NAME,
    AggTopRecipients::NAME,
];

/// Reads every table the way a reader would (all files, schema checked) and
/// returns the row counts.
pub fn read_all_tables(out: &Path) -> BTreeMap<&'static str, usize> {
    fn rows<T: Table>(out: &Path) -> (&'static str, usize) {
        let read: Vec<T> = read_rows(&out.join(T::NAME)).unwrap_or_else(|e| panic!("reading {}: {e:#}", T::NAME));
        (T::NAME, read.len())
    }
    BTreeMap::from(crate::every_table!(rows, out))
}

pub fn stagings(out: &Path) -> Vec<String> {
    fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".staging-"))
        .collect()
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Asserts that each table of `after` is, file for file, either its version
/// in `before` or in `next`; returns the tables that were already `next`.
pub fn each_table_old_or_new(after: &Snapshot, before: &Snapshot, next: &Snapshot, context: &str) -> Vec<&'static str> {
    let mut new = Vec::new();
    for &t in TABLES {
        let a = table_files(after, t);
        if a == table_files(before, t) {
            continue;
        }
        assert!(
            a == table_files(next, t),
            "{context}: table {t} is neither its previous nor its next version: {:?}",
            a.keys().collect::<Vec<_>>()
        );
        new.push(t);
    }
    new
}

// ---------------------------------------------------------------- tests

/// kill -9 at 20 random moments (seeded): after each kill every table reads
/// and is its previous or (when the run had committed) its next version, and
/// the next run completes the work: every input is accounted for once.
/// Moments are drawn over the measured length of a run of the same kind.
#[test]
fn killed_runs_leave_readable_outputs_and_the_next_run_completes() {
    const NIGHTS: u64 = 20;
    const PER_NIGHT: u64 = 300;
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    write_articles(&input.join("n00"), 0..PER_NIGHT * 3);
    let t = Instant::now();
    run_ok(&[&input], &out, &["--quiet", "--batch-id", &batch_id(0)]);
    // How long a run of each kind takes (updated as reruns are measured).
    let mut incremental = t.elapsed().as_secs_f64();
    let mut full = incremental;
    let mut before = snapshot(&out);
    read_all_tables(&out);

    let mut rng = fastrand::Rng::with_seed(0x5EED_2026);
    let (mut files, mut committed, mut ended) = (PER_NIGHT * 3, 0, 0);
    for night in 1..=NIGHTS {
        let n0 = (night + 2) * PER_NIGHT;
        files += write_articles(&input.join(format!("n{night:02}")), n0..n0 + PER_NIGHT);
        // Two nights rebuild everything (whole-directory swaps).
        let is_full = night % 10 == 4;
        let id = batch_id(night);
        let mut args = vec!["--quiet", "--batch-id", id.as_str()];
        if is_full {
            args.push("--full-refresh");
        }
        let window = if is_full { full } else { incremental };
        let delay = Duration::from_secs_f64(rng.f64() * window);
        let mut child =
            run_command(&[&input], &out, &args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_some() {
            ended += 1;
        }
        let _ = child.kill();
        child.wait().unwrap();

        let after = snapshot(&out);
        read_all_tables(&out);
        let t = Instant::now();
        let rerun = run_ok(&[&input], &out, &args);
        let took = t.elapsed().as_secs_f64();
        let next = snapshot(&out);
        let rows = read_all_tables(&out);
        let context = format!("night {night} (full refresh: {is_full}), killed after {delay:?}");
        if !each_table_old_or_new(&after, &before, &next, &context).is_empty() {
            committed += 1;
        }
        assert!(stagings(&out).is_empty(), "{context}: staging left behind");
        let m = manifest(&out);
        assert_eq!(m["status"], "ok", "{context}: {}", String::from_utf8_lossy(&rerun.stderr));
        if m["batch_id"] == id.as_str() {
            // The rerun did the night's whole work: a measure of its length.
            if is_full {
                full = took;
            } else {
                incremental = took;
            }
        }
        // Every input file is one record: each has exactly one row.
        assert_eq!((rows[RawDocument::NAME] + rows[Reject::NAME]) as u64, files, "{context}: raw + rejects != inputs");
        before = next;
    }
    eprintln!(
        "kill test: {NIGHTS} kills; runs took ~{incremental:.2} s (incremental) / ~{full:.2} s (full refresh); \
         {committed} kills after the commit point, {ended} after the run had ended"
    );
}

/// Deterministic crashes at each named point of a run, including between
/// every two publication renames: before the commit nothing changes, after
/// it the tables are each old or new, and the next run ends where an
/// uninterrupted run ends, byte for byte.
#[test]
fn a_crash_at_any_step_is_rolled_back_or_forward() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write_articles(&input.join("n1"), 0..40);
    let base = tmp.path().join("base");
    run_ok(&[&input], &base, &["--quiet", "--batch-id", &batch_id(1)]);
    write_articles(&input.join("n2"), 40..80);
    let want_dir = tmp.path().join("want");
    copy_tree(&base, &want_dir);
    run_ok(&[&input], &want_dir, &["--quiet", "--batch-id", &batch_id(2)]);
    let (before, want) = (snapshot(&base), snapshot(&want_dir));
    assert_ne!(before, want);

    let mut points: Vec<String> =
        ["run.chunk", "run.batch_staged", "run.derived", "publish.committed", "publish.renamed"]
            .map(String::from)
            .to_vec();
    // Between every two steps of the plan, until a run gets through all of them.
    points.extend((1..=40).map(|n| format!("publish.op:{n}")));
    let mut crashed_after_commit = 0;
    for point in points {
        let out = tmp.path().join(format!("crash-{}", point.replace([':', '.'], "-")));
        copy_tree(&base, &out);
        let crashed = run_command(&[&input], &out, &["--quiet", "--batch-id", &batch_id(2)])
            .env(FAILPOINT, &point)
            .output()
            .unwrap();
        if crashed.status.success() {
            // publish.op:N beyond the number of steps: the run simply completed.
            assert!(point.starts_with("publish.op:"), "{point} was never reached");
            assert_eq!(snapshot(&out), want);
            break;
        }
        assert_eq!(
            crashed.status.code(),
            None,
            "{point}: expected an abort: {}",
            String::from_utf8_lossy(&crashed.stderr)
        );
        let after = snapshot(&out);
        read_all_tables(&out);
        let pre_commit = !point.starts_with("publish.");
        if pre_commit {
            assert_eq!(after, before, "{point}: a crash before the commit changed the outputs");
        } else {
            each_table_old_or_new(&after, &before, &want, &point);
            crashed_after_commit += 1;
        }
        run_ok(&[&input], &out, &["--quiet", "--batch-id", &batch_id(2)]);
        assert_eq!(snapshot(&out), want, "{point}: the next run did not end where an uninterrupted run ends");
        let m = manifest(&out);
        let recovered = if pre_commit { &m["recovered"]["discarded"] } else { &m["recovered"]["rolled_forward"] };
        assert_eq!(recovered.as_array().map(Vec::len), Some(1), "{point}: {m:#}");
        assert!(stagings(&out).is_empty());
    }
    assert!(crashed_after_commit >= 5, "only {crashed_after_commit} crashes after the commit point");
}

/// Two runs at once: the second exits at once with code 3 and changes nothing.
#[test]
fn a_concurrent_run_exits_with_the_lock_busy_code() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    write_articles(&input, 0..30);

    // Deterministic: this process holds the lock.
    let lock = RunLock::acquire(&out, "test").unwrap();
    let busy = run(&[&input], &out, &[]);
    let stderr = String::from_utf8_lossy(&busy.stderr);
    assert_eq!(busy.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("another run") && stderr.contains("run test"), "{stderr}");
    assert!(snapshot(&out).is_empty() && stagings(&out).is_empty());
    drop(lock);
    run_ok(&[&input], &out, &["--quiet"]);

    // Two real processes: the second starts while the first is working.
    write_articles(&input.join("more"), 1000..3000);
    let mut first = run_command(&[&input], &out, &["--quiet"]).stderr(Stdio::piped()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while stagings(&out).is_empty() && first.try_wait().unwrap().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    let second = run(&[&input], &out, &["--log-format", "json"]);
    let still_running = first.try_wait().unwrap().is_none();
    let first = first.wait_with_output().unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    if still_running {
        assert_eq!(second.status.code(), Some(3), "{}", String::from_utf8_lossy(&second.stderr));
        let line: Value = serde_json::from_slice(second.stderr.trim_ascii()).expect("one JSON error line");
        assert_eq!(line["level"], "error");
        assert_eq!(line["exit_code"], 3);
    } else {
        eprintln!("SKIP (concurrency half): the first run finished before the second started");
    }
    let rows = read_all_tables(&out);
    assert_eq!(rows[RawDocument::NAME] + rows[Reject::NAME], 2030);
}

/// The single-stage commands, one after another, give the tables of one
/// `run` byte for byte: each goes through the same map and reduce (staging,
/// state, data tests, manifest, atomic publication), and re-running a stage
/// that changes nothing publishes nothing.
#[test]
fn stage_commands_one_by_one_equal_a_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write_articles(&input, 0..30);
    fs::copy(input.join("a-000003.txt"), input.join("z-copy.txt")).unwrap();
    let (whole, staged) = (tmp.path().join("run"), tmp.path().join("stages"));
    run_ok(&[&input], &whole, &["--quiet", "--batch-id", &batch_id(1)]);
    let stage = |args: &[&str]| {
        let o = Command::new(common::bin()).args(args).arg("--out").arg(&staged).output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(manifest(&staged)["mode"], args[0], "{args:?}");
        assert!(stagings(&staged).is_empty(), "{args:?} left its staging directory");
    };
    stage(&["ingest", "--input", input.to_str().unwrap(), "--batch-id", &batch_id(1)]);
    assert!(!staged.join(CleanDocument::NAME).exists(), "ingest alone writes no clean_documents");
    for command in ["clean", "extract", "resolve", "aggregate"] {
        stage(&[command]);
    }
    assert_eq!(snapshot(&staged), snapshot(&whole));
    assert_eq!(fs::read(staged.join("report.html")).unwrap(), fs::read(whole.join("report.html")).unwrap());
    let before = fs::metadata(staged.join(CleanDocument::NAME)).unwrap().modified().unwrap();
    stage(&["clean"]);
    assert_eq!(manifest(&staged)["tables"][CleanDocument::NAME]["published"], "unchanged");
    assert_eq!(fs::metadata(staged.join(CleanDocument::NAME)).unwrap().modified().unwrap(), before);
}

/// N nightly batches give the same awards, aggregates and documents as one
/// full run over their union — including a copy of an earlier night's page
/// (a `duplicate` reject) and a page whose clean text repeats an earlier one.
#[test]
fn nightly_batches_equal_one_full_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let nights = 4;
    for night in 0..nights {
        let dir = input.join(format!("n{night}"));
        write_articles(&dir, night * 50..night * 50 + 50);
        fs::write(dir.join("z-bad.txt"), "짧은 글").unwrap();
    }
    // Later nights repeat earlier pages: exactly, and with extra blank lines.
    fs::copy(input.join("n0/a-000003.txt"), input.join("n2/z-copy.txt")).unwrap();
    fs::write(input.join("n3/z-spaced.txt"), article(7).replace('\n', "\n\n\n")).unwrap();

    let nightly = tmp.path().join("nightly");
    for night in 0..nights {
        let dirs: Vec<PathBuf> = (0..=night).map(|k| input.join(format!("n{k}"))).collect();
        let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
        run_ok(&dirs, &nightly, &["--quiet", "--batch-id", &batch_id(night)]);
        assert_eq!(manifest(&nightly)["batch_id"], batch_id(night));
    }
    let full = tmp.path().join("full");
    let dirs: Vec<PathBuf> = (0..nights).map(|k| input.join(format!("n{k}"))).collect();
    let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    run_ok(&dirs, &full, &["--quiet", "--batch-id", &batch_id(nights)]);

    fn sorted<T: Table + std::fmt::Debug>(out: &Path) -> Vec<String> {
        let mut rows: Vec<String> =
            read_rows::<T>(&out.join(T::NAME)).unwrap().iter().map(|r| format!("{r:?}")).collect();
        rows.sort();
        rows
    }
    assert_eq!(sorted::<Award>(&nightly), sorted::<Award>(&full));
    assert_eq!(sorted::<Region>(&nightly), sorted::<Region>(&full));
    assert_eq!(sorted::<AggAwardsByProvince>(&nightly), sorted::<AggAwardsByProvince>(&full));
    assert_eq!(sorted::<AggPrizeByYear>(&nightly), sorted::<AggPrizeByYear>(&full));
    assert_eq!(sorted::<AggAwardsByCategoryYear>(&nightly), sorted::<AggAwardsByCategoryYear>(&full));
    assert_eq!(sorted::<AggTopRecipients>(&nightly), sorted::<AggTopRecipients>(&full));
    // The recomputed tables are byte-identical too.
    for t in [Award::NAME, Region::NAME, AggAwardsByProvince::NAME, AggPrizeByYear::NAME] {
        assert_eq!(table_files(&snapshot(&nightly), t), table_files(&snapshot(&full), t), "{t}");
    }
    // The same documents, rejects and mentions, whichever batch holds them.
    let key = |out: &Path| {
        let raw: BTreeSet<String> =
            read_rows::<RawDocument>(&out.join(RawDocument::NAME)).unwrap().into_iter().map(|d| d.doc_id).collect();
        let clean: BTreeSet<(String, Option<String>)> = read_rows::<CleanDocument>(&out.join(CleanDocument::NAME))
            .unwrap()
            .into_iter()
            .map(|d| (d.doc_id, d.duplicate_of))
            .collect();
        let rejects: BTreeSet<(String, String)> = read_rows::<Reject>(&out.join(Reject::NAME))
            .unwrap()
            .into_iter()
            .map(|r| (r.source_path, r.reason))
            .collect();
        let mentions: BTreeSet<String> = read_rows::<AwardMention>(&out.join(AwardMention::NAME))
            .unwrap()
            .into_iter()
            .map(|m| m.mention_id)
            .collect();
        (raw, clean, rejects, mentions)
    };
    let (n, f) = (key(&nightly), key(&full));
    assert_eq!(n, f);
    assert!(n.2.iter().any(|(p, r)| p.ends_with("z-copy.txt") && r == "duplicate"), "{:?}", n.2);
    assert_eq!(n.0.len(), nights as usize * 50 + 1, "every page a document once, plus the spaced copy");
    assert_eq!(fs::read_dir(nightly.join(RawDocument::NAME)).unwrap().count(), nights as usize);
}

/// A night with nothing new: nothing is read again, no batch is added, no
/// data file is touched; a touched but identical file is read and counted as
/// already seen; one new file makes a batch of one.
#[test]
fn a_quiet_night_changes_no_data_file() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    write_articles(&input, 0..60);
    fs::write(input.join("bad.txt"), "").unwrap();
    backdate(&input.join("bad.txt"));
    run_ok(&[&input], &out, &["--quiet", "--batch-id", &batch_id(1)]);
    let stat = |out: &Path| -> BTreeMap<String, (u64, SystemTime)> {
        walkdir::WalkDir::new(out)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            // Run metadata and the lock file change every run; data files must not.
            .filter(|e| {
                let name = e.file_name().to_str().unwrap();
                !["_manifest.json", "_SUCCESS"].contains(&name) && !name.starts_with('.')
            })
            .map(|e| {
                use std::os::unix::fs::MetadataExt;
                let m = e.metadata().unwrap();
                (e.path().strip_prefix(out).unwrap().to_string_lossy().into_owned(), (m.ino(), m.modified().unwrap()))
            })
            .collect()
    };
    let files_before = stat(&out);

    run_ok(&[&input], &out, &["--quiet"]);
    let m = manifest(&out);
    assert_eq!(m["batch_id"], Value::Null);
    assert_eq!(m["inputs"]["files_unchanged"], 61, "{m:#}");
    assert_eq!(m["inputs"]["files_read"], 0);
    assert_eq!((m["inputs"]["already_seen"].as_u64(), m["inputs"]["new"].as_u64()), (Some(61), Some(0)));
    assert_eq!(m["data_tests"]["failed"], 0, "{m:#}");
    assert_eq!(stat(&out), files_before, "a quiet night rewrote files");
    assert!(out.join("_SUCCESS").exists());

    // Touched without change (and the reject re-appearing): read, nothing new.
    fs::write(input.join("a-000005.txt"), article(5)).unwrap();
    fs::write(input.join("bad.txt"), "").unwrap();
    run_ok(&[&input], &out, &["--quiet"]);
    let m = manifest(&out);
    assert_eq!((m["inputs"]["files_read"].as_u64(), m["inputs"]["new"].as_u64()), (Some(2), Some(0)), "{m:#}");
    assert_eq!(
        stat(&out).into_iter().filter(|(k, _)| !k.starts_with("_state")).collect::<BTreeMap<_, _>>(),
        files_before.into_iter().filter(|(k, _)| !k.starts_with("_state")).collect::<BTreeMap<_, _>>()
    );

    // One new page: a batch with one document.
    write_articles(&input, 500..501);
    run_ok(&[&input], &out, &["--quiet"]);
    let m = manifest(&out);
    assert_eq!(m["tables"]["raw_documents"]["rows_added"], 1, "{m:#}");
    assert_eq!(m["tables"]["raw_documents"]["rows"], 61, "{m:#}");
    assert_eq!(m["tables"]["rejects"]["rows_added"], 0);
    assert_eq!(fs::read_dir(out.join(RawDocument::NAME)).unwrap().count(), 2);

    // The state lost (or out of step with the tables): rebuilt from them,
    // every input read once more and found already stored.
    fs::remove_file(out.join("_state/state.bin")).unwrap();
    let o = run_ok(&[&input], &out, &["--log-format", "json"]);
    let m = manifest(&out);
    assert_eq!(m["state"], "rebuilt", "{m:#}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("\"event\":\"state_rebuilt\""));
    assert_eq!((m["inputs"]["files_read"].as_u64(), m["inputs"]["new"].as_u64()), (Some(62), Some(0)), "{m:#}");
    assert_eq!(m["batch_id"], Value::Null);
    assert_eq!(m["data_tests"]["failed"], 0, "{m:#}");
    run_ok(&[&input], &out, &["--quiet"]);
    let m = manifest(&out);
    // The two pages written seconds ago are read again (their mtime is too
    // recent to trust), the others are not opened.
    assert_eq!((m["inputs"]["files_unchanged"].as_u64(), m["inputs"]["new"].as_u64()), (Some(60), Some(0)), "{m:#}");
}

/// Every reject kind, a symlink loop, files vanishing while the run walks
/// them, 10,000 tiny files and a 100 MB single-line file: no panic, every
/// input accounted for; the next night counts them all as already seen.
#[test]
fn bad_inputs_are_all_accounted_for() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    let bad = input.join("bad");
    fs::create_dir_all(&bad).unwrap();
    let page = article(1);
    fs::write(bad.join("good.txt"), &page).unwrap();
    fs::write(bad.join("good-copy.txt"), &page).unwrap(); // duplicate
    fs::write(bad.join("empty.txt"), "").unwrap();
    fs::write(bad.join("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0").unwrap();
    fs::write(bad.join("short.txt"), "짧은 알림입니다.").unwrap();
    fs::write(bad.join("report.pdf"), "%PDF-1.7\n1 0 obj\n").unwrap(); // unsupported_type
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, article(2).as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    fs::write(bad.join("truncated.txt.gz"), &gz[..gz.len() / 2]).unwrap(); // corrupt_gzip
    let record = serde_json::json!({ "text": article(3) });
    fs::write(bad.join("feed.jsonl"), format!("{record}\n{{\"text\": 1}}\n{{broken\n")).unwrap(); // malformed_jsonl
    symlink(bad.join("nowhere"), bad.join("dangling.txt")).unwrap(); // unreadable
    symlink(&bad, bad.join("loop")).unwrap(); // a directory loop
    let locked = bad.join("locked.txt");
    fs::write(&locked, &page).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_ok() {
        eprintln!("SKIP (permission denied): running as root, every file is readable");
    }
    // A 100 MB single line (over the default 20 MiB limit: too_large, never read).
    {
        let f = fs::File::create(bad.join("huge.txt")).unwrap();
        let line = "가".repeat(1 << 20);
        let mut w = std::io::BufWriter::new(f);
        for _ in 0..34 {
            std::io::Write::write_all(&mut w, line.as_bytes()).unwrap();
        }
    }
    let tiny = input.join("tiny");
    fs::create_dir_all(&tiny).unwrap();
    for i in 0..10_000 {
        fs::write(tiny.join(format!("t{i:05}.txt")), format!("{i}")).unwrap();
    }
    let vanishing = input.join("vanishing");
    write_articles(&vanishing, 10_000..12_000);

    // Delete every third page of `vanishing` while the run walks and reads:
    // from the moment its staging directory exists (it is about to walk).
    let child = run_command(&[&input], &out, &["--batch-id", &batch_id(1), "--log-format", "json"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while (!out.is_dir() || stagings(&out).is_empty()) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    let mut deleted = 0;
    for i in (10_000..12_000).step_by(3) {
        if fs::remove_file(vanishing.join(format!("a-{i:06}.txt"))).is_ok() {
            deleted += 1;
        }
        std::thread::sleep(Duration::from_micros(300));
    }
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for line in stderr.lines() {
        serde_json::from_str::<Value>(line).unwrap_or_else(|e| panic!("not a JSON log line ({e}): {line}"));
    }

    let raw: Vec<RawDocument> = read_rows(&out.join(RawDocument::NAME)).unwrap();
    let rejects: Vec<Reject> = read_rows(&out.join(Reject::NAME)).unwrap();
    let m = manifest(&out);
    assert_eq!((raw.len() + rejects.len()) as u64, m["inputs"]["records_seen"].as_u64().unwrap(), "{m:#}");
    assert_eq!(m["data_tests"]["failed"], 0, "{m:#}");
    let reasons: BTreeSet<&str> = rejects.iter().map(|r| r.reason.as_str()).collect();
    for reason in [
        "empty",
        "binary",
        "too_short",
        "too_large",
        "unreadable",
        "malformed_jsonl",
        "corrupt_gzip",
        "duplicate",
        "unsupported_type",
    ] {
        assert!(reasons.contains(reason), "no {reason} reject: {reasons:?}");
    }
    assert!(rejects.iter().any(|r| r.source_path.contains("loop") && r.reason == "unreadable"), "symlink loop");
    assert!(rejects.iter().any(|r| r.source_path.ends_with("huge.txt") && r.reason == "too_large"));
    // Every file that still exists has its row(s); every row names an input.
    let named: BTreeSet<&str> =
        raw.iter().map(|d| d.source_path.as_str()).chain(rejects.iter().map(|r| r.source_path.as_str())).collect();
    for entry in walkdir::WalkDir::new(&input).into_iter().filter_map(|e| e.ok()).filter(|e| e.file_type().is_file()) {
        let p = entry.path().to_string_lossy();
        assert!(named.contains(p.as_ref()), "{p} is not accounted for");
    }
    assert!(named.iter().all(|p| p.starts_with(input.to_str().unwrap())));
    let vanished = rejects.iter().filter(|r| r.source_path.contains("vanishing") && r.reason == "unreadable").count();
    eprintln!(
        "bad inputs: {} records; {deleted} files deleted during the run, {vanished} of them after being listed",
        raw.len() + rejects.len()
    );

    // Next night: the same bad inputs are not rejected again.
    let o = run_ok(&[&input], &out, &["--quiet"]);
    let m = manifest(&out);
    assert_eq!(m["batch_id"], Value::Null, "{m:#}\n{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(m["inputs"]["new"], 0);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
}

/// Same inputs, same --batch-id: byte-identical Parquet files, in two output
/// directories and after a full refresh of the first.
#[test]
fn reruns_with_the_same_batch_id_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write_articles(&input, 0..80);
    fs::write(input.join("empty.txt"), "").unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("somewhere/else/b"));
    run_ok(&[&input], &a, &["--quiet", "--batch-id", &batch_id(3)]);
    run_ok(&[&input], &b, &["--quiet", "--batch-id", &batch_id(3), "--threads", "1"]);
    let first = snapshot(&a);
    assert_eq!(first.len(), TABLES.len(), "one file per table: {:?}", first.keys().collect::<Vec<_>>());
    assert_eq!(first, snapshot(&b));
    assert_eq!(fs::read(a.join("report.html")).unwrap(), fs::read(b.join("report.html")).unwrap());
    run_ok(&[&input], &a, &["--quiet", "--batch-id", &batch_id(3), "--full-refresh"]);
    assert_eq!(first, snapshot(&a));
    assert_eq!(manifest(&a)["mode"], "full_refresh");
}

/// Exit codes and the manifest: a data test failure exits 4 without
/// `_SUCCESS` (or 0 with `--on-data-test-failure warn`); a taken --batch-id
/// exits 2; the manifest describes the run.
#[test]
fn exit_codes_manifest_and_data_tests() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    write_articles(&input, 0..20);
    let o = run_ok(&[&input], &out, &["--batch-id", &batch_id(1)]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("20 new documents"), "{stderr}");
    let m = manifest(&out);
    assert_eq!(m["status"], "ok");
    assert_eq!(m["batch_id"], batch_id(1));
    assert_eq!(m["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(m["started_at"].as_str().unwrap() <= m["finished_at"].as_str().unwrap());
    assert_eq!(m["inputs"]["records_seen"], 20);
    let rows = read_all_tables(&out);
    for (table, n) in &rows {
        assert_eq!(m["tables"][table]["rows"].as_u64(), Some(*n as u64), "{table}");
    }
    let stages: Vec<&str> = m["stages"].as_array().unwrap().iter().map(|s| s["stage"].as_str().unwrap()).collect();
    for stage in ["discover", "ingest", "transform", "resolve_awards", "aggregate", "data_tests"] {
        assert!(stages.contains(&stage), "{stage} not timed: {stages:?}");
    }
    let tests = m["data_tests"]["results"].as_array().unwrap();
    assert!(tests.len() >= 8 && tests.iter().all(|t| t["status"] != "fail"), "{tests:#?}");
    assert_eq!(fs::read_to_string(out.join("_SUCCESS")).unwrap().trim(), m["run_id"]);

    // --quiet prints nothing on success.
    write_articles(&input, 100..101);
    let o = run_ok(&[&input], &out, &["--quiet", "--batch-id", &batch_id(2)]);
    assert!(o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));

    // A taken batch id with something new: usage error, nothing published.
    write_articles(&input, 200..201);
    let before = snapshot(&out);
    let o = run(&[&input], &out, &["--quiet", "--batch-id", &batch_id(2)]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(snapshot(&out), before);
    run_ok(&[&input], &out, &["--quiet", "--batch-id", &batch_id(3)]);
    // The same when the one new input is rejected (the last chunk adds no document).
    fs::write(input.join("zz-empty.txt"), "").unwrap();
    let before = snapshot(&out);
    let o = run(&[&input], &out, &["--quiet", "--batch-id", &batch_id(3)]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(snapshot(&out), before);
    fs::remove_file(input.join("zz-empty.txt")).unwrap();

    // Lose rows of a published batch: inputs_accounted fails.
    let raw_dir = out.join(RawDocument::NAME).join(format!("batch={}", batch_id(3)));
    welfare_awards::io::parquet::write_rows::<RawDocument>(&raw_dir, Vec::new()).unwrap();
    let o = run(&[&input], &out, &[]);
    assert_eq!(o.status.code(), Some(4), "{}", String::from_utf8_lossy(&o.stderr));
    let m = manifest(&out);
    assert_eq!(m["status"], "data_tests_failed");
    let failed: Vec<&str> = m["data_tests"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["status"] == "fail")
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(failed.contains(&"inputs_accounted"), "{failed:?}");
    assert!(!out.join("_SUCCESS").exists());
    let o = run(&[&input], &out, &["--on-data-test-failure", "warn"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(manifest(&out)["status"], "data_tests_warned");
    assert!(out.join("_SUCCESS").exists());
}

/// Every UTC timestamp is a usable batch id, including the first twelve days
/// of a month (where day and month could be confused) and midnight: a
/// nightly run must not fail on the 1st.
#[test]
fn any_utc_timestamp_is_a_usable_batch_id() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write_articles(&input, 0..10);
    for id in ["20260101T000000Z", "20261112T235959Z", "20261231T120000Z"] {
        let out = tmp.path().join(id);
        run_ok(&[&input], &out, &["--quiet", "--batch-id", id]);
        assert!(out.join("raw_documents").join(format!("batch={id}")).is_dir());
        assert_eq!(manifest(&out)["batch_id"], id);
    }
}
