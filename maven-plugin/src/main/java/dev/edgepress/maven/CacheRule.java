package dev.edgepress.maven;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;

/**
 * A Cache-Control override for files matching a glob, in the plugin's configuration (publish and
 * serve): {@code <cacheRules><cacheRule><glob>images/**</glob><value>public, max-age=86400</value></cacheRule></cacheRules>}.
 * The site's own rules are site.yaml's {@code cacheRules}; these come before them.
 */
public class CacheRule {

  /** A glob matched against the file's path in the site, e.g. images/** or **&#47;*.pdf. */
  String glob;

  /** The Cache-Control value for matching files. */
  String value;

  /** The rules as glob to Cache-Control, in order; none when {@code rules} is null. */
  static Map<String, String> byGlob(List<CacheRule> rules) throws MojoFailureException {
    Map<String, String> out = new LinkedHashMap<>();
    if (rules != null) {
      for (CacheRule r : rules) {
        if (r.glob == null || r.value == null) {
          throw new MojoFailureException("Each <cacheRule> needs a <glob> and a <value>, e.g."
              + " <cacheRule><glob>images/**</glob><value>public, max-age=86400</value></cacheRule>");
        }
        out.put(r.glob, r.value);
      }
    }
    return out;
  }
}
