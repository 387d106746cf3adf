fn main() { let _ = dom_smoothie::Readability::new("<html></html>", None, None); }
