//! Text of the shared widgets (prompts, confirmations).

crate::words! {
    PRESS_ANY_KEY = ("按任意键继续", "Press any key");
}
