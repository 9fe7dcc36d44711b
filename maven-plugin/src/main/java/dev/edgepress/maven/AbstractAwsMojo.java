package dev.edgepress.maven;

import dev.edgepress.publisher.aws.AwsAccess;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** The parameters every goal that talks to AWS shares: the domain, the region and the credentials. */
abstract class AbstractAwsMojo extends AbstractEdgepressMojo {

  /** The site's domain, e.g. example.com. Provision makes everything for it; publish finds its bucket and distribution by it. */
  @Parameter(property = "edgepress.domain")
  String domain;

  /** The bucket's region; default: AWS_REGION or the profile's region. */
  @Parameter(property = "edgepress.region")
  String region;

  /** A profile of ~/.aws/config to take credentials from. */
  @Parameter(property = "edgepress.profile")
  String profile;

  /** The id of a settings.xml server whose username and password are the access key and secret. */
  @Parameter(property = "edgepress.serverId")
  String serverId;

  @Parameter(defaultValue = "${session}", readonly = true)
  MavenSession session;

  @Component
  SettingsDecrypter decrypter;

  /** The access key id and secret of the settings.xml server named by serverId, if one is named. */
  Optional<String[]> serverKeys() throws MojoFailureException {
    if (blank(serverId)) {
      return Optional.empty();
    }
    Server server = session == null ? null : session.getSettings().getServer(serverId);
    if (server == null) {
      throw new MojoFailureException("No <server> with id '" + serverId + "' in settings.xml (-Dedgepress.serverId);"
          + " add one whose <username> is the access key id and <password> the secret access key.");
    }
    SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem p : result.getProblems()) {
      if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
        throw new MojoFailureException("Cannot decrypt the password of settings.xml server '" + serverId + "': "
            + p.getMessage());
      }
    }
    Server decrypted = result.getServer();
    if (blank(decrypted.getUsername()) || blank(decrypted.getPassword())) {
      throw new MojoFailureException("settings.xml server '" + serverId + "' needs a <username> (access key id)"
          + " and a <password> (secret access key).");
    }
    return Optional.of(new String[] {decrypted.getUsername(), decrypted.getPassword()});
  }

  Optional<String> profileName() {
    return Optional.ofNullable(profile).filter(s -> !s.isBlank());
  }

  /** Keys from a settings.xml server, a named profile, or the SDK's default chain. */
  AwsAccess access() throws MojoFailureException {
    Optional<String[]> keys = serverKeys();
    if (keys.isPresent()) {
      return AwsAccess.keys(keys.get()[0], keys.get()[1]);
    }
    return profileName().map(AwsAccess::profile).orElse(AwsAccess.defaultChain());
  }

  /** An interactive console, where a live progress line may overwrite itself. */
  boolean liveConsole() {
    return System.console() != null && session != null && session.getRequest().isInteractiveMode();
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
