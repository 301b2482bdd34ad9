package org.cibnet.stage;

/** Progress lines a person watching a job can follow: what finished and how long it took. */
public final class Progress {
  private Progress() {}

  public static void progress(String what, long startNanos) {
    System.out.printf("%-40s %8.1f s%n", what, (System.nanoTime() - startNanos) / 1e9);
  }
}
