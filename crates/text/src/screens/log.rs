//! Text of the log and statistics panes.

crate::words! {
    RECORDED = ("— 记录 —", "— Recorded —");
    CORRECTS = ("更正", "corrects");
    DUTY_LOG = ("值班日志", "Duty log");
    NEW_ENTRY_TAB_NEXT_CTRL = (" 新增日志(Tab 切换,Ctrl+S 保存,Esc 取消) ", " New entry (Tab next, Ctrl+S save, Esc cancel) ");
    SPOT_CHECK_TAB_NEXT_CTRL = (" 值班抽查(Tab 切换,Ctrl+S 保存,Esc 取消) ", " Spot check (Tab next, Ctrl+S save, Esc cancel) ");
    EQUIPMENT_CHECK_TAB_NEXT_CTRL = (" 设备检查(Tab 切换,Ctrl+S 保存,Esc 取消) ", " Equipment check (Tab next, Ctrl+S save, Esc cancel) ");
}
