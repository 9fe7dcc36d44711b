package dev.edgepress.publisher;

/**
 * A publish could not be done or finished; the message says why and what to do. A publish the
 * publisher refused before changing anything is a {@link PublishRefusedException}.
 */
public class PublishException extends RuntimeException {

  public PublishException(String message) {
    super(message);
  }

  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
