"""Hugo's content rules beyond front matter: bundles, section pages, translations, shortcodes."""
