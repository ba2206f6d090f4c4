enum _StorageNodePlaceholder {}
