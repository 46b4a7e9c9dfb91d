//! `retired-term`: a retired product name or retired message, with when and why it was
//! retired and its replacement.

use super::{Finding, SegmentCx, match_case, sentence_start};
use crate::platform::index::Entry;

pub fn check(cx: &SegmentCx, out: &mut Vec<Finding>) {
    for h in cx.hits {
        let Entry::Retired(i) = h.entry else { continue };
        let r = &cx.platform.retired[i];
        let original = cx.original(h.start, h.end);
        let mut message = format!("\"{original}\" was retired");
        if let Some(d) = &r.retired_on {
            message.push_str(&format!(" on {d}"));
        }
        if let Some(why) = &r.reason {
            message.push_str(&format!(" ({why})"));
        }
        let at_start = sentence_start(&cx.folded.cased, h.start);
        let suggestion = r
            .replacement
            .as_deref()
            .map(|s| match_case(original, s, at_start));
        out.push(Finding {
            rule: "retired-term",
            start: h.start,
            end: h.end,
            message,
            help: Some(match &suggestion {
                Some(s) => format!("say \"{s}\" instead"),
                None => "remove it: the platform gives no replacement".into(),
            }),
            suggestion,
            platform_ref: Some(format!("retired[{i}]")),
            severity: None,
        });
    }
}
