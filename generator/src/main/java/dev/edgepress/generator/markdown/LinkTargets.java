package dev.edgepress.generator.markdown;

import java.util.Optional;

/** What Markdown links can point at: pages by their source path, and files beside them. */
public interface LinkTargets {

  /** The site path (/posts/hello/) of the page built from a content path (posts/hello.md). */
  Optional<String> page(String contentPath);

  /** Why a content path that is no page is not built (a draft, say), if it is known at all. */
  Optional<String> whyNotBuilt(String contentPath);

  /** Whether content/ holds a file (not Markdown) at this path, copied to the same path. */
  boolean resource(String contentPath);
}
