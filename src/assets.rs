//! Files compiled into the program: the CJK font (WenQuanYi Micro Hei, Apache-2.0) and the
//! program's icon.

/// WenQuanYi Micro Hei, a TrueType collection; face 0 is the proportional face.
pub const CJK_FONT: &[u8] = include_bytes!("../assets/fonts/wqy-microhei.ttc");

/// The program's icon, 256 × 256 (the window's and the taskbar's; `tools/make-icons` draws it).
pub const ICON_PNG: &[u8] =
    include_bytes!("../packaging/icons/hicolor/256x256/apps/aftersales.png");

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_is_a_square_png_the_window_can_take() {
        let icon = eframe::icon_data::from_png_bytes(super::ICON_PNG).unwrap();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
