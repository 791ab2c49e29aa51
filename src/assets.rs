//! Files compiled into the program: the CJK font (WenQuanYi Micro Hei, Apache-2.0).

/// WenQuanYi Micro Hei, a TrueType collection; face 0 is the proportional face.
pub const CJK_FONT: &[u8] = include_bytes!("../assets/fonts/wqy-microhei.ttc");
