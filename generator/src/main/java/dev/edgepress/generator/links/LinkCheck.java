package dev.edgepress.generator.links;

/** What a build does with a link to a page, file or #anchor that the site does not have. */
public enum LinkCheck {
  /** The build fails, listing every broken link (the default). */
  FAIL,
  /** Broken links are listed as warnings and the site is built. */
  WARN,
  /** Links are not checked. */
  OFF
}
