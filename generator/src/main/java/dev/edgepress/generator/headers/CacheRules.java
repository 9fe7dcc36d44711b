package dev.edgepress.generator.headers;

import dev.edgepress.generator.Problems;
import dev.edgepress.generator.config.SiteYamlKey;
import dev.edgepress.generator.yaml.YamlDocument;
import dev.edgepress.headers.HeaderRules;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads site.yaml's {@value #KEY} (per-glob Cache-Control rules) into {@link HeaderRules}, reporting
 * each bad rule at its file and line. {@link HeaderRules} itself lives in the dependency-free
 * {@code edgepress-site-headers} module, which the publisher uses without the generator.
 */
public final class CacheRules {

  /** The site.yaml key of the per-glob rules. */
  public static final String KEY = "cacheRules";

  private static final List<String> RULE_KEYS = List.of("glob", "cacheControl", "immutable");
  private static final String EXAMPLE =
      "cacheRules: [ { glob: \"images/**\", cacheControl: \"public, max-age=86400\" }, { glob: \"fonts/**\", immutable: true } ]";

  private CacheRules() {}

  /**
   * The {@value #KEY} of site.yaml; a missing file gives the defaults, as it does for a build.
   *
   * @throws HeaderRulesException listing every bad rule as {@code file:line: what is wrong and what
   *     to do}, when the file cannot be read, is not YAML, or has a bad rule
   */
  public static HeaderRules load(Path siteYaml) throws HeaderRulesException {
    return SiteYamlKey.read(siteYaml, HeaderRules.defaults(), CacheRules::read, HeaderRulesException::new);
  }


  /**
   * Reads the {@value #KEY} of a parsed site.yaml: a list of {@code { glob, cacheControl }} or
   * {@code { glob, immutable: true }}. Each bad rule is reported to {@code problems} with its line
   * and what to do, and left out.
   */
  public static HeaderRules read(YamlDocument siteYaml, Problems problems) {
    Object value = siteYaml.get(KEY);
    if (value == null) {
      return HeaderRules.defaults();
    }
    if (!(value instanceof List<?> items)) {
      problems.add(siteYaml.problem(KEY, "'" + KEY + "' must be a list of rules, e.g. " + EXAMPLE));
      return HeaderRules.defaults();
    }
    Map<String, String> cacheControlByGlob = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String at = KEY + "." + i;
      if (!(items.get(i) instanceof Map<?, ?> rule)) {
        problems.add(siteYaml.problem(at, "rule " + (i + 1) + " of '" + KEY + "' must be a mapping such as"
            + " { glob: \"images/**\", cacheControl: \"public, max-age=86400\" }"));
        continue;
      }
      int before = problems.size();
      for (Object key : rule.keySet()) {
        if (!RULE_KEYS.contains(String.valueOf(key))) {
          problems.add(siteYaml.problem(at + "." + key, "unknown setting '" + key + "' in rule " + (i + 1) + " of '"
              + KEY + "' (known: " + String.join(", ", RULE_KEYS) + ")"));
        }
      }
      Object glob = rule.get("glob");
      Object cacheControl = rule.get("cacheControl");
      Object immutable = rule.get("immutable");
      PathMatcher matcher = null;
      if (!(glob instanceof String g) || g.isBlank()) {
        problems.add(siteYaml.problem(glob == null ? at : at + ".glob", "rule " + (i + 1) + " of '" + KEY
            + "' needs a glob, a path pattern in the site such as \"images/**\" or \"*.pdf\""));
      } else {
        try {
          matcher = FileSystems.getDefault().getPathMatcher("glob:" + g);
        } catch (RuntimeException e) {
          problems.add(siteYaml.problem(at + ".glob", "'" + at + ".glob' is not a valid glob: " + e.getMessage()
              + "; use * for part of a name and ** for any folders, e.g. \"images/**\""));
        }
      }
      if (immutable != null && !(immutable instanceof Boolean)) {
        problems.add(siteYaml.problem(at + ".immutable", "'" + at + ".immutable' must be true or false, not '"
            + immutable + "'"));
      }
      boolean isImmutable = Boolean.TRUE.equals(immutable);
      String cc = null;
      if (cacheControl != null && isImmutable) {
        problems.add(siteYaml.problem(at + ".cacheControl", "rule " + (i + 1) + " of '" + KEY + "' has both"
            + " cacheControl and immutable: true; keep one (immutable: true means \"" + HeaderRules.IMMUTABLE + "\")"));
      } else if (cacheControl != null) {
        String text = String.valueOf(cacheControl).strip();
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
          problems.add(siteYaml.problem(at + ".cacheControl", "'" + at + ".cacheControl' must be a Cache-Control"
              + " header on one line of plain ASCII, such as \"public, max-age=86400\""));
        } else {
          cc = text;
        }
      } else if (isImmutable) {
        cc = HeaderRules.IMMUTABLE;
      } else if (immutable == null || immutable instanceof Boolean) {
        problems.add(siteYaml.problem(at, "rule " + (i + 1) + " of '" + KEY + "' needs cacheControl (e.g. \"public,"
            + " max-age=86400\") or immutable: true (for files that never change under their name)"));
      }
      if (matcher != null && cc != null && problems.size() == before) {
        // First match wins, so a later rule for the same glob could never apply.
        cacheControlByGlob.putIfAbsent((String) glob, cc);
      }
    }
    return HeaderRules.withOverrides(cacheControlByGlob);
  }
}
