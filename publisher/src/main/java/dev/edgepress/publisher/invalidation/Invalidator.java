package dev.edgepress.publisher.invalidation;

import java.util.List;

/** Asks the CDN to drop its copies of some paths. */
public interface Invalidator {

  /**
   * @param callerReference derived from the plan, so a retried publish does not invalidate twice
   * @return the invalidation's id
   */
  String invalidate(List<String> paths, String callerReference, boolean waitForCompletion);
}
