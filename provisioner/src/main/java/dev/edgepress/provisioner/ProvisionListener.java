package dev.edgepress.provisioner;

/** Receives what provisioning has to say; the provisioner never logs by itself. */
public interface ProvisionListener {

  ProvisionListener SILENT = new ProvisionListener() {};

  default void info(String message) {}

  default void warn(String message) {}

  /** A long wait: called every few seconds with what is awaited and for how long so far. */
  default void waiting(String what, long secondsSoFar) {}

  /** Called when a step has finished (planned, or planned and applied). Tests stop a run here. */
  default void stepDone(String step) {}
}
