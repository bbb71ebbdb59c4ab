//! Opt-in debugging aids. `DUTYWATCH_DEBUG_PANIC_KEY=1` makes F12 on the board panic inside
//! `update`, so the end-to-end tests can check that a panic restores the terminal, prints the error
//! and keeps the form draft. Off unless the variable is exactly `1`.

use std::sync::OnceLock;

/// True when `DUTYWATCH_DEBUG_PANIC_KEY=1` (read once per process).
pub fn panic_key_enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("DUTYWATCH_DEBUG_PANIC_KEY").is_some_and(|v| v == "1"))
}
