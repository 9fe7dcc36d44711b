package dev.edgepress.provisioner.steps;

import dev.edgepress.provisioner.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource of the site. {@link #plan()} discovers what exists (by alias, name, tag or caller
 * reference: there is no state file) and says what would change; {@link #apply(Change)} makes it
 * so. Both record the ids later steps need in the {@link Context}.
 */
public interface Step {

  /** Short name of the resource kind, as in the report: "certificate", "bucket", ... */
  String resource();

  /** Reads only: what exists, and what a run would do to it. */
  Change plan();

  /**
   * Creates or repairs what {@code planned} says, waiting when the context says to wait.
   *
   * @return the change as done: its id, and {@link Change.Status#PENDING} when AWS is still at it
   */
  Change apply(Change planned);

  /**
   * Whether the site is complete only once this resource is. The mail identity is not: it waits on
   * DNS or on the author's click, not on the run.
   */
  default boolean siteNeedsIt() {
    return true;
  }

  /** {@code field actual -> wanted} for each field of {@code wanted} whose actual value differs. */
  static List<String> differences(Map<String, String> actual, Map<String, String> wanted) {
    List<String> diffs = new ArrayList<>();
    wanted.forEach((k, v) -> {
      if (!Objects.equals(actual.get(k), v)) {
        diffs.add(k + " " + actual.get(k) + " -> " + v);
      }
    });
    return diffs;
  }
}
