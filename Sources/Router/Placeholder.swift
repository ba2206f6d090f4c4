enum _RouterPlaceholder {}
