//! The words of `service::correct`.

crate::words! {
    REPORT = ("报送", "report");
    STEP = ("上报", "step");
    ACKNOWLEDGEMENT_STEP = ("确认", "acknowledgement of step");
    THIS_INCIDENT_HAS_NO = ("此事件没有", "this incident has no");
    IT_HAS = ("现有", "it has");
    ALREADY_CORRECTED_CORRECTION_NOT_CORRECTED = (
        "已更正过,更正不能再更正",
        "is already corrected; a correction is not corrected again",
    );
    CORRECTION_NEEDS_ITS_REASON = ("须填写更正理由", "a correction needs its reason");
    WHO_CORRECTS_IT_REQUIRED = ("须填写更正人", "who corrects it is required");
    HAS_NO_ACKNOWLEDGEMENT = ("没有确认记录", "has no acknowledgement");
}
