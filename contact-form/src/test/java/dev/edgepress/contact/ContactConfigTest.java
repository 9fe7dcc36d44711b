package dev.edgepress.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactConfigTest {

  static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  static final String SECRET = "Zm9vYmFyYmF6cXV4LXNlY3JldC12YWx1ZQ";

  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put(ContactConfig.ENV_TO, "author@example.com");
    env.put(ContactConfig.ENV_FROM, "contact@example.com");
    env.put(ContactConfig.ENV_SIGNING_KEY, KEY);
    return env;
  }

  @Test
  void theRequiredVariablesAloneGiveTheDefaults() {
    ContactConfig c = ContactConfig.fromEnvironment(env());

    assertThat(c.to()).isEqualTo("author@example.com");
    assertThat(c.from()).isEqualTo("contact@example.com");
    assertThat(c.subjectPrefix()).isEqualTo("[Contact]");
    assertThat(c.originSecret()).isEmpty();
    assertThat(c.siteOrigins()).isEmpty();
    assertThat(c.signingKey()).hasSize(32);
    assertThat(c.minFillTime()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.thanksPath()).isEqualTo("/contact/thanks/");
    assertThat(c.formPath()).isEqualTo("/contact/");
    assertThat(c.endpointPath()).isEqualTo("/api/contact");
  }

  @Test
  void everyVariableIsRead() {
    Map<String, String> env = env();
    env.put(ContactConfig.ENV_SUBJECT_PREFIX, "[Site]");
    env.put(ContactConfig.ENV_ORIGIN_SECRET, SECRET);
    env.put(ContactConfig.ENV_SITE_ORIGINS, "https://example.com, https://WWW.example.com:443/");
    env.put(ContactConfig.ENV_MIN_FILL_SECONDS, "5");
    env.put(ContactConfig.ENV_THANKS_PATH, "/merci/");
    env.put(ContactConfig.ENV_FORM_PATH, "/ecrire/");

    ContactConfig c = ContactConfig.fromEnvironment(env);

    assertThat(c.subjectPrefix()).isEqualTo("[Site]");
    assertThat(c.originSecret()).contains(SECRET);
    assertThat(c.siteOrigins()).containsExactly("https://example.com", "https://www.example.com");
    assertThat(c.minFillTime()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.thanksPath()).isEqualTo("/merci/");
    assertThat(c.formPath()).isEqualTo("/ecrire/");
  }

  @Test
  void aMissingRecipientNamesTheVariable() {
    Map<String, String> env = env();
    env.remove(ContactConfig.ENV_TO);

    assertThatThrownBy(() -> ContactConfig.fromEnvironment(env)).isInstanceOf(IllegalStateException.class)
        .hasMessage("EDGEPRESS_CONTACT_TO is not set: set it to the author's address, such as me@example.com");
  }

  @Test
  void anAddressWithANameOrAListIsRefused() {
    Map<String, String> env = env();
    env.put(ContactConfig.ENV_FROM, "Site <contact@example.com>");

    assertThatThrownBy(() -> ContactConfig.fromEnvironment(env)).hasMessageStartingWith(
        "EDGEPRESS_CONTACT_FROM must be one plain email address such as me@example.com");
  }

  @Test
  void aMissingSigningKeyNamesTheVariable() {
    Map<String, String> env = env();
    env.remove(ContactConfig.ENV_SIGNING_KEY);

    assertThatThrownBy(() -> ContactConfig.fromEnvironment(env)).hasMessageStartingWith(
        "EDGEPRESS_SIGNING_KEY is not set");
  }

  @Test
  void aBadSigningKeyIsNamedButNeverShown() {
    Map<String, String> env = env();
    env.put(ContactConfig.ENV_SIGNING_KEY, "not*base64*key-value");

    assertThatThrownBy(() -> ContactConfig.fromEnvironment(env)).hasMessageStartingWith("EDGEPRESS_SIGNING_KEY")
        .hasMessageNotContaining("not*base64*key-value");
  }

  @Test
  void aShortSigningKeyIsRefused() {
    Map<String, String> env = env();
    env.put(ContactConfig.ENV_SIGNING_KEY, Base64.getEncoder().encodeToString(new byte[8]));

    assertThatThrownBy(() -> ContactConfig.fromEnvironment(env)).hasMessageContaining("at least 16");
  }

  @Test
  void aBadOriginSecretIsNamedButNeverShown() {
    Map<String, String> env = env();
    env.put(ContactConfig.ENV_ORIGIN_SECRET, "short secret");

    assertThatThrownBy(() -> ContactConfig.fromEnvironment(env)).hasMessageStartingWith("EDGEPRESS_ORIGIN_SECRET")
        .hasMessageNotContaining("short secret");
  }

  @Test
  void aSiteOriginWithAPathIsRefused() {
    Map<String, String> env = env();
    env.put(ContactConfig.ENV_SITE_ORIGINS, "https://example.com/blog/");

    assertThatThrownBy(() -> ContactConfig.fromEnvironment(env)).hasMessageStartingWith(
        "EDGEPRESS_SITE_ORIGINS has \"https://example.com/blog/\", which is not an origin");
  }

  @Test
  void aFillTimeThatIsNotSecondsIsRefused() {
    Map<String, String> env = env();
    env.put(ContactConfig.ENV_MIN_FILL_SECONDS, "3s");

    assertThatThrownBy(() -> ContactConfig.fromEnvironment(env)).hasMessage(
        "EDGEPRESS_MIN_FILL_SECONDS must be whole seconds from 0 (no check) to 3600, not \"3s\"");
  }

  @Test
  void aPathThatCouldLeaveTheSiteIsRefused() {
    Map<String, String> env = env();
    env.put(ContactConfig.ENV_THANKS_PATH, "//evil.example/");

    assertThatThrownBy(() -> ContactConfig.fromEnvironment(env)).hasMessageStartingWith("EDGEPRESS_THANKS_PATH");
    assertThatThrownBy(() -> ContactConfig.builder("a@example.com", "b@example.com").thanksPath("https://evil.example/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("thanksPath");
  }

  @Test
  void theBuilderNamesTheBadValue() {
    assertThatThrownBy(() -> ContactConfig.builder("me", "b@example.com")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("to must be one plain email address");
    assertThatThrownBy(() -> ContactConfig.builder("a@example.com", "b@example.com").subjectPrefix("[a]\r\nBcc: x"))
        .hasMessage("subjectPrefix must be one line without control characters");
    assertThatThrownBy(() -> ContactConfig.builder("a@example.com", "b@example.com").minFillTime(Duration.ofSeconds(-1)))
        .hasMessageStartingWith("minFillTime");
  }

  @Test
  void theDescriptionHidesTheSecretAndTheKey() {
    Map<String, String> env = env();
    env.put(ContactConfig.ENV_ORIGIN_SECRET, SECRET);

    String text = ContactConfig.fromEnvironment(env).toString();

    assertThat(text).contains("originSecret=(set)").contains("signingKey=(32 bytes)").doesNotContain(SECRET)
        .doesNotContain(KEY);
  }

  @Test
  void theSigningKeyCannotBeChangedFromOutside() {
    ContactConfig c = ContactConfig.builder("a@example.com", "b@example.com").signingKey(new byte[16]).build();

    c.signingKey()[0] = 1;

    assertThat(c.signingKey()[0]).isZero();
  }
}
