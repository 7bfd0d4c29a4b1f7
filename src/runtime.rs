//! The returning-visitor runtime's WebAssembly module: [`crate::core::returning::decide`] behind
//! a four-function ABI, built without the `full` feature, without std and without wasm-bindgen,
//! so that a visitor who already chose downloads a few kilobytes instead of the UI. The loader
//! (`www/consent-banner.js`) calls it and does the page work with the shared `tags.js`.
//!
//! ABI: `cb_reset()`, then `cb_alloc(len)` for each input, which the loader fills with UTF-8;
//! `cb_decide(...)` returns the length of the JSON answer at `cb_output()`, or 0 to hand the page
//! view to the full module.

use ::core::alloc::{GlobalAlloc, Layout};
use ::core::arch::wasm32;
use ::core::cell::Cell;

use alloc::string::String;
use alloc::vec::Vec;

/// A bump allocator: the module runs once per page view and allocates a few kilobytes, so
/// nothing is freed until the next `cb_reset`. Saves dlmalloc's weight.
struct Bump {
    start: Cell<usize>,
    next: Cell<usize>,
    end: Cell<usize>,
}

// wasm32 without threads: one thread only.
unsafe impl Sync for Bump {}

const PAGE: usize = 65_536;

unsafe impl GlobalAlloc for Bump {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if self.start.get() == 0 {
            // The heap starts where the module's memory ends.
            let top = wasm32::memory_size(0) * PAGE;
            self.start.set(top);
            self.next.set(top);
            self.end.set(top);
        }
        let start = (self.next.get() + layout.align() - 1) & !(layout.align() - 1);
        let Some(end) = start.checked_add(layout.size()) else { return ::core::ptr::null_mut() };
        if end > self.end.get() {
            let pages = (end - self.end.get()).div_ceil(PAGE);
            if wasm32::memory_grow(0, pages) == usize::MAX {
                return ::core::ptr::null_mut();
            }
            self.end.set(self.end.get() + pages * PAGE);
        }
        self.next.set(end);
        start as *mut u8
    }

    unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
}

#[global_allocator]
static HEAP: Bump = Bump { start: Cell::new(0), next: Cell::new(0), end: Cell::new(0) };

/// A trap: the loader catches it and hands the page view to the full module.
#[panic_handler]
fn panic(_: &::core::panic::PanicInfo) -> ! {
    wasm32::unreachable()
}

struct Output(Cell<(usize, usize)>);
// wasm32 without threads: one thread only.
unsafe impl Sync for Output {}
static OUTPUT: Output = Output(Cell::new((0, 0)));

/// Frees everything allocated so far; call before the inputs of a new decision.
#[no_mangle]
pub extern "C" fn cb_reset() {
    #[cfg(feature = "first")]
    INPUTS.0.set(Vec::new());
    HEAP.next.set(HEAP.start.get());
    OUTPUT.0.set((0, 0));
}

/// Room for one input of `len` bytes.
#[no_mangle]
pub extern "C" fn cb_alloc(len: usize) -> *mut u8 {
    let mut buffer: Vec<u8> = Vec::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    ::core::mem::forget(buffer);
    ptr
}

/// Where the answer of the last `cb_decide` is.
#[no_mangle]
pub extern "C" fn cb_output() -> *const u8 {
    OUTPUT.0.get().0 as *const u8
}

/// Decides the page view from the cached policy, the config text and `document.cookie`
/// (each given by `cb_alloc` pointer and length), at `now` seconds since the epoch.
///
/// # Safety
/// Each pointer must come from `cb_alloc` with at least its length written.
// The runtime's alone: the first-visit module, built from the same file, decides from the config.
#[cfg(not(feature = "first"))]
#[no_mangle]
pub unsafe extern "C" fn cb_decide(
    stored: *const u8,
    stored_len: usize,
    text: *const u8,
    text_len: usize,
    cookies: *const u8,
    cookies_len: usize,
    now: f64,
) -> usize {
    let read = |ptr: *const u8, len: usize| {
        // SAFETY: the loader wrote `len` bytes at `ptr`, allocated by `cb_alloc`.
        ::core::str::from_utf8(unsafe { ::core::slice::from_raw_parts(ptr, len) }).ok()
    };
    let (Some(stored), Some(text), Some(cookies)) =
        (read(stored, stored_len), read(text, text_len), read(cookies, cookies_len))
    else {
        return 0;
    };
    match crate::core::returning::decide(stored, text, cookies, now as u64) {
        Some(answer) => answer_with(answer),
        None => 0,
    }
}

/// The page's placeholders and cookie tables from the cached kit
/// ([`crate::core::surfaces::serve`]), each input given by `cb_alloc` pointer and length: the
/// kit, the config text, `document.cookie`, `<html lang>`, `navigator.languages`
/// (comma-separated), the placeholders asked for ([`crate::core::surfaces::targets`]) and the
/// tables' ids (comma-separated). Returns the answer's length at `cb_output()`, or 0 when the kit
/// cannot serve this page view.
///
/// # Safety
/// Each pointer must come from `cb_alloc` with at least its length written.
#[cfg(all(not(feature = "first"), feature = "surfaces"))]
#[no_mangle]
pub unsafe extern "C" fn cb_surfaces(
    kit: *const u8,
    kit_len: usize,
    text: *const u8,
    text_len: usize,
    cookies: *const u8,
    cookies_len: usize,
    lang: *const u8,
    lang_len: usize,
    navigator: *const u8,
    navigator_len: usize,
    targets: *const u8,
    targets_len: usize,
    tables: *const u8,
    tables_len: usize,
) -> usize {
    let read = |ptr: *const u8, len: usize| {
        // SAFETY: the loader wrote `len` bytes at `ptr`, allocated by `cb_alloc`.
        ::core::str::from_utf8(unsafe { ::core::slice::from_raw_parts(ptr, len) }).ok()
    };
    let inputs = [
        read(kit, kit_len),
        read(text, text_len),
        read(cookies, cookies_len),
        read(lang, lang_len),
        read(navigator, navigator_len),
        read(targets, targets_len),
        read(tables, tables_len),
    ];
    let [Some(kit), Some(text), Some(cookies), Some(lang), Some(navigator), Some(targets), Some(tables)] = inputs
    else {
        return 0;
    };
    match crate::core::surfaces::serve(kit, text, cookies, lang, navigator, targets, tables) {
        Some(answer) => answer_with(answer),
        None => 0,
    }
}

/// Keeps `answer` where `cb_output()` says, until the next `cb_reset`; its length.
fn answer_with(answer: String) -> usize {
    let bytes = answer.into_bytes();
    OUTPUT.0.set((bytes.as_ptr() as usize, bytes.len()));
    let len = bytes.len();
    ::core::mem::forget(bytes);
    len
}

/// The first-visit module's inputs, in the order the loader allocated them (`cb_alloc`).
#[cfg(feature = "first")]
struct Inputs(Cell<Vec<(usize, usize)>>);
#[cfg(feature = "first")]
// wasm32 without threads: one thread only.
unsafe impl Sync for Inputs {}
#[cfg(feature = "first")]
static INPUTS: Inputs = Inputs(Cell::new(Vec::new()));

/// Room for the next input of the first-visit module (`cb_first`), `len` bytes of UTF-8.
#[cfg(feature = "first")]
#[no_mangle]
pub extern "C" fn cb_input(len: usize) -> *mut u8 {
    let ptr = cb_alloc(len);
    let mut inputs = INPUTS.0.take();
    inputs.push((ptr as usize, len));
    INPUTS.0.set(inputs);
    ptr
}

/// Runs one step of the first visit (see [`crate::core::first`]) on the inputs given since the
/// last `cb_reset`, in this order: config text, area, `document.cookie`, `<html lang>`,
/// `navigator.languages` (comma-separated), `location.hostname`, `location.pathname`, the
/// language shown, the active categories (comma-separated), the stored history (or `\u{0}` for
/// none), the choice's categories (comma-separated), 16 random hex digits, the built-in texts
/// files downloaded so far (each `code` U+001F `file text`, separated by U+001E: JSON text holds
/// neither unescaped).
///
/// `op`: 0 start, 1 accept all, 2 reject all, 3 accept the given categories, 4 acknowledge,
/// 5 switch to the language given as the choice, 6 accept services (the choice: a category,
/// U+001F, its services comma-separated or `*` for all of it), 7 accept the entry given as the
/// choice on top of the stored choice (a placeholder's "Always allow"), 8 the page's placeholders
/// and cookie tables (the choice: [`crate::core::surfaces::targets`], U+001D, the tables' ids
/// comma-separated); 7 and 8 in the `surfaces` variant only. `method`: 0 banner, 1 API, 2 a placeholder. `flags`: bit 0
/// GPC, bit 1 https. Returns the length of the JSON answer at `cb_output()` (0 on bad input).
#[cfg(feature = "first")]
#[no_mangle]
pub extern "C" fn cb_first(op: u32, method: u32, flags: u32, now: f64) -> usize {
    use crate::core::consent::{Choice, Method};
    use crate::core::first;

    let inputs = INPUTS.0.take();
    let mut args: Vec<&str> = Vec::with_capacity(inputs.len());
    for (ptr, len) in &inputs {
        // SAFETY: the loader wrote `len` bytes at `ptr`, allocated by `cb_input`.
        let bytes = unsafe { ::core::slice::from_raw_parts(*ptr as *const u8, *len) };
        match ::core::str::from_utf8(bytes) {
            Ok(s) => args.push(s),
            Err(_) => return 0,
        }
    }
    INPUTS.0.set(inputs);
    let [config_text, area, cookies, html_lang, navigator, host, path, lang, active, history, chosen, random, texts] =
        args.as_slice()
    else {
        return 0;
    };
    let list = |s: &str| -> Vec<String> {
        crate::core::policy::split_on(s, b',').filter(|x| !x.is_empty()).map(String::from).collect()
    };
    let page = first::Page {
        config_text,
        area: Some(*area).filter(|a| !a.is_empty()),
        cookies,
        html_lang: Some(*html_lang).filter(|l| !l.is_empty()),
        navigator: list(navigator),
        gpc: flags & 1 != 0,
        https: flags & 2 != 0,
        host,
        path,
        now: now as u64,
        builtin: crate::core::policy::split_on(texts, 0x1e)
            .filter_map(|file| crate::core::policy::split_once_on(file, 0x1f))
            .collect(),
    };
    let mut random_bytes = [0u8; 8];
    for (i, b) in random_bytes.iter_mut().enumerate() {
        *b = random.get(2 * i..2 * i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0);
    }
    let method = match method {
        1 => Method::Api,
        2 => Method::Contextual,
        _ => Method::Banner,
    };
    let history = Some(*history).filter(|h| *h != "\u{0}");
    let active = list(active);
    let made = first::Made { method, active: &active, history, lang, random: random_bytes };
    let choice = |choice| first::choose(&page, choice, &made);
    let answer = match op {
        0 => first::start(&page),
        1 => choice(Some(Choice::AcceptAll)),
        2 => choice(Some(Choice::RejectAll)),
        3 => choice(Some(Choice::Only(list(chosen).into_iter().collect()))),
        4 => choice(None),
        5 => first::language_change(&page, chosen),
        // acceptService: the category, U+001F, its services (comma-separated) or "*" for all.
        6 => {
            let Some((category, services)) = crate::core::policy::split_once_on(chosen, 0x1f) else { return 0 };
            let services = (services != "*").then(|| list(services));
            first::choose_services(&page, category, services.as_deref(), &made)
        }
        #[cfg(feature = "surfaces")]
        7 => first::accept_also(&page, chosen, &made),
        // The page's placeholders, U+001D, its cookie tables' ids (comma-separated).
        #[cfg(feature = "surfaces")]
        8 => {
            let (targets, tables) = crate::core::policy::split_once_on(chosen, 0x1d).unwrap_or((chosen, ""));
            first::surfaces(&page, lang, targets, tables)
        }
        _ => return 0,
    };
    answer_with(answer)
}
