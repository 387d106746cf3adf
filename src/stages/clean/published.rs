//! The article's own publication date, chosen among the dates of a page's
//! byline and dateline lines ([`super::layout::Page::own_meta_lines`]).
//!
//! Precedence: a date labelled as the first publication (입력, 등록, 승인,
//! 송고, date, Posted, ...) first, then an unlabelled date of a byline,
//! dateline or print stamp, then a revision date (수정, Updated, ...); within
//! a rank, the first on the page. Never the site's edition stamp
//! ("최종편집", printed in the header of every page of many sites): it is
//! the site's last update, years after an archived article. Never a crawl date, a date of a list of
//! other articles, a date in the body or in a URL: those lines are not meta
//! lines. Unlabelled dates on three or more lines are the dates of a list
//! (a section page, a feed of other articles), not the article's; so is a
//! bare date line below the body, unless a byline sits right above or
//! below it (a reporter line at the end of the body, then the date).

use chrono::NaiveDate;

use super::dates::{find_dates, month_stamp, DateLabel, FoundDate};
use super::layout::{Fate, Kind, Page};
use super::lexicon::Lexicon;

/// Unlabelled dates on this many meta lines or more belong to a list.
const LIST_DATE_LINES: usize = 3;

/// The publication date of a classified page, when it states one.
pub fn published_on_page(lines: &[String], page: &Page) -> Option<NaiveDate> {
    let first_body =
        (0..lines.len()).find(|&i| page.kinds[i] == Kind::Text && page.fates[i] == Fate::Keep && page.sentences[i]);
    let (mut published, mut unlabelled, mut revised) = (None, None, None);
    let mut unlabelled_lines = 0;
    for i in page.own_meta_indices() {
        let dates = find_dates(&lines[i]);
        unlabelled_lines += usize::from(dates.iter().any(|d| d.label.is_none()));
        if first_body.is_some_and(|b| i > b) && is_date_only(&lines[i], &dates) && !next_to_a_byline(page, i) {
            continue;
        }
        for found in dates {
            let first = match found.label {
                Some(DateLabel::Published) => &mut published,
                None => &mut unlabelled,
                Some(DateLabel::Revised) => &mut revised,
                // The site's edition stamp dates the site, not the article.
                Some(DateLabel::Edition) => continue,
            };
            first.get_or_insert(found.date);
        }
    }
    let listed = unlabelled_lines >= LIST_DATE_LINES;
    published.or(unlabelled.filter(|_| !listed)).or(revised)
}

/// The year and month of a page that states no full date but a month
/// stamp ("date 2020-12"): a published stamp first, else a revision's; never
/// the site's edition stamp.
pub fn month_on_page(lines: &[String], page: &Page) -> Option<(i32, u32)> {
    let lex = Lexicon::get();
    let stamps: Vec<(i32, u32, DateLabel)> =
        page.own_meta_indices().filter_map(|i| month_stamp(&lines[i], lex)).collect();
    let of = |label: DateLabel| stamps.iter().find(|s| s.2 == label).map(|&(y, m, _)| (y, m));
    of(DateLabel::Published).or_else(|| of(DateLabel::Revised))
}

/// A line that is one unlabelled date and nothing else ("2030. 5. 7.").
fn is_date_only(line: &str, dates: &[FoundDate]) -> bool {
    let [d] = dates else { return false };
    d.label.is_none() && !line[..d.start].chars().chain(line[d.end..].chars()).any(char::is_alphanumeric)
}

/// Whether the line before or after `i` (blank lines aside) is a byline
/// or dateline.
fn next_to_a_byline(page: &Page, i: usize) -> bool {
    let meta = |j: Option<usize>| j.is_some_and(|j| page.kinds[j] == Kind::Meta);
    let nonblank = |j: &usize| page.kinds[*j] != Kind::Blank;
    meta((0..i).rev().find(nonblank)) || meta((i + 1..page.kinds.len()).find(nonblank))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::clean::lexicon::Lexicon;
    use crate::stages::clean::{layout, normalize};

    fn published(text: &str) -> Option<NaiveDate> {
        let lines = normalize::normalized_lines(text);
        published_on_page(&lines, &layout::classify(&lines, Lexicon::get()))
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    const BODY: &str = "가람구는 올해 지역복지사업 평가에서 우수상을 받았다고 밝혔다.";

    #[test]
    fn the_first_publication_wins_over_a_revision_in_either_order() {
        assert_eq!(published(&format!("수정 2031.03.05 10:00\n입력 2031.03.04 09:00\n{BODY}")), d(2031, 3, 4));
        assert_eq!(published(&format!("Updated 2031-03-05\n{BODY}\nPosted on 2031-03-04")), d(2031, 3, 4));
        assert_eq!(published(&format!("{BODY}\n최종수정 2031-03-05 10:00")), d(2031, 3, 5));
        assert_eq!(published(&format!("홍길동 기자 2031-03-03\n{BODY}\n수정 2031-03-05")), d(2031, 3, 3));
    }

    #[test]
    fn the_label_may_sit_on_the_line_before_the_date() {
        assert_eq!(published(&format!("홍길동 선임기자\n승인\n2031.03.04 20:04\n의견\n0\n{BODY}")), d(2031, 3, 4));
    }

    #[test]
    fn a_bare_date_below_the_body_needs_a_byline_next_to_it() {
        assert_eq!(published(&format!("가람구, 복지 평가 우수상\n{BODY}\n홍길동 기자\n2031. 3. 4.")), d(2031, 3, 4));
        assert_eq!(
            published(&format!("가람구, 복지 평가 우수상\n{BODY}\n2031년 3월 4일\n\n[홍길동 기자]")),
            d(2031, 3, 4)
        );
        assert_eq!(published(&format!("가람구, 복지 평가 우수상\n{BODY}\n다른 글의 요약 한 줄\n2031. 3. 4.")), None);
        assert_eq!(published(&format!("가람구, 복지 평가 우수상\n2031-03-04 10:00\n{BODY}")), d(2031, 3, 4));
        assert_eq!(published(&format!("{BODY}\n[2031년 3월 4일 제12호 7면]")), d(2031, 3, 4));
    }

    #[test]
    fn the_sites_edition_stamp_is_not_the_articles_date() {
        let page = format!("가람구, 복지 평가 우수상\n최종편집 : 2035-02-03 오후 01:02:03\n{BODY}");
        assert_eq!(published(&page), None);
        assert_eq!(published(&format!("{page}\n홍길동 기자 2031-03-03")), d(2031, 3, 3));
        assert_eq!(published(&format!("{page}\n수정 2031-03-05")), d(2031, 3, 5));
    }

    #[test]
    fn an_as_of_stamp_is_not_the_articles_date() {
        // A header's "as of" time over trending keywords, then the byline's
        // name and date as two bullets.
        let page = format!("기사 검색\n2036-01-05 03:04:05 기준\n  • #복지\n  • 약국\n\n가람구, 복지 평가 우수상\n");
        assert_eq!(published(&format!("{page}{BODY}")), None);
        assert_eq!(published(&format!("{page}  • 홍길동\n  • 2031-03-04 09:30:33\n\n{BODY}")), d(2031, 3, 4));
    }

    #[test]
    fn a_month_stamp_gives_the_month_but_no_date() {
        let month = |text: &str| {
            let lines = normalize::normalized_lines(text);
            month_on_page(&lines, &layout::classify(&lines, Lexicon::get()))
        };
        let page = format!(" date 2031-12\n가람구, 복지 평가 우수상\n{BODY}");
        assert_eq!(published(&page), None);
        assert_eq!(month(&page), Some((2031, 12)));
        assert_eq!(month(&format!("발행일 2031년 3월\n{BODY}")), Some((2031, 3)));
        assert_eq!(month(&format!("최종편집 2035-02\n{BODY}")), None);
        assert_eq!(month(&format!("{BODY}\n2031-12")), None);
    }

    #[test]
    fn dates_of_a_list_are_not_the_articles() {
        let list = format!("가람군 소식\n2031-03-04\n{BODY}\n2031-03-04\n{BODY}\n2031-03-02\n{BODY}");
        assert_eq!(published(&list), None);
        assert_eq!(published(&format!("입력 2031-03-05\n{list}")), d(2031, 3, 5));
    }

    #[test]
    fn body_and_url_dates_are_not_publication_dates() {
        let text = format!(
            "가람구, 복지 평가 우수상\n가람구는 지난 2031년 3월 4일 열린 시상식에서 상을 받았다고 밝혔다.\n![](https://img.example.kr/2031/03/04/photo.jpg)\n{BODY}"
        );
        assert_eq!(published(&text), None);
    }
}
