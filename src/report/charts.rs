//! The report's four charts, each drawn with `plotters` into one standalone
//! `<svg>` string (text stays text: the browser renders the Korean labels with
//! its own fonts, nothing is fetched).
//!
//! Bars are plain rectangles drawn in data order (plotters' `Histogram`
//! collects through a hash map, so its SVG would differ run to run).
//! Every chart is always drawn, with a "no data" note when its table is empty,
//! so the page always has the same number of charts.

use anyhow::{anyhow, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Width of every chart, in CSS pixels (the page scales them down).
const WIDTH: u32 = 760;
const FONT: &str = "sans-serif";
const BAR: RGBColor = RGBColor(0x2b, 0x6c, 0xb0);
const STATED: RGBColor = RGBColor(0xc0, 0x39, 0x2b);
/// One color per grade, 대상 to 선정.
pub const GRADE_COLORS: [RGBColor; 5] = [
    RGBColor(0xb2, 0x18, 0x2b),
    RGBColor(0xef, 0x8a, 0x62),
    RGBColor(0x67, 0xa9, 0xcf),
    RGBColor(0x21, 0x66, 0xac),
    RGBColor(0x99, 0x99, 0x99),
];

fn draw_err<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow!("drawing a chart: {e:?}")
}

/// Runs `draw` on a fresh SVG canvas and returns the SVG text.
fn svg(height: u32, draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<()>) -> Result<String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        draw(&root)?;
        root.present().map_err(draw_err)?;
    }
    Ok(out)
}

/// A chart frame with its title and a note instead of data.
fn no_data(root: &DrawingArea<SVGBackend, Shift>, title: &str) -> Result<()> {
    let area = root.titled(title, (FONT, 22)).map_err(draw_err)?;
    let (w, h) = area.dim_in_pixel();
    let grey = BLACK.mix(0.6);
    let style = TextStyle::from((FONT, 16).into_font()).color(&grey).pos(Pos::new(HPos::Center, VPos::Center));
    area.draw(&Text::new("no awards in this output yet", (w as i32 / 2, h as i32 / 2), style)).map_err(draw_err)?;
    Ok(())
}

fn label_of(names: &[String]) -> impl Fn(&SegmentValue<i32>) -> String + '_ {
    move |v| match v {
        SegmentValue::CenterOf(i) => names.get(*i as usize).cloned().unwrap_or_default(),
        _ => String::new(),
    }
}

/// Horizontal bars: awards per province over all years, most first.
pub fn awards_per_province(rows: &[(String, i64)]) -> Result<String> {
    const TITLE: &str = "Awards per province (all years)";
    let n = rows.len() as i32;
    svg(90 + 26 * n.max(3) as u32, |root| {
        if rows.is_empty() {
            return no_data(root, TITLE);
        }
        // Segment 0 is at the bottom: the largest goes on top.
        let names: Vec<String> = rows.iter().rev().map(|(name, _)| name.clone()).collect();
        let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
        let mut chart = ChartBuilder::on(root)
            .caption(TITLE, (FONT, 22))
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(140)
            .build_cartesian_2d(0i64..max + max / 8 + 1, (0..n - 1).into_segmented())
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n as usize)
            .y_label_formatter(&label_of(&names))
            .x_desc("awards")
            .label_style((FONT, 15))
            .draw()
            .map_err(draw_err)?;
        chart
            .draw_series(rows.iter().rev().enumerate().map(|(i, (_, v))| {
                let i = i as i32;
                let mut bar =
                    Rectangle::new([(0, SegmentValue::Exact(i)), (*v, SegmentValue::Exact(i + 1))], BAR.filled());
                bar.set_margin(3, 3, 0, 0);
                bar
            }))
            .map_err(draw_err)?;
        chart
            .draw_series(rows.iter().rev().enumerate().map(|(i, (_, v))| {
                EmptyElement::at((*v, SegmentValue::CenterOf(i as i32)))
                    + Text::new(v.to_string(), (4, -7), (FONT, 13).into_font())
            }))
            .map_err(draw_err)?;
        Ok(())
    })
}

/// Won as 억원 (10^8 won), the unit of Korean budget reporting.
fn eok(krw: i64) -> f64 {
    krw as f64 / 1e8
}

/// Per year: the sum of known per-award prizes (bars) and, apart from it, the
/// national total an article stated (dots).
pub fn prize_per_year(rows: &[(i32, i64, Option<i64>)]) -> Result<String> {
    const TITLE: &str = "Prize money per year (억원 = 100 million won)";
    svg(360, |root| {
        if rows.is_empty() {
            return no_data(root, TITLE);
        }
        let n = rows.len() as i32;
        let years: Vec<String> = rows.iter().map(|r| r.0.to_string()).collect();
        let max = rows.iter().flat_map(|r| [eok(r.1), r.2.map_or(0.0, eok)]).fold(0.0, f64::max).max(0.01);
        let mut chart = ChartBuilder::on(root)
            .caption(TITLE, (FONT, 22))
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(60)
            .build_cartesian_2d((0..n - 1).into_segmented(), 0f64..max * 1.35)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n as usize)
            .x_label_formatter(&label_of(&years))
            .y_desc("억원")
            .label_style((FONT, 15))
            .draw()
            .map_err(draw_err)?;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, r)| {
                let i = i as i32;
                let mut bar = Rectangle::new(
                    [(SegmentValue::Exact(i), 0.0), (SegmentValue::Exact(i + 1), eok(r.1))],
                    BAR.filled(),
                );
                bar.set_margin(0, 0, 14, 14);
                bar
            }))
            .map_err(draw_err)?
            .label("sum of per-award prizes (known amounts)")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], BAR.filled()));
        // The sums are often small beside the stated totals: print them.
        chart
            .draw_series(rows.iter().enumerate().filter(|(_, r)| r.1 > 0).map(|(i, r)| {
                EmptyElement::at((SegmentValue::CenterOf(i as i32), eok(r.1)))
                    + Text::new(
                        format!("{:.2}", eok(r.1)),
                        (0, -6),
                        TextStyle::from((FONT, 13).into_font()).color(&BAR).pos(Pos::new(HPos::Center, VPos::Bottom)),
                    )
            }))
            .map_err(draw_err)?;
        chart
            .draw_series(rows.iter().enumerate().filter_map(|(i, r)| {
                r.2.map(|total| {
                    EmptyElement::at((SegmentValue::CenterOf(i as i32), eok(total)))
                        + Circle::new((0, 0), 6, STATED.filled())
                        + Text::new(format!("{:.1}", eok(total)), (9, -16), (FONT, 13).into_font().color(&STATED))
                })
            }))
            .map_err(draw_err)?
            .label("national total stated in articles (not a sum)")
            .legend(|(x, y)| Circle::new((x + 6, y), 5, STATED.filled()));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.3))
            .label_font((FONT, 14))
            .draw()
            .map_err(draw_err)?;
        Ok(())
    })
}

/// Stacked columns: awards per year by grade (`counts[g]` in grade order).
pub fn grade_mix(rows: &[(i32, [i64; 5])], grade_names: &[&str; 5]) -> Result<String> {
    const TITLE: &str = "Grade mix per year";
    svg(360, |root| {
        if rows.is_empty() {
            return no_data(root, TITLE);
        }
        let n = rows.len() as i32;
        let years: Vec<String> = rows.iter().map(|r| r.0.to_string()).collect();
        let max = rows.iter().map(|r| r.1.iter().sum::<i64>()).max().unwrap_or(0).max(1);
        let mut chart = ChartBuilder::on(root)
            .caption(TITLE, (FONT, 22))
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(50)
            .build_cartesian_2d((0..n - 1).into_segmented(), 0i64..max * 9 / 5 + 1)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n as usize)
            .x_label_formatter(&label_of(&years))
            .y_desc("awards")
            .label_style((FONT, 15))
            .draw()
            .map_err(draw_err)?;
        for (g, (name, color)) in grade_names.iter().zip(GRADE_COLORS).enumerate() {
            let bars = rows.iter().enumerate().filter(|(_, r)| r.1[g] > 0).map(|(i, r)| {
                let below: i64 = r.1[..g].iter().sum();
                let i = i as i32;
                let mut bar = Rectangle::new(
                    [(SegmentValue::Exact(i), below), (SegmentValue::Exact(i + 1), below + r.1[g])],
                    color.filled(),
                );
                bar.set_margin(0, 1, 14, 14);
                bar
            });
            chart
                .draw_series(bars)
                .map_err(draw_err)?
                .label(*name)
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled()));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.3))
            .label_font((FONT, 14))
            .draw()
            .map_err(draw_err)?;
        Ok(())
    })
}

/// Heatmap: awards per category (rows) and year (columns), the count in each cell.
pub fn category_year_heatmap(categories: &[String], years: &[i32], counts: &[Vec<i64>]) -> Result<String> {
    const TITLE: &str = "Awards per category and year";
    let rows = categories.len() as i32;
    svg(100 + 34 * rows.max(3) as u32, |root| {
        if categories.is_empty() || years.is_empty() {
            return no_data(root, TITLE);
        }
        let cols = years.len() as i32;
        // Segment 0 is at the bottom: the first category goes on top.
        let names: Vec<String> = categories.iter().rev().cloned().collect();
        let year_names: Vec<String> = years.iter().map(|y| y.to_string()).collect();
        let max = counts.iter().flatten().copied().max().unwrap_or(0).max(1);
        let mut chart = ChartBuilder::on(root)
            .caption(TITLE, (FONT, 22))
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(260)
            .build_cartesian_2d((0..cols - 1).into_segmented(), (0..rows - 1).into_segmented())
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(cols as usize)
            .y_labels(rows as usize)
            .x_label_formatter(&label_of(&year_names))
            .y_label_formatter(&label_of(&names))
            .label_style((FONT, 15))
            .draw()
            .map_err(draw_err)?;
        let cells = (0..rows).flat_map(|r| (0..cols).map(move |c| (r, c)));
        chart
            .draw_series(cells.clone().map(|(r, c)| {
                let count = counts[(rows - 1 - r) as usize][c as usize];
                let shade = if count == 0 {
                    RGBColor(0xf2, 0xf2, 0xf2).mix(1.0)
                } else {
                    BAR.mix(0.15 + 0.85 * count as f64 / max as f64)
                };
                let mut cell = Rectangle::new(
                    [
                        (SegmentValue::Exact(c), SegmentValue::Exact(r)),
                        (SegmentValue::Exact(c + 1), SegmentValue::Exact(r + 1)),
                    ],
                    shade.filled(),
                );
                cell.set_margin(1, 1, 1, 1);
                cell
            }))
            .map_err(draw_err)?;
        let centered = Pos::new(HPos::Center, VPos::Center);
        chart
            .draw_series(cells.filter_map(|(r, c)| {
                let count = counts[(rows - 1 - r) as usize][c as usize];
                let ink: &'static RGBColor = if count * 2 > max { &WHITE } else { &BLACK };
                (count > 0).then(|| {
                    Text::new(
                        count.to_string(),
                        (SegmentValue::CenterOf(c), SegmentValue::CenterOf(r)),
                        TextStyle::from((FONT, 14).into_font()).color(ink).pos(centered),
                    )
                })
            }))
            .map_err(draw_err)?;
        Ok(())
    })
}
