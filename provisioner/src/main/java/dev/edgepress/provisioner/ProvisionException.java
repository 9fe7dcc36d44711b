package dev.edgepress.provisioner;

/** A problem the user can fix; the message says what to do. Never carries secrets. */
public class ProvisionException extends RuntimeException {

  public ProvisionException(String message) {
    super(message);
  }

  public ProvisionException(String message, Throwable cause) {
    super(message, cause);
  }
}
