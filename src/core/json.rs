//! A small JSON reader and writer, without std and without serde, so that the first-visit module
//! can read a config and write its signals without serde's weight in its wasm.
//!
//! It follows serde_json where the core relied on it: [`Value`] with the same shape and
//! accessors, objects that keep their keys in order, compact output, and errors that say where
//! (line and column, both as serde_json counts them) and why. It is stricter in one way: an
//! object that repeats a key is an error, not a silent overwrite. Nesting deeper than
//! [`MAX_DEPTH`] is an error too, so hostile input cannot exhaust the stack; nothing panics.
//!
//! Numbers are `f64`, read and written exactly (correctly rounded in, shortest round-trip out,
//! in serde_json's notation), with no float formatting or parsing from `core`, whose tables
//! would weigh more than the rest of this module.
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

/// 2^53: every integer up to this magnitude is exact in an `f64`.
const MAX_EXACT: u64 = 1 << 53;

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

/// A JSON number: an `f64` that remembers whether it was written as an integer.
///
/// Like serde_json, `30` is an integer and `30.0` or `3e1` are not: [`Number::as_u64`] reads the
/// first and not the others, and they are written back as `30` and `30.0`. An integer is exact
/// up to 2^53 in magnitude; a larger one is kept as the nearest `f64` and no longer counts as
/// an integer (where serde_json would keep it exactly up to 2^64), and `-0` is the float `-0.0`
/// as in serde_json.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    value: f64,
    integer: bool,
}

impl Number {
    /// The number for a finite `f64` (not an integer, even when integral, as in serde_json);
    /// `None` for NaN and the infinities, which JSON cannot write.
    pub fn from_f64(value: f64) -> Option<Number> {
        value.is_finite().then_some(Number { value, integer: false })
    }

    /// The number as an `f64`.
    pub fn as_f64(&self) -> f64 {
        self.value
    }

    /// The number as a `u64`, when it is an integer from 0 to 2^53.
    pub fn as_u64(&self) -> Option<u64> {
        (self.integer && self.value >= 0.0).then_some(self.value as u64)
    }

    /// The number as an `i64`, when it is an integer from -2^53 to 2^53.
    pub fn as_i64(&self) -> Option<i64> {
        self.integer.then_some(self.value as i64)
    }

    /// True when the number was written (or made) as an integer from -2^53 to 2^53.
    pub fn is_integer(&self) -> bool {
        self.integer
    }
}

impl From<u64> for Number {
    /// Exact up to 2^53; larger integers become the nearest `f64`.
    fn from(n: u64) -> Number {
        Number { value: n as f64, integer: n <= MAX_EXACT }
    }
}

impl From<i64> for Number {
    /// Exact up to 2^53 in magnitude; larger integers become the nearest `f64`.
    fn from(n: i64) -> Number {
        Number { value: n as f64, integer: n.unsigned_abs() <= MAX_EXACT }
    }
}

impl From<u32> for Number {
    fn from(n: u32) -> Number {
        Number { value: f64::from(n), integer: true }
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

    /// The number as a `u64`, if this is an integer from 0 to 2^53 (see [`Number::as_u64`]).
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number()?.as_u64()
    }

    /// The number as an `i64`, if this is an integer from -2^53 to 2^53 (see [`Number::as_i64`]).
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
    /// `30`, `30.0`, `0.1` or `1e+21`, as serde_json writes them.
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
/// (the latter as `\u00XX`, which every JSON reader accepts: fewer branches in the runtime's wasm).
pub fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A string as a JSON string literal: `"it's \"here\""`. For messages, where `{:?}` would
/// bring the Unicode tables of `Debug` into the wasm.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_string(&mut out, s);
    out
}

/// Appends an unsigned integer in decimal.
pub fn write_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[i..].iter().for_each(|d| out.push(*d as char));
}

fn write_number(out: &mut String, n: &Number) {
    if n.value.is_sign_negative() {
        out.push('-');
    }
    let magnitude = f64::from_bits(n.value.to_bits() & !(1 << 63));
    if n.integer {
        write_u64(out, magnitude as u64);
    } else {
        write_float(out, magnitude);
    }
}

/// Writes a finite, non-negative float as serde_json (ryu) does: the shortest digits that read
/// back to the same `f64`, `3.0` for an integral value, `1e+16` and `1.5e-7` from 10^16 and
/// under 10^-5.
fn write_float(out: &mut String, x: f64) {
    let (digits, exp) = shortest(x);
    let length = digits.len() as i32;
    // The value is digits × 10^exp, with 10^(kk - 1) <= value < 10^kk.
    let kk = length + exp;
    let push_digits = |out: &mut String, ds: &[u8]| ds.iter().for_each(|d| out.push(char::from(*d)));
    if digits.is_empty() {
        out.push_str("0.0");
    } else if exp >= 0 && kk <= 16 {
        push_digits(out, &digits);
        (0..exp).for_each(|_| out.push('0'));
        out.push_str(".0");
    } else if kk > 0 && kk <= 16 {
        let (int, frac) = digits.split_at(kk as usize);
        push_digits(out, int);
        out.push('.');
        push_digits(out, frac);
    } else if kk > -5 && kk <= 0 {
        out.push_str("0.");
        (0..-kk).for_each(|_| out.push('0'));
        push_digits(out, &digits);
    } else {
        let (first, rest) = digits.split_at(1);
        push_digits(out, first);
        if !rest.is_empty() {
            out.push('.');
            push_digits(out, rest);
        }
        out.push_str(if kk - 1 < 0 { "e-" } else { "e+" });
        write_u64(out, u64::from((kk - 1).unsigned_abs()));
    }
}

/// The shortest decimal `digits × 10^exp` (ASCII digits, no leading or trailing zero; empty
/// for zero) that reads back to `x`, the nearest to `x` among those.
fn shortest(x: f64) -> (Vec<u8>, i32) {
    let (mantissa, exp2) = decompose(x);
    if mantissa == 0 {
        return (Vec::new(), 0);
    }
    // The exact decimal value of x: mantissa × 2^exp2 = mantissa × 5^-exp2 × 10^exp2.
    let mut big = Big::from_u64(mantissa);
    let mut exp = 0;
    if exp2 >= 0 {
        big.shl(exp2 as u32);
    } else {
        big.mul_pow5(exp2.unsigned_abs());
        exp = exp2;
    }
    let mut all = big.into_decimal();
    exp += strip_trailing_zeros(&mut all);
    // 17 significant digits always read back; fewer often do.
    for precision in 1..=17 {
        if all.len() <= precision {
            break;
        }
        let up = rounds_up(&all, precision);
        let (digits, e) = round_to(&all, exp, precision, up);
        if decimal_to_f64(&digits, i64::from(e)) == x {
            return (digits, e);
        }
        // At a power of two the gap below is half the gap above: the candidate above may read
        // back when the nearest one, below, does not.
        if !up && mantissa == 1 << 52 {
            let (digits, e) = round_to(&all, exp, precision, true);
            if decimal_to_f64(&digits, i64::from(e)) == x {
                return (digits, e);
            }
        }
    }
    (all, exp)
}

/// True when `digits` rounded half to even to `precision` digits rounds up. `digits` has more
/// than `precision` digits, the last one not zero.
fn rounds_up(digits: &[u8], precision: usize) -> bool {
    let next = digits.get(precision).copied().unwrap_or(b'0');
    let odd = precision > 0 && digits.get(precision - 1).is_some_and(|d| d % 2 == 1);
    next > b'5' || next == b'5' && (digits.len() > precision + 1 || odd)
}

/// `digits × 10^exp` cut to `precision` significant digits, plus one in the last of them if
/// `up`, without trailing zeros.
fn round_to(digits: &[u8], exp: i32, precision: usize, up: bool) -> (Vec<u8>, i32) {
    let (head, tail) = digits.split_at(precision.min(digits.len()));
    let mut out = head.to_vec();
    let mut exp = exp + tail.len() as i32;
    if up {
        let mut carry = true;
        for d in out.iter_mut().rev() {
            if *d == b'9' {
                *d = b'0';
            } else {
                *d += 1;
                carry = false;
                break;
            }
        }
        if carry {
            // 999 → 1000: one digit more, shifted into the exponent.
            out.insert(0, b'1');
            out.pop();
            exp += 1;
        }
    }
    exp += strip_trailing_zeros(&mut out);
    (out, exp)
}

fn strip_trailing_zeros(digits: &mut Vec<u8>) -> i32 {
    let mut n = 0;
    while digits.last() == Some(&b'0') {
        digits.pop();
        n += 1;
    }
    n
}

/// A finite non-negative `f64` as `mantissa × 2^exp`, the mantissa with its hidden bit.
fn decompose(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
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
        loop {
            if self.peek().is_none() {
                return Err(self.error("EOF while parsing a list"));
            }
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
                return Err(self.error_at(start, ["duplicate key ", &quoted(&key)].concat()));
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
            // Beyond a million, any exponent means zero or infinity anyway.
            for d in digits {
                exp = (exp * 10 + i64::from(d - b'0')).min(1_000_000);
            }
            if exp_negative {
                exp = -exp;
            }
        }
        let int = self.bytes.get(int_start..int_end).unwrap_or_default();
        let frac = self.bytes.get(frac.0..frac.1).unwrap_or_default();

        // The common case: a plain integer, exact.
        if frac.is_empty() && !has_exp && int.len() <= 16 {
            let n = int.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
            if n <= MAX_EXACT && !(negative && n == 0) {
                let value = if negative { -(n as f64) } else { n as f64 };
                return Ok(Value::Number(Number { value, integer: true }));
            }
        }

        // Significant digits: without leading or trailing zeros, at most MAX_DIGITS of them
        // and a 1 standing for any non-zero digit after those (enough to round right).
        let mut digits: Vec<u8> = Vec::new();
        let mut exp10 = exp - frac.len() as i64;
        let mut dropped = false;
        for &d in int.iter().chain(frac) {
            if digits.is_empty() && d == b'0' {
                continue;
            }
            if digits.len() < MAX_DIGITS {
                digits.push(d);
            } else {
                exp10 += 1;
                dropped |= d != b'0';
            }
        }
        if dropped {
            digits.push(b'1');
            exp10 -= 1;
        } else {
            exp10 += i64::from(strip_trailing_zeros(&mut digits));
        }
        let magnitude = decimal_to_f64(&digits, exp10);
        if magnitude.is_infinite() {
            return Err(self.error_at(self.pos.saturating_sub(1).max(start), "number out of range"));
        }
        let value = if negative { -magnitude } else { magnitude };
        Ok(Value::Number(Number { value, integer: false }))
    }
}

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

/// Significant digits kept when reading a number: an `f64` is the nearest to a decimal of at
/// most 768 significant digits, so a sticky digit after these decides every rounding.
const MAX_DIGITS: usize = 780;

/// 10^0 to 10^22, each exact in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The `f64` nearest to `digits × 10^exp` (ties to even), infinite beyond `f64::MAX`.
/// `digits` are ASCII, without leading zeros.
fn decimal_to_f64(digits: &[u8], exp: i64) -> f64 {
    let n = digits.len() as i64;
    if n == 0 || n + exp < -324 {
        return 0.0;
    }
    if n + exp > 310 {
        return f64::INFINITY;
    }
    let exp = exp as i32;
    let head = digits.len().min(19);
    let m = digits.iter().take(head).fold(0u64, |m, d| m * 10 + u64::from(d - b'0'));
    // Clinger's fast path: both factors exact, one rounding.
    if head == digits.len() && m <= MAX_EXACT {
        if (-22..=22).contains(&exp) {
            let p = POW10[exp.unsigned_abs() as usize];
            return if exp < 0 { m as f64 / p } else { m as f64 * p };
        }
        if (23..=22 + 15).contains(&exp) {
            if let Some(m) = m.checked_mul(10u64.pow(exp as u32 - 22)).filter(|m| *m <= MAX_EXACT) {
                return m as f64 * 1e22;
            }
        }
    }
    // Otherwise an estimate within a few units in the last place, corrected exactly.
    let mut e = exp + (digits.len() - head) as i32;
    let mut z = m as f64;
    while e > 22 {
        z *= 1e22;
        e -= 22;
    }
    while e < -22 {
        z /= 1e22;
        e += 22;
    }
    z = if e < 0 { z / POW10[e.unsigned_abs() as usize] } else { z * POW10[e as usize] };
    if z.is_infinite() {
        z = f64::MAX;
    }
    refine(digits, exp, z)
}

/// Moves `z` one unit in the last place at a time until it is the `f64` nearest to
/// `digits × 10^exp`, comparing exactly with the midpoints to its neighbours.
fn refine(digits: &[u8], exp: i32, mut z: f64) -> f64 {
    let value = Big::from_digits(digits);
    for _ in 0..1000 {
        let bits = z.to_bits();
        let (mantissa, exp2) = decompose(z);
        // The midpoint to the next f64 up.
        match compare(&value, exp, 2 * mantissa + 1, exp2 - 1) {
            Ordering::Greater => {
                z = f64::from_bits(bits + 1);
                if z.is_infinite() {
                    return z;
                }
                continue;
            }
            Ordering::Equal => return if mantissa % 2 == 1 { f64::from_bits(bits + 1) } else { z },
            Ordering::Less => {}
        }
        if mantissa == 0 {
            return z;
        }
        // The midpoint to the next f64 down, closer at a power of two (the gap below halves).
        let (low, low_exp) = if mantissa == 1 << 52 && exp2 > -1074 {
            (4 * mantissa - 1, exp2 - 2)
        } else {
            (2 * mantissa - 1, exp2 - 1)
        };
        match compare(&value, exp, low, low_exp) {
            Ordering::Less => z = f64::from_bits(bits - 1),
            Ordering::Equal => return if mantissa % 2 == 1 { f64::from_bits(bits - 1) } else { z },
            Ordering::Greater => return z,
        }
    }
    z
}

/// Compares `value × 10^exp` with `m × 2^exp2`, exactly.
fn compare(value: &Big, exp: i32, m: u64, exp2: i32) -> Ordering {
    let mut left = value.clone();
    let mut right = Big::from_u64(m);
    if exp >= 0 {
        left.mul_pow5(exp as u32);
        left.shl(exp as u32);
    } else {
        right.mul_pow5(exp.unsigned_abs());
        right.shl(exp.unsigned_abs());
    }
    if exp2 >= 0 {
        right.shl(exp2 as u32);
    } else {
        left.shl(exp2.unsigned_abs());
    }
    left.cmp(&right)
}

/// An unsigned integer of any size, in 32-bit limbs from the least significant: just enough
/// arithmetic to convert between decimal and binary exactly.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(n: u64) -> Big {
        let mut big = Big(alloc::vec![n as u32, (n >> 32) as u32]);
        big.trim();
        big
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::new());
        for chunk in digits.chunks(9) {
            big.mul_small(10u32.pow(chunk.len() as u32));
            big.add_small(chunk.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')));
        }
        big
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn mul_small(&mut self, factor: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let t = u64::from(*limb) * u64::from(factor) + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn add_small(&mut self, n: u32) {
        let mut carry = u64::from(n);
        for limb in &mut self.0 {
            if carry == 0 {
                return;
            }
            let t = u64::from(*limb) + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow5(&mut self, mut n: u32) {
        // 5^13 is the largest power of five in a u32.
        while n >= 13 {
            self.mul_small(1_220_703_125);
            n -= 13;
        }
        self.mul_small(5u32.pow(n));
    }

    fn shl(&mut self, bits: u32) {
        if self.0.is_empty() {
            return;
        }
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let t = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = t;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, ::core::iter::repeat_n(0, limbs));
    }

    /// Divides by `d`, returning the remainder.
    fn div_small(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for limb in self.0.iter_mut().rev() {
            let t = (rem << 32) | u64::from(*limb);
            *limb = (t / u64::from(d)) as u32;
            rem = t % u64::from(d);
        }
        self.trim();
        rem as u32
    }

    /// The decimal digits, in ASCII, most significant first.
    fn into_decimal(mut self) -> Vec<u8> {
        let mut chunks = Vec::new();
        while !self.0.is_empty() {
            chunks.push(self.div_small(1_000_000_000));
        }
        let mut out = Vec::with_capacity(chunks.len() * 9);
        for (i, chunk) in chunks.iter().rev().enumerate() {
            let mut digits = [0u8; 9];
            let mut n = *chunk;
            for d in digits.iter_mut().rev() {
                *d = b'0' + (n % 10) as u8;
                n /= 10;
            }
            // The leading chunk without its leading zeros.
            let skip = if i == 0 { digits.iter().take_while(|d| **d == b'0').count() } else { 0 };
            out.extend_from_slice(digits.get(skip..).unwrap_or_default());
        }
        out
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0.len().cmp(&other.0.len()).then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}
