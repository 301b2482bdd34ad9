package org.cibnet.spark;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Independent pieces of driver work (each its own Spark jobs, e.g. writes to different Delta
 * tables) run side by side: one's driver-side commit overlaps another's tasks, where one after the
 * other leaves the executors idle during each commit. Spark schedules jobs from several threads.
 */
public final class SideBySide {
  private SideBySide() {}

  /**
   * Each task's result, in the tasks' order, once all have ended; the first failing task's own
   * exception (in the tasks' order) is rethrown.
   */
  public static <T> List<T> all(List<Supplier<T>> tasks, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
      Thread t = new Thread(r, "cibnet-side-by-side");
      t.setDaemon(true);
      return t;
    });
    try {
      List<CompletableFuture<T>> running =
          tasks.stream().map(t -> CompletableFuture.supplyAsync(t, pool)).toList();
      // every task ends before a failure is reported, so none still writes after the caller failed
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).handle((done, failure) -> done).join();
      return running.stream().map(SideBySide::joined).toList();
    } finally {
      pool.shutdown();
    }
  }

  private static <T> T joined(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
