package com.temporalmall.api.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local port that takes every connection and never sends a byte back: a database or a Temporal
 * frontend frozen as under SIGSTOP, its connections open and silent.
 */
public final class BlackHole implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();

  public BlackHole() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().start(this::holdEveryConnection);
  }

  private void holdEveryConnection() {
    try {
      while (true) {
        connections.add(server.accept()); // and never a byte back
      }
    } catch (IOException closed) {
      // the test is over
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The connections taken so far. */
  public List<Socket> connections() {
    return connections;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket connection : connections) {
      connection.close();
    }
  }
}
