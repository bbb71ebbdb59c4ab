//! The keymap's words: what each action is called in the hint bar and the help overlay, each
//! screen's title in the help, and the labels of the key pairs (↑↓, ←→, PgUp/PgDn, `[` `]`) that
//! read as one hint. The keymap names these entries, so a rebound key keeps its words.

/// The short label of each action (the keymap's `Action::label`), named after the action's name in
/// `keys.toml`. A confirmation's yes is [`ACK`]: the catalogue has one English for 确认.
pub mod action {
    crate::words! {
        NEW_INCIDENT = ("接报", "new");
        OPEN = ("详情", "open");
        REPORT = ("报送", "report");
        ESCALATE = ("上报", "escalate");
        ACK = ("确认", "ack");
        GRADE = ("定级", "grade");
        HANDOVER = ("交接班", "handover");
        LOG = ("日志", "log");
        ROSTER = ("值班表", "roster");
        DIRECTORY = ("通讯录", "directory");
        FIND = ("查找", "find");
        STATS = ("统计", "stats");
        REVIEW = ("回看", "review");
        HISTORY = ("历史", "history");
        TASKS = ("督办", "tasks");
        NEXT_PANE = ("切换", "pane");
        HELP = ("帮助", "help");
        QUIT = ("退出", "quit");
        DOWN = ("下移", "down");
        UP = ("上移", "up");
        PAGE_DOWN = ("下一页", "page down");
        PAGE_UP = ("上一页", "page up");
        ACK_BANNER = ("知悉横幅告警", "ack banner");
        ALERTS = ("告警列表", "alert list");
        RELOAD = ("刷新", "reload");
        BACK = ("返回", "back");
        LIVE = ("回看时回到实时", "back to live");
        HOUR_BACK = ("回看前一小时", "hour back");
        HOUR_FORWARD = ("回看后一小时", "hour on");
        SHIFT_BACK = ("回看上一班", "prev. shift");
        SHIFT_FORWARD = ("回看下一班", "next shift");
        WRITE_BOARD = ("回看写出看板", "board to file");
        OLDER = ("更早", "older");
        NEWER = ("较新", "newer");
        FILTER_CATEGORY = ("类别", "category");
        FILTER_GRADE = ("等级", "grade");
        FILTER_STATUS = ("状态", "status");
        FILTER_LATE = ("迟报", "late");
        FILTER_MISSED = ("漏报", "missed");
        FILTER_DATES = ("日期", "dates");
        CLEAR_FILTERS = ("清除", "clear");
        UPDATE_FACTS = ("更新事实", "update facts");
        CORRECT = ("更正", "correct");
        END_HANDLING = ("处置结束", "end");
        WAIVE = ("免报", "waive");
        CLOSE = ("办结", "close");
        WRITE_REPORT = ("信息专报", "written");
        ADD = ("新增", "add");
        EDIT = ("修改", "edit");
        VERIFY = ("今日已核实", "verified today");
        SPOT_CHECK = ("抽查", "spot check");
        EQUIPMENT_CHECK = ("设备检查", "equipment");
        INSTRUCTION_TASK = ("批示转督办", "instruction→task");
        WRITE_FILE = ("写出文件", "write files");
        DRAFT = ("生成/更新", "draft");
        REMARKS = ("备注", "remarks");
        SIGN_OUT = ("交班签字", "sign out");
        SIGN_IN = ("接班签字", "sign in");
        TOP = ("到开头", "to the top");
        BOTTOM = ("到末尾", "to the end");
        LIST_NEXT = ("列表下一份", "list: next");
        LIST_PREV = ("列表上一份", "list: back");
        PERIOD = ("时段", "period");
        BREAKDOWN = ("分组", "breakdown");
        LEFT = ("左移", "left");
        RIGHT = ("右移", "right");
        CELL_NEXT = ("格内下一班", "next in cell");
        WEEK_BACK = ("上一周", "week back");
        WEEK_FORWARD = ("下一周", "week on");
        THIS_WEEK = ("本周", "this week");
        ASSIGN = ("排班", "assign");
        SWAP = ("换班", "swap");
        FILL = ("填充", "fill");
        PEOPLE = ("人员", "people");
        CHOOSE = ("确定", "ok");
        ACK_ALERT = ("知悉", "acknowledge");
        NO = ("取消", "cancel");
        RESTORE = ("恢复", "restore");
        LATER = ("以后再说(草稿保留)", "later (kept)");
    }
}

/// Each screen's title in the help overlay, named after its section in `keys.toml`. The help
/// overlay's own section is titled as its key is labelled ([`action::HELP`]).
pub mod table {
    crate::words! {
        BOARD = ("值班看板", "Board");
        INCIDENT = ("事件详情页", "Incident page");
        HISTORY = ("历史事件 (H)", "History (H)");
        TASKS = ("督办 (k)", "Tasks (k)");
        LOG = ("值班日志 (l)", "Duty log (l)");
        HANDOVER = ("交接班 (h)", "Handover (h)");
        DIRECTORY = ("通讯录 (d)", "Directory (d)");
        STATS = ("统计 (s)", "Statistics (s)");
        STATS_ITEMS = ("统计明细", "Statistics items");
        ROSTER = ("值班表 (r)", "Roster (r)");
        PEOPLE = ("值班表·人员名单", "Roster: people");
        PICK = ("值班表·选择人员", "Roster: pick a person");
        ALERTS = ("告警列表 (!)", "Alert list (!)");
        CONFIRM = ("确认提示", "Confirmations");
        DRAFTS = ("未保存的接报草稿", "Unsaved intake drafts");
    }
}

/// The labels of two keys shown as one hint or one help row.
pub mod pair {
    crate::words! {
        /// ↑↓ where they scroll a text.
        SCROLL = ("滚动", "scroll");
        /// ↑↓ on the roster: the role row.
        ROLE = ("岗位", "role");
        /// ↑↓ or ←→ moving through a list.
        SELECT = ("选择", "select");
        /// ←→ on the roster: the day column.
        DAY = ("日", "day");
        PAGE = ("翻页", "page");
        /// `[` `]` on the roster, in the hint bar.
        WEEK = ("上/下周", "week");
        /// ↑ ↓ in the help.
        MOVE = ("上移/下移", "move");
        /// ← → in the help.
        LEFT_RIGHT = ("左移/右移", "left/right");
        /// `[` `]` on the roster, in the help.
        WEEK_BACK_ON = ("上一周/下一周", "week back/on");
    }
}
