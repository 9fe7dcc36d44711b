package dev.edgepress.provisioner.steps;

import dev.edgepress.provisioner.Change;

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
}
