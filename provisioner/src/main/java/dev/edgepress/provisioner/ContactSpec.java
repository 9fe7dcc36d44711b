package dev.edgepress.provisioner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The contact form's backend, when site.yaml has {@code contact}: where messages go, who sends
 * them, the API's throttling, and the function's package (the zip the reactor built).
 *
 * @param to the author's address; never taken from a request
 * @param from the sender, an address at a domain SES can verify (default contact@domain)
 * @param throttleRate requests per second the API lets through (steady)
 * @param throttleBurst requests the API lets through at once
 */
public record ContactSpec(String to, String from, String subjectPrefix, int minFillSeconds, double throttleRate,
    int throttleBurst, Path functionPackage) {

  public ContactSpec {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(subjectPrefix, "subjectPrefix");
    Objects.requireNonNull(functionPackage, "functionPackage");
    if (!Files.isRegularFile(functionPackage)) {
      throw new ProvisionException("The contact form's function package " + functionPackage + " does not exist."
          + " Build Edgepress (mvn install in its repository) or check the plugin's installation.");
    }
    if (throttleRate <= 0 || throttleBurst < 1) {
      throw new ProvisionException("contact.throttle in site.yaml needs a rate above 0 and a burst of 1 or more.");
    }
  }

  /** The domain part of the sender: the SES identity that is created and verified. */
  public String senderDomain() {
    return from.substring(from.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
  }
}
