package com.temporalmall.activities.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a server that can go silent: while {@link #silence silenced} it keeps
 * every connection open and accepts new ones but passes no byte either way - what a client sees of
 * a server stopped with SIGSTOP or a network that drops packets - and {@link #resume} lets the held
 * bytes through again. Without a target it is a black hole: it accepts and never answers.
 */
public final class SilentProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private volatile boolean silent;

  private SilentProxy(InetSocketAddress target, boolean silent) throws IOException {
    this.target = target;
    this.silent = silent;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("silent-proxy-accept").start(this::accept);
  }

  /** A proxy to {@code host:port}, passing bytes until silenced. */
  public static SilentProxy to(String host, int port) throws IOException {
    return new SilentProxy(new InetSocketAddress(host, port), false);
  }

  /** A socket that accepts connections and never answers. */
  public static SilentProxy blackHole() throws IOException {
    return new SilentProxy(null, true);
  }

  public int port() {
    return listener.getLocalPort();
  }

  public void silence() {
    silent = true;
  }

  public void resume() {
    synchronized (gate) {
      silent = false;
      gate.notifyAll();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        if (target == null) {
          continue;
        }
        Socket server = new Socket();
        server.connect(target, 5_000);
        sockets.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException closed) {
        // the listener was closed, or the target refused: the client sees a closed connection
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              byte[] buffer = new byte[16384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                  awaitSound();
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (IOException gone) {
                // one side closed its end (or the driver gave up): close the other one too
              } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            });
  }

  private void awaitSound() throws InterruptedException {
    synchronized (gate) {
      while (silent) {
        gate.wait();
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    resume();
    listener.close();
    sockets.forEach(SilentProxy::closeQuietly);
  }
}
