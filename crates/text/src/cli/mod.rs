//! What the command line (`dutywatch …`) prints, command by command. Labels of the domain's codes
//! come from [`crate::codes`]; here are the words only the commands say.

pub mod incident;
pub mod roster;

/// `dutywatch init|backup`.
pub mod admin {
    crate::words! {
        DATABASE_READY = ("数据库就绪", "database ready");
        BACKED_UP_DAMAGED = ("已备份（源库已损坏）到", "backed up (damaged source) to");
        BACKED_UP = ("已备份到", "backed up to");
    }
}

/// `dutywatch person …` and `dutywatch contact …`: the directory of people and of contacts.
pub mod people {
    crate::words! {
        ADDED = ("已添加", "added");
        UPDATED = ("已修改", "updated");
        /// After a person or contact who is no longer active.
        INACTIVE = (" (停用)", " (inactive)");
        /// After a contact not verified for a long time.
        TO_VERIFY = (" [待核实]", " [verify]");
        VERIFIED = ("已核实", "verified");
    }
}

/// `dutywatch duty list` and `dutywatch task list`.
pub mod duties {
    crate::words! {
        /// After a recurring duty filed late.
        LATE_DUTY = (" 迟报", " LATE");
        /// After a 督办 task done late.
        LATE_TASK = (" 超时", " LATE");
    }
}

/// `dutywatch export …`.
pub mod export {
    crate::words! {
        WRITTEN_TO = ("已写入", "written to");
    }
}

/// `dutywatch handover …`.
pub mod handover {
    crate::words! {
        SIGNED_BY_BOTH = ("双方已签字,交接班记录已锁定", "signed by both officers; the sheet is locked");
        OUTGOING_SIGNED = ("交班人已签字,待接班人签字", "outgoing officer signed; awaiting the incoming officer");
        HANDOVER = ("交接班", "handover");
        LOCKED = ("已锁定", "locked");
        AWAITING_INCOMING = ("待接班签字", "awaiting incoming");
        DRAFT = ("草稿", "draft");
    }
}

/// `dutywatch log …`.
pub mod log {
    crate::words! {
        LOGGED = ("已记录日志", "logged entry");
        /// Before the id of the entry a correction corrects.
        CORRECTS = ("更正", "corrects");
    }
}

/// PIN prompts and outcomes (`dutywatch person pin`, and any signature with `--pin-stdin`).
pub mod pin {
    crate::words! {
        /// Before the name whose PIN is asked for.
        PIN_OF = ("PIN:", "PIN of");
        PIN_OF_LEADER = ("领导 PIN:", "PIN of leader");
        CURRENT_PIN_OF = ("原 PIN:", "current PIN of");
        NEW_PIN_FOR = ("新 PIN:", "new PIN for");
        NEW_PIN_AGAIN = ("再输入一次新 PIN", "new PIN again");
        CHANGED = ("已更改 PIN", "PIN changed");
        RESET = ("已重置 PIN", "PIN reset");
        SET = ("已设置 PIN", "PIN set");
    }
}

/// Every module of the command line's words, for [`catalogue`](crate::catalogue).
pub fn modules() -> Vec<crate::Module> {
    vec![
        ("cli::admin", admin::ALL),
        ("cli::people", people::ALL),
        ("cli::duties", duties::ALL),
        ("cli::export", export::ALL),
        ("cli::handover", handover::ALL),
        ("cli::log", log::ALL),
        ("cli::pin", pin::ALL),
        ("cli::incident", incident::ALL),
        ("cli::roster", roster::ALL),
    ]
}
