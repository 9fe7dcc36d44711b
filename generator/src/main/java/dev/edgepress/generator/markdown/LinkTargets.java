package dev.edgepress.generator.markdown;

import dev.edgepress.generator.images.ImageSize;
import java.util.Optional;

/**
 * What a page's Markdown can point at: pages by their source path, files beside them, and images
 * (whose sizes go into their tags). Given per render, so that what one page's Markdown looked up
 * can be recorded for it.
 */
public interface LinkTargets {

  /** The site path (/posts/hello/) of the page built from a content path (posts/hello.md). */
  Optional<String> page(String contentPath);

  /** Why a content path that is no page is not built (a draft, say), if it is known at all. */
  Optional<String> whyNotBuilt(String contentPath);

  /** Whether content/ holds a file (not Markdown) at this path, copied to the same path. */
  boolean resource(String contentPath);

  /** The size of the image at a site path (images/a.png, without the base path), when the site has it. */
  Optional<ImageSize> image(String sitePath);

  /**
   * Told of a link to a Markdown file that is no page, which the renderer has reported with its line
   * and leaves in the HTML as written: the link check need not report it again, on this page or on
   * the lists that show its summary.
   */
  default void unresolved(String destination) {}
}
