//! `off-icp`: audience language from a segment the platform excludes (`icp.excluded`).
//! Company-size ranges come with the numbers work (a later issue).

use super::{Finding, SegmentCx};
use crate::platform::index::Entry;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    for h in cx.hits {
        let Entry::IcpSignal(i, j) = h.entry else {
            continue;
        };
        let icp = &cx.platform.icp;
        let seg = &icp.excluded[i].segment;
        let original = cx.original(h.start, h.end);
        let segment = if seg.is_empty() {
            "an excluded".to_string()
        } else {
            format!("the excluded \"{seg}\"")
        };
        out.push(Finding {
            rule: "off-icp",
            start: h.start,
            end: h.end,
            message: format!("\"{original}\" speaks to {segment} segment"),
            suggestion: None,
            help: Some(match &icp.summary {
                Some(s) => format!("the ideal customer is: {s}"),
                None => "write for the platform's ideal customer profile".into(),
            }),
            platform_ref: Some(format!("icp.excluded[{i}].signals[{j}]")),
        });
    }
}
