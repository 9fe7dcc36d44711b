package dev.edgepress.provisioner.aws;

import dev.edgepress.provisioner.ProvisionException;
import dev.edgepress.provisioner.ProvisionListener;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A bounded waiter with progress: polls until the answer is present, tells the listener what is
 * awaited every few seconds, and gives up after a timeout with a message that says what to check.
 * The SDK's waiters have no progress callback, hence this.
 */
public final class Poller {

  private final Duration interval;
  private final ProvisionListener listener;

  public Poller(Duration interval, ProvisionListener listener) {
    this.interval = interval;
    this.listener = listener;
  }

  public <T> T await(String what, Duration timeout, Supplier<Optional<T>> poll, Supplier<String> onTimeout) {
    long start = System.nanoTime();
    long lastReport = start;
    while (true) {
      Optional<T> result = poll.get();
      if (result.isPresent()) {
        return result.get();
      }
      long now = System.nanoTime();
      if (now - start > timeout.toNanos()) {
        throw new ProvisionException(onTimeout.get());
      }
      if (now - lastReport >= Duration.ofSeconds(5).toNanos() || lastReport == start) {
        listener.waiting(what, (now - start) / 1_000_000_000L);
        lastReport = now;
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProvisionException("Interrupted while waiting for " + what + "; run again to carry on.", e);
      }
    }
  }
}
