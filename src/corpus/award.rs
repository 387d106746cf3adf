//! Award articles of the 지역복지사업 평가 with their gold labels, and
//! near-miss articles (other programs' awards, or the program named without
//! an award) whose gold is empty.
//!
//! Shapes, as reporters write them: a single winner; one winner in several
//! categories (N관왕, one clause per award); a province's roundup of its own
//! and its districts' awards; the ministry's national list with ▲ bullets.
//! Per-award prize money ("포상금 2천만원", "각각 1천만원") is labelled;
//! totals over several awards are only `doc_prize_total_krw`. Every
//! recipient named is unambiguous, so the gold is exact by construction.

use anyhow::Result;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::korean::{particle, won};
use super::lexicon::{CorpusData, Province};
use super::page::{date_between, person_name, Article};
use super::rng::Rng;

/// One labelled award, in the format of `shared/devset/gold.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldAward {
    pub eval_year: i32,
    pub recipient_full: String,
    pub level: &'static str,
    pub category: Option<String>,
    pub grade: &'static str,
    pub prize_krw: Option<i64>,
}

/// The labels of one generated article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Gold {
    pub awards: Vec<GoldAward>,
    pub doc_prize_total_krw: Option<i64>,
    pub other_awards_mentioned: Vec<String>,
    pub notes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grade {
    Daesang,
    Choeusu,
    Usu,
    Jangnyeo,
}

impl Grade {
    fn draw(rng: &mut Rng) -> Self {
        match rng.below(10) {
            0..=2 => Grade::Daesang,
            3..=4 => Grade::Choeusu,
            5..=8 => Grade::Usu,
            _ => Grade::Jangnyeo,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Grade::Daesang => "대상",
            Grade::Choeusu => "최우수",
            Grade::Usu => "우수",
            Grade::Jangnyeo => "장려",
        }
    }

    /// The prize as a noun: 대상, 최우수상, 우수상, 장려상.
    fn noun(self) -> &'static str {
        match self {
            Grade::Daesang => "대상",
            Grade::Choeusu => "최우수상",
            Grade::Usu => "우수상",
            Grade::Jangnyeo => "장려상",
        }
    }

    /// A clause ending in "…고" that states the award ("우수상을 받았다고").
    fn reported_clause(self, rng: &mut Rng) -> String {
        let noun = self.noun();
        match (self, rng.below(3)) {
            (Grade::Choeusu | Grade::Usu, 2) => format!("{} 기관으로 선정됐다고", self.label()),
            (Grade::Daesang, 2) => "대상의 영예를 안았다고".into(),
            (_, 1) => format!("{}을 받았다고", noun),
            _ => format!("{}{} 수상했다고", noun, particle(noun, "을")),
        }
    }

    fn headline(self, rng: &mut Rng) -> String {
        match (self, rng.below(2)) {
            (Grade::Choeusu | Grade::Usu, 1) => format!("{}기관 선정", self.label()),
            _ => format!("{} 수상", self.noun()),
        }
    }
}

/// A recipient: a 시도 itself or one of its 시군구.
#[derive(Debug, Clone, Copy)]
struct Recipient<'a> {
    province: &'a Province,
    sigungu: Option<&'a str>,
}

impl<'a> Recipient<'a> {
    fn draw(rng: &mut Rng, data: &'a CorpusData, sido_share: f64) -> Self {
        let province = rng.pick(&data.provinces);
        Self::within(rng, province, sido_share)
    }

    fn within(rng: &mut Rng, province: &'a Province, sido_share: f64) -> Self {
        let sigungu = if rng.chance(sido_share) { None } else { Some(rng.pick(&province.sigungu).as_str()) };
        Recipient { province, sigungu }
    }

    fn full(&self) -> String {
        match self.sigungu {
            Some(s) => format!("{} {}", self.province.full, s),
            None => self.province.full.clone(),
        }
    }

    fn level(&self) -> &'static str {
        if self.sigungu.is_some() {
            "sigungu"
        } else {
            "sido"
        }
    }

    /// Written with its 시도 ("대구 달서구", "대구시").
    fn qualified(&self, rng: &mut Rng) -> String {
        match self.sigungu {
            Some(s) => format!("{} {s}", rng.pick(&self.province.prefix_names())),
            None => rng.pick(&self.province.own_names()).to_string(),
        }
    }

    /// As the subject of a lead: qualified or bare.
    fn written(&self, rng: &mut Rng) -> String {
        match self.sigungu {
            Some(s) if rng.chance(0.4) => s.to_string(),
            _ => self.qualified(rng),
        }
    }

    /// "구", "시", "군" or "도": how later sentences refer to it.
    fn pronoun(&self) -> &'static str {
        let name = self.sigungu.unwrap_or(&self.province.full);
        match name.chars().last() {
            Some('구') => "구",
            Some('군') => "군",
            Some('도') => "도",
            _ => "시",
        }
    }

    fn head_title(&self) -> &str {
        match self.pronoun() {
            "구" if self.sigungu.is_some() => "구청장",
            "군" => "군수",
            "시" if self.sigungu.is_some() => "시장",
            _ => &self.province.head_title,
        }
    }
}

fn key(r: &Recipient) -> (String, bool) {
    (r.full(), r.sigungu.is_some())
}

/// One award as stated in a sentence.
#[derive(Debug, Clone)]
struct Stated<'a> {
    recipient: Recipient<'a>,
    category_written: String,
    category: String,
    grade: Grade,
    prize: Option<i64>,
}

impl Stated<'_> {
    fn gold(&self, year: i32) -> GoldAward {
        GoldAward {
            eval_year: year,
            recipient_full: self.recipient.full(),
            level: self.recipient.level(),
            category: Some(self.category.clone()),
            grade: self.grade.label(),
            prize_krw: self.prize,
        }
    }
}

/// Context shared by the sentences of one article.
struct Writer<'a> {
    rng: &'a mut Rng,
    data: &'a CorpusData,
    year: i32,
    /// "2022년 지역복지사업 평가" or "올해 지역복지사업 평가".
    program: String,
    /// False when the year is only implied ("올해 …"), which is not quoted.
    quoted: bool,
    day: u32,
}

const PRIZES: [i64; 10] = [
    5_000_000,
    10_000_000,
    15_000_000,
    20_000_000,
    30_000_000,
    35_000_000,
    50_000_000,
    100_000_000,
    150_000_000,
    250_000_000,
];

impl Writer<'_> {
    /// The program as cited in a sentence: "'2022년 지역복지사업 평가'".
    fn cited(&self) -> String {
        if self.quoted {
            format!("'{}'", self.program)
        } else {
            self.program.clone()
        }
    }

    fn categories(&mut self, n: usize) -> Vec<(String, String)> {
        let year = self.year;
        let open: Vec<_> = self.data.awards.categories.iter().filter(|c| c.from <= year && year <= c.to).collect();
        self.rng
            .distinct(open.len(), n)
            .into_iter()
            .map(|i| (open[i].canonical.clone(), self.rng.pick(&open[i].written).clone()))
            .collect()
    }

    fn field_word(&mut self) -> &'static str {
        if self.rng.chance(0.75) {
            "분야"
        } else {
            "부문"
        }
    }

    fn verb(&mut self) -> String {
        self.rng.pick(&self.data.awards.report_verbs).clone()
    }

    fn organizer(&mut self) -> String {
        self.rng.pick(&self.data.awards.organizers).clone()
    }

    fn money(&mut self, amount: i64) -> String {
        won(amount, self.rng.below(6))
    }

    fn background(&mut self, body: &mut Vec<String>) {
        if self.rng.chance(0.6) {
            body.push(self.rng.pick(&self.data.awards.program_background).clone());
        }
    }

    fn merits(&mut self, pronoun: &str, body: &mut Vec<String>) {
        let a = &self.data.awards;
        let n = self.rng.range(2, 4) as usize;
        let items: Vec<String> =
            self.rng.distinct(a.merits.len(), n).into_iter().map(|i| a.merits[i].clone()).collect();
        let bullets = self.rng.chance(0.5);
        let list = if bullets {
            items.iter().map(|m| format!("▲{m}")).collect::<Vec<_>>().join(" ")
        } else {
            items.join(", ")
        };
        let intro = self.rng.pick(&a.merit_intro);
        let tail = self.rng.pick(&a.merit_tails);
        body.push(format!("{intro} {pronoun}{} {list} {tail}", particle(pronoun, "은")));
    }

    fn quote(&mut self, head: &str, title: &str, body: &mut Vec<String>) {
        let a = &self.data.awards;
        let q = self.rng.pick(&a.quotes);
        let v = self.rng.pick(&a.quote_verbs);
        body.push(format!("{head} {title}{} \"{q}\"고 {v}.", particle(title, "은")));
    }

    fn other_awards(&mut self, pronoun: &str, body: &mut Vec<String>, gold: &mut Gold) {
        let a = &self.data.awards;
        let n = self.rng.range(1, 2) as usize;
        let mut named = Vec::new();
        for i in self.rng.distinct(a.other_programs.len(), n) {
            let program = a.other_programs[i].replace("{year}", &self.year.to_string());
            let grade = self.rng.pick(&a.other_grades);
            named.push(format!("{program} {grade}"));
        }
        let list = named.iter().map(|s| format!("▲{s}")).collect::<Vec<_>>().join(" ");
        body.push(format!(
            "이외에도 {pronoun}{} 올해 {list} 등 여러 기관 평가에서 좋은 성적을 거뒀다.",
            particle(pronoun, "은")
        ));
        gold.other_awards_mentioned.extend(named);
    }
}

/// A generated award or near-miss article with its labels.
pub struct Labelled {
    pub article: Article,
    pub gold: Gold,
}

fn publication(rng: &mut Rng, year: i32) -> NaiveDateTime {
    if rng.chance(0.8) {
        date_between(rng, ymd(year, 11, 10), ymd(year, 12, 31))
    } else {
        date_between(rng, ymd(year + 1, 1, 2), ymd(year + 1, 1, 31))
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn subject(rng: &mut Rng, data: &CorpusData, r: &Recipient) -> (String, String, String) {
    let written = r.written(rng);
    let head = person_name(rng, &data.lexicon);
    let title = r.head_title().to_string();
    let with_head = format!("{written}({title} {head}){}", particle(&written, "은"));
    (with_head, head, title)
}

/// An award article: one of four shapes, with its gold.
pub fn award_article(rng: &mut Rng, data: &CorpusData) -> Result<Labelled> {
    let year = rng.range(2016, 2025) as i32;
    let published = publication(rng, year);
    let shape = rng.below(100);
    // The year may be left implied ("올해") only when the article is dated in the round's year.
    let implied = shape < 60 && published.year() == year && rng.chance(0.2);
    let program = if implied {
        rng.pick(&data.awards.program_names_implied).clone()
    } else {
        rng.pick(&data.awards.program_names).replace("{year}", &year.to_string())
    };
    let day = published.day();
    let mut w = Writer { rng, data, year, program, quoted: !implied, day };
    let mut gold = Gold::default();
    let mut body = Vec::new();
    let (title, section, notes) = if shape < 40 {
        single(&mut w, &mut body, &mut gold)?
    } else if shape < 60 {
        several_categories(&mut w, &mut body, &mut gold)?
    } else if shape < 82 {
        province_roundup(&mut w, &mut body, &mut gold)?
    } else {
        national_list(&mut w, &mut body, &mut gold)?
    };
    gold.notes = if implied { format!("{notes}; year implied by publication date") } else { notes };
    let show_date = implied || w.rng.chance(0.9);
    let reporter = person_name(w.rng, &data.lexicon);
    let subtitle = if w.rng.chance(0.3) { Some(format!("보건복지부 주관 {} 결과", w.program)) } else { None };
    Ok(Labelled {
        article: Article {
            section,
            title,
            subtitle,
            paragraphs: body,
            published: show_date.then_some(published),
            reporter,
        },
        gold,
    })
}

/// Shape 1: one recipient, one award, maybe a prize.
fn single(w: &mut Writer, body: &mut Vec<String>, gold: &mut Gold) -> Result<(String, String, String)> {
    let r = Recipient::draw(w.rng, w.data, 0.2);
    let (category, written) = w.categories(1).remove(0);
    let grade = Grade::draw(w.rng);
    let field = w.field_word();
    let (subj, head, head_title) = subject(w.rng, w.data, &r);
    let org = w.organizer();
    let clause = grade.reported_clause(w.rng);
    let verb = w.verb();
    body.push(format!("{subj} {org} {}에서 '{written}' {field} {clause} {}일 {verb}.", w.cited(), w.day));
    w.background(body);
    let pronoun = r.pronoun();
    let mut prize = None;
    if w.rng.chance(0.35) {
        let amount = *w.rng.pick(&PRIZES);
        let money = w.money(amount);
        body.push(format!(
            "{pronoun}{} 이번 수상으로 포상금 {money}{} 받는다.",
            particle(pronoun, "은"),
            particle(&money, "을")
        ));
        if w.rng.chance(0.5) {
            body.push(w.rng.pick(&w.data.awards.prize_uses).clone());
        }
        prize = Some(amount);
    }
    w.merits(pronoun, body);
    if w.rng.chance(0.15) {
        body.push(format!(
            "{pronoun}{} 이로써 {}년 연속 수상 기록을 이어 갔다.",
            particle(pronoun, "은"),
            w.rng.range(2, 6)
        ));
    }
    if w.rng.chance(0.15) {
        w.other_awards(pronoun, body, gold);
    }
    if w.rng.chance(0.7) {
        w.quote(&head, &head_title, body);
    }
    let stated = Stated { recipient: r, category_written: written.clone(), category, grade, prize };
    gold.awards.push(stated.gold(w.year));
    let title = if w.rng.chance(0.5) {
        format!("{}, {} {}", r.qualified(w.rng), w.program, grade.headline(w.rng))
    } else {
        format!("{}, '{}' {field} {}", r.qualified(w.rng), stated.category_written, grade.headline(w.rng))
    };
    Ok((title, "사회".into(), "single winner".into()))
}

/// Shape 2: one recipient wins in two or three categories (N관왕).
fn several_categories(w: &mut Writer, body: &mut Vec<String>, gold: &mut Gold) -> Result<(String, String, String)> {
    let r = Recipient::draw(w.rng, w.data, 0.2);
    let n = w.rng.range(2, 3) as usize;
    let cats = w.categories(n);
    let awards: Vec<Stated> = cats
        .into_iter()
        .map(|(category, category_written)| Stated {
            recipient: r,
            category_written,
            category,
            grade: Grade::draw(w.rng),
            prize: None,
        })
        .collect();
    let n = awards.len();
    let (subj, head, head_title) = subject(w.rng, w.data, &r);
    let org = w.organizer();
    let verb = w.verb();
    let pronoun = r.pronoun();
    let field = w.field_word();
    if w.rng.chance(0.5) {
        let parts: Vec<String> = awards
            .iter()
            .map(|a| format!("'{}' {field} {}{}", a.category_written, a.grade.noun(), particle(a.grade.noun(), "을")))
            .collect();
        body.push(format!("{subj} {org} {}에서 {} 각각 수상했다고 {}일 {verb}.", w.cited(), parts.join(", "), w.day));
    } else {
        body.push(format!("{subj} {org} {}에서 {n}개 {field}에 걸쳐 상을 받았다고 {}일 {verb}.", w.cited(), w.day));
        for (i, a) in awards.iter().enumerate() {
            let lead = if i == 0 { format!("{pronoun}{}", particle(pronoun, "은")) } else { "또".to_string() };
            let also = if i == 0 { "" } else { "도" };
            body.push(format!(
                "{lead} '{}' {field}에서{also} {}{} 받았다.",
                a.category_written,
                a.grade.noun(),
                particle(a.grade.noun(), "을")
            ));
        }
    }
    w.background(body);
    if w.rng.chance(0.25) {
        let total = *w.rng.pick(&PRIZES) * 2;
        let money = w.money(total);
        body.push(format!("{pronoun}{} 모두 {money}의 포상금을 받는다.", particle(pronoun, "은")));
        gold.doc_prize_total_krw = Some(total);
    }
    w.merits(pronoun, body);
    if w.rng.chance(0.7) {
        w.quote(&head, &head_title, body);
    }
    gold.awards.extend(awards.iter().map(|a| a.gold(w.year)));
    let title = format!("{}, {} {n}관왕", r.qualified(w.rng), w.program);
    Ok((title, "사회".into(), "one recipient, several categories".into()))
}

/// Joins names the way a sentence lists them: "A와 B", "A, B와 C", "A·B".
fn join_names(rng: &mut Rng, names: &[String]) -> String {
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        _ if rng.chance(0.3) => names.join("·"),
        n => {
            let head = names[..n - 1].join(", ");
            format!("{head}{} {}", particle(&names[n - 2], "과"), names[n - 1])
        }
    }
}

/// Shape 3: a province reports its own award and its districts' awards.
fn province_roundup(w: &mut Writer, body: &mut Vec<String>, gold: &mut Gold) -> Result<(String, String, String)> {
    let province = w.rng.pick(&w.data.provinces);
    let ncat = w.rng.range(2, 4) as usize;
    let cats = w.categories(ncat);
    let own = w.rng.chance(0.5);
    let mut groups: Vec<(String, String, Vec<(Grade, Vec<Recipient>)>)> = Vec::new();
    let mut used = std::collections::HashSet::new();
    for (ci, (category, written)) in cats.into_iter().enumerate() {
        let mut parts: Vec<(Grade, Vec<Recipient>)> = Vec::new();
        let ngrades = w.rng.range(1, 2) as usize;
        for _ in 0..ngrades {
            let grade = Grade::draw(w.rng);
            if parts.iter().any(|(g, _)| *g == grade) {
                continue;
            }
            let mut winners = Vec::new();
            for _ in 0..w.rng.range(1, 2) {
                let r = Recipient::within(w.rng, province, 0.0);
                if used.insert((key(&r), category.clone())) {
                    winners.push(r);
                }
            }
            if !winners.is_empty() {
                parts.push((grade, winners));
            }
        }
        if own && ci == 0 {
            // The province's own award is stated in its own sentence below.
            used.insert(((province.full.clone(), false), category.clone()));
        }
        groups.push((category, written, parts));
    }
    let sido_name = province.own_names()[province.own_names().len() - 1].to_string();
    let pronoun = if province.full.ends_with('도') { "도" } else { "시" };
    let districts = if pronoun == "도" { "시·군" } else { "구·군" };
    let org = w.organizer();
    let verb = w.verb();
    let field = w.field_word();
    let total: usize =
        groups.iter().map(|(_, _, p)| p.iter().map(|(_, r)| r.len()).sum::<usize>()).sum::<usize>() + usize::from(own);
    let who = if own { format!("{pronoun}와 관내 {districts}") } else { format!("관내 {districts}") };
    body.push(format!(
        "{sido_name}{} {org} {}에서 {who}{} 모두 {total}개의 상을 받았다고 {}일 {verb}.",
        particle(&sido_name, "은"),
        w.cited(),
        particle(districts, "이"),
        w.day
    ));
    w.background(body);
    if own {
        let (category, written, _) = &groups[0];
        let grade = Grade::draw(w.rng);
        body.push(format!(
            "{pronoun}{} '{written}' {field}에서 {}{} 받았다.",
            particle(pronoun, "은"),
            grade.noun(),
            particle(grade.noun(), "을")
        ));
        let r = Recipient { province, sigungu: None };
        gold.awards.push(
            Stated { recipient: r, category_written: written.clone(), category: category.clone(), grade, prize: None }
                .gold(w.year),
        );
    }
    for (category, written, parts) in &mut groups {
        if parts.is_empty() {
            continue;
        }
        // "각각 1천만원": every winner of a one-grade clause gets the amount.
        let each = if parts.len() == 1 && w.rng.chance(0.3) { Some(*w.rng.pick(&PRIZES[..6])) } else { None };
        let mut clauses = Vec::new();
        for (grade, winners) in parts.iter() {
            let names: Vec<String> = winners.iter().map(|r| r.sigungu.unwrap_or_default().to_string()).collect();
            let list = join_names(w.rng, &names);
            clauses.push(format!("{list}{} {}{}", particle(&list, "이"), grade.noun(), particle(grade.noun(), "을")));
            for r in winners {
                gold.awards.push(
                    Stated {
                        recipient: *r,
                        category_written: written.clone(),
                        category: category.clone(),
                        grade: *grade,
                        prize: each,
                    }
                    .gold(w.year),
                );
            }
        }
        let sentence = match each {
            Some(amount) => {
                let money = w.money(amount);
                format!("'{written}' {field}에서는 {} 받아 각각 {money}의 포상금을 받는다.", clauses.join(", "))
            }
            None => format!("'{written}' {field}에서는 {} 받았다.", clauses.join(", ")),
        };
        body.push(sentence);
    }
    if w.rng.chance(0.5) {
        w.merits(pronoun, body);
    }
    if w.rng.chance(0.5) {
        let head = person_name(w.rng, &w.data.lexicon);
        let title = province.head_title.clone();
        w.quote(&head, &title, body);
    }
    let title = format!("{sido_name}, {}서 {total}개 상 수상", w.program);
    Ok((title, "지역".into(), "province roundup".into()))
}

/// Shape 4: the ministry's national list, one ▲ line per category and grade.
fn national_list(w: &mut Writer, body: &mut Vec<String>, gold: &mut Gold) -> Result<(String, String, String)> {
    let ncat = w.rng.range(2, 4) as usize;
    let cats = w.categories(ncat);
    let field = w.field_word();
    let mut lines = Vec::new();
    let mut used = std::collections::HashSet::new();
    let mut count = 0;
    for (category, written) in cats {
        let grade = Grade::draw(w.rng);
        let mut names = Vec::new();
        for _ in 0..w.rng.range(1, 3) {
            let r = Recipient::draw(w.rng, w.data, 0.15);
            if used.insert((key(&r), category.clone())) {
                names.push(r.qualified(w.rng));
                gold.awards.push(
                    Stated {
                        recipient: r,
                        category_written: written.clone(),
                        category: category.clone(),
                        grade,
                        prize: None,
                    }
                    .gold(w.year),
                );
                count += 1;
            }
        }
        lines.push(format!("▲{written} {field} {} {}", grade.noun(), names.join(", ")));
    }
    let verb = w.verb();
    body.push(format!("보건복지부는 {} 결과 우수 지방자치단체를 선정해 시상했다고 {}일 {verb}.", w.cited(), w.day));
    w.background(body);
    if w.rng.chance(0.5) {
        body.push(format!("주요 수상 기관은 {} 등이다.", lines.join(" ")));
    } else {
        body.push("분야별 주요 수상 기관은 다음과 같다.".into());
        body.extend(lines);
    }
    if w.rng.chance(0.4) {
        let total = *w.rng.pick(&[1_800_000_000i64, 2_100_000_000, 2_600_000_000, 3_000_000_000]);
        let money = w.money(total);
        body.push(format!("수상 기관에는 모두 {money}의 포상금이 지급된다."));
        gold.doc_prize_total_krw = Some(total);
    }
    let title = format!("복지부, {} 결과 발표…{count}곳 수상", w.program);
    Ok((title, "사회".into(), "national list".into()))
}

/// A near-miss: another program's award, or this program named without an award.
pub fn near_miss_article(rng: &mut Rng, data: &CorpusData) -> Result<Labelled> {
    let year = rng.range(2016, 2025) as i32;
    let published = publication(rng, year);
    let r = Recipient::draw(rng, data, 0.1);
    let (subj, head, head_title) = subject(rng, data, &r);
    let verb = rng.pick(&data.awards.report_verbs).clone();
    let pronoun = r.pronoun();
    let mut gold = Gold::default();
    let mut body = Vec::new();
    let title;
    if rng.chance(0.7) {
        let program = rng.pick(&data.awards.other_programs).replace("{year}", &year.to_string());
        let grade = rng.pick(&data.awards.other_grades);
        body.push(format!(
            "{subj} {program}에서 {}{} 수상했다고 {}일 {verb}.",
            grade,
            particle(grade, "을"),
            published.day()
        ));
        gold.other_awards_mentioned.push(format!("{program} {grade}"));
        gold.notes = "near miss: another program's award".into();
        title = format!("{}, {program} {grade}", r.qualified(rng));
    } else {
        body.push(format!(
            "{subj} 내년 지역복지사업 평가에 대비해 복지 담당 공무원 {}명이 참석한 가운데 사례 공유 회의를 열었다고 {}일 {verb}.",
            rng.range(12, 80),
            published.day()
        ));
        gold.notes = "near miss: the program is named, no award".into();
        title = format!("{}, 복지 사례 공유 회의 열어", r.qualified(rng));
    }
    let mut w = Writer { rng, data, year, program: String::new(), quoted: false, day: published.day() };
    w.merits(pronoun, &mut body);
    if w.rng.chance(0.6) {
        w.quote(&head, &head_title, &mut body);
    }
    let reporter = person_name(w.rng, &data.lexicon);
    Ok(Labelled {
        article: Article {
            section: "사회".into(),
            title,
            subtitle: None,
            paragraphs: body,
            published: Some(published),
            reporter,
        },
        gold,
    })
}
