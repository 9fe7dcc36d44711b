package dev.edgepress.maven;

import dev.edgepress.generator.headers.SecurityHeaders;
import dev.edgepress.generator.headers.SecurityHeadersException;
import java.io.File;
import org.apache.maven.plugin.MojoFailureException;

/** site.yaml's {@code headers}: what serve sends and what provision puts on the distribution. */
final class SiteHeaders {

  private SiteHeaders() {}

  static SecurityHeaders load(File siteYaml) throws MojoFailureException {
    try {
      return SecurityHeaders.load(siteYaml.toPath());
    } catch (SecurityHeadersException e) {
      throw new MojoFailureException(e.getMessage());
    }
  }
}
