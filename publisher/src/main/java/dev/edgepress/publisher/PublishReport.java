package dev.edgepress.publisher;

import dev.edgepress.json.Json;
import java.util.List;
import java.util.Map;

/** What a publish did, also written as target/edgepress/publish-report.json (not by a dry run: its plan is plan.json). */
public record PublishReport(
    String destination, boolean dryRun, long uploaded, long copied, long deleted, long unchanged, long bytes,
    long hashed, List<String> invalidationPaths, String invalidationId, Map<String, Integer> requests, double seconds) {

  public String toJson() {
    return "{\n" + String.join(",\n",
        "  \"destination\": " + Json.string(destination),
        "  \"dryRun\": " + dryRun,
        "  \"uploaded\": " + uploaded,
        "  \"copied\": " + copied,
        "  \"deleted\": " + deleted,
        "  \"unchanged\": " + unchanged,
        "  \"bytes\": " + bytes,
        "  \"hashed\": " + hashed,
        "  \"invalidationPaths\": " + Json.strings(invalidationPaths),
        "  \"invalidationId\": " + (invalidationId == null ? "null" : Json.string(invalidationId)),
        "  \"requests\": " + Json.object(requests.entrySet().stream()
            .flatMap(e -> java.util.stream.Stream.of(e.getKey(), (Object) e.getValue())).toArray()),
        "  \"seconds\": " + String.format(java.util.Locale.ROOT, "%.3f", seconds)) + "\n}\n";
  }

  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "%s %d uploaded, %d headers updated, %d deleted, %d unchanged (%d bytes) to %s; %s; %.1f s",
        dryRun ? "Dry run, nothing changed; would have:" : "Published:", uploaded, copied, deleted, unchanged,
        bytes, destination,
        invalidationPaths.isEmpty() ? "no invalidation" : invalidationPaths.size() + " paths invalidated"
            + (invalidationId == null ? "" : " (" + invalidationId + ")"), seconds);
  }
}
