enum _CatalogPlaceholder {}
