//! A small JSON reader and writer, without std and without serde, so that the first-visit module
//! can read a config and write its signals without serde's weight in its wasm.
//!
//! It follows serde_json where the core relied on it: [`Value`] with the same shape and
//! accessors, objects that keep their keys in order, compact output, and errors that say where
//! (line and column, both as serde_json counts them) and why. It is stricter in one way: an
//! object that repeats a key is an error, not a silent overwrite. Nesting deeper than
//! [`MAX_DEPTH`] is an error too, so hostile input cannot exhaust the stack; nothing panics.
//!
//! Numbers keep what a config needs without any float code in the wasm: an integer is kept
//! exactly (as serde_json keeps them, in a `u64` or an `i64`), any other number as the text it
//! was written as, checked against the range of an `f64` as serde_json checks it and written
//! back as written.
//!
//! ```
//! use consent_banner::core::json::{self, Value};
//!
//! let value = json::parse(r#"{ "days": 30, "name": "consent" }"#)?;
//! assert_eq!(value.get("days").and_then(Value::as_u64), Some(30));
//! assert_eq!(json::to_json(&value), r#"{"days":30,"name":"consent"}"#);
//!
//! let error = json::parse("{\n  \"days\": 30,\n}").unwrap_err();
//! assert_eq!((error.line(), error.column(), error.reason()), (3, 1, "trailing comma"));
//! # Ok::<(), json::JsonError>(())
//! ```

use ::core::cmp::Ordering;
use ::core::fmt;
use alloc::string::String;
use alloc::vec::Vec;

/// Deepest nesting of arrays and objects that [`parse`] accepts.
pub const MAX_DEPTH: usize = 128;

/// A JSON value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, its keys in the order written.
    Object(Map),
}

/// A JSON number: an integer, or the text of any other number.
///
/// Like serde_json, `30` is an integer and `30.0` or `3e1` are not: [`Number::as_u64`] reads the
/// first and not the others. An integer is exact from `i64::MIN` to `u64::MAX` and written back
/// in decimal; `-0`, a number with a fraction or an exponent, and an integer beyond that range
/// are kept as written (`3e1` is written back as `3e1`, where serde_json writes `30.0`), and two
/// of them are equal when written alike.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number(N);

#[derive(Clone, Debug, PartialEq, Eq)]
enum N {
    /// From 0 to `u64::MAX`.
    Pos(u64),
    /// From `i64::MIN` to -1.
    Neg(i64),
    /// Any other number, as written (valid JSON, within the range of an `f64`).
    Text(String),
}

impl Number {
    /// The number as an `f64`, the nearest to it. Reading one written with a fraction or an
    /// exponent links core's float parsing: the wasm modules never ask for it.
    pub fn as_f64(&self) -> f64 {
        match &self.0 {
            N::Pos(n) => *n as f64,
            N::Neg(n) => *n as f64,
            N::Text(text) => text.parse().unwrap_or(f64::NAN),
        }
    }

    /// The number as a `u64`, when it is an integer from 0 to `u64::MAX`.
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::Pos(n) => Some(n),
            _ => None,
        }
    }

    /// The number as an `i64`, when it is an integer from `i64::MIN` to `i64::MAX`.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::Pos(n) => i64::try_from(n).ok(),
            N::Neg(n) => Some(n),
            N::Text(_) => None,
        }
    }

    /// True when the number was written (or made) as an integer from `i64::MIN` to `u64::MAX`.
    pub fn is_integer(&self) -> bool {
        !matches!(self.0, N::Text(_))
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Number {
        Number(N::Pos(n))
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Number {
        Number(if n < 0 { N::Neg(n) } else { N::Pos(n.unsigned_abs()) })
    }
}

impl From<u32> for Number {
    fn from(n: u32) -> Number {
        Number(N::Pos(u64::from(n)))
    }
}

/// A JSON object: its entries in insertion order, each key once. Compared like serde_json's
/// objects: two maps are equal when they hold the same entries, in any order.
#[derive(Clone, Debug, Default)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    /// An empty object.
    pub fn new() -> Map {
        Map(Vec::new())
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of a key.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of a key, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// True when the object has this key.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets the value of a key, returning the one it replaces; a new key goes last, a known
    /// one keeps its place.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.get_mut(&key) {
            Some(slot) => Some(::core::mem::replace(slot, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// Removes a key, returning its value; the other entries keep their order.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values, in order.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.0.iter().map(|(_, v)| v)
    }
}

impl PartialEq for Map {
    fn eq(&self, other: &Map) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

type Entries<'a> =
    ::core::iter::Map<::core::slice::Iter<'a, (String, Value)>, fn(&'a (String, Value)) -> (&'a String, &'a Value)>;

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = Entries<'a>;

    fn into_iter(self) -> Entries<'a> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = alloc::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<(String, Value)> for Map {
    /// A repeated key keeps its first place and its last value, as in serde_json.
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Map {
        let mut map = Map::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl Value {
    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The object, if this is one, to change it.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The array, if this is one.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The number as a `u64`, if this is an integer from 0 to `u64::MAX` (see [`Number::as_u64`]).
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number()?.as_u64()
    }

    /// The number as an `i64`, if this is an integer that fits (see [`Number::as_i64`]).
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number()?.as_i64()
    }

    /// The number as an `f64`, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        Some(self.as_number()?.as_f64())
    }

    /// The value of a key, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// True for `true` and `false`.
    pub fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }

    /// True for a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    /// True for a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// True for an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// True for an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }
}

static NULL: Value = Value::Null;

impl ::core::ops::Index<&str> for Value {
    type Output = Value;

    /// The value of a key, `null` when this is no object or lacks the key (as in serde_json).
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl ::core::ops::Index<usize> for Value {
    type Output = Value;

    /// An item, `null` when this is no array or too short (as in serde_json).
    fn index(&self, i: usize) -> &Value {
        self.as_array().and_then(|items| items.get(i)).unwrap_or(&NULL)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::String(s.clone())
    }
}

impl From<Number> for Value {
    fn from(n: Number) -> Value {
        Value::Number(n)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Number(n.into())
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::Number(n.into())
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Number(n.into())
    }
}

impl From<Map> for Value {
    fn from(map: Map) -> Value {
        Value::Object(map)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    /// `None` is `null`.
    fn from(value: Option<T>) -> Value {
        value.map_or(Value::Null, Into::into)
    }
}

impl<T: Into<Value>> FromIterator<T> for Value {
    /// An array.
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Value {
        Value::Array(iter.into_iter().map(Into::into).collect())
    }
}

/// An object of these entries, in this order (a repeated key keeps its last value).
pub fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(entries.into_iter().map(|(k, v)| (String::from(k), v)).collect())
}

impl fmt::Display for Value {
    /// The compact JSON text, as [`to_json`] writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&to_json(self))
    }
}

impl fmt::Display for Number {
    /// `30`, `-7`, or any other number as it was written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write_number(&mut out, self);
        f.write_str(&out)
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

/// The compact JSON text of a value, as serde_json's `to_string` writes it.
pub fn to_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// Appends the compact JSON text of a value.
pub fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// Appends a string as a JSON string literal: `"`, `\` and the control characters escaped
/// (the latter as `\u00XX`, which every JSON reader accepts). The one implementation, shared
/// with the runtime, which does not build this module.
pub fn write_string(out: &mut String, s: &str) {
    super::json_string(out, s);
}

/// A string as a JSON string literal: `"it's \"here\""`. For messages, where `{:?}` would
/// bring the Unicode tables of `Debug` into the wasm.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_string(&mut out, s);
    out
}

/// Appends an unsigned integer in decimal.
pub fn write_u64(out: &mut String, n: u64) {
    super::json_decimal(out, n);
}

fn write_number(out: &mut String, n: &Number) {
    match &n.0 {
        N::Pos(n) => write_u64(out, *n),
        N::Neg(n) => {
            out.push('-');
            write_u64(out, n.unsigned_abs());
        }
        N::Text(text) => out.push_str(text),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Why a text is not JSON, and where: line and column of the byte where reading stopped, both
/// counted from 1 as serde_json counts them (columns in bytes; at the end of the text, the
/// column of its last byte).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    line: usize,
    column: usize,
    reason: String,
}

impl JsonError {
    /// The line, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column in bytes, from 1 (0 at the very start of an empty line).
    pub fn column(&self) -> usize {
        self.column
    }

    /// What is wrong, such as `expected value` or `duplicate key "id"`.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for JsonError {
    /// `trailing comma at line 3 column 1`, as serde_json writes its errors.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.reason, self.line, self.column)
    }
}

impl ::core::error::Error for JsonError {}

/// Reads a JSON text (RFC 8259): one value, with whitespace around it.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    let mut parser = Parser { text, bytes: text.as_bytes(), pos: 0, depth: 0 };
    parser.whitespace();
    let value = parser.value()?;
    parser.whitespace();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// An error about the byte at the current position (or the end of the text).
    fn error(&self, reason: impl Into<String>) -> JsonError {
        self.error_at(self.pos, reason)
    }

    fn error_at(&self, pos: usize, reason: impl Into<String>) -> JsonError {
        // Like serde_json: count the bytes up to and including the offending one.
        let end = self.bytes.len().min(pos + 1);
        let before = self.bytes.get(..end).unwrap_or(self.bytes);
        let line = 1 + before.iter().filter(|b| **b == b'\n').count();
        let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        JsonError { line, column: end - line_start, reason: reason.into() }
    }

    /// An error at the current position, or the end-of-text one if the text ended there.
    fn expected(&self, reason: &str, at_end: &str) -> JsonError {
        self.error(if self.pos < self.bytes.len() { reason } else { at_end })
    }

    fn value(&mut self) -> Result<Value, JsonError> {
        match self.peek() {
            Some(b'n') => self.word("null", Value::Null),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b'[') => self.array(),
            Some(b'{') => self.object(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.expected("expected value", "EOF while parsing a value")),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        for expected in word.bytes() {
            match self.peek() {
                Some(b) if b == expected => self.pos += 1,
                _ => return Err(self.expected("expected ident", "EOF while parsing a value")),
            }
        }
        Ok(value)
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        Ok(())
    }

    fn array(&mut self) -> Result<Value, JsonError> {
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        // As serde_json says it: the end right after `[` ends a list, after a `,` a value.
        if self.peek().is_none() {
            return Err(self.error("EOF while parsing a list"));
        }
        loop {
            items.push(self.value()?);
            self.whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.whitespace();
                    if self.peek() == Some(b']') {
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.expected("expected `,` or `]`", "EOF while parsing a list")),
            }
        }
    }

    fn object(&mut self) -> Result<Value, JsonError> {
        self.enter()?;
        self.pos += 1;
        let mut entries: Vec<(String, Value)> = Vec::new();
        let mut keys = Keys::default();
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Object(Map(entries)));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.expected("key must be a string", "EOF while parsing an object"));
            }
            let start = self.pos;
            let key = self.string()?;
            if keys.repeated(&entries, &key) {
                return Err(self.error_at(start, super::cat(&["duplicate key ", &quoted(&key)])));
            }
            self.whitespace();
            if self.peek() != Some(b':') {
                return Err(self.expected("expected `:`", "EOF while parsing an object"));
            }
            self.pos += 1;
            self.whitespace();
            let value = self.value()?;
            entries.push((key, value));
            self.whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.whitespace();
                    if self.peek() == Some(b'}') {
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::Object(Map(entries)));
                }
                _ => return Err(self.expected("expected `,` or `}`", "EOF while parsing an object")),
            }
        }
    }

    /// A string, from its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        let mut start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    // Runs of plain characters end at ASCII bytes: always a char boundary.
                    out.push_str(self.text.get(start..self.pos).unwrap_or_default());
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.text.get(start..self.pos).unwrap_or_default());
                    self.pos += 1;
                    let c = self.escape()?;
                    out.push(c);
                    start = self.pos;
                }
                Some(0..=0x1f) => {
                    return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// The character of an escape, after its backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        let Some(b) = self.peek() else { return Err(self.error("EOF while parsing a string")) };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xd800..=0xdbff => {
                        // A leading surrogate must be followed by an escaped trailing one.
                        if self.peek() != Some(b'\\') || self.bytes.get(self.pos + 1) != Some(&b'u') {
                            return Err(
                                self.expected("lone leading surrogate in hex escape", "EOF while parsing a string")
                            );
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xdc00..=0xdfff).contains(&second) {
                            return Err(self.error_at(self.pos - 1, "lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
                    }
                    0xdc00..=0xdfff => return Err(self.error_at(self.pos - 1, "lone trailing surrogate in hex escape")),
                    _ => first,
                };
                match char::from_u32(code) {
                    Some(c) => c,
                    None => return Err(self.error_at(self.pos - 1, "invalid unicode code point")),
                }
            }
            _ => return Err(self.error_at(self.pos - 1, "invalid escape")),
        })
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.expected("invalid escape", "EOF while parsing a string")),
            };
            n = n * 16 + u32::from(digit);
            self.pos += 1;
        }
        Ok(n)
    }

    fn digits(&mut self) -> &[u8] {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.bytes.get(start..self.pos).unwrap_or_default()
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.expected("invalid number", "EOF while parsing a value")),
        }
        let int_end = self.pos;
        let mut frac = (self.pos, self.pos);
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let frac_start = self.pos;
            if self.digits().is_empty() {
                return Err(self.expected("invalid number", "EOF while parsing a value"));
            }
            frac = (frac_start, self.pos);
        }
        let mut exp: i64 = 0;
        let has_exp = matches!(self.peek(), Some(b'e' | b'E'));
        if has_exp {
            self.pos += 1;
            let exp_negative = match self.peek() {
                Some(b'-') => {
                    self.pos += 1;
                    true
                }
                Some(b'+') => {
                    self.pos += 1;
                    false
                }
                _ => false,
            };
            let digits = self.digits();
            if digits.is_empty() {
                return Err(self.expected("invalid number", "EOF while parsing a value"));
            }
            // Beyond 2^50, longer than any text, any exponent means zero or infinity anyway.
            for d in digits {
                exp = (exp * 10 + i64::from(d - b'0')).min(1 << 50);
            }
            if exp_negative {
                exp = -exp;
            }
        }
        let int = self.bytes.get(int_start..int_end).unwrap_or_default();
        let frac = self.bytes.get(frac.0..frac.1).unwrap_or_default();

        // An integer, exact when it fits a u64 (or an i64 when negative), as in serde_json.
        if frac.is_empty() && !has_exp {
            let n = int.iter().try_fold(0u64, |n, d| n.checked_mul(10)?.checked_add(u64::from(d - b'0')));
            match n {
                Some(n) if !negative => return Ok(Value::Number(Number(N::Pos(n)))),
                Some(n) if n > 0 => {
                    if let Some(n) = 0i64.checked_sub_unsigned(n) {
                        return Ok(Value::Number(Number(N::Neg(n))));
                    }
                }
                _ => {}
            }
        }

        // Anything else is kept as written, once it is known to be within the range of an f64:
        // below 2^1024 - 2^970, halfway between f64::MAX and 2^1024 (from there on a number
        // rounds to infinity). The value is 0.digits × 10^magnitude.
        let digits = int.iter().chain(frac).skip_while(|d| **d == b'0');
        let significant = digits.clone().count() as i64;
        let magnitude = significant + exp - frac.len() as i64;
        let out_of_range = significant > 0
            && match magnitude.cmp(&(MAX_HALFWAY.len() as i64)) {
                Ordering::Greater => true,
                Ordering::Less => false,
                Ordering::Equal => digits.cmp(MAX_HALFWAY.iter()).is_ge(),
            };
        if out_of_range {
            return Err(self.error_at(self.pos.saturating_sub(1).max(start), "number out of range"));
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        Ok(Value::Number(Number(N::Text(String::from(text)))))
    }
}

/// The digits of 2^1024 - 2^970: a number from there on is out of the range of an `f64`.
const MAX_HALFWAY: &[u8; 309] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// The keys of an object being read, to find a repeated one: a scan while the object is
/// small, a hash table once it is not, so that a huge object still reads in linear time.
#[derive(Default)]
struct Keys {
    /// Open addressing: each slot holds 1 + the index of an entry, or 0 when free.
    table: Vec<u32>,
}

impl Keys {
    /// True when `key` is among the keys of `entries`; otherwise `key` is taken as that of the
    /// next entry.
    fn repeated(&mut self, entries: &[(String, Value)], key: &str) -> bool {
        if entries.len() < 16 {
            return entries.iter().any(|(k, _)| k == key);
        }
        // At most half full, so that a free slot always ends a probe.
        if self.table.len() < 2 * (entries.len() + 1) {
            self.table = alloc::vec![0; (4 * entries.len()).next_power_of_two()];
            for (i, (k, _)) in entries.iter().enumerate() {
                self.probe(entries, k, i);
            }
        }
        self.probe(entries, key, entries.len())
    }

    /// Looks `key` up; if absent, stores `index` as its entry and returns false.
    fn probe(&mut self, entries: &[(String, Value)], key: &str, index: usize) -> bool {
        let mask = self.table.len() - 1;
        // FNV-1a.
        let hash = key.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        let mut slot = hash as usize & mask;
        while let Some(found) = self.table.get_mut(slot) {
            match entries.get((*found as usize).wrapping_sub(1)) {
                _ if *found == 0 => {
                    *found = index as u32 + 1;
                    return false;
                }
                Some((k, _)) if k == key => return true,
                _ => slot = (slot + 1) & mask,
            }
        }
        false
    }
}
