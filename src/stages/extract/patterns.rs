//! The patterns of how Korean reporters state awards, read clause by clause
//! over a sentence's tokens:
//!
//! - recipients then grade: "수성구, 달서구가 최우수상을" (`recipient_grade`);
//! - grade then recipients: "분야 대상은 대구시와 창녕군에 돌아갔다",
//!   "대상을 대전시가 가져갔다" (`grade_recipient`);
//! - one subject, several grades: "X는 A 부문에서 최우수상을, B 부문에서
//!   우수상을 받았다" (`same_subject`);
//! - the article's own recipient, not repeated: "구는 …에서도 우수상을
//!   받았다", "작년 같은 부문 대상에 이어" (`carried_subject`);
//! - lists under an announcing sentence: "대상 기관은 다음과 같다." then
//!   "▲ 분야 : 지역, 지역" (`bullet_list`);
//! - a recipient named as winning with no grade word (`selected_no_grade`).
//!
//! Each grade takes the fields named before it in the sentence (a list of
//! fields joined by "과/와/·/," counts as one group), the year written
//! before it (or the round), and is dropped when its clause names another
//! program.

use crate::domain::hangul::is_syllable;
use crate::domain::Knowledge;

use super::chars::is_item_mark;
use super::sentences::{DocText, Role, Sentence};
use super::token_types::{Field, GradeTok, GradeUse, Place, TokKind, Token};
use super::year::{RoundYear, YearExpr, YearRole, YearValue};

/// Names of the patterns, as written to `award_mentions.rule`.
pub mod rule {
    pub const RECIPIENT_GRADE: &str = "recipient_grade";
    pub const GRADE_RECIPIENT: &str = "grade_recipient";
    pub const SAME_SUBJECT: &str = "same_subject";
    pub const CARRIED_SUBJECT: &str = "carried_subject";
    pub const BULLET_LIST: &str = "bullet_list";
    pub const SELECTED_NO_GRADE: &str = "selected_no_grade";
    pub const EARLIER_ROUND: &str = "earlier_round";
}

/// A candidate award, before duplicates are merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub recipient: Place,
    pub year: i32,
    pub year_stated: bool,
    /// The field as written, if any was.
    pub field: Option<Field>,
    /// Canonical category (written, inherited from the article, or the
    /// round's only category).
    pub category: Option<String>,
    pub grade: usize,
    pub sentence: usize,
    pub grade_pos: usize,
    pub rule: &'static str,
    pub confidence: f64,
    pub headline: bool,
    /// Stated as part of a streak ("4년 연속 우수기관").
    pub streak: bool,
    /// An institution grade without 상 ("우수기관으로 선정").
    pub generic: bool,
    pub prize: Option<i64>,
    pub program: String,
    /// Candidates emitted together by one grade word.
    pub group: usize,
    /// The grade counts several fields it does not name ("6개 분야에서").
    pub several: bool,
}

/// Whether a grade belongs to this program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    This,
    Other,
}

/// What the whole document tells the patterns.
pub struct DocFrame<'a> {
    pub k: &'a Knowledge,
    pub text: &'a DocText,
    pub round: RoundYear,
    pub published_year: Option<i32>,
    /// The article's own recipient (subject of its headline or lead).
    pub main: Option<Place>,
    /// The one category the article names, if it names exactly one (as
    /// first written), and the character where it is first named.
    pub single_field: Option<(Field, usize)>,
    /// The article names the award 복지행정상 (whose early rounds had
    /// sub-부문 of their own).
    pub names_award: bool,
    /// Context of sentences that name no program.
    pub default_context: Context,
    /// The program's name as first written in the article.
    pub program: String,
}

/// A grade waiting for its recipients.
#[derive(Debug, Clone)]
struct Open {
    grade: GradeTok,
    pos: usize,
    fields: Vec<Field>,
    year: Option<YearExpr>,
    continued: Option<YearExpr>,
    assigned: bool,
    /// The grade counts several fields it does not name ("6개 분야에서").
    several: bool,
}

/// Grade and recipients announced for the bullet lines that follow.
#[derive(Debug, Clone, Default)]
struct Block {
    grade: Option<Open>,
    recipients: Vec<Place>,
}

/// One grade's candidates in one sentence (for money attribution).
#[derive(Debug, Clone, PartialEq)]
pub struct Emission {
    pub sentence: usize,
    pub pos: usize,
    pub candidates: Vec<usize>,
}

/// Walks the sentences of a document in order, carrying what the article
/// said before (its recipient, the fields last named, a bullet list's grade).
pub struct Walker<'a> {
    pub frame: DocFrame<'a>,
    pub candidates: Vec<Candidate>,
    pub emissions: Vec<Emission>,
    last_fields: Vec<Field>,
    recent: Vec<Place>,
    /// The one recipient an earlier sentence set as its topic ("수원시는
    /// …"), until a sentence sets another.
    topic: Option<Place>,
    block: Option<Block>,
    groups: usize,
}

/// Places listed together ("동구와 남구가"), with the fields named right
/// after them ("A는 F1 분야에서, B는 F2 분야에서 대상을 받았다").
#[derive(Debug, Clone, Default)]
struct Group {
    places: Vec<Place>,
    fields: Option<Vec<Field>>,
    field_run: Option<usize>,
    /// A particle other than a list particle ended the group.
    closed: bool,
    /// Ended by 은/는 (the topic) or by 이/가 (the subject).
    topic: bool,
    subject: bool,
    /// Opened by a field that introduces the names after it ("'희망복지지원단
    /// 운영' 분야에선 대구시와 창녕군, …", "▲ 사회보장급여 및 사후관리 : 오산시").
    introduced: bool,
}

fn places_of(groups: &[Group]) -> Vec<Place> {
    groups.iter().flat_map(|g| g.places.iter().cloned()).collect()
}

/// Per-sentence state of the walk.
struct Clause {
    fields: Vec<Field>,
    /// Counts replacements of `fields` (a joined field keeps the run).
    field_run: usize,
    last_sig: Option<usize>,
    pending: Vec<Group>,
    last_group: Vec<Place>,
    open: Option<Open>,
    unassigned: Vec<Open>,
    year: Option<YearExpr>,
    continued: Option<YearExpr>,
    any_award: bool,
    /// Grade tokens up to this index were already paired ("각각").
    skip_to: usize,
    /// The places the sentence set as its topic ("수원시는").
    topics: Vec<Place>,
    /// The year (its start) that dated the last grade: it dates the next
    /// grades too until another year is written ("작년에도 A 분야에 대상을
    /// 수상하였고, B 최우수, C 분야에 우수를 수상한 바 있다").
    bound_year: Option<usize>,
}

impl<'a> Walker<'a> {
    pub fn new(frame: DocFrame<'a>) -> Self {
        Walker {
            frame,
            candidates: Vec::new(),
            emissions: Vec::new(),
            last_fields: Vec::new(),
            recent: Vec::new(),
            topic: None,
            block: None,
            groups: 0,
        }
    }

    /// Is the grade at `ti` about this program? Within its clause, an
    /// organizer of another evaluation before it wins ("경기도가 주관한
    /// 지역사회보장계획 시행결과 평가에서 최우수상"); else the nearest
    /// program cue before it ("A 평가에서의 최우수상, 자활사업 분야에서의
    /// 우수 지자체"); else the first after it; else the nearest cue before
    /// it in the sentence; else the article's default. "…에 이어" ends a
    /// clause too: "A 평가에서 우수 기관으로 뽑힌 데 이어 B 평가에서도
    /// 장려상" gives each program its own grade.
    pub fn context_at(&self, toks: &[Token], ti: usize) -> Context {
        let is_bound = |t: &Token| matches!(t.kind, TokKind::Break | TokKind::Ellipsis | TokKind::Continuation);
        let lo = toks[..ti].iter().rposition(is_bound).map(|i| i + 1).unwrap_or(0);
        let hi = toks[ti..].iter().position(is_bound).map(|i| ti + i).unwrap_or(toks.len());
        let this = |t: &Token| matches!(&t.kind, TokKind::Program(_) | TokKind::Field(Field { alias: Some(_), .. }));
        let organizer = |t: &Token| {
            t.kind == TokKind::Other && toks.iter().any(|p| matches!(p.kind, TokKind::Place(_)) && p.start == t.start)
        };
        let cue = |t: &Token| {
            if t.kind == TokKind::Other {
                Some(Context::Other)
            } else {
                this(t).then_some(Context::This)
            }
        };
        // An organizer heading a list governs its items: "경기도 평가에서도
        // ▲A 분야 우수상 ▲B 우수".
        let chars = &self.frame.text.chars;
        let list_mark = |t: &Token| t.kind == TokKind::Ellipsis && is_item_mark(chars[t.start]);
        let organizer_lo = toks[..ti].iter().rposition(|t| is_bound(t) && !list_mark(t)).map(|i| i + 1).unwrap_or(0);
        if toks[organizer_lo..ti].iter().any(organizer) {
            return Context::Other;
        }
        // The token at `ti` counts when it is a cue itself (money and counts
        // ask about a position, not a grade). A cue right before the
        // program's name qualifies it: "노인복지 분야 복지행정상" is theirs.
        let upto = (ti + 1).min(toks.len());
        let qualified = |i: usize| {
            matches!(toks[i].kind, TokKind::Program(_))
                && i > lo
                && toks[i - 1].kind == TokKind::Other
                && self.frame.text.slice(toks[i - 1].end, toks[i].start).trim().is_empty()
        };
        let before = (lo..upto).rev().find_map(|i| if qualified(i) { Some(Context::Other) } else { cue(&toks[i]) });
        let after = || toks[(ti + 1).min(hi)..hi].iter().find_map(cue);
        let in_sentence = || toks[..lo].iter().rev().find_map(cue);
        before.or_else(after).or_else(in_sentence).unwrap_or_else(|| self.unnamed_context(toks[ti].start))
    }

    /// The program of a sentence that names none: the article's, unless the
    /// sentence turns to another matter ("한편 …").
    fn unnamed_context(&self, pos: usize) -> Context {
        let text = self.frame.text;
        let at = text.sentences.partition_point(|s| s.start <= pos).saturating_sub(1);
        match text.sentences.get(at) {
            Some(s) if self.frame.k.grammar.shifts_topic(&text.text(s)) => Context::Other,
            _ => self.frame.default_context,
        }
    }

    /// Reads one sentence.
    pub fn sentence(&mut self, si: usize, toks: &[Token]) {
        let s = self.frame.text.sentences[si];
        if s.role != Role::Bullet {
            // A list ends at the first line that is not a bullet, unless
            // that line announces a new one.
            self.block = None;
        }
        let mut c = Clause {
            fields: Vec::new(),
            field_run: 0,
            last_sig: None,
            pending: Vec::new(),
            last_group: Vec::new(),
            open: None,
            unassigned: Vec::new(),
            year: None,
            continued: None,
            any_award: false,
            skip_to: 0,
            bound_year: None,
            topics: Vec::new(),
        };
        for (ti, t) in toks.iter().enumerate() {
            match &t.kind {
                TokKind::Field(f) => {
                    let joined = self.joins_previous_field(toks, c.last_sig, ti);
                    if joined {
                        c.fields.push(f.clone());
                    } else {
                        c.fields = vec![f.clone()];
                        c.field_run += 1;
                    }
                    c.last_sig = Some(ti);
                    if let Some(open) = c.open.as_mut().filter(|o| o.fields.is_empty()) {
                        // "우수상을 수상한 'F' 부문에선": the grade of a
                        // relative clause on the field is that field's.
                        if self.relative_clause_on(open.pos, t.start) {
                            open.fields = c.fields.clone();
                        }
                    }
                    let introduces = self.introduces_names(toks, ti);
                    match c.pending.last_mut() {
                        // Fields joined to the one that opened a group are its own.
                        Some(g) if joined && g.introduced && g.places.is_empty() => g.fields = Some(c.fields.clone()),
                        _ if introduces => c.pending.push(Group {
                            fields: Some(c.fields.clone()),
                            field_run: Some(c.field_run),
                            introduced: true,
                            ..Group::default()
                        }),
                        // Fields right after a group of places are that group's own.
                        Some(g) if g.field_run.is_none() || g.field_run == Some(c.field_run) => {
                            g.fields = Some(c.fields.clone());
                            g.field_run = Some(c.field_run);
                        }
                        _ => {}
                    }
                }
                TokKind::SameField => {
                    c.fields = self.last_fields.clone();
                    c.last_sig = Some(ti);
                }
                TokKind::Place(p) if p.recipient => {
                    c.last_sig = Some(ti);
                    if let Some(open) = c.open.as_mut() {
                        open.assigned = true;
                        let mut open = open.clone();
                        // "대상은 F1 분야의 A군과 F2 분야의 B군이": a field written
                        // right before a name, after the grade, is that name's.
                        let before =
                            toks[..ti].iter().rev().find(|t| !matches!(&t.kind, TokKind::Place(q) if !q.recipient));
                        let own_field =
                            before.is_some_and(|t| matches!(t.kind, TokKind::Field(_)) && t.start > open.pos);
                        if own_field {
                            open.fields = c.fields.clone();
                        }
                        self.emit(si, &open, std::slice::from_ref(p), rule::GRADE_RECIPIENT, 0.9);
                        c.last_group = vec![p.clone()];
                        // "최우수상으로 선정된 전라남도를 비롯 … 진도군이 대상": a
                        // grade heading names ends with their group; a topic
                        // ("대상은 A가, B가 …") goes on to every name after it.
                        let listing = self.frame.k.particles.is_listing(&p.particle);
                        if !open.grade.topic && !listing {
                            c.open = None;
                        }
                    } else {
                        let particles = &self.frame.k.particles;
                        let listing = particles.is_listing(&p.particle);
                        match c.pending.last_mut() {
                            Some(g) if !g.closed && (g.field_run.is_none() || g.introduced) => g.places.push(p.clone()),
                            _ => c.pending.push(Group { places: vec![p.clone()], ..Group::default() }),
                        }
                        let g = c.pending.last_mut().expect("just pushed");
                        if !listing {
                            g.closed = true;
                            g.topic = particles.is_topic(&p.particle);
                            g.subject = particles.is_subject(&p.particle);
                            if g.topic {
                                c.topics.extend(g.places.iter().cloned());
                            }
                        }
                    }
                }
                TokKind::Grade(_) if ti < c.skip_to => c.last_sig = Some(ti),
                TokKind::Grade(g) => {
                    c.last_sig = Some(ti);
                    self.grade(si, toks, ti, g, &mut c);
                }
                TokKind::Year(y) => match y.role {
                    YearRole::Plain | YearRole::Program => c.year = Some(*y),
                    YearRole::Continued => c.continued = Some(*y),
                    YearRole::FieldLabel | YearRole::NotARound => {}
                },
                TokKind::Continuation => c.year = None,
                TokKind::Break => close(&mut c),
                TokKind::Ellipsis => {
                    close(&mut c);
                    // "▲ F1 : A, B ▲ F2 : C … 등 대상 기관": items naming
                    // their field and places wait for a grade after the list.
                    let item_mark = !matches!(self.frame.text.chars[t.start], '…' | '.');
                    c.pending.retain(|g| item_mark && g.introduced && !g.places.is_empty());
                    c.last_group.clear();
                    // "▲F1 ▲F2 등 2개 부문의 우수기관": items that are only
                    // fields list the fields of a grade after them.
                    let field_item = item_mark && c.last_sig.is_some_and(|i| matches!(toks[i].kind, TokKind::Field(_)));
                    if !field_item {
                        c.fields.clear();
                        c.year = None;
                    }
                }
                // The names before a prize that is no grade won that prize.
                TokKind::OtherPrize => {
                    close(&mut c);
                    c.pending.clear();
                    c.last_group.clear();
                }
                // "A, B, C 등 3곳이 대상": the count restates names still
                // waiting for their grade; "A가 대상으로 선정되는 등 총
                // 34곳이 우수 자치단체로": after a predicate, it is a new subject.
                TokKind::CountSubject => {
                    if c.pending.is_empty() {
                        close(&mut c);
                        c.last_group.clear();
                    }
                }
                TokKind::Place(_) | TokKind::Referential(_) | TokKind::Program(_) | TokKind::Other => {}
            }
        }
        close(&mut c);
        self.finish_sentence(si, &s, toks, c);
    }

    /// Fields joined by "과/와/및/·/," (and 분야/부문 words) form one list.
    fn joins_previous_field(&self, toks: &[Token], last_sig: Option<usize>, ti: usize) -> bool {
        let Some(prev) = last_sig else { return false };
        if !matches!(toks[prev].kind, TokKind::Field(_)) {
            return false;
        }
        let between = self.frame.text.slice(toks[prev].end, toks[ti].start);
        let mut rest = between.replace(['\'', '"', ' ', ',', '·', '、'], "").replace(is_item_mark, "");
        let k = self.frame.k;
        for w in k.fields.marks().iter().chain(k.grammar.all_conjunctions()).chain(k.particles.joining()) {
            rest = rest.replace(w.as_str(), "");
        }
        rest.is_empty()
    }

    /// Is the text from the grade at `grade` to the field at `field` a
    /// relative clause of the award on it: the grade, an object particle and
    /// a relative form of an award verb ("우수상을 수상한 '…", "대상을 받은")?
    fn relative_clause_on(&self, grade: usize, field: usize) -> bool {
        let between = self.frame.text.slice(grade, field);
        let words: Vec<&str> = between.split_whitespace().filter(|w| w.chars().any(is_syllable)).collect();
        let [graded, verb] = words[..] else { return false };
        let verb = verb.trim_end_matches(|c: char| !is_syllable(c));
        let k = self.frame.k;
        let object = k.particles.ends_object(graded.trim_end_matches(|c: char| !is_syllable(c)));
        object && k.grade_words.relative_award_verbs.iter().any(|v| v == verb)
    }

    /// Does the field at `ti` introduce the names after it? It is marked as
    /// a topic or a heading ("F 분야에선", "'F 분야'는", "F 부문에서는",
    /// "F : ") and the next name-or-grade after it is a name.
    fn introduces_names(&self, toks: &[Token], ti: usize) -> bool {
        let chars = &self.frame.text.chars;
        let mut i = toks[ti].end;
        let end = chars.len();
        let skip = |i: &mut usize| {
            while *i < end && matches!(chars[*i], ' ' | '\'' | '"' | '‘' | '’' | '“' | '”' | '」' | '』') {
                *i += 1;
            }
        };
        skip(&mut i);
        let word: String = chars[i..end.min(i + 6)].iter().collect();
        if let Some((_, n)) = self.frame.k.fields.strip_mark_or_variant(&word) {
            i += n;
            skip(&mut i);
        }
        let rest: String = chars[i..end.min(i + 4)].iter().collect();
        let run = crate::stages::extract::chars::run_at(chars, i, end.min(i + 4));
        let word: String = chars[i..run].iter().collect();
        let marked =
            rest.starts_with(':') || self.frame.k.particles.makes_heading(&rest, &word, chars.get(run).copied());
        if !marked {
            return false;
        }
        toks[ti + 1..]
            .iter()
            .find(|t| match &t.kind {
                TokKind::Place(p) => p.recipient,
                TokKind::Grade(_) | TokKind::Field(_) => true,
                _ => false,
            })
            .is_some_and(|t| matches!(t.kind, TokKind::Place(_)))
    }

    /// Is the grade at `ti` followed by the names it went to: no particle
    /// or 으로/로/에 after it ("대상 경남 함안군", "우수기관으로 구미시"), and
    /// the next name, grade or field is a recipient?
    fn heads_names_after(&self, toks: &[Token], ti: usize) -> bool {
        let chars = &self.frame.text.chars;
        let end = crate::stages::extract::chars::run_at(chars, toks[ti].end, chars.len());
        let particle: String = chars[toks[ti].end..end].iter().collect();
        if !self.frame.k.particles.before_names(&particle) {
            return false;
        }
        toks[ti + 1..]
            .iter()
            .find(|t| match &t.kind {
                TokKind::Place(p) => p.recipient,
                TokKind::Grade(_) | TokKind::Field(_) | TokKind::Break => true,
                _ => false,
            })
            .is_some_and(|t| matches!(t.kind, TokKind::Place(_)))
    }

    fn grade(&mut self, si: usize, toks: &[Token], ti: usize, g: &GradeTok, c: &mut Clause) {
        let t = &toks[ti];
        match g.usage {
            GradeUse::NotGrade | GradeUse::Generic => return,
            GradeUse::Count => match self.bracketed_fields(toks, ti) {
                // "대상 3개(F1, F2, F3)": the count is spelled out field by field.
                Some(fields) => c.fields = fields,
                // "F1과 F2 분야 대상을 휩쓸었다": a sweep of the fields listed.
                None if g.sweep && !c.fields.is_empty() => {}
                None => {
                    if !c.pending.is_empty() {
                        c.last_group = places_of(&std::mem::take(&mut c.pending));
                    }
                    return;
                }
            },
            GradeUse::Award | GradeUse::Selected => {}
        }
        if self.context_at(toks, ti) == Context::Other {
            // The recipients named so far won that other program's award;
            // a topic ("수성구는 …") stays the subject of the clauses after
            // it ("… 뽑힌 데 이어 복지부 평가에서도 장려상을 받았다").
            let topics: Vec<Place> =
                c.pending.iter().filter(|g| g.topic).flat_map(|g| g.places.iter().cloned()).collect();
            c.pending.clear();
            c.last_group = topics;
            c.open = None;
            return;
        }
        if self.selected_by_a_province(si, toks, ti, c) {
            c.pending.clear();
            c.last_group.clear();
            c.open = None;
            return;
        }
        c.any_award = true;
        let several =
            counts_several_fields(self.frame.text, toks, self.frame.text.sentences[si], t.start, self.frame.k);
        // "A 부문에서 대상을, B 등 4개 부문에서 최우수상을": a grade counting
        // several fields has none of an earlier grade's.
        let fields = if several && !fields_since_last_grade(toks, t.start) { Vec::new() } else { c.fields.clone() };
        let open = Open {
            grade: g.clone(),
            pos: t.start,
            fields,
            year: c.year.filter(|y| c.bound_year == Some(y.start) || self.year_binds(toks, y, t.start)),
            continued: c.continued.take(),
            assigned: false,
            several,
        };
        c.bound_year = open.year.map(|y| y.start);
        if let Some(n) = self.respective(si, toks, ti, c) {
            c.skip_to = ti + n;
            return;
        }
        if g.topic && c.pending.is_empty() {
            close(c);
            c.open = Some(open);
        } else if !c.pending.is_empty() {
            let groups = std::mem::take(&mut c.pending);
            let mut emitted = Vec::new();
            for (i, g) in groups.iter().enumerate() {
                // "인천시는 남동구와 계양구가 … 최우수상": the topic announces,
                // the subject after it won.
                if g.topic && g.fields.is_none() && groups[i + 1..].iter().any(|h| h.subject) {
                    continue;
                }
                let mut own = open.clone();
                if let Some(f) = &g.fields {
                    own.fields = f.clone();
                }
                let before = g.fields.is_none() || g.introduced;
                // "A구와 B구는 각각 'F1', 'F2' 분야에서 대상": fields after
                // the names pair with them when the sentence says so.
                let paired = before || self.respectively_before(si, toks[ti].start);
                if paired && g.places.len() >= 2 && own.fields.len() == g.places.len() {
                    // "F1 분야와 F2 분야에서 A군과 B구가 대상": as many fields
                    // listed before the names as names, in the same order.
                    let fields = own.fields.clone();
                    for (place, field) in g.places.iter().zip(&fields) {
                        own.fields = vec![field.clone()];
                        self.emit(si, &own, std::slice::from_ref(place), rule::RECIPIENT_GRADE, 0.9);
                    }
                } else {
                    self.emit(si, &own, &g.places, rule::RECIPIENT_GRADE, 0.95);
                }
                emitted.extend(g.places.iter().cloned());
            }
            c.last_group = emitted;
        } else if self.heads_names_after(toks, ti) {
            // "최우수기관으로 김천시, 상주시가, 우수기관으로 구미시가": a grade
            // right before names is theirs, not the last subject's.
            close(c);
            c.open = Some(open);
        } else if !c.last_group.is_empty() {
            let group = c.last_group.clone();
            self.emit(si, &open, &group, rule::SAME_SUBJECT, 0.9);
        } else {
            close(c);
            c.open = Some(open);
        }
    }

    /// Does the sentence say "각각" before `pos`?
    fn respectively_before(&self, si: usize, pos: usize) -> bool {
        let s = self.frame.text.sentences[si];
        self.frame.k.grammar.says_respectively(&self.frame.text.slice(s.start, pos))
    }

    /// The fields a counted grade lists in brackets right after its count:
    /// "대상 3개(F1, F2, F3)", "최우수 2개 분야(F4·F5)". Only when the
    /// brackets hold nothing but fields and their number is the count.
    fn bracketed_fields(&self, toks: &[Token], ti: usize) -> Option<Vec<Field>> {
        let chars = &self.frame.text.chars;
        let k = self.frame.k;
        let limit = chars.len().min(toks[ti].end + 12);
        let open = (toks[ti].end..limit).find(|&i| chars[i] == '(')?;
        let head: String = chars[toks[ti].end..open].iter().collect();
        let head = head.trim();
        let digits = head.chars().take_while(char::is_ascii_digit).count();
        let unit = head[digits..].trim_start();
        let unit = k.amounts.after_counter(unit)?.trim();
        if digits == 0 || !(unit.is_empty() || k.fields.is_mark(unit)) {
            return None;
        }
        let count: usize = head[..digits].parse().ok()?;
        let close = (open..chars.len()).find(|&i| chars[i] == ')')?;
        let inside: Vec<&Token> = toks.iter().filter(|t| t.start > open && t.end <= close).collect();
        let fields: Vec<Field> = inside
            .iter()
            .filter_map(|t| match &t.kind {
                TokKind::Field(f) => Some(f.clone()),
                _ => None,
            })
            .collect();
        let only_fields = inside.iter().all(|t| matches!(t.kind, TokKind::Field(_)));
        let mut rest: String = chars[open + 1..close].iter().collect();
        for t in &inside {
            let text = self.frame.text.slice(t.start, t.end);
            rest = rest.replacen(text.as_str(), "", 1);
        }
        let rest = rest.replace(['\'', '"', ' ', ',', '·', '、', '‘', '’'], "");
        let rest = k.grammar.all_conjunctions().fold(rest, |r, w| r.replace(w.as_str(), ""));
        let rest = k.fields.marks().iter().fold(rest, |r, w| r.replace(w.as_str(), ""));
        (only_fields && rest.is_empty() && fields.len() == count).then_some(fields)
    }

    /// Is the grade at `ti` given by a 시·도 of its own: the 시·도 is the
    /// topic, an active verb of selecting follows the grade, and the
    /// sentence does not name the ministry ("경기도는 … 평가에서 수원시를
    /// 최우수 시군으로 선정했다")?
    fn selected_by_a_province(&self, si: usize, toks: &[Token], ti: usize, c: &Clause) -> bool {
        let k = self.frame.k;
        let province_topic = c
            .pending
            .iter()
            .any(|g| g.topic && !g.places.is_empty() && g.places.iter().all(|p| p.level == Some("sido")));
        if !province_topic {
            return false;
        }
        let s = self.frame.text.sentences[si];
        if k.names_ministry(&self.frame.text.text(&s)) {
            return false;
        }
        let after = self.frame.text.slice(toks[ti].end, s.end);
        k.grade_words.active_selecting_verbs.iter().any(|v| after.contains(v.as_str()))
    }

    /// "A시와 B군이 각각 최우수상과 우수상을 받았다": as many grades, joined
    /// by 과/와/·/",", as listed recipients, with 각각 in the sentence, pair
    /// in order. Returns how many grade tokens were used.
    fn respective(&mut self, si: usize, toks: &[Token], ti: usize, c: &mut Clause) -> Option<usize> {
        let sentence = self.frame.text.text(&self.frame.text.sentences[si]);
        let grammar = &self.frame.k.grammar;
        if !grammar.says_respectively(&sentence) || c.pending.len() != 1 {
            return None;
        }
        let places = c.pending[0].places.clone();
        let mut grades = vec![ti];
        let mut last = ti;
        for (j, t) in toks.iter().enumerate().skip(ti + 1) {
            match &t.kind {
                TokKind::Grade(g) if g.usage == GradeUse::Award => {
                    let between = self.frame.text.slice(toks[last].end, t.start);
                    let rest = between.replace(['\'', '"', ' ', ',', '·'], "").replace(|c| grammar.is_joiner(c), "");
                    if !rest.is_empty() {
                        break;
                    }
                    grades.push(j);
                    last = j;
                }
                TokKind::Year(_) | TokKind::Program(_) => {}
                _ => break,
            }
        }
        // "A시와 B군이 각각 최우수상과 우수상": names pair with grades;
        // "A구는 'F1'과 'F2' 2개 부문에서 각각 최우수상과 우수상": fields do.
        let fields = c.pending[0].fields.clone().unwrap_or_else(|| c.fields.clone());
        let by_name = grades.len() == places.len();
        let by_field = places.len() == 1 && fields.len() == grades.len();
        if grades.len() < 2 || !(by_name || by_field) {
            return None;
        }
        for (n, &gi) in grades.iter().enumerate() {
            let TokKind::Grade(g) = &toks[gi].kind else { continue };
            let (place, own) =
                if by_name { (&places[n], fields.clone()) } else { (&places[0], vec![fields[n].clone()]) };
            let open = Open {
                grade: g.clone(),
                pos: toks[gi].start,
                fields: own,
                year: c.year,
                continued: None,
                assigned: true,
                several: false,
            };
            self.emit(si, &open, std::slice::from_ref(place), rule::RECIPIENT_GRADE, 0.9);
        }
        c.any_award = true;
        c.last_group = places;
        c.pending.clear();
        Some(grades.len())
    }

    /// Grades left without a recipient, lists, and the no-grade pattern.
    fn finish_sentence(&mut self, si: usize, s: &Sentence, toks: &[Token], c: Clause) {
        let text = self.frame.text.text(s);
        let announces = {
            let t = text.trim_end_matches(['.', ' ']);
            self.frame.k.grammar.announces_list(t) || t.ends_with(':')
        };
        if announces {
            let grade = c.unassigned.iter().find(|o| !o.assigned).cloned();
            let mut recipients = places_of(&c.pending);
            if recipients.is_empty() {
                recipients = self.carried(toks).into_iter().collect();
            }
            self.block = Some(Block { grade, recipients });
            self.remember(s, toks, &c);
            return;
        }
        if s.role == Role::Bullet {
            if let Some(block) = self.block.clone() {
                // Places of the line take the announced grade; grades of
                // the line go to the announced recipients.
                if !c.any_award && !c.pending.is_empty() {
                    if let Some(mut open) = block.grade.clone() {
                        open.fields = c.fields.clone();
                        open.year = c.year.or(open.year);
                        self.emit(si, &open, &places_of(&c.pending), rule::BULLET_LIST, 0.9);
                    }
                }
                for open in c.unassigned.iter().filter(|o| !o.assigned) {
                    if !block.recipients.is_empty() {
                        self.emit(si, open, &block.recipients, rule::BULLET_LIST, 0.85);
                    }
                }
                self.remember(s, toks, &c);
                return;
            }
        }
        self.rounds_of_a_topic_grade(si, s, toks, &c);
        let waiting: Vec<&Open> = c
            .unassigned
            .iter()
            .filter(|o| !o.assigned && !o.grade.topic && !self.heads_sub_unit(toks, o.pos))
            .collect();
        for open in waiting {
            if let Some(p) = self.carry_allowed(s, toks, open.pos).then(|| self.carried(toks)).flatten() {
                self.emit(si, open, &[p], rule::CARRIED_SUBJECT, 0.75);
            }
        }
        if !c.any_award && !c.pending.is_empty() {
            self.selected_no_grade(si, s, toks, &c, &text);
        }
        self.remember(s, toks, &c);
    }

    /// "대상 수상은 2013년, 2019년, 2022년에 이어 네 번째다", "대상 선정은
    /// 2013년, 2019년 2차례다": a grade as the topic of a sentence that names
    /// nobody, with years listed after it, counts the rounds the article's
    /// recipient won it in, in the field named last.
    fn rounds_of_a_topic_grade(&mut self, si: usize, s: &Sentence, toks: &[Token], c: &Clause) {
        if !c.pending.is_empty() {
            return;
        }
        for open in c.unassigned.iter().filter(|o| !o.assigned && o.grade.topic) {
            let listed = toks.iter().find_map(|t| match &t.kind {
                TokKind::Year(y) if t.start > open.pos && y.years(self.frame.round.year).len() > 1 => Some(*y),
                _ => None,
            });
            let Some(year) = listed else { continue };
            let Some(p) = self.carry_allowed(s, toks, open.pos).then(|| self.carried(toks)).flatten() else {
                continue;
            };
            let fields = if open.fields.is_empty() { self.last_fields.clone() } else { open.fields.clone() };
            let open = Open { year: Some(year), fields, ..open.clone() };
            self.emit(si, &open, &[p], rule::EARLIER_ROUND, 0.7);
        }
    }

    /// Is the grade at `pos` written right before the name of a unit below a
    /// 시·군·구 ("▲최우수 조치원읍")? It went to that unit.
    fn heads_sub_unit(&self, toks: &[Token], pos: usize) -> bool {
        let chars = &self.frame.text.chars;
        let Some(t) = toks.iter().find(|t| t.start == pos && matches!(t.kind, TokKind::Grade(_))) else {
            return false;
        };
        let mut i = t.end;
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        if i == t.end {
            return false; // a particle or a head noun follows, not a name
        }
        let end = crate::stages::extract::chars::run_at(chars, i, chars.len());
        let word: String = chars[i..end].iter().collect();
        self.frame.k.places.roles.is_sub_unit(&word)
    }

    /// "지역복지계획 부문에서는 A구를 비롯해 B구, C구 등 13곳이 수상
    /// 지자체 명단에 들었다": recipients named as winners, with no grade.
    fn selected_no_grade(&mut self, si: usize, s: &Sentence, toks: &[Token], c: &Clause, text: &str) {
        let k = self.frame.k;
        let names_program = toks.iter().any(|t| matches!(t.kind, TokKind::Program(_)));
        if c.fields.is_empty() && !names_program {
            return;
        }
        if k.grade_words.recounts_record(text) {
            return;
        }
        // "관내 구·군이 모두 3개의 상을 받았다": counted awards of others.
        if k.amounts.counts_awards(text) {
            return;
        }
        // "평가 대상 기관으로 선정돼": chosen to be evaluated, not a winner.
        let target_word = toks.iter().any(|t| matches!(&t.kind, TokKind::Grade(g) if g.usage == GradeUse::NotGrade));
        if target_word {
            return;
        }
        let pending = places_of(&c.pending);
        let last_place =
            pending.iter().filter_map(|p| toks.iter().position(|t| t.kind == TokKind::Place(p.clone()))).max();
        let Some(last_place) = last_place else { return };
        let after = self.frame.text.slice(toks[last_place].end, s.end);
        let Some(phrase_at) = k.grade_words.selection_phrases.iter().filter_map(|w| after.find(w.as_str())).min()
        else {
            return;
        };
        if self.context_at(toks, last_place) == Context::Other {
            return;
        }
        // "제주시는 '2020년 지역복지사업' 평가에서도 기초생활보장사업 분야
        // 실적이 우수한 지자체로 선정돼": the program named last before the
        // selection is the one it belongs to.
        let phrase_pos = toks[last_place].end + after[..phrase_at].chars().count();
        let last_cue = toks[last_place + 1..].iter().filter(|t| t.start < phrase_pos).rev().find(|t| {
            matches!(&t.kind, TokKind::Other | TokKind::Program(_) | TokKind::Field(Field { alias: Some(_), .. }))
        });
        if last_cue.is_some_and(|t| t.kind == TokKind::Other) {
            return;
        }
        let Some(grade) = k.selected_grade() else { return };
        let open = Open {
            grade: GradeTok {
                grade,
                usage: GradeUse::Selected,
                topic: false,
                streak: false,
                generic: false,
                sweep: false,
            },
            pos: toks[last_place].end,
            fields: c.fields.clone(),
            year: c.year,
            continued: None,
            assigned: false,
            several: false,
        };
        self.emit(si, &open, &pending, rule::SELECTED_NO_GRADE, 0.6);
    }

    /// Remembers the places a sentence named as subjects, for "구는" later,
    /// and its topic when it is one recipient, for later sentences that name
    /// none. A sentence with no topic of its own leaves the topic as it was;
    /// one with another topic ("복지부는") ends it.
    fn remember(&mut self, s: &Sentence, toks: &[Token], c: &Clause) {
        for p in places_of(&c.pending).into_iter().filter(|p| p.recipient) {
            self.recent.push(p);
        }
        match c.topics.as_slice() {
            [p] if p.recipient => self.topic = Some(p.clone()),
            [] if !self.other_subject_before(s, toks, s.end) => {}
            _ => self.topic = None,
        }
    }

    /// May a grade without a recipient in its sentence go to the article's
    /// recipient? Only in a sentence about this program whose subject is
    /// not someone else ("복지부는 … 우수 지자체를 가린다"), not in a
    /// digest's numbered item, and in a headline only next to a field or
    /// the program's name.
    fn carry_allowed(&self, s: &Sentence, toks: &[Token], pos: usize) -> bool {
        if s.numbered {
            return false;
        }
        let names_field = toks.iter().any(|t| matches!(t.kind, TokKind::Program(_) | TokKind::Field(_)));
        if s.role == Role::Headline && (!names_field || self.unknown_word_in_segment(s, toks, pos)) {
            return false;
        }
        let referential = toks.iter().any(|t| matches!(t.kind, TokKind::Referential(_)));
        referential || !self.other_subject_before(s, toks, pos)
    }

    /// In a headline, a word the tokens do not explain before the grade of
    /// its segment ("…영등포 '사회서비스 일자리' 최우수") may be a name
    /// written without suffix: the grade is not surely the article's own.
    fn unknown_word_in_segment(&self, s: &Sentence, toks: &[Token], pos: usize) -> bool {
        let chars = &self.frame.text.chars;
        let seg_start =
            toks.iter().filter(|t| t.kind == TokKind::Ellipsis && t.end <= pos).map(|t| t.end).max().unwrap_or(s.start);
        let covered = |i: usize| {
            toks.iter().any(|t| {
                t.start <= i
                    && i < t.end
                    && !matches!(t.kind, TokKind::Break | TokKind::Continuation | TokKind::Ellipsis | TokKind::Other)
            })
        };
        let mut i = seg_start;
        while i < pos {
            if !is_syllable(chars[i]) || covered(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < pos && is_syllable(chars[j]) {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            let plain = self.frame.k.fields.starts_with_mark(&word) || self.frame.k.not_fields.contains(&word);
            if !plain {
                return true;
            }
            i = j;
        }
        false
    }

    /// A subject other than a place before `pos`: "복지부는", "평가는". A
    /// word ending in 은/는/이/가 is one unless it is an adverbial
    /// ("지역에서는"), a listed non-subject ("올해는", "같은"), a noun that
    /// only ends like a particle ("평가"), or a token.
    fn other_subject_before(&self, s: &Sentence, toks: &[Token], pos: usize) -> bool {
        let (chars, k) = (&self.frame.text.chars, self.frame.k);
        let covered = |a: usize, b: usize| {
            toks.iter().any(|t| {
                t.start < b
                    && a < t.end
                    && matches!(
                        t.kind,
                        TokKind::Place(_)
                            | TokKind::Referential(_)
                            | TokKind::Grade(_)
                            | TokKind::Field(_)
                            | TokKind::SameField
                            | TokKind::Program(_)
                            | TokKind::Year(_)
                    )
            })
        };
        let mut i = s.start;
        while i < pos {
            if chars[i] == ' ' {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < pos && chars[j] != ' ' {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect::<String>();
            let word = word.trim_matches(|c: char| !is_syllable(c)).to_string();
            let subject = k.particles.ends_topic_or_subject(&word) && word.chars().count() >= 2;
            if subject
                && !k.particles.ends_locative(&word)
                && !k.grammar.ends_in_subject_like_noun(&word)
                && !k.grammar.is_not_subject(&word)
                && !covered(i, j)
                && !other_field_topic(toks, i, j)
                && !self.closed_by_a_relative_clause(&word, j, pos)
            {
                return true;
            }
            i = j;
        }
        false
    }

    /// Is the subject `word` (ending at `j`) closed by a relative clause's
    /// verb before the grade at `pos` ("복지부가 … 본보기를 널리 알리려고
    /// 모든 시군구를 대상으로 시행한 평가에서"): it modifies a noun and is no
    /// subject of the sentence.
    fn closed_by_a_relative_clause(&self, word: &str, j: usize, pos: usize) -> bool {
        let after = self.frame.text.slice(j, pos);
        let grammar = &self.frame.k.grammar;
        after.split_whitespace().any(|next| grammar.subject_of_relative_clause(word, next))
    }

    /// The recipient a sentence refers to without naming it: the last one
    /// with the suffix of "구는"/"시가"/...; else the topic an earlier
    /// sentence set, which a Korean topic stays until another is set ("복지
    /// 분야에서도 수원시는 …. 보건복지부가 주관한 … 평가에서 대상을
    /// 받았다"); else the article's own.
    fn carried(&self, toks: &[Token]) -> Option<Place> {
        let suffix = toks.iter().find_map(|t| match t.kind {
            TokKind::Referential(c) => Some(c),
            _ => None,
        });
        match suffix {
            Some(c) => {
                let places = &self.frame.k.places;
                // "도는" refers to 경기도 whether written "경기도" or "경기".
                let fits = |p: &&Place| {
                    p.name.ends_with(c)
                        || (p.level == Some("sido")
                            && places
                                .sido_of(&p.name)
                                .is_some_and(|i| places.sido[i].forms.iter().any(|f| f.ends_with(c))))
                };
                self.recent.iter().rev().find(fits).or(self.frame.main.as_ref().filter(fits)).cloned()
            }
            None => self.topic.clone().or_else(|| self.frame.main.clone()),
        }
    }

    /// Is the grade a counted streak over a span that runs to this round
    /// ("2022년부터 올해까지 3년 연속 우수상")?
    fn streak_to_this_round(&self, open: &Open) -> bool {
        let Some(y) = open.year.filter(|y| y.to_round) else { return false };
        open.grade.streak && self.frame.k.years.counts_years(&self.frame.text.slice(y.end, open.pos))
    }

    /// Emits one candidate per recipient and field.
    fn emit(&mut self, si: usize, open: &Open, places: &[Place], rule: &'static str, confidence: f64) {
        let k = self.frame.k;
        let s = self.frame.text.sentences[si];
        let grade = match open.grade.usage {
            GradeUse::Selected => k.selected_grade().unwrap_or(open.grade.grade),
            _ => open.grade.grade,
        };
        let mut years = vec![(self.year_of(open.year), rule)];
        if self.streak_to_this_round(open) {
            // "2022년부터 올해까지 3년 연속 우수상": a streak count restating
            // this round's award; the guide does not expand streaks.
            years = vec![((self.frame.round.year, self.frame.round.stated), rule)];
        } else {
            // "2017~2018년 2년 연속 최우수상": each year of a span written out.
            for y in open.year.map(|y| y.years(self.frame.round.year)).unwrap_or_default().into_iter().skip(1) {
                years.push(((y, true), rule::EARLIER_ROUND));
            }
        }
        if let Some(c) = open.continued {
            // "2019년과 2022년에 이어": each year listed before "에 이어".
            let listed = c.years(self.frame.round.year);
            let earlier = if listed.len() > 1 {
                listed.into_iter().map(|y| (y, true)).collect()
            } else {
                vec![self.year_of(Some(c))]
            };
            for e in earlier {
                if !years.iter().any(|((y, _), _)| *y == e.0) {
                    years.push((e, rule::EARLIER_ROUND));
                }
            }
        }
        let shared: Vec<Option<Field>> =
            if open.fields.is_empty() { vec![None] } else { open.fields.iter().cloned().map(Some).collect() };
        let group = self.groups;
        self.groups += 1;
        let mut ids = Vec::new();
        for p in places.iter().filter(|p| p.recipient) {
            let fields = match &p.field {
                Some(own) => vec![Some(own.clone())],
                None => shared.clone(),
            };
            for &((year, stated), rule) in years.iter().filter(|((y, _), _)| *y >= k.first_round) {
                let rule = if year != self.frame.round.year { rule::EARLIER_ROUND } else { rule };
                for f in &fields {
                    // A dated field name outside its rounds names no field.
                    let f = f.clone().filter(|f| f.alias.is_none_or(|a| k.alias_in_use(a, year)));
                    let f = &f;
                    let earlier = year != self.frame.round.year;
                    // "6개 분야에서 우수기관에 선정됐다": a grade counted over
                    // several fields it does not name is not in the article's
                    // one field.
                    let category = self.category_of(f.as_ref(), year, open.pos, earlier, open.several);
                    let headline = s.role == Role::Headline;
                    let mut confidence = confidence;
                    if headline {
                        confidence -= 0.1;
                    }
                    if open.grade.streak {
                        confidence -= 0.15;
                    }
                    if f.is_some() && category.is_some() {
                        confidence += 0.03;
                    }
                    ids.push(self.candidates.len());
                    self.candidates.push(Candidate {
                        recipient: p.clone(),
                        year,
                        year_stated: stated,
                        field: f.clone(),
                        category,
                        grade,
                        sentence: si,
                        grade_pos: open.pos,
                        rule,
                        confidence: confidence.clamp(0.05, 0.99),
                        headline,
                        streak: open.grade.streak,
                        generic: open.grade.generic,
                        prize: None,
                        program: self.frame.program.clone(),
                        group,
                        several: open.several,
                    });
                }
            }
            self.recent.push(p.clone());
        }
        if !open.fields.is_empty() {
            self.last_fields = open.fields.clone();
        }
        if !ids.is_empty() {
            self.emissions.push(Emission { sentence: si, pos: open.pos, candidates: ids });
        }
    }

    /// Does a year written before a grade date that grade? A year with the
    /// program's name dates every grade of its sentence; any other year only
    /// a grade in the same phrase ("2015년 우수자치단체에 이어", "지난해
    /// 같은 부문 우수상", "2016년 복지재정효율화 부문에서 우수상을"), not one
    /// after another predicate ("지난해 … 추진해 우수기관에 선정됐다").
    fn year_binds(&self, toks: &[Token], y: &YearExpr, grade_start: usize) -> bool {
        if y.role == YearRole::Program {
            return true;
        }
        let chars = &self.frame.text.chars;
        let covered = |a: usize, b: usize| {
            toks.iter().any(|t| {
                t.start <= a
                    && b <= t.end
                    && matches!(
                        t.kind,
                        TokKind::Field(_)
                            | TokKind::SameField
                            | TokKind::Place(_)
                            | TokKind::Program(_)
                            | TokKind::Year(_)
                    )
            })
        };
        let mut i = y.end;
        while i < grade_start {
            if !is_syllable(chars[i]) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < grade_start && is_syllable(chars[j]) {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            let gap = |w: &str| self.frame.k.grade_words.year_gap_words.iter().any(|g| w.starts_with(g.as_str()));
            // "민관협력부문": a name with its mark glued on.
            let covered_then_gap = (i + 1..j).any(|m| covered(i, m) && gap(&chars[m..j].iter().collect::<String>()));
            if !covered(i, j) && !gap(&word) && !covered_then_gap {
                return false;
            }
            i = j;
        }
        true
    }

    /// The year a grade belongs to: the year written before it, else the round.
    fn year_of(&self, y: Option<YearExpr>) -> (i32, bool) {
        let round = self.frame.round;
        match y.map(|y| y.value) {
            Some(YearValue::Absolute(y)) => (y, true),
            Some(YearValue::Relative(0)) => (round.year, round.stated),
            Some(YearValue::Relative(o)) => (self.frame.published_year.unwrap_or(round.year) + o, false),
            None => (round.year, round.stated),
        }
    }

    /// The category: the field written (in its year), else the article's
    /// only category when named before the grade (anywhere, for an earlier
    /// round's grade) unless the grade counts several fields, else the
    /// round's default.
    /// A field the list does not know belongs to the 부문 that had sub-부문
    /// of its own that year, in an article on it (or in a round where every
    /// award was one of them).
    fn category_of(
        &self,
        field: Option<&Field>,
        year: i32,
        pos: usize,
        earlier: bool,
        several: bool,
    ) -> Option<String> {
        let k = self.frame.k;
        match field {
            Some(Field { alias: Some(a), .. }) => k.category_name(*a, year),
            Some(Field { alias: None, .. }) => {
                // In a round where every award was one of its sub-부문, the
                // article need not name it.
                let parent = k
                    .catching_unlisted(year)
                    .filter(|c| self.frame.names_award || c.default_when_unstated.contains(&year))
                    .map(|c| c.name.clone());
                // A field the data does not list keeps its name as written,
                // when the article quotes it as a field ("'아동학대 공공대응
                // 체계 운영' 부문"); unquoted phrases before 부문 are too
                // often no field names to be kept.
                parent.or_else(|| field.and_then(|f| f.category(k, year)))
            }
            None => self
                .frame
                .single_field
                .as_ref()
                // An earlier round's grade ("2020년에 이어 2년 연속 대상") is
                // in the article's one field wherever it is named.
                .filter(|(_, at)| (*at < pos || earlier) && !several)
                .and_then(|(f, _)| f.category(k, year))
                .or_else(|| k.default_category(year).map(str::to_string)),
        }
    }
}

/// Does the grade at `pos` stand for several fields: a count of fields or
/// crowns in its own stretch of the sentence, between the names or breaks
/// around it ("성동구는 6개 분야에서 우수기관에", "최우수상 2관왕을")? A
/// count before the names ("총 10개 분야에서 …를 선정했고, A시가 대상")
/// counts the round's fields, not the grade's.
fn counts_several_fields(text: &DocText, toks: &[Token], s: Sentence, pos: usize, k: &Knowledge) -> bool {
    let bounds = |t: &&Token| matches!(t.kind, TokKind::Place(_) | TokKind::Break);
    let lo = toks.iter().filter(|t| t.end <= pos).filter(bounds).map(|t| t.end).max().unwrap_or(s.start);
    let hi = toks.iter().filter(|t| t.start > pos).filter(bounds).map(|t| t.start).min().unwrap_or(s.end);
    k.amounts.fields_counted(&text.slice(lo, hi)).is_some_and(|n| n > 1)
}

/// May the fields written before the grade at `pos` be its own: it is the
/// first grade of the sentence, or a field is written after the one before?
fn fields_since_last_grade(toks: &[Token], pos: usize) -> bool {
    let grade = |t: &&Token| t.end <= pos && matches!(t.kind, TokKind::Grade(_));
    let Some(last_grade) = toks.iter().filter(grade).map(|t| t.end).max() else { return true };
    toks.iter().any(|t| t.start >= last_grade && t.end <= pos && matches!(t.kind, TokKind::Field(_)))
}

/// Closes the waiting grade of a clause.
fn close(c: &mut Clause) {
    if let Some(open) = c.open.take() {
        if !open.assigned {
            c.unassigned.push(open);
        }
    }
}

/// Is the word at `[start, end)` another program's field written as a topic
/// right before its grade ("대상 외에도 장애인복지사업은 최우수상, F는
/// 우수상을 받았다")? Then it names what was won, not who won: the
/// sentence's subject is still the article's recipient.
fn other_field_topic(toks: &[Token], start: usize, end: usize) -> bool {
    let other = toks.iter().any(|t| t.kind == TokKind::Other && t.start < end && start < t.end);
    let next = toks.iter().find(|t| t.start >= end);
    other && next.is_some_and(|t| matches!(t.kind, TokKind::Grade(_)))
}
