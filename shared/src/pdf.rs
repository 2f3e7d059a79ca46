//! PDF documents (conventions, and later sign-in sheets and certificates): a small layout
//! engine — blocks of French text wrapped to the page width, page breaks, page numbers,
//! signature boxes — drawn with krilla in an embedded font (DejaVu Sans, subset into each
//! document), so accents, €, œ and « » render everywhere.

use std::sync::{Arc, OnceLock};

use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;

use crate::error::{ApiError, ApiResult};

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const BODY: f32 = 10.0;
const LINE: f32 = 1.4;

/// What a document is made of, top to bottom.
#[derive(Debug, Clone)]
pub enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
    /// "Label : value", the label in bold.
    Field(String, String),
    Space(f32),
    /// Side-by-side signature boxes, each with its caption lines.
    Signatures(Vec<Vec<String>>),
    /// A ruled table: column widths as fractions of the text width, a header row repeated
    /// on every page (after the `running` lines, when given: what the page is about), rows
    /// at least `row_height` high (room to sign in empty cells).
    Table {
        widths: Vec<f32>,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        row_height: f32,
        running: Vec<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Face {
    Regular,
    Bold,
}

struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

fn metrics() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| Metrics {
        regular: ttf_parser::Face::parse(REGULAR, 0).expect("the embedded regular font parses"),
        bold: ttf_parser::Face::parse(BOLD, 0).expect("the embedded bold font parses"),
    })
}

/// Width of a text in points.
fn width(face: Face, size: f32, text: &str) -> f32 {
    let f = match face {
        Face::Regular => &metrics().regular,
        Face::Bold => &metrics().bold,
    };
    let units: f32 =
        text.chars().map(|c| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)).unwrap_or(f.units_per_em() / 2) as f32).sum();
    units * size / f.units_per_em() as f32
}

/// Column widths such that no header word is cut ("Rétributio / n"): a column narrower
/// than its header's longest word takes the room it lacks from the widest column that can
/// spare it (the total width is kept).
fn fit_header(cols: &[f32], header: &[String], size: f32) -> Vec<f32> {
    let mut cols = cols.to_vec();
    let needed: Vec<f32> = header
        .iter()
        .map(|h| h.split_whitespace().map(|w| width(Face::Bold, size, w) + 7.0).fold(0.0, f32::max))
        .chain(std::iter::repeat(0.0))
        .take(cols.len())
        .collect();
    for i in 0..cols.len() {
        let lack = needed[i] - cols[i];
        if lack <= 0.0 {
            continue;
        }
        let donor = (0..cols.len()).filter(|j| *j != i).max_by(|a, b| (cols[*a] - needed[*a]).total_cmp(&(cols[*b] - needed[*b])));
        if let Some(j) = donor {
            let spare = (cols[j] - needed[j]).max(0.0).min(lack);
            cols[j] -= spare;
            cols[i] += spare;
        }
    }
    cols
}

/// Greedy word wrap to `max` points.
fn wrap(face: Face, size: f32, text: &str, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            // A word wider than the line (a hash, a long address) is cut where it must.
            if width(face, size, word) > max {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut chunk = String::new();
                for c in word.chars() {
                    chunk.push(c);
                    if width(face, size, &chunk) > max {
                        chunk.pop();
                        lines.push(std::mem::take(&mut chunk));
                        chunk.push(c);
                    }
                }
                line = chunk;
                continue;
            }
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if width(face, size, &candidate) <= max || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            }
        }
        lines.push(line);
    }
    lines
}

#[derive(Debug)]
enum Op {
    Text { x: f32, y: f32, face: Face, size: f32, text: String },
    Rect { x: f32, y: f32, w: f32, h: f32 },
}

/// Lays blocks out on A4 pages.
fn layout(blocks: &[Block]) -> Vec<Vec<Op>> {
    let mut pages: Vec<Vec<Op>> = vec![Vec::new()];
    let mut y = MARGIN;
    let bottom = PAGE_H - MARGIN - 20.0;
    let text_w = PAGE_W - 2.0 * MARGIN;
    let need = |pages: &mut Vec<Vec<Op>>, y: &mut f32, h: f32| {
        if *y + h > bottom {
            pages.push(Vec::new());
            *y = MARGIN;
        }
    };
    for block in blocks {
        match block {
            Block::Title(t) | Block::Heading(t) => {
                let size = if matches!(block, Block::Title(_)) { 14.0 } else { 11.5 };
                let lines = wrap(Face::Bold, size, t, text_w);
                need(&mut pages, &mut y, size * LINE * (lines.len() as f32 + 1.0));
                y += size * 0.6;
                for l in lines {
                    y += size * LINE;
                    if let Some(p) = pages.last_mut() {
                        p.push(Op::Text { x: MARGIN, y, face: Face::Bold, size, text: l });
                    }
                }
                y += size * 0.4;
            }
            Block::Paragraph(t) => {
                for l in wrap(Face::Regular, BODY, t, text_w) {
                    need(&mut pages, &mut y, BODY * LINE);
                    y += BODY * LINE;
                    if let Some(p) = pages.last_mut() {
                        p.push(Op::Text { x: MARGIN, y, face: Face::Regular, size: BODY, text: l });
                    }
                }
                y += BODY * 0.5;
            }
            Block::Field(label, value) => {
                let label = format!("{label} : ");
                let lw = width(Face::Bold, BODY, &label);
                let lines = wrap(Face::Regular, BODY, value, text_w - lw);
                for (i, l) in lines.into_iter().enumerate() {
                    need(&mut pages, &mut y, BODY * LINE);
                    y += BODY * LINE;
                    let page = pages.last_mut().expect("a page");
                    if i == 0 {
                        page.push(Op::Text { x: MARGIN, y, face: Face::Bold, size: BODY, text: label.clone() });
                    }
                    page.push(Op::Text { x: MARGIN + lw, y, face: Face::Regular, size: BODY, text: l });
                }
            }
            Block::Space(h) => y += h,
            Block::Table { widths, header, rows, row_height, running } => {
                let total: f32 = widths.iter().sum::<f32>().max(0.01);
                let size = 9.0;
                let cols = fit_header(&widths.iter().map(|w| w / total * text_w).collect::<Vec<_>>(), header, size);
                let cell_lines = |row: &Vec<String>, face: Face| -> Vec<Vec<String>> {
                    row.iter().zip(&cols).map(|(t, w)| wrap(face, size, t, w - 6.0)).collect()
                };
                let height = |lines: &Vec<Vec<String>>, min: f32| -> f32 {
                    let n = lines.iter().map(Vec::len).max().unwrap_or(1) as f32;
                    (n * size * LINE + 6.0).max(min)
                };
                let draw = |page: &mut Vec<Op>, y: f32, lines: &Vec<Vec<String>>, h: f32, face: Face| {
                    let mut x = MARGIN;
                    for (cell, w) in lines.iter().zip(&cols) {
                        page.push(Op::Rect { x, y, w: *w, h });
                        let mut ly = y;
                        for l in cell {
                            ly += size * LINE;
                            page.push(Op::Text { x: x + 3.0, y: ly, face, size, text: l.clone() });
                        }
                        x += w;
                    }
                };
                let head = cell_lines(header, Face::Bold);
                let head_h = height(&head, 0.0);
                need(&mut pages, &mut y, head_h + *row_height);
                y += 6.0;
                draw(pages.last_mut().expect("a page"), y, &head, head_h, Face::Bold);
                y += head_h;
                for row in rows {
                    let lines = cell_lines(row, Face::Regular);
                    let h = height(&lines, *row_height);
                    if y + h > bottom {
                        pages.push(Vec::new());
                        y = MARGIN;
                        for line in running {
                            for l in wrap(Face::Bold, size, line, text_w) {
                                y += size * LINE;
                                pages.last_mut().expect("a page").push(Op::Text { x: MARGIN, y, face: Face::Bold, size, text: l });
                            }
                        }
                        if !running.is_empty() {
                            y += 6.0;
                        }
                        draw(pages.last_mut().expect("a page"), y, &head, head_h, Face::Bold);
                        y += head_h;
                    }
                    draw(pages.last_mut().expect("a page"), y, &lines, h, Face::Regular);
                    y += h;
                }
                y += 8.0;
            }
            Block::Signatures(boxes) => {
                let n = boxes.len().max(1) as f32;
                let gap = 12.0;
                let w = (text_w - gap * (n - 1.0)) / n;
                let caption_lines =
                    boxes.iter().map(|b| b.iter().map(|l| wrap(Face::Regular, 9.0, l, w - 8.0).len()).sum::<usize>()).max().unwrap_or(1);
                let h = 9.0 * LINE * caption_lines as f32 + 70.0;
                need(&mut pages, &mut y, h + 10.0);
                y += 10.0;
                for (i, captions) in boxes.iter().enumerate() {
                    let x = MARGIN + i as f32 * (w + gap);
                    let page = pages.last_mut().expect("a page");
                    page.push(Op::Rect { x, y, w, h });
                    let mut ly = y;
                    for c in captions {
                        for l in wrap(Face::Regular, 9.0, c, w - 8.0) {
                            ly += 9.0 * LINE;
                            page.push(Op::Text { x: x + 4.0, y: ly, face: Face::Regular, size: 9.0, text: l });
                        }
                    }
                }
                y += h;
            }
        }
    }
    pages
}

/// Renders blocks as a PDF, with `footer` and "page i / n" at the bottom of every page.
pub fn render(blocks: &[Block], footer: &str) -> ApiResult<Vec<u8>> {
    let pages = layout(blocks);
    let regular = Font::new(Arc::new(REGULAR.to_vec()).into(), 0)
        .ok_or_else(|| ApiError::unexpected("font", std::io::Error::other("regular font")))?;
    let bold =
        Font::new(Arc::new(BOLD.to_vec()).into(), 0).ok_or_else(|| ApiError::unexpected("font", std::io::Error::other("bold font")))?;
    let mut document = Document::new();
    let n = pages.len();
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| ApiError::unexpected("page", std::io::Error::other("A4")))?;
    for (i, ops) in pages.into_iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops.iter().chain(std::iter::once(&Op::Text {
            x: MARGIN,
            y: PAGE_H - MARGIN + 10.0,
            face: Face::Regular,
            size: 8.0,
            text: format!("{footer} — page {} / {n}", i + 1),
        })) {
            match op {
                Op::Text { x, y, face, size, text } => {
                    surface.set_stroke(None);
                    surface.set_fill(Some(Fill::default()));
                    let font = if *face == Face::Bold { bold.clone() } else { regular.clone() };
                    surface.draw_text(Point::from_xy(*x, *y), font, *size, text, false, TextDirection::Auto);
                }
                Op::Rect { x, y, w, h } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else { continue };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(rect);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke::default()));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| ApiError::unexpected("render PDF", std::io::Error::other(format!("{e:?}"))))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_header_word_is_never_cut() {
        let header: Vec<String> = ["Date", "Session", "Rétribution", "Montant"].iter().map(|h| h.to_string()).collect();
        let cols = fit_header(&[100.0, 250.0, 60.0, 90.0], &header, 9.0);
        assert!((cols.iter().sum::<f32>() - 500.0).abs() < 0.01, "the total is kept");
        for (h, w) in header.iter().zip(&cols) {
            assert_eq!(wrap(Face::Bold, 9.0, h, w - 6.0).len(), 1, "{h} in {w}");
        }
    }

    use super::*;

    #[test]
    fn long_text_wraps_and_breaks_pages() {
        let para = "Le mécénat de compétences est une mise à disposition de personnel. ".repeat(40);
        let blocks: Vec<Block> = (0..6).map(|_| Block::Paragraph(para.clone())).collect();
        let pages = layout(&blocks);
        assert!(pages.len() >= 2, "{} pages", pages.len());
        for p in &pages {
            for op in p {
                if let Op::Text { x, text, size, face, y } = op {
                    assert!(x + width(*face, *size, text) <= PAGE_W - MARGIN + 0.5, "{text}");
                    assert!(*y <= PAGE_H - MARGIN, "{y}");
                }
            }
        }
        let long = wrap(Face::Regular, BODY, &"0123456789abcdef".repeat(8), 200.0);
        assert!(long.len() > 1 && long.iter().all(|l| width(Face::Regular, BODY, l) <= 200.0), "{long:?}");
        let pdf = render(&blocks, "Convention").unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
