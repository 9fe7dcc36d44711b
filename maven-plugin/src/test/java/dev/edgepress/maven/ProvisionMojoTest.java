package dev.edgepress.maven;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the provision and destroy goals say before they talk to AWS (the provisioner's own tests cover AWS). */
class ProvisionMojoTest {

  @TempDir Path dir;

  <T extends AbstractProvisionMojo> T configure(T mojo) {
    mojo.siteDirectory = dir.toFile();
    mojo.reportDirectory = dir.resolve("target/edgepress").toFile();
    mojo.priceClass = "PriceClass_100";
    mojo.redirectAliases = true;
    mojo.wait = true;
    mojo.region = "eu-west-1";
    return mojo;
  }

  @Test
  void withoutADomainItSaysWhichParameterToSet() {
    ProvisionMojo mojo = configure(new ProvisionMojo());
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("Set <domain> (or -Dedgepress.domain)");
  }

  @Test
  void aDomainWithASchemeIsRefused() {
    ProvisionMojo mojo = configure(new ProvisionMojo());
    mojo.domain = "https://example.com/";
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("<domain>: 'https://example.com/' is not a host name");
  }

  @Test
  void anUnknownPriceClassListsTheChoices() {
    ProvisionMojo mojo = configure(new ProvisionMojo());
    mojo.domain = "example.com";
    mojo.priceClass = "cheap";
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("<priceClass> must be PriceClass_100");
  }

  @Test
  void badHeadersInSiteYamlNameTheLine() throws Exception {
    Files.writeString(dir.resolve("site.yaml"), "title: x\nheaders:\n  frameOptions: ALLOWALL\n");
    ProvisionMojo mojo = configure(new ProvisionMojo());
    mojo.domain = "example.com";
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("site.yaml:3");
  }

  @Test
  void destroyAsksForTheDomainAsConfirmation() {
    DestroyMojo mojo = configure(new DestroyMojo());
    mojo.domain = "example.com";
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("-Dedgepress.confirm=example.com").hasMessageContaining("Nothing was changed");
  }
}
