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
    let answer: String = match crate::core::returning::decide(stored, text, cookies, now as u64) {
        Some(answer) => answer,
        None => return 0,
    };
    let bytes = answer.into_bytes();
    OUTPUT.0.set((bytes.as_ptr() as usize, bytes.len()));
    let len = bytes.len();
    ::core::mem::forget(bytes);
    len
}
