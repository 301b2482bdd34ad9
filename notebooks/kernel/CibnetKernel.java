import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.LogManager;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts rapaio-jupyter-kernel 2.3.0 the way its MainApp does, minus two start-up races that left
 * about one start in five never answering on a busy 2-core machine ("Kernel didn't respond"):
 * 1. Channels.connect binds the shell and control channels (starting their loop threads) before it
 *    creates the handler map, so an early kernel_info_request throws a NullPointerException and
 *    kills the loop thread.
 * 2. LoopThread.start() starts the thread before setting its running flag, so the thread can see
 *    false and exit at once, silently.
 * After connect, any dead shell/control loop thread is replaced by one whose flag is set before it
 * starts; the client re-sends kernel_info_request until answered. This reads 2.3.0's private
 * fields: the version is pinned in pom.xml (rapaio.kernel.version).
 */
public final class CibnetKernel {
  private CibnetKernel() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CibnetKernel <connection-file>");
    }
    try (InputStream logging = CibnetKernel.class.getClassLoader().getResourceAsStream("logging.properties")) {
      LogManager.getLogManager().readConfiguration(logging);
    }
    ConnectionProperties props = Transform.fromJson(Files.readString(Path.of(args[0])), ConnectionProperties.class);
    Channels channels = new Channels(props);
    channels.connect(MainApp.kernel);
    // Watch the loops for the first seconds, the window in which both races happen.
    for (int i = 0; i < 100 && !channels.isMarkedForShutdown(); i++) {
      for (AbstractChannel channel : loopChannels(channels)) {
        reviveLoop(channel);
      }
      Thread.sleep(50);
    }
    channels.joinUntilClose();
  }

  private static List<AbstractChannel> loopChannels(Channels channels) throws ReflectiveOperationException {
    return List.of((AbstractChannel) field(Channels.class, "shell").get(channels),
        (AbstractChannel) field(Channels.class, "control").get(channels));
  }

  private static void reviveLoop(AbstractChannel channel) throws ReflectiveOperationException {
    Field loopField = field(channel.getClass(), "loopThread");
    LoopThread loop = (LoopThread) loopField.get(channel);
    if (loop == null || loop.isAlive() || (boolean) field(AbstractChannel.class, "closed").get(channel)) {
      return;
    }
    LoopThread fresh = new LoopThread(loop.getName(), (long) field(LoopThread.class, "sleep").get(loop),
        (Runnable) field(LoopThread.class, "loopBody").get(loop));
    field(LoopThread.class, "running").set(fresh, true);
    loopField.set(channel, fresh);
    fresh.start();
    System.err.println("cibnet kernel: restarted the " + loop.getName() + " loop (start-up race)");
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }
}
