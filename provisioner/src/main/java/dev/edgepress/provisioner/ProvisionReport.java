package dev.edgepress.provisioner;

import dev.edgepress.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * What a provision or destroy run did, resource by resource; also written as
 * target/edgepress/provision-report.json after every step, so a run that fails or is stopped still
 * lists what it made.
 *
 * @param complete every resource is in place and deployed (provision) or gone (destroy)
 * @param next what to do when the run is not complete, e.g. run again once the certificate is issued
 */
public record ProvisionReport(String operation, String domain, boolean dryRun, List<Change> changes, boolean complete,
    Optional<String> url, Optional<String> next, Optional<String> error) {

  public ProvisionReport {
    changes = List.copyOf(changes);
  }

  public Optional<Change> change(String resource) {
    return changes.stream().filter(c -> c.resource().equals(resource)).findFirst();
  }

  public boolean changesNothing() {
    return changes.stream().allMatch(c -> c.action() == Change.Action.UNCHANGED || c.action() == Change.Action.KEEP);
  }

  public String toJson() {
    return "{\n" + String.join(",\n",
        "  \"operation\": " + Json.string(operation),
        "  \"domain\": " + Json.string(domain),
        "  \"dryRun\": " + dryRun,
        "  \"complete\": " + complete,
        "  \"url\": " + url.map(Json::string).orElse("null"),
        "  \"next\": " + next.map(Json::string).orElse("null"),
        "  \"error\": " + error.map(Json::string).orElse("null"),
        "  \"resources\": " + Json.array(changes.stream().map(Change::toJson).toList())) + "\n}\n";
  }
}
