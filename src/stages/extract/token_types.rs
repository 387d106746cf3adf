//! The types of a sentence's lexical items, as `tokens.rs` finds them and
//! the clause readers after it (`fields.rs`, `grades.rs`, `patterns.rs`, …)
//! use them: places, field names, grade words, years, program cues and
//! clause boundaries.

use crate::domain::Knowledge;

use super::year::YearExpr;

/// A place written in the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// As written, without particle ("달서구", "대구시"); a name written with
    /// a shared suffix gets it ("동대문·중랑구" gives "동대문구").
    pub name: String,
    /// The 시·도 written right before it ("광주" in "광주 남구").
    pub sido_context: Option<String>,
    /// sido | sigungu, `None` when unsure.
    pub level: Option<&'static str>,
    /// The particle after the name ("가", "는", "" ...).
    pub particle: String,
    /// A government that can receive an award (false for a bare 시·도 short
    /// name and for a 시·도 written as context of the next name).
    pub recipient: bool,
    /// A field written in brackets right after the name: "가람시(희망복지지원단 운영)".
    pub field: Option<Field>,
}

/// A field name: canonical (through an alias) or only recognised as a field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Index into `Knowledge::aliases`, `None` for an unlisted field.
    pub alias: Option<usize>,
    pub text: String,
    /// Written in quotes, the whole of them ("'복지기능강화' 부문"): the
    /// article names a field of the round as the ministry wrote it.
    pub quoted: bool,
}

impl Field {
    /// The category the field names in an evaluation year: a listed name's
    /// (if it is in use that year), or, outside the list, the name as the
    /// article quotes it. `None` for an unquoted phrase outside the list.
    pub fn category(&self, k: &Knowledge, year: i32) -> Option<String> {
        match self.alias {
            Some(a) => k.category_name(a, year),
            None => self.quoted.then(|| self.text.clone()),
        }
    }
}

/// How a grade word is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradeUse {
    /// An award: "대상을 받았다", "우수기관으로 선정".
    Award,
    /// "표창 대상": selected, without a grade (선정).
    Selected,
    /// A count of awards: "최우수 30곳", "대상 3개".
    Count,
    /// The evaluator's action: "우수 지자체를 선정한다".
    Generic,
    /// Not a grade here: "전국 지자체를 대상으로", "우수 사례", "대상 기관 외에".
    NotGrade,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GradeTok {
    /// Index into `Knowledge::grades`.
    pub grade: usize,
    pub usage: GradeUse,
    /// Marked as the topic ("대상은 …에 돌아갔다"): recipients follow.
    pub topic: bool,
    /// Written as part of a streak ("3년 연속 대상").
    pub streak: bool,
    /// A grade of an institution without 상 ("우수기관으로 선정", "최우수
    /// 지자체"): often a summary that a specific award states again.
    pub generic: bool,
    /// Swept ("최우수상 휩쓸어"): several awards, a count unless the fields
    /// they were won in are listed.
    pub sweep: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TokKind {
    Place(Place),
    /// "구는", "시가": the article's recipient, by its suffix.
    Referential(char),
    Field(Field),
    /// "같은 부문", "이 분야": the field named before.
    SameField,
    Grade(GradeTok),
    Year(YearExpr),
    /// End of a clause ("…받았고,", "…했으며").
    Break,
    /// "…" between the claims of a headline, or a list mark ("▲") inside a
    /// sentence: what follows is a new item.
    Ellipsis,
    /// "…에 이어": what follows is the current round again.
    Continuation,
    /// This program's name, as written.
    Program(String),
    /// A cue of another program.
    Other,
    /// A prize that is no grade ("발전상", "특별상", "준우수").
    OtherPrize,
    /// A counted subject ("등 총 34곳이", "시도 4곳, 시군구 12곳이"): what
    /// follows is said of the count, not of the names before it.
    CountSubject,
}

/// One item, `[start, end)` in characters of the clean text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}
