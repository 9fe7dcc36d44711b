package dev.edgepress.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The lifecycle a project gets from {@code <extensions>true</extensions>}: site-build then
 * site-publish, bound to this plugin at its own version (checked by hand with mvn site-publish on a
 * project that declares the installed plugin; see README).
 */
class LifecycleTest {

  @Test
  void declaresSiteBuildAndSitePublishBoundToThisPluginsVersion() throws Exception {
    Document xml;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/plexus/components.xml")) {
      assertThat(in).isNotNull();
      xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
    assertThat(xml.getElementsByTagName("role").item(0).getTextContent()).isEqualTo("org.apache.maven.lifecycle.Lifecycle");
    assertThat(xml.getElementsByTagName("id").item(0).getTextContent()).isEqualTo("edgepress");
    var phases = xml.getElementsByTagName("phase");
    assertThat(phases.getLength()).isEqualTo(2);
    assertThat(phases.item(0).getTextContent()).isEqualTo("site-build");
    assertThat(phases.item(1).getTextContent()).isEqualTo("site-publish");
    String build = xml.getElementsByTagName("site-build").item(0).getTextContent();
    String publish = xml.getElementsByTagName("site-publish").item(0).getTextContent();
    assertThat(build).matches("dev\\.edgepress:edgepress-maven-plugin:\\d[^:$]*:build");
    assertThat(publish).matches("dev\\.edgepress:edgepress-maven-plugin:\\d[^:$]*:publish");
    assertThat(build.split(":")[2]).isEqualTo(publish.split(":")[2]);
  }
}
