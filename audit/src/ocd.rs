//! The Open Cookie Database (<https://github.com/jkwakman/Open-Cookie-Database>, Apache-2.0,
//! shipped in `data/` with its licence): what a cookie is, by name, for the suggestions given
//! with every undeclared cookie and `--write-config`.

/// The CSV as shipped (see `data/SOURCE.txt` for its commit).
pub const CSV: &str = include_str!("../data/open-cookie-database.csv");

/// One entry of the database.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    /// The platform that sets it (`Google Analytics`).
    pub platform: String,
    /// Its category: `Functional`, `Analytics`, `Marketing`, `Security`, `Necessary` or
    /// `Personalization`.
    pub category: String,
    /// The cookie or storage key's name; with `wildcard`, a prefix.
    pub name: String,
    /// Where it is set, when the database says.
    pub domain: String,
    /// What it does, in English.
    pub description: String,
    /// How long it is kept, as written (`2 years`, `session`, `13 months by default`).
    pub retention: String,
    /// Who controls the data (`Google`).
    pub controller: String,
    /// `name` is a prefix: `_ga_` matches `_ga_ABC123`.
    pub wildcard: bool,
}

/// The database, read once.
#[derive(Clone, Debug, Default)]
pub struct Ocd {
    entries: Vec<Entry>,
}

impl Ocd {
    /// The shipped database.
    pub fn shipped() -> Result<Ocd, String> {
        Ocd::parse(CSV)
    }

    /// A database from CSV text with the shipped file's columns.
    pub fn parse(text: &str) -> Result<Ocd, String> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut entries = Vec::new();
        for (i, row) in reader.records().enumerate() {
            let row = row.map_err(|e| format!("open cookie database, row {}: {e}", i + 2))?;
            let get = |n: usize| row.get(n).unwrap_or("").trim().to_string();
            let name = get(3);
            if name.is_empty() {
                continue;
            }
            entries.push(Entry {
                platform: get(1),
                category: get(2),
                name,
                domain: get(4),
                description: get(5),
                retention: get(6),
                controller: get(7),
                wildcard: get(9) == "1",
            });
        }
        Ok(Ocd { entries })
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry for a cookie name: the exact name first, else the longest wildcard entry that
    /// is a prefix of it (`_ga_` for `_ga_DEMO123`).
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| !e.wildcard && e.name == name).or_else(|| {
            self.entries.iter().filter(|e| e.wildcard && name.starts_with(&e.name)).max_by_key(|e| e.name.len())
        })
    }
}

/// A retention as written by the database (`2 years`, `Session`, `13 months by default,
/// modifiable`, `24 hours`) in the config's lifetime format (`2 years`, `session`), or `None`
/// when it names no duration (`Unknown`, `forever`).
pub fn lifetime_of_retention(retention: &str) -> Option<String> {
    let lower = retention.to_ascii_lowercase();
    if lower.contains("session") {
        return Some("session".into());
    }
    let mut words =
        lower.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')').filter(|w| !w.is_empty());
    let amount: u32 = words.next()?.parse().ok().filter(|n| *n > 0)?;
    let unit = words.next()?;
    let unit = match unit.trim_end_matches('s') {
        "second" => "second",
        "minute" => "minute",
        "hour" => "hour",
        "day" => "day",
        "week" => "week",
        "month" => "month",
        "year" => "year",
        _ => return None,
    };
    Some(format!("{amount} {unit}{}", if amount == 1 { "" } else { "s" }))
}
