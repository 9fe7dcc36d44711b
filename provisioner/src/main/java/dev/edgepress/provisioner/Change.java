package dev.edgepress.provisioner;

import dev.edgepress.json.Json;
import java.util.List;

/**
 * One resource in a plan or a report: what it is, its id or ARN once known, what the run does to it
 * ({@link Action}), the fields that differ, and how far it got ({@link Status}).
 */
public record Change(String resource, String name, String id, Action action, List<String> differences, Status status) {

  /** What a run does to a resource. */
  public enum Action {
    CREATE, UPDATE, UNCHANGED, DELETE, KEEP;

    String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How far a resource got. */
  public enum Status {
    /** Planned only: a dry run, or a step not reached. */
    PLANNED,
    /** Done, or nothing was needed. */
    DONE,
    /** Accepted by AWS and still in progress (a certificate being validated, a distribution deploying). */
    PENDING,
    /** The step failed; the message says why. */
    FAILED
  }

  public Change {
    differences = List.copyOf(differences);
  }

  public static Change unchanged(String resource, String name, String id) {
    return new Change(resource, name, id, Action.UNCHANGED, List.of(), Status.DONE);
  }

  public Change withId(String newId) {
    return new Change(resource, name, newId, action, differences, status);
  }

  public Change withStatus(Status newStatus) {
    return new Change(resource, name, id, action, differences, newStatus);
  }

  /** One line of the plan: {@code update  distribution E123 (example.com): httpVersion http2 -> http2and3}. */
  public String line() {
    StringBuilder sb = new StringBuilder(String.format("%-9s %-22s %s", action.word(), resource, name));
    if (id != null && !id.isEmpty()) {
      sb.append(" [").append(id).append(']');
    }
    if (status == Status.PENDING) {
      sb.append(" (in progress)");
    } else if (status == Status.FAILED) {
      sb.append(" (failed)");
    }
    if (!differences.isEmpty()) {
      sb.append(": ").append(String.join("; ", differences));
    }
    return sb.toString();
  }

  String toJson() {
    return Json.object("resource", resource, "name", name, "id", id, "action", action.word(),
        "differences", differences, "status", status.name().toLowerCase(java.util.Locale.ROOT));
  }
}
