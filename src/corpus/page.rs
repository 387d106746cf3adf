//! Ordinary news articles and the page around any article: weather widget
//! with the crawl date, PHP warnings, menus, trending lists, share lines,
//! bylines and e-mails, captions, duplicated bodies, related headlines,
//! copyright and mobile footers. Each outlet keeps one page style, as real
//! sites do.

use anyhow::Result;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

use super::korean::{fill, group_thousands};
use super::lexicon::{CorpusData, Lexicon, Topic};
use super::rng::Rng;

/// The article itself, before the page noise is put around it.
#[derive(Debug, Clone)]
pub struct Article {
    pub section: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub paragraphs: Vec<String>,
    /// Shown in the byline when set; otherwise the page has no own date.
    pub published: Option<NaiveDateTime>,
    pub reporter: String,
}

/// A person's name: surname and two syllables.
pub fn person_name(rng: &mut Rng, lex: &Lexicon) -> String {
    let mut s = rng.pick(&lex.surnames).clone();
    s.push_str(rng.pick(&lex.given_syllables).as_str());
    s.push_str(rng.pick(&lex.given_syllables).as_str());
    s
}

/// A uniformly drawn date-time in `[from, to]` (days), during working hours.
pub fn date_between(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDateTime {
    let days = (to - from).num_days().max(0);
    let day = from + Duration::days(rng.range(0, days));
    day.and_hms_opt(rng.range(6, 22) as u32, rng.range(0, 59) as u32, rng.range(0, 59) as u32)
        .expect("valid time of day")
}

/// Fills a topic template with words of the topic and the general lists.
pub fn fill_topic(rng: &mut Rng, lex: &Lexicon, topic: &Topic, template: &str) -> Result<String> {
    let mut out = String::with_capacity(template.len() + 32);
    fill(template, &mut out, |key| {
        Some(match key {
            "place" => rng.pick(&lex.places).clone(),
            "person" => person_name(rng, lex),
            "org" => rng.pick(&topic.orgs).clone(),
            "thing" => rng.pick(&topic.things).clone(),
            "phrase" => rng.pick(&topic.phrases).clone(),
            "title" => rng.pick(&topic.titles).clone(),
            "n" => rng.range(2, 99).to_string(),
            "big" => group_thousands(rng.range(12, 98_765)),
            "pct" => format!("{}.{}", rng.range(0, 60), rng.range(0, 9)),
            "year" => rng.range(2015, 2025).to_string(),
            "month" => rng.range(1, 12).to_string(),
            "day" => rng.range(1, 28).to_string(),
            _ => return None,
        })
    })?;
    Ok(out)
}

/// An ordinary article on a random topic.
pub fn ordinary_article(rng: &mut Rng, data: &CorpusData, published: Option<NaiveDateTime>) -> Result<Article> {
    let lex = &data.lexicon;
    let topic = rng.pick(&lex.topics);
    let headline = rng.pick(&topic.headlines);
    let title = fill_topic(rng, lex, topic, headline)?;
    let subtitle = if rng.chance(0.4) {
        let headline = rng.pick(&topic.headlines);
        Some(fill_topic(rng, lex, topic, headline)?)
    } else {
        None
    };
    let mut paragraphs = Vec::new();
    for _ in 0..rng.range(4, 12) {
        let mut p = String::new();
        for k in 0..rng.range(1, 4) {
            if k > 0 {
                p.push(' ');
            }
            let sentence = rng.pick(&topic.sentences);
            p.push_str(&fill_topic(rng, lex, topic, sentence)?);
        }
        paragraphs.push(p);
    }
    Ok(Article {
        section: topic.section.clone(),
        title,
        subtitle,
        paragraphs,
        published,
        reporter: person_name(rng, lex),
    })
}

/// The fixed page style of one outlet.
#[derive(Debug, Clone)]
struct SiteStyle {
    weather: bool,
    php_rate: f64,
    menu: bool,
    trending: bool,
    byline: usize,
    share: bool,
    related: bool,
    duplicate_rate: f64,
    copyright: usize,
    footer: bool,
}

impl SiteStyle {
    fn of(seed: u64, outlet: usize) -> Self {
        let mut r = Rng::derive(seed, 0x517E, outlet as u64);
        SiteStyle {
            weather: r.chance(0.7),
            php_rate: if r.chance(0.3) { 0.6 } else { 0.0 },
            menu: r.chance(0.7),
            trending: r.chance(0.5),
            byline: r.below(4),
            share: r.chance(0.7),
            related: r.chance(0.6),
            duplicate_rate: if r.chance(0.3) { 0.15 } else { 0.02 },
            copyright: r.below(3),
            footer: r.chance(0.6),
        }
    }
}

const WEEKDAYS: [&str; 7] = ["월", "화", "수", "목", "금", "토", "일"];

fn two(n: u32) -> String {
    format!("{n:02}")
}

fn byline(style: usize, outlet: &str, reporter: &str, at: NaiveDateTime) -> String {
    let (y, m, d, hh, mm, ss) =
        (at.year(), two(at.month()), two(at.day()), two(at.hour()), two(at.minute()), two(at.second()));
    match style {
        0 => format!("{reporter} 기자\n입력 {y}.{m}.{d} {hh}:{mm}"),
        1 => format!("등록일 : {y}-{m}-{d} {hh}:{mm}:{ss}\n{reporter} 기자"),
        2 => format!("[{outlet}] {reporter} 기자 | 승인 {y}.{m}.{d} {hh}:{mm}"),
        _ => format!("기사입력 {y}/{m}/{d} {hh}:{mm}\n{reporter} 기자"),
    }
}

/// Puts the page noise of outlet `outlet` around `article`. `legacy` pages
/// use only characters that CP949 can encode.
pub fn render_page(
    rng: &mut Rng,
    data: &CorpusData,
    seed: u64,
    outlet: usize,
    article: &Article,
    legacy: bool,
) -> Result<String> {
    let lex = &data.lexicon;
    let site = SiteStyle::of(seed, outlet);
    let outlet_name = &lex.outlets[outlet].name;
    let domain = &lex.outlets[outlet].domain;
    let bullet = if legacy { "·" } else { "•" };
    let mut lines: Vec<String> = Vec::with_capacity(256);

    if site.weather {
        let base = article.published.map(|p| p.date()).unwrap_or(NaiveDate::from_ymd_opt(2023, 1, 1).expect("date"));
        let crawl =
            (base + Duration::days(rng.range(20, 900))).min(NaiveDate::from_ymd_opt(2026, 6, 30).expect("date"));
        lines.push(format!(
            "{}.{}.{} ({})",
            crawl.year(),
            two(crawl.month()),
            two(crawl.day()),
            WEEKDAYS[crawl.weekday().num_days_from_monday() as usize]
        ));
        lines.push(String::new());
        let stations = rng.range(30, lex.weather_stations.len() as i64) as usize;
        for s in rng.distinct(lex.weather_stations.len(), stations) {
            let cond = rng.pick(&lex.weather_conditions);
            lines.push(format!(
                "  {bullet} {cond}{}{}.{}℃",
                lex.weather_stations[s],
                rng.range(-5, 33),
                rng.range(0, 9)
            ));
        }
        lines.push("기상청 제공".into());
    }
    if site.php_rate > 0.0 && rng.chance(site.php_rate) {
        for _ in 0..rng.range(1, 4) {
            let file =
                format!("/home/{}/public_html/{}", domain.split('.').next().unwrap_or("www"), rng.pick(&lex.php_files));
            let msg =
                rng.pick(&lex.php_messages).replace("{file}", &file).replace("{line}", &rng.range(12, 880).to_string());
            lines.push(msg);
        }
    }
    if site.menu {
        let n = rng.range(6, 14) as usize;
        for i in rng.distinct(lex.menu.len(), n) {
            lines.push(lex.menu[i].clone());
        }
        for s in &lex.sections {
            lines.push(s.clone());
        }
    }
    if site.trending {
        lines.push("실시간 인기검색어".into());
        for (rank, i) in rng.distinct(lex.trending.len(), 10).into_iter().enumerate() {
            lines.push((rank + 1).to_string());
            lines.push(lex.trending[i].clone());
        }
    }
    lines.push(format!("{} > {}", article.section, rng.pick(&["일반", "종합", "지역", "이슈"])));
    lines.push(article.title.clone());
    if let Some(sub) = &article.subtitle {
        lines.push(sub.clone());
    }
    if site.share {
        lines.push(rng.pick(&lex.share_lines).clone());
    }
    match article.published {
        Some(at) => lines.push(byline(site.byline, outlet_name, &article.reporter, at)),
        None => lines.push(format!("{} 기자", article.reporter)),
    }
    let body_start = lines.len();
    for (i, p) in article.paragraphs.iter().enumerate() {
        if i == 0 && rng.chance(0.5) {
            lines.push(format!("[{outlet_name}={} 기자] {p}", article.reporter));
        } else {
            lines.push(p.clone());
        }
        if i + 1 < article.paragraphs.len() && rng.chance(0.12) {
            let topic = rng.pick(&lex.topics);
            let form = rng.pick(&lex.caption_forms);
            lines.push(fill_topic(rng, lex, topic, form)?);
        }
    }
    let email =
        format!("{}{}@{}", rng.pick(&["news", "press", "reporter", "desk", "editor"]), rng.range(1, 99), domain);
    lines.push(if rng.chance(0.5) {
        format!("{} 기자 {email}", article.reporter)
    } else {
        format!("{} 기자 ({email})", article.reporter)
    });
    if rng.chance(site.duplicate_rate) {
        let body: Vec<String> = lines[body_start..].to_vec();
        lines.extend(body);
    }
    lines.push(match site.copyright {
        0 => format!("Copyright ⓒ {outlet_name}. All rights reserved."),
        1 => format!("<저작권자 ⓒ {outlet_name}, 무단 전재 및 재배포 금지>"),
        _ => format!("ⓒ {outlet_name} 무단전재 및 재배포금지"),
    });
    if site.related {
        lines.push(rng.pick(&lex.related_headers).clone());
        for _ in 0..rng.range(4, 10) {
            let topic = rng.pick(&lex.topics);
            let headline = rng.pick(&topic.headlines);
            lines.push(fill_topic(rng, lex, topic, headline)?);
        }
    }
    if site.trending {
        lines.push("많이 본 뉴스".into());
        for rank in 1..=10 {
            let topic = rng.pick(&lex.topics);
            let headline = rng.pick(&topic.headlines);
            let h = fill_topic(rng, lex, topic, headline)?;
            lines.push(format!("{rank} {h}"));
        }
    }
    if site.footer {
        let n = rng.range(2, 4) as usize;
        for i in rng.distinct(lex.footer_lines.len(), n) {
            lines.push(lex.footer_lines[i].clone());
        }
    }
    lines.push(rng.pick(&["모바일 버전으로 보기", "PC버전으로 보기", "맨위로"]).to_string());
    let newline = if legacy && rng.chance(0.5) { "\r\n" } else { "\n" };
    let mut text = lines.join(newline);
    text.push_str(newline);
    Ok(text)
}
