package dev.edgepress.maven.fork;

import java.io.IOException;

/** A line of the build protocol that cannot be read: another version, an unknown event, a bad field. */
public final class ProtocolException extends IOException {

  public ProtocolException(String message) {
    super(message);
  }
}
