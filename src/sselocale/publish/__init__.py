"""Publishing: translated articles rebuilt from the source skeleton and reviewed catalogs."""
