package dev.edgepress.generator.yaml;

import dev.edgepress.generator.Problem;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A YAML 1.2 mapping (core schema) that remembers the line of every value, so that a value of the
 * wrong type can be reported at its line in the author's file. Paths are dotted: {@code
 * menus.main.0.url}.
 */
public final class YamlDocument {

  /**
   * Built once: a schema compiles its patterns when made. Messages name the file themselves, so no
   * label is needed.
   */
  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setSchema(new CoreSchema())
          .setAllowDuplicateKeys(false)
          .setMaxAliasesForCollections(50)
          .build();

  private final Path file;
  private final Map<String, Object> values;
  private final Map<String, Integer> lines;
  private final int firstLine;

  private YamlDocument(Path file, Map<String, Object> values, Map<String, Integer> lines, int firstLine) {
    this.file = file;
    this.values = values;
    this.lines = lines;
    this.firstLine = firstLine;
  }

  /** A document read before (values and lines as {@link #values()} and {@link #lines()} gave them). */
  public static YamlDocument restore(Path file, Map<String, Object> values, Map<String, Integer> lines, int firstLine) {
    return new YamlDocument(file, Collections.unmodifiableMap(values), lines, firstLine);
  }

  public static YamlDocument empty(Path file, int firstLine) {
    return new YamlDocument(file, Map.of(), Map.of(), firstLine);
  }

  /**
   * Parses {@code text}, whose first line is line {@code firstLine} (1-based) of {@code file}.
   *
   * @throws YamlProblem when the text is not YAML or not a mapping
   */
  public static YamlDocument parse(String text, Path file, int firstLine) throws YamlProblem {
    Optional<Node> root;
    try {
      root = new Compose(SETTINGS).composeString(text);
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      String what = e.getProblem() == null ? e.getMessage() : e.getProblem();
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      Mark opened = e.getContextMark().orElse(null);
      if (opened != null && mark != null && opened.getLine() < mark.getLine()) {
        // A quote or bracket that is never closed: the parser notices only where the text ends or
        // something else begins; the line to fix is where it opened.
        context = " (" + e.getContext() + " that opens here; the parser stopped at line "
            + (firstLine + mark.getLine()) + ")";
        mark = opened;
      }
      throw new YamlProblem(
          new Problem(
              file,
              mark == null ? firstLine : firstLine + mark.getLine(),
              mark == null ? 0 : mark.getColumn() + 1,
              "malformed YAML: " + what + context + "; fix the syntax (indentation, quotes, colons)"));
    } catch (YamlEngineException e) {
      throw new YamlProblem(Problem.at(file, firstLine, "malformed YAML: " + e.getMessage()));
    }
    if (root.isEmpty()) {
      return empty(file, firstLine);
    }
    Node node = root.get();
    if (!(node instanceof MappingNode)) {
      throw new YamlProblem(
          Problem.at(file, line(node, firstLine), "expected a mapping of 'key: value' lines, found a "
              + kind(node)));
    }
    Map<String, Integer> lines = new LinkedHashMap<>();
    collectLines(node, "", lines, firstLine);
    Object constructed;
    try {
      constructed = new StandardConstructor(SETTINGS).constructSingleDocument(Optional.of(node));
    } catch (YamlEngineException e) {
      throw new YamlProblem(Problem.at(file, line(node, firstLine), "malformed YAML: " + e.getMessage()));
    }
    @SuppressWarnings("unchecked")
    Map<Object, Object> raw = (Map<Object, Object>) constructed;
    Map<String, Object> values = new LinkedHashMap<>();
    raw.forEach((k, v) -> values.put(String.valueOf(k), v));
    return new YamlDocument(file, Collections.unmodifiableMap(values), lines, firstLine);
  }

  private static void collectLines(Node node, String path, Map<String, Integer> lines, int firstLine) {
    if (!path.isEmpty()) {
      lines.put(path, line(node, firstLine));
    }
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
          // The key's line is where an author looks for the value.
          lines.put(child, line(key, firstLine));
          collectLines(tuple.getValueNode(), child, lines, firstLine);
          lines.put(child, line(key, firstLine));
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        collectLines(items.get(i), path + "." + i, lines, firstLine);
      }
    }
  }

  private static int line(Node node, int firstLine) {
    return node.getStartMark().map(m -> firstLine + m.getLine()).orElse(firstLine);
  }

  private static String kind(Node node) {
    if (node instanceof SequenceNode) {
      return "list";
    }
    if (node instanceof ScalarNode scalar) {
      return "single value '" + scalar.getValue() + "'";
    }
    return "value";
  }

  public Path file() {
    return file;
  }

  public Map<String, Object> values() {
    return values;
  }

  /** The line of every value by dotted path. */
  public Map<String, Integer> lines() {
    return Collections.unmodifiableMap(lines);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * The value at {@code key}: a top-level key, or a dotted path into nested mappings such as
   * {@code headers.hsts.maxAge}; null when there is none.
   */
  public Object get(String key) {
    Object v = values.get(key);
    if (v != null || key.indexOf('.') < 0) {
      return v;
    }
    Object at = values;
    for (String part : key.split("\\.", -1)) {
      if (!(at instanceof Map<?, ?> m)) {
        return null;
      }
      at = m.get(part);
    }
    return at;
  }

  /** The 1-based line of the value at {@code path}, or of the document's start when unknown. */
  public int line(String path) {
    return lines.getOrDefault(path, firstLine);
  }

  public Problem problem(String path, String message) {
    return Problem.at(file, line(path), message);
  }
}
